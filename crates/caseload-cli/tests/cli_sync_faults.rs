//! `caseload sync` as scripts run it when things go wrong: odd inbox entries are named and
//! make the exit code non-zero without holding up the rest, a relative `--share` is refused
//! as Settings refuses it, and several syncs of one caseload at once all succeed and deliver
//! each export exactly once (each used to remove the others' temp files in flight).
#![cfg(unix)]

mod common;

use std::time::{Duration, Instant};

use common::*;
use predicates::prelude::*;

fn set_up(dir: &std::path::Path, share: &std::path::Path) {
    init(dir);
    share_as(dir, "aw-sync", Some(share));
}

#[test]
fn odd_inbox_entries_are_named_exit_non_zero_and_do_not_block_the_good_file() {
    let (dir, share) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("share"),
    );
    set_up(dir.path(), share.path());
    let inbox = share.path().join("caseload/inbox/aw-sync/allocations");
    std::fs::create_dir_all(&inbox).expect("inbox");
    std::os::unix::fs::symlink("loop.csv", inbox.join("loop.csv")).expect("loop");
    std::os::unix::fs::symlink("/dev/zero", inbox.join("zero.csv")).expect("zero");
    let made = std::process::Command::new("mkfifo")
        .arg(inbox.join("pipe.csv"))
        .status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let upn = format!(
        "{}801200006001",
        caseload_domain::upn::check_letter(b"801200006001").expect("letter")
    );
    std::fs::write(
        inbox.join("good.csv"),
        format!(
            "upn,legal_name,date_of_birth,school_urn,school_name,year_group\n\
             {upn},Clipupil Gamma-Synthetic,2014-02-01,100001,Elm Primary,6\n"
        ),
    )
    .expect("good");
    let started = Instant::now();
    let out = caseload(dir.path())
        .arg("sync")
        .timeout(Duration::from_secs(20))
        .output()
        .expect("sync");
    assert!(started.elapsed() < Duration::from_secs(10), "no hang");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stdout.contains("1 taken, 3 refused"), "{stdout}");
    for name in ["loop.csv", "zero.csv", "pipe.csv"] {
        assert!(
            stdout.contains(&format!("{name}: refused, not read")),
            "{stdout}"
        );
    }
    assert!(stderr.contains("3 inbox entries were refused"), "{stderr}");
    let proposals = json_of(caseload(dir.path()).args(["inbox", "proposals", "--json"]));
    assert_eq!(proposals.as_array().map(Vec::len), Some(1));
}

#[test]
fn a_relative_share_is_refused_like_settings_refuses_it() {
    let dir = tempfile::tempdir().expect("dir");
    let share = tempfile::tempdir().expect("share");
    set_up(dir.path(), share.path());
    let work = tempfile::tempdir().expect("cwd");
    std::fs::create_dir_all(work.path().join("relative/share")).expect("a folder that exists");
    caseload(dir.path())
        .current_dir(work.path())
        .args(["sync", "--share", "relative/share"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("full path"));
    let inside: Vec<_> = std::fs::read_dir(work.path().join("relative/share"))
        .expect("list")
        .collect();
    assert!(inside.is_empty(), "nothing delivered to a relative folder");
}

#[test]
fn several_syncs_of_one_caseload_at_once_all_succeed_and_deliver_once() {
    let (dir, share) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("share"),
    );
    set_up(dir.path(), share.path());
    caseload(dir.path())
        .args(["demo", "--pupils", "10", "--seed", "31"])
        .assert()
        .success();
    for format in ["csv", "xlsx", "pdf"] {
        caseload(dir.path())
            .args([
                "export",
                "funnel",
                "--format",
                format,
                "--from",
                "2020-01-01",
            ])
            .assert()
            .success();
    }
    let bin = assert_cmd::cargo::cargo_bin("caseload");
    let children: Vec<_> = (0..6)
        .map(|_| {
            std::process::Command::new(&bin)
                .arg("--data-dir")
                .arg(dir.path())
                .arg("sync")
                .env("CASELOAD_PASSPHRASE", PASS)
                .env_remove("CASELOAD_DATA_DIR")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let mut delivered = 0;
    for child in children {
        let out = child.wait_with_output().expect("wait");
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(out.status.success(), "{stdout}{stderr}");
        let n: u32 = stdout
            .strip_prefix("Delivered ")
            .and_then(|s| s.split(',').next())
            .and_then(|n| n.parse().ok())
            .expect("count");
        delivered += n;
    }
    assert_eq!(delivered, 3, "each export delivered by exactly one sync");
    let list = json_of(caseload(dir.path()).args(["outbox", "list", "--json"]));
    assert_eq!(list["delivered"], 3);
    let mut stack = vec![share.path().to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("list") {
            let p = e.expect("entry").path();
            assert!(!p.to_string_lossy().contains(".part-"), "temp left: {p:?}");
            if p.is_dir() {
                stack.push(p);
            }
        }
    }
}
