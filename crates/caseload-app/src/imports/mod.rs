//! Taking attendance files in: session marks and pupil summaries, CSV or XLSX. The file is read
//! and checked whole first (no lock on the caseload meanwhile), then written in one
//! transaction: all of it or none of it. Progress is reported for the UI to poll, and a cancel
//! stops at the next report with nothing kept. Imported figures go to their own tables and never
//! overwrite what the worker typed.

pub(crate) mod import_job;
mod types;

pub use import_job::{ImportPhase, ImportProgress};
pub use types::{
    ImportKindView, ImportMappingGetRequest, ImportMappingSetRequest, ImportProblem, ImportRequest,
    ImportView,
};

use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::ops::ControlFlow;
use std::path::Path;

use caseload_domain::ImportId;
use caseload_exchange::import::{
    ColumnMapping, ImportFailure, ImportSource, MarksFile, SummaryFile, import_marks,
    import_summaries,
};
use caseload_store::imports::{self, ImportKind, ImportRecord, SummaryRecord};
use caseload_store::{Action, Store, StoreError, cases, settings};
use chrono::Utc;
use sha2::{Digest, Sha256};

use crate::context::Caseload;
use crate::error::AppError;
use crate::support::today;
use import_job::ImportJob;

/// Our field's wire name → the file's header, as the UI and the CLI see a column mapping.
type HeaderMap = BTreeMap<String, String>;

fn kind_of(view: ImportKindView) -> ImportKind {
    match view {
        ImportKindView::Marks => ImportKind::Marks,
        ImportKindView::Summary => ImportKind::Summary,
    }
}

fn mapping_key(kind: ImportKind) -> String {
    format!("import_mapping.{}", kind.as_str())
}

fn parse_mapping(raw: &BTreeMap<String, String>) -> Result<ColumnMapping, AppError> {
    let value = serde_json::to_value(raw).map_err(|e| storage(e.to_string()))?;
    serde_json::from_value(value).map_err(|e| {
        AppError::validation(caseload_domain::FieldErrors::single(
            caseload_domain::Field::Kind,
            format!("The column mapping names a field Caseload does not know: {e}"),
        ))
    })
}

fn storage(message: String) -> AppError {
    AppError::Storage { message }
}

pub(crate) fn saved_mapping(store: &Store, kind: ImportKind) -> Result<ColumnMapping, AppError> {
    Ok(settings::get::<ColumnMapping>(&store.read(), &mapping_key(kind))?.unwrap_or_default())
}

pub fn import_mapping_get(
    cx: &Caseload,
    req: ImportMappingGetRequest,
) -> Result<HeaderMap, AppError> {
    let mapping = cx.with_store(|store| saved_mapping(store, kind_of(req.kind)))?;
    serde_json::from_value(serde_json::to_value(mapping).map_err(|e| storage(e.to_string()))?)
        .map_err(|e| storage(e.to_string()))
}

pub fn import_mapping_set(
    cx: &Caseload,
    req: ImportMappingSetRequest,
) -> Result<HeaderMap, AppError> {
    let mapping = parse_mapping(&req.mapping)?;
    let key = mapping_key(kind_of(req.kind));
    cx.with_store(|store| {
        store.write(Action::SettingsUpdate, |w| {
            w.audit_entity("settings", &key);
            settings::set(w, &key, &mapping)?;
            // Attendance files the inbox refused (often for headers this mapping now
            // names) are read and tried again at the next sync.
            caseload_store::inbox::forget_refused(w, "attendance")?;
            Ok(())
        })?;
        Ok(())
    })?;
    import_mapping_get(cx, ImportMappingGetRequest { kind: req.kind })
}

fn view(record: ImportRecord, on_caseload: Option<u32>) -> ImportView {
    ImportView {
        id: record.id,
        kind: match record.kind {
            ImportKind::Marks => ImportKindView::Marks,
            ImportKind::Summary => ImportKindView::Summary,
        },
        file_name: record.file_name,
        rows: record.rows,
        pupils: record.pupils,
        on_caseload,
        first_date: record.first_date.map(|d| d.to_string()),
        last_date: record.last_date.map(|d| d.to_string()),
        imported_at: record.imported_at,
        sha256: record.sha256,
    }
}

pub fn import_list(cx: &Caseload, _: ()) -> Result<Vec<ImportView>, AppError> {
    cx.with_store(|store| {
        Ok(imports::list(&store.read())?
            .into_iter()
            .map(|r| view(r, None))
            .collect())
    })
}

pub fn import_progress(cx: &Caseload, _: ()) -> Result<Option<ImportProgress>, AppError> {
    Ok(cx.imports().progress())
}

pub fn import_cancel(cx: &Caseload, _: ()) -> Result<bool, AppError> {
    Ok(cx.imports().cancel())
}

/// The file's SHA-256 and size; a file that cannot be opened is reported as such.
pub(crate) fn hash_file(path: &Path) -> Result<(String, u64), AppError> {
    let unreadable = |e: std::io::Error| AppError::File {
        message: if e.kind() == std::io::ErrorKind::NotFound {
            format!(
                "The file {} does not exist: it may have been moved, renamed or deleted. Choose it again",
                path.display()
            )
        } else {
            format!(
                "The file {} could not be read: {}",
                path.display(),
                caseload_exchange::io_problem(&e)
            )
        },
        path: path.display().to_string(),
    };
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf).map_err(unreadable)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buf[..n]);
    }
    Ok((hex::encode(hasher.finalize()), size))
}

pub(crate) fn failure(e: ImportFailure) -> AppError {
    AppError::from(e)
}

fn saving<'a>(job: &'a ImportJob<'a>, total: usize) -> impl FnMut(usize) -> ControlFlow<()> + 'a {
    move |n| {
        job.report(|p| {
            p.phase = ImportPhase::Saving;
            p.rows = n as u64;
            p.total_rows = total as u64;
        })
    }
}

fn store_error(e: StoreError) -> AppError {
    match e {
        StoreError::Cancelled => AppError::Cancelled {
            message: "The import was cancelled: nothing from the file was saved".into(),
        },
        other => other.into(),
    }
}

/// Reads the request's file after finding the mapping; returns the job, hash and mapping.
fn prepare(
    cx: &Caseload,
    path: &Path,
    mapping: Option<&BTreeMap<String, String>>,
    kind: ImportKind,
) -> Result<(ColumnMapping, String, u64), AppError> {
    let mapping = match mapping {
        Some(raw) => parse_mapping(raw)?,
        None => cx.with_store(|store| saved_mapping(store, kind))?,
    };
    let (sha256, size) = hash_file(path)?;
    Ok((mapping, sha256, size))
}

fn reading<'j>(
    job: &'j ImportJob<'_>,
) -> impl FnMut(caseload_exchange::import::Progress) -> ControlFlow<()> + 'j {
    move |p| {
        job.report(|x| {
            x.rows = p.rows_read as u64;
            x.bytes_read = p.bytes_read;
            x.total_bytes = p.total_bytes;
        })
    }
}

fn caseload_upns(store: &Store) -> Result<HashSet<String>, AppError> {
    Ok(cases::list(&store.read())?
        .into_iter()
        .map(|c| c.pupil.upn.to_string())
        .collect())
}

/// Imports the session-marks file the worker chose (by its `file_choose` token).
pub fn import_marks_file(cx: &Caseload, req: ImportRequest) -> Result<ImportView, AppError> {
    let path = crate::documents::chosen_file(cx, &req.chosen)?;
    import_marks_file_at(cx, &path, req.mapping.as_ref())
}

/// Imports a session-marks file the CLI names (not a command the webview can call).
pub fn import_marks_file_at(
    cx: &Caseload,
    path: &Path,
    mapping: Option<&BTreeMap<String, String>>,
) -> Result<ImportView, AppError> {
    let (mapping, sha256, size) = prepare(cx, path, mapping, ImportKind::Marks)?;
    let source = ImportSource::path(path);
    let job = cx.imports().start(&source.file_name(), size)?;
    let file = import_marks(&source, &mapping, today(), &mut reading(&job)).map_err(failure)?;
    let total = file.mark_count();
    let record = marks_record(&file, sha256);
    cx.with_store(|store| {
        let id = store
            .write(Action::ImportMarks, |w| {
                let id = imports::record(w, &record, Utc::now())?;
                insert_marks(w, id, &file, &mut saving(&job, total))?;
                w.audit_entity("import", &id.0.to_string());
                w.audit_detail(&format!("{} pupils, {total} marks", file.pupils.len()));
                Ok(id)
            })
            .map_err(store_error)?;
        let upns = caseload_upns(store)?;
        let on = file
            .pupils
            .iter()
            .filter(|p| upns.contains(p.upn.as_str()))
            .count() as u32;
        Ok(view(
            ImportRecord {
                id,
                imported_at: Utc::now().to_rfc3339(),
                ..record
            },
            Some(on),
        ))
    })
}

/// Imports the attendance-summary file the worker chose (by its `file_choose` token).
pub fn import_summary_file(cx: &Caseload, req: ImportRequest) -> Result<ImportView, AppError> {
    let path = crate::documents::chosen_file(cx, &req.chosen)?;
    import_summary_file_at(cx, &path, req.mapping.as_ref())
}

/// Imports an attendance-summary file the CLI names (not a command the webview can call).
pub fn import_summary_file_at(
    cx: &Caseload,
    path: &Path,
    mapping: Option<&BTreeMap<String, String>>,
) -> Result<ImportView, AppError> {
    let (mapping, sha256, size) = prepare(cx, path, mapping, ImportKind::Summary)?;
    let source = ImportSource::path(path);
    let job = cx.imports().start(&source.file_name(), size)?;
    let file = import_summaries(&source, &mapping, today(), &mut reading(&job)).map_err(failure)?;
    let (record, rows) = summary_records(&file, sha256);
    let total = rows.len();
    cx.with_store(|store| {
        let id = store
            .write(Action::ImportSummary, |w| {
                let id = imports::record(w, &record, Utc::now())?;
                imports::insert_summaries(w, id, &rows, &mut saving(&job, total))?;
                w.audit_entity("import", &id.0.to_string());
                w.audit_detail(&format!("{total} pupils' summaries"));
                Ok(id)
            })
            .map_err(store_error)?;
        let upns = caseload_upns(store)?;
        let on = rows.iter().filter(|r| upns.contains(&r.upn)).count() as u32;
        Ok(view(
            ImportRecord {
                id,
                imported_at: Utc::now().to_rfc3339(),
                ..record
            },
            Some(on),
        ))
    })
}

/// The import record of a session-marks file.
pub(crate) fn marks_record(file: &MarksFile, sha256: String) -> ImportRecord {
    let dates = file
        .pupils
        .iter()
        .flat_map(|p| p.marks.iter().map(|m| m.date));
    ImportRecord {
        id: ImportId(0),
        kind: ImportKind::Marks,
        file_name: file.file.clone(),
        sha256,
        rows: file.rows as u64,
        pupils: file.pupils.len() as u64,
        first_date: dates.clone().min(),
        last_date: dates.max(),
        imported_at: String::new(),
    }
}

/// Inserts a marks file's marks in key order (the file's pupils may come in any order; each
/// pupil's marks are already in date and session order).
pub(crate) fn insert_marks(
    w: &caseload_store::Writer<'_>,
    id: ImportId,
    file: &MarksFile,
    progress: &mut dyn FnMut(usize) -> ControlFlow<()>,
) -> Result<(), StoreError> {
    let mut pupils: Vec<_> = file.pupils.iter().collect();
    pupils.sort_by(|a, b| a.upn.as_str().cmp(b.upn.as_str()));
    let marks = pupils
        .into_iter()
        .flat_map(|p| p.marks.iter().map(move |m| (p.upn.as_str(), m)));
    imports::insert_marks(w, id, marks, progress).map(|_| ())
}

/// The import record and rows of a summary file.
pub(crate) fn summary_records(
    file: &SummaryFile,
    sha256: String,
) -> (ImportRecord, Vec<SummaryRecord>) {
    let rows: Vec<SummaryRecord> = file
        .pupils
        .iter()
        .map(|p| SummaryRecord {
            import_id: ImportId(0),
            upn: p.upn.to_string(),
            as_at: p.as_at,
            counts: p.counts,
            school_urn: p.school_urn.as_ref().map(|u| u.as_str().to_string()),
            school_phase: p.school_phase.map(|ph| ph.as_str().to_string()),
            year_group: p.year_group.map(|y| y.get()),
            ward: p.ward.clone(),
            postcode: p.postcode.clone(),
        })
        .collect();
    let dates = rows.iter().map(|r| r.as_at);
    let record = ImportRecord {
        id: ImportId(0),
        kind: ImportKind::Summary,
        file_name: file.file.clone(),
        sha256,
        rows: file.rows as u64,
        pupils: rows.len() as u64,
        first_date: dates.clone().min(),
        last_date: dates.max(),
        imported_at: String::new(),
    };
    (record, rows)
}
