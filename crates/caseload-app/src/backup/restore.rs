//! Restoring a backup: into an empty folder only, checking the file and the passphrase before
//! anything is written and writing the key file last, so a restore cut short leaves no
//! caseload. It never writes into a folder that holds one.

use std::fs;
use std::path::{Path, PathBuf};

use caseload_domain::{Field, FieldErrors, Passphrase};
use caseload_store::backup::{check_copy_with_passphrase, install_copy, remove_copy};
use caseload_store::{Action, SCHEMA_VERSION, Store, StoreError};
use serde::Deserialize;
use ts_rs::TS;

use super::container::{self, BadFile};
use super::index::{self, IndexEntry};
use super::{file_error, random_hex};
use crate::context::Caseload;
use crate::error::AppError;
use crate::session::AppStatus;

/// Restores the backup the worker chose in the backend's file chooser (`file_choose`), by the
/// token it answered; the CLI restores a file it names with `restore_from`.
#[derive(Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RestoreRequest {
    /// The token `file_choose` answered for the backup file.
    pub chosen: String,
    /// The passphrase the caseload had when the backup was made.
    pub passphrase: String,
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
        StoreError::KeyFileInvalid { what } => {
            bad_file(file, BadFile(format!("its key file is damaged ({what})")))
        }
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
        // Shown and kept in the backup list: `\\server\share\…`, never `\\?\UNC\server\share\…`.
        path: dunce::canonicalize(file)
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
    let file = if req.chosen.trim().is_empty() {
        PathBuf::new()
    } else {
        crate::documents::chosen_file(cx, req.chosen.trim())?
    };
    restore_from(cx, &file, req.passphrase)
}

/// [`restore`] from a backup file the CLI names (not a command the webview can call).
pub fn restore_from(cx: &Caseload, file: &Path, passphrase: String) -> Result<AppStatus, AppError> {
    let passphrase = Passphrase::new(passphrase);
    let mut errors = FieldErrors::default();
    if file.as_os_str().is_empty() {
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
    let _guard = cx.store();
    let entry = restore_into(file, cx.data_dir(), &passphrase)?;
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
