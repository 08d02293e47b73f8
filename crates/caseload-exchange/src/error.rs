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
}
