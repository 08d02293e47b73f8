//! Faults around a sync, through the use cases: odd entries in the inbox never block the
//! rest, a file refused for its headers is tried again once the worker saves a mapping, the
//! same bytes in two folders are named, a relative share folder is refused, two syncs at
//! once deliver once, and a caseload held by another writer gives a clear message within
//! seconds while short writes from two handles (the app and the CLI) all land.
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use caseload_app::exchange::{SyncReport, SyncRequest};
use caseload_app::imports::{ImportKindView, ImportMappingSetRequest};
use caseload_app::session::{self, UnlockRequest};
use caseload_app::{AppError, Caseload, KdfProfile, exchange, imports};
use common::share::{demo, files_under, queue, worker};

fn upn(rest: &str) -> String {
    format!(
        "{}{rest}",
        caseload_domain::upn::check_letter(rest.as_bytes()).expect("letter")
    )
}

fn inbox(share: &Path, sub: &str) -> PathBuf {
    let dir = share.join("caseload/inbox/aw-9").join(sub);
    std::fs::create_dir_all(&dir).expect("inbox");
    dir
}

fn set_up() -> (tempfile::TempDir, Caseload, PathBuf) {
    let (dir, cx) = common::created();
    let share = dir.path().join("share");
    std::fs::create_dir_all(&share).expect("share");
    worker(&cx, "aw-9", &share);
    (dir, cx, share)
}

fn sync(cx: &Caseload) -> SyncReport {
    exchange::sync(cx, SyncRequest::default()).expect("sync")
}

/// A second handle on the same data folder: what a CLI run is next to the app.
fn second(dir: &Path) -> Caseload {
    let cx = Caseload::new(dir.join("data"), KdfProfile::InsecureForTests);
    session::unlock(
        &cx,
        UnlockRequest {
            passphrase: "correct horse battery".into(),
        },
    )
    .expect("unlock");
    cx
}

const ALLOCATION: &str = "upn,legal_name,date_of_birth,school_urn,school_name,year_group\n";

#[test]
fn odd_inbox_entries_are_named_and_skipped_and_the_good_file_is_still_taken() {
    let (_dir, cx, share) = set_up();
    let dir = inbox(&share, "allocations");
    std::os::unix::fs::symlink("loop.csv", dir.join("loop.csv")).expect("loop");
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.csv")).expect("zero");
    let fifo = dir.join("pipe.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    // (A mode-000 file is readable by root, which these tests run as, so it is no fault here.)
    std::fs::write(
        dir.join("z-good.csv"),
        format!(
            "{ALLOCATION}{},Testpupil Odd,2014-03-27,100000,Synthetic School,7\n",
            upn("801200007001")
        ),
    )
    .expect("good");
    let started = Instant::now();
    let report = sync(&cx);
    assert!(started.elapsed() < Duration::from_secs(10), "no hang");
    assert_eq!(
        (report.inbox_taken, report.inbox_refused),
        (1, 3),
        "{:?}",
        report.messages
    );
    for name in ["loop.csv", "zero.csv", "pipe.csv"] {
        assert!(
            report
                .messages
                .iter()
                .any(|m| m.starts_with(name) && m.contains("not read")),
            "{name}: {:?}",
            report.messages
        );
    }
    assert_eq!(report.proposals_open, 1);
}

#[test]
fn a_file_refused_for_its_headers_is_taken_after_the_worker_saves_the_mapping() {
    let (_dir, cx, share) = set_up();
    common::add(&cx, &upn("801200007002"), "primary", 30);
    let text = format!(
        "Pupil number,Day,AM or PM,Mark\n{},{},AM,/\n",
        upn("801200007002"),
        common::ago(3)
    );
    std::fs::write(inbox(&share, "attendance").join("marks.csv"), &text).expect("drop");
    let first = sync(&cx);
    assert_eq!(
        (first.inbox_taken, first.inbox_refused),
        (0, 1),
        "{:?}",
        first.messages
    );
    // Unchanged, it is not read again while nothing changed.
    assert_eq!(sync(&cx).inbox_refused, 0);

    let mapping: BTreeMap<String, String> = [
        ("upn", "Pupil number"),
        ("date", "Day"),
        ("session", "AM or PM"),
        ("code", "Mark"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    imports::import_mapping_set(
        &cx,
        ImportMappingSetRequest {
            kind: ImportKindView::Marks,
            mapping,
        },
    )
    .expect("mapping");
    let again = sync(&cx);
    assert_eq!(
        (again.inbox_taken, again.inbox_refused),
        (1, 0),
        "{:?}",
        again.messages
    );
    assert!(
        again.messages[0].contains("1 session marks taken in"),
        "{:?}",
        again.messages
    );
}

#[test]
fn the_same_bytes_in_two_inbox_folders_are_named_not_skipped_silently() {
    let (_dir, cx, share) = set_up();
    let text = format!(
        "{ALLOCATION}{},Testpupil Twice,2014-03-27,100000,Synthetic School,7\n",
        upn("801200007003")
    );
    std::fs::write(inbox(&share, "allocations").join("week.csv"), &text).expect("a");
    std::fs::write(inbox(&share, "attendance").join("copy.csv"), &text).expect("b");
    let report = sync(&cx);
    assert_eq!(report.inbox_taken, 1, "{:?}", report.messages);
    assert!(
        report.messages.iter().any(|m| m
            == "attendance/copy.csv: not taken again: the same contents were already imported from allocations/week.csv"),
        "{:?}",
        report.messages
    );
}

#[test]
fn a_relative_share_folder_is_refused_like_settings_refuses_it() {
    let (_dir, cx, _share) = set_up();
    let err = exchange::sync_to(&cx, SyncRequest::default(), Some("relative/share"))
        .expect_err("relative");
    assert_eq!(common::field_names(&err), ["share_folder"], "{err}");
    let AppError::Validation { fields, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(fields[0].message.contains("full path"), "{fields:?}");
    assert!(
        !Path::new("relative").exists(),
        "nothing made in the working folder"
    );
}

#[test]
fn two_syncs_at_once_both_succeed_and_deliver_each_export_once() {
    let (dir, cx) = demo(17);
    let share = dir.path().join("share");
    std::fs::create_dir_all(&share).expect("share");
    worker(&cx, "aw-9", &share);
    for kind in ["funnel", "closures"] {
        queue(&cx, kind, &["csv"]);
    }
    let other = second(dir.path());
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| exchange::sync(&cx, SyncRequest::default()));
        let b = s.spawn(|| exchange::sync(&other, SyncRequest::default()));
        (a.join().expect("a"), b.join().expect("b"))
    });
    let (a, b) = (a.expect("first sync"), b.expect("second sync"));
    assert_eq!(
        (a.failed, b.failed),
        (0, 0),
        "{:?} {:?}",
        a.messages,
        b.messages
    );
    assert_eq!(a.delivered + b.delivered, 2, "each export delivered once");
    let manifests = files_under(&share)
        .into_iter()
        .filter(|p| p.ends_with("manifest.json"))
        .count();
    assert_eq!(manifests, 2);
    assert!(
        files_under(&share)
            .iter()
            .all(|p| !p.to_string_lossy().contains(".part-")),
        "no temp file left"
    );
}

#[test]
fn a_caseload_held_by_another_writer_is_named_within_seconds() {
    let (dir, cx) = common::created();
    let data = dir.path().join("data");
    let holder = caseload_store::Store::unlock(
        &data,
        &caseload_domain::Passphrase::new("correct horse battery".into()),
    )
    .expect("second handle");
    let (held_tx, held_rx) = std::sync::mpsc::channel();
    let waiter = std::thread::spawn(move || {
        let mut holder = holder;
        holder
            .write(caseload_store::Action::SettingsUpdate, |_| {
                held_tx.send(()).expect("held");
                std::thread::sleep(Duration::from_secs(8));
                Ok(())
            })
            .expect("long write");
    });
    held_rx.recv().expect("holding");
    let started = Instant::now();
    let err = caseload_app::cases::case_add(&cx, common::new_case(common::input()))
        .expect_err("the caseload is held");
    let waited = started.elapsed();
    assert!(matches!(err, AppError::InUse { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("Another Caseload (the app or"),
        "{err}"
    );
    assert!(waited < Duration::from_secs(7), "answered in {waited:?}");
    waiter.join().expect("holder");
    // Once the other writer is done, the same write goes through.
    caseload_app::cases::case_add(&cx, common::new_case(common::input())).expect("added");
}

#[test]
fn the_app_and_the_cli_writing_at_once_both_land_every_write() {
    let (dir, app) = common::created();
    let cli = second(dir.path());
    let add = |cx: &Caseload, base: u32| {
        for n in 0..15 {
            let mut pupil = common::input();
            pupil.upn = upn(&format!("80120000{:04}", base + n));
            caseload_app::cases::case_add(cx, common::new_case(pupil)).expect("add");
        }
    };
    std::thread::scope(|s| {
        s.spawn(|| add(&app, 1000));
        s.spawn(|| add(&cli, 2000));
    });
    let listed = caseload_app::cases::case_list(&app, ()).expect("list");
    assert_eq!(listed.len(), 30);
}
