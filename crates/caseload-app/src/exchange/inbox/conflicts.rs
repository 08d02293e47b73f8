//! What the Inbox screen shows (the files seen and the open differences) and the worker's
//! choice on a difference. Choosing keeps one value and records the council's as known, so
//! the same difference is not raised again.

use caseload_domain::ConflictId;
use caseload_store::{Action, Store, cases, inbox};
use chrono::Utc;

use super::merge::{FIELDS, with_value};
use crate::context::Caseload;
use crate::error::AppError;
use crate::exchange::{
    ConflictChoice, ConflictResolveRequest, ConflictView, InboxFileView, InboxView,
};

pub(crate) fn inbox_view(store: &Store) -> Result<InboxView, AppError> {
    let r = store.read();
    let all = cases::list(&r)?;
    let conflicts = inbox::open_conflicts(&r)?
        .into_iter()
        .map(|c| {
            let case = all.iter().find(|k| k.pupil_id == c.pupil_id);
            ConflictView {
                id: c.id,
                case_id: case.map(|k| k.id.clone()),
                pupil_name: case
                    .map(|k| k.pupil.legal_name.as_str().to_string())
                    .unwrap_or_default(),
                field_label: FIELDS
                    .iter()
                    .find(|(f, _)| *f == c.field)
                    .map_or(c.field.clone(), |(_, l)| (*l).to_string()),
                field: c.field,
                worker_value: c.worker_value,
                incoming_value: c.incoming_value,
                file_name: c.file_name,
                raised_at: c.raised_at,
            }
        })
        .collect();
    let files = inbox::recent(&r, 50)?
        .into_iter()
        .map(|f| InboxFileView {
            file_name: f.file_name,
            kind: f.kind,
            seen_at: f.seen_at,
            outcome: f.outcome,
            detail: f.detail,
        })
        .collect();
    let proposals = super::proposals::proposal_views(&r)?;
    Ok(InboxView {
        files,
        conflicts,
        proposals,
    })
}

pub fn inbox_get(cx: &Caseload, _: ()) -> Result<InboxView, AppError> {
    cx.with_store(|store| inbox_view(store))
}

pub fn inbox_conflict_resolve(
    cx: &Caseload,
    req: ConflictResolveRequest,
) -> Result<InboxView, AppError> {
    cx.with_store(|store| {
        let conflict = inbox::conflict(&store.read(), ConflictId(i64::from(req.id)))?;
        let case = cases::list(&store.read())?
            .into_iter()
            .filter(|c| c.pupil_id == conflict.pupil_id)
            .max_by_key(|c| c.created_at)
            .ok_or_else(|| AppError::NotFound {
                message: "The case this difference belongs to was not found".into(),
                id: conflict.pupil_id.to_string(),
            })?;
        let next = match req.keep {
            ConflictChoice::Incoming => Some(with_value(
                &case.pupil,
                &conflict.field,
                &conflict.incoming_value,
            )?),
            ConflictChoice::Worker => None,
        };
        let now = Utc::now();
        store.write(Action::InboxConflictResolve, |w| {
            w.audit_entity("case", case.id.as_str());
            w.audit_entity("inbox_conflict", &conflict.id.0.to_string());
            w.audit_detail(&format!(
                "{}: kept the {} value",
                conflict.field,
                match req.keep {
                    ConflictChoice::Worker => "worker's",
                    ConflictChoice::Incoming => "council's",
                }
            ));
            if let Some(pupil) = &next {
                cases::update_pupil(w, &case.id, pupil, now)?;
            }
            // Either way the council's value is now known, so it is not raised again.
            inbox::set_allocated_value(
                w,
                &conflict.pupil_id,
                &conflict.field,
                &conflict.incoming_value,
            )?;
            let chosen = match req.keep {
                ConflictChoice::Worker => "worker",
                ConflictChoice::Incoming => "incoming",
            };
            inbox::resolve(w, conflict.id, chosen, now)
        })?;
        inbox_view(store)
    })
}
