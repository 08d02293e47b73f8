//! A summary as CSV that opens correctly in Excel: UTF-8 with a byte-order mark, CRLF line
//! ends, fields quoted only where needed. The "About" lines come first, then each table as a
//! block (title line, header row, rows, blank line). Text is neutralised against formulas.

use csv::{Terminator, WriterBuilder};

use super::about::{about_fields, iso};
use super::model::{Cell, Summary, SummaryTable};
use super::neutralise::neutralise;
use crate::error::ExchangeError;

/// The UTF-8 byte-order mark, without which Excel reads the file in the machine's code page.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The summary as CSV bytes.
pub fn render_csv(summary: &Summary) -> Result<Vec<u8>, ExchangeError> {
    let mut out = BOM.to_vec();
    let about: Vec<Vec<String>> = about_fields(&summary.header, iso)
        .into_iter()
        .map(|(label, value)| vec![label, neutralise(&value).into_owned()])
        .collect();
    block(&mut out, &about)?;
    for table in &summary.tables {
        block(&mut out, &table_records(table))?;
    }
    Ok(out)
}

/// A cell as CSV text: numbers and dates as they are, text neutralised.
fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => neutralise(text).into_owned(),
        other => other.display(),
    }
}

fn table_records(table: &SummaryTable) -> Vec<Vec<String>> {
    let mut records = vec![
        vec![neutralise(&table.title).into_owned()],
        table
            .columns
            .iter()
            .map(|c| neutralise(&c.header).into_owned())
            .collect(),
    ];
    records.extend(
        table
            .rows
            .iter()
            .map(|row| row.iter().map(cell_text).collect()),
    );
    records
}

/// Writes the records, then a blank line (written by hand: the csv crate writes an empty
/// record as `""`, which Excel shows as a cell, not a gap).
fn block(out: &mut Vec<u8>, records: &[Vec<String>]) -> Result<(), ExchangeError> {
    {
        let mut writer = WriterBuilder::new()
            .terminator(Terminator::CRLF)
            .flexible(true)
            .from_writer(&mut *out);
        for record in records {
            writer
                .write_record(record)
                .map_err(|source| ExchangeError::SummaryCsv { source })?;
        }
        writer.flush().map_err(|source| ExchangeError::SummaryCsv {
            source: source.into(),
        })?;
    }
    out.extend_from_slice(b"\r\n");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::fixture::{self, FORMULA};

    fn read_back(bytes: &[u8]) -> Vec<Vec<String>> {
        let body = bytes.strip_prefix(BOM).expect("starts with the BOM");
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(body)
            .records()
            .map(|r| r.expect("record").iter().map(String::from).collect())
            .collect()
    }

    #[test]
    fn csv_starts_with_the_byte_order_mark_and_ends_every_line_with_crlf() {
        let bytes = render_csv(&fixture::summary()).expect("csv");
        assert!(bytes.starts_with(BOM));
        let text = std::str::from_utf8(&bytes[BOM.len()..]).expect("utf-8");
        // The only bare LF is the one inside the quoted multi-line action.
        let bare_lf = text
            .match_indices('\n')
            .filter(|(i, _)| *i == 0 || text.as_bytes()[i - 1] != b'\r')
            .count();
        assert_eq!(bare_lf, 1);
        assert!(text.contains("\r\n\r\n\"Case funnel by phase, 2026-09-01 to 2026-12-18\"\r\n"));
    }

    #[test]
    fn csv_read_back_gives_the_about_lines_then_each_tables_title_header_and_cells() {
        let records = read_back(&render_csv(&fixture::summary()).expect("csv"));
        assert_eq!(records[0], ["Title", "Case funnel"]);
        assert!(records.contains(&vec!["Pseudonymised".to_string(), "yes".to_string()]));
        let funnel = records
            .iter()
            .position(|r| r[0].starts_with("Case funnel by phase"))
            .expect("funnel block");
        assert_eq!(
            records[funnel + 1],
            ["Row", "Primary", "Secondary", "Total"]
        );
        assert_eq!(records[funnel + 2], ["Cases triaged", "5", "3", "9"]);
        assert_eq!(
            records[funnel + 9],
            [
                "Closed with attendance improved, % of those closed after the 6-week cycle",
                "50.0",
                "",
                "66.7"
            ]
        );
        let actions = records
            .iter()
            .position(|r| r[0] == "TSM actions")
            .expect("actions");
        assert_eq!(records[actions + 2][2..], ["2026-11-30", "12", "93.5"]);
        assert_eq!(
            records[actions + 3][1],
            "Call home, then \"visit\", if no answer"
        );
        assert_eq!(records[actions + 3][2], "");
        assert_eq!(records[actions + 4][1], "Line one\nline two");
    }

    #[test]
    fn a_formula_in_an_action_text_is_written_as_quoted_text_in_csv() {
        let records = read_back(&render_csv(&fixture::summary()).expect("csv"));
        let action = records
            .iter()
            .find(|r| r[0] == "P-0001")
            .expect("action row");
        assert_eq!(action[1], format!("'{FORMULA}"));
    }

    #[test]
    fn an_identifiable_export_gives_its_reason_in_the_about_lines() {
        let mut summary = fixture::summary();
        summary.header.identifiable_reason = Some("=cmd".into());
        let records = read_back(&render_csv(&summary).expect("csv"));
        assert!(records.contains(&vec![
            "Identifiable export".to_string(),
            "'=cmd".to_string()
        ]));
    }
}
