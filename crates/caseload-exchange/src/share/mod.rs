//! The council's shared drive: delivering exports to it safely and reading its inbox.
//! Delivery guarantees no partial file under a final name, no duplicates, nothing lost, and
//! that delivering the same export id again changes nothing. Nothing here creates the share
//! root or decides when to try again; the outbox in the app crate owns retries.

mod deliver;
mod error;
mod faults;
mod fs;
mod inbox;
mod manifest;
mod names;
mod trust;

pub use deliver::{Delivery, DeliveryFile, Receipt, STALE_TEMP_AFTER, deliver, deliver_backup};
pub use error::{DeliveryError, FailureKind};
pub use faults::FaultyShare;
pub use fs::{Entry, EntryKind, RealShare, ShareFs, not_a_file, real_entry, refused_entry};
pub use inbox::{
    InboxFile, InboxKind, InboxRefusal, InboxScan, InboxStamp, MAX_INBOX_FILE_BYTES, inbox,
    inbox_scan,
};
pub use manifest::{
    MANIFEST_NAME, MANIFEST_SCHEMA, MANIFEST_SCHEMA_VERSION, Manifest, ManifestError, ManifestFile,
    sha256_hex,
};
pub use names::escape_name;
pub use trust::{Rejected, TrustReport, TrustedFile, trusted_files};
