//! The encrypted copy inside a backup, and checking a copy before it is trusted.
//!
//! The copy is made with SQLite's online backup API, page by page in one step, from the open
//! connection into a new SQLCipher file keyed with the same database key: a consistent
//! snapshot, encrypted on its way to disk, never a plaintext copy. The copy is left in
//! rollback-journal mode (one file, no `-wal` beside it). A copy is trusted only after it opens
//! with its key and passes `integrity_check`, `cipher_integrity_check` and a row count of every
//! table. The container around it (manifest, wrapped key, atomic writing) is the app's.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use crate::error::StoreError;
use crate::key::{DatabaseKey, WrappedKey};
use crate::open::{Store, Thoroughness, check_integrity, open_keyed};
use crate::{keyfile, migrate};
use caseload_domain::Passphrase;

/// What a checked copy holds: its schema version and the rows in every table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyCheck {
    pub schema_version: i64,
    /// Every table (virtual tables and their shadow tables included) by name.
    pub tables: BTreeMap<String, u64>,
}

impl Store {
    /// Copies the whole database into a new encrypted file at `dest` (which must not exist),
    /// keyed with this caseload's key, and returns the row count of every table in the copy.
    pub fn backup_into(&self, dest: &Path) -> Result<BTreeMap<String, u64>, StoreError> {
        if dest.exists() {
            return Err(StoreError::io(
                dest,
                std::io::Error::new(std::io::ErrorKind::AlreadyExists, "already exists"),
            ));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let result = (|| {
            let mut copy = open_keyed(dest, flags, &self.key)?;
            {
                let backup = Backup::new(&self.conn, &mut copy)?;
                // -1: every page in one step, so the copy is one consistent snapshot.
                backup.step(-1)?;
            }
            // The source is in WAL mode and the copy took its header; one file is what travels.
            copy.query_row("PRAGMA journal_mode = DELETE", [], |row| {
                row.get::<_, String>("journal_mode")
            })?;
            let tables = table_counts(&copy)?;
            copy.close().map_err(|(_, e)| StoreError::from(e))?;
            Ok(tables)
        })();
        if result.is_err() {
            remove_copy(dest);
        }
        result
    }

    /// Checks a copy made by [`Store::backup_into`] with this caseload's key.
    pub fn check_copy(&self, path: &Path) -> Result<CopyCheck, StoreError> {
        check_copy_with_key(path, &self.key)
    }
}

/// Checks a copy with the key inside `wrapped_key` (a key file's bytes), unwrapped with the
/// passphrase: [`StoreError::WrongPassphrase`] if it does not unwrap, else as
/// [`Store::check_copy`].
pub fn check_copy_with_passphrase(
    path: &Path,
    wrapped_key: &[u8],
    passphrase: &Passphrase,
) -> Result<CopyCheck, StoreError> {
    let wrapped: WrappedKey = serde_json::from_slice(wrapped_key)
        .map_err(|e| StoreError::BadBackup(format!("its key file is not readable: {e}")))?;
    let key = wrapped.unwrap_key(passphrase)?;
    check_copy_with_key(path, &key)
}

fn check_copy_with_key(path: &Path, key: &DatabaseKey) -> Result<CopyCheck, StoreError> {
    let conn = open_keyed(path, OpenFlags::SQLITE_OPEN_READ_ONLY, key)?;
    check_integrity(&conn, Thoroughness::Full)?;
    let schema_version = migrate::user_version(&conn)?;
    let tables = table_counts(&conn).map_err(|e| StoreError::damaged(e.to_string()))?;
    Ok(CopyCheck {
        schema_version,
        tables,
    })
}

/// Row counts of every table, by name.
pub(crate) fn table_counts(conn: &Connection) -> Result<BTreeMap<String, u64>, StoreError> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?
        .query_and_then([], |row| row.get::<_, String>("name"))?
        .collect::<Result<_, _>>()?;
    let mut counts = BTreeMap::new();
    for name in names {
        let quoted = name.replace('"', "\"\"");
        let n: i64 = conn.query_row(
            &format!("SELECT count(*) AS n FROM \"{quoted}\""),
            [],
            |row| row.get("n"),
        )?;
        counts.insert(name, u64::try_from(n).unwrap_or(0));
    }
    Ok(counts)
}

/// Puts a checked copy in place as the database of the empty caseload folder `dir`, with
/// `wrapped_key` (a key file's bytes) written last, atomically: the key file is what marks a
/// folder as holding a caseload, so a crash before it leaves no caseload, only leftovers the
/// next restore or create removes.
pub fn install_copy(copy: &Path, wrapped_key: &[u8], dir: &Path) -> Result<(), StoreError> {
    let wrapped: WrappedKey = serde_json::from_slice(wrapped_key)
        .map_err(|e| StoreError::BadBackup(format!("its key file is not readable: {e}")))?;
    if Store::exists(dir) {
        return Err(StoreError::AlreadyInitialised {
            dir: dir.to_path_buf(),
        });
    }
    // A stale `-wal` beside the new database would be replayed into it: clear every leftover.
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let orphan = dir.join(format!("{}{suffix}", crate::DATABASE_FILE));
        if orphan.exists() {
            fs::remove_file(&orphan).map_err(|e| StoreError::io(&orphan, e))?;
        }
    }
    // A new key file left by an interrupted re-key belongs to the database being replaced.
    let next_key = dir.join(crate::NEXT_KEY_FILE);
    if next_key.exists() {
        fs::remove_file(&next_key).map_err(|e| StoreError::io(&next_key, e))?;
    }
    let db = dir.join(crate::DATABASE_FILE);
    fs::rename(copy, &db).map_err(|e| StoreError::io(&db, e))?;
    if let Ok(file) = fs::File::open(&db) {
        let _ = file.sync_all();
    }
    keyfile::write_atomically(&dir.join(crate::KEY_FILE), &wrapped)
}

/// Removes a copy and any journal SQLite left beside it.
pub fn remove_copy(path: &Path) {
    let _ = fs::remove_file(path);
    for suffix in ["-journal", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_os_string();
        name.push(suffix);
        let _ = fs::remove_file(Path::new(&name));
    }
}
