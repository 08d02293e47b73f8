//! `backups.json` in the data folder: the backups this laptop made or restored from, readable
//! while the caseload is locked (no key needed), so that a caseload that will not open can name
//! the latest good backup. Plaintext, so it holds no personal data: each backup's path, time,
//! size, schema version and whether it was verified. Replaced atomically.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub const INDEX_FILE: &str = "backups.json";
const INDEX_FORMAT: &str = "caseload-backups";
const INDEX_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub format: String,
    pub version: u32,
    /// Oldest first.
    pub backups: Vec<IndexEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexEntry {
    /// The backup file's full path.
    pub path: String,
    pub created_at: DateTime<Utc>,
    pub size: u64,
    /// Opened with its key and passed every check after it was written (or before restoring).
    pub verified: bool,
    pub schema_version: i64,
    /// The backup this caseload was restored from (not one this laptop made): listed so the
    /// restore hint can name it, never deleted by pruning.
    #[serde(default)]
    pub restored_from: bool,
    /// Where its copy on the shared drive is, once it has been copied there.
    #[serde(default)]
    pub shared_to: Option<String>,
}

impl Default for Index {
    fn default() -> Self {
        Index {
            format: INDEX_FORMAT.into(),
            version: INDEX_VERSION,
            backups: Vec::new(),
        }
    }
}

fn path_of(data_dir: &Path) -> PathBuf {
    data_dir.join(INDEX_FILE)
}

/// The index, or an empty one when there is none yet. An unreadable index is treated as empty
/// (it only ever points at backups; losing it loses no data) rather than blocking a backup.
pub fn read(data_dir: &Path) -> Index {
    fs::read(path_of(data_dir))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Index>(&bytes).ok())
        .filter(|i| i.format == INDEX_FORMAT && i.version == INDEX_VERSION)
        .unwrap_or_default()
}

/// The newest verified backup whose file is still there.
pub fn latest_verified(data_dir: &Path) -> Option<IndexEntry> {
    read(data_dir)
        .backups
        .into_iter()
        .filter(|b| b.verified && Path::new(&b.path).is_file())
        .max_by_key(|b| b.created_at)
}

pub fn write(data_dir: &Path, index: &Index) -> Result<(), AppError> {
    let path = path_of(data_dir);
    let fail = |e: std::io::Error| AppError::Storage {
        message: format!(
            "The list of backups ({}) could not be saved: {}",
            path.display(),
            caseload_exchange::io_problem(&e)
        ),
    };
    let json = serde_json::to_vec_pretty(index).map_err(|e| AppError::Storage {
        message: format!("The list of backups could not be written: {e}"),
    })?;
    let tmp = data_dir.join(format!("{INDEX_FILE}.tmp"));
    let result = (|| {
        let mut file = File::create(&tmp)?;
        file.write_all(&json)?;
        file.sync_all()?;
        fs::rename(&tmp, &path)?;
        if let Ok(dir) = File::open(data_dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(fail)
}

/// Adds `entry`, then keeps the newest `keep` backups this laptop made: older ones the index
/// lists are deleted from disk and from the index. Only files the index lists as made here are
/// ever deleted.
pub fn record_and_prune(data_dir: &Path, entry: IndexEntry, keep: u32) -> Result<(), AppError> {
    let mut index = read(data_dir);
    index
        .backups
        .retain(|b| b.path != entry.path && !(entry.restored_from && b.restored_from));
    index.backups.push(entry);
    index.backups.sort_by_key(|b| b.created_at);
    let made = index.backups.iter().filter(|b| !b.restored_from).count();
    let mut excess = made.saturating_sub(keep.max(1) as usize);
    let mut kept = Vec::with_capacity(index.backups.len());
    for b in std::mem::take(&mut index.backups) {
        if excess > 0 && !b.restored_from {
            excess -= 1;
            let _ = fs::remove_file(&b.path);
        } else {
            kept.push(b);
        }
    }
    index.backups = kept;
    write(data_dir, &index)
}
