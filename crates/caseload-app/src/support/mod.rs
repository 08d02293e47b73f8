//! Helpers the commands share that are not commands themselves: the worker's local date and
//! time, and saving a document the worker asked for.

pub(crate) mod saved_file;

pub use saved_file::{Destination, SavedFile};

/// The worker's local date (Europe/London), for rules such as "date of birth not in the future".
pub fn today() -> chrono::NaiveDate {
    now_local().date()
}

/// The worker's local date and time (Europe/London), for "not in the future" rules.
pub(crate) fn now_local() -> chrono::NaiveDateTime {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .naive_local()
}

/// Writes a file the worker asked for at `path` (or `path` with " (2)"… when that is taken: no
/// file is ever replaced), as every saved document is written (see `saved_file`), for front
/// ends that make a document without a caseload (the CLI's team report).
pub fn save_file_at(
    path: &std::path::Path,
    what: &str,
    bytes: &[u8],
) -> Result<SavedFile, crate::error::AppError> {
    saved_file::save(&saved_file::Destination::file(path), what, "", "", bytes)
}
