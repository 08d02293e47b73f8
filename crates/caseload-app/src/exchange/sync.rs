//! Sync with the council's shared drive: deliver every due export in the outbox (temporary
//! name, flush, rename, re-read and hash check, manifest last — see `caseload_exchange::share`)
//! and take in what the council left in this worker's inbox. A failed delivery is retried with
//! back-off; a delivery already made is never made twice.

use std::path::Path;
use std::sync::Mutex;

use std::collections::HashSet;

use caseload_exchange::share::{
    Delivery, DeliveryError, DeliveryFile, FailureKind, InboxKind, InboxStamp, RealShare, Receipt,
    ShareFs, deliver, inbox_scan,
};
use caseload_exchange::summary::SCHEMA_VERSION;
use caseload_store::outbox::{self, OutboxEntry};
use caseload_store::{Action, Store, inbox as inbox_store};
use chrono::{DateTime, Duration, Utc};

use super::inbox::take_inbox_file;
use super::share::require;
use crate::context::Caseload;
use crate::error::AppError;
use crate::exchange::{ShareSettings, SyncReport, SyncRequest};
use caseload_domain::{Field, FieldErrors};

/// One minute after the first failure, doubling to at most an hour.
pub(crate) fn back_off(attempts: u32) -> Duration {
    Duration::minutes(1i64 << attempts.min(6)).min(Duration::hours(1))
}

pub fn sync(cx: &Caseload, req: SyncRequest) -> Result<SyncReport, AppError> {
    sync_using(cx, &RealShare, req, None)
}

/// [`sync`] to `share` instead of the folder in the settings (the CLI's `--share`; not a
/// command the webview can call).
pub fn sync_to(
    cx: &Caseload,
    req: SyncRequest,
    share: Option<&str>,
) -> Result<SyncReport, AppError> {
    sync_using(cx, &RealShare, req, share)
}

/// One sync at a time in this process (the app's timer and "Send now" may meet).
static SYNCING: Mutex<()> = Mutex::new(());

fn share_folder(settings: &ShareSettings, share: Option<&str>) -> Result<String, AppError> {
    let folder = share
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(settings.folder.as_str());
    if folder.is_empty() {
        return Err(AppError::validation(FieldErrors::single(
            Field::ShareFolder,
            "Set the shared drive folder in Settings → Shared drive first",
        )));
    }
    if let Some(problem) = super::share::folder_problem(folder) {
        return Err(AppError::validation(FieldErrors::single(
            Field::ShareFolder,
            problem,
        )));
    }
    Ok(folder.to_string())
}

/// How long a sync waits for another one of the same caseload to finish.
const SYNC_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// One sync at a time per caseload across processes (the app and the CLI, or two CLI runs):
/// the operating system's lock on `sync.lock` in the data folder, released however the
/// holder ends, so a killed sync never leaves it held. Without it two syncs would deliver the
/// same exports side by side and race to record them; with it the second waits, then finds
/// them delivered. A sync still running after [`SYNC_WAIT`] (a share that hangs) is named.
fn sync_lock(data_dir: &Path) -> Result<std::fs::File, AppError> {
    let path = data_dir.join("sync.lock");
    let unusable = |e: std::io::Error| AppError::Storage {
        message: format!(
            "The sync lock file {} could not be used: {}",
            path.display(),
            caseload_exchange::io_problem(&e)
        ),
    };
    let file = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(unusable)?;
    let started = std::time::Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < SYNC_WAIT => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(AppError::InUse {
                    message: "Another sync of this caseload (in the app or a `caseload sync`) \
                              is still running: wait for it to finish, then sync again"
                        .into(),
                });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(unusable(e)),
        }
    }
}

fn delivery(store: &Store, e: &OutboxEntry, s: &ShareSettings) -> Result<Delivery, AppError> {
    Ok(Delivery {
        export_id: e.export_id.clone(),
        kind: e.kind.clone(),
        worker_id: s.worker_id.to_string(),
        team: s.team.clone(),
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        schema_version: SCHEMA_VERSION,
        created_at: e.created_at.to_rfc3339(),
        files: outbox::files(&store.read(), &e.export_id)?
            .into_iter()
            .map(|f| DeliveryFile {
                name: f.name,
                format: f.format,
                rows: f.rows,
                bytes: f.bytes,
            })
            .collect(),
    })
}

/// [`sync`] through any [`ShareFs`]: tests pass one that fails on cue. The caseload is locked
/// only to read what to deliver and to record what happened, never while the share is written
/// or read, so a share that hangs does not stop the worker using the app.
#[doc(hidden)]
pub fn sync_using(
    cx: &Caseload,
    fs: &dyn ShareFs,
    req: SyncRequest,
    share: Option<&str>,
) -> Result<SyncReport, AppError> {
    let _one = SYNCING.lock().unwrap_or_else(|e| e.into_inner());
    let _only = sync_lock(cx.data_dir())?;
    let now = Utc::now();
    let (settings, folder, work, known) = cx.with_store(|store| {
        let settings = require(store)?;
        let known = known_stamps(store)?;
        let folder = share_folder(&settings, share)?;
        let due_at = req.due_only.unwrap_or(false).then_some(now);
        let work = outbox::pending(&store.read(), due_at)?
            .into_iter()
            .map(|entry| {
                let d = delivery(store, &entry, &settings)?;
                Ok((entry, d))
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        Ok((settings, folder, work, known))
    })?;
    let root = Path::new(&folder);
    let reachable = fs.is_dir(root);
    let outcomes: Vec<(OutboxEntry, Result<Receipt, DeliveryError>)> = work
        .into_iter()
        .map(|(entry, d)| {
            let outcome = deliver(fs, root, &d);
            (entry, outcome)
        })
        .collect();
    let inbox_files = reachable.then(|| inbox_scan(fs, root, &settings.worker_id, &known));
    // The newest backup leaves the laptop whenever the share can be reached.
    let backup_shared = reachable
        .then(|| crate::backup::share_latest(cx.data_dir(), fs, root, &settings.worker_id));
    cx.with_store(|store| {
        let mut report = SyncReport {
            share_folder: folder.clone(),
            share_reachable: reachable,
            delivered: 0,
            failed: 0,
            inbox_taken: 0,
            inbox_refused: 0,
            conflicts_open: 0,
            proposals_open: 0,
            messages: Vec::new(),
        };
        for (entry, outcome) in &outcomes {
            record_outcome(store, entry, outcome, root, now, &mut report)?;
        }
        match inbox_files {
            Some(Ok(scan)) => {
                // Links, pipes, oversized files and files that changed while read: named
                // (escaped), never read or stored.
                for refusal in &scan.refused {
                    report.inbox_refused += 1;
                    report.messages.push(refusal.message());
                }
                for file in scan.files {
                    if let Some(earlier) = inbox_store::seen(&store.read(), &file.sha256)? {
                        // The same bytes under a new name, time or folder: remember the stamp
                        // so they are not read again, and say where they came from before
                        // (unless it is the very same file touched again).
                        store.write(Action::InboxTake, |w| {
                            w.audit_detail(&format!(
                                "{}: contents already seen",
                                file.kind.folder()
                            ));
                            set_stamp(w, &file.stamp)
                        })?;
                        if (earlier.kind.as_str(), earlier.file_name.as_str())
                            != (file.kind.folder(), file.name.as_str())
                        {
                            report.messages.push(already_seen(&file, &earlier));
                        }
                        continue;
                    }
                    let outcome = take_inbox_file(store, &file, now)?;
                    if outcome.taken {
                        report.inbox_taken += 1;
                    } else {
                        report.inbox_refused += 1;
                    }
                    report.messages.push(outcome.message);
                }
            }
            Some(Err(e)) => report.messages.push(e.kind.reason().to_string()),
            None if report.failed == 0 => report
                .messages
                .push(FailureKind::Unreachable.reason().to_string()),
            None => {}
        }
        match backup_shared {
            Some(Ok(Some(_))) => report
                .messages
                .push("Your latest backup was copied to the shared drive".to_string()),
            Some(Err(e)) => report.messages.push(format!(
                "Your latest backup could not be copied to the shared drive: {}",
                e.kind.reason()
            )),
            _ => {}
        }
        report.conflicts_open = inbox_store::open_conflicts(&store.read())?.len() as u32;
        report.proposals_open = inbox_store::open_proposals(&store.read())?.len() as u32;
        // Delivered bytes older than the retention rule's days leave the database.
        crate::retention::purge_delivered_exports(store, now)?;
        Ok(report)
    })
}

/// "<folder>/<name>: not taken again: the same contents were already imported from
/// <folder>/<name>" (or "refused as", when they were refused).
fn already_seen(
    file: &caseload_exchange::share::InboxFile,
    earlier: &inbox_store::InboxRecord,
) -> String {
    let how = if earlier.outcome == "taken" {
        "already imported from"
    } else {
        "already refused as"
    };
    format!(
        "{}/{}: not taken again: the same contents were {how} {}/{}",
        file.kind.folder(),
        file.name,
        earlier.kind,
        earlier.file_name
    )
}

/// The stamps (escaped name, size, time) of the inbox files already read.
fn known_stamps(store: &Store) -> Result<HashSet<InboxStamp>, AppError> {
    Ok(inbox_store::stamps(&store.read())?
        .into_iter()
        .filter_map(|(kind, name, size, modified_ns)| {
            let kind = match kind.as_str() {
                "allocations" => InboxKind::Allocations,
                "attendance" => InboxKind::Attendance,
                _ => return None,
            };
            Some(InboxStamp {
                kind,
                name,
                size,
                modified_ns,
            })
        })
        .collect())
}

/// Remembers that an inbox file was read at this name, size and time.
pub(crate) fn set_stamp(
    w: &caseload_store::Writer<'_>,
    stamp: &InboxStamp,
) -> Result<(), caseload_store::StoreError> {
    inbox_store::set_stamp(
        w,
        stamp.kind.folder(),
        &stamp.name,
        stamp.size,
        stamp.modified_ns,
    )
}

/// Marks one export delivered, or failed with its reason and the time of the next try.
fn record_outcome(
    store: &mut Store,
    entry: &OutboxEntry,
    outcome: &Result<Receipt, DeliveryError>,
    root: &Path,
    now: DateTime<Utc>,
    report: &mut SyncReport,
) -> Result<(), AppError> {
    match outcome {
        Ok(receipt) => {
            let relative = receipt
                .folder
                .strip_prefix(root)
                .unwrap_or(&receipt.folder)
                .display()
                .to_string();
            store.write(Action::ExportDelivery, |w| {
                w.audit_entity("export", entry.export_id.as_str());
                w.audit_detail("delivered");
                outbox::mark_delivered(w, &entry.export_id, now, &relative)
            })?;
            report.delivered += 1;
        }
        // The detail may name paths on the share; only the plain reason is stored.
        Err(DeliveryError { kind, detail }) => {
            let next = now + back_off(entry.attempts);
            let reason = kind.reason().to_string();
            // Which folder is not a real folder: Caseload's own folder names, escaped.
            let shown = if *kind == FailureKind::Untrusted {
                format!("{reason} ({detail})")
            } else {
                reason.clone()
            };
            store.write(Action::ExportDelivery, |w| {
                w.audit_entity("export", entry.export_id.as_str());
                w.audit_detail(&format!("failed: {}", kind_name(*kind)));
                outbox::mark_failed(w, &entry.export_id, now, next, kind_name(*kind), &reason)
            })?;
            report.failed += 1;
            if !report.messages.contains(&shown) {
                report.messages.push(shown);
            }
        }
    }
    Ok(())
}

fn kind_name(kind: FailureKind) -> &'static str {
    match kind {
        FailureKind::Unreachable => "unreachable",
        FailureKind::ReadOnly => "read_only",
        FailureKind::Full => "full",
        FailureKind::Interrupted => "interrupted",
        FailureKind::VerifyFailed => "verify_failed",
        FailureKind::Refused => "refused",
        FailureKind::Untrusted => "untrusted",
        FailureKind::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_from_a_minute_to_at_most_an_hour() {
        assert_eq!(back_off(0), Duration::minutes(1));
        assert_eq!(back_off(1), Duration::minutes(2));
        assert_eq!(back_off(5), Duration::minutes(32));
        assert_eq!(back_off(6), Duration::hours(1));
        assert_eq!(back_off(30), Duration::hours(1));
    }
}
