//! Backup and restore, and what to say when the caseload will not open.
//!
//! A backup is one file (see `container`): an encrypted copy of the database made with SQLite's
//! backup API, the wrapped key and a manifest. It is written to a `.partial` name created
//! exclusively, synced, checked (opened with the key, `integrity_check`,
//! `cipher_integrity_check`, row counts equal to the manifest's) and only then renamed to its
//! final name, so a backup killed part-way never leaves a file that looks finished. Each one is
//! listed in `backups.json` (see `index`), and only the newest `keep` are kept. When the
//! shared drive is set, the newest backup is copied there too (`share_latest`: at once if the
//! share can be reached, else by the next sync), so it leaves the laptop.
//!
//! Restoring checks the file and the passphrase before anything is written, and writes the key
//! file last, so a restore cut short leaves no caseload.
//!
//! By concept: `settings` (where, how many, when to remind), `overview` (the Backups list and
//! reminder), `make` (writing and checking one backup), `share` (its copy on the shared drive),
//! `restore` (a backup back into an empty folder) and `damaged` (the error naming the backup to
//! restore).

mod container;
mod damaged;
pub mod index;
mod make;
mod overview;
mod restore;
mod settings;
mod share;

use std::path::Path;

use crate::error::AppError;

pub use damaged::damaged;
#[doc(hidden)]
pub use make::backup_now_using;
pub(crate) use make::remove_stale_work;
pub use make::{BackupNowRequest, backup_now, backup_now_to};
pub use overview::{BackupOverview, BackupView, backup_list, overview_at};
pub use restore::{RestoreRequest, restore, restore_from, restore_into};
pub use settings::{BackupSettings, KEEP_RANGE, REMIND_RANGE, default_folder};
pub(crate) use settings::{SETTINGS_KEY, validate_settings};
pub(crate) use share::share_latest;

fn file_error(what: &str, path: &Path, e: &std::io::Error) -> AppError {
    AppError::File {
        message: format!(
            "{what} {}: {}",
            path.display(),
            caseload_exchange::io_problem(e)
        ),
        path: path.display().to_string(),
    }
}

fn random_hex() -> Result<String, AppError> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Storage {
        message: format!("No random name could be made: {e}"),
    })?;
    Ok(hex::encode(bytes))
}
