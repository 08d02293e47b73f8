//! A corpus of files that are not attendance tables at all (empty, binary, truncated, in the
//! wrong encoding, cancelled part-way) and of malformed summary files. Each must fail with a
//! precise, typed reason and give nothing back.

mod import_support;

use std::io::Write;
use std::ops::ControlFlow;

use caseload_exchange::import::{
    ColumnMapping, ImportFailure, ImportSource, UnreadableReason, import_marks,
};
use import_support::*;

const SUMMARY_HEADER: &str = "upn,possible_sessions,present_sessions,\
                              authorised_absence_sessions,unauthorised_absence_sessions,as_at,ward";

fn summary_with_row(row: &str) -> Result<caseload_exchange::SummaryFile, ImportFailure> {
    let good = format!("{},200,180,10,10,2025-03-28,Arboretum", upn(31));
    summaries("summary.csv", &csv(&[SUMMARY_HEADER, &good, row]))
}

/// A small, fast pseudo-random byte generator (xorshift), so junk files need no crate.
fn junk(len: usize, mut seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        out.extend_from_slice(&seed.to_le_bytes());
    }
    out.truncate(len);
    out
}

#[test]
fn an_empty_file_is_refused_as_empty() {
    let (reason, error) = unreadable(marks("marks.csv", b""));
    assert_eq!(reason, UnreadableReason::Empty);
    assert_problem(
        &error,
        "marks.csv",
        None,
        None,
        "the file is empty (0 bytes)",
    );
}

#[test]
fn a_file_of_blank_lines_has_no_rows() {
    let (reason, error) = unreadable(marks("marks.csv", b"\r\n\r\n,,,\r\n"));
    assert_eq!(reason, UnreadableReason::Empty);
    assert_eq!(error.problem, "the file has no rows: not even a header");
}

#[test]
fn a_header_with_nothing_under_it_is_refused() {
    let (reason, error) = unreadable(marks("marks.csv", b"upn,date,session,code\r\n"));
    assert_eq!(reason, UnreadableReason::NoDataRows);
    assert_problem(
        &error,
        "marks.csv",
        Some(2),
        None,
        "the file has a header row but no data rows under it",
    );
}

#[test]
fn a_workbook_with_only_a_header_row_is_refused_the_same_way() {
    let bytes = xlsx(&[vec![s("upn"), s("date"), s("session"), s("code")]]);
    let (reason, _) = unreadable(marks("marks.xlsx", &bytes));
    assert_eq!(reason, UnreadableReason::NoDataRows);
}

#[test]
fn a_workbook_cut_in_half_is_reported_as_damaged() {
    let mut rows = vec![vec![s("upn"), s("date"), s("session"), s("code")]];
    for i in 0..500u64 {
        rows.push(vec![s(&upn(i)), X::D(2025, 3, 3), s("AM"), s("/")]);
    }
    let whole = xlsx(&rows);
    let half = &whole[..whole.len() / 2];
    let (reason, error) = unreadable(marks("marks.xlsx", half));
    assert_eq!(reason, UnreadableReason::DamagedWorkbook);
    assert!(
        error
            .problem
            .starts_with("the workbook is damaged or incomplete"),
        "{error}"
    );
    assert!(error.fix.contains("cut short"), "{error}");
}

#[test]
fn a_png_image_is_named_as_an_image() {
    let mut png = b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR".to_vec();
    png.extend(junk(2_000, 7));
    let (reason, error) = unreadable(marks("marks.csv", &png));
    assert_eq!(reason, UnreadableReason::Binary);
    assert_problem(
        &error,
        "marks.csv",
        None,
        None,
        "the file is a PNG image, not a table of attendance data",
    );
}

#[test]
fn random_bytes_are_refused_as_binary_data() {
    let (reason, error) = unreadable(summaries("summary.csv", &junk(4_096, 99)));
    assert_eq!(reason, UnreadableReason::Binary);
    assert_eq!(
        error.problem,
        "the file is binary data, not a table of attendance data"
    );
}

#[test]
fn fifty_megabytes_of_junk_on_disk_are_refused_from_the_first_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("export.csv");
    let mut file = std::fs::File::create(&path).expect("create");
    for chunk in 0..50u64 {
        file.write_all(&junk(1024 * 1024, chunk + 1))
            .expect("write");
    }
    drop(file);
    let mut progress_calls = 0;
    let result = import_marks(
        &ImportSource::path(&path),
        &ColumnMapping::new(),
        today(),
        &mut |_| {
            progress_calls += 1;
            ControlFlow::Continue(())
        },
    );
    let (reason, error) = unreadable(result);
    assert_eq!(reason, UnreadableReason::Binary);
    assert_eq!(error.file, "export.csv");
    assert_eq!(progress_calls, 0, "refused before any row was read");
}

#[test]
fn an_old_xls_workbook_is_refused_with_how_to_save_it_again() {
    let mut xls = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    xls.extend(vec![0u8; 512]);
    let (reason, error) = unreadable(marks("marks.xls", &xls));
    assert_eq!(reason, UnreadableReason::LegacyExcel);
    assert!(error.fix.contains("CSV UTF-8"), "{error}");
}

#[test]
fn a_csv_renamed_to_xlsx_is_not_taken_for_a_workbook() {
    let (reason, error) = unreadable(marks("marks.xlsx", b"upn,date,session,code\n"));
    assert_eq!(reason, UnreadableReason::DamagedWorkbook);
    assert_eq!(
        error.problem,
        "the file is named .xlsx but is not an Excel workbook"
    );
}

#[test]
fn a_windows_1252_csv_is_refused_naming_the_row_and_column_of_the_first_foreign_character() {
    let mut bytes = csv(&[
        SUMMARY_HEADER,
        &format!("{},10,10,0,0,2025-03-28,Bulwell", upn(32)),
    ]);
    // "Café Quarter" with é as the single Windows-1252 byte 0xE9.
    bytes.extend(format!("{},10,10,0,0,2025-03-28,Caf", upn(33)).as_bytes());
    bytes.extend(b"\xE9 Quarter\r\n");
    let (reason, error) = unreadable(summaries("summary.csv", &bytes));
    assert_eq!(reason, UnreadableReason::NotUtf8);
    assert_eq!(
        (error.row, error.column.as_deref()),
        (Some(3), Some("ward"))
    );
    assert!(
        error.problem.starts_with("the file is not UTF-8 text"),
        "{error}"
    );
    assert!(error.fix.contains("CSV UTF-8 (Comma delimited)"), "{error}");
}

#[test]
fn utf16_text_is_refused_with_how_to_save_it_as_utf8() {
    let text: Vec<u8> = "upn,date\r\n"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let bytes = [b"\xFF\xFE".as_slice(), &text].concat();
    let (reason, _) = unreadable(marks("marks.csv", &bytes));
    assert_eq!(reason, UnreadableReason::NotUtf8);
}

#[test]
fn a_missing_file_is_an_io_failure_naming_only_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("gone.csv");
    let result = import_marks(
        &ImportSource::path(&path),
        &ColumnMapping::new(),
        today(),
        &mut go_on,
    );
    let (reason, error) = unreadable(result);
    assert_eq!(reason, UnreadableReason::Io);
    assert_eq!(error.file, "gone.csv");
    assert!(!error.to_string().contains(&*dir.path().to_string_lossy()));
}

#[test]
fn breaking_from_progress_cancels_and_returns_nothing() {
    let bytes = marks_csv(50, 250); // 25,000 rows
    let mut calls = 0;
    let result = import_marks(
        &ImportSource::bytes("marks.csv", &bytes),
        &ColumnMapping::new(),
        today(),
        &mut |p| {
            calls += 1;
            assert_eq!(p.rows_read, 10_000);
            ControlFlow::Break(())
        },
    );
    assert_eq!(
        result,
        Err(ImportFailure::Cancelled {
            file: "marks.csv".to_string()
        })
    );
    assert_eq!(calls, 1);
    assert_eq!(
        result.expect_err("cancelled").to_string(),
        "marks.csv: the import was cancelled; nothing was imported"
    );
}

#[test]
fn a_summary_missing_its_as_at_column_names_that_field() {
    let bytes = csv(&[
        "upn,possible_sessions,present_sessions,authorised_absence_sessions,\
         unauthorised_absence_sessions",
        &format!("{},10,10,0,0", upn(34)),
    ]);
    let failure = summaries("summary.csv", &bytes).expect_err("refused");
    let ImportFailure::MissingColumns { missing, .. } = &failure else {
        panic!("expected MissingColumns, got {failure:?}");
    };
    assert_eq!(missing, &[caseload_exchange::ImportField::AsAt]);
}

#[test]
fn counts_that_are_words_are_not_numbers() {
    let failure =
        summary_with_row(&format!("{},twelve,10,0,0,2025-03-28,", upn(35))).expect_err("refused");
    assert_problem(
        the_error(&failure),
        "summary.csv",
        Some(3),
        Some("possible_sessions"),
        "a value of 6 characters is not a number",
    );
}

#[test]
fn present_and_absences_above_possible_are_refused_with_the_figures() {
    let failure =
        summary_with_row(&format!("{},200,150,40,20,2025-03-28,", upn(36))).expect_err("refused");
    assert_problem(
        the_error(&failure),
        "summary.csv",
        Some(3),
        Some("possible_sessions"),
        "present (150) plus absences (60) is more than the possible sessions (200)",
    );
}

#[test]
fn a_negative_count_is_refused() {
    let failure =
        summary_with_row(&format!("{},200,150,-4,20,2025-03-28,", upn(37))).expect_err("refused");
    assert_problem(
        the_error(&failure),
        "summary.csv",
        Some(3),
        Some("authorised_absence_sessions"),
        "\"-4\" is negative",
    );
}

#[test]
fn a_fractional_count_in_a_workbook_is_not_a_whole_number_of_sessions() {
    let bytes = xlsx(&[
        vec![
            s("upn"),
            s("possible"),
            s("present"),
            s("authorised"),
            s("unauthorised"),
            s("as at"),
        ],
        vec![
            s(&upn(38)),
            X::N(200.0),
            X::N(150.5),
            X::N(0.0),
            X::N(0.0),
            X::D(2025, 3, 28),
        ],
    ]);
    let failure = summaries("summary.xlsx", &bytes).expect_err("refused");
    assert_problem(
        the_error(&failure),
        "summary.xlsx",
        Some(2),
        Some("present"),
        "150.5 is not a whole number of sessions",
    );
}

#[test]
fn a_pupil_listed_twice_in_one_summary_names_the_first_row() {
    let failure =
        summary_with_row(&format!("{},10,10,0,0,2025-03-28,", upn(31))).expect_err("refused");
    assert_problem(
        the_error(&failure),
        "summary.csv",
        Some(3),
        Some("upn"),
        "this pupil is already on row 2",
    );
}

#[test]
fn an_impossible_as_at_date_is_refused() {
    let failure =
        summary_with_row(&format!("{},10,10,0,0,2025-02-29,", upn(39))).expect_err("refused");
    assert_problem(
        the_error(&failure),
        "summary.csv",
        Some(3),
        Some("as_at"),
        "the as-at date is not a real date: its month has 28 days",
    );
}

#[test]
fn wrong_optional_school_values_are_each_reported() {
    let bytes = csv(&[
        "upn,possible,present,authorised,unauthorised,as_at,urn,phase,year group",
        &format!("{},10,10,0,0,2025-03-28,12345,nursery,15", upn(40)),
    ]);
    let failure = summaries("summary.csv", &bytes).expect_err("refused");
    let problems: Vec<(&str, &str)> = failure
        .errors()
        .iter()
        .map(|e| (e.column.as_deref().unwrap_or(""), e.problem.as_str()))
        .collect();
    assert_eq!(
        problems,
        vec![
            (
                "urn",
                "a value of 5 characters is not a school URN (a URN is 6 digits)",
            ),
            ("phase", "a value of 7 characters is not a school phase"),
            ("year group", "\"15\" is not a year group"),
        ]
    );
}

#[test]
fn two_columns_that_both_look_like_possible_sessions_are_not_guessed_between() {
    let bytes = csv(&[
        "upn,possible,sessions possible,present,authorised,unauthorised,as_at",
        &format!("{},10,10,10,0,0,2025-03-28", upn(41)),
    ]);
    let failure = summaries("summary.csv", &bytes).expect_err("refused");
    assert_problem(
        the_error(&failure),
        "summary.csv",
        Some(1),
        Some("sessions possible"),
        "columns \"possible\" and \"sessions possible\" both look like the possible sessions \
         column",
    );
}
