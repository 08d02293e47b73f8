//! `legal_steps`: a case's steps on the legal ladder, append-only (the schema refuses UPDATE
//! and DELETE). A correction is a new row of the same kind naming the one it corrects; the
//! rules about which steps may be added live in the domain, not here.

use chrono::{DateTime, Utc};
use rusqlite::{Row, params};

use crate::columns::{date, new_id, optional_date, timestamp};
use crate::error::StoreError;
use crate::write::{Reader, Writer};
use caseload_domain::legal::{
    EsoStage, LegalStep, LegalStepKind, ProsecutionSection, RecordedStep, StepDetails,
};
use caseload_domain::{CaseId, LegalStepId};

/// A stored step and when it was typed (RFC 3339 UTC).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRecord {
    pub recorded: RecordedStep,
    pub recorded_at: String,
}

const WHAT: &str = "legal step";

/// The kind-specific columns of a step, in the order of the INSERT below.
#[derive(Default)]
struct Columns<'a> {
    parents_present: Option<bool>,
    terms: Option<&'a str>,
    compliance: Option<&'a str>,
    improvement_ends_on: Option<String>,
    sufficient_improvement: Option<&'a str>,
    outcome: Option<&'a str>,
    parent_name: Option<&'a str>,
    paid_on: Option<String>,
    eso_stage: Option<&'static str>,
    section: Option<&'static str>,
}

fn columns(details: &StepDetails) -> Columns<'_> {
    match details {
        StepDetails::AttendanceContract {
            parents_present,
            terms,
            compliance,
        } => Columns {
            parents_present: Some(*parents_present),
            terms: Some(terms),
            compliance: compliance.as_deref(),
            ..Default::default()
        },
        StepDetails::NoticeToImprove {
            improvement_ends_on,
            sufficient_improvement,
            outcome,
        } => Columns {
            improvement_ends_on: Some(improvement_ends_on.to_string()),
            sufficient_improvement: Some(sufficient_improvement),
            outcome: outcome.as_deref(),
            ..Default::default()
        },
        StepDetails::PenaltyNotice {
            parent_name,
            paid_on,
        } => Columns {
            parent_name: Some(parent_name),
            paid_on: paid_on.map(|d| d.to_string()),
            ..Default::default()
        },
        StepDetails::SupervisionOrder { stage, outcome } => Columns {
            eso_stage: Some(stage.as_str()),
            outcome: Some(outcome),
            ..Default::default()
        },
        StepDetails::Prosecution { section, outcome } => Columns {
            section: Some(section.as_str()),
            outcome: outcome.as_deref(),
            ..Default::default()
        },
    }
}

/// Adds a step (checked by the domain's `admit`) and returns its id.
pub fn add(
    w: &Writer<'_>,
    case_id: &CaseId,
    step: &LegalStep,
    corrects: Option<&LegalStepId>,
    now: DateTime<Utc>,
) -> Result<LegalStepId, StoreError> {
    let id: LegalStepId = new_id();
    let c = columns(&step.details);
    w.conn.execute(
        "INSERT INTO legal_steps (id, case_id, kind, on_date, decided_by, notes, reason, corrects,
            parents_present, terms, compliance, improvement_ends_on, sufficient_improvement, outcome,
            parent_name, paid_on, eso_stage, section, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
        params![
            id.as_str(),
            case_id.as_str(),
            step.kind().as_str(),
            step.on.to_string(),
            step.decided_by,
            step.notes,
            step.reason,
            corrects.map(LegalStepId::as_str),
            c.parents_present,
            c.terms,
            c.compliance,
            c.improvement_ends_on,
            c.sufficient_improvement,
            c.outcome,
            c.parent_name,
            c.paid_on,
            c.eso_stage,
            c.section,
            timestamp(now)
        ],
    )?;
    Ok(id)
}

const SELECT: &str =
    "SELECT id, kind, on_date, decided_by, notes, reason, corrects, parents_present,
    terms, compliance, improvement_ends_on, sufficient_improvement, outcome, parent_name, paid_on,
    eso_stage, section, recorded_at FROM legal_steps";

fn text(row: &Row<'_>, column: &str) -> rusqlite::Result<Option<String>> {
    row.get(column)
}

fn required<T>(value: Option<T>) -> Result<T, StoreError> {
    value.ok_or_else(|| StoreError::corrupt(WHAT, "a column its kind needs is empty"))
}

/// The kind-specific columns of a row of `kind`.
fn details(kind: LegalStepKind, row: &Row<'_>) -> Result<StepDetails, StoreError> {
    Ok(match kind {
        LegalStepKind::AttendanceContract => StepDetails::AttendanceContract {
            parents_present: row
                .get::<_, Option<bool>>("parents_present")?
                .unwrap_or(false),
            terms: required(text(row, "terms")?)?,
            compliance: text(row, "compliance")?,
        },
        LegalStepKind::NoticeToImprove => StepDetails::NoticeToImprove {
            improvement_ends_on: required(optional_date(row, "improvement_ends_on", WHAT)?)?,
            sufficient_improvement: required(text(row, "sufficient_improvement")?)?,
            outcome: text(row, "outcome")?,
        },
        LegalStepKind::PenaltyNotice => StepDetails::PenaltyNotice {
            parent_name: required(text(row, "parent_name")?)?,
            paid_on: optional_date(row, "paid_on", WHAT)?,
        },
        LegalStepKind::SupervisionOrder => StepDetails::SupervisionOrder {
            stage: required(text(row, "eso_stage")?.as_deref().and_then(EsoStage::parse))?,
            outcome: required(text(row, "outcome")?)?,
        },
        LegalStepKind::Prosecution => StepDetails::Prosecution {
            section: required(
                text(row, "section")?
                    .as_deref()
                    .and_then(ProsecutionSection::parse),
            )?,
            outcome: text(row, "outcome")?,
        },
    })
}

fn record(row: &Row<'_>) -> Result<StepRecord, StoreError> {
    let kind: String = row.get("kind")?;
    let kind =
        LegalStepKind::parse(&kind).ok_or_else(|| StoreError::corrupt(WHAT, "unknown kind"))?;
    Ok(StepRecord {
        recorded: RecordedStep {
            id: LegalStepId(row.get("id")?),
            corrects: text(row, "corrects")?.map(LegalStepId),
            step: LegalStep {
                on: date(row, "on_date", WHAT)?,
                decided_by: row.get("decided_by")?,
                notes: text(row, "notes")?,
                reason: text(row, "reason")?,
                details: details(kind, row)?,
            },
        },
        recorded_at: row.get("recorded_at")?,
    })
}

/// A case's steps in the order they happened (ties: the order they were typed), corrections
/// included.
pub fn for_case(r: &Reader<'_>, case_id: &CaseId) -> Result<Vec<StepRecord>, StoreError> {
    let mut stmt = r.conn.prepare_cached(&format!(
        "{SELECT} WHERE case_id = ?1 ORDER BY on_date, recorded_at, id"
    ))?;
    stmt.query_and_then([case_id.as_str()], record)?.collect()
}

/// The cases with any legal step recorded (usually few), so the dashboard reads the ladder of
/// those cases only.
pub fn cases_with_steps(r: &Reader<'_>) -> Result<std::collections::HashSet<CaseId>, StoreError> {
    let mut stmt = r
        .conn
        .prepare_cached("SELECT DISTINCT case_id FROM legal_steps")?;
    let rows = stmt.query_map([], |row| row.get("case_id").map(CaseId))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
