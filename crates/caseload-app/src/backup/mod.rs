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

mod container;
pub mod index;

use std::fs;
use std::path::{Path, PathBuf};

use caseload_domain::{Field, FieldErrors, Passphrase};
use caseload_exchange::share::{DeliveryError, FailureKind, RealShare, ShareFs, deliver_backup};
use caseload_store::backup::{check_copy_with_passphrase, install_copy, remove_copy};
use caseload_store::{Action, KEY_FILE, SCHEMA_VERSION, Store, StoreError, settings};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::context::Caseload;
use crate::error::AppError;
use crate::session::AppStatus;
use container::{BadFile, Manifest, ManifestFile};
use index::IndexEntry;

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

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct BackupNowRequest {
    /// Write into this folder instead of the one in the settings (the CLI's `--out`).
    #[ts(optional)]
    pub folder: Option<String>,
}

#[derive(Clone, Deserialize, TS)]
pub struct RestoreRequest {
    /// The backup file.
    pub file: String,
    /// The passphrase the caseload had when the backup was made.
    pub passphrase: String,
}

fn view(e: &IndexEntry) -> BackupView {
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

fn effective_folder(s: &BackupSettings) -> PathBuf {
    let folder = s.folder.trim();
    if folder.is_empty() {
        default_folder()
    } else {
        PathBuf::from(folder)
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

pub fn backup_now(cx: &Caseload, req: BackupNowRequest) -> Result<BackupView, AppError> {
    backup_now_using(cx, &RealShare, req)
}

/// [`backup_now`] with the shared drive behind any [`ShareFs`] (tests pass one that fails).
#[doc(hidden)]
pub fn backup_now_using(
    cx: &Caseload,
    fs: &dyn ShareFs,
    req: BackupNowRequest,
) -> Result<BackupView, AppError> {
    let now = Utc::now();
    let (entry, share) = cx.with_store(|store| {
        let s = load_settings(store)?;
        let folder = match req
            .folder
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty())
        {
            Some(f) => PathBuf::from(f),
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

/// Copies the newest backup made here to `<share>/caseload/backups/<worker>/` if it is not there
/// yet (same safe delivery as exports: temp name, sync, rename, read back), and notes where in
/// `backups.json`. Returns its path on the share when it copied it now.
pub(crate) fn share_latest(
    data_dir: &Path,
    fs: &dyn ShareFs,
    share_root: &Path,
    worker_id: &str,
) -> Result<Option<String>, DeliveryError> {
    let mut list = index::read(data_dir);
    let Some(latest) = list
        .backups
        .iter_mut()
        .filter(|b| !b.restored_from && b.verified && Path::new(&b.path).is_file())
        .max_by_key(|b| b.created_at)
    else {
        return Ok(None);
    };
    if latest.shared_to.is_some() {
        return Ok(None);
    }
    let bytes = fs::read(&latest.path).map_err(|e| DeliveryError {
        kind: FailureKind::Other,
        detail: format!("reading the backup: {e}"),
    })?;
    let name = Path::new(&latest.path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let target = deliver_backup(fs, share_root, worker_id, &name, &bytes)?;
    let shared = target.display().to_string();
    latest.shared_to = Some(shared.clone());
    index::write(data_dir, &list).map_err(|e| DeliveryError {
        kind: FailureKind::Other,
        detail: e.to_string(),
    })?;
    Ok(Some(shared))
}

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
    let work = data_dir.join(format!(".backup-{}", random_hex()?));
    fs::create_dir(&work).map_err(|e| file_error("A work folder could not be made:", &work, &e))?;
    let result = write_checked(store, folder, &work, now);
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

/// Work folders (encrypted copies) left in the data folder by a backup that was killed: any
/// more than an hour old (a backup in progress in another process is younger).
fn remove_stale_work(data_dir: &Path) {
    let Ok(entries) = fs::read_dir(data_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(3600));
        if stale && entry.file_name().to_string_lossy().starts_with(".backup-") {
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

/// What may already be in a folder a caseload is restored into: the desktop app's lock file,
/// and leftovers of a create or restore cut short (no key file, so no caseload).
fn is_leftover(name: &str) -> bool {
    name == crate::context::INSTANCE_LOCK_FILE
        || name.starts_with(caseload_store::DATABASE_FILE)
        || name.starts_with(".restore-")
        || name == index::INDEX_FILE
}

fn check_empty(dir: &Path) -> Result<(), AppError> {
    if Store::exists(dir) {
        return Err(AppError::AlreadyInitialised {
            message: format!(
                "A caseload already exists in {}: restore into a new, empty folder",
                dir.display()
            ),
        });
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        if !is_leftover(&entry.file_name().to_string_lossy()) {
            return Err(AppError::AlreadyInitialised {
                message: format!(
                    "The folder {} is not empty: restore into a new, empty folder",
                    dir.display()
                ),
            });
        }
    }
    Ok(())
}

fn bad_file(path: &Path, BadFile(reason): BadFile) -> AppError {
    AppError::File {
        message: format!("{} cannot be restored: {reason}", path.display()),
        path: path.display().to_string(),
    }
}

/// Restores the backup `file` into the empty folder `dir`, checking everything first. Returns
/// the backup's manifest time and schema version.
pub fn restore_into(
    file: &Path,
    dir: &Path,
    passphrase: &Passphrase,
) -> Result<IndexEntry, AppError> {
    check_empty(dir)?;
    let reader = fs::File::open(file)
        .map_err(|e| file_error("The backup could not be opened:", file, &e))?;
    let size = reader.metadata().map(|m| m.len()).unwrap_or(0);
    let mut opened =
        container::open(std::io::BufReader::new(reader)).map_err(|e| bad_file(file, e))?;
    if opened.manifest.schema_version > SCHEMA_VERSION {
        return Err(StoreError::NewerDatabase {
            found: opened.manifest.schema_version,
            supported: SCHEMA_VERSION,
        }
        .into());
    }
    // The passphrase first: a wrong one writes nothing at all.
    let wrapped: caseload_store::key::WrappedKey = serde_json::from_slice(&opened.key_bytes)
        .map_err(|e| bad_file(file, BadFile(format!("its key file is not readable ({e})"))))?;
    wrapped.unwrap_key(passphrase).map_err(|e| match e {
        StoreError::WrongPassphrase => AppError::WrongPassphrase {
            message: "The passphrase does not open this backup: give the passphrase the caseload had when the backup was made".into(),
        },
        other => other.into(),
    })?;
    fs::create_dir_all(dir)
        .map_err(|e| file_error("The data folder could not be created:", dir, &e))?;
    restrict_permissions(dir);
    let staged = dir.join(format!(".restore-{}.db", random_hex()?));
    let result = (|| {
        opened.extract_db(&staged).map_err(|e| bad_file(file, e))?;
        let check = check_copy_with_passphrase(&staged, &opened.key_bytes, passphrase).map_err(
            |e| match e {
                StoreError::Damaged { .. } | StoreError::DatabaseKeyMismatch => bad_file(
                    file,
                    BadFile("its database is damaged or does not match its key".into()),
                ),
                other => other.into(),
            },
        )?;
        if check.tables != opened.manifest.tables {
            return Err(bad_file(
                file,
                BadFile("its row counts differ from its manifest".into()),
            ));
        }
        install_copy(&staged, &opened.key_bytes, dir)?;
        Ok(())
    })();
    if result.is_err() {
        remove_copy(&staged);
    }
    result?;
    Ok(IndexEntry {
        path: fs::canonicalize(file)
            .unwrap_or_else(|_| file.to_path_buf())
            .display()
            .to_string(),
        created_at: opened.manifest.created_at,
        size,
        verified: true,
        schema_version: opened.manifest.schema_version,
        restored_from: true,
        shared_to: None,
    })
}

#[cfg(unix)]
fn restrict_permissions(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
}

#[cfg(not(unix))]
fn restrict_permissions(_dir: &Path) {}

/// First run on a new laptop: restores a backup into this caseload's (empty) data folder and
/// unlocks it.
pub fn restore(cx: &Caseload, req: RestoreRequest) -> Result<AppStatus, AppError> {
    let passphrase = Passphrase::new(req.passphrase);
    let mut errors = FieldErrors::default();
    if req.file.trim().is_empty() {
        errors.push(Field::BackupFile, "Choose the backup file");
    }
    if passphrase.char_count() == 0 {
        errors.push(
            Field::Passphrase,
            "Enter the passphrase of the backed-up caseload",
        );
    }
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    let file = PathBuf::from(req.file.trim());
    let _guard = cx.store();
    let entry = restore_into(&file, cx.data_dir(), &passphrase)?;
    drop(_guard);
    let backup_made = entry.created_at;
    let keep = index::read(cx.data_dir()).backups.len() as u32 + 1;
    index::record_and_prune(cx.data_dir(), entry, keep)?;
    let mut store = Store::unlock(cx.data_dir(), &passphrase)?;
    let made = backup_made.format("%Y-%m-%dT%H:%M:%SZ");
    crate::audit::record(
        &mut store,
        Action::Restore,
        None,
        None,
        &format!("restored from a backup made {made}"),
    )?;
    crate::session::opened(cx, store)
}

/// The error for a caseload that will not open because its database is damaged, altered or
/// does not match its key: what happened, and the latest verified backup to restore.
pub fn damaged(data_dir: &Path, e: &StoreError) -> AppError {
    let what = match e {
        StoreError::DatabaseKeyMismatch => {
            "Caseload cannot open this caseload: its database does not match its key (it may have been replaced or damaged)"
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
