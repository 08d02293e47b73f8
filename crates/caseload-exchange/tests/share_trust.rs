//! What aggregation may believe from the shared drive: only files a manifest lists with
//! matching size and SHA-256. Edited files, unparseable manifests, manifests pointing out of
//! their folder and second copies of an export are rejected with a reason naming them;
//! files no manifest lists are ignored.

use std::fs;
use std::path::{Path, PathBuf};

use caseload_exchange::share::{
    Delivery, DeliveryFile, FailureKind, MANIFEST_NAME, RealShare, deliver, trusted_files,
};

fn delivery(worker: &str, export_id: &str) -> Delivery {
    let file = |name: &str, text: &str| DeliveryFile {
        name: name.into(),
        format: "csv".into(),
        rows: 1,
        bytes: format!("ref,count\n{text},3\n").into_bytes(),
    };
    Delivery {
        export_id: export_id.into(),
        kind: "summary".into(),
        worker_id: worker.into(),
        team: "Demo Team".into(),
        app_version: "0.1.0".into(),
        schema_version: 1,
        created_at: "2026-02-10T10:30:00Z".into(),
        files: vec![
            file("cases.csv", &format!("{export_id}-cases")),
            file("plans.csv", &format!("{export_id}-plans")),
        ],
    }
}

fn share() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("share");
    fs::create_dir(&root).expect("share root");
    (dir, root)
}

fn delivered(root: &Path, worker: &str, export_id: &str) -> PathBuf {
    deliver(&RealShare, root, &delivery(worker, export_id))
        .expect("delivered")
        .folder
}

fn trusted_names(root: &Path) -> Vec<String> {
    let report = trusted_files(&RealShare, root).expect("report");
    let mut names: Vec<String> = report
        .trusted
        .iter()
        .map(|t| format!("{}/{}", t.manifest.export_id, t.name))
        .collect();
    names.sort();
    names
}

#[test]
fn every_file_listed_in_a_manifest_with_matching_hashes_is_trusted() {
    let (_dir, root) = share();
    let folder = delivered(&root, "W-1", "exp-a");
    delivered(&root, "W-2", "exp-b");
    let report = trusted_files(&RealShare, &root).expect("report");
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(
        trusted_names(&root),
        [
            "exp-a/cases.csv",
            "exp-a/plans.csv",
            "exp-b/cases.csv",
            "exp-b/plans.csv"
        ]
    );
    let cases = &report.trusted[0];
    assert_eq!(cases.folder, folder);
    assert_eq!(cases.format, "csv");
    assert_eq!(cases.manifest.worker_id, "W-1");
    assert_eq!(cases.bytes, b"ref,count\nexp-a-cases,3\n");
}

#[test]
fn a_file_edited_after_delivery_is_rejected_with_a_reason_naming_it() {
    let (_dir, root) = share();
    let folder = delivered(&root, "W-1", "exp-a");
    let tampered = folder.join("plans.csv");
    // Same length, different bytes: only the hash can tell.
    fs::write(&tampered, b"ref,count\nexp-a-plans,9\n").expect("tamper");
    let report = trusted_files(&RealShare, &root).expect("report");
    assert_eq!(trusted_names(&root), ["exp-a/cases.csv"]);
    assert_eq!(report.rejected.len(), 1);
    let rejected = &report.rejected[0];
    assert_eq!(rejected.path, tampered);
    assert!(rejected.reason.contains("plans.csv"), "{}", rejected.reason);
    assert!(
        rejected.reason.contains("SHA-256 differs"),
        "{}",
        rejected.reason
    );
}

#[test]
fn a_file_cut_short_or_deleted_after_delivery_is_rejected() {
    let (_dir, root) = share();
    let folder = delivered(&root, "W-1", "exp-a");
    fs::write(folder.join("cases.csv"), b"ref").expect("truncate");
    fs::remove_file(folder.join("plans.csv")).expect("delete");
    let report = trusted_files(&RealShare, &root).expect("report");
    assert!(report.trusted.is_empty());
    let reasons: Vec<&str> = report.rejected.iter().map(|r| r.reason.as_str()).collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons[0].contains("cases.csv") && reasons[0].contains("size"),
        "{reasons:?}"
    );
    assert!(
        reasons[1].contains("plans.csv") && reasons[1].contains("missing"),
        "{reasons:?}"
    );
}

#[test]
fn files_no_manifest_lists_are_ignored_not_returned() {
    let (_dir, root) = share();
    let folder = delivered(&root, "W-1", "exp-a");
    fs::write(folder.join("extra.csv"), b"ref,count\nadded by hand,1\n").expect("extra");
    fs::write(folder.join(".plans.csv.part-00ff"), b"ref,co").expect("temp");
    // A delivery still in progress: files, no manifest yet.
    let pending = root.join("caseload/deliveries/W-3/2026-02-11_summary_exp-c");
    fs::create_dir_all(&pending).expect("pending");
    fs::write(pending.join("cases.csv"), b"ref,count\n").expect("pending file");

    let report = trusted_files(&RealShare, &root).expect("report");
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(trusted_names(&root), ["exp-a/cases.csv", "exp-a/plans.csv"]);
}

#[test]
fn an_unparseable_manifest_is_rejected_and_its_files_left_out() {
    let (_dir, root) = share();
    let folder = delivered(&root, "W-1", "exp-a");
    delivered(&root, "W-2", "exp-b");
    let manifest = folder.join(MANIFEST_NAME);
    fs::write(
        &manifest,
        b"{\"schema\": \"caseload.delivery\", \"files\": [",
    )
    .expect("break");
    let report = trusted_files(&RealShare, &root).expect("report");
    assert_eq!(trusted_names(&root), ["exp-b/cases.csv", "exp-b/plans.csv"]);
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].path, manifest);
    assert!(
        report.rejected[0]
            .reason
            .contains("not valid manifest JSON"),
        "{}",
        report.rejected[0].reason
    );
}

#[test]
fn a_manifest_naming_a_file_outside_its_folder_is_rejected() {
    let (_dir, root) = share();
    let folder = delivered(&root, "W-1", "exp-a");
    let path = folder.join(MANIFEST_NAME);
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(&path).expect("read")).expect("json");
    manifest["files"][0]["name"] = "../../../../outside.csv".into();
    fs::write(&path, serde_json::to_vec(&manifest).expect("json")).expect("write");
    let report = trusted_files(&RealShare, &root).expect("report");
    assert!(report.trusted.is_empty());
    assert_eq!(report.rejected.len(), 1);
    assert!(
        report.rejected[0].reason.contains("file name"),
        "{:?}",
        report.rejected
    );
}

#[test]
fn a_second_folder_claiming_an_already_delivered_export_is_rejected() {
    let (_dir, root) = share();
    let first = delivered(&root, "W-1", "exp-a");
    let copy = root.join("caseload/deliveries/W-1/2026-02-12_summary_exp-a");
    fs::create_dir_all(&copy).expect("copy");
    for entry in fs::read_dir(&first).expect("list") {
        let path = entry.expect("entry").path();
        fs::copy(&path, copy.join(path.file_name().expect("name"))).expect("copy file");
    }
    let report = trusted_files(&RealShare, &root).expect("report");
    assert_eq!(trusted_names(&root), ["exp-a/cases.csv", "exp-a/plans.csv"]);
    assert!(report.trusted.iter().all(|t| t.folder == first));
    assert_eq!(report.rejected.len(), 1);
    assert!(
        report.rejected[0].reason.contains("exp-a"),
        "{:?}",
        report.rejected
    );
}

#[test]
fn a_missing_share_cannot_be_searched_for_deliveries() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = trusted_files(&RealShare, &dir.path().join("Z-drive")).expect_err("missing");
    assert_eq!(err.kind, FailureKind::Unreachable);
}
