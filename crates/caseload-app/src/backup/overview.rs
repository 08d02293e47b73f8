//! The Backups list and the dashboard's reminder, read from `backups.json`. Writes nothing.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::index::{self, IndexEntry};
use super::settings::{BackupSettings, effective_folder, load_settings};
use crate::context::Caseload;
use crate::error::AppError;

/// One backup, as the Backups list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupView {
    pub path: String,
    pub file_name: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    #[ts(type = "number")]
    pub size: u64,
    pub verified: bool,
    /// Whether the file is still where it was written.
    pub present: bool,
    /// The backup this caseload was restored from, not one made here.
    pub restored_from: bool,
    /// Its copy on the shared drive, once copied there (the newest backup is copied whenever
    /// the share can be reached).
    pub shared_to: Option<String>,
}

/// The Backups list and the dashboard's reminder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupOverview {
    /// Where "Back up now" writes.
    pub folder: String,
    pub settings: BackupSettings,
    /// Newest first.
    pub backups: Vec<BackupView>,
    /// Whole days since the newest verified backup; none if there is none.
    pub days_since_last: Option<u32>,
    /// "Your last backup was 9 days ago. Back up now", when a backup is due; else none.
    pub reminder: Option<String>,
}

pub(super) fn view(e: &IndexEntry) -> BackupView {
    BackupView {
        file_name: Path::new(&e.path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        present: Path::new(&e.path).is_file(),
        path: e.path.clone(),
        created_at: e.created_at.to_rfc3339(),
        size: e.size,
        verified: e.verified,
        restored_from: e.restored_from,
        shared_to: e.shared_to.clone(),
    }
}

/// The overview at `now` (the reminder counts whole days from the newest verified backup).
pub fn overview_at(
    data_dir: &Path,
    s: BackupSettings,
    now: DateTime<Utc>,
) -> Result<BackupOverview, AppError> {
    let index = index::read(data_dir);
    let days_since_last = index
        .backups
        .iter()
        .filter(|b| b.verified)
        .map(|b| b.created_at)
        .max()
        .map(|t| u32::try_from((now - t).num_days().max(0)).unwrap_or(u32::MAX));
    let reminder = match days_since_last {
        None => Some("You have not backed up this caseload yet. Back up now".to_string()),
        Some(days) if days > s.remind_after_days => {
            Some(format!("Your last backup was {days} days ago. Back up now"))
        }
        Some(_) => None,
    };
    Ok(BackupOverview {
        folder: effective_folder(&s).display().to_string(),
        backups: index.backups.iter().rev().map(view).collect(),
        settings: s,
        days_since_last,
        reminder,
    })
}

pub fn backup_list(cx: &Caseload, _: ()) -> Result<BackupOverview, AppError> {
    let s = cx.with_store(|store| load_settings(store))?;
    overview_at(cx.data_dir(), s, Utc::now())
}
