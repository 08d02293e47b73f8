//! The running caseload: where its folder is and, once unlocked, the open store. One value is
//! shared by every command (cloning shares it). Locking drops the store, and with it the key.
//! The clock is here too, so tests can move time (the idle lock, the wait after wrong passphrases).

use std::collections::HashMap;
use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use caseload_store::{Action, KdfParams, Store};
use chrono::{DateTime, Utc};

use crate::error::AppError;
use crate::locking::{Idle, LockReason};

/// What time it is: `Utc::now` in the app and the CLI, a hand-moved clock in tests.
pub type Clock = dyn Fn() -> DateTime<Utc> + Send + Sync;

/// How hard the passphrase key derivation works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KdfProfile {
    /// Argon2id at 64 MiB, passes tuned to about half a second on this machine. Every real caseload.
    Calibrated,
    /// Trivial parameters so tests of other behaviour run fast. Never for real data.
    InsecureForTests,
}

impl KdfProfile {
    pub(crate) fn params(self) -> Result<KdfParams, AppError> {
        match self {
            KdfProfile::Calibrated => Ok(KdfParams::calibrated()?),
            KdfProfile::InsecureForTests => Ok(KdfParams::insecure_for_tests()),
        }
    }
}

struct Inner {
    data_dir: PathBuf,
    kdf: KdfProfile,
    store: Mutex<Option<Store>>,
    instance_lock: Mutex<Option<File>>,
    imports: crate::imports::import_job::ImportJobs,
    /// The documents saved this session, by the opaque token the UI holds for each.
    saved: Mutex<HashMap<String, PathBuf>>,
    opener: OnceLock<Box<Opener>>,
    /// The files the worker chose in a dialog the backend opened, by the opaque token the UI
    /// holds for each (an import, a backup to restore): the webview never names a path to read.
    chosen: Mutex<HashMap<String, PathBuf>>,
    chooser: OnceLock<Box<Chooser>>,
    clock: Box<Clock>,
    idle: Mutex<Idle>,
}

/// What the worker asked to do with a document Caseload saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenAction {
    /// Open it in the application the system uses for its type.
    Open,
    /// Show it selected in the system's file manager.
    Reveal,
}

/// Opens or reveals a file (the desktop shell's; the CLI has none).
pub type Opener = dyn Fn(OpenAction, &Path) -> std::io::Result<()> + Send + Sync;

/// A system dialog the backend opens for the worker: the webview only asks for one, it never
/// names or receives a path it could set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice<'a> {
    /// One existing file to read, of one of `extensions` (without dots).
    OpenFile {
        title: &'a str,
        filter: &'a str,
        extensions: &'a [&'a str],
    },
    /// Where to write a new document: starting in `folder` with `name` (extension included).
    SaveFile {
        title: &'a str,
        folder: &'a Path,
        name: &'a str,
        filter: &'a str,
        extension: &'a str,
    },
    /// One folder (several files to write, or a folder setting), starting in `start`.
    Folder {
        title: &'a str,
        start: Option<&'a Path>,
    },
}

/// Opens a system dialog and answers what the worker chose, `None` when they cancelled (the
/// desktop shell's; the CLI has none and takes paths as arguments instead).
pub type Chooser = dyn Fn(Choice<'_>) -> Option<PathBuf> + Send + Sync;

#[derive(Clone)]
pub struct Caseload {
    inner: Arc<Inner>,
}

/// 128 random bits in hex: a token that names a file without saying where it is.
fn random_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Storage {
        message: format!("No random token could be made: {e}"),
    })?;
    Ok(hex::encode(bytes))
}

/// The file the desktop app holds an exclusive lock on while it runs, so that two app windows
/// (even of different builds) never write one database.
pub const INSTANCE_LOCK_FILE: &str = "caseload.lock";

impl Caseload {
    pub fn new(data_dir: impl Into<PathBuf>, kdf: KdfProfile) -> Self {
        Self::with_clock(data_dir, kdf, Utc::now)
    }

    /// A caseload whose "now" is `clock` (tests move it by hand instead of sleeping).
    pub fn with_clock(
        data_dir: impl Into<PathBuf>,
        kdf: KdfProfile,
        clock: impl Fn() -> DateTime<Utc> + Send + Sync + 'static,
    ) -> Self {
        let now = clock();
        Caseload {
            inner: Arc::new(Inner {
                data_dir: data_dir.into(),
                kdf,
                store: Mutex::new(None),
                instance_lock: Mutex::new(None),
                imports: crate::imports::import_job::ImportJobs::default(),
                saved: Mutex::new(HashMap::new()),
                opener: OnceLock::new(),
                chosen: Mutex::new(HashMap::new()),
                chooser: OnceLock::new(),
                clock: Box::new(clock),
                idle: Mutex::new(Idle::new(now)),
            }),
        }
    }

    pub fn data_dir(&self) -> &Path {
        &self.inner.data_dir
    }

    pub(crate) fn imports(&self) -> &crate::imports::import_job::ImportJobs {
        &self.inner.imports
    }

    /// Sets how files are opened and revealed (once; later calls are ignored). The desktop shell
    /// sets it; without it, opening a saved document says it cannot be done here.
    pub fn set_opener(
        &self,
        opener: impl Fn(OpenAction, &Path) -> std::io::Result<()> + Send + Sync + 'static,
    ) {
        let _ = self.inner.opener.set(Box::new(opener));
    }

    pub(crate) fn opener(&self) -> Option<&Opener> {
        self.inner.opener.get().map(Box::as_ref)
    }

    /// Sets how the system's file and folder dialogs are opened (once; later calls are
    /// ignored). The desktop shell sets it; without it the commands that need a dialog say
    /// that the file is given on the command line instead, and saves go to the documents folder.
    pub fn set_chooser(
        &self,
        chooser: impl Fn(Choice<'_>) -> Option<PathBuf> + Send + Sync + 'static,
    ) {
        let _ = self.inner.chooser.set(Box::new(chooser));
    }

    pub(crate) fn chooser(&self) -> Option<&Chooser> {
        self.inner.chooser.get().map(Box::as_ref)
    }

    fn chosen(&self) -> MutexGuard<'_, HashMap<String, PathBuf>> {
        self.inner
            .chosen
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Remembers a file the worker chose in a backend dialog and returns the opaque token the
    /// UI passes back to use it.
    pub(crate) fn remember_chosen(&self, path: &Path) -> Result<String, AppError> {
        let token = random_token()?;
        self.chosen().insert(token.clone(), path.to_path_buf());
        Ok(token)
    }

    /// The path of a file the worker chose this session, by its token.
    pub(crate) fn chosen_path(&self, token: &str) -> Option<PathBuf> {
        self.chosen().get(token).cloned()
    }

    fn saved(&self) -> MutexGuard<'_, HashMap<String, PathBuf>> {
        self.inner
            .saved
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Remembers a document Caseload just saved and returns the opaque token the UI may pass
    /// back to open or reveal it: the webview never names a path.
    pub(crate) fn remember_saved(&self, path: &Path) -> Result<String, AppError> {
        let token = random_token()?;
        self.saved().insert(token.clone(), path.to_path_buf());
        Ok(token)
    }

    /// The path of a document saved this session, by its token.
    pub(crate) fn saved_path(&self, token: &str) -> Option<PathBuf> {
        self.saved().get(token).cloned()
    }

    /// Forgets every saved document (on lock: a new session starts with none).
    pub(crate) fn forget_saved(&self) {
        self.saved().clear();
    }

    /// The time now, by this caseload's clock.
    pub fn now(&self) -> DateTime<Utc> {
        (self.inner.clock)()
    }

    pub(crate) fn idle(&self) -> MutexGuard<'_, Idle> {
        self.inner
            .idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The worker did something: the idle clock starts again.
    pub fn note_activity(&self) {
        let now = self.now();
        self.idle().last_activity = now;
    }

    /// Puts an unlocked store in place: the idle clock starts, with the worker's limit.
    pub(crate) fn open(
        &self,
        guard: &mut MutexGuard<'_, Option<Store>>,
        store: Store,
        limit: std::time::Duration,
    ) {
        **guard = Some(store);
        let now = self.now();
        let mut idle = self.idle();
        idle.last_activity = now;
        idle.limit = limit;
        idle.last_lock = None;
    }

    /// Closes the store (locking): the connection closes, SQLCipher wipes its key, the saved
    /// documents are forgotten, and `reason` is remembered for the unlock screen. Locking never
    /// fails: if its audit entry cannot be written, the caseload is locked all the same.
    pub(crate) fn close(&self, guard: &mut MutexGuard<'_, Option<Store>>, reason: LockReason) {
        if let Some(mut store) = guard.take() {
            // One `Lock` entry naming why, written before the store (and its key) is dropped.
            let _ =
                crate::audit::record(&mut store, Action::Lock, None, None, reason.audit_detail());
            drop(store);
        }
        self.forget_saved();
        self.chosen().clear();
        self.idle().last_lock = Some(reason);
    }

    /// The store's lock if no command holds it right now.
    pub(crate) fn try_store(&self) -> Option<MutexGuard<'_, Option<Store>>> {
        match self.inner.store.try_lock() {
            Ok(guard) => Some(guard),
            Err(std::sync::TryLockError::Poisoned(poisoned)) => Some(poisoned.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => None,
        }
    }

    pub(crate) fn kdf(&self) -> KdfProfile {
        self.inner.kdf
    }

    /// The open store, if unlocked. A poisoned lock (a panic mid-command) still yields the
    /// store: SQLite's transaction already rolled back whatever that command was doing.
    pub(crate) fn store(&self) -> MutexGuard<'_, Option<Store>> {
        self.inner
            .store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` on the unlocked store, or reports that the caseload is locked.
    pub(crate) fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut guard = self.store();
        let store = guard.as_mut().ok_or_else(AppError::locked)?;
        f(store)
    }

    /// Runs `f` on the unlocked store, for benchmarks and diagnostics outside the crate.
    #[doc(hidden)]
    pub fn probe_store<T>(&self, f: impl FnOnce(&Store) -> T) -> Option<T> {
        self.store().as_ref().map(f)
    }

    /// Claims the data folder for this process (desktop app only; the CLI relies on SQLite's
    /// own locking for its short-lived, transactional access).
    pub fn claim_data_dir(&self) -> Result<(), AppError> {
        let dir = self.data_dir();
        fs::create_dir_all(dir).map_err(|e| AppError::Storage {
            message: format!(
                "The data folder {} could not be created: {}",
                dir.display(),
                caseload_exchange::io_problem(&e)
            ),
        })?;
        let path = dir.join(INSTANCE_LOCK_FILE);
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| AppError::Storage {
                message: format!(
                    "The lock file {} could not be opened: {}",
                    path.display(),
                    caseload_exchange::io_problem(&e)
                ),
            })?;
        match file.try_lock() {
            Ok(()) => {
                *self
                    .inner
                    .instance_lock
                    .lock()
                    .unwrap_or_else(|p| p.into_inner()) = Some(file);
                Ok(())
            }
            Err(TryLockError::WouldBlock) => Err(AppError::InUse {
                message: format!(
                    "Caseload is already open on this data folder ({}): switch to that window",
                    dir.display()
                ),
            }),
            Err(TryLockError::Error(e)) => Err(AppError::Storage {
                message: format!(
                    "The lock file {} could not be locked: {}",
                    path.display(),
                    caseload_exchange::io_problem(&e)
                ),
            }),
        }
    }
}
