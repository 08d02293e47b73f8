//! Attendance imports through the use cases: a file is taken whole or not at all, imported
//! figures feed the dashboard, alerts and school packs, and never hide what the worker typed.

mod common;

use std::path::{Path, PathBuf};

use caseload_app::cases::{AttendanceRecordRequest, CaseGetRequest};
use caseload_app::dashboard::DashboardRow;
use caseload_app::family::PupilDetailsSetRequest;
use caseload_app::imports::{ImportKindView, ImportMappingSetRequest};
use caseload_app::{Caseload, cases, dashboard, family, imports};
use caseload_domain::attendance::Trend;
use caseload_domain::attendance::academic_year::AcademicYear;
use caseload_domain::family::PupilFlag;
use caseload_domain::rules::RuleId;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use common::tsm::{URN, link, plan};
use common::{add, ago, created, today};

const UPN: &str = "B801200005001";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// Weekdays over the last `weeks` weeks, oldest first, ending before today.
fn school_days(weeks: i64) -> Vec<NaiveDate> {
    let start = today() - Duration::weeks(weeks);
    (0..weeks * 7)
        .map(|i| start + Duration::days(i))
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && *d < today())
        .collect()
}

/// A marks file for one pupil: the first `unauthorised` sessions are `O`, the rest present.
fn marks_csv(upn: &str, days: &[NaiveDate], unauthorised: usize) -> String {
    let mut text = String::from("upn,date,session,code\n");
    let mut n = 0;
    for d in days {
        for session in ["AM", "PM"] {
            let code = if n < unauthorised {
                "O"
            } else {
                if session == "AM" { "/" } else { "\\" }
            };
            text.push_str(&format!("{upn},{d},{session},{code}\n"));
            n += 1;
        }
    }
    text
}

fn row(cx: &Caseload) -> DashboardRow {
    dashboard::dashboard(cx, ())
        .expect("dashboard")
        .rows
        .remove(0)
}

#[test]
fn imported_marks_feed_the_dashboard_and_raise_the_penalty_threshold_alert() {
    let (dir, cx) = created();
    add(&cx, UPN, "secondary", 60);
    let days = school_days(4);
    let file = write(dir.path(), "marks.csv", &marks_csv(UPN, &days, 12));
    let imported = imports::import_marks_file_at(&cx, &file, None).expect("import");
    assert_eq!(
        (
            imported.rows as usize,
            imported.pupils,
            imported.on_caseload
        ),
        (days.len() * 2, 1, Some(1))
    );
    let r = row(&cx);
    let possible = (days.len() * 2) as f64;
    let expected = ((possible - 12.0) * 1000.0 / possible).round() / 10.0;
    assert_eq!(r.attendance_pct, Some(expected));
    let rules: Vec<RuleId> = r.alerts.iter().map(|a| a.rule).collect();
    assert!(rules.contains(&RuleId::PenaltyThresholdMet), "{rules:?}");
    assert!(rules.contains(&RuleId::PersistentAbsence) || rules.contains(&RuleId::SevereAbsence));
    let threshold = r
        .alerts
        .iter()
        .find(|a| a.rule == RuleId::PenaltyThresholdMet)
        .expect("alert");
    assert_eq!(
        threshold.on.as_deref(),
        Some(days[4].to_string().as_str()),
        "the 10th O is the AM of the 5th day"
    );
}

#[test]
fn a_file_with_one_bad_row_imports_nothing_and_names_the_row() {
    let (dir, cx) = created();
    add(&cx, UPN, "secondary", 60);
    let mut text = marks_csv(UPN, &school_days(2), 0);
    text.push_str(&format!("{UPN},{},AM,H\n", today() - Duration::days(30)));
    let file = write(dir.path(), "marks.csv", &text);
    let e = imports::import_marks_file_at(&cx, &file, None).expect_err("refused");
    match e {
        caseload_app::AppError::Import {
            problems,
            file_name,
            ..
        } => {
            assert_eq!(file_name, "marks.csv");
            assert_eq!(problems[0].column.as_deref(), Some("code"));
            assert!(
                problems[0].problem.contains("\"H\""),
                "{}",
                problems[0].problem
            );
        }
        other => panic!("expected an import error, got {other:?}"),
    }
    assert!(imports::import_list(&cx, ()).expect("list").is_empty());
    assert_eq!(
        row(&cx).attendance_pct,
        None,
        "nothing of the file was kept"
    );
}

#[test]
fn the_workers_own_reading_is_never_hidden_by_an_import_of_the_same_date() {
    let (dir, cx) = created();
    let id = add(&cx, UPN, "secondary", 60);
    cases::attendance_record(
        &cx,
        AttendanceRecordRequest {
            id,
            as_at: ago(1),
            possible: "100".into(),
            present: "70".into(),
            authorised: "30".into(),
            unauthorised: "0".into(),
        },
    )
    .expect("reading");
    let csv = format!(
        "UPN,Possible sessions,Present,Authorised absence,Unauthorised absence,As at\n{UPN},100,95,5,0,{}\n",
        ago(1)
    );
    let file = write(dir.path(), "summary.csv", &csv);
    imports::import_summary_file_at(&cx, &file, None).expect("import");
    assert_eq!(row(&cx).attendance_pct, Some(70.0));
    let later = format!(
        "UPN,Possible sessions,Present,Authorised absence,Unauthorised absence,As at\n{UPN},110,104,6,0,{}\n",
        ago(0)
    );
    let file = write(dir.path(), "summary2.csv", &later);
    imports::import_summary_file_at(&cx, &file, None).expect("import");
    let r = row(&cx);
    assert_eq!((r.attendance_pct, r.trend), (Some(94.5), Some(Trend::Up)));
    assert_eq!(imports::import_list(&cx, ()).expect("list").len(), 2);
}

#[test]
fn a_whole_authority_summary_puts_the_schools_other_pupils_in_its_preparation_pack() {
    let (dir, cx) = created();
    link(&cx);
    add(&cx, UPN, "secondary", 60);
    let csv = format!(
        "upn,possible,present,authorised,unauthorised,as_at,urn,year group\n\
         {UPN},100,60,20,20,{d},{URN},7\n\
         P207000016049,100,45,30,25,{d},{URN},9\n\
         A999010020010,100,99,1,0,{d},999999,9\n",
        d = ago(1)
    );
    let file = write(dir.path(), "authority.csv", &csv);
    let err = imports::import_summary_file_at(&cx, &file, None);
    // The third UPN's check letter is made up: the whole file is refused, naming it.
    assert!(matches!(err, Err(caseload_app::AppError::Import { .. })));
    // Without that row (another school's pupil), the file is taken.
    let fixed = csv.lines().take(3).collect::<Vec<_>>().join("\n") + "\n";
    let file = write(dir.path(), "authority.csv", &fixed);
    imports::import_summary_file_at(&cx, &file, None).expect("import");
    let v = plan(&cx, 1);
    let upns: Vec<(&str, bool)> = v
        .prep
        .pupils
        .iter()
        .map(|p| (p.upn.as_str(), p.case_id.is_some()))
        .collect();
    assert_eq!(upns, vec![("P207000016049", false), (UPN, true)]);
    assert!(v.prep.pupils[0].needs_plan && v.prep.pupils[0].name.is_empty());
}

#[test]
fn a_saved_column_mapping_reads_a_file_with_other_headers() {
    let (dir, cx) = created();
    add(&cx, UPN, "secondary", 60);
    let csv = format!("Pupil number,Day,Half,Mark\n{UPN},{},AM,/\n", ago(3));
    let file = write(dir.path(), "odd.csv", &csv);
    let e = imports::import_marks_file_at(&cx, &file, None).expect_err("headers unknown");
    assert!(
        matches!(&e, caseload_app::AppError::Import { missing_columns, .. } if !missing_columns.is_empty()),
        "{e:?}"
    );
    let mapping = [
        ("upn", "Pupil number"),
        ("date", "Day"),
        ("session", "Half"),
        ("code", "Mark"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    imports::import_mapping_set(
        &cx,
        ImportMappingSetRequest {
            kind: ImportKindView::Marks,
            mapping,
        },
    )
    .expect("save");
    let imported =
        imports::import_marks_file_at(&cx, &file, None).expect("import with the saved mapping");
    assert_eq!(imported.rows, 1);
}

#[test]
fn a_part_time_timetable_past_its_review_date_raises_its_alert_and_needs_the_flag() {
    let (_dir, cx) = created();
    let id = add(&cx, UPN, "secondary", 60);
    let set = |flags: Vec<PupilFlag>, review: &str| {
        family::pupil_details_set(
            &cx,
            PupilDetailsSetRequest {
                case_id: id.clone(),
                address: None,
                postcode: None,
                ward: None,
                flags,
                key_professionals: Vec::new(),
                part_time_review_on: Some(review.to_string()),
            },
        )
    };
    let refused = set(Vec::new(), &ago(3));
    assert!(
        matches!(refused, Err(caseload_app::AppError::Validation { .. })),
        "a date without the flag"
    );
    set(vec![PupilFlag::PartTimeTimetable], &ago(3)).expect("details");
    let detail = cases::case_get(&cx, CaseGetRequest { id: id.clone() }).expect("case");
    let rules: Vec<RuleId> = detail.alerts.iter().map(|a| a.rule).collect();
    assert_eq!(rules, vec![RuleId::PartTimeTimetableReview]);
    assert!(
        row(&cx)
            .alerts
            .iter()
            .any(|a| a.rule == RuleId::PartTimeTimetableReview)
    );
    set(vec![PupilFlag::PartTimeTimetable], &ago(-14)).expect("a later review");
    let detail = cases::case_get(&cx, CaseGetRequest { id }).expect("case");
    assert!(detail.alerts.is_empty());
}

#[test]
fn a_file_that_is_not_there_is_reported_in_plain_words_not_as_an_os_error() {
    let (d, cx) = created();
    let missing = d.path().join("gone").join("marks.csv");
    let e = imports::import_marks_file_at(&cx, &missing, None).expect_err("missing");
    assert_eq!(e.kind(), "file");
    let message = e.to_string();
    assert_eq!(
        message,
        format!(
            "The file {} does not exist: it may have been moved, renamed or deleted. Choose it again",
            missing.display()
        )
    );
    assert!(!message.contains("os error"), "{message}");
}

#[test]
fn a_cases_imported_marks_come_back_week_by_week_with_their_terms() {
    let (dir, cx) = created();
    let id = add(&cx, UPN, "secondary", 60);
    let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(2026, m, d).expect("date");
    // Two weeks of spring 2026 (the second runs from 30 March into April), the Easter holiday
    // with no marks, and a week of summer: 10/10, then 6/10 (four O), then 9/10 (one I).
    let weeks: [(NaiveDate, usize, &str); 3] = [
        (day(3, 23), 0, "O"),
        (day(3, 30), 4, "O"),
        (day(4, 13), 1, "I"),
    ];
    let mut text = String::from("upn,date,session,code\n");
    for (monday, absent, code) in weeks {
        for i in 0..10 {
            let date = monday + Duration::days(i as i64 / 2);
            let (session, present) = if i % 2 == 0 {
                ("AM", "/")
            } else {
                ("PM", "\\")
            };
            let mark = if i < absent { code } else { present };
            text.push_str(&format!("{UPN},{date},{session},{mark}\n"));
        }
    }
    let file = write(dir.path(), "marks.csv", &text);
    imports::import_marks_file_at(&cx, &file, None).expect("import");
    let marks = cases::case_get(&cx, CaseGetRequest { id })
        .expect("case")
        .marks
        .expect("marks imported");
    let got: Vec<(&str, &str, &str, u32, u32, f64, f64)> = marks
        .weeks
        .iter()
        .map(|w| {
            (
                w.week_start.as_str(),
                w.term.as_str(),
                w.term_label.as_str(),
                w.possible,
                w.present,
                w.attendance_pct,
                w.cumulative_pct,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "2026-03-23",
                "2026-spring",
                "Spring term 2026",
                10,
                10,
                100.0,
                100.0
            ),
            (
                "2026-03-30",
                "2026-spring",
                "Spring term 2026",
                10,
                6,
                60.0,
                80.0
            ),
            // 25 of 30 = 83.33…% to the end of the summer week.
            (
                "2026-04-13",
                "2026-summer",
                "Summer term 2026",
                10,
                9,
                90.0,
                83.3
            ),
        ]
    );
    // The figures are the current academic year's (docs/domain.md §5.10): these marks are of
    // 2025/26, which is this year, last year (shown beside it) or neither, by today's date.
    let theirs = AcademicYear::of(NaiveDate::from_ymd_opt(2026, 4, 13).expect("date"));
    let this_year = AcademicYear::of(today());
    assert_eq!(marks.academic_year, this_year.label());
    let (current, previous) = if theirs == this_year {
        (Some(83.3), None)
    } else if theirs == this_year.previous() {
        (None, Some(83.3))
    } else {
        (None, None)
    };
    assert_eq!(marks.attendance_pct, current);
    assert_eq!(marks.previous_year.and_then(|p| p.attendance_pct), previous);
}

#[test]
fn every_fourth_demo_pupil_has_weeks_of_synthetic_marks() {
    let (_dir, cx) = created();
    caseload_app::demo::fill(&cx, 8, 7).expect("demo");
    let mut with_weeks = 0;
    for case in cases::case_list(&cx, ()).expect("list") {
        let detail = cases::case_get(&cx, CaseGetRequest { id: case.id }).expect("case");
        let Some(marks) = detail.marks else { continue };
        with_weeks += 1;
        assert!(marks.weeks.len() >= 10, "{} weeks", marks.weeks.len());
        let last = marks.weeks.last().expect("a week");
        assert_eq!(Some(last.cumulative_pct), marks.attendance_pct);
        assert!(marks.weeks.iter().all(|w| w.possible > 0));
    }
    assert_eq!(with_weeks, 2, "pupils 1 and 5 of 8");
    let list = imports::import_list(&cx, ()).expect("imports");
    assert_eq!(
        (list.len(), list[0].file_name.as_str(), list[0].pupils),
        (1, "demo-marks.csv", 2)
    );
}
