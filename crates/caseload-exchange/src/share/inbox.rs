//! The worker's inbox on the shared drive: allocation and attendance files the council puts
//! in `caseload/inbox/<worker>/` for Caseload to import. It only lists and reads; importing
//! and deciding what to do with a file is the caller's business.

use std::io;
use std::path::Path;

use serde::Serialize;

use super::error::DeliveryError;
use super::fs::ShareFs;
use super::manifest::sha256_hex;
use super::names::check_segment;

/// Which inbox folder a file came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InboxKind {
    /// `allocations/`: which pupils are allocated to the worker.
    Allocations,
    /// `attendance/`: attendance data to import.
    Attendance,
}

impl InboxKind {
    fn folder(self) -> &'static str {
        match self {
            InboxKind::Allocations => "allocations",
            InboxKind::Attendance => "attendance",
        }
    }
}

/// A file waiting in the inbox, read whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxFile {
    pub kind: InboxKind,
    pub name: String,
    /// Lower-case hex SHA-256 of `bytes`, so the caller can tell a file it already imported.
    pub sha256: String,
    pub bytes: Vec<u8>,
}

/// The `.csv` and `.xlsx` files in the worker's inbox, allocations first, each folder sorted
/// by name. Hidden files, temp files and Office lock files (`~$…`) are skipped; a missing
/// inbox folder is an empty one.
pub fn inbox(
    fs: &dyn ShareFs,
    root: &Path,
    worker_id: &str,
) -> Result<Vec<InboxFile>, DeliveryError> {
    check_segment("worker id", worker_id)?;
    if !fs.is_dir(root) {
        return Err(DeliveryError::unreachable(root));
    }
    let worker = root.join("caseload").join("inbox").join(worker_id);
    let mut files = Vec::new();
    for kind in [InboxKind::Allocations, InboxKind::Attendance] {
        let dir = worker.join(kind.folder());
        if !fs.is_dir(&dir) {
            continue;
        }
        let entries = fs
            .list_dir(&dir)
            .map_err(|e| DeliveryError::io(&format!("listing the {} inbox", kind.folder()), &e))?;
        let mut found = Vec::new();
        for path in entries {
            let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
                continue;
            };
            if !is_inbox_file_name(&name) || fs.is_dir(&path) {
                continue;
            }
            let bytes = match fs.read(&path) {
                Ok(bytes) => bytes,
                // Taken away between listing and reading, while the share is still there.
                Err(e) if e.kind() == io::ErrorKind::NotFound && fs.is_dir(root) => continue,
                Err(e) => return Err(DeliveryError::io(&format!("reading {name}"), &e)),
            };
            found.push(InboxFile {
                kind,
                sha256: sha256_hex(&bytes),
                name,
                bytes,
            });
        }
        found.sort_by(|a, b| a.name.cmp(&b.name));
        files.extend(found);
    }
    Ok(files)
}

fn is_inbox_file_name(name: &str) -> bool {
    if name.starts_with('.') || name.starts_with("~$") {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".csv") || lower.ends_with(".xlsx")
}
