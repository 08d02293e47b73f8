//! The few file operations delivery needs from the shared drive, behind a trait so tests can
//! inject a share that is read-only, full, pulled away or lying. It holds no policy: what to
//! write where, and in which order, is `deliver`'s business.

use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// What is at a path on the share, seen without following a symbolic link (`lstat`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    File,
    Dir,
    /// A symbolic link (or a Windows reparse point shown as one): never followed.
    Symlink,
    /// A pipe, device, socket or anything else that is not a plain file or folder: never
    /// opened (opening a pipe would wait for ever).
    Other,
}

impl EntryKind {
    /// Why Caseload will not read or write through an entry of this kind, or `None` for a
    /// plain file or folder.
    pub fn refusal(self) -> Option<&'static str> {
        match self {
            EntryKind::File | EntryKind::Dir => None,
            EntryKind::Symlink => Some("is a symbolic link"),
            EntryKind::Other => Some("is not a regular file (a pipe, device or socket)"),
        }
    }
}

/// An entry's kind, size and modification time as `lstat` gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Entry {
    pub kind: EntryKind,
    pub size: u64,
    /// Nanoseconds since 1970 (UTC), or 0 when the file system does not say.
    pub modified_ns: i64,
}

impl Entry {
    fn of(meta: &fs::Metadata) -> Entry {
        let t = meta.file_type();
        let kind = if t.is_symlink() {
            EntryKind::Symlink
        } else if t.is_dir() {
            EntryKind::Dir
        } else if t.is_file() {
            EntryKind::File
        } else {
            EntryKind::Other
        };
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
            .and_then(|d| i64::try_from(d.as_nanos()).ok())
            .unwrap_or(0);
        Entry {
            kind,
            size: meta.len(),
            modified_ns,
        }
    }
}

/// The error a read returns for something that is not a plain file: a symbolic link, a
/// pipe, a device. [`refused_entry`] tells it apart from other errors.
#[derive(Debug)]
struct NotAFile(EntryKind);

impl std::fmt::Display for NotAFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.refusal().unwrap_or("is not a regular file"))
    }
}

impl std::error::Error for NotAFile {}

/// An error meaning "this is not a plain file, so it was not opened", for `kind`.
pub fn not_a_file(kind: EntryKind) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, NotAFile(kind))
}

/// Why a read was refused because of what the path is (a symbolic link, a pipe…), or `None`
/// for any other error.
pub fn refused_entry(e: &io::Error) -> Option<&'static str> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<NotAFile>())
        .map(|n| n.0.refusal().unwrap_or("is not a regular file"))
}

/// `lstat` through `std::fs`: what is at `path`, never following a symbolic link.
pub fn real_entry(path: &Path) -> io::Result<Entry> {
    fs::symlink_metadata(path).map(|m| Entry::of(&m))
}

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
    /// The whole contents of the plain file at `path`. A symbolic link, a pipe, a device or
    /// anything else that is not a plain file is refused (see [`refused_entry`]), never
    /// followed or opened.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// Like [`ShareFs::read`], but reads at most `max + 1` bytes, so a file that grew past a
    /// limit after it was looked at cannot make Caseload read gigabytes.
    fn read_capped(&self, path: &Path, max: u64) -> io::Result<Vec<u8>> {
        let mut bytes = self.read(path)?;
        bytes.truncate(usize::try_from(max.saturating_add(1)).unwrap_or(usize::MAX));
        Ok(bytes)
    }
    /// What is at `path`, without following a symbolic link (`lstat`).
    fn entry(&self, path: &Path) -> io::Result<Entry> {
        real_entry(path)
    }
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
        read_plain(path, None)
    }

    fn read_capped(&self, path: &Path, max: u64) -> io::Result<Vec<u8>> {
        read_plain(path, Some(max))
    }

    fn entry(&self, path: &Path) -> io::Result<Entry> {
        real_entry(path)
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

/// Reads the plain file at `path` without following a symbolic link or opening anything else:
/// `lstat` first, then an open that refuses a link (`O_NOFOLLOW`) and never waits on a pipe
/// (`O_NONBLOCK`), then a check that what was opened is the very file `lstat` saw, so a
/// swap between the two is caught. With `max`, reads at most `max + 1` bytes.
fn read_plain(path: &Path, max: Option<u64>) -> io::Result<Vec<u8>> {
    let before = fs::symlink_metadata(path)?;
    let kind = Entry::of(&before).kind;
    if kind != EntryKind::File {
        return Err(not_a_file(kind));
    }
    let file = open_no_follow(path)?;
    let opened = file.metadata()?;
    if !opened.is_file() || !same_file(&before, &opened) {
        return Err(not_a_file(EntryKind::Other));
    }
    let limit = max.map_or(u64::MAX, |m| m.saturating_add(1));
    let mut bytes = Vec::with_capacity(usize::try_from(opened.len().min(limit)).unwrap_or(0));
    file.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    match OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
    {
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => Err(not_a_file(EntryKind::Symlink)),
        other => other,
    }
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    fs::File::open(path)
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

// Windows has no stable file id in `std`; the open above does not follow a link that `lstat`
// did not show, and the size must still agree.
#[cfg(not(unix))]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    a.len() == b.len()
}
