//! The audit trail: listing its entries (the Audit screen, a case's History, `caseload audit
//! list`) and checking its hash chain (`caseload audit verify`). The entries themselves are
//! appended by the store on every write; this module also holds what the commands elsewhere use
//! to name what they changed (`pupil_changes`, `details_changes`) and to record events that
//! change no rows (`record`).

use caseload_domain::audit::{AuditRecord, ChainBreak, ChainCheck};
use caseload_domain::family::PupilDetails;
use caseload_domain::transition::parse_past_date;
use caseload_domain::{Field, FieldErrors, Pupil};
use caseload_store::{Action, Store, audit};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::context::Caseload;
use crate::error::AppError;

/// Filters for the list; every one optional. Dates are `YYYY-MM-DD`, inclusive, in UTC.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct AuditListRequest {
    #[serde(default)]
    #[ts(optional)]
    pub case_id: Option<String>,
    /// An action's name as stored (`case_add`, `unlock`, …).
    #[serde(default)]
    #[ts(optional)]
    pub action: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub since: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub until: Option<String>,
    /// At most this many, newest first (default 500).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
}

/// One entry as a worker reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditEntryView {
    #[ts(type = "number")]
    pub seq: i64,
    /// UTC, ISO 8601: `2026-12-06T13:40:00.123Z`.
    pub at: String,
    pub worker: String,
    pub action: String,
    /// The action in words: "Case added", "Chronology entry added", …
    pub action_label: String,
    pub entity_type: String,
    pub entity_id: String,
    pub case_id: Option<String>,
    pub detail: String,
}

/// An action found in the trail, for the list's filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditActionOption {
    pub action: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditListView {
    pub entries: Vec<AuditEntryView>,
    /// Every action that occurs in the trail (not only in `entries`), by label.
    pub actions: Vec<AuditActionOption>,
}

/// The result of checking the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditVerifyView {
    pub intact: bool,
    pub entries: u32,
    /// edited | deleted | inserted | reordered | unlinked (absent when intact).
    pub problem: Option<String>,
    /// The entry where the chain breaks (the first missing one, for a deletion).
    #[ts(type = "number | null")]
    pub at_seq: Option<i64>,
    /// One sentence a worker reads, intact or not.
    pub message: String,
}

/// The words for an action's stored name. A name without words of its own (an action added
/// later) reads as its name with spaces, capitalised.
pub fn action_label(action: &str) -> String {
    let words = match action {
        "case_add" => "Case added",
        "case_update" => "Pupil's details changed",
        "case_transition" => "Case status changed",
        "attendance_record" => "Attendance figures recorded",
        "settings_update" => "Settings changed",
        "demo_fill" => "Demo caseload filled",
        "chronology_add" => "Chronology entry added",
        "plan_set" => "Plan saved",
        "plan_action_add" => "Plan action added",
        "plan_action_status" => "Plan action status changed",
        "pupil_details_set" => "Pupil's address and details changed",
        "family_change" => "Family changed",
        "link_school_set" => "Link school saved",
        "tsm_plan" => "Meeting planned",
        "tsm_edit" => "Meeting changed",
        "tsm_finish" => "Meeting finished",
        "tsm_action_review" => "Meeting action reviewed",
        "tsm_referral" => "Referred from a meeting",
        "import_marks" => "Attendance marks imported",
        "import_summary" => "Attendance summary imported",
        "legal_step_add" => "Legal step recorded",
        "export_queue" => "Export queued",
        "export_delivery" => "Export delivery",
        "export_local_copy" => "Export saved as a local copy",
        "inbox_take" => "Shared-drive file taken in",
        "inbox_conflict_resolve" => "Shared-drive conflict resolved",
        "inbox_proposal_accept" => "Allocation proposal accepted",
        "inbox_proposal_refuse" => "Allocation proposal refused",
        "document_saved" => "Document saved",
        "unlock" => "Unlocked",
        "unlock_failed" => "Wrong passphrase",
        "lock" => "Locked",
        "backup" => "Backup made",
        "restore" => "Restored from a backup",
        "purge" => "Records purged",
        "outbox_purge" => "Delivered exports purged",
        "passphrase_change" => "Passphrase changed",
        other => {
            let spaced = other.replace('_', " ");
            let mut chars = spaced.chars();
            return match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            };
        }
    };
    words.to_string()
}

fn view(r: AuditRecord) -> AuditEntryView {
    let f = r.fields;
    AuditEntryView {
        seq: r.seq,
        at: f.at,
        worker: f.worker,
        action_label: action_label(&f.action),
        action: f.action,
        entity_type: f.entity_type,
        entity_id: f.entity_id,
        case_id: Some(f.case_id).filter(|c| !c.is_empty()),
        detail: f.detail,
    }
}

fn date(value: Option<&str>, field: Field, what: &str) -> Result<Option<NaiveDate>, AppError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => parse_past_date(v, NaiveDate::MAX, what)
            .map(Some)
            .map_err(|e| AppError::validation(FieldErrors::single(field, e.0))),
    }
}

/// The default number of entries listed.
pub const DEFAULT_LIMIT: u32 = 500;

pub fn audit_list(cx: &Caseload, req: AuditListRequest) -> Result<AuditListView, AppError> {
    let since = date(req.since.as_deref(), Field::From, "from")?;
    let until = date(req.until.as_deref(), Field::To, "to")?;
    if let (Some(s), Some(u)) = (since, until)
        && s > u
    {
        return Err(AppError::validation(FieldErrors::single(
            Field::To,
            "The date to must be on or after the date from",
        )));
    }
    let filter = audit::Filter {
        case_id: req.case_id.filter(|c| !c.trim().is_empty()),
        action: req.action.filter(|a| !a.trim().is_empty()),
        since,
        until,
        limit: Some(req.limit.unwrap_or(DEFAULT_LIMIT)),
    };
    cx.with_store(|store| {
        let entries = audit::list(&store.read(), &filter)?
            .into_iter()
            .map(view)
            .collect();
        let mut actions: Vec<AuditActionOption> = audit::actions(&store.read())?
            .into_iter()
            .map(|action| AuditActionOption {
                label: action_label(&action),
                action,
            })
            .collect();
        actions.sort_by(|a, b| a.label.cmp(&b.label));
        Ok(AuditListView { entries, actions })
    })
}

/// What a chain check says, in a worker's words.
pub fn verify_view(check: &ChainCheck) -> AuditVerifyView {
    match check {
        ChainCheck::Intact { entries } => AuditVerifyView {
            intact: true,
            entries: *entries as u32,
            problem: None,
            at_seq: None,
            message: format!(
                "The audit trail is intact: all {entries} entries link up and match what they record"
            ),
        },
        ChainCheck::Broken { entries, problem } => {
            let (kind, seq) = match problem {
                ChainBreak::Edited { seq } => ("edited", *seq),
                ChainBreak::Deleted { from, .. } => ("deleted", *from),
                ChainBreak::Inserted { seq } => ("inserted", *seq),
                ChainBreak::Reordered { seq, .. } => ("reordered", *seq),
                ChainBreak::Unlinked { seq } => ("unlinked", *seq),
            };
            AuditVerifyView {
                intact: false,
                entries: *entries as u32,
                problem: Some(kind.to_string()),
                at_seq: Some(seq),
                message: format!(
                    "The audit trail has been tampered with: {problem}. Tell your data protection officer and keep this caseload as it is"
                ),
            }
        }
    }
}

pub fn audit_verify(cx: &Caseload, _: ()) -> Result<AuditVerifyView, AppError> {
    cx.with_store(|store| Ok(verify_view(&audit::verify(&store.read())?)))
}

/// Records an event that changes no rows (unlock, lock, a document saved), as one entry.
pub(crate) fn record(
    store: &mut Store,
    action: Action,
    entity: Option<(&str, &str)>,
    case_id: Option<&str>,
    detail: &str,
) -> Result<(), AppError> {
    store.write(action, |w| {
        if let Some(case_id) = case_id {
            w.audit_entity("case", case_id);
        }
        if let Some((kind, id)) = entity {
            w.audit_entity(kind, id);
        }
        if !detail.is_empty() {
            w.audit_detail(detail);
        }
        Ok(())
    })?;
    Ok(())
}

fn changed(names: Vec<&str>) -> String {
    if names.is_empty() {
        "no fields changed".to_string()
    } else {
        format!("changed: {}", names.join(", "))
    }
}

/// Which of a pupil's fields an update changed, by name only ("changed: legal_name, upn").
pub(crate) fn pupil_changes(before: &Pupil, after: &Pupil) -> String {
    let mut names = Vec::new();
    let mut check = |name, differs: bool| {
        if differs {
            names.push(name);
        }
    };
    check("legal_name", before.legal_name != after.legal_name);
    check(
        "preferred_name",
        before.preferred_name != after.preferred_name,
    );
    check("date_of_birth", before.date_of_birth != after.date_of_birth);
    check("upn", before.upn != after.upn);
    check("school_urn", before.school_urn != after.school_urn);
    check("school_name", before.school_name != after.school_name);
    check("school_phase", before.school_phase != after.school_phase);
    check("year_group", before.year_group != after.year_group);
    changed(names)
}

/// Which of a pupil's details an update changed, by name only.
pub(crate) fn details_changes(before: &PupilDetails, after: &PupilDetails) -> String {
    let mut names = Vec::new();
    let mut check = |name, differs: bool| {
        if differs {
            names.push(name);
        }
    };
    check("address", before.address != after.address);
    check("postcode", before.postcode != after.postcode);
    check("ward", before.ward != after.ward);
    check("flags", before.flags != after.flags);
    check(
        "key_professionals",
        before.key_professionals != after.key_professionals,
    );
    check(
        "part_time_review_on",
        before.part_time_review_on != after.part_time_review_on,
    );
    changed(names)
}
