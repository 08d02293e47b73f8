//! Figures drawn from session marks are for the current academic year to date (docs/domain.md
//! §5.10): a clean register last year never dilutes this year's absence, on the dashboard or
//! the case; `attendance compute` keeps its file scope and adds a breakdown by academic year.

mod common;

use caseload_domain::attendance::academic_year::AcademicYear;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use common::{add, caseload, init, json_of};
use serde_json::json;

const UPN: &str = "B801200005001";

/// Up to `n` weekdays from `from` to `to`, latest first.
fn weekdays_back(from: NaiveDate, to: NaiveDate, n: usize) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut d = to;
    while d >= from && out.len() < n {
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            out.push(d);
        }
        d = d - Days::new(1);
    }
    out
}

/// Last year: 50 school days present (100 sessions) in the spring. This year: the latest ten
/// school days up to today, every session unauthorised (20 of 20), or as many as this year
/// has had.
fn marks_csv(today: NaiveDate) -> (String, usize) {
    let year = AcademicYear::of(today);
    let mut rows = String::from("upn,date,session,code\n");
    let spring = NaiveDate::from_ymd_opt(year.0, 3, 2).expect("date");
    for d in weekdays_back(spring - Days::new(80), spring, 50) {
        for s in ["AM", "PM"] {
            rows.push_str(&format!("{UPN},{d},{s},/\n"));
        }
    }
    let this_year = weekdays_back(year.start(), today, 10);
    for d in &this_year {
        for s in ["AM", "PM"] {
            rows.push_str(&format!("{UPN},{d},{s},O\n"));
        }
    }
    (rows, this_year.len())
}

fn local_today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .date_naive()
}

#[test]
fn a_clean_year_before_does_not_dilute_this_years_absence_on_the_dashboard() {
    let tmp = tempfile::tempdir().expect("tmp");
    init(tmp.path());
    add(tmp.path(), UPN);
    let today = local_today();
    let (csv, this_year_days) = marks_csv(today);
    let path = tmp.path().join("marks.csv");
    std::fs::write(&path, csv).expect("write");
    caseload(tmp.path())
        .args(["import", "marks", path.to_str().expect("path"), "--json"])
        .assert()
        .success();
    let dashboard = json_of(caseload(tmp.path()).args(["dashboard", "--json"]));
    let row = &dashboard["rows"][0];
    assert_eq!(
        dashboard["academic_year"],
        json!(AcademicYear::of(today).label())
    );
    assert_eq!(row["last_year_pct"], json!(100.0), "last year beside it");
    if this_year_days == 0 {
        // The first days of September before a school day: no figure for this year yet.
        assert_eq!(row["attendance_pct"], json!(null));
        return;
    }
    // Pooled with last year's 100 sessions this read 83.3% with only a PA flag.
    assert_eq!(row["attendance_pct"], json!(0.0));
    assert_eq!(row["severe_absence"], json!(true));
    assert_eq!(row["persistent_absence"], json!(true));
    let rules: Vec<&str> = row["alerts"]
        .as_array()
        .expect("alerts")
        .iter()
        .filter_map(|a| a["rule"].as_str())
        .collect();
    assert!(rules.contains(&"severe_absence"), "{rules:?}");

    // The case shows the same year to date, and last year beside it.
    let id = row["id"].as_str().expect("id").to_string();
    let case = json_of(caseload(tmp.path()).args(["case", "show", &id, "--json"]));
    let marks = &case["marks"];
    assert_eq!(
        marks["academic_year"],
        json!(AcademicYear::of(today).label())
    );
    assert_eq!(marks["attendance_pct"], json!(0.0));
    assert_eq!(marks["severe_absence"], json!(true));
    assert_eq!(marks["previous_year"]["attendance_pct"], json!(100.0));
}

#[test]
fn attendance_compute_keeps_the_file_scope_and_adds_each_academic_year() {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join("marks.csv");
    // A fixed file: 100 present sessions in spring 2026, 20 unauthorised in November 2026.
    let mut rows = String::from("upn,date,session,code\n");
    for d in weekdays_back(
        NaiveDate::from_ymd_opt(2026, 1, 5).expect("date"),
        NaiveDate::from_ymd_opt(2026, 3, 13).expect("date"),
        50,
    ) {
        rows.push_str(&format!("{UPN},{d},AM,/\n{UPN},{d},PM,/\n"));
    }
    for d in weekdays_back(
        NaiveDate::from_ymd_opt(2026, 11, 2).expect("date"),
        NaiveDate::from_ymd_opt(2026, 11, 13).expect("date"),
        10,
    ) {
        rows.push_str(&format!("{UPN},{d},AM,O\n{UPN},{d},PM,O\n"));
    }
    std::fs::write(&path, rows).expect("write");
    let out = json_of(caseload(tmp.path()).args([
        "attendance",
        "compute",
        "--marks",
        path.to_str().expect("path"),
        "--json",
    ]));
    let pupil = &out[0];
    // The whole file, as before.
    assert_eq!(pupil["possible_sessions"], json!(120));
    assert_eq!(pupil["attendance_pct"], json!(83.3));
    assert_eq!(pupil["severe_absence"], json!(false));
    // Each academic year on its own.
    let years = pupil["academic_year"].as_array().expect("years");
    assert_eq!(years.len(), 2);
    assert_eq!(years[0]["academic_year"], json!("2025/26"));
    assert_eq!(years[0]["attendance_pct"], json!(100.0));
    assert_eq!(years[1]["academic_year"], json!("2026/27"));
    assert_eq!(years[1]["attendance_pct"], json!(0.0));
    assert_eq!(years[1]["severe_absence"], json!(true));
    assert_eq!(years[1]["fpn_threshold_met_on"], json!("2026-11-06"));
}
