//! The newest backup's copy on the shared drive, so a backup leaves the laptop. Copies only
//! backups made here, verified and still present; it never makes or deletes one.

use std::fs;
use std::path::Path;

use caseload_exchange::share::{DeliveryError, FailureKind, ShareFs, deliver_backup};

use super::index;

/// Copies the newest backup made here to `<share>/caseload/backups/<worker>/` if it is not there
/// yet (same safe delivery as exports: temp name, sync, rename, read back), and notes where in
/// `backups.json`. Returns its path on the share when it copied it now.
pub(crate) fn share_latest(
    data_dir: &Path,
    fs: &dyn ShareFs,
    share_root: &Path,
    worker_id: &str,
) -> Result<Option<String>, DeliveryError> {
    let mut list = index::read(data_dir);
    let Some(latest) = list
        .backups
        .iter_mut()
        .filter(|b| !b.restored_from && b.verified && Path::new(&b.path).is_file())
        .max_by_key(|b| b.created_at)
    else {
        return Ok(None);
    };
    if latest.shared_to.is_some() {
        return Ok(None);
    }
    let bytes = fs::read(&latest.path).map_err(|e| DeliveryError {
        kind: FailureKind::Other,
        detail: format!("reading the backup: {e}"),
    })?;
    let name = Path::new(&latest.path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let target = deliver_backup(fs, share_root, worker_id, &name, &bytes)?;
    let shared = target.display().to_string();
    latest.shared_to = Some(shared.clone());
    index::write(data_dir, &list).map_err(|e| DeliveryError {
        kind: FailureKind::Other,
        detail: e.to_string(),
    })?;
    Ok(Some(shared))
}
