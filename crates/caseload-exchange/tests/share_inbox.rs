//! The worker's inbox on the shared drive: allocation and attendance files listed by folder
//! and name, with Office lock files, hidden and temp files and other formats skipped.

mod common;

use common::share_double::{Changed, Changes};

use std::fs;
use std::path::{Path, PathBuf};

use caseload_exchange::share::{FailureKind, InboxKind, RealShare, ShareFs, inbox, sha256_hex};

fn share() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("share");
    fs::create_dir(&root).expect("share root");
    (dir, root)
}

fn put(dir: &Path, name: &str, bytes: &[u8]) {
    fs::create_dir_all(dir).expect("folder");
    fs::write(dir.join(name), bytes).expect("write");
}

#[test]
fn the_inbox_lists_csv_and_xlsx_files_by_folder_then_name() {
    let (_dir, root) = share();
    let worker = root.join("caseload/inbox/W-0001");
    let allocations = worker.join("allocations");
    let attendance = worker.join("attendance");
    put(&allocations, "b-list.csv", b"ref\nSYN1\n");
    put(&allocations, "A-list.XLSX", b"PK synthetic");
    put(&attendance, "week-2.csv", b"ref,mark\nSYN1,/\n");
    put(&attendance, "week-1.Csv", b"ref,mark\nSYN1,N\n");

    let files = inbox(&RealShare, &root, "W-0001").expect("inbox");
    let listed: Vec<(InboxKind, &str)> = files.iter().map(|f| (f.kind, f.name.as_str())).collect();
    assert_eq!(
        listed,
        [
            (InboxKind::Allocations, "A-list.XLSX"),
            (InboxKind::Allocations, "b-list.csv"),
            (InboxKind::Attendance, "week-1.Csv"),
            (InboxKind::Attendance, "week-2.csv"),
        ]
    );
    assert_eq!(files[1].bytes, b"ref\nSYN1\n");
    assert_eq!(files[1].sha256, sha256_hex(b"ref\nSYN1\n"));
}

#[test]
fn lock_hidden_temp_and_other_files_are_skipped() {
    let (_dir, root) = share();
    let attendance = root.join("caseload/inbox/W-0001/attendance");
    put(&attendance, "week-1.xlsx", b"PK synthetic");
    put(&attendance, "~$week-1.xlsx", b"lock");
    put(&attendance, ".week-2.csv.part-0a0b", b"ref,ma");
    put(&attendance, ".hidden.csv", b"ref");
    put(&attendance, "notes.txt", b"text");
    put(&attendance, "old.xls", b"legacy");
    fs::create_dir_all(attendance.join("archive.csv")).expect("a folder named like a file");

    let files = inbox(&RealShare, &root, "W-0001").expect("inbox");
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["week-1.xlsx"]);
}

#[test]
fn missing_inbox_folders_are_empty_but_a_missing_share_is_unreachable() {
    let (dir, root) = share();
    assert!(
        inbox(&RealShare, &root, "W-0001")
            .expect("inbox")
            .is_empty()
    );
    put(
        &root.join("caseload/inbox/W-0001/allocations"),
        "a.csv",
        b"ref\n",
    );
    assert_eq!(inbox(&RealShare, &root, "W-0001").expect("inbox").len(), 1);

    let err = inbox(&RealShare, &dir.path().join("Z-drive"), "W-0001").expect_err("missing");
    assert_eq!(err.kind, FailureKind::Unreachable);
}

#[test]
fn another_workers_inbox_cannot_be_reached_through_the_worker_id() {
    let (_dir, root) = share();
    put(
        &root.join("caseload/inbox/W-0002/allocations"),
        "a.csv",
        b"ref\n",
    );
    let err = inbox(&RealShare, &root, "../W-0002").expect_err("refused");
    assert_eq!(err.kind, FailureKind::Refused);
}

/// The real share, except that one file is swapped for a pipe between Caseload looking at it
/// (`lstat` saw a plain file) and opening it (which refuses what is not a plain file).
struct SwappedAfterLooking;

impl SwappedAfterLooking {
    fn swapped(path: &Path) -> bool {
        path.file_name().is_some_and(|n| n == "swapped.csv")
    }
}

impl Changes for SwappedAfterLooking {
    fn read_capped(&self, path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
        if Self::swapped(path) {
            return Err(caseload_exchange::share::not_a_file(
                caseload_exchange::share::EntryKind::Other,
            ));
        }
        RealShare.read_capped(path, max)
    }
}

#[test]
fn a_file_swapped_for_a_pipe_after_it_was_looked_at_is_named_and_the_rest_still_read() {
    let (_dir, root) = share();
    let allocations = root.join("caseload/inbox/W-0001/allocations");
    put(&allocations, "good.csv", b"ref\nSYN1\n");
    put(&allocations, "swapped.csv", b"ref\nSYN2\n");
    let scan = caseload_exchange::share::inbox_scan(
        &Changed(SwappedAfterLooking),
        &root,
        "W-0001",
        &std::collections::HashSet::new(),
    )
    .expect("one odd entry does not fail the inbox");
    let read: Vec<&str> = scan.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(read, ["good.csv"]);
    let refused: Vec<String> = scan.refused.iter().map(|r| r.message()).collect();
    assert_eq!(
        refused,
        ["swapped.csv: refused, not read: it is not a regular file (a pipe, device or socket)"]
    );
}
