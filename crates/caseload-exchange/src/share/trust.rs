//! Which delivered files may be believed: only files a parseable manifest lists, present with
//! the listed size and SHA-256. This is what aggregation reads; everything else on the share
//! (files still being delivered, files someone added or edited by hand) is ignored or
//! rejected with a reason, never used.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use caseload_domain::ExportId;

use super::error::{DeliveryError, FailureKind};
use super::fs::{EntryKind, ShareFs, refused_entry};
use super::manifest::{MANIFEST_NAME, Manifest, sha256_hex};
use super::names::escape_name;

/// Folders deeper than this below the root are not searched; deliveries sit at depth 4.
const MAX_DEPTH: usize = 6;

/// A delivered file whose bytes match its manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedFile {
    /// The manifest that vouches for the file.
    pub manifest: Manifest,
    /// The delivery folder holding the file and its manifest.
    pub folder: PathBuf,
    pub name: String,
    pub format: String,
    pub bytes: Vec<u8>,
}

/// A manifest or listed file left out, and why in a sentence that names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub path: PathBuf,
    pub reason: String,
}

/// Everything the share offers, sorted by path, split into believed and left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustReport {
    pub trusted: Vec<TrustedFile>,
    pub rejected: Vec<Rejected>,
}

/// Finds every `manifest.json` under `root` and returns the files they vouch for. The first
/// folder (by path) to deliver an export id wins; another folder claiming the same id is
/// rejected so nothing is counted twice.
pub fn trusted_files(fs: &dyn ShareFs, root: &Path) -> Result<TrustReport, DeliveryError> {
    if !fs.is_dir(root) {
        return Err(DeliveryError::unreachable(root));
    }
    let mut report = TrustReport::default();
    let mut manifests = Vec::new();
    find_manifests(fs, root, root, 0, &mut manifests, &mut report)?;
    let mut exports = HashSet::new();
    for path in manifests {
        check_delivery(fs, root, &path, &mut exports, &mut report)?;
    }
    Ok(report)
}

fn find_manifests(
    fs: &dyn ShareFs,
    root: &Path,
    dir: &Path,
    depth: usize,
    found: &mut Vec<PathBuf>,
    report: &mut TrustReport,
) -> Result<(), DeliveryError> {
    let mut entries = match fs.list_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            let reason = format!("could not be listed ({e}); anything in it was left out");
            return reject_unless_gone(fs, root, dir, &e, reason, report);
        }
    };
    entries.sort();
    for entry in entries {
        // Seen without following links: a symbolic link (to another worker's folder, to a
        // local folder) or a pipe is named and left out, never followed or opened.
        let kind = match fs.entry(&entry) {
            Ok(e) => e.kind,
            Err(e) if e.kind() == io::ErrorKind::NotFound && fs.is_dir(root) => continue,
            Err(e) => {
                let reason = format!("could not be looked at ({e}); it was left out");
                reject_unless_gone(fs, root, &entry, &e, reason, report)?;
                continue;
            }
        };
        match kind {
            EntryKind::Dir => {
                if depth < MAX_DEPTH {
                    find_manifests(fs, root, &entry, depth + 1, found, report)?;
                }
            }
            EntryKind::File => {
                if entry.file_name().is_some_and(|n| n == MANIFEST_NAME) {
                    found.push(entry);
                }
            }
            EntryKind::Symlink | EntryKind::Other => {
                let why = kind.refusal().unwrap_or("is not a regular file");
                reject(
                    report,
                    &entry,
                    format!("{why}; it was not followed or read"),
                );
            }
        }
    }
    Ok(())
}

fn check_delivery(
    fs: &dyn ShareFs,
    root: &Path,
    manifest_path: &Path,
    exports: &mut HashSet<ExportId>,
    report: &mut TrustReport,
) -> Result<(), DeliveryError> {
    let Some(folder) = manifest_path.parent() else {
        return Ok(());
    };
    let bytes = match fs.read(manifest_path) {
        Ok(bytes) => bytes,
        Err(e) => {
            let reason = format!(
                "could not be read: {}; its folder was left out",
                refused_entry(&e).unwrap_or_else(|| crate::io_problem(&e))
            );
            return reject_unless_gone(fs, root, manifest_path, &e, reason, report);
        }
    };
    let manifest = match Manifest::from_json(&bytes) {
        Ok(manifest) => manifest,
        Err(e) => {
            reject(
                report,
                manifest_path,
                format!("{e}; its folder was left out"),
            );
            return Ok(());
        }
    };
    if !exports.insert(manifest.export_id.clone()) {
        let reason = format!(
            "export {} was already delivered in another folder; this copy was left out",
            manifest.export_id
        );
        reject(report, manifest_path, reason);
        return Ok(());
    }
    for file in &manifest.files {
        let path = folder.join(&file.name);
        let bytes = match fs.read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound && fs.is_dir(root) => {
                reject(
                    report,
                    &path,
                    "listed in the manifest but missing — left out".into(),
                );
                continue;
            }
            Err(e) => {
                let why = refused_entry(&e).unwrap_or_else(|| crate::io_problem(&e));
                let reason = format!("could not be read: {why} — left out");
                reject_unless_gone(fs, root, &path, &e, reason, report)?;
                continue;
            }
        };
        if bytes.len() as u64 != file.size {
            let reason = format!(
                "its size does not match the manifest ({} bytes, the manifest says {}) — left out",
                bytes.len(),
                file.size
            );
            reject(report, &path, reason);
        } else if sha256_hex(&bytes) != file.sha256 {
            let reason = "its contents do not match the manifest (SHA-256 differs) — left out";
            reject(report, &path, reason.into());
        } else {
            report.trusted.push(TrustedFile {
                manifest: manifest.clone(),
                folder: folder.to_path_buf(),
                name: file.name.clone(),
                format: file.format.clone(),
                bytes,
            });
        }
    }
    Ok(())
}

/// Records `reason` for `path`, unless the whole share has gone away, which is an error:
/// a report missing everything after that point must not pass as complete.
fn reject_unless_gone(
    fs: &dyn ShareFs,
    root: &Path,
    path: &Path,
    err: &io::Error,
    reason: String,
    report: &mut TrustReport,
) -> Result<(), DeliveryError> {
    if !fs.is_dir(root) {
        return Err(DeliveryError::new(
            FailureKind::Interrupted,
            format!(
                "the share went away while reading {}: {err}",
                escape_name(&path.display().to_string())
            ),
        ));
    }
    reject(report, path, reason);
    Ok(())
}

fn reject(report: &mut TrustReport, path: &Path, reason: String) {
    report.rejected.push(Rejected {
        path: path.to_path_buf(),
        reason: format!("{}: {reason}", escape_name(&path.display().to_string())),
    });
}
