//! A test double for the shared drive: the real file system with faults switched on and off
//! at run time: read-only, full after so many bytes, pulled away after so many operations,
//! refusing deletes, or returning corrupted reads. Public and behind no feature so app and
//! CLI tests can use it too; production code has no reason to construct it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use super::fs::{Entry, RealShare, ShareFs};

/// How the share goes away once its operation budget is spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vanish {
    /// The root folder and everything in it is deleted, as when someone removes it.
    Removed,
    /// The files stay but can no longer be reached, as when the network drops.
    Disconnected,
}

#[derive(Debug, Default)]
struct Faults {
    read_only: bool,
    /// Bytes that may still be written before writes fail as a full disk would.
    space_left: Option<u64>,
    /// After this many more successful operations the share goes away.
    vanish_after: Option<(u64, Vanish)>,
    gone: bool,
    deny_removals: bool,
    corrupt_reads: bool,
    /// Successful operations since the share was made, its faults were cleared or a
    /// vanishing fault was set.
    succeeded: u64,
}

/// [`RealShare`] rooted at one folder, with injectable faults. Thread-safe.
#[derive(Debug)]
pub struct FaultyShare {
    root: PathBuf,
    inner: RealShare,
    faults: Mutex<Faults>,
}

impl FaultyShare {
    /// A share whose root is `root`; faults are off until switched on.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        FaultyShare {
            root: root.into(),
            inner: RealShare,
            faults: Mutex::new(Faults::default()),
        }
    }

    /// Every write, rename, delete and folder creation fails with `PermissionDenied`.
    pub fn set_read_only(&self, on: bool) {
        self.faults().read_only = on;
    }

    /// Writes fail with `StorageFull` once `bytes` more bytes have been written in total.
    /// The write that runs out leaves its partly written file on disk, as a real full disk
    /// does.
    pub fn set_full_after_bytes(&self, bytes: u64) {
        self.faults().space_left = Some(bytes);
    }

    /// After `operations` more successful operations the root folder is deleted with
    /// everything in it, and every later operation under it fails with `NotFound`.
    pub fn remove_share_after(&self, operations: u64) {
        self.vanish_after(operations, Vanish::Removed);
    }

    /// After `operations` more successful operations every operation under the root fails
    /// with `NotFound`, but the files stay where they are (a dropped network connection).
    /// Calling it again reconnects a dropped share and starts a new count.
    pub fn disconnect_after(&self, operations: u64) {
        self.vanish_after(operations, Vanish::Disconnected);
    }

    /// Removing files fails with `PermissionDenied`, as on a share that grants create but
    /// not delete, or as if the app stopped before it could clean up.
    pub fn set_deny_removals(&self, on: bool) {
        self.faults().deny_removals = on;
    }

    /// Every read returns the file with one byte flipped.
    pub fn set_corrupt_reads(&self, on: bool) {
        self.faults().corrupt_reads = on;
    }

    /// Switches every fault off; a disconnected share is reachable again.
    pub fn clear_faults(&self) {
        *self.faults() = Faults::default();
    }

    /// Successful operations since the share was made, its faults were cleared or a
    /// vanishing fault was set: a test runs a clean delivery first to learn how many
    /// operations it takes, then pulls the share away between each of them.
    pub fn operations(&self) -> u64 {
        self.faults().succeeded
    }

    fn vanish_after(&self, operations: u64, how: Vanish) {
        let mut faults = self.faults();
        faults.vanish_after = Some((operations, how));
        faults.gone = false;
        faults.succeeded = 0;
    }

    fn faults(&self) -> MutexGuard<'_, Faults> {
        self.faults
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs the vanishing fault if its budget is spent, then fails when `path` is no
    /// longer reachable.
    fn reach(&self, faults: &mut Faults, path: &Path) -> io::Result<()> {
        if let Some((after, how)) = faults.vanish_after
            && !faults.gone
            && faults.succeeded >= after
        {
            faults.gone = true;
            if how == Vanish::Removed {
                let _ = fs::remove_dir_all(&self.root);
            }
        }
        if faults.gone && path.starts_with(&self.root) {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                "simulated: the shared drive has gone away",
            ));
        }
        Ok(())
    }

    /// Runs `op` on `path` with the reachability check before and the count after.
    fn run<T>(&self, path: &Path, op: impl FnOnce(&mut Faults) -> io::Result<T>) -> io::Result<T> {
        let mut faults = self.faults();
        self.reach(&mut faults, path)?;
        let result = op(&mut faults);
        if result.is_ok() {
            faults.succeeded += 1;
        }
        result
    }
}

fn denied() -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        "simulated: the shared drive is read-only",
    )
}

impl ShareFs for FaultyShare {
    fn is_dir(&self, path: &Path) -> bool {
        self.run(path, |_| {
            if self.inner.is_dir(path) {
                Ok(())
            } else {
                Err(io::Error::from(io::ErrorKind::NotFound))
            }
        })
        .is_ok()
    }

    fn create_dir(&self, path: &Path) -> io::Result<()> {
        self.run(path, |faults| {
            // A read-only share still lets you "create" a folder that is already there.
            if faults.read_only && !self.inner.is_dir(path) {
                return Err(denied());
            }
            self.inner.create_dir(path)
        })
    }

    fn write_new_synced(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        self.run(path, |faults| {
            if faults.read_only {
                return Err(denied());
            }
            match faults.space_left {
                Some(left) if (bytes.len() as u64) > left => {
                    let fits = usize::try_from(left).unwrap_or(usize::MAX).min(bytes.len());
                    self.inner.write_new_synced(path, &bytes[..fits])?;
                    faults.space_left = Some(0);
                    Err(io::Error::new(
                        io::ErrorKind::StorageFull,
                        "simulated: no space left on the shared drive",
                    ))
                }
                Some(left) => {
                    self.inner.write_new_synced(path, bytes)?;
                    faults.space_left = Some(left - bytes.len() as u64);
                    Ok(())
                }
                None => self.inner.write_new_synced(path, bytes),
            }
        })
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.run(from, |faults| {
            if faults.read_only {
                return Err(denied());
            }
            self.inner.rename(from, to)
        })
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.run(path, |faults| {
            let mut bytes = self.inner.read(path)?;
            if faults.corrupt_reads {
                match bytes.first_mut() {
                    Some(first) => *first ^= 0xFF,
                    None => bytes.push(0xFF),
                }
            }
            Ok(bytes)
        })
    }

    fn read_capped(&self, path: &Path, max: u64) -> io::Result<Vec<u8>> {
        self.run(path, |faults| {
            let mut bytes = self.inner.read_capped(path, max)?;
            if faults.corrupt_reads {
                match bytes.first_mut() {
                    Some(first) => *first ^= 0xFF,
                    None => bytes.push(0xFF),
                }
            }
            Ok(bytes)
        })
    }

    fn entry(&self, path: &Path) -> io::Result<Entry> {
        self.run(path, |_| self.inner.entry(path))
    }

    fn remove_file(&self, path: &Path) -> io::Result<()> {
        self.run(path, |faults| {
            if faults.read_only {
                return Err(denied());
            }
            if faults.deny_removals {
                return Err(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    "simulated: the shared drive refuses deletes",
                ));
            }
            self.inner.remove_file(path)
        })
    }

    fn list_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        self.run(path, |_| self.inner.list_dir(path))
    }

    fn sync_dir(&self, path: &Path) -> io::Result<()> {
        self.run(path, |_| self.inner.sync_dir(path))
    }
}
