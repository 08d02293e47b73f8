//! Request and response types of the case commands: the pupil as typed and as shown, the case
//! list and detail, lifecycle steps and attendance figures. Exported to TypeScript by `bindings`;
//! field names are the wire names the UI and the CLI's JSON use.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use caseload_domain::case::TransitionKind;
use caseload_domain::due::DueKind;
use caseload_domain::{CaseId, CaseStatus, SchoolPhase, TeamId};

/// A pupil as typed into the form: every field a string so that validation, not parsing,
/// reports what is wrong, next to the field.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct PupilInput {
    pub legal_name: String,
    #[serde(default)]
    pub preferred_name: Option<String>,
    pub date_of_birth: String,
    pub upn: String,
    pub school_urn: String,
    pub school_name: String,
    /// primary | secondary | special | alternative_provision; absent or empty: not recorded.
    #[serde(default)]
    #[ts(optional)]
    pub school_phase: Option<String>,
    pub year_group: String,
}

/// A new case: the pupil, and how the case came (source defaults to "not recorded", date to today).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct CaseAddRequest {
    #[serde(flatten)]
    #[ts(flatten)]
    pub pupil: PupilInput,
    #[serde(default)]
    #[ts(optional)]
    pub referral_source: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub referral_date: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CaseGetRequest {
    pub id: CaseId,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CaseUpdateRequest {
    pub id: CaseId,
    pub pupil: PupilInput,
}

/// One row of the caseload list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseSummary {
    pub id: CaseId,
    pub legal_name: String,
    pub preferred_name: Option<String>,
    pub upn: String,
    pub school_name: String,
    pub school_phase: Option<SchoolPhase>,
    pub year_group: u8,
    pub status: CaseStatus,
    /// RFC 3339, UTC; shown in Europe/London.
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "Pupil")]
pub struct PupilView {
    pub legal_name: String,
    pub preferred_name: Option<String>,
    /// ISO date.
    pub date_of_birth: String,
    pub upn: String,
    pub school_urn: String,
    pub school_name: String,
    pub school_phase: Option<SchoolPhase>,
    pub year_group: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CaseDetail {
    pub id: CaseId,
    pub pupil: PupilView,
    pub status: CaseStatus,
    pub referral_source: String,
    /// ISO dates from here on.
    pub referral_date: String,
    pub team: Option<TeamId>,
    pub worker: Option<String>,
    pub cycle_start: Option<String>,
    pub midpoint_done_on: Option<String>,
    pub next_due: Option<DueView>,
    pub closed_on: Option<String>,
    pub closure_reason: Option<String>,
    pub closure_category: Option<caseload_domain::ClosureCategory>,
    /// "Moved school or out of area", or "Not recorded" for a case closed before categories.
    pub closure_category_label: Option<String>,
    /// What the worker may do next, in the order to offer them.
    pub allowed_transitions: Vec<TransitionKind>,
    pub history: Vec<CaseEventView>,
    pub attendance: Vec<AttendanceView>,
    /// The summary of the pupil's imported session marks, if any were imported.
    pub marks: Option<MarksView>,
    /// What the rules engine raises for this pupil, most serious first.
    pub alerts: Vec<caseload_domain::rules::Alert>,
    pub created_at: String,
    pub updated_at: String,
}

/// A pupil's imported session marks, summarised (docs/domain.md §5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MarksView {
    /// The academic year the counts below are for, to date: "2026/27".
    pub academic_year: String,
    /// The first and last imported mark, of any year.
    pub first_date: String,
    pub last_date: String,
    pub possible: u32,
    pub present: u32,
    pub authorised: u32,
    pub unauthorised: u32,
    pub attendance_pct: Option<f64>,
    pub band: Option<String>,
    pub persistent_absence: bool,
    pub severe_absence: bool,
    pub fpn_threshold_met_on: Option<String>,
    pub illness_15_days_on: Option<String>,
    /// The academic year before, beside the current one; `null` when it has no marks.
    pub previous_year: Option<MarksYearView>,
    /// The same marks week by week, earliest first; weeks without possible sessions are left out.
    pub weeks: Vec<MarksWeekView>,
}

/// One academic year's figures from a pupil's marks, shown beside the current year's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MarksYearView {
    pub academic_year: String,
    pub possible: u32,
    pub attendance_pct: Option<f64>,
    pub persistent_absence: bool,
    pub severe_absence: bool,
}

/// One school week of a pupil's imported marks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MarksWeekView {
    /// ISO date of the Monday the week starts on.
    pub week_start: String,
    /// The term the week's sessions begin in, as stored and typed: `2026-autumn`.
    pub term: String,
    /// How a worker says it: "Autumn term 2026".
    pub term_label: String,
    /// The academic year of the week: the running percentage starts again in each.
    pub academic_year: String,
    pub possible: u32,
    pub present: u32,
    /// The week's own attendance, to one decimal.
    pub attendance_pct: f64,
    /// Attendance over every imported session up to the end of the week, to one decimal.
    pub cumulative_pct: f64,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CaseTransitionRequest {
    pub id: CaseId,
    pub kind: TransitionKind,
    /// ISO date the step happened (not in the future, not before the case's last step).
    pub on_date: String,
    #[serde(default)]
    #[ts(optional)]
    pub team: Option<TeamId>,
    #[serde(default)]
    #[ts(optional)]
    pub worker: Option<String>,
    /// The reason, required to decline, close or reopen.
    #[serde(default)]
    #[ts(optional)]
    pub note: Option<String>,
    /// Why the case closed, as a category: required to close (exports carry it, never `note`).
    #[serde(default)]
    #[ts(optional)]
    pub closure_category: Option<caseload_domain::ClosureCategory>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseEventView {
    /// `null` for the referral itself.
    pub kind: Option<TransitionKind>,
    pub on_date: String,
    pub to_status: CaseStatus,
    pub team: Option<TeamId>,
    pub worker: Option<String>,
    pub note: Option<String>,
}

/// Session counts as typed; validation reports each problem against the `sessions` or `as_at` field.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct AttendanceRecordRequest {
    pub id: CaseId,
    pub as_at: String,
    pub possible: String,
    pub present: String,
    pub authorised: String,
    pub unauthorised: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AttendanceView {
    pub as_at: String,
    pub possible: u32,
    pub present: u32,
    pub authorised: u32,
    pub unauthorised: u32,
    /// One decimal place; `null` when there were no possible sessions.
    pub attendance_pct: Option<f64>,
    pub persistent_absence: bool,
    pub severe_absence: bool,
    /// e.g. "91-100".
    pub band: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DueView {
    pub kind: DueKind,
    pub due_on: String,
    pub overdue: bool,
    /// For an action: what is to be done (absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub what: Option<String>,
}
