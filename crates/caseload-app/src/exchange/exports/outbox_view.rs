//! The outbox as the Exports screen and `caseload outbox list` show it: every export queued,
//! failed or delivered, newest first, with the shared-drive folder it goes to.

use caseload_store::Store;
use caseload_store::outbox::{self, OutboxEntry};

use super::{kind_label, parse_kind};
use crate::context::Caseload;
use crate::error::AppError;
use crate::exchange::share;
use crate::exchange::{OutboxFileView, OutboxItem, OutboxStatus, OutboxView};

pub(crate) fn item(e: OutboxEntry) -> OutboxItem {
    let kind_label = parse_kind(&e.kind).map_or("Export", kind_label).to_string();
    OutboxItem {
        kind_label,
        status: match e.status {
            outbox::OutboxStatus::Queued => OutboxStatus::Queued,
            outbox::OutboxStatus::Failed => OutboxStatus::Failed,
            outbox::OutboxStatus::Delivered => OutboxStatus::Delivered,
        },
        from: e.period_from.map(|d| d.to_string()),
        to: e.period_to.map(|d| d.to_string()),
        created_at: e.created_at.to_rfc3339(),
        last_attempt_at: e.last_attempt_at.map(|t| t.to_rfc3339()),
        next_attempt_at: e.next_attempt_at.map(|t| t.to_rfc3339()),
        delivered_at: e.delivered_at.map(|t| t.to_rfc3339()),
        files: e
            .files
            .into_iter()
            .map(|(name, bytes, _)| OutboxFileView {
                name,
                bytes: u32::try_from(bytes).unwrap_or(u32::MAX),
            })
            .collect(),
        export_id: e.export_id.clone(),
        kind: e.kind,
        formats: e.formats,
        identifiable_reason: e.identifiable_reason,
        attempts: e.attempts,
        failure_reason: e.failure_reason,
        delivered_folder: e.delivered_folder,
    }
}

fn outbox_view(store: &Store) -> Result<OutboxView, AppError> {
    let items: Vec<OutboxItem> = outbox::list(&store.read())?.into_iter().map(item).collect();
    let count = |s: OutboxStatus| items.iter().filter(|i| i.status == s).count() as u32;
    Ok(OutboxView {
        share_folder: share::load(store)?.folder,
        queued: count(OutboxStatus::Queued),
        failed: count(OutboxStatus::Failed),
        delivered: count(OutboxStatus::Delivered),
        items,
    })
}

pub fn outbox_list(cx: &Caseload, _: ()) -> Result<OutboxView, AppError> {
    cx.with_store(|store| outbox_view(store))
}
