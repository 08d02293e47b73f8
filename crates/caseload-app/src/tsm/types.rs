//! Request and response types of the Targeting Support Meeting commands (exported to
//! TypeScript by `bindings`). Dates cross as ISO strings; ids as their newtypes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use caseload_domain::attendance::Trend;
use caseload_domain::plan::Barrier;
use caseload_domain::tsm::{
    Attendee, DiscussionId, FinishProblem, OwnerAgency, ReviewOutcome, TsmActionId, TsmId,
    TsmStatus,
};
use caseload_domain::{CaseId, CaseStatus, SchoolPhase};

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TsmPlanRequest {
    pub school_urn: String,
    /// ISO date of the meeting.
    pub meeting_date: String,
    /// e.g. `2026-autumn`; the term the date falls in when absent.
    #[serde(default)]
    #[ts(optional)]
    pub term: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TsmGetRequest {
    pub id: TsmId,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TsmDateSetRequest {
    pub id: TsmId,
    pub meeting_date: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TsmAttendeesSetRequest {
    pub id: TsmId,
    pub attendees: Vec<Attendee>,
}

/// Adds a pupil to discuss: one from the caseload (`case_id`), or one typed by name (and UPN
/// if known) who is not on the caseload yet.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct TsmPupilAddRequest {
    pub id: TsmId,
    #[serde(default)]
    #[ts(optional)]
    pub case_id: Option<CaseId>,
    #[serde(default)]
    #[ts(optional)]
    pub name: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub upn: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub year_group: Option<String>,
}

/// What is typed about a pupil: saved on every change, exactly as typed.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct TsmPupilUpdateRequest {
    pub discussion_id: DiscussionId,
    pub name: String,
    pub barriers: Vec<Barrier>,
    /// `null`: not known yet.
    pub has_plan: Option<bool>,
    pub notes: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TsmPupilRemoveRequest {
    pub discussion_id: DiscussionId,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TsmActionAddRequest {
    pub id: TsmId,
    /// The pupil the action is for; absent for an action for the school as a whole.
    #[serde(default)]
    #[ts(optional)]
    pub discussion_id: Option<DiscussionId>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TsmActionUpdateRequest {
    pub action_id: TsmActionId,
    pub what: String,
    pub owner_agency: OwnerAgency,
    pub owner_person: String,
    pub lead_practitioner: String,
    /// ISO date, or empty while not yet agreed.
    pub due_on: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TsmActionRemoveRequest {
    pub action_id: TsmActionId,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TsmActionReviewRequest {
    pub action_id: TsmActionId,
    pub outcome: ReviewOutcome,
    /// The meeting at which it is reviewed; absent when marked from the due list.
    #[serde(default)]
    #[ts(optional)]
    pub at_meeting: Option<TsmId>,
    /// ISO date; today when absent.
    #[serde(default)]
    #[ts(optional)]
    pub on: Option<String>,
}

/// Turns a pupil discussed into a case referral (source: this meeting). A pupil not yet on
/// the caseload needs the details a case requires that the meeting did not record.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct TsmReferRequest {
    pub discussion_id: DiscussionId,
    #[serde(default)]
    #[ts(optional)]
    pub date_of_birth: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub upn: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub year_group: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TsmCoverageRequest {
    /// e.g. `2026-autumn`; the current term when absent.
    #[serde(default)]
    #[ts(optional)]
    pub term: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RecordFormat {
    Pdf,
    Docx,
}

/// Saves the record where the worker chooses in the save dialog the backend opens (or in the
/// documents folder the machine fixes). No path: the CLI's `--out` uses `tsm_record_save_to`.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TsmRecordSaveRequest {
    pub id: TsmId,
    pub format: RecordFormat,
}

/// One meeting in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TsmSummary {
    pub id: TsmId,
    pub school_urn: String,
    pub school_name: String,
    pub term: String,
    pub term_label: String,
    pub meeting_date: String,
    pub status: TsmStatus,
    pub pupils: u32,
    pub actions: u32,
    /// Actions agreed here that are still open.
    pub open_actions: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TsmActionView {
    pub id: TsmActionId,
    pub what: String,
    pub owner_agency: OwnerAgency,
    pub owner_person: String,
    pub lead_practitioner: String,
    /// ISO date, or empty.
    pub due_on: String,
    pub open: bool,
    /// The latest review: outcome and ISO date.
    pub latest: Option<ReviewView>,
    /// Reviewed at least once, so it can no longer be removed.
    pub reviewed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewView {
    pub outcome: ReviewOutcome,
    pub on: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DiscussionView {
    pub id: DiscussionId,
    pub upn: Option<String>,
    pub name: String,
    pub year_group: Option<u8>,
    pub case_id: Option<CaseId>,
    pub case_status: Option<CaseStatus>,
    /// Attendance % when the pupil was added (one decimal).
    pub attendance_pct: Option<f64>,
    pub band: Option<String>,
    pub persistent_absence: bool,
    pub severe_absence: bool,
    pub barriers: Vec<Barrier>,
    pub has_plan: Option<bool>,
    pub notes: String,
    /// The TSM discussion is in the case's chronology.
    pub in_chronology: bool,
    pub actions: Vec<TsmActionView>,
}

/// An open action from an earlier meeting of the school, and what this meeting found of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CarriedActionView {
    pub action: TsmActionView,
    pub from_meeting: TsmId,
    pub from_meeting_date: String,
    /// The pupil it was agreed for; empty for a school action.
    pub pupil: String,
    pub review_here: Option<ReviewView>,
}

/// A pupil of the school in the preparation pack: on the caseload (with a case), or from the
/// latest imported attendance summary (UPN only: no name is known until the worker types it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PrepPupil {
    pub case_id: Option<CaseId>,
    pub case_status: Option<CaseStatus>,
    /// Empty for a pupil known only from an import.
    pub name: String,
    pub upn: String,
    pub year_group: Option<u8>,
    /// ISO date of the latest attendance figure.
    pub as_at: Option<String>,
    /// The current academic year to date; `null` when no figure is dated in it.
    pub attendance_pct: Option<f64>,
    /// The latest figure of the academic year before, for the trend beside it.
    pub last_year_pct: Option<f64>,
    /// The local model's groups whose range holds the current figure (docs/domain.md §5.11).
    pub model_groups: Vec<String>,
    pub band: Option<String>,
    pub trend: Option<Trend>,
    pub persistent_absence: bool,
    pub severe_absence: bool,
    pub has_plan: bool,
    /// Severely absent with no plan: every severely absent pupil should have one.
    pub needs_plan: bool,
    /// Already added to this meeting's discussion.
    pub discussed: bool,
    /// What the rules engine raises (pupils on the caseload).
    pub alerts: Vec<caseload_domain::rules::Alert>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PrepPack {
    /// The academic year the figures are for, "2026/27", and the one before it.
    pub academic_year: String,
    pub previous_academic_year: String,
    /// The council's local model, whose groups the pack shows and counts.
    pub local_model: crate::local_model::LocalModel,
    /// How many of the pack's pupils each group of the model holds, in the model's order.
    pub model_counts: Vec<u32>,
    pub pupils: Vec<PrepPupil>,
    pub persistent_absence: u32,
    pub severe_absence: u32,
    pub severe_without_plan: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TsmView {
    pub id: TsmId,
    pub school_urn: String,
    pub school_name: String,
    pub school_phase: SchoolPhase,
    pub term: String,
    pub term_label: String,
    pub meeting_date: String,
    pub status: TsmStatus,
    pub attendees: Vec<Attendee>,
    pub discussions: Vec<DiscussionView>,
    /// Actions for the school as a whole.
    pub general_actions: Vec<TsmActionView>,
    pub carried: Vec<CarriedActionView>,
    pub prep: PrepPack,
    /// What stops the meeting being finished; empty when it can be.
    pub problems: Vec<FinishProblem>,
    pub previous_meeting: Option<TsmSummary>,
}

/// A link school and its meeting in a term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CoverageRow {
    pub school_urn: String,
    pub school_name: String,
    pub school_phase: SchoolPhase,
    pub meeting: Option<TsmSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TsmCoverage {
    pub term: String,
    pub term_label: String,
    pub rows: Vec<CoverageRow>,
    /// Schools whose meeting this term is finished.
    pub held: u32,
    pub planned: u32,
    pub not_planned: u32,
}

/// An open TSM action on the worker's due list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TsmDueAction {
    pub action_id: TsmActionId,
    pub tsm_id: TsmId,
    pub school_name: String,
    pub pupil: String,
    pub what: String,
    pub owner_agency: OwnerAgency,
    pub owner_person: String,
    pub due_on: String,
    pub overdue: bool,
}
