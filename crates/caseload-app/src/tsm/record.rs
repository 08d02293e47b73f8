//! The meeting's record for the school (the one `TsmRecord` both renderers draw), and saving
//! it as a PDF or DOCX file (see `saved_file`).

use caseload_domain::tsm::record::{
    RecordAction, RecordAttendee, RecordCarried, RecordPupil, RecordSnapshot, TsmRecord,
};
use caseload_domain::tsm::{TsmId, TsmStatus};
use caseload_store::tsms;
use caseload_store::{Action, Reader, Store};
use chrono::NaiveDate;

use super::finish::yes_no;
use super::view::tsm_view;
use crate::context::Caseload;
use crate::documents::ask_where;
use crate::error::AppError;
use crate::support::saved_file::{Destination, save_remembered};
use crate::support::{SavedFile, today};
use crate::tsm::{RecordFormat, TsmActionView, TsmRecordSaveRequest};

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

/// The record's file name without folder: `TSM record <URN>-<term>[ DRAFT]` and its extension.
fn file_stem(record: &TsmRecord, urn_term: &str, format: RecordFormat) -> (String, &'static str) {
    let ext = match format {
        RecordFormat::Pdf => "pdf",
        RecordFormat::Docx => "docx",
    };
    let draft = if record.finished { "" } else { " DRAFT" };
    (format!("TSM record {urn_term}{draft}"), ext)
}

fn record_and_name(cx: &Caseload, id: &TsmId) -> Result<(TsmRecord, String), AppError> {
    cx.with_store(|store: &mut Store| {
        let r = store.read();
        let t = tsms::get(&r, id)?;
        Ok((
            record(&r, id)?,
            format!("{}-{}", t.school_urn, t.term.key()),
        ))
    })
}

/// The name the record would be saved under: (stem, extension).
pub(crate) fn record_file_name(
    cx: &Caseload,
    id: &TsmId,
    format: RecordFormat,
) -> Result<(String, &'static str), AppError> {
    let (record, urn) = record_and_name(cx, id)?;
    Ok(file_stem(&record, &urn, format))
}

/// Saves the record where the worker chooses in the save dialog the backend opens (the
/// documents folder when the machine fixes it); `None` when the worker cancelled.
pub fn tsm_record_save(
    cx: &Caseload,
    req: TsmRecordSaveRequest,
) -> Result<Option<SavedFile>, AppError> {
    let (stem, ext) = record_file_name(cx, &req.id, req.format)?;
    match ask_where(cx, "record", &stem, ext)? {
        Some(to) => tsm_record_save_to(cx, req, &to).map(Some),
        None => Ok(None),
    }
}

/// Saves the record at `to` (the CLI's `--out`; not a command the webview can call).
pub fn tsm_record_save_to(
    cx: &Caseload,
    req: TsmRecordSaveRequest,
    to: &Destination,
) -> Result<SavedFile, AppError> {
    let (record, urn) = record_and_name(cx, &req.id)?;
    let bytes = render(&record, req.format)?;
    let (stem, ext) = file_stem(&record, &urn, req.format);
    let saved = save_remembered(cx, to, "record", &stem, ext, &bytes)?;
    // The entry names the meeting and the file's type, never its path (names may be in it).
    cx.with_store(|store| {
        crate::audit::record(
            store,
            Action::DocumentSaved,
            Some(("tsm", req.id.as_str())),
            None,
            &format!("meeting record ({ext})"),
        )
    })?;
    Ok(saved)
}
