//! The meeting's record for the school (the one `TsmRecord` both renderers draw), and saving
//! it as a PDF or DOCX file: written under a temporary name, flushed and renamed.

use std::io::Write;
use std::path::{Path, PathBuf};

use caseload_domain::tsm::record::{
    RecordAction, RecordAttendee, RecordCarried, RecordPupil, RecordSnapshot, TsmRecord,
};
use caseload_domain::tsm::{TsmId, TsmStatus};
use caseload_store::tsms;
use caseload_store::{Reader, Store};
use chrono::NaiveDate;

use super::finish::yes_no;
use super::view::tsm_view;
use crate::commands::today;
use crate::context::Caseload;
use crate::data_dir;
use crate::error::AppError;
use crate::types::{RecordFormat, SavedFile, TsmActionView, TsmRecordSaveRequest};

fn record_action(a: &TsmActionView) -> RecordAction {
    RecordAction {
        what: a.what.trim().to_string(),
        owner_agency: a.owner_agency.label().to_string(),
        owner_person: a.owner_person.trim().to_string(),
        lead_practitioner: a.lead_practitioner.trim().to_string(),
        due_on: NaiveDate::parse_from_str(&a.due_on, "%Y-%m-%d").ok(),
    }
}

/// The record for the school, from the meeting as it stands.
fn record(r: &Reader<'_>, id: &TsmId) -> Result<TsmRecord, AppError> {
    let today = today();
    let v = tsm_view(r, id, today)?;
    let t = tsms::get(r, id)?;
    let snapshot = t.snapshot.clone().unwrap_or(RecordSnapshot {
        pupils: v.prep.pupils.len() as u32,
        persistent_absence: v.prep.persistent_absence,
        severe_absence: v.prep.severe_absence,
        severe_without_plan: v.prep.severe_without_plan,
    });
    Ok(TsmRecord {
        school_name: v.school_name.clone(),
        school_urn: v.school_urn.clone(),
        term: v.term_label.clone(),
        meeting_date: t.meeting_date,
        finished: t.status == TsmStatus::Finished,
        attendees: v
            .attendees
            .iter()
            .filter(|a| !a.name.trim().is_empty())
            .map(|a| RecordAttendee {
                name: a.name.trim().to_string(),
                role: a.role.trim().to_string(),
                organisation: a.organisation.trim().to_string(),
            })
            .collect(),
        snapshot,
        pupils: v
            .discussions
            .iter()
            .map(|d| RecordPupil {
                name: d.name.trim().to_string(),
                year_group: d
                    .year_group
                    .map(|y| {
                        if y == 0 {
                            "Reception".into()
                        } else {
                            format!("Year {y}")
                        }
                    })
                    .unwrap_or_default(),
                attendance: d
                    .attendance_pct
                    .map(|p| format!("{p:.1}%"))
                    .unwrap_or_default(),
                band: d.band.clone().unwrap_or_default(),
                barriers: d.barriers.iter().map(|b| b.label().to_string()).collect(),
                existing_plan: yes_no(d.has_plan).to_string(),
                notes: d.notes.trim().to_string(),
                actions: d.actions.iter().map(record_action).collect(),
            })
            .collect(),
        general_actions: v.general_actions.iter().map(record_action).collect(),
        carried_forward: v
            .carried
            .iter()
            .map(|c| RecordCarried {
                action: record_action(&c.action),
                pupil: c.pupil.clone(),
                agreed_on: NaiveDate::parse_from_str(&c.from_meeting_date, "%Y-%m-%d")
                    .unwrap_or(t.meeting_date),
                status: c
                    .review_here
                    .as_ref()
                    .map(|r| r.outcome.label().to_string())
                    .unwrap_or_else(|| "Not yet reviewed".into()),
                status_on: c
                    .review_here
                    .as_ref()
                    .and_then(|r| NaiveDate::parse_from_str(&r.on, "%Y-%m-%d").ok()),
            })
            .collect(),
        produced_on: today,
    })
}

/// The record's bytes in the format asked for.
fn render(record: &TsmRecord, format: RecordFormat) -> Result<Vec<u8>, AppError> {
    match format {
        RecordFormat::Pdf => caseload_exchange::to_pdf(record),
        RecordFormat::Docx => caseload_exchange::to_docx(record),
    }
    .map_err(|e| AppError::Storage {
        message: format!("The record could not be produced: {e}"),
    })
}

fn save_failed(path: &Path, e: std::io::Error) -> AppError {
    AppError::File {
        message: format!(
            "The record could not be saved to {}: {e}. Choose another folder",
            path.display()
        ),
        path: path.display().to_string(),
    }
}

/// A file name that says what it is and never replaces an earlier copy.
fn free_name(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem} ({n}).{ext}")
        };
        let path = dir.join(name);
        if !path.exists() {
            return path;
        }
        n += 1;
    }
}

/// Writes under a temporary name, flushes to disk, then renames: a crash never leaves a
/// half-written record under the final name.
fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("partial");
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&tmp, path)
}

pub fn tsm_record_save(cx: &Caseload, req: TsmRecordSaveRequest) -> Result<SavedFile, AppError> {
    let (record, urn) = cx.with_store(|store: &mut Store| {
        let r = store.read();
        let t = tsms::get(&r, &req.id)?;
        Ok((
            record(&r, &req.id)?,
            format!("{}-{}", t.school_urn, t.term.key()),
        ))
    })?;
    let bytes = render(&record, req.format)?;
    let blank = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(PathBuf::from)
    };
    let ext = match req.format {
        RecordFormat::Pdf => "pdf",
        RecordFormat::Docx => "docx",
    };
    let path = match (blank(&req.path), blank(&req.dir)) {
        (Some(path), _) => path,
        (None, dir) => {
            let dir = dir.unwrap_or_else(data_dir::documents);
            std::fs::create_dir_all(&dir).map_err(|e| save_failed(&dir, e))?;
            let draft = if record.finished { "" } else { " DRAFT" };
            free_name(&dir, &format!("TSM record {urn}{draft}"), ext)
        }
    };
    write_whole(&path, &bytes).map_err(|e| save_failed(&path, e))?;
    Ok(SavedFile {
        path: path.display().to_string(),
        bytes: bytes.len() as u64,
    })
}
