//! Import errors name the row, the column and the rule a cell breaks, never a personal value:
//! a pupil's name, date of birth or phone number typed into the wrong column is counted, not
//! quoted, and a crafted header row cannot make a long message. The name below is synthetic.

mod import_support;

use caseload_exchange::import::{ImportFailure, ImportField};
use import_support::*;

const NAME: &str = "Zyxcanary Quillonbrook";
const MARKS_HEADER: &str = "upn,date,session,code";
const SUMMARY_HEADER: &str = "upn,possible_sessions,present_sessions,authorised_absence_sessions,\
                              unauthorised_absence_sessions,as_at,school_urn,school_phase,year_group";

/// Everything the failure says, as the app, the CLI and a log would see it.
fn all_text(failure: &ImportFailure) -> String {
    let mut text = failure.to_string();
    for e in failure.errors() {
        text.push('\n');
        text.push_str(&e.to_string());
    }
    text
}

fn assert_says_nothing_of(failure: &ImportFailure, secrets: &[&str]) {
    let text = all_text(failure);
    for secret in secrets {
        assert!(!text.contains(secret), "{secret:?} was echoed: {text}");
    }
}

/// The one problem of a marks file whose second data row is `row`, at (row 3, `column`).
fn marks_problem(row: &str, column: &str) -> (ImportFailure, String) {
    let good = format!("{},2025-03-03,AM,/", upn(1));
    let failure = marks("marks.csv", &csv(&[MARKS_HEADER, &good, row])).expect_err("refused");
    let error = the_error(&failure);
    assert_eq!(error.row, Some(3), "{error}");
    assert_eq!(error.column.as_deref(), Some(column), "{error}");
    let problem = error.problem.clone();
    (failure, problem)
}

#[test]
fn a_name_typed_into_a_code_cell_is_counted_not_quoted() {
    let (failure, problem) = marks_problem(&format!("{},2025-03-04,AM,{NAME}", upn(1)), "code");
    assert_says_nothing_of(&failure, &["Zyxcanary", "Quillonbrook"]);
    assert_eq!(
        problem,
        "a value of 22 characters is not an attendance code in force on 2025-03-04 (codes \
         from 19 August 2024)"
    );
    assert!(
        failure
            .to_string()
            .contains("marks.csv, row 3, column \"code\""),
        "{failure}"
    );
}

#[test]
fn an_unknown_one_letter_code_is_still_quoted_so_the_worker_can_find_it() {
    let (_, problem) = marks_problem(&format!("{},2025-03-04,AM,H", upn(1)), "code");
    assert!(
        problem.starts_with("\"H\" is not an attendance code"),
        "{problem}"
    );
}

#[test]
fn a_name_typed_into_a_date_cell_is_not_quoted() {
    let (failure, problem) = marks_problem(&format!("{},{NAME},AM,/", upn(1)), "date");
    assert_says_nothing_of(&failure, &["Zyxcanary", "Quillonbrook"]);
    assert_eq!(
        problem,
        "the date is not written as a date, like 23/11/2026"
    );
}

#[test]
fn a_name_typed_into_a_upn_cell_is_not_quoted() {
    let (failure, problem) = marks_problem(&format!("{NAME},2025-03-04,AM,/"), "upn");
    assert_says_nothing_of(&failure, &["Zyxcanary", "Quillonbrook"]);
    assert_eq!(problem, "the UPN has 22 characters; a UPN has 13");
}

#[test]
fn a_name_typed_into_a_session_cell_is_not_quoted() {
    let (failure, problem) = marks_problem(&format!("{},2025-03-04,{NAME},/", upn(1)), "session");
    assert_says_nothing_of(&failure, &["Zyxcanary", "Quillonbrook"]);
    assert_eq!(problem, "a value of 22 characters is not a session");
}

#[test]
fn a_mistyped_date_is_named_by_the_rule_it_breaks_not_quoted() {
    let (failure, problem) = marks_problem(&format!("{},27/03/14,AM,/", upn(1)), "date");
    assert_says_nothing_of(&failure, &["27/03/14"]);
    assert_eq!(problem, "the date has a two-digit year");
}

#[test]
fn a_name_typed_into_count_and_school_cells_is_not_quoted_in_any_of_them() {
    let row = format!(
        "{},{NAME},{NAME},0,0,2025-03-28,{NAME},{NAME},{NAME}",
        upn(2)
    );
    let failure = summaries("summary.csv", &csv(&[SUMMARY_HEADER, &row])).expect_err("refused");
    assert_says_nothing_of(&failure, &["Zyxcanary", "Quillonbrook"]);
    let places: Vec<(Option<usize>, &str)> = failure
        .errors()
        .iter()
        .map(|e| (e.row, e.column.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        places,
        vec![
            (Some(2), "possible_sessions"),
            (Some(2), "present_sessions"),
            (Some(2), "school_urn"),
            (Some(2), "school_phase"),
            (Some(2), "year_group"),
        ]
    );
    assert_eq!(
        failure.errors()[0].problem,
        "a value of 22 characters is not a number"
    );
}

#[test]
fn a_date_of_birth_or_a_phone_number_in_a_workbook_is_not_quoted() {
    let bytes = xlsx(&[
        vec![s("upn"), s("date"), s("session"), s("code")],
        vec![s(&upn(3)), X::D(2025, 3, 4), s("AM"), X::D(2014, 3, 27)],
        vec![s(&upn(3)), X::D(2025, 3, 4), s("PM"), X::N(7_700_900_123.0)],
    ]);
    let failure = marks("marks.xlsx", &bytes).expect_err("refused");
    assert_says_nothing_of(&failure, &["2014", "27/03", "7700900123"]);
    let problems: Vec<&str> = failure
        .errors()
        .iter()
        .map(|e| e.problem.as_str())
        .collect();
    assert!(
        problems[0].starts_with("a date is not an attendance code"),
        "{problems:?}"
    );
    assert!(
        problems[1].starts_with("a number of 10 digits is not an attendance code"),
        "{problems:?}"
    );
}

#[test]
fn a_header_row_of_one_huge_cell_gives_a_short_message() {
    let huge = "h".repeat(100 * 1024);
    let bytes = csv(&[&huge, "x"]);
    let failure = marks("marks.csv", &bytes).expect_err("refused");
    let ImportFailure::MissingColumns { found, missing, .. } = &failure else {
        panic!("expected MissingColumns, got {failure:?}");
    };
    // The mapping form still gets the header as written.
    assert_eq!(found[0].len(), 100 * 1024);
    assert_eq!(missing.len(), 4);
    let text = all_text(&failure);
    assert!(text.len() < 2048, "{} bytes", text.len());
    assert!(text.contains(&format!("\"{}…\"", "h".repeat(40))), "{text}");
}

#[test]
fn a_header_row_of_five_hundred_columns_lists_ten_and_says_how_many_more() {
    let header: Vec<String> = (1..=500).map(|i| format!("column {i}")).collect();
    let row = vec!["x"; 500].join(",");
    let bytes = csv(&[&header.join(","), &row]);
    let failure = marks("marks.csv", &bytes).expect_err("refused");
    assert!(matches!(failure, ImportFailure::MissingColumns { .. }));
    let text = all_text(&failure);
    assert!(text.len() < 2048, "{} bytes", text.len());
    assert!(
        text.contains("\"column 9\", \"column 10\", and 490 more"),
        "{text}"
    );
    assert!(!text.contains("column 11\""), "{text}");
}

#[test]
fn a_long_mapped_header_is_cut_short_where_a_row_error_names_its_column() {
    let long = format!("Register mark {}", "m".repeat(5_000));
    let header = format!("upn,date,session,{long}");
    let row = format!("{},2025-03-04,AM,{NAME}", upn(4));
    let mapping = caseload_exchange::import::ColumnMapping::new().with(ImportField::Code, &long);
    let failure = caseload_exchange::import::import_marks(
        &caseload_exchange::import::ImportSource::bytes("marks.csv", &csv(&[&header, &row])),
        &mapping,
        today(),
        &mut go_on,
    )
    .expect_err("refused");
    let column = the_error(&failure).column.clone().unwrap_or_default();
    assert_eq!(column.chars().count(), 41, "{column}");
    assert!(all_text(&failure).len() < 2048);
    assert_says_nothing_of(&failure, &["Zyxcanary"]);
}

#[test]
fn a_file_sent_without_its_header_row_does_not_quote_the_pupils_row_in_its_place() {
    let pupil = upn(5);
    let bytes = csv(&[
        &format!("{pupil},27/03/2014,AM,/"),
        &format!("{pupil},28/03/2014,AM,/"),
    ]);
    let failure = marks("marks.csv", &bytes).expect_err("refused");
    assert!(matches!(failure, ImportFailure::MissingColumns { .. }));
    assert_says_nothing_of(&failure, &[&pupil, "27/03/2014"]);
    assert!(
        failure
            .to_string()
            .contains("(headers found: a UPN, a date, \"AM\", \"/\")"),
        "{failure}"
    );
}
