//! The shared drive cannot inject: symbolic links and special files on the share are refused
//! and named, never followed or opened; delivery folders must be real folders; inbox files
//! are read once per name, size and time, up to a size cap, and a file that changes while it
//! is read is left for the next round; names are escaped before they are shown.
#![cfg(unix)]

mod common;

use common::share_double::{Changed, Changes};

use std::collections::HashSet;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use caseload_exchange::share::{
    Delivery, DeliveryFile, FailureKind, InboxKind, MAX_INBOX_FILE_BYTES, RealShare, ShareFs,
    deliver, deliver_backup, inbox_scan, trusted_files,
};

fn share() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("share");
    fs::create_dir(&root).expect("share root");
    (dir, root)
}

fn delivery(worker: &str) -> Delivery {
    Delivery {
        export_id: "exp-0001".into(),
        kind: "summary".into(),
        worker_id: worker.into(),
        team: "North Demo Team".into(),
        app_version: "0.1.0".into(),
        schema_version: 2,
        created_at: "2026-03-02T16:45:00Z".into(),
        files: vec![DeliveryFile {
            name: "pupils.csv".into(),
            format: "csv".into(),
            rows: 1,
            bytes: b"pupil_ref,possible\nSYN0001,190\n".to_vec(),
        }],
    }
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo");
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_symlinked_worker_folder_is_refused_and_nothing_is_written_through_it() {
    let (dir, root) = share();
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).expect("elsewhere");
    fs::create_dir_all(root.join("caseload/deliveries")).expect("deliveries");
    symlink(&elsewhere, root.join("caseload/deliveries/W-0001")).expect("plant link");

    let err = deliver(&RealShare, &root, &delivery("W-0001")).expect_err("refused");
    assert_eq!(err.kind, FailureKind::Untrusted);
    assert!(
        err.detail.contains("caseload/deliveries/W-0001") && err.detail.contains("symbolic link"),
        "{}",
        err.detail
    );
    assert!(
        names_in(&elsewhere).is_empty(),
        "the link's target is untouched"
    );

    // The same for the backups folder, and for a link higher up the path.
    fs::create_dir_all(root.join("caseload")).expect("caseload");
    symlink(&elsewhere, root.join("caseload/backups")).expect("plant link");
    let err = deliver_backup(&RealShare, &root, "W-0001", "backup.cbk", b"synthetic")
        .expect_err("refused");
    assert_eq!(err.kind, FailureKind::Untrusted);
    assert!(names_in(&elsewhere).is_empty());
}

#[test]
fn a_file_where_a_delivery_folder_should_be_is_refused() {
    let (_dir, root) = share();
    fs::create_dir_all(root.join("caseload")).expect("caseload");
    fs::write(root.join("caseload/deliveries"), b"not a folder").expect("file");
    let err = deliver(&RealShare, &root, &delivery("W-0001")).expect_err("refused");
    assert_eq!(err.kind, FailureKind::Untrusted);
    assert!(err.detail.contains("is a file"), "{}", err.detail);
}

#[test]
fn a_symlink_under_a_final_name_is_replaced_not_followed() {
    let (dir, root) = share();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, b"the worker's own file").expect("victim");
    let folder = root.join("caseload/deliveries/W-0001/2026-03-02_summary_exp-0001");
    fs::create_dir_all(&folder).expect("folder");
    symlink(&victim, folder.join("pupils.csv")).expect("plant link");

    deliver(&RealShare, &root, &delivery("W-0001")).expect("delivered");
    assert_eq!(fs::read(&victim).expect("victim"), b"the worker's own file");
    let meta = fs::symlink_metadata(folder.join("pupils.csv")).expect("delivered file");
    assert!(meta.file_type().is_file(), "the link itself was replaced");
}

#[test]
fn an_inbox_symlink_to_a_private_file_is_refused_named_and_never_read() {
    let (dir, root) = share();
    let private = dir.path().join("private.csv");
    fs::write(&private, "SECRET-FIRST-LINE,of a private file\n").expect("private");
    let allocations = root.join("caseload/inbox/W-0001/allocations");
    fs::create_dir_all(&allocations).expect("inbox");
    symlink(&private, allocations.join("allocations.csv")).expect("plant link");

    let scan = inbox_scan(&RealShare, &root, "W-0001", &HashSet::new()).expect("scan");
    assert!(scan.files.is_empty(), "nothing was read");
    assert_eq!(scan.refused.len(), 1);
    let message = scan.refused[0].message();
    assert!(
        message.starts_with("allocations.csv: ") && message.contains("symbolic link"),
        "{message}"
    );
    assert!(!message.contains("SECRET"));
}

#[test]
fn a_symlinked_inbox_folder_is_refused_and_not_listed() {
    let (dir, root) = share();
    let elsewhere = dir.path().join("home");
    fs::create_dir(&elsewhere).expect("elsewhere");
    fs::write(elsewhere.join("private.csv"), "SECRET\n").expect("private");
    fs::create_dir_all(root.join("caseload/inbox/W-0001")).expect("inbox");
    symlink(&elsewhere, root.join("caseload/inbox/W-0001/attendance")).expect("plant link");

    let scan = inbox_scan(&RealShare, &root, "W-0001", &HashSet::new()).expect("scan");
    assert!(scan.files.is_empty());
    assert_eq!(scan.refused.len(), 1);
    assert_eq!(scan.refused[0].name, "caseload/inbox/W-0001/attendance");
    assert!(scan.refused[0].reason.contains("symbolic link"));
}

#[test]
fn a_fifo_in_the_inbox_is_refused_without_waiting_on_it() {
    let (_dir, root) = share();
    let attendance = root.join("caseload/inbox/W-0001/attendance");
    fs::create_dir_all(&attendance).expect("inbox");
    mkfifo(&attendance.join("week-1.csv"));
    fs::write(attendance.join("week-2.csv"), "upn,mark\n").expect("file");

    // Opening a pipe for reading waits for a writer: this returning at all is the test.
    let scan = inbox_scan(&RealShare, &root, "W-0001", &HashSet::new()).expect("scan");
    let names: Vec<&str> = scan.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["week-2.csv"]);
    assert_eq!(scan.refused.len(), 1);
    assert_eq!(scan.refused[0].name, "week-1.csv");
    assert!(scan.refused[0].reason.contains("not a regular file"));
}

#[test]
fn a_file_already_read_with_the_same_name_size_and_time_is_not_read_again() {
    let (_dir, root) = share();
    let allocations = root.join("caseload/inbox/W-0001/allocations");
    fs::create_dir_all(&allocations).expect("inbox");
    fs::write(allocations.join("a.csv"), "upn\n").expect("file");

    let first = inbox_scan(&RealShare, &root, "W-0001", &HashSet::new()).expect("scan");
    assert_eq!(first.files.len(), 1);
    let known: HashSet<_> = first.files.iter().map(|f| f.stamp.clone()).collect();
    let second = inbox_scan(&RealShare, &root, "W-0001", &known).expect("scan");
    assert!(second.files.is_empty());
    assert_eq!(second.unchanged, 1);

    // Changed contents (a new size) are read again.
    fs::write(allocations.join("a.csv"), "upn,legal_name\n").expect("file");
    let third = inbox_scan(&RealShare, &root, "W-0001", &known).expect("scan");
    assert_eq!(third.files.len(), 1);
    assert_eq!(third.files[0].stamp.kind, InboxKind::Allocations);
}

#[test]
fn an_inbox_file_over_the_size_cap_is_refused_unread() {
    let (_dir, root) = share();
    let attendance = root.join("caseload/inbox/W-0001/attendance");
    fs::create_dir_all(&attendance).expect("inbox");
    let big = fs::File::create(attendance.join("huge.csv")).expect("file");
    big.set_len(MAX_INBOX_FILE_BYTES + 1).expect("sparse");

    let scan = inbox_scan(&RealShare, &root, "W-0001", &HashSet::new()).expect("scan");
    assert!(scan.files.is_empty());
    assert!(
        scan.refused[0].reason.contains("20 MiB"),
        "{:?}",
        scan.refused
    );
}

#[test]
fn inbox_names_with_terminal_escapes_are_escaped() {
    let (_dir, root) = share();
    let allocations = root.join("caseload/inbox/W-0001/allocations");
    fs::create_dir_all(&allocations).expect("inbox");
    fs::write(
        allocations.join("x\u{1b}]0;owned\u{7}\u{202e}.csv"),
        "upn\n",
    )
    .expect("file");

    let scan = inbox_scan(&RealShare, &root, "W-0001", &HashSet::new()).expect("scan");
    assert_eq!(scan.files[0].name, "x\\u{1b}]0;owned\\u{7}\\u{202e}.csv");
    assert!(!scan.files[0].name.contains('\u{1b}'));
}

#[test]
fn trusted_files_never_follow_a_symlinked_delivery_folder() {
    let (dir, root) = share();
    // A real delivery somewhere off the share, linked into it as a worker's folder.
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).expect("elsewhere");
    deliver(&RealShare, &elsewhere, &delivery("W-0002")).expect("delivered elsewhere");
    fs::create_dir_all(root.join("caseload/deliveries")).expect("deliveries");
    symlink(
        elsewhere.join("caseload/deliveries/W-0002"),
        root.join("caseload/deliveries/W-0002"),
    )
    .expect("plant link");

    let report = trusted_files(&RealShare, &root).expect("trust");
    assert!(
        report.trusted.is_empty(),
        "nothing through the link is believed"
    );
    assert_eq!(report.rejected.len(), 1);
    assert!(report.rejected[0].reason.contains("symbolic link"));
}

/// The real file system, except that every inbox file grows straight after it is read: a
/// council process still writing it.
struct GrowsWhileRead;

impl Changes for GrowsWhileRead {
    fn read_capped(&self, path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
        let bytes = RealShare.read_capped(path, max)?;
        let mut file = fs::OpenOptions::new().append(true).open(path)?;
        std::io::Write::write_all(&mut file, b"SYN0002,more\n")?;
        Ok(bytes)
    }
}

#[test]
fn a_file_that_changes_while_it_is_read_is_left_for_the_next_round() {
    let (_dir, root) = share();
    let attendance = root.join("caseload/inbox/W-0001/attendance");
    fs::create_dir_all(&attendance).expect("inbox");
    fs::write(attendance.join("week-1.csv"), "upn,mark\nSYN0001,/\n").expect("file");

    let scan =
        inbox_scan(&Changed(GrowsWhileRead), &root, "W-0001", &HashSet::new()).expect("scan");
    assert!(scan.files.is_empty(), "nothing half-read is handed on");
    assert_eq!(scan.refused.len(), 1);
    assert!(scan.refused[0].later);
    assert!(
        scan.refused[0]
            .message()
            .starts_with("week-1.csv: changed while Caseload was reading it"),
        "{:?}",
        scan.refused
    );
}
