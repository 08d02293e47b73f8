//! The exchange crate's errors. Messages name the file part and the cause, never the content,
//! so no personal data reaches a log through them.

#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    /// Writing a part of the DOCX package (a zip archive held in memory) failed.
    #[error("could not write {part} into the DOCX package: {source}")]
    DocxPackage {
        part: &'static str,
        source: zip::result::ZipError,
    },
    /// Writing a PDF failed, or the file would not have met its standards (PDF/UA, PDF/A).
    /// The reason names the kind of problem only, never the document's text.
    #[error("could not write the PDF because {reason}")]
    Pdf { reason: String },
    /// Writing a summary's CSV failed.
    #[error("could not write the summary as CSV: {source}")]
    SummaryCsv { source: csv::Error },
    /// Writing a part of a summary's XLSX workbook failed.
    #[error("could not write {part} into the summary workbook: {source}")]
    SummaryXlsx {
        part: &'static str,
        source: rust_xlsxwriter::XlsxError,
    },
    /// Serialising a summary as JSON failed.
    #[error("could not write the summary as JSON: {source}")]
    SummaryJsonWrite { source: serde_json::Error },
    /// A summary file is not JSON at all. Only the position and kind of fault are kept: the
    /// parser's own message may quote the file's content.
    #[error(
        "the summary file is not valid JSON ({category} error at line {line}, column {column})"
    )]
    SummaryJsonSyntax {
        category: &'static str,
        line: usize,
        column: usize,
    },
    /// A summary file says it is something other than a Caseload summary.
    #[error("the file is not a Caseload summary: its schema is {found:?}, expected {expected:?}")]
    SummarySchema {
        found: String,
        expected: &'static str,
    },
    /// A summary file was written to another version of the schema (by a newer or older build).
    #[error("the summary file has schema version {found}; this build reads version {expected}")]
    SummarySchemaVersion { found: u64, expected: u32 },
    /// A field of a summary file is missing or holds the wrong kind of value. `path` names the
    /// field by its keys and positions (`tables[0].rows[3].total`), never by its content.
    #[error("the summary file's field {path} is missing or not {expected}")]
    SummaryField {
        path: String,
        expected: &'static str,
    },
}
