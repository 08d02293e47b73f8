//! `caseload attendance compute` (no caseload needed; an interchange format with fixed fields)
//! and `caseload import …` on the built binary.

mod common;

use assert_cmd::Command;
use common::{add, caseload, init, json_of};
use predicates::prelude::*;
use serde_json::{Value, json};

fn bare() -> Command {
    let mut cmd = Command::cargo_bin("caseload").expect("binary");
    cmd.env_remove("CASELOAD_PASSPHRASE")
        .env_remove("CASELOAD_DATA_DIR");
    cmd
}

/// Ten unauthorised sessions in week one, then present; and a second pupil with one illness
/// mark and a closure.
fn marks_file(dir: &std::path::Path) -> std::path::PathBuf {
    let mut text = String::from("upn,date,session,code\n");
    for day in 2..=6 {
        for s in ["AM", "PM"] {
            text.push_str(&format!("P207000016049,2025-06-0{day},{s},O\n"));
        }
    }
    for day in 9..=13 {
        text.push_str(&format!(
            "P207000016049,2025-06-{day:02},AM,/\nP207000016049,2025-06-{day:02},PM,\\\n"
        ));
    }
    text.push_str("B801200005001,2025-06-02,AM,I\nB801200005001,2025-06-02,PM,#\nB801200005001,2025-06-03,AM,L\n");
    let path = dir.join("marks.csv");
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn compute_prints_the_fixed_fields_sorted_by_upn_without_any_caseload() {
    let tmp = tempfile::tempdir().expect("tmp");
    let file = marks_file(tmp.path());
    let out: Value = json_of(bare().args([
        "attendance",
        "compute",
        "--marks",
        file.to_str().expect("path"),
        "--json",
    ]));
    assert_eq!(
        out,
        json!([
            {
                "upn": "B801200005001",
                "possible_sessions": 2,
                "present_sessions": 1,
                "authorised_absence_sessions": 1,
                "unauthorised_absence_sessions": 0,
                "attendance_pct": 50.0,
                "persistent_absence": true,
                "severe_absence": true,
                "attendance_band": "41-50",
                "fpn_threshold_met_on": null,
                "illness_15_days_on": null
            },
            {
                "upn": "P207000016049",
                "possible_sessions": 20,
                "present_sessions": 10,
                "authorised_absence_sessions": 0,
                "unauthorised_absence_sessions": 10,
                "attendance_pct": 50.0,
                "persistent_absence": true,
                "severe_absence": true,
                "attendance_band": "41-50",
                "fpn_threshold_met_on": "2025-06-06",
                "illness_15_days_on": null
            }
        ])
    );
}

#[test]
fn compute_refuses_a_bad_file_naming_its_row_and_column_and_prints_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join("bad.csv");
    std::fs::write(
        &path,
        "upn,date,session,code\nB801200005001,2025-06-02,AM,/\nB801200005001,2025-06-03,AM,H\n",
    )
    .expect("write");
    bare()
        .args([
            "attendance",
            "compute",
            "--marks",
            path.to_str().expect("path"),
            "--json",
        ])
        .assert()
        .failure()
        .stdout(predicate::str::is_empty())
        .stderr(
            predicate::str::contains("bad.csv, row 3, column \"code\"")
                .and(predicate::str::contains("\"H\"")),
        );
}

#[test]
fn imported_summaries_show_on_the_dashboard_and_in_the_import_list() {
    let tmp = tempfile::tempdir().expect("tmp");
    init(tmp.path());
    add(tmp.path(), "B801200005001");
    let path = tmp.path().join("summary.csv");
    let today = chrono::Utc::now().date_naive();
    std::fs::write(
        &path,
        format!("\u{feff}UPN,Possible Sessions,Present,Authorised Absence,Unauthorised Absence,As At\nB801200005001,120,84,20,16,{today}\n"),
    )
    .expect("write");
    let imported = json_of(caseload(tmp.path()).args([
        "import",
        "summary",
        path.to_str().expect("path"),
        "--json",
    ]));
    assert_eq!(
        (imported["rows"].as_u64(), imported["on_caseload"].as_u64()),
        (Some(1), Some(1))
    );
    let dashboard = json_of(caseload(tmp.path()).args(["dashboard", "--json"]));
    assert_eq!(dashboard["rows"][0]["attendance_pct"], json!(70.0));
    let rules: Vec<&str> = dashboard["rows"][0]["alerts"]
        .as_array()
        .expect("alerts")
        .iter()
        .map(|a| a["rule"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(rules, vec!["persistent_absence"]);
    let list = json_of(caseload(tmp.path()).args(["import", "list", "--json"]));
    assert_eq!(list[0]["file_name"], "summary.csv");
    assert_eq!(list[0]["sha256"].as_str().map(str::len), Some(64));
}
