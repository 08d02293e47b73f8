//! Marks and summaries carry dates between 1 September 2000 and today: a file with a typo'd
//! future or ancient date is refused whole, naming the row and what to do, so one bad `as_at`
//! cannot pin a pupil's figure for ever. (Today is fixed at 7 December 2026 in these tests.)

mod import_support;

use caseload_exchange::import::ImportFailure;
use import_support::*;

const MARKS: &str = "upn,date,session,code";
const SUMMARY: &str = "upn,possible_sessions,present_sessions,authorised_absence_sessions,\
                       unauthorised_absence_sessions,as_at";

const FUTURE: &str = "the date is in the future (after today, 7 December 2026): attendance can \
                      only be recorded for a day that has happened";
const TOO_EARLY: &str =
    "the date is before 1 September 2000, earlier than any register Caseload keeps";

fn refused_marks(bad_date: &str) -> ImportFailure {
    let a = upn(31);
    let bytes = csv(&[
        MARKS,
        &format!("{a},2026-12-07,AM,/"),
        &format!("{a},{bad_date},PM,\\"),
    ]);
    marks("marks.csv", &bytes).expect_err("the whole file is refused")
}

#[test]
fn marks_dated_tomorrow_or_in_9999_are_refused_with_their_row() {
    for bad in ["2026-12-08", "9999-12-31", "31/12/2099"] {
        let failure = refused_marks(bad);
        assert_problem(
            the_error(&failure),
            "marks.csv",
            Some(3),
            Some("date"),
            FUTURE,
        );
        assert!(the_error(&failure).fix.contains("correct the date"));
        assert!(!failure.to_string().contains(bad), "never quotes the date");
    }
}

#[test]
fn marks_dated_before_september_2000_are_refused() {
    for bad in ["0001-01-01", "2000-08-31", "01/01/1900"] {
        let failure = refused_marks(bad);
        assert_problem(
            the_error(&failure),
            "marks.csv",
            Some(3),
            Some("date"),
            TOO_EARLY,
        );
    }
}

#[test]
fn a_mark_dated_today_or_on_the_floor_is_taken() {
    let a = upn(32);
    let bytes = csv(&[
        MARKS,
        &format!("{a},2026-12-07,AM,/"),
        &format!("{a},2000-09-01,AM,/"),
    ]);
    assert_eq!(marks("marks.csv", &bytes).expect("imports").mark_count(), 2);
}

#[test]
fn a_summary_as_at_in_the_future_is_refused_in_csv_and_xlsx() {
    let (a, b) = (upn(33), upn(34));
    let bytes = csv(&[
        SUMMARY,
        &format!("{a},200,180,12,8,2025-03-28"),
        &format!("{b},200,180,12,8,2205-03-28"),
    ]);
    let failure = summaries("summary.csv", &bytes).expect_err("refused whole");
    let error = the_error(&failure);
    assert_eq!(
        (error.row, error.column.as_deref()),
        (Some(3), Some("as_at"))
    );
    assert!(error.problem.contains("is in the future"), "{error}");

    let headers = SUMMARY.split(',').map(s).collect::<Vec<_>>();
    let row = |u: &str, date: X| vec![s(u), X::N(200.0), X::N(180.0), X::N(12.0), X::N(8.0), date];
    let book = xlsx(&[
        headers,
        row(&a, X::D(2025, 3, 28)),
        row(&b, X::D(2099, 1, 1)),
    ]);
    let failure = summaries("summary.xlsx", &book).expect_err("refused whole");
    let error = the_error(&failure);
    assert_eq!(
        (error.row, error.column.as_deref()),
        (Some(3), Some("as_at"))
    );
    assert!(error.problem.contains("is in the future"), "{error}");
}

#[test]
fn a_summary_as_at_before_the_floor_is_refused() {
    let bytes = csv(&[SUMMARY, &format!("{},200,180,12,8,1999-07-20", upn(35))]);
    let failure = summaries("summary.csv", &bytes).expect_err("refused whole");
    assert_problem(
        the_error(&failure),
        "summary.csv",
        Some(2),
        Some("as_at"),
        &TOO_EARLY.replace("the date", "the as-at date"),
    );
}
