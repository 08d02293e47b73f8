//! The built `caseload` binary, run as a script or an analyst would run it.

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::Value;

#[test]
fn a_case_added_from_the_cli_is_listed_and_shown_as_json() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let added = add(dir.path(), "B801200005001");
    let list = json_of(caseload(dir.path()).args(["case", "list", "--json"]));
    assert_eq!(list.as_array().expect("array").len(), 1);
    assert_eq!(list[0]["id"], added["id"]);
    assert_eq!(list[0]["upn"], "B801200005001");
    let id = added["id"].as_str().expect("id");
    let shown = json_of(caseload(dir.path()).args(["case", "show", id, "--json"]));
    assert_eq!(shown["pupil"]["preferred_name"], "Zeb");
    assert_eq!(shown["pupil"]["date_of_birth"], "2014-03-27");
}

#[test]
fn editing_from_the_cli_changes_only_the_details_given() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let id = case_id(dir.path(), "B801200005001");
    let edited = json_of(caseload(dir.path()).args([
        "case",
        "edit",
        &id,
        "--year-group",
        "8",
        "--preferred-name",
        "",
        "--json",
    ]));
    assert_eq!(edited["pupil"]["year_group"], 8);
    assert_eq!(edited["pupil"]["preferred_name"], Value::Null);
    assert_eq!(edited["pupil"]["legal_name"], "Testpupil Zebedee-Quux");
}

#[test]
fn invalid_input_fails_with_one_line_naming_each_field() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let assert = caseload(dir.path())
        .args([
            "case",
            "add",
            "--legal-name",
            "",
            "--dob",
            "2999-01-01",
            "--upn",
            "A801200005001",
        ])
        .args([
            "--school-urn",
            "100000",
            "--school-name",
            "Synthetic Primary School",
            "--year-group",
            "7",
        ])
        .assert()
        .failure();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).expect("utf8");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.contains("legal_name:")
            && stderr.contains("date_of_birth:")
            && stderr.contains("upn:")
    );
    let list = json_of(caseload(dir.path()).args(["case", "list", "--json"]));
    assert_eq!(list, Value::Array(vec![]));
}

#[test]
fn a_date_typed_as_the_app_takes_it_is_refused_with_the_command_lines_own_example() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let assert = caseload(dir.path())
        .args(["case", "add", "--legal-name", "Testpupil Quux"])
        .args(["--dob", "23 11 2014", "--upn", "B801200005001"])
        .args([
            "--school-urn",
            "100000",
            "--school-name",
            "Synthetic Primary School",
        ])
        .args(["--year-group", "7"])
        .assert()
        .failure()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).expect("utf8");
    assert!(stderr.contains("--dob"), "names the option: {stderr}");
    assert!(stderr.contains("like 2026-11-23"), "{stderr}");
    assert!(
        !stderr.contains("23 11 2026"),
        "not the app's example: {stderr}"
    );
    let list = json_of(caseload(dir.path()).args(["case", "list", "--json"]));
    assert_eq!(list, Value::Array(vec![]));
}

#[test]
fn a_wrong_passphrase_fails_without_output_on_stdout() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    caseload(dir.path())
        .env("CASELOAD_PASSPHRASE", "not the passphrase")
        .args(["case", "list", "--json"])
        .assert()
        .failure()
        .stdout("")
        .stderr(predicate::str::contains("passphrase is not correct"));
}

#[test]
fn after_four_wrong_passphrases_the_cli_waits_like_the_app_even_for_the_right_one() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    for _ in 0..4 {
        caseload(dir.path())
            .env("CASELOAD_PASSPHRASE", "not the passphrase")
            .args(["case", "list", "--json"])
            .assert()
            .failure()
            .stderr(predicate::str::contains("passphrase is not correct"));
    }
    let file = dir.path().join("unlock-attempts.json");
    let attempts: Value =
        serde_json::from_slice(&std::fs::read(&file).expect("read")).expect("json");
    assert_eq!(attempts["failures"], 4);
    // Ten failures, the last one "in the future" (a clock set back): the wait is the rule's
    // full 128 seconds whatever the time now, so the test does not depend on how fast it runs.
    std::fs::write(
        &file,
        r#"{"failures": 10, "times": ["2999-01-01T00:00:00Z"]}"#,
    )
    .expect("write");
    caseload(dir.path())
        .args(["case", "list", "--json"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("caseload: Too many wrong passphrases. Try again in 128 seconds.\n");
}

#[test]
fn the_passphrase_can_come_from_a_file_and_never_from_an_argument() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let file = dir.path().join("pass.txt");
    std::fs::write(&file, format!("{PASS}\n")).expect("write");
    caseload(dir.path())
        .env_remove("CASELOAD_PASSPHRASE")
        .arg("--passphrase-file")
        .arg(&file)
        .args(["case", "list", "--json"])
        .assert()
        .success();
    caseload(dir.path())
        .env_remove("CASELOAD_PASSPHRASE")
        .args(["case", "list"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("CASELOAD_PASSPHRASE"));
    caseload(dir.path())
        .args(["--passphrase", PASS, "case", "list"])
        .assert()
        .failure();
}

#[test]
fn changing_the_passphrase_from_the_cli_keeps_the_cases() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    add(dir.path(), "B801200005001");
    caseload(dir.path())
        .env("CASELOAD_NEW_PASSPHRASE", "a brand new passphrase")
        .args(["passphrase", "change"])
        .assert()
        .success();
    caseload(dir.path())
        .args(["case", "list"])
        .assert()
        .failure();
    let list = json_of(
        caseload(dir.path())
            .env("CASELOAD_PASSPHRASE", "a brand new passphrase")
            .args(["case", "list", "--json"]),
    );
    assert_eq!(list.as_array().expect("array").len(), 1);
}

#[test]
fn passphrase_change_known_re_encrypts_so_the_old_key_file_opens_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    add(dir.path(), "B801200005001");
    let key = dir.path().join("caseload.key");
    let stolen = std::fs::read(&key).expect("key");
    caseload(dir.path())
        .env("CASELOAD_NEW_PASSPHRASE", "a brand new passphrase")
        .args(["passphrase", "change", "--known"])
        .assert()
        .success()
        .stdout(predicate::str::contains("re-encrypted under a new key"));
    let list = json_of(
        caseload(dir.path())
            .env("CASELOAD_PASSPHRASE", "a brand new passphrase")
            .args(["case", "list", "--json"]),
    );
    assert_eq!(list.as_array().expect("array").len(), 1);
    // The old key file back, with the old passphrase: the database no longer opens with it.
    std::fs::write(&key, &stolen).expect("plant");
    caseload(dir.path())
        .args(["case", "list"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("backup"));
}

#[test]
fn a_weak_passphrase_is_refused_by_init_with_the_reason() {
    let dir = tempfile::tempdir().expect("tmp");
    caseload(dir.path())
        .env("CASELOAD_PASSPHRASE", "password1234")
        .arg("init")
        .assert()
        .failure()
        .stderr(predicate::str::contains("too easy to guess"))
        .stderr(predicate::str::contains("password1234").not());
}

#[test]
fn init_refuses_to_overwrite_an_existing_caseload() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    caseload(dir.path())
        .arg("init")
        .assert()
        .failure()
        .stderr(predicate::str::contains("already exists"));
}

#[test]
fn call_runs_any_command_of_the_list_by_name() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    add(dir.path(), "P207000016049");
    let names = caseload(dir.path())
        .arg("commands")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let names = String::from_utf8(names).expect("utf8");
    assert!(names.lines().any(|l| l == "case_list"));
    let list = json_of(caseload(dir.path()).args(["call", "case_list"]));
    assert_eq!(list[0]["upn"], "P207000016049");
    caseload(dir.path())
        .args(["call", "case_get", "{not json"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not valid JSON"));
}

#[test]
fn reading_before_init_says_to_create_a_caseload() {
    let dir = tempfile::tempdir().expect("tmp");
    caseload(dir.path())
        .args(["case", "list", "--json"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("create one first"));
    let status = json_of(caseload(dir.path()).args(["status", "--json"]));
    assert_eq!(status["initialised"], false);
}

/// `caseload case list | head -1`: the reader has gone before the CLI writes, so every write
/// meets a closed pipe. Reading the pipe's end shut first makes that certain, not a race.
fn run_into_a_closed_pipe(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("caseload"));
    cmd.arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("CASELOAD_PASSPHRASE", PASS)
        .env_remove("CASELOAD_DATA_DIR")
        .stdout(writer)
        .stderr(std::process::Stdio::piped());
    cmd.output().expect("run caseload")
}

#[test]
fn output_into_a_closed_pipe_ends_quietly_with_success() {
    let dir = tempfile::tempdir().expect("temp dir");
    init(dir.path());
    add(dir.path(), "B801200005001");
    for args in [&["case", "list"][..], &["case", "list", "--json"][..]] {
        let out = run_into_a_closed_pipe(dir.path(), args);
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

#[test]
fn case_list_piped_to_head_prints_one_line_and_nothing_on_stderr() {
    let dir = tempfile::tempdir().expect("temp dir");
    init(dir.path());
    add(dir.path(), "B801200005001");
    let bin = assert_cmd::cargo::cargo_bin("caseload");
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{}' --data-dir '{}' case list | head -1",
            bin.display(),
            dir.path().display()
        ))
        .env("CASELOAD_PASSPHRASE", PASS)
        .env_remove("CASELOAD_DATA_DIR")
        .output()
        .expect("sh");
    assert!(out.status.success(), "{:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
