//! Moving a case through its lifecycle, and recording the pupil's attendance on it.

use caseload_domain::attendance::SessionCounts;
use caseload_domain::case::TransitionKind;
use caseload_domain::dates::parse_attendance_date;
use caseload_domain::transition::TransitionDraft;
use caseload_domain::{ClosureCategory, Field, FieldErrors};
use caseload_store::readings::{Reading, ReadingSource};
use caseload_store::{Action, cases, events, readings};
use chrono::Utc;

use super::record::get;
use crate::cases::{AttendanceRecordRequest, CaseDetail, CaseTransitionRequest};
use crate::context::Caseload;
use crate::error::AppError;
use crate::settings::load;
use crate::support::today;

pub fn case_transition(cx: &Caseload, req: CaseTransitionRequest) -> Result<CaseDetail, AppError> {
    cx.with_store(|store| {
        let record = cases::get(&store.read(), &req.id)?;
        let next = record
            .status
            .after(req.kind)
            .map_err(|e| AppError::InvalidTransition {
                message: e.message,
                from: record.status,
                step: req.kind,
            })?;
        let last_on = events::history(&store.read(), &req.id)?
            .last()
            .map(|e| e.on_date);
        let teams = load(store)?.teams;
        let draft = TransitionDraft {
            on_date: &req.on_date,
            team: req.team.as_deref(),
            worker: req.worker.as_deref(),
            note: req.note.as_deref(),
        };
        let transition = draft.validate(req.kind, today(), last_on, &teams);
        let category = match (req.kind, req.closure_category) {
            (TransitionKind::Close, None) => Err(FieldErrors::single(
                Field::ClosureCategory,
                ClosureCategory::choose_message(),
            )),
            (TransitionKind::Close, Some(c)) => Ok(Some(c)),
            _ => Ok(None),
        };
        let (transition, category) = match (transition, category) {
            (Ok(t), Ok(c)) => (t, c),
            (Err(mut e), Err(c)) => {
                e.append(c);
                return Err(AppError::validation(e));
            }
            (Err(e), _) | (_, Err(e)) => return Err(AppError::validation(e)),
        };
        store.write(Action::CaseTransition, |w| {
            w.audit_entity("case", req.id.as_str());
            let closed_as = category.map_or(String::new(), |c| format!(" ({})", c.as_str()));
            w.audit_detail(&format!(
                "{} to {}{closed_as}",
                record.status.as_str(),
                next.as_str()
            ));
            events::record(w, &req.id, &transition, record.status, next, Utc::now())?;
            match category {
                Some(c) => cases::set_closure_category(w, &req.id, c),
                None => Ok(()),
            }
        })?;
        get(store, &req.id)
    })
}

fn count(errors: &mut FieldErrors, value: &str, what: &str) -> Option<u32> {
    let parsed = value
        .trim()
        .parse::<u32>()
        .map_err(|_| format!("Enter the {what} sessions as a whole number, 0 or more"));
    errors.check(Field::Sessions, parsed)
}

pub fn attendance_record(
    cx: &Caseload,
    req: AttendanceRecordRequest,
) -> Result<CaseDetail, AppError> {
    let mut errors = FieldErrors::default();
    let as_at = errors.check(
        Field::AsAt,
        parse_attendance_date(&req.as_at, today(), "the figures are as at"),
    );
    let possible = count(&mut errors, &req.possible, "possible");
    let present = count(&mut errors, &req.present, "present");
    let authorised = count(&mut errors, &req.authorised, "authorised absence");
    let unauthorised = count(&mut errors, &req.unauthorised, "unauthorised absence");
    let reading = match (as_at, possible, present, authorised, unauthorised) {
        (Some(as_at), Some(p), Some(pr), Some(a), Some(u)) if errors.is_empty() => {
            let counts = SessionCounts::new(p, pr, a, u).map_err(|e| {
                AppError::validation(FieldErrors::single(
                    Field::Sessions,
                    format!("Check the figures: {e}"),
                ))
            })?;
            Reading { as_at, counts }
        }
        _ => return Err(AppError::validation(errors)),
    };
    cx.with_store(|store| {
        let record = cases::get(&store.read(), &req.id)?;
        store.write(Action::AttendanceRecord, |w| {
            w.audit_entity("case", req.id.as_str());
            readings::add(
                w,
                &record.pupil_id,
                &reading,
                ReadingSource::Worker,
                Utc::now(),
            )
        })?;
        get(store, &req.id)
    })
}
