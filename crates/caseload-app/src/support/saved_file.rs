//! Saving a document the worker hands to someone else (a TSM record, an evidence bundle, a
//! local copy of an export): to the path asked for, or into a folder, always under a name that
//! replaces no file (`stem (2).ext`… when the name is taken, even by a symlink).
//!
//! Invariants, because the folder may be shared or prepared by someone else:
//! - the bytes go first to a temporary file with an unpredictable name (`.<random hex>.partial`)
//!   in the same folder, created exclusively, so a file or symlink planted there is never opened
//!   or followed, and the temporary name never carries a pupil's name;
//! - it is flushed to disk, then given its final name by a hard link, which fails rather than
//!   replace anything at that name (a rename checked just before is the fallback where links
//!   are not supported), so a crash never leaves half a document under the final name;
//! - on Unix the document is created 0600 and a folder Caseload creates for it 0700; a folder
//!   that already exists is left as it is.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::context::Caseload;
use crate::data_dir;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedFile {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// The opaque token for `saved_file_open` / `saved_file_reveal`: the app remembers the
    /// path, so the UI never sends one back. Absent where nothing can open it (the CLI's report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub token: Option<String>,
}

/// Where a document goes: exactly this file (`path`, wins), into this folder (`dir`), or the
/// documents folder when neither is set. Only Rust builds one: the CLI from `--out`/`--dir`, the
/// desktop app from the save dialog the backend opens; no request from the webview carries one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Destination {
    pub path: Option<PathBuf>,
    pub dir: Option<PathBuf>,
}

impl Destination {
    /// The documents folder (or the one `CASELOAD_DOCUMENTS_DIR` fixes).
    pub fn documents_folder() -> Self {
        Destination::default()
    }

    /// Into `dir`, under a name that replaces no earlier copy.
    pub fn folder(dir: impl Into<PathBuf>) -> Self {
        Destination {
            path: None,
            dir: Some(dir.into()),
        }
    }

    /// Exactly this file (or `name (2).ext`… when it is taken).
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Destination {
            path: Some(path.into()),
            dir: None,
        }
    }
}

fn blank(value: Option<&Path>) -> Option<PathBuf> {
    value
        .filter(|v| !v.as_os_str().is_empty())
        .map(Path::to_path_buf)
}

/// `path` is the file being written or the folder being made.
fn save_failed(what: &str, path: &Path, e: std::io::Error) -> AppError {
    let message = match (e.kind(), path.parent()) {
        (std::io::ErrorKind::NotFound, Some(folder)) if !folder.as_os_str().is_empty() => format!(
            "The {what} could not be saved: the folder {} does not exist. Choose another folder",
            folder.display()
        ),
        _ => format!(
            "The {what} could not be saved to {}: {}. Choose another folder",
            path.display(),
            caseload_exchange::io_problem(&e)
        ),
    };
    AppError::File {
        message,
        path: path.display().to_string(),
    }
}

/// Whether something (a file, a folder, a symlink, dangling or not) is at `path`. A path that
/// cannot be looked at counts as free: creating the file there then fails with the real reason.
fn taken(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// `dir/stem.ext`, or `dir/stem (n).ext` for the `n`th copy.
fn numbered(dir: &Path, stem: &str, ext: &str, n: u32) -> PathBuf {
    let copy = if n == 1 {
        String::new()
    } else {
        format!(" ({n})")
    };
    if ext.is_empty() {
        dir.join(format!("{stem}{copy}"))
    } else {
        dir.join(format!("{stem}{copy}.{ext}"))
    }
}

/// A file name that says what it is and never replaces an earlier copy.
pub(crate) fn free_name(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    (1..)
        .map(|n| numbered(dir, stem, ext, n))
        .find(|path| !taken(path))
        .unwrap_or_else(|| dir.join(stem))
}

/// Creates a folder Caseload saves documents into, and any missing folders above it; on Unix
/// the folders it creates are private to the worker (0700). A folder that exists is unchanged.
pub(crate) fn create_folder(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

fn random_hex() -> std::io::Result<String> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes)
        .map_err(|e| std::io::Error::other(format!("no random name could be made: {e}")))?;
    Ok(hex::encode(bytes))
}

/// Creates a new file that no one else can have prepared: exclusive (a file or symlink already
/// at `path` makes it fail, it is never opened or followed) and, on Unix, readable by the
/// worker alone.
fn create_new(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// A temporary file beside the document, under a name no one can guess in advance.
fn temporary(dir: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    loop {
        let tmp = dir.join(format!(".{}.partial", random_hex()?));
        match create_new(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            // Sixty-four random bits collided with a file already there: draw again.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
}

/// Gives the finished temporary file its final name without replacing anything: the first of
/// `stem.ext`, `stem (2).ext`… free at the moment of linking.
fn put_in_place(tmp: &Path, dir: &Path, stem: &str, ext: &str) -> std::io::Result<PathBuf> {
    for n in 1.. {
        let path = numbered(dir, stem, ext, n);
        if taken(&path) {
            continue;
        }
        match std::fs::hard_link(tmp, &path) {
            Ok(()) => {
                // The document is in place under its final name; the temporary name is a
                // second link to the same bytes, and failing to remove it loses nothing.
                let _ = std::fs::remove_file(tmp);
                return Ok(path);
            }
            // Someone made this name since it was checked: take the next one.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            // A file system without hard links (FAT, some network shares): a rename, with the
            // name checked just before, is the best left without unsafe code.
            Err(_) if !taken(&path) => {
                std::fs::rename(tmp, &path)?;
                return Ok(path);
            }
            Err(_) => {}
        }
    }
    Err(std::io::Error::other("no free name for the document"))
}

/// Makes sure a rename or link in `dir` survives a power cut (best effort: not every system
/// can sync a folder, and the document itself is already on disk).
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Writes `bytes` as a new file in `dir` named `stem.ext` (or the first free `stem (n).ext`)
/// and answers the path it was written to. On failure no temporary file is knowingly left.
fn write_new(dir: &Path, stem: &str, ext: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let (tmp, mut f) = temporary(dir)?;
    let written = f
        .write_all(bytes)
        .and_then(|()| f.flush())
        .and_then(|()| f.sync_all());
    drop(f);
    let placed = written.and_then(|()| put_in_place(&tmp, dir, stem, ext));
    if placed.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    let path = placed?;
    sync_folder(dir);
    Ok(path)
}

/// The folder, stem and extension of a path the worker chose, so a taken name gets "(2)".
fn split(path: &Path) -> (PathBuf, String, String) {
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (dir, stem.to_string(), ext.to_string()),
        _ => (dir, name, String::new()),
    }
}

/// Saves `bytes` as the `what` ("record", "evidence bundle"); in a folder it is named
/// `stem.ext`, at a path the worker chose it takes that name; either way `(2)`, `(3)`… is added
/// when the name is taken, and the answer says where it went.
pub(crate) fn save(
    to: &Destination,
    what: &str,
    stem: &str,
    ext: &str,
    bytes: &[u8],
) -> Result<SavedFile, AppError> {
    let (dir, stem, ext) = match (blank(to.path.as_deref()), blank(to.dir.as_deref())) {
        (Some(path), _) => split(&path),
        (None, dir) => {
            let dir = dir.unwrap_or_else(data_dir::documents);
            create_folder(&dir).map_err(|e| save_failed(what, &dir, e))?;
            (dir, stem.to_string(), ext.to_string())
        }
    };
    let path = write_new(&dir, &stem, &ext, bytes)
        .map_err(|e| save_failed(what, &numbered(&dir, &stem, &ext, 1), e))?;
    Ok(SavedFile {
        path: path.display().to_string(),
        bytes: bytes.len() as u64,
        token: None,
    })
}

/// `save`, then remembers the file for this session so the worker can open it or show it in
/// its folder (by token).
pub(crate) fn save_remembered(
    cx: &Caseload,
    to: &Destination,
    what: &str,
    stem: &str,
    ext: &str,
    bytes: &[u8],
) -> Result<SavedFile, AppError> {
    let mut saved = save(to, what, stem, ext, bytes)?;
    saved.token = Some(cx.remember_saved(Path::new(&saved.path))?);
    Ok(saved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_into_a_folder_that_does_not_exist_says_so_in_plain_words() {
        let dir = tempfile::tempdir().expect("dir");
        let folder = dir.path().join("no-such-folder");
        let target = folder.join("record.pdf");
        let e = save(
            &Destination::file(&target),
            "record",
            "record",
            "pdf",
            b"%PDF",
        )
        .expect_err("no folder");
        let AppError::File { message, path } = e else {
            panic!("a file error expected, got {e:?}")
        };
        assert_eq!(
            message,
            format!(
                "The record could not be saved: the folder {} does not exist. Choose another folder",
                folder.display()
            )
        );
        assert_eq!(path, target.display().to_string());
    }

    #[test]
    fn a_chosen_path_is_split_so_a_second_copy_is_numbered_before_its_extension() {
        let parts = |p: &str| {
            let (dir, stem, ext) = split(Path::new(p));
            numbered(&dir, &stem, &ext, 2)
        };
        assert_eq!(
            parts("/out/TSM record.v1.pdf"),
            Path::new("/out/TSM record.v1 (2).pdf")
        );
        assert_eq!(parts("report"), Path::new("report (2)"));
        assert_eq!(parts("out/.hidden"), Path::new("out/.hidden (2)"));
    }
}
