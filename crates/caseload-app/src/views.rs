//! Request and response types of the lifecycle, attendance, dashboard, report and settings
//! commands (exported to TypeScript by `bindings`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use caseload_domain::attendance::Trend;
use caseload_domain::case::TransitionKind;
use caseload_domain::chronology::ContactKind;
use caseload_domain::due::DueKind;
use caseload_domain::plan::{ActionStatus, Barrier};
use caseload_domain::transition::Team;
use caseload_domain::{CaseId, CaseStatus, CycleSettings, SchoolPhase};

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CaseTransitionRequest {
    pub id: CaseId,
    pub kind: TransitionKind,
    /// ISO date the step happened (not in the future, not before the case's last step).
    pub on_date: String,
    #[serde(default)]
    #[ts(optional)]
    pub team: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub worker: Option<String>,
    /// The reason, required to decline, close or reopen.
    #[serde(default)]
    #[ts(optional)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseEventView {
    /// `null` for the referral itself.
    pub kind: Option<TransitionKind>,
    pub on_date: String,
    pub to_status: CaseStatus,
    pub team: Option<String>,
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

/// One open case on the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DashboardRow {
    pub id: CaseId,
    pub legal_name: String,
    pub preferred_name: Option<String>,
    pub upn: String,
    pub school_name: String,
    pub school_phase: Option<SchoolPhase>,
    pub year_group: u8,
    pub status: CaseStatus,
    pub team: Option<String>,
    pub worker: Option<String>,
    pub attendance_pct: Option<f64>,
    /// Against the previous reading; `null` with fewer than two readings.
    pub trend: Option<Trend>,
    pub persistent_absence: bool,
    pub severe_absence: bool,
    pub next_due: Option<DueView>,
    /// What the rules engine raises for this pupil, most serious first.
    pub alerts: Vec<caseload_domain::rules::Alert>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Dashboard {
    /// The worker's date (Europe/London) the dashboard was worked out for.
    pub today: String,
    pub rows: Vec<DashboardRow>,
    /// Ids of rows whose next item is due by Sunday (overdue included), soonest first.
    pub due_this_week: Vec<CaseId>,
    /// Open actions from Targeting Support Meetings due by Sunday (overdue included).
    pub tsm_actions_due: Vec<crate::types::TsmDueAction>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct FunnelRequest {
    /// ISO dates, inclusive.
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FunnelRowView {
    pub key: String,
    pub label: String,
    pub primary: u32,
    pub secondary: u32,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FunnelReport {
    pub from: String,
    pub to: String,
    pub rows: Vec<FunnelRowView>,
    /// "Closed with attendance improved" as a % of "closed after the cycle": primary,
    /// secondary, total (one decimal, `null` where nothing closed).
    pub improved_pct: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settings {
    pub teams: Vec<Team>,
    pub cycle: CycleSettings,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SearchRequest {
    /// What the worker typed: each word matches the start of a word in a pupil's names, UPN
    /// or school.
    pub query: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    pub case_id: CaseId,
    pub legal_name: String,
    pub preferred_name: Option<String>,
    pub upn: String,
    pub school_name: String,
    pub status: CaseStatus,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ChronologyAddRequest {
    pub case_id: CaseId,
    pub kind: ContactKind,
    /// Local (Europe/London) date and time, `YYYY-MM-DDTHH:MM`; not in the future.
    pub occurred_at: String,
    pub who: String,
    pub what: String,
    #[serde(default)]
    #[ts(optional)]
    pub outcome: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub next_step: Option<String>,
    /// The id of the entry this one corrects (same case).
    #[serde(default)]
    #[ts(optional)]
    pub corrects: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ChronologyListRequest {
    pub case_id: CaseId,
    /// Only entries of this kind.
    #[serde(default)]
    #[ts(optional)]
    pub kind: Option<ContactKind>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChronologyEntryView {
    pub id: String,
    pub kind: ContactKind,
    pub occurred_at: String,
    pub who: String,
    pub what: String,
    pub outcome: Option<String>,
    pub next_step: Option<String>,
    /// The entry this one corrects.
    pub corrects: Option<String>,
    /// Entries that correct this one, oldest first: show them together.
    pub corrected_by: Vec<String>,
    /// RFC 3339 UTC: when it was typed.
    pub recorded_at: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PlanGetRequest {
    pub case_id: CaseId,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PlanSetRequest {
    pub case_id: CaseId,
    pub barriers: Vec<Barrier>,
    #[serde(default)]
    #[ts(optional)]
    pub other_barriers: Option<String>,
    /// The SMART target: attendance % (one decimal) to reach by `target_by` (ISO date).
    #[serde(default)]
    #[ts(optional)]
    pub target_pct: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub target_by: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub interventions: Option<String>,
    /// ISO dates.
    #[serde(default)]
    pub review_dates: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PlanActionAddRequest {
    pub case_id: CaseId,
    pub what: String,
    pub owner: String,
    /// ISO date.
    pub due_on: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PlanActionStatusRequest {
    pub case_id: CaseId,
    pub action_id: String,
    pub status: ActionStatus,
    /// ISO date the status changed; not in the future.
    pub on_date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanActionView {
    pub id: String,
    pub what: String,
    pub owner: String,
    pub due_on: String,
    pub status: ActionStatus,
    pub status_on: Option<String>,
    /// Open and due before today.
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanView {
    pub case_id: CaseId,
    pub barriers: Vec<Barrier>,
    pub other_barriers: Option<String>,
    pub target_pct: Option<f64>,
    pub target_by: Option<String>,
    pub interventions: Option<String>,
    pub review_dates: Vec<String>,
    pub actions: Vec<PlanActionView>,
}
