//! The share going away in the middle of a delivery, at every step: deleted outright, or
//! disconnected with its files left in place. After each failed attempt no final-named file
//! has the wrong bytes and no manifest lists a file that is missing or different; once the
//! share is back, one retry delivers everything exactly once.

use std::fs;
use std::path::{Path, PathBuf};

use caseload_exchange::share::{
    Delivery, DeliveryFile, FailureKind, FaultyShare, MANIFEST_NAME, Manifest, deliver,
    trusted_files,
};

const FOLDER: &str = "2026-01-15_summary_exp-0042";

fn delivery() -> Delivery {
    let file = |name: &str, rows: u64, seed: u8| DeliveryFile {
        name: name.into(),
        format: "csv".into(),
        rows,
        bytes: (0..rows * 30).map(|n| seed.wrapping_add(n as u8)).collect(),
    };
    Delivery {
        export_id: "exp-0042".into(),
        kind: "summary".into(),
        worker_id: "W-0007".into(),
        team: "South Demo Team".into(),
        app_version: "0.1.0".into(),
        schema_version: 1,
        created_at: "2026-01-15T08:00:00Z".into(),
        files: vec![
            file("cases.csv", 20, 1),
            file("sessions.csv", 50, 2),
            file("plans.csv", 5, 3),
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
    root.join("caseload/deliveries/W-0007").join(FOLDER)
}

/// How many successful share operations a clean delivery takes.
fn operations_in_a_clean_delivery() -> u64 {
    let (_dir, root) = share();
    let share = FaultyShare::new(&root);
    deliver(&share, &root, &delivery()).expect("clean delivery");
    share.operations()
}

/// What a reader of the share could see right now is never wrong: final-named files hold
/// the export's bytes, and a manifest only lists files that are present and match.
fn assert_nothing_false_on_the_share(root: &Path, step: u64) {
    let delivery = delivery();
    let Ok(entries) = fs::read_dir(folder(root)) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        if name.starts_with('.') {
            assert!(name.contains(".part-"), "step {step}: unexpected {name}");
            continue;
        }
        let bytes = fs::read(&path).expect("read");
        if name == MANIFEST_NAME {
            let manifest = Manifest::from_json(&bytes).expect("a final manifest parses");
            for listed in &manifest.files {
                let on_share = fs::read(folder(root).join(&listed.name)).unwrap_or_else(|_| {
                    panic!("step {step}: manifest lists missing {}", listed.name)
                });
                assert!(listed.matches(&on_share), "step {step}: {}", listed.name);
            }
        } else {
            let file = delivery
                .files
                .iter()
                .find(|f| f.name == name)
                .unwrap_or_else(|| panic!("step {step}: stray file {name}"));
            assert_eq!(bytes, file.bytes, "step {step}: {name} has the wrong bytes");
        }
    }
}

fn assert_delivered_once(root: &Path, step: u64) {
    let workers = root.join("caseload/deliveries/W-0007");
    let folders: Vec<_> = fs::read_dir(&workers).expect("workers").collect();
    assert_eq!(folders.len(), 1, "step {step}: one folder");
    let mut names: Vec<String> = fs::read_dir(folder(root))
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["cases.csv", MANIFEST_NAME, "plans.csv", "sessions.csv"],
        "step {step}"
    );
    let report = trusted_files(&caseload_exchange::share::RealShare, root).expect("trust");
    assert!(
        report.rejected.is_empty(),
        "step {step}: {:?}",
        report.rejected
    );
    let mut trusted: Vec<&str> = report.trusted.iter().map(|t| t.name.as_str()).collect();
    trusted.sort();
    assert_eq!(
        trusted,
        ["cases.csv", "plans.csv", "sessions.csv"],
        "step {step}"
    );
}

#[test]
fn a_share_deleted_at_any_step_fails_and_the_retry_delivers_exactly_once() {
    let steps = operations_in_a_clean_delivery();
    assert!(steps > 10, "a delivery takes many steps ({steps})");
    for step in 0..steps {
        let (_dir, root) = share();
        let share = FaultyShare::new(&root);
        share.remove_share_after(step);
        let err = deliver(&share, &root, &delivery()).expect_err("share removed");
        let expected = if step == 0 {
            FailureKind::Unreachable
        } else {
            FailureKind::Interrupted
        };
        assert_eq!(err.kind, expected, "step {step}: {err}");
        assert!(!root.exists(), "step {step}: the root was not recreated");
        assert_nothing_false_on_the_share(&root, step);

        fs::create_dir(&root).expect("share back");
        share.clear_faults();
        let receipt = deliver(&share, &root, &delivery()).expect("retry");
        assert!(!receipt.already_delivered);
        assert_delivered_once(&root, step);
    }
}

#[test]
fn a_share_disconnected_at_any_step_leaves_nothing_false_and_the_retry_delivers_once() {
    let steps = operations_in_a_clean_delivery();
    for step in 0..steps {
        let (_dir, root) = share();
        let share = FaultyShare::new(&root);
        share.disconnect_after(step);
        let err = deliver(&share, &root, &delivery()).expect_err("disconnected");
        assert!(
            matches!(
                err.kind,
                FailureKind::Unreachable | FailureKind::Interrupted
            ),
            "step {step}: {err}"
        );
        assert!(err.kind.worth_retrying());
        assert_nothing_false_on_the_share(&root, step);

        share.clear_faults();
        deliver(&share, &root, &delivery()).expect("retry");
        assert_delivered_once(&root, step);
        let again = deliver(&share, &root, &delivery()).expect("again");
        assert!(again.already_delivered, "step {step}");
    }
}

#[test]
fn a_connection_that_keeps_dropping_still_ends_in_exactly_one_delivery() {
    let (_dir, root) = share();
    let share = FaultyShare::new(&root);
    let mut attempts = 0;
    // Each attempt gets one more step before the network drops again.
    let receipt = loop {
        share.disconnect_after(attempts);
        match deliver(&share, &root, &delivery()) {
            Ok(receipt) => break receipt,
            Err(err) => {
                assert!(err.kind.worth_retrying(), "{err}");
                assert_nothing_false_on_the_share(&root, attempts);
            }
        }
        attempts += 1;
        assert!(attempts < 200, "delivery never completed");
    };
    // The attempt that got the manifest into place may have lost the connection while
    // reading it back; the next one then finds the delivery complete. Either way, once.
    assert_eq!(receipt.folder, folder(&root));
    assert_delivered_once(&root, attempts);
}
