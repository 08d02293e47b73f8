//! Targeting Support Meetings: planning one per link school per term, reading it back with its
//! preparation pack, and the term coverage view. Live editing is in `edit`, finishing and
//! referral in `finish`, the record for the school in `record`.

mod edit;
mod finish;
mod record;
mod types;
mod view;

pub(crate) use edit::due_actions;
pub use edit::{
    tsm_action_add, tsm_action_remove, tsm_action_review, tsm_action_update, tsm_attendees_set,
    tsm_pupil_add, tsm_pupil_remove, tsm_pupil_update,
};
pub use finish::{tsm_finish, tsm_refer};
pub(crate) use record::record_file_name;
pub use record::{tsm_record_save, tsm_record_save_to};
pub use types::{
    CarriedActionView, CoverageRow, DiscussionView, PrepPack, PrepPupil, RecordFormat, ReviewView,
    TsmActionAddRequest, TsmActionRemoveRequest, TsmActionReviewRequest, TsmActionUpdateRequest,
    TsmActionView, TsmAttendeesSetRequest, TsmCoverage, TsmCoverageRequest, TsmDateSetRequest,
    TsmDueAction, TsmGetRequest, TsmPlanRequest, TsmPupilAddRequest, TsmPupilRemoveRequest,
    TsmPupilUpdateRequest, TsmRecordSaveRequest, TsmReferRequest, TsmSummary, TsmView,
};

use caseload_domain::dates::like_a_date;
use caseload_domain::tsm::{Term, TsmId, TsmStatus};
use caseload_domain::{Field, FieldErrors};
use caseload_store::tsms::{self, TsmRow};
use caseload_store::{Action, Reader, link_schools};
use chrono::{NaiveDate, Utc};

use crate::context::Caseload;
use crate::error::AppError;
use crate::support::today;

fn parse_date(field: Field, value: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
        AppError::validation(FieldErrors::single(field, like_a_date("Enter a real date")))
    })
}

fn parse_term(value: &str) -> Result<Term, AppError> {
    Term::parse(value).map_err(|e| AppError::validation(FieldErrors::single(Field::Term, e.0)))
}

/// The meeting, if it can still be changed.
pub(super) fn editable(r: &Reader<'_>, id: &TsmId) -> Result<TsmRow, AppError> {
    let t = tsms::get(r, id)?;
    if t.status == TsmStatus::Finished {
        return Err(AppError::Conflict {
            message: "This meeting is finished and its record is fixed: plan the next meeting to carry on".into(),
        });
    }
    Ok(t)
}

pub fn tsm_plan(cx: &Caseload, req: TsmPlanRequest) -> Result<TsmView, AppError> {
    let date = parse_date(Field::MeetingDate, &req.meeting_date)?;
    let term = match req.term.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => parse_term(t)?,
        None => Term::containing(date),
    };
    if !term.contains(date) {
        return Err(AppError::validation(FieldErrors::single(
            Field::MeetingDate,
            format!("The date is not in the {}", term.label()),
        )));
    }
    cx.with_store(|store| {
        if let Some(existing) = tsms::find(&store.read(), &req.school_urn, term)? {
            return Err(AppError::Conflict {
                message: format!(
                    "A meeting with this school is already planned for the {} ({}): open it instead",
                    existing.term.label(),
                    existing.meeting_date
                ),
            });
        }
        view::school(&store.read(), &req.school_urn)?;
        let id = store.write(Action::TsmPlan, |w| {
            let id = tsms::plan(w, &req.school_urn, term, date, Utc::now())?;
            w.audit_entity("tsm", id.as_str());
            Ok(id)
        })?;
        view::tsm_view(&store.read(), &id, today())
    })
}

pub fn tsm_get(cx: &Caseload, req: TsmGetRequest) -> Result<TsmView, AppError> {
    cx.with_store(|store| view::tsm_view(&store.read(), &req.id, today()))
}

pub fn tsm_date_set(cx: &Caseload, req: TsmDateSetRequest) -> Result<TsmView, AppError> {
    let date = parse_date(Field::MeetingDate, &req.meeting_date)?;
    cx.with_store(|store| {
        let t = editable(&store.read(), &req.id)?;
        if !t.term.contains(date) {
            return Err(AppError::validation(FieldErrors::single(
                Field::MeetingDate,
                format!("The date must be in the {}", t.term.label()),
            )));
        }
        store.write(Action::TsmEdit, |w| {
            w.audit_entity("tsm", req.id.as_str());
            w.audit_detail("changed: meeting_date");
            tsms::set_date(w, &req.id, date, Utc::now())
        })?;
        view::tsm_view(&store.read(), &req.id, today())
    })
}

pub fn tsm_list(cx: &Caseload, _: ()) -> Result<Vec<TsmSummary>, AppError> {
    cx.with_store(|store| {
        let r = store.read();
        let schools = link_schools::list(&r)?;
        tsms::list(&r)?
            .iter()
            .map(|t| {
                let name = schools
                    .iter()
                    .find(|s| s.urn.as_str() == t.school_urn)
                    .map(|s| s.name.as_str())
                    .unwrap_or("(school no longer linked)");
                Ok(view::summary(&r, t, name)?)
            })
            .collect()
    })
}

pub fn tsm_coverage(cx: &Caseload, req: TsmCoverageRequest) -> Result<TsmCoverage, AppError> {
    let term = match req.term.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => parse_term(t)?,
        None => Term::containing(today()),
    };
    cx.with_store(|store| {
        let r = store.read();
        let rows = link_schools::list(&r)?
            .into_iter()
            .map(|s| {
                let meeting = tsms::find(&r, s.urn.as_str(), term)?
                    .map(|t| view::summary(&r, &t, s.name.as_str()))
                    .transpose()?;
                Ok(CoverageRow {
                    school_urn: s.urn.as_str().to_string(),
                    school_name: s.name.as_str().to_string(),
                    school_phase: s.phase,
                    meeting,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let status = |want: Option<TsmStatus>| {
            rows.iter()
                .filter(|row| row.meeting.as_ref().map(|m| m.status) == want)
                .count() as u32
        };
        Ok(TsmCoverage {
            term: term.key(),
            term_label: term.label(),
            held: status(Some(TsmStatus::Finished)),
            planned: status(Some(TsmStatus::Planned)),
            not_planned: status(None),
            rows,
        })
    })
}
