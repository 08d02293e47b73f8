//! Delivering an export to the shared drive: a normal delivery, delivering it again, and a
//! share that is missing, read-only, full or returns corrupted reads. Whatever happens, no
//! file with the wrong bytes sits under a final name and a retry delivers exactly once.

mod common;

use common::share_double::{Changed, Changes, names_in};

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use caseload_exchange::share::{
    Delivery, DeliveryFile, FailureKind, FaultyShare, MANIFEST_NAME, Manifest, RealShare, ShareFs,
    deliver, sha256_hex,
};

const FOLDER: &str = "2026-03-02_summary_exp-0001";

fn synthetic_csv(rows: u64) -> Vec<u8> {
    let mut out = String::from("pupil_ref,possible,present\n");
    for n in 0..rows {
        out.push_str(&format!("SYN{n:04},{},{}\n", 190, 150 + n % 40));
    }
    out.into_bytes()
}

fn delivery() -> Delivery {
    Delivery {
        export_id: "exp-0001".into(),
        kind: "summary".into(),
        worker_id: "W-0001".into(),
        team: "North Demo Team".into(),
        app_version: "0.1.0".into(),
        schema_version: 2,
        created_at: "2026-03-02T16:45:00Z".into(),
        files: vec![
            DeliveryFile {
                name: "pupils.csv".into(),
                format: "csv".into(),
                rows: 40,
                bytes: synthetic_csv(40),
            },
            DeliveryFile {
                name: "summary.xlsx".into(),
                format: "xlsx".into(),
                rows: 12,
                bytes: (0..3000u32).map(|n| (n * 7 % 251) as u8).collect(),
            },
        ],
    }
}

fn share() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("share");
    fs::create_dir(&root).expect("share root");
    (dir, root)
}

fn folder(root: &Path) -> PathBuf {
    root.join("caseload/deliveries/W-0001").join(FOLDER)
}

/// Every file under `dir`, with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut out = BTreeMap::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for entry in entries {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(snapshot(&path));
        } else {
            let modified = fs::metadata(&path)
                .and_then(|m| m.modified())
                .expect("mtime");
            out.insert(path.clone(), (fs::read(&path).expect("read"), modified));
        }
    }
    out
}

/// The delivery folder holds exactly the export's files and a manifest that lists them with
/// the right sizes and hashes, and nothing else (no temp files).
fn assert_delivered_once(root: &Path, delivery: &Delivery) {
    let workers = root.join("caseload/deliveries/W-0001");
    assert_eq!(names_in(&workers), vec![FOLDER.to_string()], "one folder");
    let folder = folder(root);
    let mut expected: Vec<String> = delivery.files.iter().map(|f| f.name.clone()).collect();
    expected.push(MANIFEST_NAME.into());
    expected.sort();
    assert_eq!(names_in(&folder), expected);
    let manifest = Manifest::from_json(&fs::read(folder.join(MANIFEST_NAME)).expect("manifest"))
        .expect("manifest parses");
    assert_eq!(manifest.export_id, delivery.export_id);
    assert_eq!(manifest.files.len(), delivery.files.len());
    for (listed, file) in manifest.files.iter().zip(&delivery.files) {
        let on_share = fs::read(folder.join(&file.name)).expect("delivered file");
        assert_eq!(on_share, file.bytes, "{}", file.name);
        assert_eq!(listed.name, file.name);
        assert_eq!(listed.size, file.bytes.len() as u64);
        assert_eq!(listed.sha256, sha256_hex(&file.bytes));
        assert_eq!(listed.rows, file.rows);
    }
}

#[test]
fn a_delivery_writes_every_file_and_a_manifest_with_their_sizes_and_hashes() {
    let (_dir, root) = share();
    let receipt = deliver(&RealShare, &root, &delivery()).expect("delivered");
    assert!(!receipt.already_delivered);
    assert_eq!(receipt.folder, folder(&root));
    assert_eq!(receipt.files.len(), 2);
    assert_delivered_once(&root, &delivery());
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(folder(&root).join(MANIFEST_NAME)).expect("read"))
            .expect("json");
    assert_eq!(manifest["schema"], "caseload.delivery");
    assert_eq!(manifest["schema_version"], 1);
    assert_eq!(manifest["summary_schema_version"], 2);
    assert_eq!(manifest["team"], "North Demo Team");
    assert_eq!(manifest["created_at"], "2026-03-02T16:45:00Z");
}

#[test]
fn delivering_the_same_export_again_writes_nothing() {
    let (dir, root) = share();
    deliver(&RealShare, &root, &delivery()).expect("first delivery");
    let before = snapshot(dir.path());

    let again = deliver(&RealShare, &root, &delivery()).expect("second delivery");
    assert!(again.already_delivered);
    assert_eq!(snapshot(dir.path()), before);

    // Even a share that now refuses every write and delete accepts it: nothing is written.
    let locked = FaultyShare::new(&root);
    locked.set_read_only(true);
    let third = deliver(&locked, &root, &delivery()).expect("third delivery");
    assert!(third.already_delivered);
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_missing_share_is_unreachable_and_nothing_is_created_anywhere() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("Z-drive");
    let err = deliver(&RealShare, &root, &delivery()).expect_err("no share");
    assert_eq!(err.kind, FailureKind::Unreachable);
    assert!(!root.exists());
    assert!(names_in(dir.path()).is_empty());
}

/// The real file system, except that the share is unmounted straight after it was found:
/// the race between "the share is there" and "create the delivery folder".
struct UnmountedAfterCheck(PathBuf);

impl Changes for UnmountedAfterCheck {
    fn is_dir(&self, path: &Path) -> bool {
        let there = RealShare.is_dir(path);
        if path == self.0 {
            fs::remove_dir_all(&self.0).expect("unmount the share");
        }
        there
    }
}

#[test]
fn a_share_that_vanishes_after_the_check_is_never_recreated_as_a_local_folder() {
    let (dir, root) = share();
    let err = deliver(
        &Changed(UnmountedAfterCheck(root.clone())),
        &root,
        &delivery(),
    )
    .expect_err("the share went away");
    assert_eq!(err.kind, FailureKind::Interrupted);
    assert!(!root.exists(), "the share root was re-created");
    assert!(names_in(dir.path()).is_empty());
}

#[test]
fn a_read_only_share_fails_as_read_only_and_leaves_no_file_under_a_final_name() {
    let (dir, root) = share();
    let share = FaultyShare::new(&root);
    share.set_read_only(true);
    let err = deliver(&share, &root, &delivery()).expect_err("read-only");
    assert_eq!(err.kind, FailureKind::ReadOnly);
    assert!(err.to_string().contains("not allowed to write"), "{err}");
    assert!(snapshot(dir.path()).is_empty());

    // The delivery folder already there (made on an earlier day) changes nothing.
    fs::create_dir_all(folder(&root)).expect("folder");
    let err = deliver(&share, &root, &delivery()).expect_err("read-only");
    assert_eq!(err.kind, FailureKind::ReadOnly);
    assert!(names_in(&folder(&root)).is_empty());
}

#[test]
fn a_full_share_leaves_no_partial_file_and_the_retry_delivers_exactly_once() {
    let (_dir, root) = share();
    let delivery = delivery();
    let first_len = delivery.files[0].bytes.len() as u64;
    let share = FaultyShare::new(&root);
    // Room for the first file and 500 bytes of the second; deletes fail too, so the partial
    // temp file stays as it would if Caseload had stopped before it could clean up.
    share.set_full_after_bytes(first_len + 500);
    share.set_deny_removals(true);

    let err = deliver(&share, &root, &delivery).expect_err("full");
    assert_eq!(err.kind, FailureKind::Full);
    assert!(err.to_string().contains("shared drive is full"), "{err}");
    let folder = folder(&root);
    let left = names_in(&folder);
    assert!(!left.contains(&"summary.xlsx".to_string()), "{left:?}");
    assert!(!left.contains(&MANIFEST_NAME.to_string()), "{left:?}");
    let partial: Vec<&String> = left.iter().filter(|n| n.contains(".part-")).collect();
    assert_eq!(partial.len(), 1, "{left:?}");
    assert_eq!(
        fs::metadata(folder.join(partial[0])).expect("temp").len(),
        500
    );
    let first_written = fs::metadata(folder.join("pupils.csv"))
        .and_then(|m| m.modified())
        .expect("first file delivered");

    // Still full, but deletes work again: the old partial temp goes.
    share.set_deny_removals(false);
    let err = deliver(&share, &root, &delivery).expect_err("still full");
    assert_eq!(err.kind, FailureKind::Full);
    assert!(!folder.join(partial[0]).exists());

    share.clear_faults();
    let receipt = deliver(&share, &root, &delivery).expect("space freed");
    assert!(!receipt.already_delivered);
    assert_delivered_once(&root, &delivery);
    let first_now = fs::metadata(folder.join("pupils.csv"))
        .and_then(|m| m.modified())
        .expect("first file");
    assert_eq!(
        first_now, first_written,
        "the complete first file is not written twice"
    );
}

#[test]
fn running_out_of_space_at_any_byte_never_leaves_a_partial_final_file() {
    let delivery = delivery();
    let total: u64 = delivery.files.iter().map(|f| f.bytes.len() as u64).sum();
    for space in [0, 1, 999, total - 1, total, total + 100] {
        let (_dir, root) = share();
        let share = FaultyShare::new(&root);
        share.set_full_after_bytes(space);
        let err = deliver(&share, &root, &delivery).expect_err("full");
        assert_eq!(err.kind, FailureKind::Full, "space {space}");
        for file in &delivery.files {
            if let Ok(bytes) = fs::read(folder(&root).join(&file.name)) {
                assert_eq!(bytes, file.bytes, "space {space}: {}", file.name);
            }
        }
        assert!(!folder(&root).join(MANIFEST_NAME).exists());
        assert!(
            names_in(&folder(&root))
                .iter()
                .all(|n| !n.contains(".part-")),
            "temp files are removed when deletes work"
        );
        share.clear_faults();
        deliver(&share, &root, &delivery).expect("retry");
        assert_delivered_once(&root, &delivery);
    }
}

#[test]
fn a_corrupted_read_back_fails_verification_and_removes_the_final_file() {
    let (_dir, root) = share();
    let share = FaultyShare::new(&root);
    share.set_corrupt_reads(true);
    let err = deliver(&share, &root, &delivery()).expect_err("corrupted");
    assert_eq!(err.kind, FailureKind::VerifyFailed);
    assert!(err.detail.contains("pupils.csv"), "{}", err.detail);
    assert!(names_in(&folder(&root)).is_empty());

    share.clear_faults();
    deliver(&share, &root, &delivery()).expect("retry");
    assert_delivered_once(&root, &delivery());
}

#[test]
fn unsafe_names_are_refused_before_anything_is_written() {
    type Change = fn(&mut Delivery);
    let cases: [(&str, Change); 8] = [
        ("worker id", |d| d.worker_id = "../other".into()),
        ("kind", |d| d.kind = "a/b".into()),
        ("export id", |d| d.export_id = "..".into()),
        ("empty file", |d| d.files[0].name = String::new()),
        ("file", |d| d.files[0].name = "..\\up.csv".into()),
        ("manifest", |d| d.files[0].name = MANIFEST_NAME.into()),
        ("duplicate", |d| d.files[1].name = "pupils.csv".into()),
        ("timestamp", |d| d.created_at = "yesterday".into()),
    ];
    for (what, change) in cases {
        let (dir, root) = share();
        let mut bad = delivery();
        change(&mut bad);
        let err = deliver(&RealShare, &root, &bad).expect_err(what);
        assert_eq!(err.kind, FailureKind::Refused, "{what}");
        assert!(!err.kind.worth_retrying());
        assert!(snapshot(dir.path()).is_empty(), "{what}");
    }
}

#[test]
fn errors_name_files_but_never_their_contents() {
    let (_dir, root) = share();
    let share = FaultyShare::new(&root);
    share.set_corrupt_reads(true);
    let err = deliver(&share, &root, &delivery()).expect_err("corrupted");
    let text = format!("{err} {err:?}");
    assert!(!text.contains("SYN0001"), "{text}");
    assert!(!text.contains("pupil_ref"), "{text}");
}
