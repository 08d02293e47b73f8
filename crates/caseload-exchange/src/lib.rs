//! Caseload's files in and out: documents handed to others (the TSM record as PDF and DOCX).
//! Renders values it is given; it reads no database and writes no files itself, so callers
//! decide where personal data goes.

mod document;
mod docx;
mod error;
mod pdf;
pub mod tsm_record;

pub use error::ExchangeError;
pub use tsm_record::{to_docx, to_pdf};
