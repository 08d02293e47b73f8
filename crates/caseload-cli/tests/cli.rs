//! The built `caseload` binary, run as a script or an analyst would run it.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const PASS: &str = "correct horse battery";

fn caseload(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("caseload").expect("binary");
    cmd.arg("--data-dir")
        .arg(dir)
        .env("CASELOAD_PASSPHRASE", PASS)
        .env_remove("CASELOAD_DATA_DIR");
    cmd
}

fn init(dir: &std::path::Path) {
    caseload(dir)
        .arg("init")
        .assert()
        .success()
        .stdout(predicate::str::contains("Created an encrypted caseload"));
}

fn add(dir: &std::path::Path, upn: &str) -> Value {
    let out = caseload(dir)
        .args([
            "case",
            "add",
            "--legal-name",
            "Testpupil Zebedee-Quux",
            "--preferred-name",
            "Zeb",
            "--dob",
            "2014-03-27",
        ])
        .args([
            "--upn",
            upn,
            "--school-urn",
            "100000",
            "--school-name",
            "Synthetic Primary School",
            "--year-group",
            "7",
            "--json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("json")
}

fn json_of(cmd: &mut Command) -> Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("json")
}

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
    let id = add(dir.path(), "B801200005001")["id"]
        .as_str()
        .expect("id")
        .to_string();
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

#[test]
fn a_case_moves_through_its_lifecycle_and_counts_in_the_funnel() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let added = json_of(
        caseload(dir.path())
            .args([
                "case",
                "add",
                "--legal-name",
                "Testpupil Funnel",
                "--dob",
                "2014-03-27",
                "--upn",
                "B801200005001",
            ])
            .args([
                "--school-urn",
                "100000",
                "--school-name",
                "Synthetic Primary School",
                "--phase",
                "primary",
            ])
            .args([
                "--year-group",
                "5",
                "--referral-source",
                "School",
                "--referral-date",
                "2026-09-07",
                "--json",
            ]),
    );
    let id = added["id"].as_str().expect("id").to_string();
    assert_eq!(added["status"], "referred");
    caseload(dir.path())
        .args([
            "case",
            "transition",
            &id,
            "allocate",
            "--on",
            "2026-09-08",
            "--team",
            "afsw",
            "--worker",
            "A. Worker",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "Accept the case at triage before allocating it",
        ));
    for args in [
        vec!["accept", "--on", "2026-09-08"],
        vec![
            "allocate",
            "--on",
            "2026-09-09",
            "--team",
            "afsw",
            "--worker",
            "A. Worker",
        ],
        vec!["start-cycle", "--on", "2026-09-14"],
    ] {
        caseload(dir.path())
            .args(["case", "transition", &id])
            .args(&args)
            .assert()
            .success();
    }
    for (as_at, present) in [("2026-09-07", "70"), ("2026-10-19", "92")] {
        caseload(dir.path())
            .args([
                "attendance",
                "record",
                &id,
                "--as-at",
                as_at,
                "--possible",
                "100",
                "--present",
                present,
            ])
            .args(["--authorised", "5", "--unauthorised", "3"])
            .assert()
            .success();
    }
    let dashboard = json_of(caseload(dir.path()).args(["dashboard", "--json"]));
    assert_eq!(dashboard["rows"][0]["attendance_pct"], 92.0);
    assert_eq!(dashboard["rows"][0]["trend"], "up");
    caseload(dir.path())
        .args([
            "case",
            "transition",
            &id,
            "close",
            "--on",
            "2026-10-26",
            "--note",
            "Cycle complete",
        ])
        .assert()
        .success();
    let funnel = json_of(caseload(dir.path()).args([
        "report",
        "funnel",
        "--from",
        "2026-09-01",
        "--to",
        "2026-12-19",
        "--json",
    ]));
    let row = |key: &str| {
        funnel["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r["key"] == key)
            .expect("row")
            .clone()
    };
    assert_eq!(row("cases_accepted")["primary"], 1);
    assert_eq!(row("closed_improved")["total"], 1);
    assert_eq!(funnel["improved_pct"][2], 100.0);
}

#[test]
fn demo_fills_a_caseload_with_synthetic_cases_spread_over_the_lifecycle() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    caseload(dir.path())
        .args(["demo", "--pupils", "40"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Added 40"));
    let list = json_of(caseload(dir.path()).args(["case", "list", "--json"]));
    let list = list.as_array().expect("array");
    assert_eq!(list.len(), 40);
    let statuses: std::collections::HashSet<&str> =
        list.iter().filter_map(|c| c["status"].as_str()).collect();
    assert!(statuses.len() >= 4, "statuses: {statuses:?}");
    assert!(
        list.iter()
            .all(|c| c["upn"].as_str().is_some_and(|u| &u[1..4] == "999"))
    );
    let dashboard = json_of(caseload(dir.path()).args(["dashboard", "--json"]));
    assert!(!dashboard["rows"].as_array().expect("rows").is_empty());
}

#[test]
fn chronology_entries_are_added_corrected_and_listed_from_the_cli() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let id = add(dir.path(), "B801200005001")["id"]
        .as_str()
        .expect("id")
        .to_string();
    let first = json_of(
        caseload(dir.path())
            .args([
                "chronology",
                "add",
                &id,
                "--kind",
                "home-visit",
                "--at",
                "2026-11-20 14:30",
            ])
            .args([
                "--who",
                "Parent and worker",
                "--what",
                "Visit: mornings are hard",
                "--json",
            ]),
    );
    let original = first[0]["id"].as_str().expect("entry id").to_string();
    caseload(dir.path())
        .args([
            "chronology",
            "add",
            &id,
            "--kind",
            "home-visit",
            "--at",
            "2026-11-20 14:30",
        ])
        .args([
            "--who",
            "Parent and worker",
            "--what",
            "Visit: mornings and evenings are hard",
            "--corrects",
            &original,
        ])
        .assert()
        .success();
    let list = json_of(caseload(dir.path()).args(["chronology", "list", &id, "--json"]));
    assert_eq!(list.as_array().expect("array").len(), 2);
    assert_eq!(list[0]["what"], "Visit: mornings are hard");
    assert_eq!(list[1]["corrects"], original.as_str());
    caseload(dir.path())
        .args([
            "chronology",
            "add",
            &id,
            "--kind",
            "telepathy",
            "--at",
            "2026-11-20 14:30",
            "--who",
            "x",
            "--what",
            "y",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("kind: Use home-visit"));
}

#[test]
fn a_plan_with_a_target_and_actions_is_set_and_shown_from_the_cli() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let id = add(dir.path(), "B801200005001")["id"]
        .as_str()
        .expect("id")
        .to_string();
    let plan = json_of(
        caseload(dir.path())
            .args([
                "plan",
                "set",
                &id,
                "--barrier",
                "semh-ebsa",
                "--barrier",
                "transport",
                "--target",
                "95",
                "--by",
                "2027-02-12",
            ])
            .args(["--review", "2027-01-15", "--json"]),
    );
    assert_eq!(
        plan["barriers"],
        serde_json::json!(["semh_ebsa", "transport"])
    );
    let plan = json_of(caseload(dir.path()).args([
        "plan",
        "action",
        &id,
        "--what",
        "Arrange bus pass",
        "--owner",
        "School",
        "--due",
        "2027-01-08",
        "--json",
    ]));
    let action = plan["actions"][0]["id"]
        .as_str()
        .expect("action id")
        .to_string();
    let plan = json_of(caseload(dir.path()).args([
        "plan",
        "action-status",
        &id,
        &action,
        "done",
        "--json",
    ]));
    assert_eq!(plan["actions"][0]["status"], "done");
    caseload(dir.path())
        .args(["plan", "set", &id, "--barrier", "weather"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("barriers:"));
}

#[test]
fn a_family_with_carers_and_a_sibling_is_recorded_from_the_cli() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let pupil = add(dir.path(), "B801200005001")["id"]
        .as_str()
        .expect("id")
        .to_string();
    let sibling = add(dir.path(), "P207000016049")["id"]
        .as_str()
        .expect("id")
        .to_string();
    caseload(dir.path())
        .args([
            "family",
            "carer-add",
            &pupil,
            "--name",
            "Parentone Demofam",
            "--relationship",
            "Mother",
            "--parental-responsibility",
        ])
        .assert()
        .success();
    caseload(dir.path())
        .args(["family", "sibling", &pupil, &sibling])
        .assert()
        .success();
    caseload(dir.path())
        .args([
            "family",
            "child-add",
            &pupil,
            "--name",
            "Littleone Demofam",
            "--school",
            "Demo Nursery",
        ])
        .assert()
        .success();
    let view = json_of(caseload(dir.path()).args(["family", "show", &sibling, "--json"]));
    assert_eq!(view["family"]["carers"][0]["parental_responsibility"], true);
    assert_eq!(view["family"]["siblings"][0]["case_id"], pupil.as_str());
    assert_eq!(
        view["family"]["other_children"][0]["name"],
        "Littleone Demofam"
    );
}
