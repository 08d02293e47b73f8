//! Request and response types of the legal-ladder and evidence-bundle commands (exported to
//! TypeScript by `bindings`). Dates cross as ISO strings.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use caseload_domain::legal::{
    EsoStage, LegalStepKind, PenaltyAssessment, ProsecutionSection, StepDetails,
};
use caseload_domain::rules::RuleId;
use caseload_domain::{CaseId, LegalStepId};

#[derive(Debug, Clone, Deserialize, TS)]
pub struct LegalGetRequest {
    pub case_id: CaseId,
}

/// A step as typed; only the fields of `step` are read. Validation reports each problem
/// against the field of the same name (`on_date`, `decided_by`, `reason`, `parent_name`…).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct LegalStepAddRequest {
    pub case_id: CaseId,
    pub step: LegalStepKind,
    /// ISO date the step was agreed, issued or decided; not in the future.
    pub on_date: String,
    pub decided_by: String,
    #[serde(default)]
    #[ts(optional)]
    pub notes: Option<String>,
    /// Why the step is taken out of the ladder's order; required when it is.
    #[serde(default)]
    #[ts(optional)]
    pub reason: Option<String>,
    /// The id of the step this one corrects (same case, same kind).
    #[serde(default)]
    #[ts(optional)]
    pub corrects: Option<LegalStepId>,
    /// Attendance contract: the parents were present (it cannot be agreed without them).
    #[serde(default)]
    #[ts(optional)]
    pub parents_present: Option<bool>,
    #[serde(default)]
    #[ts(optional)]
    pub terms: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub compliance: Option<String>,
    /// Notice to improve: ISO date, 3 to 6 weeks after `on_date`.
    #[serde(default)]
    #[ts(optional)]
    pub improvement_ends_on: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub sufficient_improvement: Option<String>,
    /// Notice to improve, supervision order (required), prosecution: what came of it.
    #[serde(default)]
    #[ts(optional)]
    pub outcome: Option<String>,
    /// Penalty notice: the parent it is issued to.
    #[serde(default)]
    #[ts(optional)]
    pub parent_name: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub paid: Option<bool>,
    /// ISO date it was paid, when `paid`.
    #[serde(default)]
    #[ts(optional)]
    pub paid_on: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub eso_stage: Option<EsoStage>,
    #[serde(default)]
    #[ts(optional)]
    pub section: Option<ProsecutionSection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LegalStepView {
    pub id: LegalStepId,
    pub step: LegalStepKind,
    pub on_date: String,
    pub decided_by: String,
    pub notes: Option<String>,
    pub reason: Option<String>,
    /// What the reason answers, shown as its label: "Issued before the threshold was met", or
    /// "Reason for taking this step out of order"; `null` when no reason is recorded.
    pub reason_label: Option<String>,
    /// For a penalty notice: "Threshold met on 6 November 2026" or "Threshold not met", from
    /// the pupil's imported session marks.
    pub threshold: Option<String>,
    /// The step this one corrects.
    pub corrects: Option<LegalStepId>,
    /// Steps that correct this one, oldest first.
    pub corrected_by: Vec<LegalStepId>,
    /// False once a later step corrects it: kept for the record, no longer counted.
    pub current: bool,
    pub details: StepDetails,
    /// For a penalty notice: its number in the parent's 3-year window, amount and dates.
    pub penalty: Option<PenaltyAssessment>,
    /// RFC 3339 UTC: when it was typed.
    pub recorded_at: String,
}

/// An alert raised by the legal record, with its rule's title and explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LegalAlertView {
    pub rule: RuleId,
    pub title: String,
    pub explanation: String,
    /// ISO date the rule falls due or was met.
    pub on: Option<String>,
    pub message: String,
}

/// A kind of step and whether recording it today needs a reason (it would be out of order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NextLegalStepView {
    pub step: LegalStepKind,
    pub needs_reason: bool,
    /// Why a reason is needed.
    pub why: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LegalView {
    pub case_id: CaseId,
    /// Every step in date order, corrections included (see `current`).
    pub steps: Vec<LegalStepView>,
    pub alerts: Vec<LegalAlertView>,
    /// Every kind of step in ladder order, as of today.
    pub next: Vec<NextLegalStepView>,
    /// The rung after the highest recorded; `null` once a prosecution is recorded.
    pub suggested: Option<LegalStepKind>,
    /// The pupil is flagged as looked after: an education supervision order can only be
    /// considered.
    pub looked_after: bool,
    /// "Threshold met on 6 November 2026" or "Threshold not met": the penalty notice threshold
    /// (§5.6) over the pupil's imported session marks.
    pub threshold: String,
    /// ISO date the threshold was first met; `null` when it has not been (or no marks).
    pub threshold_met_on: Option<String>,
}

/// Saves the bundle where the worker chooses in the save dialog the backend opens (or in the
/// documents folder the machine fixes). No path: the CLI's `--out` uses
/// `evidence_bundle_save_to`.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct EvidenceBundleSaveRequest {
    pub case_id: CaseId,
    /// Put the pupil's legal name in the file name and the PDF's title. Off by default: both
    /// name the case reference and the date only (the UPN never).
    #[serde(default)]
    pub name_pupil: bool,
    /// The step the bundle is for. Absent: the rung after the highest recorded (a prosecution
    /// once one is recorded). A bundle for a supervision order or a prosecution is refused
    /// while no session marks are imported for the pupil.
    #[serde(default)]
    #[ts(optional)]
    pub purpose: Option<LegalStepKind>,
    /// PDF when absent; DOCX says the same in the same order.
    #[serde(default)]
    #[ts(optional)]
    pub format: Option<crate::tsm::RecordFormat>,
}
