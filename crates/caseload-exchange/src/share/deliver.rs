//! Delivering one export to the shared drive so that no half-written file ever appears under
//! a final name, nothing is delivered twice, and delivering the same export again changes
//! nothing. It never creates the share root: a missing mapped drive must not quietly become
//! a local folder.
//!
//! Order of work, which is what the guarantees rest on: every file goes to a temp name, is
//! synced, renamed into place and read back; the manifest goes the same way, last. Until the
//! manifest is in place, readers ignore the folder's files.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use caseload_domain::ExportId;
use chrono::{DateTime, Utc};

use super::error::{DeliveryError, FailureKind};
use super::fs::{EntryKind, ShareFs, refused_entry};
use super::manifest::{
    MANIFEST_NAME, MANIFEST_SCHEMA, MANIFEST_SCHEMA_VERSION, Manifest, ManifestFile, sha256_hex,
};
use super::names::{check_segment, escape_name, is_temp_name};

/// One export ready to go to the shared drive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Unique per export; delivering the same id again is a no-op once it has arrived.
    pub export_id: ExportId,
    /// What sort of export this is, e.g. `summary`; part of the folder name.
    pub kind: String,
    pub worker_id: String,
    pub team: String,
    pub app_version: String,
    /// The layout of the exported summary files, copied into the manifest.
    pub schema_version: u32,
    /// RFC 3339, UTC; its date starts the folder name.
    pub created_at: String,
    pub files: Vec<DeliveryFile>,
}

/// One file of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryFile {
    /// The final file name in the delivery folder.
    pub name: String,
    pub format: String,
    pub rows: u64,
    pub bytes: Vec<u8>,
}

/// What a successful delivery left on the share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub folder: PathBuf,
    /// True when an earlier attempt had already completed and nothing was written now.
    pub already_delivered: bool,
    /// The files as the manifest on the share lists them.
    pub files: Vec<ManifestFile>,
}

/// Delivers `delivery` into `<share_root>/caseload/deliveries/<worker>/<date>_<kind>_<id>/`.
pub fn deliver(
    fs: &dyn ShareFs,
    share_root: &Path,
    delivery: &Delivery,
) -> Result<Receipt, DeliveryError> {
    let folder_name = folder_name(delivery)?;
    check_file_names(delivery)?;
    if !fs.is_dir(share_root) {
        return Err(DeliveryError::unreachable(share_root));
    }
    // One level at a time below the root, each needing its parent: if the share is pulled
    // away after the check above, the next level fails instead of re-creating the root. Each
    // level must be a real folder: a symbolic link planted on the share (say the worker's
    // folder pointing at another worker's, or at a local folder) is refused, not followed.
    let folder = real_folders(
        fs,
        share_root,
        &["caseload", "deliveries", &delivery.worker_id, &folder_name],
    )?;
    remove_leftover_temps(fs, &folder)?;

    match existing_manifest(fs, &folder)? {
        Existing::Complete(manifest) if manifest.export_id == delivery.export_id => {
            return Ok(Receipt {
                folder,
                already_delivered: true,
                files: manifest.files,
            });
        }
        // A manifest that does not vouch for this delivery's files goes before any file is
        // replaced, so no reader ever pairs it with files it does not describe.
        Existing::Complete(_) | Existing::Stale => fs
            .remove_file(&folder.join(MANIFEST_NAME))
            .map_err(|e| DeliveryError::io("removing an out-of-date manifest", &e))?,
        Existing::Absent => {}
    }

    let mut listed = Vec::with_capacity(delivery.files.len());
    for file in &delivery.files {
        let sha256 = sha256_hex(&file.bytes);
        if !final_file_matches(fs, &folder.join(&file.name), &sha256)? {
            put_file(fs, &folder, &file.name, &file.bytes, &sha256)?;
        }
        listed.push(ManifestFile {
            name: file.name.clone(),
            format: file.format.clone(),
            size: file.bytes.len() as u64,
            sha256,
            rows: file.rows,
        });
    }

    let manifest = Manifest {
        schema: MANIFEST_SCHEMA.into(),
        schema_version: MANIFEST_SCHEMA_VERSION,
        export_id: delivery.export_id.clone(),
        kind: delivery.kind.clone(),
        worker_id: delivery.worker_id.clone(),
        team: delivery.team.clone(),
        app_version: delivery.app_version.clone(),
        summary_schema_version: delivery.schema_version,
        created_at: delivery.created_at.clone(),
        files: listed,
    };
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| {
        DeliveryError::new(FailureKind::Other, format!("encoding the manifest: {e}"))
    })?;
    put_file(fs, &folder, MANIFEST_NAME, &json, &sha256_hex(&json))?;
    Ok(Receipt {
        folder,
        already_delivered: false,
        files: manifest.files,
    })
}

/// Copies one backup file to `<share_root>/caseload/backups/<worker>/<name>` the way an export's
/// files go (temp name, sync, rename, read back and hash-checked). A file already there with
/// the same bytes is left as it is, so copying the same backup again changes nothing. Like
/// [`deliver`], it never creates the share root. Returns the file's path on the share.
pub fn deliver_backup(
    fs: &dyn ShareFs,
    share_root: &Path,
    worker_id: &str,
    name: &str,
    bytes: &[u8],
) -> Result<PathBuf, DeliveryError> {
    check_segment("worker id", worker_id)?;
    check_segment("file name", name)?;
    if !fs.is_dir(share_root) {
        return Err(DeliveryError::unreachable(share_root));
    }
    let folder = real_folders(fs, share_root, &["caseload", "backups", worker_id])?;
    remove_leftover_temps(fs, &folder)?;
    let sha256 = sha256_hex(bytes);
    let target = folder.join(name);
    if !final_file_matches(fs, &target, &sha256)? {
        put_file(fs, &folder, name, bytes, &sha256)?;
    }
    Ok(target)
}

/// `root/levels[0]/levels[1]/…`, each level created if missing and checked (without following
/// links) to be a real folder: a symbolic link, a file or anything else there is refused with
/// its place named, and nothing is written through it.
fn real_folders(fs: &dyn ShareFs, root: &Path, levels: &[&str]) -> Result<PathBuf, DeliveryError> {
    let mut folder = root.to_path_buf();
    let mut shown = String::new();
    for level in levels {
        folder.push(level);
        if !shown.is_empty() {
            shown.push('/');
        }
        shown.push_str(level);
        let step = format!("creating folder {}", escape_name(&shown));
        match fs.entry(&folder) {
            Ok(e) if e.kind == EntryKind::Dir => continue,
            Ok(e) => return Err(not_a_folder(&shown, e.kind)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(DeliveryError::io(&step, &e)),
        }
        fs.create_dir(&folder)
            .map_err(|e| DeliveryError::io(&step, &e))?;
        match fs.entry(&folder) {
            Ok(e) if e.kind == EntryKind::Dir => {}
            Ok(e) => return Err(not_a_folder(&shown, e.kind)),
            Err(e) => return Err(DeliveryError::io(&step, &e)),
        }
    }
    Ok(folder)
}

fn not_a_folder(shown: &str, kind: EntryKind) -> DeliveryError {
    let what = match kind {
        EntryKind::File => "is a file, not a folder",
        other => other.refusal().unwrap_or("is not a folder"),
    };
    DeliveryError::new(
        FailureKind::Untrusted,
        format!(
            "{} on the shared drive {what}; nothing was written through it",
            escape_name(shown)
        ),
    )
}

/// `<YYYY-MM-DD>_<kind>_<export_id>`, after checking each part is a safe name.
fn folder_name(delivery: &Delivery) -> Result<String, DeliveryError> {
    check_segment("worker id", &delivery.worker_id)?;
    check_segment("export kind", &delivery.kind)?;
    check_segment("export id", delivery.export_id.as_str())?;
    let created = DateTime::parse_from_rfc3339(&delivery.created_at).map_err(|_| {
        DeliveryError::new(
            FailureKind::Refused,
            format!(
                "the creation time {:?} is not an RFC 3339 timestamp",
                delivery.created_at
            ),
        )
    })?;
    let date = created.with_timezone(&Utc).format("%Y-%m-%d");
    Ok(format!("{date}_{}_{}", delivery.kind, delivery.export_id))
}

fn check_file_names(delivery: &Delivery) -> Result<(), DeliveryError> {
    let mut seen = HashSet::new();
    for file in &delivery.files {
        check_segment("file name", &file.name)?;
        if file.name == MANIFEST_NAME || !seen.insert(file.name.as_str()) {
            return Err(DeliveryError::new(
                FailureKind::Refused,
                format!("the file name {:?} is used twice in the export", file.name),
            ));
        }
    }
    Ok(())
}

/// A temp file this old is an abandoned one (a process killed or a share pulled away mid-
/// write), whoever made it: no delivery holds a temp file open for anywhere near this long.
pub const STALE_TEMP_AFTER: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Removes temp files an earlier, interrupted attempt left in `folder`: this process's own
/// (named with its process id) and anyone's older than [`STALE_TEMP_AFTER`]. Another
/// process's fresh temp file is in flight, so it stays: removing it would make that delivery
/// fail its rename. Best effort per file: one that cannot be removed now will be next time,
/// and never carries a final name.
fn remove_leftover_temps(fs: &dyn ShareFs, folder: &Path) -> Result<(), DeliveryError> {
    let entries = fs
        .list_dir(folder)
        .map_err(|e| DeliveryError::io("listing the delivery folder", &e))?;
    let own = format!(".part-{}-", std::process::id());
    let now_ns = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    let stale_ns = i64::try_from(STALE_TEMP_AFTER.as_nanos()).unwrap_or(i64::MAX);
    for path in entries {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !is_temp_name(name) {
            continue;
        }
        let stale = || {
            fs.entry(&path)
                .is_ok_and(|e| now_ns.saturating_sub(e.modified_ns) > stale_ns)
        };
        if name.contains(&own) || stale() {
            let _ = fs.remove_file(&path);
        }
    }
    Ok(())
}

enum Existing {
    Absent,
    /// Parses, and every file it lists is present with the listed size and hash.
    Complete(Manifest),
    /// Unreadable as a manifest, or listing a file that is missing or different.
    Stale,
}

fn existing_manifest(fs: &dyn ShareFs, folder: &Path) -> Result<Existing, DeliveryError> {
    let bytes = match read_if_present(fs, &folder.join(MANIFEST_NAME), MANIFEST_NAME)? {
        Some(bytes) => bytes,
        None => return Ok(Existing::Absent),
    };
    let Ok(manifest) = Manifest::from_json(&bytes) else {
        return Ok(Existing::Stale);
    };
    for file in &manifest.files {
        match read_if_present(fs, &folder.join(&file.name), &file.name)? {
            Some(bytes) if file.matches(&bytes) => {}
            _ => return Ok(Existing::Stale),
        }
    }
    Ok(Existing::Complete(manifest))
}

/// Whether a file under the final name already holds exactly these bytes, as when an
/// earlier attempt got that far before failing.
fn final_file_matches(fs: &dyn ShareFs, path: &Path, sha256: &str) -> Result<bool, DeliveryError> {
    let name = display_name(path);
    Ok(read_if_present(fs, path, &name)?.is_some_and(|bytes| sha256_hex(&bytes) == sha256))
}

fn read_if_present(
    fs: &dyn ShareFs,
    path: &Path,
    name: &str,
) -> Result<Option<Vec<u8>>, DeliveryError> {
    match fs.read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        // A link or special file under a Caseload name is never read; the rename that
        // follows replaces the entry itself, never what a link points to.
        Err(e) if refused_entry(&e).is_some() => Ok(None),
        Err(e) => Err(DeliveryError::io(&format!("reading {name}"), &e)),
    }
}

/// Writes `bytes` to `folder/name` through a synced temp file and a rename, then reads the
/// final file back. Whatever fails, no temp file is knowingly left and no final file with
/// the wrong bytes stays.
fn put_file(
    fs: &dyn ShareFs,
    folder: &Path,
    name: &str,
    bytes: &[u8],
    sha256: &str,
) -> Result<(), DeliveryError> {
    // The process id marks whose temp file it is (see `remove_leftover_temps`); the random
    // part keeps two attempts of one process apart.
    let temp = folder.join(format!(
        ".{name}.part-{}-{}",
        std::process::id(),
        random_hex()?
    ));
    let target = folder.join(name);
    if let Err(e) = fs.write_new_synced(&temp, bytes) {
        // A full disk leaves a partial temp file behind; take it away to free the space.
        let _ = fs.remove_file(&temp);
        return Err(DeliveryError::io(
            &format!("writing {}", escape_name(name)),
            &e,
        ));
    }
    if let Err(e) = fs.rename(&temp, &target) {
        let _ = fs.remove_file(&temp);
        return Err(DeliveryError::io(&format!("moving {name} into place"), &e));
    }
    // Best effort by contract: the rename already happened, and the read-back below is what
    // proves the file is there.
    let _ = fs.sync_dir(folder);
    let back = fs
        .read(&target)
        .map_err(|e| DeliveryError::io(&format!("reading back {name}"), &e))?;
    if sha256_hex(&back) != sha256 {
        let _ = fs.remove_file(&target);
        return Err(DeliveryError::new(
            FailureKind::VerifyFailed,
            format!("{name} read back with a different SHA-256 and was removed"),
        ));
    }
    Ok(())
}

fn random_hex() -> Result<String, DeliveryError> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| {
        DeliveryError::new(
            FailureKind::Other,
            format!("no randomness for a temp name: {e}"),
        )
    })?;
    Ok(hex::encode(bytes))
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
