//! Finishing a meeting (its record is then fixed and each linked pupil's case chronology gets
//! the discussion) and turning a pupil discussed into a case referral.

use caseload_domain::chronology::{ContactKind, Entry};
use caseload_domain::dates::long_date;
use caseload_domain::pupil::parse_date_of_birth;
use caseload_domain::tsm::TsmStatus;
use caseload_domain::tsm::record::RecordSnapshot;
use caseload_domain::{Field, FieldErrors, PupilDraft};
use caseload_store::cases::{self, Referral};
use caseload_store::tsms::{self, DiscussionRow, TsmRow};
use caseload_store::{Action, Writer, chronology};
use chrono::{NaiveTime, Utc};

use super::editable;
use super::view::{self, tsm_view};
use crate::context::Caseload;
use crate::error::AppError;
use crate::support::{now_local, today};
use crate::tsm::{TsmActionView, TsmGetRequest, TsmReferRequest, TsmView};

const MAX_WHO_CHARS: usize = 300;
const MAX_TEXT_CHARS: usize = 4000;

fn clip(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}

fn barrier_labels(d: &DiscussionRow) -> Vec<String> {
    d.text
        .barriers
        .iter()
        .map(|b| b.label().to_string())
        .collect()
}

pub(super) fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "Yes",
        Some(false) => "No",
        None => "Not known",
    }
}

/// The chronology entry for a pupil's discussion: who was there, what was said, what was agreed.
fn discussion_entry(
    t: &TsmRow,
    school: &str,
    attendees: &[String],
    d: &DiscussionRow,
    actions: &[TsmActionView],
) -> Entry {
    let time = if t.meeting_date == today() {
        now_local().time()
    } else {
        NaiveTime::from_hms_opt(9, 0, 0).expect("valid time")
    };
    let mut what = format!(
        "Discussed at the Targeting Support Meeting with {school} ({}).",
        t.term.label()
    );
    let barriers = barrier_labels(d);
    if !barriers.is_empty() {
        what.push_str(&format!(" Barriers: {}.", barriers.join(", ")));
    }
    what.push_str(&format!(
        " Existing plan: {}.",
        yes_no(d.text.has_plan).to_lowercase()
    ));
    if !d.text.notes.trim().is_empty() {
        what.push_str(&format!(" Notes: {}", d.text.notes.trim()));
    }
    let agreed: Vec<String> = actions
        .iter()
        .map(|a| {
            format!(
                "{} ({}, {}, due {})",
                a.what.trim(),
                a.owner_agency.label(),
                a.owner_person.trim(),
                long_due(&a.due_on)
            )
        })
        .collect();
    let next = actions
        .iter()
        .filter(|a| !a.due_on.is_empty())
        .min_by(|a, b| a.due_on.cmp(&b.due_on));
    Entry {
        kind: ContactKind::TsmDiscussion,
        occurred_at: t.meeting_date.and_time(time),
        who: clip(attendees.join(", "), MAX_WHO_CHARS),
        what: clip(what, MAX_TEXT_CHARS),
        outcome: (!agreed.is_empty()).then(|| {
            clip(
                format!("Actions agreed: {}", agreed.join("; ")),
                MAX_TEXT_CHARS,
            )
        }),
        next_step: next.map(|a| {
            clip(
                format!("{} by {}", a.what.trim(), long_due(&a.due_on)),
                MAX_TEXT_CHARS,
            )
        }),
    }
}

/// An action's due date (ISO, as stored) as the chronology shows it: "6 December 2026".
fn long_due(due_on: &str) -> String {
    chrono::NaiveDate::parse_from_str(due_on.trim(), "%Y-%m-%d")
        .map(long_date)
        .unwrap_or_else(|_| due_on.trim().to_string())
}

/// Writes the chronology entry of every discussion linked to a case that has none yet.
fn write_chronology(
    w: &Writer<'_>,
    view: &TsmView,
    t: &TsmRow,
) -> Result<(), caseload_store::StoreError> {
    let r = w.reader();
    let attendees: Vec<String> = view
        .attendees
        .iter()
        .filter(|a| !a.name.trim().is_empty())
        .map(|a| format!("{} ({})", a.name.trim(), a.role.trim()))
        .collect();
    for d in tsms::discussions(&r, &t.id)? {
        let (Some(case_id), None) = (&d.case_id, &d.chronology_id) else {
            continue;
        };
        let actions = view
            .discussions
            .iter()
            .find(|v| v.id == d.id)
            .map(|v| v.actions.clone())
            .unwrap_or_default();
        let entry = discussion_entry(t, &view.school_name, &attendees, &d, &actions);
        let entry_id = chronology::add(w, case_id, &entry, None, Utc::now())?;
        tsms::set_discussion_chronology(w, d.id, &entry_id)?;
    }
    Ok(())
}

pub fn tsm_finish(cx: &Caseload, req: TsmGetRequest) -> Result<TsmView, AppError> {
    let today = today();
    cx.with_store(|store| {
        let r = store.read();
        let t = editable(&r, &req.id)?;
        let before = tsm_view(&r, &req.id, today)?;
        if !before.problems.is_empty() {
            let n = before.problems.len();
            return Err(AppError::Incomplete {
                message: format!(
                    "The meeting cannot be finished yet: {n} thing{} to complete",
                    if n == 1 { "" } else { "s" }
                ),
                problems: before.problems,
            });
        }
        let snapshot = RecordSnapshot {
            pupils: before.prep.pupils.len() as u32,
            persistent_absence: before.prep.persistent_absence,
            severe_absence: before.prep.severe_absence,
            severe_without_plan: before.prep.severe_without_plan,
        };
        store.write(Action::TsmFinish, |w| {
            w.audit_entity("tsm", req.id.as_str());
            w.audit_detail(&format!("{} pupils discussed", snapshot.pupils));
            tsms::finish(w, &req.id, &snapshot, Utc::now())?;
            write_chronology(w, &before, &t)
        })?;
        tsm_view(&store.read(), &req.id, today)
    })
}

/// Turns a pupil discussed into a case referral: source the meeting, dated the meeting's day.
pub fn tsm_refer(cx: &Caseload, req: TsmReferRequest) -> Result<TsmView, AppError> {
    cx.with_store(|store| {
        let r = store.read();
        let d = tsms::get_discussion(&r, req.discussion_id)?;
        if d.case_id.is_some() {
            return Err(AppError::Conflict {
                message: "This pupil is already on your caseload: open their case instead".into(),
            });
        }
        let t = tsms::get(&r, &d.tsm_id)?;
        let school = view::school(&r, &t.school_urn)?;
        let (pupil, referral) = referral(&req, &d, &t, &school)?;
        let finished = t.status == TsmStatus::Finished;
        let before = tsm_view(&r, &t.id, today())?;
        store.write(Action::TsmReferral, |w| {
            let case = cases::add(w, &pupil, &referral, Utc::now())?;
            w.audit_entity("case", case.id.as_str());
            w.audit_detail(&format!("referred from meeting {}", t.id.as_str()));
            tsms::set_discussion_case(w, d.id, &case.id)?;
            if finished {
                write_chronology(w, &before, &t)?;
            }
            Ok(())
        })?;
        tsm_view(&store.read(), &t.id, today())
    })
}

fn referral(
    req: &TsmReferRequest,
    d: &DiscussionRow,
    t: &TsmRow,
    school: &caseload_domain::link_school::LinkSchool,
) -> Result<(caseload_domain::Pupil, Referral), AppError> {
    let today = today();
    if t.meeting_date > today {
        return Err(AppError::Conflict {
            message: "A referral from this meeting can be made on or after the meeting's date"
                .into(),
        });
    }
    let pick = |asked: &Option<String>, known: Option<String>| {
        asked
            .clone()
            .filter(|v| !v.trim().is_empty())
            .or(known)
            .unwrap_or_default()
    };
    let upn = pick(&req.upn, d.upn.clone());
    let year = pick(&req.year_group, d.year_group.map(|y| y.to_string()));
    let dob = req.date_of_birth.clone().unwrap_or_default();
    let mut errors = FieldErrors::default();
    if dob.trim().is_empty() {
        errors.push(
            Field::DateOfBirth,
            "Enter the pupil's date of birth to refer them",
        );
    } else {
        errors.check(Field::DateOfBirth, parse_date_of_birth(&dob, today));
    }
    let pupil = PupilDraft {
        legal_name: &d.text.name,
        preferred_name: None,
        date_of_birth: &dob,
        upn: &upn,
        school_urn: school.urn.as_str(),
        school_name: school.name.as_str(),
        school_phase: Some(school.phase.as_str()),
        year_group: &year,
    }
    .validate(today);
    match pupil {
        Ok(p) if errors.is_empty() => Ok((
            p,
            Referral {
                source: format!("TSM: {}, {}", school.name.as_str(), t.term.label())
                    .chars()
                    .take(200)
                    .collect(),
                date: t.meeting_date,
            },
        )),
        Ok(_) => Err(AppError::validation(errors)),
        Err(e) => {
            let mut all = FieldErrors::default();
            for f in e.iter().filter(|f| f.field != Field::DateOfBirth) {
                all.push(f.field, f.message.clone());
            }
            for f in errors.iter() {
                all.push(f.field, f.message.clone());
            }
            Err(AppError::validation(all))
        }
    }
}
