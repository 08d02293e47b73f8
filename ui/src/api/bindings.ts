// generated — do not edit. Source: crates/caseload-app (the command list and its types).
// Regenerate with `cargo run -p caseload-app --bin gen-bindings`.

export type CaseId = string;

export type CaseStatus = "open";

export type AppStatus = { data_dir: string, initialised: boolean, unlocked: boolean, app_version: string, min_passphrase_length: number, };

export type CreateCaseloadRequest = { passphrase: string, passphrase_confirm: string, };

export type UnlockRequest = { passphrase: string, };

export type ChangePassphraseRequest = { current_passphrase: string, new_passphrase: string, new_passphrase_confirm: string, };

export type PupilInput = { legal_name: string, preferred_name: string | null, date_of_birth: string, upn: string, school_urn: string, school_name: string, year_group: string, };

export type CaseGetRequest = { id: CaseId, };

export type CaseUpdateRequest = { id: CaseId, pupil: PupilInput, };

export type CaseSummary = { id: CaseId, legal_name: string, preferred_name: string | null, upn: string, school_name: string, year_group: number, status: CaseStatus, 
/**
 * RFC 3339, UTC; shown in Europe/London.
 */
updated_at: string, };

export type Pupil = { legal_name: string, preferred_name: string | null, 
/**
 * ISO date.
 */
date_of_birth: string, upn: string, school_urn: string, school_name: string, year_group: number, };

export type CaseDetail = { id: CaseId, pupil: Pupil, status: CaseStatus, created_at: string, updated_at: string, };

export type FieldError = { field: string, message: string, };

export type AppError = { "kind": "validation", message: string, fields: Array<FieldError>, } | { "kind": "not_initialised", message: string, } | { "kind": "already_initialised", message: string, } | { "kind": "locked", message: string, } | { "kind": "wrong_passphrase", message: string, } | { "kind": "not_found", message: string, id: string, } | { "kind": "newer_database", message: string, found: number, supported: number, } | { "kind": "in_use", message: string, } | { "kind": "storage", message: string, };

export interface Commands {
  app_status: { request: null, response: AppStatus },
  caseload_create: { request: CreateCaseloadRequest, response: AppStatus },
  unlock: { request: UnlockRequest, response: AppStatus },
  lock: { request: null, response: AppStatus },
  passphrase_change: { request: ChangePassphraseRequest, response: null },
  case_list: { request: null, response: Array<CaseSummary> },
  case_get: { request: CaseGetRequest, response: CaseDetail },
  case_add: { request: PupilInput, response: CaseDetail },
  case_update: { request: CaseUpdateRequest, response: CaseDetail },
}

export const COMMAND_NAMES = ["app_status", "caseload_create", "unlock", "lock", "passphrase_change", "case_list", "case_get", "case_add", "case_update"] as const;
