//! `caseload attendance compute` (no caseload needed; an interchange format with fixed fields)
//! on the built binary.

mod common;

use assert_cmd::Command;
use common::json_of;
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
                "illness_15_days_on": null,
                "academic_year": [{
                    "academic_year": "2024/25",
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
                }]
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
                "illness_15_days_on": null,
                "academic_year": [{
                    "academic_year": "2024/25",
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
                }]
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
