//! What goes wrong when a file is imported, said so a worker can put it right: the file (name
//! only), the row as a spreadsheet numbers it (header = row 1), the column's header, what is
//! wrong and what to do. Messages name the rule a cell breaks, not its value: a value is
//! quoted only when [`super::shown`] finds it plainly not personal (a code such as `Q`), never
//! a UPN, a name or a date. Headers are cut short and every part is bounded, so a line stays
//! short whatever the file holds and can be logged.

use serde::Serialize;

use super::columns::ImportField;
use super::shown::{bounded, shown_header};

/// At most this many problems are listed for one file; checking stops at the next one.
pub const MAX_LISTED_ERRORS: usize = 50;

/// One problem in one place of a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{}", self.line())]
pub struct ImportError {
    /// The file's name, without its folder.
    pub file: String,
    /// 1-based, as a spreadsheet shows it: the header is row 1. `None` for the whole file.
    pub row: Option<usize>,
    /// The column's header as the file writes it. `None` for the whole row or file.
    pub column: Option<String>,
    /// What is wrong.
    pub problem: String,
    /// What to do about it.
    pub fix: String,
}

impl ImportError {
    pub(crate) fn new(
        file: &str,
        row: Option<usize>,
        column: Option<&str>,
        problem: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        ImportError {
            file: file.to_string(),
            row,
            column: column.map(shown_header),
            problem: bounded(problem.into()),
            fix: bounded(fix.into()),
        }
    }

    /// `pupils.csv, row 14, column "code": "H" is not …; correct the code and import again`.
    pub fn line(&self) -> String {
        let mut place = self.file.clone();
        if let Some(row) = self.row {
            place.push_str(&format!(", row {row}"));
        }
        if let Some(column) = &self.column {
            place.push_str(&format!(", column \"{column}\""));
        }
        format!("{place}: {}; {}", self.problem, self.fix)
    }
}

/// Why a file could not be read as a table at all. The UI branches on this, not on text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnreadableReason {
    /// The operating system could not read the file.
    Io,
    /// The file has no bytes, or only blank lines.
    Empty,
    /// A header row and nothing under it.
    NoDataRows,
    /// Not text and not a workbook: an image, a PDF, random bytes.
    Binary,
    /// Text in an encoding other than UTF-8 (a Windows code page, UTF-16).
    NotUtf8,
    /// An Excel 97–2003 `.xls` workbook, which Caseload does not read.
    LegacyExcel,
    /// An XLSX workbook that is damaged or cut short, or not a workbook despite its name.
    DamagedWorkbook,
    /// A workbook without a worksheet.
    NoSheet,
    /// CSV that the CSV reader could not split into rows.
    MalformedCsv,
    /// Beyond the limits of `import::limits`: a row too long, too many columns, or a workbook
    /// that unpacks too large. Not attendance data, or damaged.
    TooLarge,
}

/// Why an import produced nothing. A file is imported whole or not at all: every variant
/// means no row of the file was taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportFailure {
    /// The file could not be read as a table.
    #[error("{error}")]
    Unreadable {
        reason: UnreadableReason,
        error: Box<ImportError>,
    },
    /// The header row lacks columns this import needs; a saved column mapping can fix that.
    #[error("{error}")]
    MissingColumns {
        /// The headers the file has, as written.
        found: Vec<String>,
        /// Our fields that no header matched.
        missing: Vec<ImportField>,
        error: Box<ImportError>,
    },
    /// Rows with problems, in row order. When checking stopped at [`MAX_LISTED_ERRORS`],
    /// `stopped_at_row` says where, and rows after it were not checked.
    #[error("{}", invalid_summary(file, errors, *stopped_at_row))]
    Invalid {
        file: String,
        errors: Vec<ImportError>,
        stopped_at_row: Option<usize>,
    },
    /// The caller's progress callback asked to stop.
    #[error("{file}: the import was cancelled; nothing was imported")]
    Cancelled { file: String },
}

fn invalid_summary(file: &str, errors: &[ImportError], stopped_at_row: Option<usize>) -> String {
    let count = match (errors.len(), stopped_at_row) {
        (n, Some(row)) => format!("{n} problems found before checking stopped at row {row}"),
        (1, None) => "1 problem".to_string(),
        (n, None) => format!("{n} problems"),
    };
    match errors.first() {
        Some(first) => format!("{file}: {count}, nothing was imported. First: {first}"),
        None => format!("{file}: {count}, nothing was imported"),
    }
}

impl ImportFailure {
    /// The file's name, without its folder.
    pub fn file(&self) -> &str {
        match self {
            ImportFailure::Unreadable { error, .. }
            | ImportFailure::MissingColumns { error, .. } => &error.file,
            ImportFailure::Invalid { file, .. } | ImportFailure::Cancelled { file } => file,
        }
    }

    /// Every listed problem: one for an unreadable file or missing columns, none when cancelled.
    pub fn errors(&self) -> &[ImportError] {
        match self {
            ImportFailure::Unreadable { error, .. }
            | ImportFailure::MissingColumns { error, .. } => std::slice::from_ref(&**error),
            ImportFailure::Invalid { errors, .. } => errors,
            ImportFailure::Cancelled { .. } => &[],
        }
    }

    pub(crate) fn unreadable(
        reason: UnreadableReason,
        file: &str,
        row: Option<usize>,
        problem: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        ImportFailure::Unreadable {
            reason,
            error: Box::new(ImportError::new(file, row, None, problem, fix)),
        }
    }
}

/// The problems found so far in one file, up to [`MAX_LISTED_ERRORS`].
#[derive(Debug)]
pub(crate) struct ErrorList {
    file: String,
    errors: Vec<ImportError>,
    stopped_at_row: Option<usize>,
}

impl ErrorList {
    pub(crate) fn new(file: &str) -> Self {
        ErrorList {
            file: file.to_string(),
            errors: Vec::new(),
            stopped_at_row: None,
        }
    }

    pub(crate) fn file(&self) -> &str {
        &self.file
    }

    /// Records a problem; once the list is full, the next problem stops checking at its row.
    pub(crate) fn push(
        &mut self,
        row: usize,
        column: Option<&str>,
        problem: impl Into<String>,
        fix: impl Into<String>,
    ) {
        if self.is_full() {
            return;
        }
        if self.errors.len() == MAX_LISTED_ERRORS {
            self.stopped_at_row = Some(row);
            return;
        }
        let error = ImportError::new(&self.file, Some(row), column, problem, fix);
        self.errors.push(error);
    }

    /// True once a problem beyond the limit has been found: reading should stop.
    pub(crate) fn is_full(&self) -> bool {
        self.stopped_at_row.is_some()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// `Err(Invalid)` when any problem was found, the problems sorted by row.
    pub(crate) fn into_result(mut self) -> Result<(), ImportFailure> {
        if self.errors.is_empty() {
            return Ok(());
        }
        self.errors.sort_by_key(|e| e.row);
        Err(ImportFailure::Invalid {
            file: self.file,
            errors: self.errors,
            stopped_at_row: self.stopped_at_row,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_reads_as_one_line_naming_file_row_and_column() {
        let e = ImportError::new(
            "pupils.csv",
            Some(14),
            Some("code"),
            "\"H\" is not an attendance code",
            "correct the code and import the file again",
        );
        assert_eq!(
            e.to_string(),
            "pupils.csv, row 14, column \"code\": \"H\" is not an attendance code; \
             correct the code and import the file again"
        );
    }

    #[test]
    fn the_list_keeps_fifty_problems_and_records_where_checking_stopped() {
        let mut list = ErrorList::new("marks.csv");
        for row in 2..=60 {
            list.push(row, None, "bad", "fix");
        }
        assert!(list.is_full());
        match list.into_result() {
            Err(ImportFailure::Invalid {
                errors,
                stopped_at_row,
                ..
            }) => {
                assert_eq!(errors.len(), MAX_LISTED_ERRORS);
                assert_eq!(stopped_at_row, Some(52));
            }
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn an_invalid_file_summarises_the_count_and_the_first_problem() {
        let mut list = ErrorList::new("marks.csv");
        list.push(3, Some("date"), "\"x\" is not a date", "write YYYY-MM-DD");
        list.push(2, Some("code"), "\"H\" is not a code", "correct it");
        let failure = list.into_result().expect_err("two problems");
        assert_eq!(
            failure.to_string(),
            "marks.csv: 2 problems, nothing was imported. First: marks.csv, row 2, \
             column \"code\": \"H\" is not a code; correct it"
        );
        assert_eq!(failure.errors().len(), 2);
    }
}
