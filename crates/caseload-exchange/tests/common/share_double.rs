//! Test doubles for the shared drive: the real file system with one or two operations changed
//! (a share unmounted after the check, a file that grows while it is read, a file swapped for a
//! pipe). A double implements [`Changes`], overriding only what it changes, and is used as
//! `Changed(double)`. Also what a folder on the share holds, by name.

use std::io;
use std::path::{Path, PathBuf};

use caseload_exchange::share::{Entry, RealShare, ShareFs};

/// What a double changes; every operation it does not override is the real file system's.
pub trait Changes {
    fn is_dir(&self, path: &Path) -> bool {
        RealShare.is_dir(path)
    }
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        RealShare.read(path)
    }
    fn read_capped(&self, path: &Path, max: u64) -> io::Result<Vec<u8>> {
        RealShare.read_capped(path, max)
    }
    fn entry(&self, path: &Path) -> io::Result<Entry> {
        RealShare.entry(path)
    }
}

/// The real share with `T`'s changes.
pub struct Changed<T>(pub T);

impl<T: Changes> ShareFs for Changed<T> {
    fn is_dir(&self, path: &Path) -> bool {
        self.0.is_dir(path)
    }
    fn create_dir(&self, path: &Path) -> io::Result<()> {
        RealShare.create_dir(path)
    }
    fn write_new_synced(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        RealShare.write_new_synced(path, bytes)
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        RealShare.rename(from, to)
    }
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.0.read(path)
    }
    fn read_capped(&self, path: &Path, max: u64) -> io::Result<Vec<u8>> {
        self.0.read_capped(path, max)
    }
    fn entry(&self, path: &Path) -> io::Result<Entry> {
        self.0.entry(path)
    }
    fn remove_file(&self, path: &Path) -> io::Result<()> {
        RealShare.remove_file(path)
    }
    fn list_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        RealShare.list_dir(path)
    }
    fn sync_dir(&self, path: &Path) -> io::Result<()> {
        RealShare.sync_dir(path)
    }
}

/// The names in `dir`, sorted; none when it is missing.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}
