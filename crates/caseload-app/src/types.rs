//! Request and response types of the commands. Exported to TypeScript by `bindings`; field names
//! are the wire names the UI and the CLI's JSON use.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::attendance_views::*;
pub use crate::exchange_views::*;
pub use crate::import_job::{ImportPhase, ImportProgress};
pub use crate::legal_views::*;
pub use crate::record_views::*;
pub use crate::tsm_views::*;
pub use crate::views::*;
pub use caseload_domain::case::TransitionKind;
pub use caseload_domain::chronology::ContactKind;
pub use caseload_domain::due::DueKind;
pub use caseload_domain::family::{KeyProfessional, PupilFlag};
pub use caseload_domain::plan::{ActionStatus, Barrier};
pub use caseload_domain::rules::{Alert, RuleId};
pub use caseload_domain::tsm::{
    Attendee, DiscussionId, FinishProblem, OwnerAgency, ProblemAt, ReviewOutcome, TsmActionId,
    TsmId, TsmStatus,
};
pub use caseload_domain::{
    CaseId, CaseStatus, CycleSettings, SchoolPhase, attendance::Trend, transition::Team,
};
pub use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppStatus {
    pub data_dir: String,
    pub initialised: bool,
    pub unlocked: bool,
    pub app_version: String,
    pub min_passphrase_length: u32,
}

#[derive(Clone, Deserialize, TS)]
pub struct CreateCaseloadRequest {
    pub passphrase: String,
    pub passphrase_confirm: String,
}

#[derive(Clone, Deserialize, TS)]
pub struct UnlockRequest {
    pub passphrase: String,
}

#[derive(Clone, Deserialize, TS)]
pub struct ChangePassphraseRequest {
    pub current_passphrase: String,
    pub new_passphrase: String,
    pub new_passphrase_confirm: String,
}

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
    pub team: Option<String>,
    pub worker: Option<String>,
    pub cycle_start: Option<String>,
    pub midpoint_done_on: Option<String>,
    pub next_due: Option<DueView>,
    pub closed_on: Option<String>,
    pub closure_reason: Option<String>,
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

/// A pupil's imported session marks, summarised (domain.md §5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MarksView {
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
}
