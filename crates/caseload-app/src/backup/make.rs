//! Making one backup: "Back up now", the encrypted copy made and checked in a work folder
//! beside the database, the `.partial` file written, read back and renamed, and the leftovers
//! of a backup killed part-way cleared. It never touches the caseload's own database file.

use std::fs;
use std::path::{Path, PathBuf};

use caseload_exchange::share::{RealShare, ShareFs};
use caseload_store::backup::remove_copy;
use caseload_store::{Action, KEY_FILE, Store};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use ts_rs::TS;

use super::container::{self, BadFile, Manifest, ManifestFile};
use super::index::{self, IndexEntry};
use super::overview::{BackupView, view};
use super::settings::{default_folder, effective_folder, load_settings};
use super::share::share_latest;
use super::{file_error, random_hex};
use crate::context::Caseload;
use crate::error::AppError;

/// "Back up now", into the backup folder in the settings. No folder here: the CLI's `--out`
/// uses `backup_now_to`, which the webview cannot call.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BackupNowRequest {}

pub fn backup_now(cx: &Caseload, req: BackupNowRequest) -> Result<BackupView, AppError> {
    backup_now_using(cx, &RealShare, req, None)
}

/// [`backup_now`] into `folder` instead of the one in the settings (the CLI's `--out`).
pub fn backup_now_to(
    cx: &Caseload,
    req: BackupNowRequest,
    folder: Option<&Path>,
) -> Result<BackupView, AppError> {
    backup_now_using(cx, &RealShare, req, folder)
}

/// [`backup_now`] with the shared drive behind any [`ShareFs`] (tests pass one that fails).
#[doc(hidden)]
pub fn backup_now_using(
    cx: &Caseload,
    fs: &dyn ShareFs,
    _req: BackupNowRequest,
    folder: Option<&Path>,
) -> Result<BackupView, AppError> {
    let now = Utc::now();
    let (entry, share) = cx.with_store(|store| {
        let s = load_settings(store)?;
        let folder = match folder.filter(|f| !f.as_os_str().is_empty()) {
            Some(f) => f.to_path_buf(),
            None => effective_folder(&s),
        };
        let entry = make_backup(store, &folder, s.keep, now)?;
        Ok((entry, crate::exchange::share::load(store)?))
    })?;
    // Best effort: an unreachable share now means the next sync copies it.
    let shared =
        if !share.folder.is_empty() && crate::exchange::share::valid_worker_id(&share.worker_id) {
            share_latest(
                cx.data_dir(),
                fs,
                Path::new(&share.folder),
                &share.worker_id,
            )
            .ok()
            .flatten()
        } else {
            None
        };
    Ok(view(&IndexEntry {
        shared_to: shared.or(entry.shared_to.clone()),
        ..entry
    }))
}
/// `caseload-backup-2026-12-06-134000.zip` (UTC).
fn file_name(now: DateTime<Utc>) -> String {
    format!("caseload-backup-{}.zip", now.format("%Y-%m-%d-%H%M%S"))
}

const PARTIAL_SUFFIX: &str = ".partial";

/// A test hook: with `CASELOAD_FAULT_BACKUP_STALL=before-rename` set, a backup waits forever
/// once its `.partial` file is written and checked, so a test can kill the process at the
/// worst moment. It only ever makes a backup wait; nothing is written differently.
fn stall_if_asked() {
    if std::env::var("CASELOAD_FAULT_BACKUP_STALL").as_deref() == Ok("before-rename") {
        loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    }
}

/// Makes, checks and lists one backup of `store` in `folder`, keeping the newest `keep`.
pub(crate) fn make_backup(
    store: &mut Store,
    folder: &Path,
    keep: u32,
    now: DateTime<Utc>,
) -> Result<IndexEntry, AppError> {
    let data_dir = store.dir().to_path_buf();
    if folder == default_folder() {
        fs::create_dir_all(folder)
            .map_err(|e| file_error("The backup folder could not be created:", folder, &e))?;
    }
    if !folder.is_dir() {
        return Err(AppError::File {
            message: format!(
                "The backup folder {} cannot be found: check the path, and that the drive is connected",
                folder.display()
            ),
            path: folder.display().to_string(),
        });
    }
    // The encrypted copy is made and checked in the data folder, beside the database.
    remove_stale_work(&data_dir);
    let work = data_dir.join(format!("{WORK_PREFIX}{}", random_hex()?));
    fs::create_dir(&work).map_err(|e| file_error("A work folder could not be made:", &work, &e))?;
    // Held for as long as the work folder is in use: a killed backup's lock goes with its
    // process, so the next backup or unlock knows the folder is abandoned.
    let held = hold_work(&work);
    let result = held.and_then(|_lock| write_checked(store, folder, &work, now));
    let _ = fs::remove_dir_all(&work);
    let entry = result?;
    index::record_and_prune(&data_dir, entry.clone(), keep)?;
    let detail = format!("backup verified, {} bytes", entry.size);
    crate::audit::record(store, Action::Backup, None, None, &detail)?;
    Ok(entry)
}

fn write_checked(
    store: &Store,
    folder: &Path,
    work: &Path,
    now: DateTime<Utc>,
) -> Result<IndexEntry, AppError> {
    let copy = work.join("caseload.db");
    let tables = store.backup_into(&copy)?;
    let check = store.check_copy(&copy)?;
    if check.tables != tables {
        return Err(AppError::Storage {
            message: "The backup copy did not hold every row: no backup was made. Try again".into(),
        });
    }
    let key_path = store.dir().join(KEY_FILE);
    let key_bytes = fs::read(&key_path)
        .map_err(|e| file_error("The key file could not be read:", &key_path, &e))?;
    let (db_size, db_sha) = container::sha256_file(&copy)
        .map_err(|e| file_error("The backup copy could not be read:", &copy, &e))?;
    let manifest = Manifest {
        format: container::FORMAT.into(),
        format_version: container::FORMAT_VERSION,
        app_version: env!("CARGO_PKG_VERSION").into(),
        schema_version: check.schema_version,
        created_at: now,
        tables,
        files: vec![
            ManifestFile {
                name: container::KEY_ENTRY.into(),
                size: key_bytes.len() as u64,
                sha256: caseload_exchange::share::sha256_hex(&key_bytes),
            },
            ManifestFile {
                name: container::DB_ENTRY.into(),
                size: db_size,
                sha256: db_sha,
            },
        ],
    };
    // Leftovers of a backup killed part-way: never finished, never listed.
    remove_partials(folder);
    let final_path = free_path(folder, now);
    let mut partial_name = final_path.as_os_str().to_os_string();
    partial_name.push(PARTIAL_SUFFIX);
    let partial = PathBuf::from(partial_name);
    let written = (|| {
        // create_new: O_CREAT|O_EXCL, which refuses an existing file or symlink at the name.
        let out = fs::File::options()
            .write(true)
            .create_new(true)
            .open(&partial)
            .map_err(|e| file_error("The backup could not be written:", &partial, &e))?;
        let out =
            container::write(out, &manifest, &key_bytes, &copy).map_err(|e| AppError::File {
                message: format!(
                    "The backup could not be written: {} ({e})",
                    partial.display()
                ),
                path: partial.display().to_string(),
            })?;
        out.sync_all()
            .map_err(|e| file_error("The backup could not be written:", &partial, &e))?;
        drop(out);
        verify_file(store, &partial, &manifest, &key_bytes, work)?;
        stall_if_asked();
        fs::rename(&partial, &final_path)
            .map_err(|e| file_error("The backup could not be put in place:", &final_path, &e))?;
        if let Ok(dir) = fs::File::open(folder) {
            let _ = dir.sync_all();
        }
        let size = fs::metadata(&final_path)
            .map_err(|e| file_error("The backup could not be read back:", &final_path, &e))?
            .len();
        Ok(size)
    })();
    let size = match written {
        Ok(size) => size,
        Err(e) => {
            let _ = fs::remove_file(&partial);
            return Err(e);
        }
    };
    Ok(IndexEntry {
        path: final_path.display().to_string(),
        created_at: now,
        size,
        verified: true,
        schema_version: check.schema_version,
        restored_from: false,
        shared_to: None,
    })
}

/// Reads the written file back as a restore would: manifest, key, database hash, and the
/// database opened with the key and checked.
fn verify_file(
    store: &Store,
    path: &Path,
    manifest: &Manifest,
    key_bytes: &[u8],
    work: &Path,
) -> Result<(), AppError> {
    let failed = |reason: String| AppError::Storage {
        message: format!(
            "The backup did not read back correctly ({reason}): no backup was made. Try again, or choose another folder"
        ),
    };
    let file = fs::File::open(path)
        .map_err(|e| file_error("The backup could not be read back:", path, &e))?;
    let mut opened =
        container::open(std::io::BufReader::new(file)).map_err(|BadFile(r)| failed(r))?;
    if &opened.manifest != manifest || opened.key_bytes != key_bytes {
        return Err(failed("its manifest or key differs".into()));
    }
    let back = work.join("read-back.db");
    opened.extract_db(&back).map_err(|BadFile(r)| failed(r))?;
    let check = store.check_copy(&back);
    remove_copy(&back);
    let check = check?;
    if check.tables != manifest.tables || check.schema_version != manifest.schema_version {
        return Err(failed("its row counts differ from the manifest".into()));
    }
    Ok(())
}

fn free_path(folder: &Path, now: DateTime<Utc>) -> PathBuf {
    let name = file_name(now);
    let first = folder.join(&name);
    if !first.exists() {
        return first;
    }
    let stem = name.trim_end_matches(".zip");
    (2..)
        .map(|n| folder.join(format!("{stem}-{n}.zip")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// A backup's work folder in the data folder: `.backup-<random>`, holding the encrypted copy
/// while it is checked, and a lock file its backup holds.
const WORK_PREFIX: &str = ".backup-";
const WORK_LOCK: &str = "in-use.lock";

/// Locks the work folder's lock file for as long as the returned file is open.
fn hold_work(work: &Path) -> Result<fs::File, AppError> {
    let path = work.join(WORK_LOCK);
    let file = fs::File::create(&path)
        .map_err(|e| file_error("A work folder could not be made:", &path, &e))?;
    file.lock()
        .map_err(|e| file_error("A work folder could not be locked:", &path, &e))?;
    Ok(file)
}

/// Removes the work folders (encrypted copies) that backups killed part-way left in the data
/// folder: every one whose lock no process holds. A folder with no lock file yet is another
/// backup just starting, unless it is more than a minute old. Run before each backup and at
/// unlock; best effort (what cannot be removed now is removed next time).
pub(crate) fn remove_stale_work(data_dir: &Path) {
    let Ok(entries) = fs::read_dir(data_dir) else {
        return;
    };
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with(WORK_PREFIX) {
            continue;
        }
        let abandoned = match fs::File::open(entry.path().join(WORK_LOCK)) {
            // Taken only if no backup holds it; released when `lock` drops below.
            Ok(lock) => lock.try_lock().is_ok(),
            Err(_) => entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > std::time::Duration::from_secs(60)),
        };
        if abandoned {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn remove_partials(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("caseload-backup-") && name.ends_with(PARTIAL_SUFFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}
