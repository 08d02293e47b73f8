//! A corpus of malformed session-mark files: each must fail with a precise problem (file, row,
//! column, what is wrong) and give no marks at all.

mod import_support;

use caseload_exchange::import::{ImportFailure, ImportField, MAX_LISTED_ERRORS};
use import_support::*;

const HEADER: &str = "upn,date,session,code";

/// A marks CSV with two good rows and then `bad` as row 4.
fn with_bad_row(bad: &str) -> Vec<u8> {
    let a = upn(21);
    csv(&[
        HEADER,
        &format!("{a},2025-03-03,AM,/"),
        &format!("{a},2025-03-03,PM,\\"),
        bad,
    ])
}

/// The single problem a marks file with one bad row gives; the import returned nothing.
fn problem_of_row(bad: &str) -> ImportFailure {
    marks("marks.csv", &with_bad_row(bad)).expect_err("the file must be refused whole")
}

#[test]
fn headers_that_name_none_of_the_fields_list_what_was_found_and_suggest_a_mapping() {
    let bytes = csv(&[
        "pupil,day,half,register",
        &format!("{},2025-03-03,AM,/", upn(1)),
    ]);
    let failure = marks("marks.csv", &bytes).expect_err("refused");
    let ImportFailure::MissingColumns {
        found,
        missing,
        error,
    } = &failure
    else {
        panic!("expected MissingColumns, got {failure:?}");
    };
    assert_eq!(found, &["pupil", "day", "half", "register"]);
    assert_eq!(
        missing,
        &[
            ImportField::Upn,
            ImportField::Date,
            ImportField::Session,
            ImportField::Code
        ]
    );
    assert_problem(
        error,
        "marks.csv",
        Some(1),
        None,
        "no column for UPN, date, session, attendance code \
         (headers found: \"pupil\", \"day\", \"half\", \"register\")",
    );
    assert!(error.fix.contains("save a column mapping"), "{}", error.fix);
}

#[test]
fn a_missing_code_column_is_named_alone() {
    let bytes = csv(&["upn,date,session", &format!("{},2025-03-03,AM", upn(1))]);
    let failure = marks("marks.csv", &bytes).expect_err("refused");
    let ImportFailure::MissingColumns { missing, error, .. } = &failure else {
        panic!("expected MissingColumns, got {failure:?}");
    };
    assert_eq!(missing, &[ImportField::Code]);
    assert!(error.fix.contains("\"code\""), "{}", error.fix);
}

#[test]
fn the_thirtieth_of_february_is_not_a_real_date() {
    let failure = problem_of_row(&format!("{},2025-02-30,AM,/", upn(21)));
    assert_problem(
        the_error(&failure),
        "marks.csv",
        Some(4),
        Some("date"),
        "the date is not a real date: its month has 28 days",
    );
}

#[test]
fn a_thirty_first_month_is_not_a_real_date() {
    let failure = problem_of_row(&format!("{},31/31/2025,AM,/", upn(21)));
    assert_problem(
        the_error(&failure),
        "marks.csv",
        Some(4),
        Some("date"),
        "the date is not a real date: the month is not 1 to 12",
    );
}

#[test]
fn words_in_the_date_column_are_not_a_date() {
    let failure = problem_of_row(&format!("{},last Tuesday,AM,/", upn(21)));
    assert_problem(
        the_error(&failure),
        "marks.csv",
        Some(4),
        Some("date"),
        "the date is not written as a date, like 23/11/2026",
    );
}

#[test]
fn the_retired_code_h_is_named_with_the_date_and_the_codes_in_force() {
    let failure = problem_of_row(&format!("{},2025-03-04,AM,H", upn(21)));
    let error = the_error(&failure);
    assert_problem(
        error,
        "marks.csv",
        Some(4),
        Some("code"),
        "\"H\" is not an attendance code in force on 2025-03-04 (codes from 19 August 2024)",
    );
    assert_eq!(
        error.to_string(),
        "marks.csv, row 4, column \"code\": \"H\" is not an attendance code in force on \
         2025-03-04 (codes from 19 August 2024); correct the code and import the file again"
    );
}

#[test]
fn the_retired_codes_y_and_j_are_unknown_too() {
    for code in ["Y", "J"] {
        let failure = problem_of_row(&format!("{},2025-03-04,PM,{code}", upn(22)));
        assert_problem(
            the_error(&failure),
            "marks.csv",
            Some(4),
            Some("code"),
            &format!(
                "\"{code}\" is not an attendance code in force on 2025-03-04 \
                 (codes from 19 August 2024)"
            ),
        );
    }
}

#[test]
fn a_blank_code_is_reported_not_counted_as_nothing() {
    let failure = problem_of_row(&format!("{},2025-03-04,AM,", upn(21)));
    assert_problem(
        the_error(&failure),
        "marks.csv",
        Some(4),
        Some("code"),
        "the attendance code is blank",
    );
}

#[test]
fn a_second_mark_for_the_same_session_names_both_rows() {
    let a = upn(23);
    let bytes = csv(&[
        HEADER,
        &format!("{a},2025-03-03,AM,/"),
        &format!("{},2025-03-03,AM,/", upn(24)),
        &format!("{},2025-03-03,am,N", a.to_lowercase()),
    ]);
    let failure = marks("marks.csv", &bytes).expect_err("refused");
    assert_problem(
        the_error(&failure),
        "marks.csv",
        Some(4),
        None,
        "this pupil already has a mark for 2025-03-03 AM on row 2; rows 2 and 4 are duplicates",
    );
}

#[test]
fn a_upn_with_the_wrong_check_letter_is_refused_without_repeating_the_upn() {
    let bad = upn_with_wrong_check_letter(25);
    let failure = problem_of_row(&format!("{bad},2025-03-03,AM,/"));
    let error = the_error(&failure);
    assert_eq!((error.row, error.column.as_deref()), (Some(4), Some("upn")));
    let expected = upn(25).chars().next().expect("letter");
    assert_eq!(
        error.problem,
        format!(
            "the UPN's check letter is {}, but for the digits after it the check letter is \
             {expected}",
            &bad[..1]
        )
    );
    assert!(
        !failure.to_string().contains(&bad[1..]),
        "no UPN in messages"
    );
}

#[test]
fn a_session_other_than_am_or_pm_is_refused() {
    let failure = problem_of_row(&format!("{},2025-03-03,MID,/", upn(21)));
    assert_problem(
        the_error(&failure),
        "marks.csv",
        Some(4),
        Some("session"),
        "\"MID\" is not a session",
    );
    assert_eq!(the_error(&failure).fix, "write AM or PM");
}

#[test]
fn several_problems_in_one_row_are_each_reported_in_their_column() {
    let failure = problem_of_row(",2025-13-01,EVE,/");
    let places: Vec<(Option<usize>, Option<&str>)> = failure
        .errors()
        .iter()
        .map(|e| (e.row, e.column.as_deref()))
        .collect();
    assert_eq!(
        places,
        vec![
            (Some(4), Some("upn")),
            (Some(4), Some("date")),
            (Some(4), Some("session"))
        ]
    );
}

#[test]
fn a_ragged_row_says_how_many_values_it_has_against_the_header() {
    let failure = problem_of_row(&format!("{},2025-03-03,AM", upn(21)));
    assert_problem(
        the_error(&failure),
        "marks.csv",
        Some(4),
        None,
        "the row has 3 values but the header has 4 columns",
    );
    let failure = problem_of_row(&format!("{},2025-03-03,AM,/,extra", upn(21)));
    assert_problem(
        the_error(&failure),
        "marks.csv",
        Some(4),
        None,
        "the row has 5 values but the header has 4 columns",
    );
}

#[test]
fn a_line_break_inside_a_quoted_value_does_not_shift_later_row_numbers() {
    let a = upn(26);
    let bytes = csv(&[
        "upn,date,session,code,note",
        &format!("{a},2025-03-03,AM,/,\"two\nlines\""),
        &format!("{a},2025-03-03,PM,H,"),
    ]);
    let failure = marks("marks.csv", &bytes).expect_err("refused");
    assert_eq!(the_error(&failure).row, Some(3));
}

#[test]
fn an_unknown_code_in_a_workbook_is_placed_by_the_sheets_own_row_number() {
    let bytes = xlsx(&[
        vec![s("upn"), s("date"), s("session"), s("code")],
        vec![s(&upn(27)), X::D(2025, 3, 3), s("AM"), s("/")],
        vec![X::Blank, X::Blank, X::Blank, X::Blank],
        vec![s(&upn(27)), X::D(2025, 3, 4), s("PM"), s("J")],
    ]);
    let failure = marks("marks.xlsx", &bytes).expect_err("refused");
    assert_problem(
        the_error(&failure),
        "marks.xlsx",
        Some(4),
        Some("code"),
        "\"J\" is not an attendance code in force on 2025-03-04 (codes from 19 August 2024)",
    );
}

#[test]
fn checking_stops_after_fifty_problems_and_says_where() {
    let mut lines = vec![HEADER.to_string()];
    for i in 0..80 {
        lines.push(format!("{},2025-03-03,AM,H", upn(100 + i)));
    }
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let failure = marks("marks.csv", &csv(&refs)).expect_err("refused");
    let ImportFailure::Invalid {
        errors,
        stopped_at_row,
        ..
    } = &failure
    else {
        panic!("expected Invalid, got {failure:?}");
    };
    assert_eq!(errors.len(), MAX_LISTED_ERRORS);
    assert_eq!(errors[0].row, Some(2));
    assert_eq!(errors[49].row, Some(51));
    assert_eq!(*stopped_at_row, Some(52));
    assert!(failure.to_string().starts_with(
        "marks.csv: 50 problems found before checking stopped at row 52, nothing was imported."
    ));
}
