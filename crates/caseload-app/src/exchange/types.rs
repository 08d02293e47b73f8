//! Request and response types of the export, outbox, sync and inbox commands (exported to
//! TypeScript by `bindings`). Dates cross as ISO strings, instants as RFC 3339 UTC.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use caseload_domain::{CaseId, ConflictId, ExportId, ProposalId, WorkerId};

use crate::support::SavedFile;

/// Where exports go and who they come from. `folder` is empty until the worker sets it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ShareSettings {
    /// The shared-drive folder: a mapped drive, UNC path or synced folder.
    #[serde(default)]
    pub folder: String,
    /// The worker's identifier, as the council knows it (letters, digits, `-`, `_`, `.`).
    #[serde(default)]
    pub worker_id: WorkerId,
    #[serde(default)]
    pub team: String,
}

/// What the Shared drive form saves: the worker identifier and team. No folder: it is picked in
/// the backend's chooser (`share_folder_choose`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ShareSettingsRequest {
    pub worker_id: WorkerId,
    #[serde(default)]
    pub team: String,
}

/// The settings as saved, and a word about the folder when it cannot be found now. They are
/// saved all the same: a mapped or network drive may simply be offline, and deliveries wait for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ShareSettingsSaved {
    pub settings: ShareSettings,
    pub warning: Option<String>,
}

/// What to export. `kind`: `funnel`, `tsm-actions`, `ward-bands` or `closures`; `formats`:
/// any of `csv`, `xlsx`, `pdf`, `json` (a JSON copy always travels with a delivery, for the
/// team aggregation). `from`/`to` bound the period (funnel, closures, TSM actions); they
/// default to the current school term so far.
///
/// By default an export is pseudonymised and carries no free text (docs/sharing.md).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportRequest {
    pub kind: String,
    pub formats: Vec<String>,
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub to: Option<String>,
    /// Set only for an identifiable export: who receives it, the lawful basis and the purpose.
    /// Absent: pseudonymised.
    #[serde(default)]
    #[ts(optional)]
    pub identifiable: Option<IdentifiableReason>,
    /// Include the free text (closure notes, TSM actions, owners) after the name and pattern
    /// scrubbers: only with the token of the preview the worker saw (`export_preview`).
    #[serde(default)]
    #[ts(optional)]
    pub free_text: Option<bool>,
    #[serde(default)]
    #[ts(optional)]
    pub preview_token: Option<String>,
    /// The old free-string reason, no longer enough on its own: a request carrying it is
    /// refused, naming what to fill in instead (never silently exported).
    #[serde(default, skip_serializing)]
    #[ts(skip)]
    pub identifiable_reason: Option<String>,
}

/// Why an export names pupils; every piece is required (see `caseload_domain::disclosure`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IdentifiableReason {
    /// Who receives it: role and organisation.
    pub recipient: String,
    #[serde(default)]
    #[ts(optional)]
    pub lawful_basis: Option<caseload_domain::disclosure::LawfulBasis>,
    /// What the recipient needs the names for.
    pub purpose: String,
}

/// What free text would leave in an export, after the scrubbers: one row per non-empty cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportPreview {
    /// Hands back with `free_text` to make the export; changes when the text does.
    pub token: String,
    pub rows: Vec<FreeTextRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FreeTextRow {
    /// The column's heading: "Closure note", "Action", …
    pub column: String,
    /// The text as it would leave, with `[phone removed]` and the like where something was taken out.
    pub text: String,
    /// Whether anything was taken out.
    pub scrubbed: bool,
}

/// A local copy of an export, saved into the folder the worker chooses in the dialog the
/// backend opens. No folder here: the CLI's `--dir` uses `export_save_to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ExportSaveRequest {
    pub export: ExportRequest,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportSaved {
    pub export_id: ExportId,
    pub files: Vec<SavedFile>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OutboxStatus {
    Queued,
    Failed,
    Delivered,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutboxFileView {
    pub name: String,
    pub bytes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutboxItem {
    pub export_id: ExportId,
    pub kind: String,
    /// "Case funnel by phase", …
    pub kind_label: String,
    pub formats: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub identifiable_reason: Option<String>,
    pub created_at: String,
    pub status: OutboxStatus,
    pub attempts: u32,
    pub last_attempt_at: Option<String>,
    /// When a failed delivery will be tried again.
    pub next_attempt_at: Option<String>,
    /// Why the last attempt failed, in words for the worker.
    pub failure_reason: Option<String>,
    pub delivered_at: Option<String>,
    /// The delivery's folder, relative to the shared drive.
    pub delivered_folder: Option<String>,
    pub files: Vec<OutboxFileView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutboxView {
    /// Empty when no shared drive is set.
    pub share_folder: String,
    pub queued: u32,
    pub failed: u32,
    pub delivered: u32,
    /// Newest first.
    pub items: Vec<OutboxItem>,
}

/// Delivers to the shared drive in the settings; the CLI's `--share` (another folder) uses
/// `sync_to`, which the webview cannot call.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SyncRequest {
    /// Only exports whose back-off has passed (the app's timer); otherwise every undelivered
    /// export is tried now ("Send now").
    #[serde(default)]
    #[ts(optional)]
    pub due_only: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncReport {
    pub share_folder: String,
    pub share_reachable: bool,
    /// Delivered now, or found already delivered.
    pub delivered: u32,
    pub failed: u32,
    /// Inbox files taken in, and refused (with reasons in `messages`).
    pub inbox_taken: u32,
    pub inbox_refused: u32,
    pub conflicts_open: u32,
    /// Proposals from allocation files (new cases, changed details) waiting for the worker
    /// to accept or refuse on the Inbox screen.
    pub proposals_open: u32,
    /// One line per thing worth telling the worker. File names from the shared drive in
    /// these lines are escaped (`share::escape_name`).
    pub messages: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InboxFileView {
    pub file_name: String,
    /// `allocations` or `attendance`.
    pub kind: String,
    pub seen_at: String,
    /// `taken` or `refused`.
    pub outcome: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConflictView {
    pub id: ConflictId,
    pub case_id: Option<CaseId>,
    /// The pupil as the worker knows them (shown only inside the app).
    pub pupil_name: String,
    pub field: String,
    pub field_label: String,
    pub worker_value: String,
    pub incoming_value: String,
    pub file_name: String,
    pub raised_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InboxView {
    pub files: Vec<InboxFileView>,
    pub conflicts: Vec<ConflictView>,
    /// What allocation files propose, waiting for the worker, oldest first.
    pub proposals: Vec<ProposalView>,
}

/// One field a proposal sets: from what the case holds now (empty for a new case) to what
/// the council's file says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProposalChangeView {
    pub field: String,
    pub field_label: String,
    pub from: String,
    pub to: String,
}

/// A new case, or changed details of an existing case, that an allocation file proposes.
/// Nothing changes until the worker accepts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProposalView {
    pub id: ProposalId,
    /// `new_case` or `update`.
    pub kind: String,
    /// The allocation file it came from (escaped).
    pub file_name: String,
    /// The pupil's name: the council's for a new case, the case's for an update (shown
    /// only inside the app).
    pub pupil_name: String,
    pub upn: String,
    /// The existing case, for an update.
    pub case_id: Option<CaseId>,
    pub changes: Vec<ProposalChangeView>,
    pub raised_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProposalDecideRequest {
    pub id: ProposalId,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConflictChoice {
    /// Keep the value the worker entered.
    Worker,
    /// Take the council's value.
    Incoming,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConflictResolveRequest {
    pub id: ConflictId,
    pub keep: ConflictChoice,
}
