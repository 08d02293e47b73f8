//! The built `caseload` binary on the case record: lifecycle, funnel, chronology, plan, family, demo.

mod common;

use common::*;
use predicates::prelude::*;

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

#[test]
fn a_link_school_is_set_and_listed_from_the_cli() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    caseload(dir.path())
        .args([
            "school",
            "set",
            "--urn",
            "100321",
            "--name",
            "Testschool Orchard Academy",
            "--phase",
            "secondary",
        ])
        .args([
            "--champion",
            "Champion Demo",
            "--champion-email",
            "champion@example.com",
        ])
        .assert()
        .success();
    let schools = json_of(caseload(dir.path()).args(["school", "list", "--json"]));
    assert_eq!(schools[0]["urn"], "100321");
    assert_eq!(schools[0]["attendance_champion"]["name"], "Champion Demo");
    caseload(dir.path())
        .args([
            "school", "set", "--urn", "100321", "--name", "X", "--phase", "nursery",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("school_phase:"));
}
