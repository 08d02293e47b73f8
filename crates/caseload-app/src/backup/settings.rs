//! Backup settings: where backups go, how many are kept, when to remind, and what the settings
//! form says is wrong with them. Reads settings only; it makes no backup.

use std::path::{Path, PathBuf};

use caseload_domain::{Field, FieldErrors};
use caseload_store::{Store, settings};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::AppError;

/// Where backups go, how many are kept, and when to remind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupSettings {
    /// The folder backups are written to; empty means `Documents/Caseload/Backups`.
    pub folder: String,
    /// How many of the newest backups to keep (1–50); older ones are deleted.
    pub keep: u32,
    /// Remind on the dashboard when the last good backup is older than this many days (1–90).
    pub remind_after_days: u32,
}

impl Default for BackupSettings {
    fn default() -> Self {
        BackupSettings {
            folder: String::new(),
            keep: 5,
            remind_after_days: 7,
        }
    }
}

pub(crate) const SETTINGS_KEY: &str = "backup";
pub const KEEP_RANGE: std::ops::RangeInclusive<u32> = 1..=50;
pub const REMIND_RANGE: std::ops::RangeInclusive<u32> = 1..=90;

pub(crate) fn load_settings(store: &Store) -> Result<BackupSettings, AppError> {
    Ok(settings::get(&store.read(), SETTINGS_KEY)?.unwrap_or_default())
}

/// Problems with backup settings, for the settings form.
pub(crate) fn validate_settings(s: &BackupSettings, errors: &mut FieldErrors) {
    let folder = s.folder.trim();
    if !folder.is_empty() && !Path::new(folder).is_absolute() {
        errors.push(
            Field::BackupFolder,
            "Give the backup folder's full path, for example D:\\Backups or /media/usb/Backups",
        );
    }
    if !KEEP_RANGE.contains(&s.keep) {
        errors.push(
            Field::BackupKeep,
            format!(
                "Keep between {} and {} backups",
                KEEP_RANGE.start(),
                KEEP_RANGE.end()
            ),
        );
    }
    if !REMIND_RANGE.contains(&s.remind_after_days) {
        errors.push(
            Field::BackupRemindAfterDays,
            format!(
                "Remind after between {} and {} days",
                REMIND_RANGE.start(),
                REMIND_RANGE.end()
            ),
        );
    }
}

/// The default backup folder: `Backups` in the documents folder.
pub fn default_folder() -> PathBuf {
    crate::data_dir::documents().join("Backups")
}

pub(super) fn effective_folder(s: &BackupSettings) -> PathBuf {
    let folder = s.folder.trim();
    if folder.is_empty() {
        default_folder()
    } else {
        PathBuf::from(folder)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_refused(folder: &str) -> bool {
        let mut errors = FieldErrors::default();
        let settings = BackupSettings {
            folder: folder.into(),
            ..BackupSettings::default()
        };
        validate_settings(&settings, &mut errors);
        errors.iter().any(|e| e.field == Field::BackupFolder)
    }

    // A backup folder on the council's shared drive: a mapped drive letter or a UNC path.
    #[cfg(windows)]
    #[test]
    fn mapped_drives_and_unc_shares_are_full_paths_on_windows() {
        assert!(!folder_refused(r"S:\Caseload\Backups"));
        assert!(!folder_refused(r"\\council-fs01\attendance\Backups"));
        assert!(folder_refused(r"S:Backups"));
        assert!(folder_refused(r"Backups"));
    }

    #[test]
    fn an_empty_folder_means_the_default_and_a_relative_one_is_refused() {
        assert!(!folder_refused(""));
        assert!(folder_refused("Backups"));
        #[cfg(unix)]
        assert!(!folder_refused("/media/usb/Backups"));
    }
}
