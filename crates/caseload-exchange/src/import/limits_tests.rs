//! The workbook limits on small workbooks with small limits: the same code path the real
//! limits take, without building gigabyte files.

use std::io::{Cursor, Write};

use super::*;

const SMALL: WorkbookLimits = WorkbookLimits {
    entries: 8,
    shared_strings: 4 * 1024,
    part: 16 * 1024,
    total: 24 * 1024,
    run: 1024,
};

/// A zip of `(name, contents)` parts, deflated as Excel writes them.
fn zip_of(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        out.start_file(*name, options).expect("start");
        out.write_all(bytes).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

/// `n` bytes of sheet XML: empty rows, as a sheet bomb repeats them.
fn rows_xml(n: usize) -> Vec<u8> {
    let row = b"<row r=\"1\"/>";
    row.iter().copied().cycle().take(n).collect()
}

fn check(bytes: Vec<u8>) -> Result<(), ImportFailure> {
    check_workbook(&mut Cursor::new(bytes), "book.xlsx", &SMALL)
}

fn problem(result: Result<(), ImportFailure>) -> String {
    match result {
        Err(ImportFailure::Unreadable {
            reason: UnreadableReason::TooLarge,
            error,
        }) => {
            assert!(error.fix.contains("check the right file"), "{error}");
            error.problem
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn a_workbook_within_every_limit_passes_and_is_left_at_its_start() {
    let bytes = zip_of(&[
        ("xl/sharedStrings.xml", rows_xml(4 * 1024)),
        ("xl/worksheets/sheet1.xml", rows_xml(16 * 1024)),
        ("xl/media/image1.png", vec![b'x'; 64 * 1024]),
    ]);
    let mut cursor = Cursor::new(bytes);
    cursor.set_position(99);
    check_workbook(&mut cursor, "book.xlsx", &SMALL).expect("within the limits");
    assert_eq!(cursor.position(), 0);
}

#[test]
fn shared_text_one_byte_over_its_limit_is_refused() {
    let bytes = zip_of(&[("xl/sharedStrings.xml", rows_xml(4 * 1024 + 1))]);
    assert_eq!(
        problem(check(bytes)),
        "the workbook's shared text unpacks to more than 4 KiB, far beyond any attendance \
         export (Caseload reads at most that much)"
    );
}

#[test]
fn a_sheet_of_empty_rows_over_the_part_limit_is_refused() {
    let bytes = zip_of(&[("xl/worksheets/sheet1.xml", rows_xml(16 * 1024 + 1))]);
    assert!(problem(check(bytes)).starts_with("a worksheet unpacks to more than"));
}

#[test]
fn parts_each_within_their_limit_but_too_much_together_are_refused() {
    let bytes = zip_of(&[
        ("xl/worksheets/sheet1.xml", rows_xml(16 * 1024)),
        ("xl/worksheets/sheet2.xml", rows_xml(8 * 1024 + 1)),
    ]);
    assert!(problem(check(bytes)).starts_with("the workbook unpacks to more than"));
}

#[test]
fn one_cell_longer_than_the_run_limit_is_refused() {
    let mut cell = b"<c><is><t>".to_vec();
    cell.extend(std::iter::repeat_n(b'A', 1025));
    cell.extend(b"</t></is></c>");
    let bytes = zip_of(&[("xl/worksheets/sheet1.xml", cell)]);
    assert_eq!(
        problem(check(bytes)),
        "a cell or tag in the workbook is longer than 1 KiB, though Excel holds at most \
         32,767 characters in a cell"
    );
    let mut fits = b"<t>".to_vec();
    fits.extend(std::iter::repeat_n(b'A', 1024));
    fits.extend(b"</t>");
    check(zip_of(&[("xl/worksheets/sheet1.xml", fits)])).expect("exactly the limit fits");
}

#[test]
fn too_many_parts_are_refused_before_any_is_unpacked() {
    let parts: Vec<(String, Vec<u8>)> = (0..9)
        .map(|i| (format!("xl/p{i}.xml"), b"<a/>".to_vec()))
        .collect();
    let parts: Vec<(&str, Vec<u8>)> = parts.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    assert!(problem(check(zip_of(&parts))).starts_with("the workbook holds 9 parts"));
}

#[test]
fn the_scan_counts_what_it_really_unpacks_whatever_was_declared() {
    // A part read through `scan` is cut off at the cap however long it really is.
    let mut long = Cursor::new(vec![b'<'; 200 * 1024]);
    assert!(matches!(scan(&mut long, 100 * 1024, 1024), Err(Scan::Over)));
    // A run spanning the 64 KiB reads is measured across them.
    let mut spanning = vec![b'<'; 60 * 1024];
    spanning.extend(vec![b'x'; 8 * 1024]);
    spanning.push(b'>');
    assert!(matches!(
        scan(&mut Cursor::new(spanning.clone()), u64::MAX, 8 * 1024 - 1),
        Err(Scan::LongRun)
    ));
    assert_eq!(
        scan(&mut Cursor::new(spanning), u64::MAX, 8 * 1024).expect("fits"),
        (68 * 1024 + 1) as u64
    );
}

#[test]
fn a_header_wider_than_the_limit_is_refused_with_its_width() {
    assert!(check_columns("a.csv", MAX_COLUMNS).is_ok());
    let e = check_columns("a.csv", 10_000).expect_err("too wide");
    assert_eq!(
        e.errors()[0].problem,
        "the header row has 10000 columns; Caseload reads at most 500, far more than any \
         attendance export has"
    );
    assert_eq!(filled_width(&["a", "b", "", " "]), 2);
}
