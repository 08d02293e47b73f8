//! What to say when a caseload will not open because its database or key file is damaged: the
//! error, and the latest verified backup to restore. Reads `backups.json` only; it restores nothing.

use std::path::Path;

use caseload_store::StoreError;

use super::index;
use crate::error::AppError;

/// The error for a caseload that will not open because its database or key file is damaged,
/// altered or does not match its key: what happened, and the latest verified backup to restore.
pub fn damaged(data_dir: &Path, e: &StoreError) -> AppError {
    let what = match e {
        StoreError::DatabaseKeyMismatch => {
            "Caseload cannot open this caseload: its database does not match its key (it may have been replaced or damaged)"
        }
        StoreError::KeyFileInvalid { .. } | StoreError::DamagedKeyFile { .. } => {
            "Caseload cannot open this caseload: its key file (caseload.key) is damaged or is not Caseload's"
        }
        _ => {
            "Caseload cannot open this caseload: its database is damaged or has been altered outside Caseload"
        }
    };
    let latest = index::latest_verified(data_dir);
    let hint = match &latest {
        Some(b) => {
            let local = b.created_at.with_timezone(&chrono_tz::Europe::London);
            format!(
                "Restore your latest backup, made {} at {}: {}",
                caseload_domain::dates::long_date(local.date_naive()),
                local.format("%H:%M"),
                b.path
            )
        }
        None => "No verified backup is listed on this laptop: restore your latest backup from your backup folder or the shared drive, or ask your IT service".into(),
    };
    AppError::Damaged {
        message: format!("{what}. {hint}"),
        backup_path: latest.map(|b| b.path),
    }
}
