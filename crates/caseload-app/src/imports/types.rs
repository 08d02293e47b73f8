//! Request and response types of the attendance import commands (exported to TypeScript).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use caseload_domain::ImportId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKindView {
    /// Session marks: `upn,date,session,code`.
    Marks,
    /// Pupil attendance summaries (possible, present, authorised, unauthorised, as-at).
    Summary,
}

/// Imports the file the worker chose in the backend's file chooser (`file_choose`), by the
/// token it answered: the webview never names a path. The CLI imports a file it names with
/// `import_marks_file_at` / `import_summary_file_at`.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ImportRequest {
    /// The token `file_choose` answered for the file (CSV or XLSX).
    pub chosen: String,
    /// The file's own headers for our fields (`{"upn": "Pupil UPN", …}`); when absent, the
    /// mapping saved for this kind of file, if any.
    #[serde(default)]
    #[ts(optional)]
    pub mapping: Option<BTreeMap<String, String>>,
}

/// What an import took in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportView {
    pub id: ImportId,
    pub kind: ImportKindView,
    pub file_name: String,
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number")]
    pub pupils: u64,
    /// Of those pupils, how many are on this caseload.
    pub on_caseload: Option<u32>,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// RFC 3339, UTC.
    pub imported_at: String,
    pub sha256: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ImportMappingGetRequest {
    pub kind: ImportKindView,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ImportMappingSetRequest {
    pub kind: ImportKindView,
    /// Our field (`upn`, `date`, `session`, `code`, `possible_sessions`, `present_sessions`,
    /// `authorised_absence_sessions`, `unauthorised_absence_sessions`, `as_at`, `school_urn`,
    /// `school_phase`, `year_group`, `ward`) → the file's header. Empty: forget the mapping.
    pub mapping: BTreeMap<String, String>,
}

/// One problem in an imported file, where it is and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportProblem {
    /// 1-based as a spreadsheet shows it (the header is row 1); `null` for the whole file.
    #[ts(type = "number | null")]
    pub row: Option<usize>,
    pub column: Option<String>,
    pub problem: String,
    pub fix: String,
}
