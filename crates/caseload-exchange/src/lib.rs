//! Caseload's files in and out: documents handed to others (the TSM record as PDF and DOCX)
//! and attendance files taken in (session marks and pupil summaries from CSV and XLSX). It
//! reads no database and writes no files itself, so callers decide where personal data goes.

pub mod aggregate;
mod document;
mod docx;
mod error;
pub mod evidence;
pub mod import;
mod io_words;
mod pdf;
pub mod scrub;
pub mod share;
pub mod summary;
pub mod tsm_record;

pub use error::ExchangeError;
pub use import::{
    ColumnMapping, ImportError, ImportFailure, ImportField, ImportSource, MarksFile, Progress,
    PupilMarks, SummaryFile, SummaryRow, UnreadableReason, import_marks, import_summaries,
};
pub use io_words::io_problem;
pub use tsm_record::{to_docx, to_pdf};
