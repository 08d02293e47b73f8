//! Tests of the XLSX summary (`super`): sheets, typed cells, the About and Definitions sheets,
//! quote-prefixed formula text, and identical bytes for the same summary.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

use super::*;
use crate::summary::fixture::{self, FORMULA};

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).expect("opens as XLSX")
}

fn string(data: &Data) -> &str {
    match data {
        Data::String(s) => s,
        other => panic!("not a string: {other:?}"),
    }
}

#[test]
fn the_workbook_has_a_sheet_per_table_then_about_and_definitions() {
    let workbook = open(render_xlsx(&fixture::summary()).expect("xlsx"));
    assert_eq!(
        workbook.sheet_names(),
        ["funnel", "tsm_actions", ABOUT_SHEET, DEFINITIONS_SHEET]
    );
}

#[test]
fn table_sheets_hold_counts_and_percentages_as_numbers_and_dates_as_dates() {
    let mut workbook = open(render_xlsx(&fixture::summary()).expect("xlsx"));
    let funnel = workbook.worksheet_range("funnel").expect("funnel");
    assert_eq!(string(&funnel[(0, 0)]), "Row");
    assert_eq!(string(&funnel[(1, 0)]), "Cases triaged");
    assert_eq!(funnel[(1, 3)], Data::Float(9.0));
    assert_eq!(funnel[(8, 1)], Data::Float(50.0));
    assert_eq!(funnel[(8, 2)], Data::Empty);
    assert_eq!(funnel[(8, 3)], Data::Float(66.7));

    let actions = workbook.worksheet_range("tsm_actions").expect("actions");
    let serial = (fixture::d(2026, 11, 30) - fixture::d(1899, 12, 30)).num_days() as f64;
    match &actions[(1, 2)] {
        Data::DateTime(date) => assert_eq!(date.as_f64(), serial),
        other => panic!("not a date: {other:?}"),
    }
    assert_eq!(actions[(1, 4)], Data::Float(93.5));
}

#[test]
fn the_about_and_definitions_sheets_describe_the_summary() {
    let mut workbook = open(render_xlsx(&fixture::summary()).expect("xlsx"));
    let about = workbook.worksheet_range(ABOUT_SHEET).expect("about");
    let rows: Vec<(String, String)> = about
        .rows()
        .map(|r| (r[0].to_string(), r[1].to_string()))
        .collect();
    assert!(rows.contains(&("Worker id".into(), "w-042".into())));
    assert!(rows.contains(&("Pseudonymised".into(), "yes".into())));

    let definitions = workbook
        .worksheet_range(DEFINITIONS_SHEET)
        .expect("definitions");
    let rows: Vec<Vec<String>> = definitions
        .rows()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .collect();
    assert_eq!(rows[0], ["Table", "Column", "Key", "Type", "Definition"]);
    let total = rows
        .iter()
        .find(|r| r[0] == "funnel" && r[2] == "total")
        .expect("total");
    assert_eq!(total[3], "count");
    assert!(total[4].starts_with("Every case"));
    let declined = rows
        .iter()
        .find(|r| r[1] == "Families declining support")
        .expect("row definition");
    assert!(declined[4].contains("declined support"));
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut xml = String::new();
    zip.by_name(name)
        .expect("part")
        .read_to_string(&mut xml)
        .expect("utf-8");
    xml
}

#[test]
fn a_formula_in_an_action_text_is_kept_exactly_with_the_quote_prefix_style() {
    let bytes = render_xlsx(&fixture::summary()).expect("xlsx");
    // The cell's value is the text as typed: no apostrophe added.
    let mut workbook = open(bytes.clone());
    let actions = workbook.worksheet_range("tsm_actions").expect("actions");
    let cell = actions
        .rows()
        .flatten()
        .find(|c| matches!(c, Data::String(s) if s.contains(FORMULA)))
        .expect("the formula text is in the sheet");
    assert_eq!(string(cell), FORMULA);
    assert!(
        !actions
            .rows()
            .flatten()
            .any(|c| c.to_string().starts_with('\''))
    );

    // Its cell carries a style with quotePrefix="1"; no cell is a formula.
    let sheet = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(!sheet.contains("<f>"), "no cell is a formula");
    let styles = part(&bytes, "xl/styles.xml");
    let xfs = &styles[styles.find("<cellXfs").expect("cellXfs")..];
    let xfs = &xfs[..xfs.find("</cellXfs>").expect("end")];
    let quoted: Vec<usize> = xfs
        .split("<xf ")
        .skip(1)
        .enumerate()
        .filter(|(_, xf)| xf.contains(r#"quotePrefix="1""#))
        .map(|(i, _)| i)
        .collect();
    assert!(!quoted.is_empty(), "a quote-prefix style exists: {xfs}");
    let strings = part(&bytes, "xl/sharedStrings.xml");
    let index = strings
        .split("<si>")
        .skip(1)
        .position(|si| si.contains("HYPERLINK("))
        .expect("the formula text is a shared string");
    let cell = sheet
        .split("<c ")
        .find(|c| c.contains(&format!("<v>{index}</v>")))
        .expect("the cell holding it");
    assert!(
        quoted.iter().any(|i| cell.contains(&format!(r#"s="{i}""#))),
        "the formula cell uses a quote-prefix style: {cell}"
    );
}

#[test]
fn the_same_summary_gives_identical_workbook_bytes() {
    let summary = fixture::summary();
    assert_eq!(
        render_xlsx(&summary).expect("xlsx"),
        render_xlsx(&summary).expect("xlsx")
    );
}

#[test]
fn sheet_names_are_valid_unique_and_at_most_31_characters() {
    let taken = vec!["About".to_string(), "a_b".to_string()];
    assert_eq!(sheet_name("a/b", &taken), "a_b~2");
    assert_eq!(sheet_name("about", &taken), "about~2");
    assert_eq!(sheet_name(&"x".repeat(40), &taken).chars().count(), 31);
}
