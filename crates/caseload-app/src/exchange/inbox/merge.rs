//! The pupil fields an allocation file can set, and the three-way merge of one pupil: the
//! council's last value, the worker's value and the incoming value. A field the worker has
//! edited is never overwritten here; a difference is raised for the worker to choose.

use caseload_domain::{InboxFileId, Pupil, PupilDraft};
use caseload_store::cases::CaseRecord;
use caseload_store::{StoreError, Writer, inbox};
use chrono::{DateTime, Utc};

use crate::error::AppError;
use crate::support::today;

/// The pupil fields an allocation file can set, as stored text.
pub(super) const FIELDS: [(&str, &str); 7] = [
    ("legal_name", "Legal name"),
    ("preferred_name", "Preferred name"),
    ("date_of_birth", "Date of birth"),
    ("school_urn", "School URN"),
    ("school_name", "School name"),
    ("school_phase", "School phase"),
    ("year_group", "Year group"),
];

pub(super) fn value_of(p: &Pupil, field: &str) -> String {
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
pub(super) fn with_value(p: &Pupil, field: &str, value: &str) -> Result<Pupil, AppError> {
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

/// One field an allocation file would change: from the case's value to the council's.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct Change {
    pub field: String,
    pub from: String,
    pub to: String,
}

/// Three-way comparison of one pupil, changing nothing on the case: returns the fields the
/// council changed where the worker has not edited them since (to be proposed to the
/// worker), and how many conflicts were raised (fields the worker edited and the council now
/// says something else, which wait for the worker's choice as before).
pub(super) fn proposed_changes(
    w: &Writer<'_>,
    case: &CaseRecord,
    incoming: &Pupil,
    file_id: InboxFileId,
    now: DateTime<Utc>,
) -> Result<(Vec<Change>, u32), StoreError> {
    let mut changes = Vec::new();
    let mut raised = 0;
    for (field, _) in FIELDS {
        let theirs = value_of(incoming, field);
        let mine = value_of(&case.pupil, field);
        let base = inbox::allocated_value(&w.reader(), &case.pupil_id, field)?;
        if theirs == mine {
            inbox::set_allocated_value(w, &case.pupil_id, field, &theirs)?;
        } else if base.as_deref() == Some(mine.as_str()) {
            // The worker has not touched it since the council last sent it: propose the update.
            if with_value(&case.pupil, field, &theirs).is_ok() {
                changes.push(Change {
                    field: field.to_string(),
                    from: mine,
                    to: theirs,
                });
            }
        } else if base.as_deref() != Some(theirs.as_str()) {
            inbox::raise(w, &case.pupil_id, field, &mine, &theirs, file_id, now)?;
            raised += 1;
        }
    }
    Ok((changes, raised))
}
