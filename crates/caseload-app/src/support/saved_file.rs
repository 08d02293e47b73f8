//! Saving a document the worker hands to someone else (a TSM record, an evidence bundle): to
//! exactly the path asked for, or into a folder under a name that never replaces an earlier
//! copy. Written under a temporary name, flushed to disk and renamed, so a crash never leaves
//! a half-written document under the final name.

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

/// Where the worker asked for the file: `path` wins, then `dir`, then the documents folder.
pub(crate) struct Destination<'a> {
    pub path: Option<&'a str>,
    pub dir: Option<&'a str>,
}

fn blank(value: Option<&str>) -> Option<PathBuf> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
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

/// A file name that says what it is and never replaces an earlier copy.
pub(crate) fn free_name(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem} ({n}).{ext}")
        };
        let path = dir.join(name);
        if !path.exists() {
            return path;
        }
        n += 1;
    }
}

fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("partial");
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&tmp, path)
}

/// Saves `bytes` as the `what` ("record", "evidence bundle"); in a folder it is named
/// `stem.ext` (or `stem (2).ext`…).
pub(crate) fn save(
    to: Destination<'_>,
    what: &str,
    stem: &str,
    ext: &str,
    bytes: &[u8],
) -> Result<SavedFile, AppError> {
    let path = match (blank(to.path), blank(to.dir)) {
        (Some(path), _) => path,
        (None, dir) => {
            let dir = dir.unwrap_or_else(data_dir::documents);
            std::fs::create_dir_all(&dir).map_err(|e| save_failed(what, &dir, e))?;
            free_name(&dir, stem, ext)
        }
    };
    write_whole(&path, bytes).map_err(|e| save_failed(what, &path, e))?;
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
    to: Destination<'_>,
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
            Destination {
                path: Some(&target.display().to_string()),
                dir: None,
            },
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
}
