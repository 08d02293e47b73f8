//! `unlock-attempts.json` beside the database: how many wrong passphrases were given in a row
//! and when. It must be readable while the caseload is locked (there is no key then), so it is
//! plaintext and holds counts and times only, never anything typed. Replaced atomically.
//! Deleting it resets the wait; that is no help to someone holding a copy of the folder (each of
//! their guesses costs Argon2id), only to someone at the unlock screen with file access already.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::StoreError;
use crate::keyfile;

pub const UNLOCK_ATTEMPTS_FILE: &str = "unlock-attempts.json";
/// The most failure times kept (the count goes on): bounds the file and the audit backlog.
const MAX_TIMES: usize = 1000;

/// Wrong passphrases since the last successful unlock.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnlockAttempts {
    /// How many in a row.
    pub failures: u32,
    /// When each was given, oldest first (the most recent [`MAX_TIMES`]).
    pub times: Vec<DateTime<Utc>>,
}

fn path(dir: &Path) -> PathBuf {
    dir.join(UNLOCK_ATTEMPTS_FILE)
}

impl UnlockAttempts {
    /// The attempts recorded in `dir`. No file means none; a damaged file is read as none too,
    /// so that it can never stop the worker unlocking (it is rewritten at the next failure).
    pub fn read(dir: &Path) -> Self {
        fs::read(path(dir))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// When the last wrong passphrase was given.
    pub fn last(&self) -> Option<DateTime<Utc>> {
        self.times.last().copied()
    }

    /// Adds one wrong passphrase given at `at` and writes the file.
    pub fn record_failure(dir: &Path, at: DateTime<Utc>) -> Result<Self, StoreError> {
        let mut attempts = Self::read(dir);
        attempts.failures = attempts.failures.saturating_add(1);
        attempts.times.push(at);
        if attempts.times.len() > MAX_TIMES {
            let extra = attempts.times.len() - MAX_TIMES;
            attempts.times.drain(..extra);
        }
        let json = serde_json::to_vec_pretty(&attempts)
            .map_err(|e| StoreError::io(path(dir), std::io::Error::other(e.to_string())))?;
        keyfile::write_bytes_atomically(&path(dir), &json)?;
        Ok(attempts)
    }

    /// Forgets every recorded attempt (after a successful unlock).
    pub fn clear(dir: &Path) -> Result<(), StoreError> {
        match fs::remove_file(path(dir)) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(StoreError::io(path(dir), e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn failures_are_counted_with_their_times_and_cleared() {
        let dir = tempfile::tempdir().expect("tmp");
        assert_eq!(UnlockAttempts::read(dir.path()), UnlockAttempts::default());
        let t1 = Utc
            .with_ymd_and_hms(2026, 12, 6, 9, 0, 0)
            .single()
            .expect("time");
        let t2 = Utc
            .with_ymd_and_hms(2026, 12, 6, 9, 0, 5)
            .single()
            .expect("time");
        UnlockAttempts::record_failure(dir.path(), t1).expect("first");
        let after = UnlockAttempts::record_failure(dir.path(), t2).expect("second");
        assert_eq!(after.failures, 2);
        assert_eq!(UnlockAttempts::read(dir.path()), after);
        assert_eq!(after.last(), Some(t2));
        UnlockAttempts::clear(dir.path()).expect("clear");
        assert_eq!(UnlockAttempts::read(dir.path()), UnlockAttempts::default());
        UnlockAttempts::clear(dir.path()).expect("clearing nothing is fine");
    }

    #[test]
    fn a_damaged_file_reads_as_no_attempts() {
        let dir = tempfile::tempdir().expect("tmp");
        fs::write(dir.path().join(UNLOCK_ATTEMPTS_FILE), b"{ not json").expect("write");
        assert_eq!(UnlockAttempts::read(dir.path()), UnlockAttempts::default());
    }

    #[test]
    fn the_file_holds_only_a_count_and_times() {
        let dir = tempfile::tempdir().expect("tmp");
        let t = Utc
            .with_ymd_and_hms(2026, 12, 6, 9, 0, 0)
            .single()
            .expect("time");
        UnlockAttempts::record_failure(dir.path(), t).expect("record");
        let json: serde_json::Value =
            serde_json::from_slice(&fs::read(dir.path().join(UNLOCK_ATTEMPTS_FILE)).expect("read"))
                .expect("json");
        assert_eq!(
            json,
            serde_json::json!({ "failures": 1, "times": ["2026-12-06T09:00:00Z"] })
        );
    }
}
