//! Why a delivery to (or a read from) the shared drive failed: a kind the app branches on, a
//! plain-English reason a case worker can act on, and a detail naming the step and file. It
//! never holds file contents, only names, so errors can be logged.

use std::io;

use serde::Serialize;

/// What went wrong, as the outbox and the UI branch on it (never on message text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// The shared drive's folder is not there: not on the network, or the drive is not mapped.
    Unreachable,
    /// The share let Caseload look but not write.
    ReadOnly,
    /// The share ran out of space (or the worker's quota on it).
    Full,
    /// The share went away part-way through: it was there at the start, then was not.
    Interrupted,
    /// A file read back from the share did not match what was written.
    VerifyFailed,
    /// A name in the export is not safe to use as a folder or file name.
    Refused,
    /// Something on the share is not what Caseload expects where it reads or writes: a
    /// symbolic link, a file or a special file where a real folder or file should be.
    /// Nothing is read or written through it.
    Untrusted,
    /// Anything else the operating system reported.
    Other,
}

impl FailureKind {
    /// What happened and what to do, in words a case worker understands.
    pub fn reason(self) -> &'static str {
        match self {
            FailureKind::Unreachable => {
                "The shared drive cannot be reached. Check the laptop is connected to the \
                 council network and the drive is available; Caseload will try again."
            }
            FailureKind::ReadOnly => {
                "Caseload is not allowed to write to the shared drive. Ask IT to check your \
                 access to the folder; Caseload will try again."
            }
            FailureKind::Full => {
                "The shared drive is full. Ask IT to free space; Caseload will try again."
            }
            FailureKind::Interrupted => {
                "The connection to the shared drive was lost part-way through. Nothing \
                 half-written was left behind; Caseload will try again when the drive is back."
            }
            FailureKind::VerifyFailed => {
                "A file read back from the shared drive did not match what Caseload wrote, so \
                 it was removed. Caseload will try again; if this keeps happening, tell IT the \
                 drive may be faulty."
            }
            FailureKind::Refused => {
                "The export has a name Caseload will not use for a folder or file on the shared \
                 drive. Trying again will not help; report this to your system administrator."
            }
            FailureKind::Untrusted => {
                "Something on the shared drive is not what Caseload expects: a shortcut \
                 (symbolic link) or a special file where a real folder or file should be. \
                 Nothing was written through it. Ask IT to check the folder named here; \
                 Caseload will try again."
            }
            FailureKind::Other => {
                "Something unexpected went wrong with the shared drive. Caseload will try \
                 again; if this keeps happening, tell IT."
            }
        }
    }

    /// Whether delivering again later can succeed without anyone changing the export.
    pub fn worth_retrying(self) -> bool {
        !matches!(self, FailureKind::Refused)
    }

    /// The kind for an operating-system error raised after the share root was seen, so a
    /// missing path means the share went away rather than was never there.
    pub fn from_io(kind: io::ErrorKind) -> FailureKind {
        use io::ErrorKind as K;
        match kind {
            K::PermissionDenied | K::ReadOnlyFilesystem => FailureKind::ReadOnly,
            K::StorageFull | K::QuotaExceeded => FailureKind::Full,
            K::NotFound
            | K::NotConnected
            | K::ConnectionReset
            | K::ConnectionAborted
            | K::BrokenPipe
            | K::NetworkDown
            | K::NetworkUnreachable
            | K::HostUnreachable
            | K::StaleNetworkFileHandle
            | K::TimedOut => FailureKind::Interrupted,
            K::InvalidFilename => FailureKind::Refused,
            _ => FailureKind::Other,
        }
    }
}

/// A failed delivery or share read. `detail` names the step and the file, never its contents.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} ({detail})", .kind.reason())]
pub struct DeliveryError {
    pub kind: FailureKind,
    pub detail: String,
}

impl DeliveryError {
    pub(crate) fn new(kind: FailureKind, detail: impl Into<String>) -> Self {
        DeliveryError {
            kind,
            detail: detail.into(),
        }
    }

    /// `step` says what was being done, e.g. "writing attendance.csv".
    pub(crate) fn io(step: &str, err: &io::Error) -> Self {
        DeliveryError::new(FailureKind::from_io(err.kind()), format!("{step}: {err}"))
    }

    pub(crate) fn unreachable(root: &std::path::Path) -> Self {
        DeliveryError::new(
            FailureKind::Unreachable,
            format!("{} is not an existing folder", root.display()),
        )
    }
}
