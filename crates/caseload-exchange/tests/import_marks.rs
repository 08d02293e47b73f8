//! Session-mark files that should import: the canonical CSV, the same in XLSX, tolerant
//! headers, a saved column mapping, and progress reporting.

mod import_support;

use std::ops::ControlFlow;

use caseload_domain::attendance::codes::CodeCategory;
use caseload_domain::attendance::marks::Session;
use caseload_exchange::import::{
    ColumnMapping, ImportField, ImportSource, MarksFile, Progress, import_marks,
};
use chrono::NaiveDate;
use import_support::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

/// (UPN, date, session, code) of every mark, in output order.
fn flat(file: &MarksFile) -> Vec<(String, NaiveDate, Session, &'static str)> {
    file.pupils
        .iter()
        .flat_map(|p| {
            p.marks
                .iter()
                .map(|m| (p.upn.to_string(), m.date, m.session, m.code.code))
        })
        .collect()
}

#[test]
fn a_canonical_csv_imports_grouped_by_pupil_in_date_and_session_order() {
    let (a, b) = (upn(1), upn(2));
    let bytes = csv(&[
        "upn,date,session,code",
        &format!("{a},2025-03-04,PM,N"),
        &format!("{b},2025-03-03,AM,/"),
        &format!("{a},2025-03-04,AM,/"),
        &format!("{a},2025-03-03,PM,I"),
    ]);
    let file = marks("marks.csv", &bytes).expect("imports");
    assert_eq!(file.file, "marks.csv");
    assert_eq!(file.rows, 4);
    assert_eq!(file.mark_count(), 4);
    assert_eq!(
        flat(&file),
        vec![
            (a.clone(), d(2025, 3, 3), Session::Pm, "I"),
            (a.clone(), d(2025, 3, 4), Session::Am, "/"),
            (a, d(2025, 3, 4), Session::Pm, "N"),
            (b, d(2025, 3, 3), Session::Am, "/"),
        ]
    );
    let categories: Vec<CodeCategory> = file.pupils[0].marks.iter().map(|m| m.category()).collect();
    assert_eq!(
        categories,
        vec![
            CodeCategory::AuthorisedAbsence,
            CodeCategory::Present,
            CodeCategory::UnauthorisedAbsence
        ]
    );
}

#[test]
fn british_dates_lower_case_sessions_and_codes_and_blank_lines_are_accepted() {
    let a = upn(7);
    let bytes = csv(&[
        "upn,date,session,code",
        &format!("{},04/03/2025,am,y1", a.to_lowercase()),
        "",
        ",,,",
        &format!("  {a} , 4/3/2025 , pm , c2 "),
    ]);
    let file = marks("marks.csv", &bytes).expect("imports");
    assert_eq!(file.rows, 2, "blank rows are not counted");
    assert_eq!(
        flat(&file),
        vec![
            (a.clone(), d(2025, 3, 4), Session::Am, "Y1"),
            (a, d(2025, 3, 4), Session::Pm, "C2"),
        ]
    );
}

#[test]
fn the_same_marks_in_xlsx_import_with_date_cells_text_dates_and_serial_numbers() {
    let a = upn(3);
    let bytes = xlsx(&[
        vec![s("UPN"), s("Date"), s("Session"), s("Code")],
        vec![s(&a), X::D(2025, 3, 3), s("AM"), s("/")],
        vec![s(&a), s("2025-03-03"), s("PM"), s("L")],
        vec![s(&a), X::N(45720.0), s("AM"), s("M")],
    ]);
    let file = marks("marks.xlsx", &bytes).expect("imports");
    assert_eq!(
        flat(&file),
        vec![
            (a.clone(), d(2025, 3, 3), Session::Am, "/"),
            (a.clone(), d(2025, 3, 3), Session::Pm, "L"),
            (a, d(2025, 3, 4), Session::Am, "M"),
        ]
    );
}

#[test]
fn headers_are_matched_through_a_byte_order_mark_case_spacing_and_synonyms() {
    let a = upn(4);
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(csv(&[
        "Pupil UPN , Session-Date,AM/PM,ATTENDANCE_MARK,Pupil name",
        &format!("{a},2025-03-03,AM,/,Synthetic Pupil"),
    ]));
    let file = marks("SIMS export.csv", &bytes).expect("imports");
    assert_eq!(flat(&file), vec![(a, d(2025, 3, 3), Session::Am, "/")]);
}

#[test]
fn a_tab_separated_export_is_read_like_a_csv() {
    let a = upn(5);
    let bytes = format!("upn\tdate\tsession\tcode\n{a}\t2025-03-03\tAM\t/\n");
    let file = marks("marks.txt", bytes.as_bytes()).expect("imports");
    assert_eq!(file.mark_count(), 1);
}

#[test]
fn a_saved_column_mapping_reads_a_layout_with_other_headers() {
    let a = upn(6);
    let bytes = csv(&[
        "Pupil ref,When,Half,Register",
        &format!("{a},2025-03-03,PM,G"),
    ]);
    let saved = serde_json::to_string(
        &ColumnMapping::new()
            .with(ImportField::Upn, "Pupil ref")
            .with(ImportField::Date, "When")
            .with(ImportField::Session, "Half")
            .with(ImportField::Code, "Register"),
    )
    .expect("serialise");
    let mapping: ColumnMapping = serde_json::from_str(&saved).expect("the app reads it back");
    let file = import_marks(
        &ImportSource::bytes("custom.csv", &bytes),
        &mapping,
        today(),
        &mut go_on,
    )
    .expect("imports with the mapping");
    assert_eq!(flat(&file), vec![(a, d(2025, 3, 3), Session::Pm, "G")]);
}

#[test]
fn a_file_read_from_a_path_gives_the_same_marks_as_its_bytes() {
    let bytes = marks_csv(3, 10);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("marks.csv");
    std::fs::write(&path, &bytes).expect("write");
    let from_path = import_marks(
        &ImportSource::path(&path),
        &ColumnMapping::new(),
        today(),
        &mut go_on,
    )
    .expect("imports from the path");
    let from_bytes = marks("marks.csv", &bytes).expect("imports from bytes");
    assert_eq!(from_path, from_bytes);
    assert_eq!(from_path.mark_count(), 60);
}

#[test]
fn progress_is_reported_every_ten_thousand_rows_and_at_the_end() {
    let bytes = marks_csv(50, 250); // 25,000 rows
    let mut seen: Vec<Progress> = Vec::new();
    let file = import_marks(
        &ImportSource::bytes("marks.csv", &bytes),
        &ColumnMapping::new(),
        today(),
        &mut |p| {
            seen.push(p);
            ControlFlow::Continue(())
        },
    )
    .expect("imports");
    assert_eq!(file.rows, 25_000);
    let rows: Vec<usize> = seen.iter().map(|p| p.rows_read).collect();
    assert_eq!(rows, vec![10_000, 20_000, 25_000]);
    assert!(seen.iter().all(|p| p.total_bytes == bytes.len() as u64));
    assert!(seen[0].bytes_read > 0 && seen[0].bytes_read < seen[1].bytes_read);
    assert_eq!(seen[2].bytes_read, bytes.len() as u64);
}

#[test]
fn progress_through_a_workbook_counts_the_bytes_read_from_it() {
    let mut rows = vec![vec![s("upn"), s("date"), s("session"), s("code")]];
    for i in 0..12_000u64 {
        // 120 pupils with 100 marks each: 50 days, AM and PM.
        let day = d(2024, 9, 2) + chrono::Days::new(i % 100 / 2);
        let session = if i % 2 == 0 { "AM" } else { "PM" };
        rows.push(vec![
            s(&upn(i / 100)),
            s(&day.to_string()),
            s(session),
            s("/"),
        ]);
    }
    let bytes = xlsx(&rows);
    let mut seen: Vec<Progress> = Vec::new();
    let file = import_marks(
        &ImportSource::bytes("marks.xlsx", &bytes),
        &ColumnMapping::new(),
        today(),
        &mut |p| {
            seen.push(p);
            ControlFlow::Continue(())
        },
    )
    .expect("imports");
    assert_eq!(file.rows, 12_000);
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].rows_read, 10_000);
    assert!(seen[0].bytes_read > 0 && seen[0].bytes_read <= seen[0].total_bytes);
}
