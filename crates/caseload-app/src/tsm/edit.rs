//! Recording a meeting live. Every change is its own small transaction, saved as it is typed:
//! text is kept exactly as typed (only its length is limited), so nothing typed is refused
//! and nothing is lost if the laptop dies mid-meeting. Completeness is checked at finish.

use caseload_domain::tsm::{DiscussionId, MAX_TEXT_CHARS, OwnerAgency, TsmId};
use caseload_domain::{Field, FieldErrors, Upn, YearGroup};
use caseload_store::cases::{self, CaseRecord};
use caseload_store::tsm_actions::{self, ActionFields, Review};
use caseload_store::tsms::{self, DiscussionText, NewDiscussion};
use caseload_store::{Action, Reader, Store, plans};
use chrono::{NaiveDate, Utc};

use super::view::{pupil_name, tsm_view};
use super::{editable, parse_date};
use crate::cases::figures::CaseloadFigures;
use crate::context::Caseload;
use crate::error::AppError;
use crate::support::today;
use crate::tsm::{
    TsmActionAddRequest, TsmActionRemoveRequest, TsmActionReviewRequest, TsmActionUpdateRequest,
    TsmAttendeesSetRequest, TsmPupilAddRequest, TsmPupilRemoveRequest, TsmPupilUpdateRequest,
    TsmView,
};

fn limit(errors: &mut FieldErrors, field: Field, value: &str) {
    if value.chars().count() > MAX_TEXT_CHARS {
        errors.push(field, format!("Keep this to {MAX_TEXT_CHARS} characters"));
    }
}

fn check(errors: FieldErrors) -> Result<(), AppError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::validation(errors))
    }
}

fn view(store: &Store, id: &TsmId) -> Result<TsmView, AppError> {
    tsm_view(&store.read(), id, today())
}

pub fn tsm_attendees_set(cx: &Caseload, req: TsmAttendeesSetRequest) -> Result<TsmView, AppError> {
    let mut errors = FieldErrors::default();
    for a in &req.attendees {
        for text in [&a.name, &a.role, &a.organisation] {
            limit(&mut errors, Field::Name, text);
        }
    }
    check(errors)?;
    cx.with_store(|store| {
        editable(&store.read(), &req.id)?;
        store.write(Action::TsmEdit, |w| {
            w.audit_entity("tsm", req.id.as_str());
            w.audit_detail(&format!("attendees set: {}", req.attendees.len()));
            tsms::set_attendees(w, &req.id, &req.attendees)
        })?;
        view(store, &req.id)
    })
}

/// The figures a discussion starts with for a pupil on the caseload.
fn from_case(r: &Reader<'_>, c: &CaseRecord) -> Result<NewDiscussion, AppError> {
    let upn = c.pupil.upn.as_str();
    let f = CaseloadFigures::load_one(r, &c.pupil_id, upn)?.of(&c.pupil_id, upn, today());
    let current = f.current.map(|x| x.counts);
    Ok(NewDiscussion {
        upn: Some(upn.to_string()),
        name: pupil_name(c),
        year_group: Some(c.pupil.year_group.get()),
        case_id: Some(c.id.clone()),
        attendance: f.pct(),
        persistent: current.is_some_and(|x| x.persistent_absence()),
        severe: current.is_some_and(|x| x.severe_absence()),
        has_plan: Some(plans::cases_with_plan(r)?.contains(c.id.as_str())),
    })
}

/// The figures for a pupil known only from the imported attendance.
fn from_import(r: &Reader<'_>, typed: NewDiscussion) -> Result<NewDiscussion, AppError> {
    let Some(upn) = typed.upn.as_deref() else {
        return Ok(typed);
    };
    let latest = caseload_store::imports::latest_two_of(r, upn)?;
    let Some(s) = latest.first() else {
        return Ok(typed);
    };
    Ok(NewDiscussion {
        year_group: typed.year_group.or(s.year_group),
        attendance: s.counts.attendance_pct(),
        persistent: s.counts.persistent_absence(),
        severe: s.counts.severe_absence(),
        ..typed
    })
}

/// The pupil's case to link: the open one if any, else the latest.
fn case_for_upn(r: &Reader<'_>, upn: &str) -> Result<Option<CaseRecord>, AppError> {
    Ok(cases::list(r)?
        .into_iter()
        .filter(|c| c.pupil.upn.as_str() == upn)
        .max_by_key(|c| (c.status.is_open(), c.referral_date)))
}

fn typed_pupil(req: &TsmPupilAddRequest) -> Result<NewDiscussion, AppError> {
    let mut errors = FieldErrors::default();
    let name = req.name.as_deref().unwrap_or("").trim().to_string();
    let has_upn = req.upn.as_deref().is_some_and(|u| !u.trim().is_empty());
    // A pupil from the imported attendance comes with a UPN and no name (typed in next).
    if name.is_empty() && !has_upn {
        errors.push(
            Field::Name,
            "Enter the pupil's name, or choose a pupil from the pack",
        );
    }
    limit(&mut errors, Field::Name, &name);
    let upn = req.upn.as_deref().map(str::trim).filter(|u| !u.is_empty());
    let upn = upn.and_then(|u| errors.check(Field::Upn, Upn::parse(u)));
    let year = req
        .year_group
        .as_deref()
        .map(str::trim)
        .filter(|y| !y.is_empty());
    let year_group = year.and_then(|y| errors.check(Field::YearGroup, YearGroup::parse(y)));
    check(errors)?;
    Ok(NewDiscussion {
        upn: upn.map(|u| u.to_string()),
        name,
        year_group: year_group.map(YearGroup::get),
        ..NewDiscussion::default()
    })
}

pub fn tsm_pupil_add(cx: &Caseload, req: TsmPupilAddRequest) -> Result<TsmView, AppError> {
    cx.with_store(|store| {
        let r = store.read();
        editable(&r, &req.id)?;
        let new = match &req.case_id {
            Some(id) => from_case(&r, &cases::get(&r, id)?)?,
            None => {
                let typed = typed_pupil(&req)?;
                let known = match typed.upn.as_deref() {
                    Some(upn) => case_for_upn(&r, upn)?,
                    None => None,
                };
                match known {
                    Some(c) => from_case(&r, &c)?,
                    None => from_import(&r, typed)?,
                }
            }
        };
        let discussed = tsms::discussions(&r, &req.id)?;
        if new.upn.is_some() && discussed.iter().any(|d| d.upn == new.upn) {
            return Err(AppError::Conflict {
                message: "This pupil is already in this meeting's discussion".into(),
            });
        }
        store.write(Action::TsmEdit, |w| {
            w.audit_entity("tsm", req.id.as_str());
            w.audit_detail("pupil added to the discussion");
            tsms::add_discussion(w, &req.id, &new, Utc::now())
        })?;
        view(store, &req.id)
    })
}

fn meeting_of(r: &Reader<'_>, d: DiscussionId) -> Result<TsmId, AppError> {
    Ok(tsms::get_discussion(r, d)?.tsm_id)
}

pub fn tsm_pupil_update(cx: &Caseload, req: TsmPupilUpdateRequest) -> Result<TsmView, AppError> {
    let mut errors = FieldErrors::default();
    limit(&mut errors, Field::Name, &req.name);
    limit(&mut errors, Field::Note, &req.notes);
    check(errors)?;
    cx.with_store(|store| {
        let id = meeting_of(&store.read(), req.discussion_id)?;
        editable(&store.read(), &id)?;
        let text = DiscussionText {
            name: req.name.clone(),
            barriers: req.barriers.clone(),
            has_plan: req.has_plan,
            notes: req.notes.clone(),
        };
        store.write(Action::TsmEdit, |w| {
            w.audit_entity("tsm", id.as_str());
            w.audit_detail(&format!("discussion {} changed", req.discussion_id.0));
            tsms::update_discussion(w, req.discussion_id, &text, Utc::now())
        })?;
        view(store, &id)
    })
}

pub fn tsm_pupil_remove(cx: &Caseload, req: TsmPupilRemoveRequest) -> Result<TsmView, AppError> {
    cx.with_store(|store| {
        let r = store.read();
        let id = meeting_of(&r, req.discussion_id)?;
        editable(&r, &id)?;
        let reviewed = tsm_actions::of_meeting(&r, &id)?
            .iter()
            .any(|a| a.discussion == Some(req.discussion_id) && a.reviewed);
        if reviewed {
            return Err(AppError::Conflict {
                message: "An action for this pupil has already been reviewed, so the pupil stays in the record".into(),
            });
        }
        store.write(Action::TsmEdit, |w| {
            w.audit_entity("tsm", id.as_str());
            w.audit_detail(&format!("discussion {} removed", req.discussion_id.0));
            tsms::remove_discussion(w, req.discussion_id)
        })?;
        view(store, &id)
    })
}

pub fn tsm_action_add(cx: &Caseload, req: TsmActionAddRequest) -> Result<TsmView, AppError> {
    cx.with_store(|store| {
        let r = store.read();
        editable(&r, &req.id)?;
        if let Some(d) = req.discussion_id
            && meeting_of(&r, d)? != req.id
        {
            return Err(AppError::Conflict {
                message: "That pupil is discussed at a different meeting".into(),
            });
        }
        store.write(Action::TsmEdit, |w| {
            w.audit_entity("tsm", req.id.as_str());
            w.audit_detail("action added");
            tsm_actions::add(
                w,
                &req.id,
                req.discussion_id,
                OwnerAgency::School,
                Utc::now(),
            )
        })?;
        view(store, &req.id)
    })
}

pub fn tsm_action_update(cx: &Caseload, req: TsmActionUpdateRequest) -> Result<TsmView, AppError> {
    let mut errors = FieldErrors::default();
    for (field, text) in [
        (Field::What, &req.what),
        (Field::Owner, &req.owner_person),
        (Field::Owner, &req.lead_practitioner),
    ] {
        limit(&mut errors, field, text);
    }
    let due_on = match req.due_on.trim() {
        "" => None,
        d => Some(parse_date(Field::DueOn, d)?),
    };
    check(errors)?;
    cx.with_store(|store| {
        let id = tsm_actions::get(&store.read(), req.action_id)?.tsm_id;
        editable(&store.read(), &id)?;
        let fields = ActionFields {
            what: req.what.clone(),
            owner_agency: req.owner_agency,
            owner_person: req.owner_person.clone(),
            lead_practitioner: req.lead_practitioner.clone(),
            due_on,
        };
        store.write(Action::TsmEdit, |w| {
            w.audit_entity("tsm", id.as_str());
            w.audit_detail(&format!("action {} changed", req.action_id.0));
            tsm_actions::update(w, req.action_id, &fields, Utc::now())
        })?;
        view(store, &id)
    })
}

pub fn tsm_action_remove(cx: &Caseload, req: TsmActionRemoveRequest) -> Result<TsmView, AppError> {
    cx.with_store(|store| {
        let a = tsm_actions::get(&store.read(), req.action_id)?;
        editable(&store.read(), &a.tsm_id)?;
        if a.reviewed {
            return Err(AppError::Conflict {
                message: "This action has been reviewed, so it stays in the record".into(),
            });
        }
        store.write(Action::TsmEdit, |w| {
            w.audit_entity("tsm", a.tsm_id.as_str());
            w.audit_detail(&format!("action {} removed", req.action_id.0));
            tsm_actions::remove(w, req.action_id)
        })?;
        view(store, &a.tsm_id)
    })
}

/// Marks an open action done, not done or carried, dated; at a meeting (the next one of its
/// school) or from the worker's due list. Returns the meeting it was reviewed at, or the one
/// it was agreed at.
pub fn tsm_action_review(cx: &Caseload, req: TsmActionReviewRequest) -> Result<TsmView, AppError> {
    let today = today();
    let on = match req.on.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => today,
        Some(d) => parse_date(Field::OnDate, d)?,
    };
    if on > today {
        return Err(AppError::validation(FieldErrors::single(
            Field::OnDate,
            "The date of a review cannot be in the future",
        )));
    }
    cx.with_store(|store| {
        let r = store.read();
        let a = tsm_actions::get(&r, req.action_id)?;
        let agreed_at = tsms::get(&r, &a.tsm_id)?;
        if on < agreed_at.meeting_date {
            return Err(AppError::validation(FieldErrors::single(
                Field::OnDate,
                format!(
                    "The review cannot be dated before the meeting that agreed it ({})",
                    agreed_at.meeting_date
                ),
            )));
        }
        if let Some(at) = &req.at_meeting {
            let meeting = editable(&r, at)?;
            let carried = super::view::carried(&r, &meeting)?;
            if !carried.iter().any(|c| c.action.id == req.action_id) {
                return Err(AppError::Conflict {
                    message: "This action is not one carried into this meeting".into(),
                });
            }
        } else if !a.is_open() {
            return Err(AppError::Conflict {
                message: "This action is already closed".into(),
            });
        }
        let review = Review {
            outcome: req.outcome,
            on,
        };
        store.write(Action::TsmActionReview, |w| {
            w.audit_entity("tsm", a.tsm_id.as_str());
            w.audit_detail(&format!("action {} reviewed", req.action_id.0));
            tsm_actions::review(
                w,
                req.action_id,
                req.at_meeting.as_ref(),
                review,
                Utc::now(),
            )
        })?;
        view(store, req.at_meeting.as_ref().unwrap_or(&a.tsm_id))
    })
}

/// Open TSM actions due by the end of this week (overdue included), for the due list.
pub(crate) fn due_actions(
    r: &Reader<'_>,
    today: NaiveDate,
) -> Result<Vec<crate::tsm::TsmDueAction>, AppError> {
    let end = caseload_domain::due::end_of_week(today);
    let schools = caseload_store::link_schools::list(r)?;
    let mut out = Vec::new();
    for a in tsm_actions::open_with_due_date(r)? {
        let Some(due) = a.fields.due_on.filter(|d| *d <= end) else {
            continue;
        };
        let t = tsms::get(r, &a.tsm_id)?;
        let school_name = schools
            .iter()
            .find(|s| s.urn.as_str() == t.school_urn)
            .map(|s| s.name.as_str().to_string())
            .unwrap_or_default();
        let pupil = match a.discussion {
            Some(d) => tsms::get_discussion(r, d)?.text.name,
            None => String::new(),
        };
        out.push(crate::tsm::TsmDueAction {
            action_id: a.id,
            tsm_id: a.tsm_id.clone(),
            school_name,
            pupil,
            what: a.fields.what.clone(),
            owner_agency: a.fields.owner_agency,
            owner_person: a.fields.owner_person.clone(),
            due_on: due.to_string(),
            overdue: due < today,
        });
    }
    Ok(out)
}
