//! `caseload backup` and `caseload restore`, and a backup killed part-way.

mod common;

use std::fs;
use std::path::Path;
use std::time::Duration;

use common::*;
use predicates::prelude::*;

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_backup_restored_with_the_cli_gives_the_same_cases() {
    let d = tempfile::tempdir().expect("tmp");
    let data = d.path().join("data");
    let out = d.path().join("backups");
    fs::create_dir_all(&out).expect("mkdir");
    init(&data);
    add(&data, "B801200005001");
    add(&data, "Q801200005002");
    let made = json_of(
        caseload(&data)
            .args(["backup", "--json", "--out"])
            .arg(&out),
    );
    let path = made["path"].as_str().expect("path").to_string();
    assert!(made["verified"].as_bool().expect("verified"));
    assert!(Path::new(&path).starts_with(&out));

    caseload(&data)
        .args(["backup", "--list"])
        .assert()
        .success()
        .stdout(predicate::str::contains(&path).and(predicate::str::contains("verified")));

    let new = d.path().join("new-laptop");
    caseload(&new)
        .args(["restore", &path])
        .assert()
        .success()
        .stdout(predicate::str::contains("Restored"));
    let before = json_of(caseload(&data).args(["case", "list", "--json"]));
    let after = json_of(caseload(&new).args(["case", "list", "--json"]));
    assert_eq!(before, after);
    assert_eq!(after.as_array().expect("cases").len(), 2);

    // Never over an existing caseload, and never with the wrong passphrase.
    caseload(&data)
        .args(["restore", &path])
        .assert()
        .failure()
        .stderr(predicate::str::contains("already exists"));
    let other = d.path().join("other");
    caseload(&other)
        .env("CASELOAD_PASSPHRASE", "not the passphrase")
        .args(["restore", &path])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "passphrase does not open this backup",
        ));
    assert!(!other.exists());
}

#[test]
fn a_backup_killed_before_it_is_finished_leaves_no_finished_looking_file() {
    let d = tempfile::tempdir().expect("tmp");
    let data = d.path().join("data");
    let out = d.path().join("backups");
    fs::create_dir_all(&out).expect("mkdir");
    init(&data);
    add(&data, "B801200005001");
    caseload(&data)
        .args(["backup", "--out"])
        .arg(&out)
        .assert()
        .success();
    let finished_before = names_in(&out);
    let index_before = fs::read(data.join("backups.json")).expect("index");

    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("caseload"))
        .arg("--data-dir")
        .arg(&data)
        .args(["backup", "--out"])
        .arg(&out)
        .env("CASELOAD_PASSPHRASE", PASS)
        .env("CASELOAD_FAULT_BACKUP_STALL", "before-rename")
        .env_remove("CASELOAD_DATA_DIR")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    // Wait until the .partial file is written (its size stops changing), then SIGKILL.
    let partial = || {
        names_in(&out)
            .into_iter()
            .find(|n| n.ends_with(".partial"))
            .and_then(|n| fs::metadata(out.join(n)).ok())
            .map(|m| m.len())
    };
    let mut last = None;
    for _ in 0..600 {
        let now = partial();
        if now.is_some() && now == last {
            break;
        }
        last = now;
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(last.is_some(), "the backup never started writing");
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");

    let after: Vec<String> = names_in(&out);
    let finished: Vec<&String> = after.iter().filter(|n| !n.ends_with(".partial")).collect();
    assert_eq!(
        finished,
        finished_before.iter().collect::<Vec<_>>(),
        "no new finished-looking file"
    );
    assert_eq!(
        fs::read(data.join("backups.json")).expect("index"),
        index_before,
        "the list of backups is unchanged"
    );

    // The killed backup's encrypted work copy goes at the next unlock, not an hour later.
    let work = || {
        names_in(&data)
            .into_iter()
            .filter(|n| n.starts_with(".backup-"))
            .collect::<Vec<_>>()
    };
    assert_eq!(work().len(), 1, "the killed backup left its work copy");
    caseload(&data).args(["case", "list"]).assert().success();
    assert_eq!(work(), Vec::<String>::new(), "removed at the next unlock");

    // The caseload still opens, and the next backup clears the leftover.
    caseload(&data)
        .args(["backup", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert!(names_in(&out).iter().all(|n| !n.ends_with(".partial")));
    assert_eq!(names_in(&out).len(), finished_before.len() + 1);
}
