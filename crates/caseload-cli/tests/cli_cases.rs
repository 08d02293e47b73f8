//! The built `caseload` binary on a case: its lifecycle (counted in the funnel) and a demo caseload.

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
    let bands = json_of(caseload(dir.path()).args(["report", "bands", "--json"]));
    assert_eq!(bands["bands"][9]["band"], "91-100");
    assert_eq!(bands["bands"][9]["cases"], 1, "92% is in the top band");
    assert_eq!(bands["open_cases"], 1);
    caseload(dir.path())
        .args(["report", "bands"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Open cases by attendance band (1 open)",
        ))
        .stdout(predicate::str::contains("  91-100%      1"));
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
            "--category",
            "attendance-improved",
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
    let bands = json_of(caseload(dir.path()).args(["report", "bands", "--json"]));
    let banded: u64 = bands["bands"]
        .as_array()
        .expect("bands")
        .iter()
        .filter_map(|b| b["cases"].as_u64())
        .sum();
    let open = dashboard["rows"].as_array().expect("rows").len() as u64;
    assert_eq!(
        bands["open_cases"].as_u64(),
        Some(open),
        "every open case once"
    );
    assert_eq!(
        banded + bands["no_figure"].as_u64().expect("no_figure"),
        open
    );
}
