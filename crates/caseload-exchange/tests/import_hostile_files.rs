//! Hostile or broken files are refused with a clear message before they can take unbounded
//! memory or time: a line with no end, ten thousand columns, a NUL byte, a workbook cell far
//! longer than Excel allows. Each file is built just over its limit (the limits are in
//! `docs/data-formats.md`); the gigabyte versions are measured by hand, not here.

mod import_support;

use std::io::{Cursor, Write};

use caseload_exchange::import::UnreadableReason;
use import_support::*;

const MIB: usize = 1024 * 1024;
const HEADER: &str = "upn,date,session,code";

fn too_large(
    result: Result<impl std::fmt::Debug, caseload_exchange::import::ImportFailure>,
) -> caseload_exchange::import::ImportError {
    let (reason, error) = unreadable(result);
    assert_eq!(reason, UnreadableReason::TooLarge, "{error}");
    assert!(
        error.fix.contains("check the right file was chosen"),
        "{error}"
    );
    error
}

#[test]
fn a_header_line_of_three_megabytes_with_no_line_break_is_refused_at_row_1() {
    let line = vec![b'a'; 3 * MIB];
    let error = too_large(marks("marks.csv", &line));
    assert_eq!(error.row, Some(1));
    assert_eq!(
        error.problem,
        "the row is longer than 1 MiB (a line with no line break, or a quote left open), far \
         longer than any row of attendance data"
    );
}

#[test]
fn a_data_row_one_byte_over_a_mebibyte_is_refused_and_one_at_it_is_read() {
    let a = upn(41);
    let row = |len: usize| {
        let start = format!("{a},2025-03-03,AM,/,");
        let mut row = start.clone().into_bytes();
        // The row's bytes, its line break included, come to `len`.
        row.extend(std::iter::repeat_n(b'x', len - start.len() - 1));
        row.push(b'\n');
        row
    };
    let file = |len: usize| {
        let mut bytes = format!("{HEADER},note\n").into_bytes();
        bytes.extend(row(len));
        bytes.extend(format!("{a},2025-03-03,PM,\\,\n").into_bytes());
        bytes
    };
    let marks_of = |bytes: &[u8]| marks("marks.csv", bytes);
    assert_eq!(marks_of(&file(MIB)).expect("at the limit").mark_count(), 2);
    let error = too_large(marks_of(&file(MIB + 1)));
    assert_eq!(error.row, Some(2));
}

#[test]
fn a_quote_left_open_over_many_lines_is_refused_as_one_long_row() {
    let mut bytes = format!("{HEADER}\n\"{}", "x\n".repeat(MIB)).into_bytes();
    bytes.extend(b"\"\n");
    let error = too_large(marks("marks.csv", &bytes));
    assert_eq!(error.row, Some(2));
}

#[test]
fn ten_thousand_columns_are_refused_saying_how_many_and_the_limit() {
    let header = (0..10_000)
        .map(|i| format!("c{i}"))
        .collect::<Vec<_>>()
        .join(",");
    let error = too_large(marks("wide.csv", &csv(&[&header, "a"])));
    assert_eq!(error.row, Some(1));
    assert_eq!(
        error.problem,
        "the header row has 10000 columns; Caseload reads at most 500, far more than any \
         attendance export has"
    );
    // Blank columns at the end of the header, as Excel can leave, do not count.
    let padded = format!("{HEADER}{}", ",".repeat(10_000));
    let row = format!("{},2025-03-03,AM,/{}", upn(42), ",".repeat(10_000));
    assert_eq!(
        marks("padded.csv", &csv(&[&padded, &row]))
            .expect("read")
            .mark_count(),
        1
    );
}

#[test]
fn a_workbook_header_wider_than_500_columns_is_refused() {
    let mut header: Vec<X> = HEADER.split(',').map(s).collect();
    header.resize_with(600, || X::Blank);
    header.push(s("far right"));
    let row = vec![s(&upn(43)), s("2025-03-03"), s("AM"), s("/")];
    let error = too_large(marks("wide.xlsx", &xlsx(&[header, row])));
    assert!(
        error.problem.starts_with("the header row has 601 columns"),
        "{error}"
    );
}

#[test]
fn a_nul_byte_is_refused_as_not_text_at_the_start_or_deep_in_the_file() {
    let (reason, _) = unreadable(marks("marks.csv", b"upn,date\0,session,code\n"));
    assert_eq!(reason, UnreadableReason::Binary);

    let mut lines = vec![HEADER.to_string()];
    for day in 1..=28 {
        for session in ["AM", "PM"] {
            for p in 0..10 {
                lines.push(format!("{},2025-02-{day:02},{session},/", upn(50 + p)));
            }
        }
    }
    // Well past the first 8 KiB, which decide what a file is.
    lines.push(format!("{},2025-03-03,AM,/\0", upn(60)));
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let bytes = csv(&refs);
    assert!(bytes.len() > 16 * 1024);
    let (reason, error) = unreadable(marks("marks.csv", &bytes));
    assert_eq!(reason, UnreadableReason::Binary);
    assert_eq!(error.row, Some(lines.len()));
    assert!(error.problem.contains("NUL byte"), "{error}");
}

/// A workbook holding one part, as a hostile file may: the limits are checked before the
/// workbook is parsed, so nothing else is needed.
fn one_part_workbook(name: &str, contents: &[u8]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    out.start_file(name, options).expect("start");
    out.write_all(contents).expect("write");
    out.finish().expect("finish").into_inner()
}

#[test]
fn a_workbook_cell_over_a_mebibyte_is_refused_before_it_is_parsed() {
    let mut sheet =
        b"<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>".to_vec();
    sheet.extend(std::iter::repeat_n(b'A', MIB + 1));
    sheet.extend(b"</t></is></c></row></sheetData></worksheet>");
    let book = one_part_workbook("xl/worksheets/sheet1.xml", &sheet);
    assert!(book.len() < 64 * 1024, "a small file: {} bytes", book.len());
    let error = too_large(marks("cell.xlsx", &book));
    assert_eq!(
        error.problem,
        "a cell or tag in the workbook is longer than 1 MiB, though Excel holds at most 32,767 \
         characters in a cell"
    );
}

#[test]
fn an_ordinary_workbook_passes_the_checks_and_imports() {
    let rows = vec![
        HEADER.split(',').map(s).collect(),
        vec![s(&upn(44)), s("2025-03-03"), s("AM"), s("/")],
    ];
    assert_eq!(
        marks("marks.xlsx", &xlsx(&rows))
            .expect("imports")
            .mark_count(),
        1
    );
}
