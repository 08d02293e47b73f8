//! Shared by the import tests: synthetic UPNs (local authority 999, never a real pupil), CSV
//! and XLSX files built at test time, and checks on the errors an import returns.
// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::ops::ControlFlow;

use caseload_domain::upn::check_letter;
use caseload_exchange::import::{
    ColumnMapping, ImportError, ImportFailure, ImportSource, MarksFile, Progress, SummaryFile,
    UnreadableReason, import_marks, import_summaries,
};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A valid UPN for local authority 999, different for every serial (as the app's demo data).
pub fn upn(serial: u64) -> String {
    let body = format!(
        "999{:04}{:02}{:03}",
        serial / 1000 % 10_000,
        20 + serial / 10_000_000 % 10,
        serial % 1000
    );
    let letter = check_letter(body.as_bytes()).expect("digits only");
    format!("{letter}{body}")
}

/// The same UPN with a check letter that does not fit its digits.
pub fn upn_with_wrong_check_letter(serial: u64) -> String {
    let good = upn(serial);
    let wrong = if good.starts_with('A') { 'B' } else { 'A' };
    format!("{wrong}{}", &good[1..])
}

/// A CSV file from its lines, each ended with CRLF as Excel writes them.
pub fn csv(lines: &[&str]) -> Vec<u8> {
    let mut text = lines.join("\r\n");
    text.push_str("\r\n");
    text.into_bytes()
}

/// One cell of a test workbook.
#[derive(Debug, Clone)]
pub enum X {
    S(String),
    N(f64),
    /// A cell holding a date, formatted as a date, as Excel stores typed dates.
    D(u16, u8, u8),
    Blank,
}

pub fn s(text: &str) -> X {
    X::S(text.to_string())
}

/// An XLSX workbook whose first sheet holds `rows` from A1.
pub fn xlsx(rows: &[Vec<X>]) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                X::S(text) => {
                    sheet.write_string(r, c, text).expect("write string");
                }
                X::N(n) => {
                    sheet.write_number(r, c, *n).expect("write number");
                }
                X::D(y, m, d) => {
                    let date = ExcelDateTime::from_ymd(*y, *m, *d).expect("valid date");
                    sheet
                        .write_datetime_with_format(r, c, &date, &date_format)
                        .expect("write date");
                }
                X::Blank => {}
            }
        }
    }
    workbook.save_to_buffer().expect("save workbook")
}

/// The worker's "today" in these tests: fixed, after every date the fixtures use.
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("a real date")
}

/// A progress callback that never cancels.
pub fn go_on(_: Progress) -> ControlFlow<()> {
    ControlFlow::Continue(())
}

pub fn marks(name: &str, bytes: &[u8]) -> Result<MarksFile, ImportFailure> {
    import_marks(
        &ImportSource::bytes(name, bytes),
        &ColumnMapping::new(),
        today(),
        &mut go_on,
    )
}

pub fn summaries(name: &str, bytes: &[u8]) -> Result<SummaryFile, ImportFailure> {
    import_summaries(
        &ImportSource::bytes(name, bytes),
        &ColumnMapping::new(),
        today(),
        &mut go_on,
    )
}

/// The one problem of a failed import (Invalid with a single error, or any one-error failure).
pub fn the_error(failure: &ImportFailure) -> &ImportError {
    let errors = failure.errors();
    assert_eq!(
        errors.len(),
        1,
        "expected exactly one problem: {failure:#?}"
    );
    &errors[0]
}

/// Asserts one problem's place and text exactly.
pub fn assert_problem(
    error: &ImportError,
    file: &str,
    row: Option<usize>,
    column: Option<&str>,
    problem: &str,
) {
    assert_eq!(error.file, file, "{error}");
    assert_eq!(error.row, row, "{error}");
    assert_eq!(error.column.as_deref(), column, "{error}");
    assert_eq!(error.problem, problem, "{error}");
    assert!(
        !error.fix.is_empty(),
        "every problem says what to do: {error}"
    );
}

/// The reason a file was unreadable, failing the test for any other outcome.
pub fn unreadable(
    result: Result<impl std::fmt::Debug, ImportFailure>,
) -> (UnreadableReason, ImportError) {
    match result {
        Err(ImportFailure::Unreadable { reason, error }) => (reason, *error),
        other => panic!("expected an unreadable file, got {other:?}"),
    }
}

/// A canonical marks CSV: `pupils` pupils × `days` school days from Monday 2 September 2024,
/// AM and PM, every tenth session an `N`, the rest present.
pub fn marks_csv(pupils: u64, days: u64) -> Vec<u8> {
    let start = chrono::NaiveDate::from_ymd_opt(2024, 9, 2).expect("date");
    let dates: Vec<String> = (0..days)
        .map(|d| (start + chrono::Days::new(d / 5 * 7 + d % 5)).to_string())
        .collect();
    let mut out = String::from("upn,date,session,code\n");
    let mut n = 0u64;
    for p in 0..pupils {
        let upn = upn(p + 1);
        for date in &dates {
            for (session, present) in [("AM", "/"), ("PM", "\\")] {
                n += 1;
                let code = if n.is_multiple_of(10) { "N" } else { present };
                out.push_str(&format!("{upn},{date},{session},{code}\n"));
            }
        }
    }
    out.into_bytes()
}
