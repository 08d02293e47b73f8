// generated — do not edit. Source: crates/caseload-app (the command list and its types).
// Regenerate with `cargo run -p caseload-app --bin gen-bindings`.

export type About = { name: string, version: string, licence: string, 
/**
 * Sorted by kind, then name and version.
 */
components: Array<Component>, };

export type ActionStatus = "open" | "done" | "not_done";

export type Alert = { rule: RuleId, 
/**
 * ISO date the rule was met or falls due, when it has one.
 */
on: string | null, message: string, };

export type AppError = { "kind": "validation", message: string, fields: Array<FieldError>, } | { "kind": "not_initialised", message: string, } | { "kind": "already_initialised", message: string, } | { "kind": "locked", message: string, } | { "kind": "wrong_passphrase", message: string, } | { "kind": "too_many_attempts", message: string, retry_after_seconds: number, } | { "kind": "not_found", message: string, id: string, } | { "kind": "invalid_transition", message: string, from: CaseStatus, step: TransitionKind, } | { "kind": "newer_database", message: string, found: number, supported: number, } | { "kind": "in_use", message: string, } | { "kind": "conflict", message: string, } | { "kind": "incomplete", message: string, problems: Array<FinishProblem>, } | { "kind": "file", message: string, path: string, } | { "kind": "import", message: string, file_name: string, problems: Array<ImportProblem>, missing_columns: Array<string>, found_headers: Array<string>, } | { "kind": "cancelled", message: string, } | { "kind": "storage", message: string, } | { "kind": "damaged", message: string, backup_path: string | null, };

export type AppStatus = { data_dir: string, initialised: boolean, unlocked: boolean, app_version: string, min_passphrase_length: number, 
/**
 * Why the caseload locked itself, for the unlock screen ("Caseload locked after 5 minutes
 * without use"); none when the worker locked it or it has not been opened yet.
 */
lock_notice: string | null, };

export type AttendanceRecordRequest = { id: CaseId, as_at: string, possible: string, present: string, authorised: string, unauthorised: string, };

export type AttendanceView = { as_at: string, possible: number, present: number, authorised: number, unauthorised: number, 
/**
 * One decimal place; `null` when there were no possible sessions.
 */
attendance_pct: number | null, persistent_absence: boolean, severe_absence: boolean, 
/**
 * e.g. "91-100".
 */
band: string | null, };

export type Attendee = { name: string, role: string, organisation: string, };

export type AuditActionOption = { action: string, label: string, };

export type AuditEntryView = { seq: number, 
/**
 * UTC, ISO 8601: `2026-12-06T13:40:00.123Z`.
 */
at: string, worker: string, action: string, 
/**
 * The action in words: "Case added", "Chronology entry added", …
 */
action_label: string, entity_type: string, entity_id: string, case_id: string | null, detail: string, };

export type AuditListRequest = { case_id?: string, 
/**
 * An action's name as stored (`case_add`, `unlock`, …).
 */
action?: string, since?: string, until?: string, 
/**
 * At most this many, newest first (default 500).
 */
limit?: number, };

export type AuditListView = { entries: Array<AuditEntryView>, 
/**
 * Every action that occurs in the trail (not only in `entries`), by label.
 */
actions: Array<AuditActionOption>, };

export type AuditVerifyView = { intact: boolean, entries: number, 
/**
 * edited | deleted | inserted | reordered | unlinked (absent when intact).
 */
problem: string | null, 
/**
 * The entry where the chain breaks (the first missing one, for a deletion).
 */
at_seq: number | null, 
/**
 * One sentence a worker reads, intact or not.
 */
message: string, };

export type BackupFolderRequest = { 
/**
 * Back to `Documents/Caseload/Backups` instead of choosing.
 */
use_default?: boolean, };

export type BackupNowRequest = Record<string, never>;

export type BackupOverview = { 
/**
 * Where "Back up now" writes.
 */
folder: string, settings: BackupSettings, 
/**
 * Newest first.
 */
backups: Array<BackupView>, 
/**
 * Whole days since the newest verified backup; none if there is none.
 */
days_since_last: number | null, 
/**
 * "Your last backup was 9 days ago. Back up now", when a backup is due; else none.
 */
reminder: string | null, };

export type BackupRules = { keep: number, remind_after_days: number, };

export type BackupSettings = { 
/**
 * The folder backups are written to; empty means `Documents/Caseload/Backups`.
 */
folder: string, 
/**
 * How many of the newest backups to keep (1–50); older ones are deleted.
 */
keep: number, 
/**
 * Remind on the dashboard when the last good backup is older than this many days (1–90).
 */
remind_after_days: number, };

export type BackupView = { path: string, file_name: string, 
/**
 * RFC 3339, UTC.
 */
created_at: string, size: number, verified: boolean, 
/**
 * Whether the file is still where it was written.
 */
present: boolean, 
/**
 * The backup this caseload was restored from, not one made here.
 */
restored_from: boolean, 
/**
 * Its copy on the shared drive, once copied there (the newest backup is copied whenever
 * the share can be reached).
 */
shared_to: string | null, };

export type BandCountView = { 
/**
 * "0-10", "11-20", … "91-100".
 */
band: string, cases: number, };

export type Barrier = "health" | "semh_ebsa" | "send" | "bullying" | "caring_responsibilities" | "housing" | "transport" | "family_circumstances" | "school_factors";

export type CarerAddRequest = { case_id: CaseId, name: string, relationship: string, phone?: string, email?: string, parental_responsibility: boolean, };

export type CarerId = string;

export type CarerRemoveRequest = { case_id: CaseId, carer_id: CarerId, };

export type CarerView = { id: CarerId, name: string, relationship: string, phone: string | null, email: string | null, parental_responsibility: boolean, };

export type CarriedActionView = { action: TsmActionView, from_meeting: TsmId, from_meeting_date: string, 
/**
 * The pupil it was agreed for; empty for a school action.
 */
pupil: string, review_here: ReviewView | null, };

export type CaseAddRequest = { referral_source?: string, referral_date?: string, legal_name: string, preferred_name: string | null, date_of_birth: string, upn: string, school_urn: string, school_name: string, 
/**
 * primary | secondary | special | alternative_provision; absent or empty: not recorded.
 */
school_phase?: string, year_group: string, };

export type CaseDetail = { id: CaseId, pupil: Pupil, status: CaseStatus, referral_source: string, 
/**
 * ISO dates from here on.
 */
referral_date: string, team: TeamId | null, worker: string | null, cycle_start: string | null, midpoint_done_on: string | null, next_due: DueView | null, closed_on: string | null, closure_reason: string | null, closure_category: ClosureCategory | null, 
/**
 * "Moved school or out of area", or "Not recorded" for a case closed before categories.
 */
closure_category_label: string | null, 
/**
 * What the worker may do next, in the order to offer them.
 */
allowed_transitions: Array<TransitionKind>, history: Array<CaseEventView>, attendance: Array<AttendanceView>, 
/**
 * The summary of the pupil's imported session marks, if any were imported.
 */
marks: MarksView | null, 
/**
 * What the rules engine raises for this pupil, most serious first.
 */
alerts: Array<Alert>, created_at: string, updated_at: string, };

export type CaseEventView = { 
/**
 * `null` for the referral itself.
 */
kind: TransitionKind | null, on_date: string, to_status: CaseStatus, team: TeamId | null, worker: string | null, note: string | null, };

export type CaseGetRequest = { id: CaseId, };

export type CaseId = string;

export type CaseStatus = "referred" | "accepted" | "declined" | "family_declined" | "allocated" | "active" | "closed";

export type CaseSummary = { id: CaseId, legal_name: string, preferred_name: string | null, upn: string, school_name: string, school_phase: SchoolPhase | null, year_group: number, status: CaseStatus, 
/**
 * RFC 3339, UTC; shown in Europe/London.
 */
updated_at: string, };

export type CaseTransitionRequest = { id: CaseId, kind: TransitionKind, 
/**
 * ISO date the step happened (not in the future, not before the case's last step).
 */
on_date: string, team?: TeamId, worker?: string, 
/**
 * The reason, required to decline, close or reopen.
 */
note?: string, 
/**
 * Why the case closed, as a category: required to close (exports carry it, never `note`).
 */
closure_category?: ClosureCategory, };

export type CaseUpdateRequest = { id: CaseId, pupil: PupilInput, };

export type CaseloadBandsReport = { bands: Array<BandCountView>, 
/**
 * Open cases with no reading or imported figure yet.
 */
no_figure: number, open_cases: number, };

export type ChangePassphraseRequest = { current_passphrase: string, new_passphrase: string, new_passphrase_confirm: string, 
/**
 * "I think my passphrase is known to someone else": the database is re-encrypted under a
 * new key as well, so a copy of the old key file with the old passphrase opens nothing.
 * Otherwise the same key is wrapped under the new passphrase.
 */
passphrase_known?: boolean, };

export type ChosenFile = { token: string, 
/**
 * The file's name without its folder, for display.
 */
name: string, };

export type ChronologyAddRequest = { case_id: CaseId, kind: ContactKind, 
/**
 * Local (Europe/London) date and time, `YYYY-MM-DDTHH:MM`; not in the future.
 */
occurred_at: string, who: string, what: string, outcome?: string, next_step?: string, 
/**
 * The id of the entry this one corrects (same case).
 */
corrects?: ChronologyEntryId, };

export type ChronologyEntryId = string;

export type ChronologyEntryView = { id: ChronologyEntryId, kind: ContactKind, occurred_at: string, who: string, what: string, outcome: string | null, next_step: string | null, 
/**
 * The entry this one corrects.
 */
corrects: ChronologyEntryId | null, 
/**
 * Entries that correct this one, oldest first: show them together.
 */
corrected_by: Array<ChronologyEntryId>, 
/**
 * RFC 3339 UTC: when it was typed.
 */
recorded_at: string, };

export type ChronologyListRequest = { case_id: CaseId, 
/**
 * Only entries of this kind.
 */
kind?: ContactKind, };

export type ClosureCategory = "attendance_improved" | "moved_school_or_area" | "elective_home_education" | "children_missing_education" | "legal_action_taken" | "referred_to_another_service" | "engagement_declined" | "other";

export type Component = { kind: ComponentKind, name: string, version: string, 
/**
 * An SPDX licence expression, as the component declares it ("MIT OR Apache-2.0").
 */
licence: string, 
/**
 * Where its source (and full licence text) is.
 */
repository: string, };

export type ComponentKind = "crate" | "npm" | "font";

export type ConflictChoice = "worker" | "incoming";

export type ConflictId = number;

export type ConflictResolveRequest = { id: ConflictId, keep: ConflictChoice, };

export type ConflictView = { id: ConflictId, case_id: CaseId | null, 
/**
 * The pupil as the worker knows them (shown only inside the app).
 */
pupil_name: string, field: string, field_label: string, worker_value: string, incoming_value: string, file_name: string, raised_at: string, };

export type ContactInput = { name: string, phone?: string, email?: string, };

export type ContactKind = "home_visit" | "phone_call" | "letter" | "school_meeting" | "tsm_discussion" | "other";

export type ContactView = { name: string, phone: string | null, email: string | null, };

export type CoverageRow = { school_urn: string, school_name: string, school_phase: SchoolPhase, meeting: TsmSummary | null, };

export type CreateCaseloadRequest = { passphrase: string, passphrase_confirm: string, };

export type CycleSettings = { cycle_weeks: number, midpoint_week: number, };

export type Dashboard = { 
/**
 * The worker's date (Europe/London) the dashboard was worked out for.
 */
today: string, 
/**
 * The academic year the figures are for, "2026/27" (1 September to 31 August).
 */
academic_year: string, 
/**
 * The year before it, "2025/26", whose figures show beside the current ones.
 */
previous_academic_year: string, 
/**
 * The council's local model: its groups name the dashboard's model column and filter.
 */
local_model: LocalModel, rows: Array<DashboardRow>, 
/**
 * Ids of rows whose next item is due by Sunday (overdue included), soonest first.
 */
due_this_week: Array<CaseId>, 
/**
 * Open actions from Targeting Support Meetings due by Sunday (overdue included).
 */
tsm_actions_due: Array<TsmDueAction>, };

export type DashboardRow = { id: CaseId, legal_name: string, preferred_name: string | null, upn: string, school_name: string, school_phase: SchoolPhase | null, year_group: number, status: CaseStatus, team: TeamId | null, worker: string | null, 
/**
 * The current academic year to date; `null` when no figure is dated in it.
 */
attendance_pct: number | null, 
/**
 * The latest figure of the academic year before, shown beside the current one.
 */
last_year_pct: number | null, 
/**
 * The local model's groups whose range holds the current figure (docs/domain.md §5.11).
 */
model_groups: Array<string>, 
/**
 * Against the previous reading; `null` with fewer than two readings.
 */
trend: Trend | null, persistent_absence: boolean, severe_absence: boolean, next_due: DueView | null, 
/**
 * What the rules engine raises for this pupil, most serious first.
 */
alerts: Array<Alert>, };

export type DiscussionId = number;

export type DiscussionView = { id: DiscussionId, upn: string | null, name: string, year_group: number | null, case_id: CaseId | null, case_status: CaseStatus | null, 
/**
 * Attendance % when the pupil was added (one decimal).
 */
attendance_pct: number | null, band: string | null, persistent_absence: boolean, severe_absence: boolean, barriers: Array<Barrier>, has_plan: boolean | null, notes: string, 
/**
 * The TSM discussion is in the case's chronology.
 */
in_chronology: boolean, actions: Array<TsmActionView>, };

export type DueKind = "midpoint_check" | "review" | "action" | "plan_review";

export type DueView = { kind: DueKind, due_on: string, overdue: boolean, 
/**
 * For an action: what is to be done (absent otherwise).
 */
what?: string, };

export type EsoStage = "considered" | "applied" | "made";

export type EvidenceBundleSaveRequest = { case_id: CaseId, 
/**
 * Put the pupil's legal name in the file name and the PDF's title. Off by default: both
 * name the case reference and the date only (the UPN never).
 */
name_pupil: boolean, 
/**
 * The step the bundle is for. Absent: the rung after the highest recorded (a prosecution
 * once one is recorded). A bundle for a supervision order or a prosecution is refused
 * while no session marks are imported for the pupil.
 */
purpose?: LegalStepKind, 
/**
 * PDF when absent; DOCX says the same in the same order.
 */
format?: RecordFormat, };

export type ExportId = string;

export type ExportPreview = { 
/**
 * Hands back with `free_text` to make the export; changes when the text does.
 */
token: string, rows: Array<FreeTextRow>, };

export type ExportRequest = { kind: string, formats: Array<string>, from?: string, to?: string, 
/**
 * Set only for an identifiable export: who receives it, the lawful basis and the purpose.
 * Absent: pseudonymised.
 */
identifiable?: IdentifiableReason, 
/**
 * Include the free text (closure notes, TSM actions, owners) after the name and pattern
 * scrubbers: only with the token of the preview the worker saw (`export_preview`).
 */
free_text?: boolean, preview_token?: string, };

export type ExportSaveRequest = { export: ExportRequest, };

export type ExportSaved = { export_id: ExportId, files: Array<SavedFile>, };

export type FamilyChildAddRequest = { case_id: CaseId, name: string, 
/**
 * ISO date, optional.
 */
date_of_birth?: string, school_name?: string, };

export type FamilyChildId = string;

export type FamilyChildView = { id: FamilyChildId, name: string, date_of_birth: string | null, school_name: string | null, };

export type FamilyGetRequest = { case_id: CaseId, };

export type FamilyId = string;

export type FamilyNameSetRequest = { case_id: CaseId, name: string, };

export type FamilyView = { id: FamilyId, name: string, carers: Array<CarerView>, 
/**
 * The pupil's siblings on the caseload (not the pupil).
 */
siblings: Array<SiblingView>, other_children: Array<FamilyChildView>, };

export type FieldError = { field: string, message: string, };

export type FileChooseRequest = { purpose: FilePurpose, };

export type FilePurpose = "import" | "restore" | "postcode_lookup";

export type FinishProblem = { place: ProblemAt, message: string, };

export type FreeTextRow = { 
/**
 * The column's heading: "Closure note", "Action", …
 */
column: string, 
/**
 * The text as it would leave, with `[phone removed]` and the like where something was taken out.
 */
text: string, 
/**
 * Whether anything was taken out.
 */
scrubbed: boolean, };

export type FunnelReport = { from: string, to: string, rows: Array<FunnelRowView>, 
/**
 * "Closed with attendance improved" as a % of "closed after the cycle": primary,
 * secondary, total (one decimal, `null` where nothing closed).
 */
improved_pct: Array<number | null>, 
/**
 * The label of the improved-share row ("… closed after the 6-week cycle").
 */
improved_pct_label: string, 
/**
 * The review cycle's length the figures were counted with (Settings).
 */
cycle_weeks: number, };

export type FunnelRequest = { 
/**
 * ISO dates, inclusive.
 */
from: string, to: string, };

export type FunnelRowView = { key: string, label: string, primary: number, secondary: number, total: number, };

export type IdentifiableReason = { 
/**
 * Who receives it: role and organisation.
 */
recipient: string, lawful_basis?: LawfulBasis, 
/**
 * What the recipient needs the names for.
 */
purpose: string, };

export type ImportId = number;

export type ImportKindView = "marks" | "summary";

export type ImportMappingGetRequest = { kind: ImportKindView, };

export type ImportMappingSetRequest = { kind: ImportKindView, 
/**
 * Our field (`upn`, `date`, `session`, `code`, `possible_sessions`, `present_sessions`,
 * `authorised_absence_sessions`, `unauthorised_absence_sessions`, `as_at`, `school_urn`,
 * `school_phase`, `year_group`, `ward`) → the file's header. Empty: forget the mapping.
 */
mapping: { [key in string]?: string }, };

export type ImportPhase = "reading" | "saving";

export type ImportProblem = { 
/**
 * 1-based as a spreadsheet shows it (the header is row 1); `null` for the whole file.
 */
row: number | null, column: string | null, problem: string, fix: string, };

export type ImportProgress = { file_name: string, phase: ImportPhase, rows: number, 
/**
 * Rows to save, once the file has been read (0 while reading).
 */
total_rows: number, bytes_read: number, total_bytes: number, cancel_requested: boolean, };

export type ImportRequest = { 
/**
 * The token `file_choose` answered for the file (CSV or XLSX).
 */
chosen: string, 
/**
 * The file's own headers for our fields (`{"upn": "Pupil UPN", …}`); when absent, the
 * mapping saved for this kind of file, if any.
 */
mapping?: { [key in string]?: string }, };

export type ImportView = { id: ImportId, kind: ImportKindView, file_name: string, rows: number, pupils: number, 
/**
 * Of those pupils, how many are on this caseload.
 */
on_caseload: number | null, first_date: string | null, last_date: string | null, 
/**
 * RFC 3339, UTC.
 */
imported_at: string, sha256: string, };

export type InboxFileView = { file_name: string, 
/**
 * `allocations` or `attendance`.
 */
kind: string, seen_at: string, 
/**
 * `taken` or `refused`.
 */
outcome: string, detail: string, };

export type InboxView = { files: Array<InboxFileView>, conflicts: Array<ConflictView>, 
/**
 * What allocation files propose, waiting for the worker, oldest first.
 */
proposals: Array<ProposalView>, };

export type KeyProfessional = { role: string, name: string, organisation: string, contact: string, };

export type LawfulBasis = "legal_proceedings" | "safeguarding" | "public_task" | "children_missing_education" | "court_order";

export type LegalAlertView = { rule: RuleId, title: string, explanation: string, 
/**
 * ISO date the rule falls due or was met.
 */
on: string | null, message: string, };

export type LegalGetRequest = { case_id: CaseId, };

export type LegalStepAddRequest = { case_id: CaseId, step: LegalStepKind, 
/**
 * ISO date the step was agreed, issued or decided; not in the future.
 */
on_date: string, decided_by: string, notes?: string, 
/**
 * Why the step is taken out of the ladder's order; required when it is.
 */
reason?: string, 
/**
 * The id of the step this one corrects (same case, same kind).
 */
corrects?: LegalStepId, 
/**
 * Attendance contract: the parents were present (it cannot be agreed without them).
 */
parents_present?: boolean, terms?: string, compliance?: string, 
/**
 * Notice to improve: ISO date, 3 to 6 weeks after `on_date`.
 */
improvement_ends_on?: string, sufficient_improvement?: string, 
/**
 * Notice to improve, supervision order (required), prosecution: what came of it.
 */
outcome?: string, 
/**
 * Penalty notice: the parent it is issued to.
 */
parent_name?: string, paid?: boolean, 
/**
 * ISO date it was paid, when `paid`.
 */
paid_on?: string, eso_stage?: EsoStage, section?: ProsecutionSection, };

export type LegalStepDetails = { "kind": "attendance_contract", 
/**
 * Always true: a contract cannot be agreed in the parents' absence.
 */
parents_present: boolean, terms: string, compliance: string | null, } | { "kind": "notice_to_improve", improvement_ends_on: string, 
/**
 * What "sufficient improvement" means, as the notice states it.
 */
sufficient_improvement: string, 
/**
 * What came of the improvement period, once known.
 */
outcome: string | null, } | { "kind": "penalty_notice", 
/**
 * The parent it is issued to; the limit of two in 3 years is per parent and child.
 */
parent_name: string, paid_on: string | null, } | { "kind": "supervision_order", stage: EsoStage, outcome: string, } | { "kind": "prosecution", section: ProsecutionSection, outcome: string | null, };

export type LegalStepId = string;

export type LegalStepKind = "attendance_contract" | "notice_to_improve" | "penalty_notice" | "supervision_order" | "prosecution";

export type LegalStepView = { id: LegalStepId, step: LegalStepKind, on_date: string, decided_by: string, notes: string | null, reason: string | null, 
/**
 * What the reason answers, shown as its label: "Issued before the threshold was met", or
 * "Reason for taking this step out of order"; `null` when no reason is recorded.
 */
reason_label: string | null, 
/**
 * For a penalty notice: "Threshold met on 6 November 2026" or "Threshold not met", from
 * the pupil's imported session marks.
 */
threshold: string | null, 
/**
 * The step this one corrects.
 */
corrects: LegalStepId | null, 
/**
 * Steps that correct this one, oldest first.
 */
corrected_by: Array<LegalStepId>, 
/**
 * False once a later step corrects it: kept for the record, no longer counted.
 */
current: boolean, details: LegalStepDetails, 
/**
 * For a penalty notice: its number in the parent's 3-year window, amount and dates.
 */
penalty: PenaltyAssessment | null, 
/**
 * RFC 3339 UTC: when it was typed.
 */
recorded_at: string, };

export type LegalView = { case_id: CaseId, 
/**
 * Every step in date order, corrections included (see `current`).
 */
steps: Array<LegalStepView>, alerts: Array<LegalAlertView>, 
/**
 * Every kind of step in ladder order, as of today.
 */
next: Array<NextLegalStepView>, 
/**
 * The rung after the highest recorded; `null` once a prosecution is recorded.
 */
suggested: LegalStepKind | null, 
/**
 * The pupil is flagged as looked after: an education supervision order can only be
 * considered.
 */
looked_after: boolean, 
/**
 * "Threshold met on 6 November 2026" or "Threshold not met": the penalty notice threshold
 * (§5.6) over the pupil's imported session marks.
 */
threshold: string, 
/**
 * ISO date the threshold was first met; `null` when it has not been (or no marks).
 */
threshold_met_on: string | null, };

export type LinkSchoolSetRequest = { urn: string, name: string, 
/**
 * primary | secondary | special | alternative_provision
 */
phase: string, attendance_champion: ContactInput, dsl: ContactInput, };

export type LinkSchoolView = { urn: string, name: string, phase: SchoolPhase, attendance_champion: ContactView | null, dsl: ContactView | null, };

export type LocalModel = { 
/**
 * What the council calls it, e.g. "Attendance programme waves".
 */
name: string, 
/**
 * In the order the council lists them; empty when the council uses no model.
 */
groups: Array<ModelGroup>, };

export type MarksView = { 
/**
 * The academic year the counts below are for, to date: "2026/27".
 */
academic_year: string, 
/**
 * The first and last imported mark, of any year.
 */
first_date: string, last_date: string, possible: number, present: number, authorised: number, unauthorised: number, attendance_pct: number | null, band: string | null, persistent_absence: boolean, severe_absence: boolean, fpn_threshold_met_on: string | null, illness_15_days_on: string | null, 
/**
 * The academic year before, beside the current one; `null` when it has no marks.
 */
previous_year: MarksYearView | null, 
/**
 * The same marks week by week, earliest first; weeks without possible sessions are left out.
 */
weeks: Array<MarksWeekView>, };

export type MarksWeekView = { 
/**
 * ISO date of the Monday the week starts on.
 */
week_start: string, 
/**
 * The term the week's sessions begin in, as stored and typed: `2026-autumn`.
 */
term: string, 
/**
 * How a worker says it: "Autumn term 2026".
 */
term_label: string, 
/**
 * The academic year of the week: the running percentage starts again in each.
 */
academic_year: string, possible: number, present: number, 
/**
 * The week's own attendance, to one decimal.
 */
attendance_pct: number, 
/**
 * Attendance over every imported session up to the end of the week, to one decimal.
 */
cumulative_pct: number, };

export type MarksYearView = { academic_year: string, possible: number, attendance_pct: number | null, persistent_absence: boolean, severe_absence: boolean, };

export type ModelGroup = { 
/**
 * Short, shown as a tag: "Wave 1".
 */
name: string, 
/**
 * Lowest whole percent in range (0–100).
 */
from_pct: number, 
/**
 * Highest whole percent in range (0–100, not below `from_pct`).
 */
to_pct: number, 
/**
 * Who the group is for beyond the range, e.g. "pupils at risk of disconnection or
 * involvement in crime". May be empty.
 */
criteria: string, };

export type NextLegalStepView = { step: LegalStepKind, needs_reason: boolean, 
/**
 * Why a reason is needed.
 */
why: string | null, };

export type OutboxFileView = { name: string, bytes: number, };

export type OutboxItem = { export_id: ExportId, kind: string, 
/**
 * "Case funnel by phase", …
 */
kind_label: string, formats: Array<string>, from: string | null, to: string | null, identifiable_reason: string | null, created_at: string, status: OutboxStatus, attempts: number, last_attempt_at: string | null, 
/**
 * When a failed delivery will be tried again.
 */
next_attempt_at: string | null, 
/**
 * Why the last attempt failed, in words for the worker.
 */
failure_reason: string | null, delivered_at: string | null, 
/**
 * The delivery's folder, relative to the shared drive.
 */
delivered_folder: string | null, files: Array<OutboxFileView>, };

export type OutboxStatus = "queued" | "failed" | "delivered";

export type OutboxView = { 
/**
 * Empty when no shared drive is set.
 */
share_folder: string, queued: number, failed: number, delivered: number, 
/**
 * Newest first.
 */
items: Array<OutboxItem>, };

export type OwnerAgency = "school" | "local_authority" | "early_help" | "health" | "send" | "social_care" | "housing" | "police" | "other";

export type PassphraseChanged = { 
/**
 * True when the database was re-encrypted under a new key.
 */
rekeyed: boolean, 
/**
 * What the worker should know or do next.
 */
message: string, };

export type PenaltyAssessment = { 
/**
 * 1 or 2 within the parent's 3-year window; `null` for a notice before 19 August 2024,
 * which does not count towards the limit.
 */
number: number | null, 
/**
 * The window: from its first notice to its last day.
 */
window_from: string | null, window_to: string | null, 
/**
 * What is due, in pence, given the payment recorded.
 */
amount_pence: number, 
/**
 * Paying by this date reduces a first notice (21 days); `null` for a second notice.
 */
reduced_by: string | null, 
/**
 * Payment is due by this date (28 days).
 */
due_by: string, paid_on: string | null, };

export type PlanActionAddRequest = { case_id: CaseId, what: string, owner: string, 
/**
 * ISO date.
 */
due_on: string, };

export type PlanActionId = string;

export type PlanActionStatusRequest = { case_id: CaseId, action_id: PlanActionId, status: ActionStatus, 
/**
 * ISO date the status changed; not in the future.
 */
on_date: string, };

export type PlanActionView = { id: PlanActionId, what: string, owner: string, due_on: string, status: ActionStatus, status_on: string | null, 
/**
 * Open and due before today.
 */
overdue: boolean, };

export type PlanGetRequest = { case_id: CaseId, };

export type PlanSetRequest = { case_id: CaseId, barriers: Array<Barrier>, other_barriers?: string, 
/**
 * The SMART target: attendance % (one decimal) to reach by `target_by` (ISO date).
 */
target_pct?: string, target_by?: string, interventions?: string, 
/**
 * ISO dates.
 */
review_dates: Array<string>, };

export type PlanView = { case_id: CaseId, barriers: Array<Barrier>, other_barriers: string | null, target_pct: number | null, target_by: string | null, interventions: string | null, review_dates: Array<string>, actions: Array<PlanActionView>, };

export type PostcodeLookupLoadRequest = { chosen: string, };

export type PostcodeLookupLoaded = { file_name: string, 
/**
 * Data rows in the file.
 */
rows: number, 
/**
 * Postcodes now in the lookup (a postcode given twice counts once).
 */
postcodes: number, wards: number, 
/**
 * Rows left out because the postcode is not a UK postcode.
 */
malformed_postcode: number, 
/**
 * Rows left out because the ward code is blank.
 */
no_ward: number, 
/**
 * The first left-out rows' line numbers (the header is line 1); never their values.
 */
left_out_lines: Array<number>, 
/**
 * The file's headers that were read as postcode, ward code and ward name (none: the
 * names are the codes).
 */
columns: Array<string | null>, };

export type PostcodeLookupStatus = { 
/**
 * False until a lookup has been loaded.
 */
loaded: boolean, 
/**
 * The last file loaded (its name only), when, and what it gave.
 */
file_name: string | null, loaded_at: string | null, postcodes: number, wards: number, 
/**
 * Rows of that file left out (a malformed postcode, or no ward code).
 */
left_out: number, };

export type PrepPack = { 
/**
 * The academic year the figures are for, "2026/27", and the one before it.
 */
academic_year: string, previous_academic_year: string, 
/**
 * The council's local model, whose groups the pack shows and counts.
 */
local_model: LocalModel, 
/**
 * How many of the pack's pupils each group of the model holds, in the model's order.
 */
model_counts: Array<number>, pupils: Array<PrepPupil>, persistent_absence: number, severe_absence: number, severe_without_plan: number, };

export type PrepPupil = { case_id: CaseId | null, case_status: CaseStatus | null, 
/**
 * Empty for a pupil known only from an import.
 */
name: string, upn: string, year_group: number | null, 
/**
 * ISO date of the latest attendance figure.
 */
as_at: string | null, 
/**
 * The current academic year to date; `null` when no figure is dated in it.
 */
attendance_pct: number | null, 
/**
 * The latest figure of the academic year before, for the trend beside it.
 */
last_year_pct: number | null, 
/**
 * The local model's groups whose range holds the current figure (docs/domain.md §5.11).
 */
model_groups: Array<string>, band: string | null, trend: Trend | null, persistent_absence: boolean, severe_absence: boolean, has_plan: boolean, 
/**
 * Severely absent with no plan: every severely absent pupil should have one.
 */
needs_plan: boolean, 
/**
 * Already added to this meeting's discussion.
 */
discussed: boolean, 
/**
 * What the rules engine raises (pupils on the caseload).
 */
alerts: Array<Alert>, };

export type ProblemAt = { "at": "meeting" } | { "at": "attendees" } | { "at": "discussion", "id": DiscussionId } | { "at": "action", "id": TsmActionId };

export type ProposalChangeView = { field: string, field_label: string, from: string, to: string, };

export type ProposalDecideRequest = { id: ProposalId, };

export type ProposalId = number;

export type ProposalView = { id: ProposalId, 
/**
 * `new_case` or `update`.
 */
kind: string, 
/**
 * The allocation file it came from (escaped).
 */
file_name: string, 
/**
 * The pupil's name: the council's for a new case, the case's for an update (shown
 * only inside the app).
 */
pupil_name: string, upn: string, 
/**
 * The existing case, for an update.
 */
case_id: CaseId | null, changes: Array<ProposalChangeView>, raised_at: string, };

export type ProsecutionSection = "s444_1" | "s444_1a";

export type Pupil = { legal_name: string, preferred_name: string | null, 
/**
 * ISO date.
 */
date_of_birth: string, upn: string, school_urn: string, school_name: string, school_phase: SchoolPhase | null, year_group: number, };

export type PupilDetailsSetRequest = { case_id: CaseId, address?: string, postcode?: string, ward?: string, flags: Array<PupilFlag>, key_professionals: Array<KeyProfessional>, 
/**
 * `YYYY-MM-DD`: when the part-time timetable is to be reviewed (needs that flag).
 */
part_time_review_on?: string, };

export type PupilFamilyView = { case_id: CaseId, address: string | null, postcode: string | null, ward: string | null, flags: Array<PupilFlag>, key_professionals: Array<KeyProfessional>, 
/**
 * ISO date the part-time timetable is to be reviewed, if the pupil is on one.
 */
part_time_review_on: string | null, family: FamilyView | null, };

export type PupilFlag = "sen_support" | "ehcp" | "fsm" | "cin" | "cp" | "lac" | "young_carer" | "eal" | "part_time_timetable" | "health_related_absence" | "ebsa";

export type PupilInput = { legal_name: string, preferred_name: string | null, date_of_birth: string, upn: string, school_urn: string, school_name: string, 
/**
 * primary | secondary | special | alternative_provision; absent or empty: not recorded.
 */
school_phase?: string, year_group: string, };

export type RecordFormat = "pdf" | "docx";

export type RestoreRequest = { 
/**
 * The token `file_choose` answered for the backup file.
 */
chosen: string, 
/**
 * The passphrase the caseload had when the backup was made.
 */
passphrase: string, };

export type RetentionCase = { id: CaseId, legal_name: string, preferred_name: string | null, upn: string, school_name: string, 
/**
 * ISO date the case closed.
 */
closed_on: string, 
/**
 * ISO date it became due.
 */
due_on: string, 
/**
 * "Pupil turned 25 on 3 April 2035" or "Closed 6 years ago on 15 July 2020".
 */
why: string, };

export type RetentionList = { rule: RetentionSettings, cases: Array<RetentionCase>, };

export type RetentionPurgeReport = { cases: number, 
/**
 * Every row deleted, the cases' own included.
 */
records: number, 
/**
 * Export files that named a deleted pupil: emptied (delivered) or taken out of the outbox.
 */
export_files: number, };

export type RetentionPurgeRequest = { 
/**
 * The cases the worker confirmed.
 */
ids: Array<CaseId>, };

export type RetentionSettings = { 
/**
 * A closed case is due once the pupil has reached this age …
 */
age_years: number, 
/**
 * … or this many years after it closed, whichever is later.
 */
years_after_closure: number, 
/**
 * Delivered export bytes in the outbox are dropped this many days after delivery.
 */
outbox_purge_days: number, };

export type ReviewOutcome = "done" | "not_done" | "carried";

export type ReviewView = { outcome: ReviewOutcome, on: string, };

export type RuleId = "persistent_absence" | "severe_absence" | "severe_without_plan" | "penalty_threshold_met" | "illness_notification_due" | "part_time_timetable_review" | "notice_to_improve_ending" | "penalty_notice_limit" | "supervision_order_before_prosecution";

export type SaveSuggestion = { 
/**
 * The documents folder (`Documents/Caseload` unless `CASELOAD_DOCUMENTS_DIR` names one),
 * created if it was missing.
 */
folder: string, 
/**
 * The suggested file name with its extension, one that replaces no earlier copy; empty for
 * an export (a folder is chosen).
 */
name: string, 
/**
 * `folder` joined with `name` (the folder itself for an export).
 */
path: string, 
/**
 * The extension without its dot (`pdf`, `docx`); empty for an export.
 */
extension: string, 
/**
 * `false` when `CASELOAD_DOCUMENTS_DIR` fixes the folder for this machine: save straight
 * into `folder` without asking.
 */
ask: boolean, };

export type SaveSuggestionRequest = { "document": "tsm_record", id: TsmId, format: RecordFormat, } | { "document": "evidence_bundle", case_id: CaseId, 
/**
 * The pupil's name in the file name too (see `EvidenceBundleSaveRequest::name_pupil`).
 */
name_pupil: boolean, } | { "document": "export" };

export type SavedFile = { path: string, bytes: number, 
/**
 * The opaque token for `saved_file_open` / `saved_file_reveal`: the app remembers the
 * path, so the UI never sends one back. Absent where nothing can open it (the CLI's report).
 */
token?: string, };

export type SavedFileRequest = { 
/**
 * The token from the `SavedFile` the save returned.
 */
token: string, };

export type SchoolPhase = "primary" | "secondary" | "special" | "alternative_provision";

export type SearchHit = { case_id: CaseId, legal_name: string, preferred_name: string | null, upn: string, school_name: string, status: CaseStatus, };

export type SearchRequest = { 
/**
 * What the worker typed: each word matches the start of a word in a pupil's names, UPN
 * or school.
 */
query: string, };

export type Settings = { teams: Array<Team>, cycle: CycleSettings, 
/**
 * Minutes without use before the caseload locks itself (1–30). Required in an update, so
 * a form that forgot it cannot quietly put it back to the default.
 */
lock_after_minutes: number, 
/**
 * Where backups go, how many are kept, when to remind.
 */
backup: BackupSettings, retention: RetentionSettings, };

export type SettingsUpdate = { teams: Array<Team>, cycle: CycleSettings, 
/**
 * Minutes without use before the caseload locks itself (1–30).
 */
lock_after_minutes: number, backup: BackupRules, retention: RetentionSettings, };

export type ShareSettings = { 
/**
 * The shared-drive folder: a mapped drive, UNC path or synced folder.
 */
folder: string, 
/**
 * The worker's identifier, as the council knows it (letters, digits, `-`, `_`, `.`).
 */
worker_id: WorkerId, team: string, };

export type ShareSettingsRequest = { worker_id: WorkerId, team: string, };

export type ShareSettingsSaved = { settings: ShareSettings, warning: string | null, };

export type SiblingLinkRequest = { case_id: CaseId, 
/**
 * Another case on the caseload whose pupil is this pupil's sibling.
 */
sibling_case_id: CaseId, };

export type SiblingView = { case_id: CaseId | null, legal_name: string, preferred_name: string | null, school_name: string, year_group: number, };

export type SyncReport = { share_folder: string, share_reachable: boolean, 
/**
 * Delivered now, or found already delivered.
 */
delivered: number, failed: number, 
/**
 * Inbox files taken in, and refused (with reasons in `messages`).
 */
inbox_taken: number, inbox_refused: number, conflicts_open: number, 
/**
 * Proposals from allocation files (new cases, changed details) waiting for the worker
 * to accept or refuse on the Inbox screen.
 */
proposals_open: number, 
/**
 * One line per thing worth telling the worker. File names from the shared drive in
 * these lines are escaped (`share::escape_name`).
 */
messages: Array<string>, };

export type SyncRequest = { 
/**
 * Only exports whose back-off has passed (the app's timer); otherwise every undelivered
 * export is tried now ("Send now").
 */
due_only?: boolean, };

export type Team = { id: TeamId, name: string, };

export type TeamId = string;

export type TransitionKind = "accept" | "decline" | "family_declined" | "allocate" | "start_cycle" | "midpoint_check" | "review" | "close" | "reopen";

export type Trend = "up" | "down" | "level";

export type TsmActionAddRequest = { id: TsmId, 
/**
 * The pupil the action is for; absent for an action for the school as a whole.
 */
discussion_id?: DiscussionId, };

export type TsmActionId = number;

export type TsmActionRemoveRequest = { action_id: TsmActionId, };

export type TsmActionReviewRequest = { action_id: TsmActionId, outcome: ReviewOutcome, 
/**
 * The meeting at which it is reviewed; absent when marked from the due list.
 */
at_meeting?: TsmId, 
/**
 * ISO date; today when absent.
 */
on?: string, };

export type TsmActionUpdateRequest = { action_id: TsmActionId, what: string, owner_agency: OwnerAgency, owner_person: string, lead_practitioner: string, 
/**
 * ISO date, or empty while not yet agreed.
 */
due_on: string, };

export type TsmActionView = { id: TsmActionId, what: string, owner_agency: OwnerAgency, owner_person: string, lead_practitioner: string, 
/**
 * ISO date, or empty.
 */
due_on: string, open: boolean, 
/**
 * The latest review: outcome and ISO date.
 */
latest: ReviewView | null, 
/**
 * Reviewed at least once, so it can no longer be removed.
 */
reviewed: boolean, };

export type TsmAttendeesSetRequest = { id: TsmId, attendees: Array<Attendee>, };

export type TsmCoverage = { term: string, term_label: string, rows: Array<CoverageRow>, 
/**
 * Schools whose meeting this term is finished.
 */
held: number, planned: number, not_planned: number, };

export type TsmCoverageRequest = { 
/**
 * e.g. `2026-autumn`; the current term when absent.
 */
term?: string, };

export type TsmDateSetRequest = { id: TsmId, meeting_date: string, };

export type TsmDueAction = { action_id: TsmActionId, tsm_id: TsmId, school_name: string, pupil: string, what: string, owner_agency: OwnerAgency, owner_person: string, due_on: string, overdue: boolean, };

export type TsmGetRequest = { id: TsmId, };

export type TsmId = string;

export type TsmPlanRequest = { school_urn: string, 
/**
 * ISO date of the meeting.
 */
meeting_date: string, 
/**
 * e.g. `2026-autumn`; the term the date falls in when absent.
 */
term?: string, };

export type TsmPupilAddRequest = { id: TsmId, case_id?: CaseId, name?: string, upn?: string, year_group?: string, };

export type TsmPupilRemoveRequest = { discussion_id: DiscussionId, };

export type TsmPupilUpdateRequest = { discussion_id: DiscussionId, name: string, barriers: Array<Barrier>, 
/**
 * `null`: not known yet.
 */
has_plan: boolean | null, notes: string, };

export type TsmRecordSaveRequest = { id: TsmId, format: RecordFormat, };

export type TsmReferRequest = { discussion_id: DiscussionId, date_of_birth?: string, upn?: string, year_group?: string, };

export type TsmStatus = "planned" | "finished";

export type TsmSummary = { id: TsmId, school_urn: string, school_name: string, term: string, term_label: string, meeting_date: string, status: TsmStatus, pupils: number, actions: number, 
/**
 * Actions agreed here that are still open.
 */
open_actions: number, };

export type TsmView = { id: TsmId, school_urn: string, school_name: string, school_phase: SchoolPhase, term: string, term_label: string, meeting_date: string, status: TsmStatus, attendees: Array<Attendee>, discussions: Array<DiscussionView>, 
/**
 * Actions for the school as a whole.
 */
general_actions: Array<TsmActionView>, carried: Array<CarriedActionView>, prep: PrepPack, 
/**
 * What stops the meeting being finished; empty when it can be.
 */
problems: Array<FinishProblem>, previous_meeting: TsmSummary | null, };

export type UnlockRequest = { passphrase: string, };

export type WorkerId = string;

// Labels: each enum's wording as the Rust code writes it (crates/caseload-app/src/labels.rs).

/** `CaseStatus::label()`: a status as it reads within a sentence (lower case). */
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  "referred": "referred",
  "accepted": "accepted",
  "declined": "declined",
  "family_declined": "family declined support",
  "allocated": "allocated",
  "active": "active",
  "closed": "closed",
};

/** `ContactKind::label()`. */
export const CONTACT_KIND_LABELS: Record<ContactKind, string> = {
  "home_visit": "Home visit",
  "phone_call": "Phone call",
  "letter": "Letter",
  "school_meeting": "School meeting",
  "tsm_discussion": "Targeting Support Meeting discussion",
  "other": "Other",
};

/** `Barrier::label()`, in the order a form offers them. */
export const BARRIER_LABELS: Record<Barrier, string> = {
  "health": "Health",
  "semh_ebsa": "SEMH or EBSA",
  "send": "SEND",
  "bullying": "Bullying",
  "caring_responsibilities": "Caring responsibilities",
  "housing": "Housing",
  "transport": "Transport",
  "family_circumstances": "Family circumstances",
  "school_factors": "School factors (curriculum, staffing)",
};

/** `ActionStatus::label()`. */
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  "open": "Open",
  "done": "Done",
  "not_done": "Not done",
};

/** `OwnerAgency::label()`, in the order a select offers them. */
export const OWNER_AGENCY_LABELS: Record<OwnerAgency, string> = {
  "school": "School",
  "local_authority": "Local authority attendance team",
  "early_help": "Early help",
  "health": "Health",
  "send": "SEND",
  "social_care": "Social care",
  "housing": "Housing",
  "police": "Police",
  "other": "Other",
};

/** `ReviewOutcome::label()`, in the order a form offers them. */
export const REVIEW_OUTCOME_LABELS: Record<ReviewOutcome, string> = {
  "done": "Done",
  "not_done": "Not done",
  "carried": "Carried forward",
};

/** `LegalStepKind::label()`, in ladder order. */
export const LEGAL_STEP_LABELS: Record<LegalStepKind, string> = {
  "attendance_contract": "Attendance contract",
  "notice_to_improve": "Notice to improve",
  "penalty_notice": "Penalty notice",
  "supervision_order": "Education supervision order",
  "prosecution": "Prosecution",
};

/** `EsoStage::label()`. */
export const ESO_STAGE_LABELS: Record<EsoStage, string> = {
  "considered": "Considered",
  "applied": "Applied for",
  "made": "Made",
};

/** `ProsecutionSection::label()`: the offence, cited and in words. */
export const PROSECUTION_SECTION_LABELS: Record<ProsecutionSection, string> = {
  "s444_1": "Education Act 1996 s444(1): failure to secure regular attendance",
  "s444_1a": "Education Act 1996 s444(1A): knowing failure to secure regular attendance",
};

/** `ClosureCategory::label()`: why a case closed, in the order a form offers them. */
export const CLOSURE_CATEGORY_LABELS: Record<ClosureCategory, string> = {
  "attendance_improved": "Attendance improved and sustained",
  "moved_school_or_area": "Moved school or out of area",
  "elective_home_education": "Elective home education",
  "children_missing_education": "Referred as a child missing education",
  "legal_action_taken": "Legal action taken",
  "referred_to_another_service": "Referred to another service",
  "engagement_declined": "Family declined to engage",
  "other": "Other",
};

/** `LawfulBasis::label()`: the lawful bases for an identifiable export. */
export const LAWFUL_BASIS_LABELS: Record<LawfulBasis, string> = {
  "legal_proceedings": "Education Act 1996 s.437 and s.444: attendance order or prosecution",
  "safeguarding": "Children Act 1989 s.17 and s.47: safeguarding",
  "public_task": "UK GDPR Art 6(1)(e) public task, DPA 2018 Sch 1 paras 6 and 18",
  "children_missing_education": "Education Act 1996 s.436A: children missing education",
  "court_order": "An order of a court",
};

/** `RuleId::title()`: what an alert's rule is called. */
export const RULE_TITLES: Record<RuleId, string> = {
  "persistent_absence": "Persistent absence",
  "severe_absence": "Severe absence",
  "severe_without_plan": "Severely absent without a plan",
  "penalty_threshold_met": "Penalty notice threshold met",
  "illness_notification_due": "Long illness: the local authority must be told",
  "part_time_timetable_review": "Part-time timetable past its review date",
  "notice_to_improve_ending": "Notice to improve: improvement period ending",
  "penalty_notice_limit": "Penalty notices: limit within 3 years",
  "supervision_order_before_prosecution": "Education supervision order to be considered before prosecution",
};

/** `RuleId::explanation()`: why the rule exists and how it is worked out. */
export const RULE_EXPLANATIONS: Record<RuleId, string> = {
  "persistent_absence": "A pupil is persistently absent when absence (authorised and unauthorised) is 10% or more of possible sessions.",
  "severe_absence": "A pupil is severely absent when absence is 50% or more of possible sessions.",
  "severe_without_plan": "Every severely absent pupil should have a plan (Working together to improve school attendance, 2024): this pupil has none recorded.",
  "penalty_threshold_met": "The national threshold for considering a penalty notice: 10 sessions of unauthorised absence (G, N, O, U) within a rolling period of 10 school weeks. School weeks are Monday–Sunday weeks with at least one possible session, so holidays are skipped and the period may span terms and years. The date is the mark at which the count first reaches 10.",
  "illness_notification_due": "The local authority must know when a pupil misses 15 school days (30 sessions) through illness (code I), consecutive or cumulative, within one academic year (1 September to 31 August). The date is that of the 30th illness mark.",
  "part_time_timetable_review": "A part-time timetable (code C2) must be time-limited and reviewed; this one has passed the review date recorded for it.",
  "notice_to_improve_ending": "A notice to improve gives parents an improvement period of 3 to 6 weeks before a penalty notice; this period ends soon or has ended, so the outcome must be decided.",
  "penalty_notice_limit": "A parent can receive at most two penalty notices for the same child within 3 years (counted from the first notice issued on or after 19 August 2024): the first £160 (£80 if paid within 21 days), the second £160. A third is not allowed: another tool must be used.",
  "supervision_order_before_prosecution": "Before prosecuting (Education Act 1996 s444), the local authority must consider an education supervision order (Children Act 1989 s36). None is recorded as considered for this case.",
};

/** `ImportField::label()` by `canonical_header()`: a field as a sentence names it. */
export const IMPORT_FIELD_LABELS: Record<"upn" | "date" | "session" | "code" | "possible_sessions" | "present_sessions" | "authorised_absence_sessions" | "unauthorised_absence_sessions" | "as_at" | "school_urn" | "school_phase" | "year_group" | "ward" | "postcode" | "legal_name" | "preferred_name" | "date_of_birth" | "school_name" | "referral_date" | "referral_source", string> = {
  "upn": "UPN",
  "date": "date",
  "session": "session",
  "code": "attendance code",
  "possible_sessions": "possible sessions",
  "present_sessions": "present sessions",
  "authorised_absence_sessions": "authorised absence sessions",
  "unauthorised_absence_sessions": "unauthorised absence sessions",
  "as_at": "as-at date",
  "school_urn": "school URN",
  "school_phase": "school phase",
  "year_group": "year group",
  "ward": "ward",
  "postcode": "postcode",
  "legal_name": "legal name",
  "preferred_name": "preferred name",
  "date_of_birth": "date of birth",
  "school_name": "school name",
  "referral_date": "referral date",
  "referral_source": "referral source",
};

/** `SummaryKind::title()`: what each kind of export is called, by the kind the server expects. */
export const EXPORT_KIND_LABELS: Record<"funnel" | "tsm-actions" | "ward-bands" | "closures" | "team", string> = {
  "funnel": "Case funnel by phase",
  "tsm-actions": "TSM action log",
  "ward-bands": "Attendance by ward",
  "closures": "Case closures",
  "team": "Team report",
};

/** `dates::DATE_EXAMPLE`: the example date every date error gives ("like 23 11 2026"). */
export const DATE_EXAMPLE = "23 11 2026";

export interface Commands {
  app_status: { request: null, response: AppStatus },
  about: { request: null, response: About },
  caseload_create: { request: CreateCaseloadRequest, response: AppStatus },
  unlock: { request: UnlockRequest, response: AppStatus },
  lock: { request: null, response: AppStatus },
  passphrase_change: { request: ChangePassphraseRequest, response: PassphraseChanged },
  session_activity: { request: null, response: null },
  backup_now: { request: BackupNowRequest, response: BackupView },
  backup_list: { request: null, response: BackupOverview },
  restore: { request: RestoreRequest, response: AppStatus },
  case_list: { request: null, response: Array<CaseSummary> },
  case_get: { request: CaseGetRequest, response: CaseDetail },
  case_add: { request: CaseAddRequest, response: CaseDetail },
  case_update: { request: CaseUpdateRequest, response: CaseDetail },
  case_transition: { request: CaseTransitionRequest, response: CaseDetail },
  attendance_record: { request: AttendanceRecordRequest, response: CaseDetail },
  chronology_add: { request: ChronologyAddRequest, response: Array<ChronologyEntryView> },
  chronology_list: { request: ChronologyListRequest, response: Array<ChronologyEntryView> },
  family_get: { request: FamilyGetRequest, response: PupilFamilyView },
  pupil_details_set: { request: PupilDetailsSetRequest, response: PupilFamilyView },
  family_name_set: { request: FamilyNameSetRequest, response: PupilFamilyView },
  carer_add: { request: CarerAddRequest, response: PupilFamilyView },
  carer_remove: { request: CarerRemoveRequest, response: PupilFamilyView },
  sibling_link: { request: SiblingLinkRequest, response: PupilFamilyView },
  family_child_add: { request: FamilyChildAddRequest, response: PupilFamilyView },
  plan_get: { request: PlanGetRequest, response: PlanView },
  plan_set: { request: PlanSetRequest, response: PlanView },
  plan_action_add: { request: PlanActionAddRequest, response: PlanView },
  plan_action_status: { request: PlanActionStatusRequest, response: PlanView },
  link_school_set: { request: LinkSchoolSetRequest, response: Array<LinkSchoolView> },
  link_school_list: { request: null, response: Array<LinkSchoolView> },
  tsm_plan: { request: TsmPlanRequest, response: TsmView },
  tsm_list: { request: null, response: Array<TsmSummary> },
  tsm_get: { request: TsmGetRequest, response: TsmView },
  tsm_coverage: { request: TsmCoverageRequest, response: TsmCoverage },
  tsm_date_set: { request: TsmDateSetRequest, response: TsmView },
  tsm_attendees_set: { request: TsmAttendeesSetRequest, response: TsmView },
  tsm_pupil_add: { request: TsmPupilAddRequest, response: TsmView },
  tsm_pupil_update: { request: TsmPupilUpdateRequest, response: TsmView },
  tsm_pupil_remove: { request: TsmPupilRemoveRequest, response: TsmView },
  tsm_action_add: { request: TsmActionAddRequest, response: TsmView },
  tsm_action_update: { request: TsmActionUpdateRequest, response: TsmView },
  tsm_action_remove: { request: TsmActionRemoveRequest, response: TsmView },
  tsm_action_review: { request: TsmActionReviewRequest, response: TsmView },
  tsm_finish: { request: TsmGetRequest, response: TsmView },
  tsm_refer: { request: TsmReferRequest, response: TsmView },
  tsm_record_save: { request: TsmRecordSaveRequest, response: SavedFile | null },
  import_marks_file: { request: ImportRequest, response: ImportView },
  import_summary_file: { request: ImportRequest, response: ImportView },
  import_progress: { request: null, response: ImportProgress | null },
  import_cancel: { request: null, response: boolean },
  import_list: { request: null, response: Array<ImportView> },
  import_mapping_get: { request: ImportMappingGetRequest, response: { [key in string]?: string } },
  import_mapping_set: { request: ImportMappingSetRequest, response: { [key in string]?: string } },
  dashboard: { request: null, response: Dashboard },
  search: { request: SearchRequest, response: Array<SearchHit> },
  report_funnel: { request: FunnelRequest, response: FunnelReport },
  report_caseload_bands: { request: null, response: CaseloadBandsReport },
  settings_get: { request: null, response: Settings },
  settings_update: { request: SettingsUpdate, response: Settings },
  postcode_lookup_status: { request: null, response: PostcodeLookupStatus },
  postcode_lookup_load: { request: PostcodeLookupLoadRequest, response: PostcodeLookupLoaded },
  backup_folder_choose: { request: BackupFolderRequest, response: Settings | null },
  local_model_get: { request: null, response: LocalModel },
  local_model_example: { request: null, response: LocalModel },
  local_model_save: { request: LocalModel, response: LocalModel },
  retention_list: { request: null, response: RetentionList },
  retention_purge: { request: RetentionPurgeRequest, response: RetentionPurgeReport },
  legal_get: { request: LegalGetRequest, response: LegalView },
  legal_step_add: { request: LegalStepAddRequest, response: LegalView },
  evidence_bundle_save: { request: EvidenceBundleSaveRequest, response: SavedFile | null },
  save_suggestion: { request: SaveSuggestionRequest, response: SaveSuggestion },
  file_choose: { request: FileChooseRequest, response: ChosenFile | null },
  saved_file_open: { request: SavedFileRequest, response: null },
  saved_file_reveal: { request: SavedFileRequest, response: null },
  share_settings_get: { request: null, response: ShareSettings },
  share_settings_set: { request: ShareSettingsRequest, response: ShareSettingsSaved },
  share_folder_choose: { request: null, response: ShareSettingsSaved | null },
  export_preview: { request: ExportRequest, response: ExportPreview },
  export_queue: { request: ExportRequest, response: OutboxItem },
  export_save: { request: ExportSaveRequest, response: ExportSaved | null },
  outbox_list: { request: null, response: OutboxView },
  sync: { request: SyncRequest, response: SyncReport },
  inbox_get: { request: null, response: InboxView },
  inbox_conflict_resolve: { request: ConflictResolveRequest, response: InboxView },
  inbox_proposal_accept: { request: ProposalDecideRequest, response: InboxView },
  inbox_proposal_refuse: { request: ProposalDecideRequest, response: InboxView },
  inbox_proposals_accept_all: { request: null, response: InboxView },
  audit_list: { request: AuditListRequest, response: AuditListView },
  audit_verify: { request: null, response: AuditVerifyView },
}

export const COMMAND_NAMES = ["app_status", "about", "caseload_create", "unlock", "lock", "passphrase_change", "session_activity", "backup_now", "backup_list", "restore", "case_list", "case_get", "case_add", "case_update", "case_transition", "attendance_record", "chronology_add", "chronology_list", "family_get", "pupil_details_set", "family_name_set", "carer_add", "carer_remove", "sibling_link", "family_child_add", "plan_get", "plan_set", "plan_action_add", "plan_action_status", "link_school_set", "link_school_list", "tsm_plan", "tsm_list", "tsm_get", "tsm_coverage", "tsm_date_set", "tsm_attendees_set", "tsm_pupil_add", "tsm_pupil_update", "tsm_pupil_remove", "tsm_action_add", "tsm_action_update", "tsm_action_remove", "tsm_action_review", "tsm_finish", "tsm_refer", "tsm_record_save", "import_marks_file", "import_summary_file", "import_progress", "import_cancel", "import_list", "import_mapping_get", "import_mapping_set", "dashboard", "search", "report_funnel", "report_caseload_bands", "settings_get", "settings_update", "postcode_lookup_status", "postcode_lookup_load", "backup_folder_choose", "local_model_get", "local_model_example", "local_model_save", "retention_list", "retention_purge", "legal_get", "legal_step_add", "evidence_bundle_save", "save_suggestion", "file_choose", "saved_file_open", "saved_file_reveal", "share_settings_get", "share_settings_set", "share_folder_choose", "export_preview", "export_queue", "export_save", "outbox_list", "sync", "inbox_get", "inbox_conflict_resolve", "inbox_proposal_accept", "inbox_proposal_refuse", "inbox_proposals_accept_all", "audit_list", "audit_verify"] as const;
