//! The store's errors. Messages never contain personal data: only paths, versions and causes.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no caseload exists in {dir}")]
    NotInitialised { dir: PathBuf },
    #[error("a caseload already exists in {dir}")]
    AlreadyInitialised { dir: PathBuf },
    #[error("the passphrase is not correct")]
    WrongPassphrase,
    #[error(
        "this caseload was written by a newer version of Caseload (schema {found}; this version reads up to {supported}): install the newer version"
    )]
    NewerDatabase { found: i64, supported: i64 },
    #[error("the key file {path} is damaged: {reason}")]
    DamagedKeyFile { path: PathBuf, reason: String },
    /// A key file that does not read as one Caseload wrote: an unknown format, Argon2id
    /// parameters out of bounds, or a salt, nonce or wrapped key of the wrong length. Refused
    /// before any key derivation.
    #[error(
        "the key file is damaged or is not Caseload's ({what}): restore the caseload from a backup"
    )]
    KeyFileInvalid { what: &'static str },
    #[error("the database could not be opened with its key: it may be damaged or replaced")]
    DatabaseKeyMismatch,
    /// The database failed its integrity check: a damaged disk, an interrupted copy, or a
    /// file altered outside Caseload.
    #[error("the database is damaged or has been altered: {reason}")]
    Damaged { reason: String },
    /// A backup file that is not one, is of an unknown format, or does not match its manifest.
    #[error("{0}")]
    BadBackup(String),
    #[error("{what} was not found")]
    NotFound { what: &'static str, id: String },
    #[error("a pupil with this UPN is already on the caseload")]
    DuplicateUpn,
    #[error("file error at {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("key derivation failed: {0}")]
    Kdf(String),
    #[error("the operating system's random number generator failed: {0}")]
    Random(String),
    #[error("the import was cancelled; nothing was saved")]
    Cancelled,
    #[error("the stored record {what} is not valid: {reason}")]
    Corrupt { what: &'static str, reason: String },
}

impl StoreError {
    /// A stored value that no longer reads as what it should be: `what` names the record
    /// (never its content), `reason` says what is wrong with it.
    pub(crate) fn corrupt(what: &'static str, reason: impl Into<String>) -> Self {
        StoreError::Corrupt {
            what,
            reason: reason.into(),
        }
    }

    /// Whether another connection held the database past the busy timeout: another Caseload
    /// process (the app or the CLI) writing to the same caseload.
    pub fn is_busy(&self) -> bool {
        match self {
            StoreError::Sqlite(e) => matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            ),
            _ => false,
        }
    }

    /// Whether the disk holding the caseload (or its journal) is full.
    pub fn is_full(&self) -> bool {
        match self {
            StoreError::Sqlite(e) => e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull),
            StoreError::Io { source, .. } => source.kind() == std::io::ErrorKind::StorageFull,
            _ => false,
        }
    }

    pub(crate) fn damaged(reason: impl Into<String>) -> Self {
        StoreError::Damaged {
            reason: reason.into(),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }
}
