//! Unit tests of the cell parsers: every message a worker can see for one cell.

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn problem_of<T: std::fmt::Debug>(result: Result<T, Problem>) -> String {
    result.expect_err("a problem").problem
}

#[test]
fn iso_and_british_dates_are_read_and_a_time_after_them_is_ignored() {
    assert_eq!(date_text("2025-03-04"), Ok(d(2025, 3, 4)));
    assert_eq!(date_text("04/03/2025"), Ok(d(2025, 3, 4)));
    assert_eq!(date_text("4/3/2025"), Ok(d(2025, 3, 4)));
    assert_eq!(date_text("2025-03-04T00:00:00"), Ok(d(2025, 3, 4)));
    assert_eq!(date_text("2025-03-04 00:00:00.000"), Ok(d(2025, 3, 4)));
}

#[test]
fn impossible_dates_say_which_rule_they_break_without_quoting_the_date() {
    let rule = |text: &str| problem_of(date(Cell::Text(text), "date of birth"));
    assert_eq!(
        rule("2025-02-30"),
        "the date of birth is not a real date: its month has 28 days"
    );
    assert_eq!(
        rule("31/31/2025"),
        "the date of birth is not a real date: the month is not 1 to 12"
    );
    assert_eq!(
        rule("next Tuesday"),
        "the date of birth is not written as a date, like 23/11/2026"
    );
    assert_eq!(rule("04/03/25"), "the date of birth has a two-digit year");
    assert_eq!(
        rule("2025-03-04 lunch"),
        "the date of birth is not written as a date, like 23/11/2026"
    );
    for text in ["2025-02-30", "31/31/2025", "04/03/25", "2025-03-04 lunch"] {
        assert!(!rule(text).contains(text), "{text} was quoted");
    }
    assert_eq!(
        problem_of(date(Cell::Number(7_700_900_123.0), "date")),
        "the date is a number that is not a date"
    );
}

#[test]
fn excel_dates_and_serial_numbers_are_dates() {
    assert_eq!(
        date(Cell::Date(Some(d(2025, 3, 4))), "date"),
        Ok(d(2025, 3, 4))
    );
    // 45720 is 2025-03-04 in Excel's 1900 date system.
    assert_eq!(date(Cell::Number(45720.0), "date"), Ok(d(2025, 3, 4)));
    assert_eq!(date(Cell::Number(45720.75), "date"), Ok(d(2025, 3, 4)));
    assert!(date(Cell::Number(-4.0), "date").is_err());
    assert_eq!(
        problem_of(date(Cell::Blank, "as-at date")),
        "the as-at date is blank"
    );
}

#[test]
fn counts_are_whole_numbers_even_when_excel_writes_them_as_decimals() {
    assert_eq!(count(Cell::Text("12"), "count"), Ok(12));
    assert_eq!(count(Cell::Text("12.0"), "count"), Ok(12));
    assert_eq!(count(Cell::Number(12.0), "count"), Ok(12));
    assert_eq!(
        problem_of(count(Cell::Text("-3"), "count")),
        "\"-3\" is negative"
    );
    assert_eq!(
        problem_of(count(Cell::Number(12.5), "count")),
        "12.5 is not a whole number of sessions"
    );
    assert_eq!(
        problem_of(count(Cell::Text("twelve"), "count")),
        "a value of 6 characters is not a number"
    );
    assert_eq!(
        problem_of(count(Cell::Text("inf"), "count")),
        "a value of 3 characters is not a number"
    );
    assert_eq!(
        problem_of(count(Cell::Blank, "possible sessions")),
        "the possible sessions is blank"
    );
}

#[test]
fn an_unknown_code_names_the_code_the_date_and_the_table_in_force() {
    let p = unknown_code(Cell::Text("H"), d(2025, 3, 4));
    assert_eq!(
        p.problem,
        "\"H\" is not an attendance code in force on 2025-03-04 (codes from 19 August 2024)"
    );
    assert_eq!(p.fix, "correct the code and import the file again");
    assert_eq!(
        unknown_code(Cell::Blank, d(2025, 3, 4)).problem,
        "the attendance code is blank"
    );
}

#[test]
fn a_name_in_a_code_cell_is_counted_not_quoted() {
    let p = unknown_code(Cell::Text("Zyxcanary Quillonbrook"), d(2025, 3, 4));
    assert_eq!(
        p.problem,
        "a value of 22 characters is not an attendance code in force on 2025-03-04 (codes \
         from 19 August 2024)"
    );
}

#[test]
fn a_wrong_check_letter_names_the_letter_expected_but_not_the_upn() {
    let p = problem_of(upn(Cell::Text("A801200005001")));
    assert_eq!(
        p,
        "the UPN's check letter is A, but for the digits after it the check letter is B"
    );
    assert!(!p.contains("801200005001"));
    assert!(upn(Cell::Text("b801200005001")).is_ok());
}

#[test]
fn optional_school_fields_accept_blanks_and_excel_numbers() {
    assert_eq!(urn(Cell::Blank), Ok(None));
    assert_eq!(
        urn(Cell::Number(100000.0)).map(|u| u.map(|u| u.as_str().to_string())),
        Ok(Some("100000".to_string()))
    );
    assert_eq!(
        problem_of(urn(Cell::Text("12345"))),
        "a value of 5 characters is not a school URN (a URN is 6 digits)"
    );
    assert_eq!(
        phase(Cell::Text("Secondary")),
        Ok(Some(SchoolPhase::Secondary))
    );
    assert_eq!(
        problem_of(phase(Cell::Text("nursery"))),
        "a value of 7 characters is not a school phase"
    );
    for (written, year) in [
        ("7", 7),
        ("Year 7", 7),
        ("Y11", 11),
        ("R", 0),
        ("NC Year 3", 3),
    ] {
        assert_eq!(
            year_group(Cell::Text(written)).map(|y| y.map(YearGroup::get)),
            Ok(Some(year)),
            "{written}"
        );
    }
    assert_eq!(
        year_group(Cell::Number(9.0)).map(|y| y.map(YearGroup::get)),
        Ok(Some(9))
    );
    assert_eq!(
        problem_of(year_group(Cell::Text("15"))),
        "\"15\" is not a year group"
    );
    assert_eq!(
        ward(Cell::Text("Arboretum")),
        Ok(Some("Arboretum".to_string()))
    );
}

#[test]
fn sessions_are_am_or_pm_in_any_case() {
    assert_eq!(session(Cell::Text("am")), Ok(Session::Am));
    assert_eq!(session(Cell::Text("PM")), Ok(Session::Pm));
    assert_eq!(
        problem_of(session(Cell::Text("MID"))),
        "\"MID\" is not a session"
    );
}
