//! The app and the CLI on one caseload at once, as two real processes: this test process
//! stands for the desktop app (it drives the same `caseload_app` use cases the Tauri shell
//! calls, on its own unlocked handle) while the built `caseload` binary runs beside it.
//! Short writes from both all land; a long write in the app makes the CLI say so within
//! seconds, not hang, and the CLI's write goes through once the app is done.

mod common;

use std::path::Path;
use std::process::Command as StdCommand;
use std::time::{Duration, Instant};

use caseload_app::session::{self, UnlockRequest};
use caseload_app::{Caseload, KdfProfile};
use common::*;

fn upn(rest: &str) -> String {
    format!(
        "{}{rest}",
        caseload_domain::upn::check_letter(rest.as_bytes()).expect("letter")
    )
}

/// The desktop app's handle on the caseload the CLI made.
fn app(dir: &Path) -> Caseload {
    let cx = Caseload::new(dir, KdfProfile::Calibrated);
    cx.claim_data_dir().expect("the app claims its data folder");
    session::unlock(
        &cx,
        UnlockRequest {
            passphrase: PASS.into(),
        },
    )
    .expect("the app unlocks");
    cx
}

fn app_adds(cx: &Caseload, upn: String) {
    let pupil = caseload_app::cases::PupilInput {
        upn,
        legal_name: "Testpupil Appside".into(),
        preferred_name: None,
        date_of_birth: "2014-03-27".into(),
        school_urn: "100000".into(),
        school_name: "Synthetic Primary School".into(),
        school_phase: Some("primary".into()),
        year_group: "7".into(),
    };
    caseload_app::cases::case_add(
        cx,
        caseload_app::cases::CaseAddRequest {
            pupil,
            ..Default::default()
        },
    )
    .expect("the app's write lands");
}

/// `caseload case add` as its own process (not waited for).
fn cli_add(dir: &Path, upn: &str) -> std::process::Child {
    StdCommand::new(assert_cmd::cargo::cargo_bin("caseload"))
        .arg("--data-dir")
        .arg(dir)
        .env("CASELOAD_PASSPHRASE", PASS)
        .env_remove("CASELOAD_DATA_DIR")
        .args(["case", "add", "--legal-name", "Testpupil Cliside"])
        .args([
            "--dob",
            "2014-03-27",
            "--upn",
            upn,
            "--school-urn",
            "100000",
        ])
        .args([
            "--school-name",
            "Synthetic Primary School",
            "--year-group",
            "7",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("caseload runs")
}

#[test]
fn short_writes_from_the_app_and_cli_processes_at_once_all_land() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let cx = app(dir.path());
    std::thread::scope(|s| {
        s.spawn(|| {
            for n in 0..12 {
                app_adds(&cx, upn(&format!("80120001{n:04}")));
            }
        });
        // Three CLI processes at a time, four rounds, while the app writes.
        for round in 0..4 {
            let children: Vec<_> = (0..3)
                .map(|k| cli_add(dir.path(), &upn(&format!("80120002{:04}", round * 3 + k))))
                .collect();
            for child in children {
                let out = child.wait_with_output().expect("waited");
                assert!(
                    out.status.success(),
                    "a CLI write failed beside the app: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
    });
    let listed = caseload_app::cases::case_list(&cx, ()).expect("the app lists");
    assert_eq!(listed.len(), 24, "12 from the app, 12 from the CLI");
    let from_cli = json_of(caseload(dir.path()).args(["case", "list", "--json"]));
    assert_eq!(from_cli.as_array().expect("list").len(), 24);
}

#[test]
fn a_long_write_in_the_app_makes_the_cli_say_so_within_seconds() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let cx = app(dir.path());
    // The app's store, holding a write open (as a long import does) until the CLI has answered.
    let mut held =
        caseload_store::Store::unlock(dir.path(), &caseload_domain::Passphrase::new(PASS.into()))
            .expect("the app's store");
    let (held_tx, held_rx) = std::sync::mpsc::channel();
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    std::thread::scope(|s| {
        s.spawn(move || {
            held.write(caseload_store::Action::SettingsUpdate, |_| {
                held_tx.send(()).expect("held");
                let _ = done_rx.recv_timeout(Duration::from_secs(30));
                Ok(())
            })
            .expect("the app's long write");
        });
        held_rx.recv().expect("the app holds the caseload");
        let started = Instant::now();
        let out = cli_add(dir.path(), &upn("801200030001"))
            .wait_with_output()
            .expect("waited");
        let waited = started.elapsed();
        done_tx.send(()).expect("release");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success(),
            "the CLI cannot write while the app does"
        );
        assert!(
            stderr.contains("Another Caseload (the app or"),
            "says who holds it: {stderr}"
        );
        assert!(
            waited < Duration::from_secs(15),
            "answered in {waited:?}, not a hang"
        );
    });
    // Once the app is done, the same CLI write goes through.
    let out = cli_add(dir.path(), &upn("801200030001"))
        .wait_with_output()
        .expect("waited");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        caseload_app::cases::case_list(&cx, ()).expect("list").len(),
        1
    );
}
