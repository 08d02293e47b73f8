//! Exchange with the council: exports (queued in the outbox or saved as a local copy), the
//! shared-drive settings, sync (delivery and the inbox) and the inbox's conflicts, with their
//! request/response types (`types`).

mod exports;
mod inbox;
pub(crate) mod share;
mod sync;
mod types;

pub use exports::{export_preview, export_queue, export_save, export_save_to, outbox_list};
pub use inbox::{
    inbox_conflict_resolve, inbox_get, inbox_proposal_accept, inbox_proposal_refuse,
    inbox_proposals_accept_all,
};
pub use share::{share_folder_choose, share_settings_get, share_settings_save, share_settings_set};
pub use sync::{sync, sync_to, sync_using};
pub use types::{
    ConflictChoice, ConflictResolveRequest, ConflictView, ExportPreview, ExportRequest,
    ExportSaveRequest, ExportSaved, FreeTextRow, IdentifiableReason, InboxFileView, InboxView,
    OutboxFileView, OutboxItem, OutboxStatus, OutboxView, ProposalChangeView,
    ProposalDecideRequest, ProposalView, ShareSettings, ShareSettingsRequest, ShareSettingsSaved,
    SyncReport, SyncRequest,
};
