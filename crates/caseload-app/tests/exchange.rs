//! Export and sync to the council's shared drive, end to end through the use cases: a flaky
//! share (missing, read-only, full, removed mid-delivery) never shows a partial file under a
//! final name, never gets a duplicate and gets everything once it is back; three workers'
//! deliveries add up in the team report and a tampered file is left out.

mod common;

use common::share::{demo, files_under, queue, worker};

use std::path::{Path, PathBuf};

use caseload_app::exchange::{SyncReport, SyncRequest};
use caseload_app::reports::FunnelRequest;
use caseload_app::{Caseload, exchange, reports};
use caseload_exchange::aggregate::aggregate;
use caseload_exchange::share::{FaultyShare, RealShare, sha256_hex};
use caseload_exchange::summary::Cell;

fn sync_via(cx: &Caseload, fs: &FaultyShare) -> SyncReport {
    exchange::sync_using(cx, fs, SyncRequest::default(), None).expect("sync runs")
}

/// No file under a final name differs from what the outbox queued: every visible non-temp
/// file is one of the queued files, byte for byte, or a manifest listing only present files.
fn assert_nothing_partial(root: &Path, queued: &[(String, String)]) {
    for rel in files_under(root) {
        let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.starts_with('.') {
            continue; // a temporary name: never read by anyone
        }
        let bytes = std::fs::read(root.join(&rel)).expect("read");
        if name == "manifest.json" {
            let m: serde_json::Value = serde_json::from_slice(&bytes).expect("a manifest is whole");
            for f in m["files"].as_array().expect("files") {
                let listed = root
                    .join(rel.parent().expect("dir"))
                    .join(f["name"].as_str().expect("name"));
                assert!(listed.exists(), "manifest lists a missing file {listed:?}");
            }
            continue;
        }
        let hash = sha256_hex(&bytes);
        assert!(
            queued.iter().any(|(n, h)| n == name && *h == hash),
            "{rel:?} is visible under its final name but is not the queued file"
        );
    }
}

fn queued_files(cx: &Caseload) -> Vec<(String, String)> {
    cx.probe_store(|store| {
        let r = store.read();
        let mut all = Vec::new();
        for e in caseload_store::outbox::list(&r).expect("list") {
            for f in caseload_store::outbox::files(&r, &e.export_id).expect("files") {
                all.push((f.name, f.sha256));
            }
        }
        all
    })
    .expect("unlocked")
}

#[test]
fn a_flaky_share_never_shows_a_partial_file_never_duplicates_and_gets_everything_once_back() {
    let (_dir, cx) = demo(3);
    let share_parent = tempfile::tempdir().expect("tmp");
    let root = share_parent.path().join("S-drive");
    worker(&cx, "aw-0001", &root);
    queue(&cx, "funnel", &["csv", "xlsx"]);
    queue(&cx, "closures", &["pdf"]);
    let queued = queued_files(&cx);
    let fs = FaultyShare::new(&root);

    // Missing: nothing is created where the share should be.
    let report = sync_via(&cx, &fs);
    assert!(!report.share_reachable);
    assert_eq!((report.delivered, report.failed), (0, 2));
    assert!(!root.exists(), "a missing share is never created locally");
    let view = exchange::outbox_list(&cx, ()).expect("outbox");
    assert_eq!(view.failed, 2);
    assert!(
        view.items
            .iter()
            .all(|i| i.failure_reason.is_some() && i.next_attempt_at.is_some())
    );

    // Read-only.
    std::fs::create_dir_all(&root).expect("share appears");
    fs.set_read_only(true);
    let report = sync_via(&cx, &fs);
    assert_eq!(report.failed, 2);
    assert_nothing_partial(&root, &queued);
    let reasons: Vec<String> = exchange::outbox_list(&cx, ())
        .expect("outbox")
        .items
        .iter()
        .filter_map(|i| i.failure_reason.clone())
        .collect();
    assert!(
        reasons.iter().all(|r| r.contains("not allowed to write")),
        "{reasons:?}"
    );

    // Full after a few kilobytes: the partial write is never under a final name.
    fs.clear_faults();
    fs.set_full_after_bytes(3_000);
    sync_via(&cx, &fs);
    assert_nothing_partial(&root, &queued);

    // Removed part-way through, at every step in turn.
    for k in 1..12 {
        fs.clear_faults();
        std::fs::create_dir_all(&root).expect("share back");
        fs.remove_share_after(fs.operations() + k);
        sync_via(&cx, &fs);
        if root.exists() {
            assert_nothing_partial(&root, &queued);
        }
    }

    // Back for good: everything delivered, each file exactly once.
    fs.clear_faults();
    std::fs::create_dir_all(&root).expect("share back");
    let report = sync_via(&cx, &fs);
    assert_eq!(report.failed, 0, "{:?}", report.messages);
    let view = exchange::outbox_list(&cx, ()).expect("outbox");
    assert_eq!((view.delivered, view.queued, view.failed), (2, 0, 0));
    let visible: Vec<PathBuf> = files_under(&root)
        .into_iter()
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or(".")
                .starts_with('.')
        })
        .collect();
    let manifests = visible
        .iter()
        .filter(|p| p.ends_with("manifest.json"))
        .count();
    assert_eq!(manifests, 2, "{visible:?}");
    // funnel: csv + xlsx + json; closures: pdf + json; and two manifests.
    assert_eq!(visible.len(), 7, "{visible:?}");
    assert_nothing_partial(&root, &queued);

    // Delivering again changes nothing.
    let before: Vec<(PathBuf, Vec<u8>)> = visible
        .iter()
        .map(|p| (p.clone(), std::fs::read(root.join(p)).expect("read")))
        .collect();
    let again = exchange::sync(&cx, SyncRequest::default()).expect("sync");
    assert_eq!(again.delivered, 0, "delivered exports are not sent again");
    for (p, bytes) in before {
        assert_eq!(std::fs::read(root.join(&p)).expect("read"), bytes);
    }
}

fn funnel_totals(summary: &caseload_exchange::summary::Summary) -> Vec<u64> {
    let table = summary
        .tables
        .iter()
        .find(|t| t.id == "funnel")
        .expect("funnel");
    table
        .rows
        .iter()
        .take(7)
        .map(|r| match r[3] {
            Cell::Count(n) => n,
            _ => 0,
        })
        .collect()
}

#[test]
fn three_workers_deliveries_add_up_and_a_tampered_file_is_reported_and_left_out() {
    let share = tempfile::tempdir().expect("share");
    let mut expected = vec![0u64; 7];
    let mut workers = Vec::new();
    for (i, seed) in [11u64, 12, 13].into_iter().enumerate() {
        let (dir, cx) = demo(seed);
        worker(&cx, &format!("aw-{i}"), share.path());
        let report = reports::report_funnel(
            &cx,
            FunnelRequest {
                from: common::ago(400),
                to: common::ago(0),
            },
        )
        .expect("funnel");
        for (e, row) in expected.iter_mut().zip(&report.rows) {
            *e += u64::from(row.total);
        }
        queue(&cx, "funnel", &["csv"]);
        let sync = exchange::sync(&cx, SyncRequest::default()).expect("sync");
        assert_eq!(sync.delivered, 1);
        workers.push((dir, cx));
    }
    assert!(
        expected.iter().any(|n| *n > 0),
        "the demo caseloads have a funnel"
    );
    let team =
        aggregate(&RealShare, share.path(), common::today(), "test", 0, None).expect("aggregate");
    assert!(team.rejected.is_empty(), "{:?}", team.rejected);
    assert_eq!(team.included.len(), 3);
    assert_eq!(funnel_totals(&team.summary), expected);

    // Tamper with one worker's JSON after delivery: its hash no longer matches the manifest.
    let tampered = files_under(share.path())
        .into_iter()
        .find(|p| {
            p.to_string_lossy().contains("aw-1")
                && p.extension().is_some_and(|e| e == "json")
                && !p.ends_with("manifest.json")
        })
        .expect("aw-1's json");
    let path = share.path().join(&tampered);
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
    json["figures"]["funnel"]["rows"][0]["total"] = serde_json::json!(999);
    std::fs::write(&path, serde_json::to_vec(&json).expect("bytes")).expect("tamper");
    let team =
        aggregate(&RealShare, share.path(), common::today(), "test", 0, None).expect("aggregate");
    assert_eq!(team.rejected.len(), 1, "{:?}", team.rejected);
    assert!(
        team.rejected[0].1.contains("SHA-256") || team.rejected[0].1.contains("match"),
        "{:?}",
        team.rejected
    );
    assert_eq!(team.included.len(), 2);
    assert!(team.included.iter().all(|i| i.worker_id != "aw-1"));
    let totals = funnel_totals(&team.summary);
    assert!(totals.iter().all(|n| *n < 999));
    assert!(totals.iter().zip(&expected).all(|(t, e)| t <= e));
}
