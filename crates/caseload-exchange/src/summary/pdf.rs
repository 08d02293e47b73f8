//! A summary as PDF, through the shared block model and PDF engine the TSM record uses: the
//! title, the "About" fields, each table, then the definitions of every column and row. This
//! module decides what the document says; layout belongs to `crate::pdf`.

use super::about::{IDENTIFIABLE, about_fields};
use super::model::{ColumnType, Summary, SummaryTable};
use crate::document::{Block, Column, Document, Table, long_date};
use crate::error::ExchangeError;

/// Column weights are the points a column needs at the table's 9-point type: its widest text
/// plus the cell padding, so narrow numeric columns stay narrow and the 13-column ward table
/// fits the A4 width without breaking a number or a band label. Headers wrap at spaces, so
/// only their longest word counts; text cells wrap too, so a text column asks for at most
/// `TEXT_POINTS_MAX`. The widths are estimates (the exact metrics belong to `crate::pdf`),
/// a little generous so that rounding never splits a word.
const PADDING_POINTS: f32 = 10.0;
const TEXT_POINTS_MAX: f32 = 60.0;
const NUMBER_POINTS_MAX: f32 = 60.0;

/// Estimated width, in points at 9-point Noto Sans (bold for headers), of a piece of text.
fn points(text: &str, bold: bool) -> f32 {
    text.chars()
        .map(|c| match c {
            '0'..='9' => 5.2,
            '.' | ',' | ' ' => 2.5,
            '-' | '(' | ')' => 3.0,
            'i' | 'j' | 'l' | 'I' | 'f' | 't' | 'r' => 3.0,
            'm' | 'w' | 'M' | 'W' => 8.5,
            _ if bold => 5.8,
            _ => 5.3,
        })
        .sum()
}

/// The summary as PDF bytes.
pub fn render_pdf(summary: &Summary) -> Result<Vec<u8>, ExchangeError> {
    crate::pdf::render(&document(summary))
}

fn document(summary: &Summary) -> Document {
    let header = &summary.header;
    let mut blocks = vec![Block::Title(header.title.clone())];
    if let Some(reason) = &header.identifiable_reason {
        blocks.push(Block::Marker(format!("{IDENTIFIABLE}: {reason}")));
    }
    blocks.push(Block::Fields(about_fields(header, long_date)));

    for table in &summary.tables {
        blocks.push(Block::Heading(table.title.clone()));
        if table.rows.is_empty() {
            blocks.push(Block::Paragraph("No rows.".into()));
        } else {
            blocks.push(Block::Table(pdf_table(table)));
        }
    }

    blocks.push(Block::Heading("Definitions".into()));
    for table in &summary.tables {
        blocks.push(Block::Subheading(table.title.clone()));
        blocks.push(Block::Fields(
            table
                .columns
                .iter()
                .map(|c| (c.header.clone(), c.definition.clone()))
                .collect(),
        ));
        if !table.row_definitions.is_empty() {
            blocks.push(Block::Label("Rows".into()));
            blocks.push(Block::Fields(table.row_definitions.clone()));
        }
    }

    let privacy = match header.identifiable_reason {
        None => "Pseudonymised",
        Some(_) => IDENTIFIABLE,
    };
    Document {
        title: header.title.clone(),
        blocks,
        footer: format!(
            "{privacy}. Produced {} by Caseload",
            long_date(header.produced_on)
        ),
        produced_on: header.produced_on,
    }
}

fn pdf_table(table: &SummaryTable) -> Table {
    let columns = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let header = column
                .header
                .split_whitespace()
                .map(|word| points(word, true))
                .fold(0.0, f32::max);
            let cells = table
                .rows
                .iter()
                .filter_map(|row| row.get(i))
                .map(|cell| points(&cell.display(), false))
                .fold(0.0, f32::max);
            let max = match column.kind {
                ColumnType::Text => TEXT_POINTS_MAX,
                ColumnType::Count | ColumnType::Percent | ColumnType::Date => NUMBER_POINTS_MAX,
            };
            let widest = header.max(cells.min(max));
            Column::new(&column.header, widest + PADDING_POINTS)
        })
        .collect();
    Table {
        columns,
        rows: table
            .rows
            .iter()
            .map(|row| row.iter().map(|cell| cell.display()).collect())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::fixture;
    use crate::summary::tables::ward_tables;

    #[test]
    fn the_pdf_is_a_pdf_with_a_heading_for_each_table_and_the_definitions() {
        let summary = fixture::summary();
        let bytes = render_pdf(&summary).expect("pdf");
        assert!(bytes.starts_with(b"%PDF"));
        let doc = document(&summary);
        for heading in ["Case funnel by phase", "TSM actions", "Definitions"] {
            let found = doc.blocks.iter().any(|b| match b {
                Block::Heading(h) => h.contains(heading),
                _ => false,
            });
            assert!(found, "no heading {heading:?}");
        }
        assert!(
            doc.blocks
                .contains(&Block::Subheading("TSM actions".into()))
        );
    }

    #[test]
    fn the_pdf_says_an_identifiable_export_is_identifiable() {
        let mut summary = fixture::summary();
        summary.header.identifiable_reason = Some("Panel request".into());
        let doc = document(&summary);
        assert!(
            doc.blocks
                .contains(&Block::Marker("Identifiable export: Panel request".into()))
        );
        assert!(doc.footer.starts_with(IDENTIFIABLE));
    }

    #[test]
    fn narrow_numeric_columns_get_small_weights_beside_the_ward_name() {
        let tables = ward_tables(&fixture::ward_figures());
        let table = pdf_table(&tables[0]);
        assert_eq!(table.columns.len(), 12);
        let ward = table.columns[0].weight;
        assert!(table.columns[1..].iter().all(|c| c.weight < ward));
    }
}
