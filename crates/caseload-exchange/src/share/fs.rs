//! The few file operations delivery needs from the shared drive, behind a trait so tests can
//! inject a share that is read-only, full, pulled away or lying. It holds no policy: what to
//! write where, and in which order, is `deliver`'s business.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// File operations on the shared drive. Implementations must not create anything the caller
/// did not ask for; in particular nothing here creates the share root on its own.
pub trait ShareFs {
    /// Whether `path` is an existing directory (following links). Errors read as `false`.
    fn is_dir(&self, path: &Path) -> bool;
    /// Creates the one directory `path`, whose parent must already exist; an existing
    /// directory is not an error. Never creates parents, so a share root that vanished cannot
    /// be brought back as an empty local folder by a write below it.
    fn create_dir(&self, path: &Path) -> io::Result<()>;
    /// Creates `path`, failing if it exists, writes all of `bytes` and syncs it to the device.
    fn write_new_synced(&self, path: &Path, bytes: &[u8]) -> io::Result<()>;
    /// Renames `from` to `to` in one step, replacing `to` if it exists.
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// The whole contents of the file at `path`.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// Removes the file at `path`.
    fn remove_file(&self, path: &Path) -> io::Result<()>;
    /// The paths of the files and directories directly inside `path`, sorted.
    fn list_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>>;
    /// Syncs the directory itself so a rename inside it survives a power cut. Best effort:
    /// platforms that cannot do this return `Ok`.
    fn sync_dir(&self, path: &Path) -> io::Result<()>;
}

/// The real file system, through `std::fs`.
#[derive(Debug, Clone, Copy, Default)]
pub struct RealShare;

impl ShareFs for RealShare {
    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }

    fn create_dir(&self, path: &Path) -> io::Result<()> {
        match fs::create_dir(path) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && path.is_dir() => Ok(()),
            other => other,
        }
    }

    fn write_new_synced(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
        file.write_all(bytes)?;
        file.sync_all()
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        fs::read(path)
    }

    fn remove_file(&self, path: &Path) -> io::Result<()> {
        fs::remove_file(path)
    }

    fn list_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        let mut paths = fs::read_dir(path)?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<io::Result<Vec<_>>>()?;
        paths.sort();
        Ok(paths)
    }

    #[cfg(unix)]
    fn sync_dir(&self, path: &Path) -> io::Result<()> {
        fs::File::open(path)?.sync_all()
    }

    // Windows cannot open a directory as a file without extra flags, and its file systems
    // (NTFS, SMB) journal renames themselves.
    #[cfg(not(unix))]
    fn sync_dir(&self, _path: &Path) -> io::Result<()> {
        Ok(())
    }
}
