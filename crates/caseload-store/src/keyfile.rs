//! The key file beside the database: the wrapped database key and its Argon2id parameters, as
//! JSON. Replaced atomically (write a temporary file, flush it, rename over) so a crash never
//! leaves a half-written key file and with it an unopenable caseload.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::StoreError;
use crate::key::WrappedKey;

pub(crate) fn read(path: &Path) -> Result<WrappedKey, StoreError> {
    let bytes = fs::read(path).map_err(|e| StoreError::io(path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| StoreError::DamagedKeyFile {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}

pub(crate) fn write_atomically(path: &Path, key: &WrappedKey) -> Result<(), StoreError> {
    let json = serde_json::to_vec_pretty(key).map_err(|e| StoreError::DamagedKeyFile {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    write_bytes_atomically(path, &json)
}

/// Replaces the file at `path` with `bytes`: a temporary file beside it, flushed, renamed over.
pub(crate) fn write_bytes_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let tmp = temporary_path(path);
    let result = (|| {
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)?;
        sync_parent(path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(|e| StoreError::io(path, e))
}

fn temporary_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".tmp");
    path.with_file_name(name)
}

/// Makes the rename durable. Directories cannot be opened for syncing on Windows; there the
/// rename is already durable once `MoveFileEx` returns, so failure to open is not an error.
fn sync_parent(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent().and_then(|parent| File::open(parent).ok()) {
        let _ = dir.sync_all();
    }
    Ok(())
}
