//! The shared drive's inbox: allocation files (cases the council assigns to this worker) and
//! attendance files, taken in through the same validated importers as a file the worker picks.
//! Every file is recorded by its SHA-256, so the same bytes are never taken twice. Imported
//! values never overwrite what the worker entered: a field the worker has edited since the
//! council last sent it, where the council now says something else, waits for the worker to
//! choose (three-way: the council's last value, the worker's value, the incoming value).

use std::ops::ControlFlow;

use caseload_domain::{ConflictId, InboxFileId, Pupil, PupilDraft};
use caseload_exchange::import::{
    AllocationFile, ColumnMapping, ImportFailure, ImportSource, import_allocations, import_marks,
    import_summaries,
};
use caseload_exchange::share::{InboxFile, InboxKind};
use caseload_store::cases::{self, CaseRecord, Referral};
use caseload_store::imports::{self, ImportKind};
use caseload_store::{Action, Store, StoreError, Writer, inbox};
use chrono::{DateTime, Utc};

use crate::context::Caseload;
use crate::error::AppError;
use crate::exchange::{
    ConflictChoice, ConflictResolveRequest, ConflictView, InboxFileView, InboxView,
};
use crate::imports::{insert_marks, marks_record, saved_mapping, summary_records};
use crate::support::today;

pub(crate) struct Taken {
    pub taken: bool,
    pub message: String,
}

/// The pupil fields an allocation file can set, as stored text.
const FIELDS: [(&str, &str); 7] = [
    ("legal_name", "Legal name"),
    ("preferred_name", "Preferred name"),
    ("date_of_birth", "Date of birth"),
    ("school_urn", "School URN"),
    ("school_name", "School name"),
    ("school_phase", "School phase"),
    ("year_group", "Year group"),
];

fn value_of(p: &Pupil, field: &str) -> String {
    match field {
        "legal_name" => p.legal_name.as_str().to_string(),
        "preferred_name" => p
            .preferred_name
            .as_ref()
            .map(|n| n.as_str().to_string())
            .unwrap_or_default(),
        "date_of_birth" => p.date_of_birth.to_string(),
        "school_urn" => p.school_urn.as_str().to_string(),
        "school_name" => p.school_name.as_str().to_string(),
        "school_phase" => p
            .school_phase
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        "year_group" => p.year_group.get().to_string(),
        _ => String::new(),
    }
}

/// The pupil with one field replaced, validated as the case form validates it.
fn with_value(p: &Pupil, field: &str, value: &str) -> Result<Pupil, AppError> {
    let mut v: Vec<String> = FIELDS.iter().map(|(f, _)| value_of(p, f)).collect();
    if let Some(i) = FIELDS.iter().position(|(f, _)| *f == field) {
        v[i] = value.to_string();
    }
    PupilDraft {
        legal_name: &v[0],
        preferred_name: Some(&v[1]),
        date_of_birth: &v[2],
        upn: p.upn.as_str(),
        school_urn: &v[3],
        school_name: &v[4],
        school_phase: Some(&v[5]),
        year_group: &v[6],
    }
    .validate(today())
    .map_err(AppError::validation)
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
    match import_summaries(&source, &mapping, go) {
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
            let marks = import_marks(&source, &mapping, go).map_err(refused)?;
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
    let (mut added, mut updated, mut conflicts) = (0u32, 0u32, 0u32);
    store.write(Action::InboxTake, |w| {
        let file_id = inbox::record(w, "allocations", &file.name, &file.sha256, "taken", "", now)?;
        for row in &parsed.cases {
            let known: Option<&CaseRecord> = existing
                .iter()
                .filter(|c| c.pupil.upn == row.pupil.upn)
                .max_by_key(|c| c.created_at);
            let Some(case) = known else {
                let referral = Referral {
                    source: row
                        .referral_source
                        .clone()
                        .unwrap_or_else(|| "Council allocation".into()),
                    date: row.referral_date.unwrap_or_else(today),
                };
                let record = cases::add(w, &row.pupil, &referral, now)?;
                for (field, _) in FIELDS {
                    inbox::set_allocated_value(
                        w,
                        &record.pupil_id,
                        field,
                        &value_of(&row.pupil, field),
                    )?;
                }
                added += 1;
                continue;
            };
            let (pupil, changed, raised) = merge(w, case, &row.pupil, file_id, now)?;
            if changed {
                cases::update_pupil(w, &case.id, &pupil, now)?;
                updated += 1;
            }
            conflicts += raised;
        }
        let detail = taken_detail(added, updated, conflicts);
        w.audit_entity("inbox_file", &file_id.0.to_string());
        w.audit_detail(&format!("allocations: {detail}"));
        inbox::set_detail(w, file_id, &detail)
    })?;
    Ok(format!(
        "{}: {}",
        file.name,
        taken_detail(added, updated, conflicts)
    ))
}

/// "1 new case, 2 updated, 1 difference for you to choose".
fn taken_detail(added: u32, updated: u32, conflicts: u32) -> String {
    let case = if added == 1 { "case" } else { "cases" };
    let diff = if conflicts == 1 {
        "difference"
    } else {
        "differences"
    };
    format!("{added} new {case}, {updated} updated, {conflicts} {diff} for you to choose")
}

/// Three-way merge of one pupil: returns the pupil to store, whether it changed, and how many
/// conflicts were raised.
fn merge(
    w: &Writer<'_>,
    case: &CaseRecord,
    incoming: &Pupil,
    file_id: InboxFileId,
    now: DateTime<Utc>,
) -> Result<(Pupil, bool, u32), StoreError> {
    let mut pupil = case.pupil.clone();
    let (mut changed, mut raised) = (false, 0);
    for (field, _) in FIELDS {
        let theirs = value_of(incoming, field);
        let mine = value_of(&pupil, field);
        let base = inbox::allocated_value(&w.reader(), &case.pupil_id, field)?;
        if theirs == mine {
            inbox::set_allocated_value(w, &case.pupil_id, field, &theirs)?;
        } else if base.as_deref() == Some(mine.as_str()) {
            // The worker has not touched it since the council last sent it: take the update.
            if let Ok(next) = with_value(&pupil, field, &theirs) {
                pupil = next;
                changed = true;
                inbox::set_allocated_value(w, &case.pupil_id, field, &theirs)?;
            }
        } else if base.as_deref() != Some(theirs.as_str()) {
            inbox::raise(w, &case.pupil_id, field, &mine, &theirs, file_id, now)?;
            raised += 1;
        }
    }
    Ok((pupil, changed, raised))
}

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
    Ok(InboxView { files, conflicts })
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
