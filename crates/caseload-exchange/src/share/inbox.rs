//! The worker's inbox on the shared drive: allocation and attendance files the council puts
//! in `caseload/inbox/<worker>/` for Caseload to import. It only lists and reads; importing
//! and deciding what to do with a file is the caller's business.
//!
//! The share is not trusted: every folder on the way and every file is looked at without
//! following links (`lstat`); a symbolic link, a pipe, a device or a socket is named and
//! refused, never opened. A file bigger than [`MAX_INBOX_FILE_BYTES`] is refused unread. A
//! file whose name, size and modification time match one the caller already read is not
//! read again, and a file that changes while it is read is left for the next round.

use std::collections::HashSet;
use std::io;
use std::path::Path;

use serde::Serialize;

use super::error::DeliveryError;
use super::fs::{EntryKind, ShareFs, refused_entry};
use super::manifest::sha256_hex;
use super::names::{check_segment, escape_name};

/// The largest inbox file Caseload reads: 20 MiB, far above any allocation or attendance file.
pub const MAX_INBOX_FILE_BYTES: u64 = 20 * 1024 * 1024;

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
    pub fn folder(self) -> &'static str {
        match self {
            InboxKind::Allocations => "allocations",
            InboxKind::Attendance => "attendance",
        }
    }
}

/// A file's name (escaped), size and modification time when it was read: the same stamp
/// seen again means the same file, not read again.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InboxStamp {
    pub kind: InboxKind,
    pub name: String,
    pub size: u64,
    pub modified_ns: i64,
}

/// A file waiting in the inbox, read whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxFile {
    pub kind: InboxKind,
    /// The file's name with control and bidirectional characters escaped (see
    /// [`escape_name`]), safe to store, print and show.
    pub name: String,
    /// Lower-case hex SHA-256 of `bytes`, so the caller can tell a file it already imported.
    pub sha256: String,
    pub bytes: Vec<u8>,
    pub stamp: InboxStamp,
}

/// An entry of the inbox left unread, and why, in words that name it (escaped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxRefusal {
    pub kind: InboxKind,
    /// Escaped, as [`InboxFile::name`].
    pub name: String,
    pub reason: String,
    /// True when the file changed while it was read: it is read again next time.
    pub later: bool,
}

impl InboxRefusal {
    /// "<name>: <reason>", one line.
    pub fn message(&self) -> String {
        format!("{}: {}", self.name, self.reason)
    }
}

/// What one look at the inbox found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboxScan {
    /// Files read, allocations first, each folder sorted by name.
    pub files: Vec<InboxFile>,
    /// Entries refused or left for later, with the reason.
    pub refused: Vec<InboxRefusal>,
    /// Files not read again because their name, size and time match a stamp given.
    pub unchanged: u32,
}

/// The `.csv` and `.xlsx` files in the worker's inbox, allocations first, each folder sorted
/// by name. Hidden files, temp files and Office lock files (`~$…`) are skipped; a missing
/// inbox folder is an empty one. Refusals are dropped: [`inbox_scan`] reports them.
pub fn inbox(
    fs: &dyn ShareFs,
    root: &Path,
    worker_id: &str,
) -> Result<Vec<InboxFile>, DeliveryError> {
    Ok(inbox_scan(fs, root, worker_id, &HashSet::new())?.files)
}

/// Looks at the worker's inbox: reads each plain `.csv` or `.xlsx` file not in `known`,
/// and names every symbolic link, special file, oversized file or file that changed while
/// being read, with the reason, instead of reading it.
pub fn inbox_scan(
    fs: &dyn ShareFs,
    root: &Path,
    worker_id: &str,
    known: &HashSet<InboxStamp>,
) -> Result<InboxScan, DeliveryError> {
    check_segment("worker id", worker_id)?;
    if !fs.is_dir(root) {
        return Err(DeliveryError::unreachable(root));
    }
    let mut scan = InboxScan::default();
    for kind in [InboxKind::Allocations, InboxKind::Attendance] {
        let levels = ["caseload", "inbox", worker_id, kind.folder()];
        let Some(dir) = real_folder(fs, root, &levels, kind, &mut scan)? else {
            continue;
        };
        let entries = fs
            .list_dir(&dir)
            .map_err(|e| DeliveryError::io(&format!("listing the {} inbox", kind.folder()), &e))?;
        let mut found = Vec::new();
        for path in entries {
            let Some(raw) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
                continue;
            };
            if !is_inbox_file_name(&raw) {
                continue;
            }
            let name = escape_name(&raw);
            let refuse = |scan: &mut InboxScan, reason: String, later: bool| {
                scan.refused.push(InboxRefusal {
                    kind,
                    name: name.clone(),
                    reason,
                    later,
                });
            };
            let before = match fs.entry(&path) {
                Ok(e) => e,
                // Taken away between listing and looking, while the share is still there.
                Err(e) if e.kind() == io::ErrorKind::NotFound && fs.is_dir(root) => continue,
                Err(e) => return Err(DeliveryError::io(&format!("looking at {name}"), &e)),
            };
            match before.kind {
                EntryKind::Dir => continue,
                EntryKind::Symlink | EntryKind::Other => {
                    let why = before.kind.refusal().unwrap_or("is not a regular file");
                    refuse(
                        &mut scan,
                        format!(
                            "refused, not read: it {why}. Ask whoever put it there to replace it with the file itself"
                        ),
                        false,
                    );
                    continue;
                }
                EntryKind::File => {}
            }
            if before.size > MAX_INBOX_FILE_BYTES {
                refuse(
                    &mut scan,
                    format!(
                        "refused, not read: it is {} MiB, more than the {} MiB Caseload reads. Ask whoever sent it to split it",
                        before.size.div_ceil(1024 * 1024),
                        MAX_INBOX_FILE_BYTES / (1024 * 1024)
                    ),
                    false,
                );
                continue;
            }
            let stamp = InboxStamp {
                kind,
                name: name.clone(),
                size: before.size,
                modified_ns: before.modified_ns,
            };
            if known.contains(&stamp) {
                scan.unchanged += 1;
                continue;
            }
            let bytes = match fs.read_capped(&path, MAX_INBOX_FILE_BYTES) {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == io::ErrorKind::NotFound && fs.is_dir(root) => continue,
                Err(e) => match refused_entry(&e) {
                    Some(why) => {
                        refuse(&mut scan, format!("refused, not read: it {why}"), false);
                        continue;
                    }
                    None => return Err(DeliveryError::io(&format!("reading {name}"), &e)),
                },
            };
            let after = fs.entry(&path).ok();
            let steady = bytes.len() as u64 == before.size
                && after.is_some_and(|a| {
                    a.kind == EntryKind::File
                        && a.size == before.size
                        && a.modified_ns == before.modified_ns
                });
            if !steady {
                refuse(
                    &mut scan,
                    "changed while Caseload was reading it, so nothing was taken; it will be read again at the next sync".into(),
                    true,
                );
                continue;
            }
            found.push(InboxFile {
                kind,
                sha256: sha256_hex(&bytes),
                name,
                bytes,
                stamp,
            });
        }
        found.sort_by(|a, b| a.name.cmp(&b.name));
        scan.files.extend(found);
    }
    Ok(scan)
}

/// `root/levels…` when every level is a real folder; `None` when one is missing (an empty
/// inbox) or is a link or anything else, which is refused and named.
fn real_folder(
    fs: &dyn ShareFs,
    root: &Path,
    levels: &[&str],
    kind: InboxKind,
    scan: &mut InboxScan,
) -> Result<Option<std::path::PathBuf>, DeliveryError> {
    let mut dir = root.to_path_buf();
    for (i, level) in levels.iter().enumerate() {
        dir.push(level);
        match fs.entry(&dir) {
            Ok(e) if e.kind == EntryKind::Dir => {}
            Ok(e) => {
                let shown = escape_name(&levels[..=i].join("/"));
                // A link above the kind folders is reported once, with the first kind.
                if i == levels.len() - 1 || kind == InboxKind::Allocations {
                    let why = match e.kind {
                        EntryKind::File => "is a file, not a folder",
                        other => other.refusal().unwrap_or("is not a folder"),
                    };
                    scan.refused.push(InboxRefusal {
                        kind,
                        name: shown,
                        reason: format!("refused, not read: the folder {why}"),
                        later: false,
                    });
                }
                return Ok(None);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(DeliveryError::io(
                    &format!("looking at the {} inbox", kind.folder()),
                    &e,
                ));
            }
        }
    }
    Ok(Some(dir))
}

fn is_inbox_file_name(name: &str) -> bool {
    if name.starts_with('.') || name.starts_with("~$") {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".csv") || lower.ends_with(".xlsx")
}
