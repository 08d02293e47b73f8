//! Creating, unlocking, locking and re-keying the caseload.

use caseload_domain::locking::unlock_delay_seconds;
use caseload_domain::{Field, FieldErrors, MIN_PASSPHRASE_CHARS, NewPassphraseError, Passphrase};
use caseload_store::unlock_attempts::UnlockAttempts;
use caseload_store::{Action, Store, StoreError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::context::Caseload;
use crate::error::AppError;
use crate::locking::{LockReason, minutes};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppStatus {
    pub data_dir: String,
    pub initialised: bool,
    pub unlocked: bool,
    pub app_version: String,
    pub min_passphrase_length: u32,
    /// Why the caseload locked itself, for the unlock screen ("Caseload locked after 5 minutes
    /// without use"); none when the worker locked it or it has not been opened yet.
    pub lock_notice: Option<String>,
}

#[derive(Clone, Deserialize, TS)]
pub struct CreateCaseloadRequest {
    pub passphrase: String,
    pub passphrase_confirm: String,
}

#[derive(Clone, Deserialize, TS)]
pub struct UnlockRequest {
    pub passphrase: String,
}

#[derive(Clone, Deserialize, TS)]
pub struct ChangePassphraseRequest {
    pub current_passphrase: String,
    pub new_passphrase: String,
    pub new_passphrase_confirm: String,
    /// "I think my passphrase is known to someone else": the database is re-encrypted under a
    /// new key as well, so a copy of the old key file with the old passphrase opens nothing.
    /// Otherwise the same key is wrapped under the new passphrase.
    #[serde(default)]
    #[ts(optional)]
    pub passphrase_known: Option<bool>,
}

/// What a passphrase change did, for the screen and the CLI to say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PassphraseChanged {
    /// True when the database was re-encrypted under a new key.
    pub rekeyed: bool,
    /// What the worker should know or do next.
    pub message: String,
}

pub fn app_status(cx: &Caseload, _: ()) -> Result<AppStatus, AppError> {
    Ok(AppStatus {
        data_dir: cx.data_dir().display().to_string(),
        initialised: Store::exists(cx.data_dir()),
        unlocked: cx.store().is_some(),
        app_version: crate::about::VERSION.to_string(),
        min_passphrase_length: MIN_PASSPHRASE_CHARS as u32,
        lock_notice: cx.last_lock().and_then(LockReason::notice),
    })
}

fn check_new(
    new: &Passphrase,
    confirm: &Passphrase,
    field: Field,
    confirm_field: Field,
) -> Result<(), AppError> {
    match new.check_new(confirm) {
        Ok(()) => Ok(()),
        Err(e @ (NewPassphraseError::TooShort { .. } | NewPassphraseError::TooWeak { .. })) => Err(
            AppError::validation(FieldErrors::single(field, e.to_string())),
        ),
        Err(e @ NewPassphraseError::Mismatch) => Err(AppError::validation(FieldErrors::single(
            confirm_field,
            e.to_string(),
        ))),
    }
}

pub fn caseload_create(cx: &Caseload, req: CreateCaseloadRequest) -> Result<AppStatus, AppError> {
    let passphrase = Passphrase::new(req.passphrase);
    let confirm = Passphrase::new(req.passphrase_confirm);
    check_new(
        &passphrase,
        &confirm,
        Field::Passphrase,
        Field::PassphraseConfirm,
    )?;
    let store = Store::create(cx.data_dir(), &passphrase, cx.kdf().params()?)?;
    opened(cx, store)
}

pub fn unlock(cx: &Caseload, req: UnlockRequest) -> Result<AppStatus, AppError> {
    let passphrase = Passphrase::new(req.passphrase);
    if passphrase.char_count() == 0 {
        return Err(AppError::validation(FieldErrors::single(
            Field::Passphrase,
            "Enter your passphrase",
        )));
    }
    let dir = cx.data_dir();
    let attempts = attempt_allowed(cx)?;
    let mut store = match Store::unlock(dir, &passphrase) {
        Err(StoreError::WrongPassphrase) => {
            UnlockAttempts::record_failure(dir, cx.now())?;
            return Err(StoreError::WrongPassphrase.into());
        }
        // A damaged database or key file, or a database that does not open with the key:
        // refused, naming the latest backup to restore from.
        Err(
            e @ (StoreError::Damaged { .. }
            | StoreError::DatabaseKeyMismatch
            | StoreError::KeyFileInvalid { .. }
            | StoreError::DamagedKeyFile { .. }),
        ) => {
            return Err(crate::backup::damaged(dir, &e));
        }
        other => other?,
    };
    settle_failures(&mut store, &attempts)?;
    crate::audit::record(&mut store, Action::Unlock, None, None, "")?;
    // Delivered export bytes older than the retention rule allows go at every unlock.
    crate::retention::purge_delivered_exports(&mut store, cx.now())?;
    // So are the encrypted copies backups killed part-way left in the data folder.
    crate::backup::remove_stale_work(dir);
    opened(cx, store)
}

/// A store just created, unlocked or restored becomes the open caseload, with the worker's idle
/// limit from its settings.
pub(crate) fn opened(cx: &Caseload, store: Store) -> Result<AppStatus, AppError> {
    let limit = lock_after(&store)?;
    cx.open(&mut cx.store(), store, limit);
    app_status(cx, ())
}

/// After the right passphrase: the wrong ones recorded since the last go into the audit trail,
/// and the count starts again.
fn settle_failures(store: &mut Store, attempts: &UnlockAttempts) -> Result<(), AppError> {
    // One `UnlockFailed` entry per wrong passphrase since the last unlock, each with its time.
    store.audit_failed_unlocks(&attempts.times)?;
    Ok(UnlockAttempts::clear(store.dir())?)
}

/// Refuses an attempt while the wait after wrong passphrases runs; otherwise the attempts so far.
fn attempt_allowed(cx: &Caseload) -> Result<UnlockAttempts, AppError> {
    let attempts = UnlockAttempts::read(cx.data_dir());
    match wait_before_next_attempt(&attempts, cx.now()) {
        Some(wait) => Err(AppError::too_many_attempts(wait)),
        None => Ok(attempts),
    }
}

/// The worker's idle limit, from the settings just unlocked.
fn lock_after(store: &Store) -> Result<std::time::Duration, AppError> {
    Ok(minutes(crate::settings::load(store)?.lock_after_minutes))
}

/// Whole seconds left before another unlock may be tried, if the wait after the last wrong
/// passphrase is still running. A clock set back never makes the wait longer than its rule.
fn wait_before_next_attempt(attempts: &UnlockAttempts, now: DateTime<Utc>) -> Option<u64> {
    let delay = unlock_delay_seconds(attempts.failures);
    let last = attempts.last()?;
    if delay == 0 {
        return None;
    }
    let passed = (now - last).num_milliseconds().max(0);
    let left_ms = i64::try_from(delay * 1000).unwrap_or(i64::MAX) - passed;
    (left_ms > 0).then(|| u64::try_from(left_ms).unwrap_or(0).div_ceil(1000))
}

pub fn lock(cx: &Caseload, _: ()) -> Result<AppStatus, AppError> {
    cx.lock_because(LockReason::Worker);
    app_status(cx, ())
}

pub fn passphrase_change(
    cx: &Caseload,
    req: ChangePassphraseRequest,
) -> Result<PassphraseChanged, AppError> {
    let rekey = req.passphrase_known.unwrap_or(false);
    let current = Passphrase::new(req.current_passphrase);
    let new = Passphrase::new(req.new_passphrase);
    let confirm = Passphrase::new(req.new_passphrase_confirm);
    check_new(
        &new,
        &confirm,
        Field::NewPassphrase,
        Field::NewPassphraseConfirm,
    )?;
    // A wrong current passphrase counts as a wrong passphrase at unlock, and waits the same:
    // otherwise Change passphrase (or `caseload passphrase change`) would be a way round the wait.
    let attempts = attempt_allowed(cx)?;
    // Hold the store's lock so no command runs while the key file is replaced.
    let mut guard = cx.store();
    let params = cx.kdf().params()?;
    let changed = if rekey {
        match guard.as_mut() {
            Some(store) => store.rekey(&current, &new, params),
            // From the CLI nothing is open: open it for the re-key, and close it after.
            None => Store::unlock(cx.data_dir(), &current)
                .and_then(|mut store| store.rekey(&current, &new, params)),
        }
    } else {
        Store::change_passphrase(cx.data_dir(), &current, &new, params)
    };
    match changed {
        Err(StoreError::WrongPassphrase) => {
            UnlockAttempts::record_failure(cx.data_dir(), cx.now())?;
            return Err(AppError::validation(FieldErrors::single(
                Field::CurrentPassphrase,
                "Your current passphrase is not correct: check it and try again",
            )));
        }
        Err(e) => return Err(e.into()),
        Ok(()) => {}
    }
    let detail = if rekey {
        "database re-keyed: the passphrase may be known"
    } else {
        "key re-wrapped under the new passphrase"
    };
    // The right passphrase: with the caseload open, the failures are audited and the count
    // starts again now; from the CLI (nothing open) that happens at the next unlock, and the
    // change is recorded then too.
    match guard.as_mut() {
        Some(store) => {
            settle_failures(store, &attempts)?;
            crate::audit::record(store, Action::PassphraseChange, None, None, detail)?;
        }
        None => {
            let mut store = Store::unlock(cx.data_dir(), &new)?;
            settle_failures(&mut store, &attempts)?;
            crate::audit::record(&mut store, Action::PassphraseChange, None, None, detail)?;
        }
    }
    Ok(PassphraseChanged {
        rekeyed: rekey,
        message: if rekey {
            "Passphrase changed and the caseload re-encrypted under a new key: the old passphrase \
             and any copy of the old key file open nothing. Backups made before today still open \
             with the old passphrase: make a new backup now, then delete the older ones."
                .into()
        } else {
            "Passphrase changed. The old passphrase no longer opens the caseload. If you think \
             someone knows the old passphrase, change it again and tick \"I think my passphrase \
             is known\": that also re-encrypts the caseload."
                .into()
        },
    })
}
