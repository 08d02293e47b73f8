//! Finishing a meeting (its record is then fixed and each linked pupil's case chronology gets
//! the discussion), turning a pupil discussed into a case referral, and the record itself as
//! PDF or DOCX for the school.

use std::io::Write;
use std::path::{Path, PathBuf};

use caseload_domain::chronology::{ContactKind, Entry};
use caseload_domain::pupil::parse_date_of_birth;
use caseload_domain::tsm::record::{
    RecordAction, RecordAttendee, RecordCarried, RecordPupil, RecordSnapshot, TsmRecord,
};
use caseload_domain::tsm::{TsmId, TsmStatus};
use caseload_domain::{Field, FieldErrors, PupilDraft};
use caseload_store::cases::{self, Referral};
use caseload_store::tsms::{self, DiscussionRow, TsmRow};
use caseload_store::{Action, Reader, Store, Writer, chronology};
use chrono::{NaiveDate, NaiveTime, Utc};

use super::editable;
use super::view::{self, tsm_view};
use crate::commands::{now_local, today};
use crate::context::Caseload;
use crate::data_dir;
use crate::error::AppError;
use crate::types::{
    RecordFormat, SavedFile, TsmActionView, TsmGetRequest, TsmRecordSaveRequest, TsmReferRequest,
    TsmView,
};

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

fn yes_no(v: Option<bool>) -> &'static str {
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
                a.due_on
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
        next_step: next.map(|a| clip(format!("{} by {}", a.what.trim(), a.due_on), MAX_TEXT_CHARS)),
    }
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
