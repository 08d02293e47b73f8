//! The shared drive's inbox: allocation files (cases the council assigns to this worker) and
//! attendance files, taken in through the same validated importers as a file the worker picks.
//! Every file is recorded by its SHA-256, so the same bytes are never taken twice. Imported
//! values never overwrite what the worker entered: a field the worker has edited since the
//! council last sent it, where the council now says something else, waits for the worker to
//! choose (three-way: the council's last value, the worker's value, the incoming value).
//!
//! This module takes files in; the pupil fields and the three-way merge are in `merge`, and
//! what the Inbox screen shows and the worker's choice on a difference are in `conflicts`.

mod conflicts;
mod merge;
mod proposals;

use std::ops::ControlFlow;

use caseload_exchange::import::{
    AllocationFile, ColumnMapping, ImportFailure, ImportSource, import_allocations, import_marks,
    import_summaries,
};
use caseload_exchange::share::{InboxFile, InboxKind};
use caseload_store::cases::{self, CaseRecord};
use caseload_store::imports::{self, ImportKind};
use caseload_store::{Action, Store, StoreError, inbox};
use chrono::{DateTime, Utc};

use crate::error::AppError;
use crate::exchange::sync::set_stamp;
use crate::imports::{insert_marks, marks_record, saved_mapping, summary_records};
use crate::support::today;
use merge::{FIELDS, proposed_changes, value_of};

pub use conflicts::{inbox_conflict_resolve, inbox_get};
pub use proposals::{inbox_proposal_accept, inbox_proposal_refuse, inbox_proposals_accept_all};

pub(crate) struct Taken {
    pub taken: bool,
    pub message: String,
}

fn kind_name(kind: InboxKind) -> &'static str {
    match kind {
        InboxKind::Allocations => "allocations",
        InboxKind::Attendance => "attendance",
    }
}

/// Takes one inbox file in, or records why it was refused. Either way it is recorded, so it is
/// not read again until its contents change.
pub(crate) fn take_inbox_file(
    store: &mut Store,
    file: &InboxFile,
    now: DateTime<Utc>,
) -> Result<Taken, AppError> {
    let kind = kind_name(file.kind);
    let result = match file.kind {
        InboxKind::Allocations => take_allocations(store, file, now),
        InboxKind::Attendance => take_attendance(store, file, now),
    };
    match result {
        Ok(message) => Ok(Taken {
            taken: true,
            message,
        }),
        Err(Refused(reason)) => {
            let message = format!("{}: refused, nothing taken. {reason}", file.name);
            store.write(Action::InboxTake, |w| {
                let id = inbox::record(w, kind, &file.name, &file.sha256, "refused", &reason, now)?;
                set_stamp(w, &file.stamp)?;
                w.audit_entity("inbox_file", &id.0.to_string());
                w.audit_detail(&format!("{kind}: refused"));
                Ok(id)
            })?;
            Ok(Taken {
                taken: false,
                message,
            })
        }
    }
}

/// Why a file was refused, in words for the worker (never a cell's value).
struct Refused(String);

impl From<AppError> for Refused {
    fn from(e: AppError) -> Self {
        Refused(e.one_line())
    }
}

impl From<StoreError> for Refused {
    fn from(e: StoreError) -> Self {
        Refused(AppError::from(e).one_line())
    }
}

fn refused(e: ImportFailure) -> Refused {
    Refused(e.to_string())
}

fn take_attendance(
    store: &mut Store,
    file: &InboxFile,
    now: DateTime<Utc>,
) -> Result<String, Refused> {
    let source = ImportSource::bytes(&file.name, &file.bytes);
    let go = &mut |_| ControlFlow::Continue(());
    let mapping = saved_mapping(store, ImportKind::Summary)?;
    match import_summaries(&source, &mapping, today(), go) {
        Ok(summary) => {
            let (record, rows) = summary_records(&summary, file.sha256.clone());
            store.write(Action::InboxTake, |w| {
                let id = imports::record(w, &record, now)?;
                imports::insert_summaries(w, id, &rows, &mut |_| ControlFlow::Continue(()))?;
                let file_id = inbox::record(
                    w,
                    "attendance",
                    &file.name,
                    &file.sha256,
                    "taken",
                    &format!("attendance summaries for {} pupils", rows.len()),
                    now,
                )?;
                set_stamp(w, &file.stamp)?;
                w.audit_entity("inbox_file", &file_id.0.to_string());
                w.audit_detail(&format!(
                    "attendance: summaries for {} pupils taken in (import {})",
                    rows.len(),
                    id.0
                ));
                Ok(file_id)
            })?;
            Ok(format!(
                "{}: attendance summaries for {} pupils taken in",
                file.name,
                rows.len()
            ))
        }
        Err(ImportFailure::MissingColumns { .. }) => {
            let mapping = saved_mapping(store, ImportKind::Marks)?;
            let marks = import_marks(&source, &mapping, today(), go).map_err(refused)?;
            let record = marks_record(&marks, file.sha256.clone());
            let count = marks.mark_count();
            store.write(Action::InboxTake, |w| {
                let id = imports::record(w, &record, now)?;
                insert_marks(w, id, &marks, &mut |_| ControlFlow::Continue(()))?;
                let file_id = inbox::record(
                    w,
                    "attendance",
                    &file.name,
                    &file.sha256,
                    "taken",
                    &format!("{count} session marks"),
                    now,
                )?;
                set_stamp(w, &file.stamp)?;
                w.audit_entity("inbox_file", &file_id.0.to_string());
                w.audit_detail(&format!(
                    "attendance: {count} session marks taken in (import {})",
                    id.0
                ));
                Ok(file_id)
            })?;
            Ok(format!("{}: {count} session marks taken in", file.name))
        }
        Err(e) => Err(refused(e)),
    }
}

/// Takes an allocation file in as proposals: a new case for each pupil not on the caseload,
/// and the changed fields of each pupil who is (where the worker has not edited them). No
/// case is created or changed here; the worker accepts or refuses each proposal on the Inbox
/// screen. Fields the worker edited that the council now changes wait as conflicts, as before.
fn take_allocations(
    store: &mut Store,
    file: &InboxFile,
    now: DateTime<Utc>,
) -> Result<String, Refused> {
    let source = ImportSource::bytes(&file.name, &file.bytes);
    let parsed: AllocationFile =
        import_allocations(&source, &ColumnMapping::new(), today(), &mut |_| {
            ControlFlow::Continue(())
        })
        .map_err(refused)?;
    let existing = cases::list(&store.read())?;
    let (mut new_cases, mut updates, mut conflicts) = (0u32, 0u32, 0u32);
    store.write(Action::InboxTake, |w| {
        let file_id = inbox::record(w, "allocations", &file.name, &file.sha256, "taken", "", now)?;
        set_stamp(w, &file.stamp)?;
        for row in &parsed.cases {
            let known: Option<&CaseRecord> = existing
                .iter()
                .filter(|c| c.pupil.upn == row.pupil.upn)
                .max_by_key(|c| c.created_at);
            let referral_source = row
                .referral_source
                .clone()
                .unwrap_or_else(|| "Council allocation".into());
            let referral_date = row.referral_date.unwrap_or_else(today).to_string();
            let upn = row.pupil.upn.as_str();
            match known {
                None => {
                    let values: std::collections::BTreeMap<&str, String> = FIELDS
                        .iter()
                        .map(|(f, _)| (*f, value_of(&row.pupil, f)))
                        .collect();
                    let values_json = serde_json::to_string(&values).unwrap_or_default();
                    inbox::propose(
                        w,
                        &inbox::NewProposal {
                            inbox_file_id: file_id,
                            kind: "new_case",
                            upn,
                            pupil_id: None,
                            values_json: &values_json,
                            changes_json: "[]",
                            referral_source: &referral_source,
                            referral_date: &referral_date,
                        },
                        now,
                    )?;
                    new_cases += 1;
                }
                Some(case) => {
                    let (changes, raised) = proposed_changes(w, case, &row.pupil, file_id, now)?;
                    conflicts += raised;
                    if changes.is_empty() {
                        continue;
                    }
                    let changes_json = serde_json::to_string(&changes).unwrap_or_default();
                    inbox::propose(
                        w,
                        &inbox::NewProposal {
                            inbox_file_id: file_id,
                            kind: "update",
                            upn,
                            pupil_id: Some(&case.pupil_id),
                            values_json: "{}",
                            changes_json: &changes_json,
                            referral_source: &referral_source,
                            referral_date: &referral_date,
                        },
                        now,
                    )?;
                    updates += 1;
                }
            }
        }
        let detail = taken_detail(new_cases, updates, conflicts);
        w.audit_entity("inbox_file", &file_id.0.to_string());
        w.audit_detail(&format!("allocations: {detail}"));
        inbox::set_detail(w, file_id, &detail)
    })?;
    Ok(format!(
        "{}: {}",
        file.name,
        taken_detail(new_cases, updates, conflicts)
    ))
}

/// "1 new case and 2 changed cases for you to accept or refuse, 1 difference for you to
/// choose".
fn taken_detail(new_cases: u32, updates: u32, conflicts: u32) -> String {
    let case = if new_cases == 1 { "case" } else { "cases" };
    let changed = if updates == 1 { "case" } else { "cases" };
    let diff = if conflicts == 1 {
        "difference"
    } else {
        "differences"
    };
    format!(
        "{new_cases} new {case} and {updates} changed {changed} for you to accept or refuse, \
         {conflicts} {diff} for you to choose"
    )
}
