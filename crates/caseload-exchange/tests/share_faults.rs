//! Share faults on the real file system, gathered: a share replaced by a file, a file where a
//! folder should be, a really full file system (a small tmpfs, when this machine lets the
//! tests mount one), and another delivery's temp file in flight. The injected faults (missing,
//! read-only, full at every byte, removed or disconnected at every step) are in
//! `share_delivery.rs` and `share_interruptions.rs`; the app-level faults (a sync to a share
//! removed mid-sync, two syncs at once) in the app's `exchange_faults.rs`.

mod common;

use common::share_double::names_in;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use caseload_exchange::share::{
    Delivery, DeliveryFile, FailureKind, MANIFEST_NAME, RealShare, STALE_TEMP_AFTER, deliver,
};

fn delivery(bytes: usize) -> Delivery {
    Delivery {
        export_id: "exp-0042".into(),
        kind: "summary".into(),
        worker_id: "W-0042".into(),
        team: "North Demo Team".into(),
        app_version: "0.1.0".into(),
        schema_version: 2,
        created_at: "2026-03-02T16:45:00Z".into(),
        files: vec![DeliveryFile {
            name: "pupils.csv".into(),
            format: "csv".into(),
            rows: 1,
            bytes: (0..bytes).map(|n| b'a' + (n % 26) as u8).collect(),
        }],
    }
}

fn folder(root: &Path) -> PathBuf {
    root.join("caseload/deliveries/W-0042/2026-03-02_summary_exp-0042")
}

#[test]
fn a_share_replaced_by_a_file_is_unreachable_and_the_file_is_left_alone() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("share");
    fs::write(&root, b"not a folder").expect("file");
    let err = deliver(&RealShare, &root, &delivery(100)).expect_err("a file is not a share");
    assert_eq!(err.kind, FailureKind::Unreachable);
    assert_eq!(fs::read(&root).expect("still there"), b"not a folder");
    assert_eq!(names_in(dir.path()), ["share"]);
}

#[test]
fn a_file_where_a_share_folder_should_be_refuses_the_delivery_and_writes_nothing() {
    // As root the tests cannot make a folder read-only by its mode; a file in the folder's
    // place is the real-file-system fault that cannot be written through.
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("share");
    fs::create_dir_all(root.join("caseload")).expect("share");
    fs::write(root.join("caseload/deliveries"), b"x").expect("file");
    let err = deliver(&RealShare, &root, &delivery(100)).expect_err("refused");
    assert_eq!(err.kind, FailureKind::Untrusted, "{err}");
    assert_eq!(names_in(&root.join("caseload")), ["deliveries"]);
    assert_eq!(
        fs::read(root.join("caseload/deliveries")).expect("kept"),
        b"x"
    );
}

#[test]
fn another_deliverys_fresh_temp_file_is_left_but_abandoned_ones_go() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("share");
    fs::create_dir(&root).expect("share");
    let folder = folder(&root);
    fs::create_dir_all(&folder).expect("folder");
    // Another process writing right now (process ids are below 2^22 on Linux).
    let in_flight = ".pupils.csv.part-4999999-00aa";
    fs::write(folder.join(in_flight), b"half").expect("temp");
    // Abandoned long ago by a process killed mid-write.
    let abandoned = ".pupils.csv.part-4999998-00bb";
    let old = fs::File::create(folder.join(abandoned)).expect("temp");
    old.set_modified(SystemTime::now() - STALE_TEMP_AFTER - Duration::from_secs(60))
        .expect("age it");
    drop(old);
    // This process's own, from an attempt that failed earlier.
    let own = format!(".pupils.csv.part-{}-00cc", std::process::id());
    fs::write(folder.join(&own), b"mine").expect("temp");

    deliver(&RealShare, &root, &delivery(100)).expect("delivered");
    assert_eq!(
        names_in(&folder),
        [in_flight, MANIFEST_NAME, "pupils.csv"],
        "only the in-flight temp file stays"
    );
}

/// Mounts a tmpfs of `kib` KiB at `at` (made if missing), unmounted when the guard drops; or
/// the reason it cannot (not root, no mount command, a container without the privilege).
fn mount_tmpfs(at: &Path, kib: u32) -> std::io::Result<Unmount> {
    std::fs::create_dir_all(at)?;
    let out = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
        .arg(at)
        .output()?;
    if out.status.success() {
        Ok(Unmount(at.to_path_buf()))
    } else {
        Err(std::io::Error::other(
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ))
    }
}

struct Unmount(PathBuf);

impl Drop for Unmount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// A 256 KiB tmpfs mounted as the share (unmounted when the guard drops), or `None`, saying
/// why, where this machine lets no test mount one.
fn tmpfs_share() -> Option<(tempfile::TempDir, PathBuf, Unmount)> {
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("share");
    match mount_tmpfs(&root, 256) {
        Ok(unmount) => Some((dir, root, unmount)),
        Err(why) => {
            eprintln!("skipped: no tmpfs can be mounted here ({why})");
            None
        }
    }
}

#[test]
fn a_really_full_share_fails_as_full_with_no_partial_file_and_delivers_once_space_is_freed() {
    // Where no tmpfs can be mounted, share_delivery.rs's simulated faults stand in.
    let Some((_dir, root, _unmount)) = tmpfs_share() else {
        return;
    };
    let filler = root.join("filler.bin");
    fs::write(&filler, vec![0u8; 200 * 1024]).expect("fill most of it");
    let err = deliver(&RealShare, &root, &delivery(100 * 1024)).expect_err("full");
    assert_eq!(err.kind, FailureKind::Full, "{err}");
    assert!(
        names_in(&folder(&root)).is_empty(),
        "nothing left: {:?}",
        names_in(&folder(&root))
    );
    fs::remove_file(&filler).expect("free space");
    let receipt = deliver(&RealShare, &root, &delivery(100 * 1024)).expect("delivered");
    assert!(!receipt.already_delivered);
    assert_eq!(names_in(&folder(&root)), [MANIFEST_NAME, "pupils.csv"]);
}

#[test]
fn a_really_read_only_share_fails_as_read_only_even_for_root_and_delivers_once_writable() {
    // Where no tmpfs can be mounted, share_delivery.rs's simulated faults stand in.
    let Some((_dir, root, _unmount)) = tmpfs_share() else {
        return;
    };
    // Read-only at the file system, which root cannot write past (a mode of 0555 it could).
    let remount = |how: &str| {
        Command::new("mount")
            .args(["-o", &format!("remount,{how}")])
            .arg(&root)
            .status()
            .is_ok_and(|s| s.success())
    };
    assert!(remount("ro"), "remounted read-only");
    let err = deliver(&RealShare, &root, &delivery(10 * 1024)).expect_err("read-only");
    assert_eq!(err.kind, FailureKind::ReadOnly, "{err}");
    assert!(names_in(&root).is_empty(), "{:?}", names_in(&root));
    assert!(remount("rw"), "writable again");
    let receipt = deliver(&RealShare, &root, &delivery(10 * 1024)).expect("delivered");
    assert!(!receipt.already_delivered);
    assert_eq!(names_in(&folder(&root)), [MANIFEST_NAME, "pupils.csv"]);
}
