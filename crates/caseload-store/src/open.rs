//! Creating, unlocking and re-keying a caseload folder: `caseload.key` (the wrapped database
//! key) and `caseload.db` (SQLCipher, WAL). A wrong passphrase is detected on the key file
//! before the database is touched.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::error::StoreError;
use crate::key::{DatabaseKey, KdfParams, WrappedKey};
use crate::{keyfile, migrate};
use caseload_domain::Passphrase;

pub const DATABASE_FILE: &str = "caseload.db";
/// How long a write waits for another connection (another Caseload process: the app or the
/// CLI) to finish its write before giving up with [`StoreError::is_busy`].
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);
pub const KEY_FILE: &str = "caseload.key";
/// The new key file while a re-key is under way: written before the database is re-encrypted
/// and renamed over [`KEY_FILE`] after, so a crash at any point leaves one key file that opens
/// the database (see [`Store::rekey`]).
pub const NEXT_KEY_FILE: &str = "caseload.key.next";

/// An unlocked caseload: an open, keyed, migrated connection. The store never holds the key:
/// it is dropped (and zeroed) once the connection is keyed, and SQLCipher wipes its own copy
/// when the connection closes, which is what dropping the store (locking) does.
pub struct Store {
    pub(crate) conn: Connection,
    dir: PathBuf,
    /// Kept (zeroed on drop, with the store) so a backup can key its copy without asking for
    /// the passphrase again; SQLCipher holds the same key inside the connection anyway.
    pub(crate) key: DatabaseKey,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

fn key_path(dir: &Path) -> PathBuf {
    dir.join(KEY_FILE)
}

fn next_key_path(dir: &Path) -> PathBuf {
    dir.join(NEXT_KEY_FILE)
}

/// Renames `from` over `to` and makes the rename durable.
fn replace_durably(from: &Path, to: &Path) -> Result<(), StoreError> {
    fs::rename(from, to).map_err(|e| StoreError::io(to, e))?;
    if let Some(dir) = to.parent().and_then(|parent| fs::File::open(parent).ok()) {
        let _ = dir.sync_all();
    }
    Ok(())
}

fn db_path(dir: &Path) -> PathBuf {
    dir.join(DATABASE_FILE)
}

impl Store {
    /// True when `dir` holds a caseload (its key file is the mark: it is written last).
    pub fn exists(dir: &Path) -> bool {
        key_path(dir).is_file()
    }

    /// Creates a new, empty caseload in `dir` and returns it unlocked.
    ///
    /// The database is created and migrated first and the key file written last, atomically: a
    /// crash in between leaves a database nobody can ever decrypt, which the next `create`
    /// removes.
    pub fn create(
        dir: &Path,
        passphrase: &Passphrase,
        params: KdfParams,
    ) -> Result<Store, StoreError> {
        if Self::exists(dir) {
            return Err(StoreError::AlreadyInitialised {
                dir: dir.to_path_buf(),
            });
        }
        fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        restrict_permissions(dir);
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let orphan = dir.join(format!("{DATABASE_FILE}{suffix}"));
            if orphan.exists() {
                fs::remove_file(&orphan).map_err(|e| StoreError::io(&orphan, e))?;
            }
        }
        let key = DatabaseKey::generate()?;
        let wrapped = WrappedKey::wrap(&key, passphrase, params)?;
        let store = Self::open_with_key(dir, key, Integrity::Skip)?;
        keyfile::write_atomically(&key_path(dir), &wrapped)?;
        Ok(store)
    }

    /// Unlocks the caseload in `dir`. A wrong passphrase returns [`StoreError::WrongPassphrase`]
    /// and writes nothing. Before anything else reads it, the database is checked
    /// (`PRAGMA quick_check`, then `PRAGMA cipher_integrity_check`, which authenticates every
    /// page): a damaged or altered file is refused with [`StoreError::Damaged`], and a key
    /// that does not open it with [`StoreError::DatabaseKeyMismatch`].
    pub fn unlock(dir: &Path, passphrase: &Passphrase) -> Result<Store, StoreError> {
        if !Self::exists(dir) {
            return Err(StoreError::NotInitialised {
                dir: dir.to_path_buf(),
            });
        }
        if next_key_path(dir).is_file() {
            return Self::unlock_after_interrupted_rekey(dir, passphrase);
        }
        let key = keyfile::read(&key_path(dir))?.unwrap_key(passphrase)?;
        if !db_path(dir).is_file() {
            return Err(StoreError::io(
                db_path(dir),
                std::io::Error::new(std::io::ErrorKind::NotFound, "the database file is missing"),
            ));
        }
        Self::open_with_key(dir, key, Integrity::Check)
    }

    /// Re-wraps the database key under a new passphrase. The data is not re-encrypted; the old
    /// passphrase stops working the moment the new key file is in place.
    pub fn change_passphrase(
        dir: &Path,
        current: &Passphrase,
        new: &Passphrase,
        params: KdfParams,
    ) -> Result<(), StoreError> {
        if !Self::exists(dir) {
            return Err(StoreError::NotInitialised {
                dir: dir.to_path_buf(),
            });
        }
        let key = keyfile::read(&key_path(dir))?.unwrap_key(current)?;
        let wrapped = WrappedKey::wrap(&key, new, params)?;
        keyfile::write_atomically(&key_path(dir), &wrapped)
    }

    /// "I think my passphrase is known": a new random database key, the whole database
    /// re-encrypted under it (`PRAGMA rekey`), and the new key wrapped under the new passphrase.
    /// Afterwards the old key file, with the old passphrase, opens nothing: not the data that was
    /// there, nor anything added later.
    ///
    /// Crash-safe in three steps: the new key file is written beside the old as
    /// [`NEXT_KEY_FILE`]; the database is re-encrypted in one SQLite transaction (rollback
    /// journal: SQLCipher cannot re-key a WAL database, so the WAL is checkpointed and switched
    /// off for the re-key and back on after); then the new key file is renamed over the old. An
    /// unlock that finds [`NEXT_KEY_FILE`] tries both and keeps whichever opens the database.
    pub fn rekey(
        &mut self,
        current: &Passphrase,
        new: &Passphrase,
        params: KdfParams,
    ) -> Result<(), StoreError> {
        let old = keyfile::read(&key_path(&self.dir))?.unwrap_key(current)?;
        if !old.same_as(&self.key) {
            return Err(StoreError::DatabaseKeyMismatch);
        }
        let key = DatabaseKey::generate()?;
        let wrapped = WrappedKey::wrap(&key, new, params)?;
        let next = next_key_path(&self.dir);
        keyfile::write_atomically(&next, &wrapped)?;
        let rekeyed = (|| -> Result<(), StoreError> {
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            self.conn
                .query_row("PRAGMA journal_mode = DELETE", [], |row| {
                    row.get::<_, String>(0)
                })?;
            self.conn.execute_batch(&key.sqlcipher_rekey_statement())?;
            Ok(())
        })();
        // WAL again whatever happened: the connection stays in use.
        let wal = self.conn.query_row("PRAGMA journal_mode = WAL", [], |row| {
            row.get::<_, String>(0)
        });
        if let Err(e) = rekeyed {
            // Not re-encrypted (the statement failed before committing): the old key file
            // stays the one that opens it.
            let _ = fs::remove_file(&next);
            return Err(e);
        }
        self.key = key;
        replace_durably(&next, &key_path(&self.dir))?;
        wal?;
        Ok(())
    }

    /// Unlocking after a re-key was interrupted: the old and the new key file are both there.
    /// The passphrase typed is tried on each; the one whose key opens the database becomes the
    /// key file and the other goes. The old passphrase after the database was re-encrypted is
    /// simply the wrong passphrase.
    fn unlock_after_interrupted_rekey(
        dir: &Path,
        passphrase: &Passphrase,
    ) -> Result<Store, StoreError> {
        let next = next_key_path(dir);
        let mut unwrapped_any = false;
        let mut next_unwrapped = false;
        for (path, is_next) in [(next.clone(), true), (key_path(dir), false)] {
            // A new key file cut short by the crash is as good as absent.
            let Ok(wrapped) = keyfile::read(&path) else {
                continue;
            };
            let key = match wrapped.unwrap_key(passphrase) {
                Ok(key) => key,
                Err(StoreError::WrongPassphrase | StoreError::DamagedKeyFile { .. }) => continue,
                Err(e) => return Err(e),
            };
            unwrapped_any = true;
            next_unwrapped |= is_next;
            match Self::open_with_key(dir, key, Integrity::Check) {
                Ok(store) => {
                    if is_next {
                        replace_durably(&next, &key_path(dir))?;
                    } else {
                        fs::remove_file(&next).map_err(|e| StoreError::io(&next, e))?;
                    }
                    return Ok(store);
                }
                Err(StoreError::DatabaseKeyMismatch) => continue,
                Err(e) => return Err(e),
            }
        }
        if unwrapped_any && next_unwrapped {
            Err(StoreError::DatabaseKeyMismatch)
        } else {
            Err(StoreError::WrongPassphrase)
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        migrate::user_version(&self.conn)
    }

    fn open_with_key(
        dir: &Path,
        key: DatabaseKey,
        integrity: Integrity,
    ) -> Result<Store, StoreError> {
        let path = db_path(dir);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = open_keyed(&path, flags, &key)?;
        if integrity == Integrity::Check {
            check_integrity(&conn, Thoroughness::Quick)?;
        }
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.query_row("PRAGMA journal_mode = WAL", [], |row| {
            row.get::<_, String>("journal_mode")
        })?;
        // FULL: a committed case survives power loss; temp_store in memory so that sorting or
        // indexing never spills decrypted rows into a temporary file.
        // A 64 MiB page cache: every page read from disk is decrypted and authenticated, so
        // keeping a large caseload's tables and search index decrypted in memory (where they are
        // anyway while in use) is what makes search-as-you-type fast.
        // secure_delete: a deleted row's bytes are overwritten in its page, not left in free
        // space (a retention purge then vacuums, so no free page keeps anything either).
        conn.execute_batch(
            "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;
             PRAGMA cache_size = -65536; PRAGMA secure_delete = ON;",
        )?;
        migrate::migrate(&mut conn)?;
        Ok(Store {
            conn,
            dir: dir.to_path_buf(),
            key,
        })
    }
}

/// Whether opening checks the database first (unlocking does; creating a new one need not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Integrity {
    Check,
    Skip,
}

/// Opens the SQLCipher file at `path` and keys it with `key`. The first read decrypts page 1:
/// a wrong key or a file that is not this caseload's database shows here, as
/// [`StoreError::DatabaseKeyMismatch`].
pub(crate) fn open_keyed(
    path: &Path,
    flags: OpenFlags,
    key: &DatabaseKey,
) -> Result<Connection, StoreError> {
    // Keying is serialised across the process: SQLCipher's crypto-provider set-up for a new
    // connection is not safe when several threads key connections at the same instant (seen
    // as a rare "error with PRAGMA key" when tests open caseloads in parallel).
    let keying = KEYING.lock().unwrap_or_else(|p| p.into_inner());
    let conn = Connection::open_with_flags(path, flags)?;
    conn.execute_batch(&key.sqlcipher_key_statement())?;
    conn.query_row("SELECT count(*) AS tables FROM sqlite_master", [], |row| {
        row.get::<_, i64>("tables")
    })
    .map_err(|_| StoreError::DatabaseKeyMismatch)?;
    drop(keying);
    Ok(conn)
}

/// How far [`check_integrity`] goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Thoroughness {
    /// `quick_check` (every b-tree page read, so decrypted and authenticated; no index
    /// cross-check) and `cipher_integrity_check` (every page's HMAC, free pages included).
    Quick,
    /// `integrity_check` (indexes checked against their tables too) and
    /// `cipher_integrity_check`: for a backup, made once and relied on later.
    Full,
}

/// Checks the database's structure and every page's authentication code. Any problem, or any
/// error while reading (a page whose HMAC fails reads as an error), is
/// [`StoreError::Damaged`]; the reason names pages and tables, never their content.
pub(crate) fn check_integrity(conn: &Connection, how: Thoroughness) -> Result<(), StoreError> {
    let structural = match how {
        Thoroughness::Quick => "quick_check",
        Thoroughness::Full => "integrity_check",
    };
    let problems = pragma_lines(conn, structural)?;
    if problems.len() != 1 || problems[0] != "ok" {
        return Err(StoreError::damaged(problems.join("; ")));
    }
    // No rows means every page authenticated.
    let problems = pragma_lines(conn, "cipher_integrity_check")?;
    if !problems.is_empty() {
        return Err(StoreError::damaged(problems.join("; ")));
    }
    Ok(())
}

/// The text lines an integrity PRAGMA returns (at most 20: enough to say what is wrong).
fn pragma_lines(conn: &Connection, pragma: &str) -> Result<Vec<String>, StoreError> {
    let read = || -> Result<Vec<String>, rusqlite::Error> {
        let mut stmt = conn.prepare(&format!("PRAGMA {pragma}"))?;
        let mut rows = stmt.query([])?;
        let mut lines = Vec::new();
        while let Some(row) = rows.next()? {
            // One column, whose name differs from PRAGMA to PRAGMA (and SQLCipher version).
            let value: rusqlite::types::Value = row.get(0)?;
            lines.push(match value {
                rusqlite::types::Value::Text(t) => t,
                other => format!("{other:?}"),
            });
            if lines.len() >= 20 {
                break;
            }
        }
        Ok(lines)
    };
    read().map_err(|e| StoreError::damaged(format!("{pragma} could not read it: {e}")))
}

/// Held while a connection is opened and keyed (see `open_keyed`).
static KEYING: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[cfg(unix)]
fn restrict_permissions(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
}

#[cfg(not(unix))]
fn restrict_permissions(_dir: &Path) {}
