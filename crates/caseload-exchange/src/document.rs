//! A format-neutral document: the blocks a record is made of, in reading order. Each renderer
//! (PDF, DOCX) lays out the same blocks, so both formats say the same thing in the same order.
//! Text here is plain Unicode; escaping and encoding belong to the renderers.

use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Document {
    /// The title, also written into the file's metadata.
    pub title: String,
    pub blocks: Vec<Block>,
    /// Shown at the foot of every page, beside "Page N of M".
    pub footer: String,
    /// Metadata date of the file; keeps the output a pure function of the record.
    pub produced_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Title(String),
    /// A warning that must not be missed (the record is a draft).
    Marker(String),
    /// A section: "Attendees", "Actions for the school".
    Heading(String),
    /// A part of a section: one pupil discussed.
    Subheading(String),
    /// A short bold caption introducing what follows, e.g. "Actions".
    Label(String),
    /// Text that may contain newlines, each starting a new line.
    Paragraph(String),
    /// Label and value pairs, laid out as two aligned columns without borders.
    Fields(Vec<(String, String)>),
    Table(Table),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    pub columns: Vec<Column>,
    /// Every row has one cell per column.
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Column {
    pub header: String,
    /// Share of the table's width, relative to the other columns' weights.
    pub weight: f32,
}

impl Column {
    pub fn new(header: &str, weight: f32) -> Column {
        Column {
            header: header.into(),
            weight,
        }
    }
}

impl Table {
    /// Each column's width as a fraction of the table's width (they sum to 1).
    pub fn fractions(&self) -> Vec<f32> {
        let total: f32 = self.columns.iter().map(|c| c.weight).sum();
        self.columns.iter().map(|c| c.weight / total).collect()
    }
}

/// A date as GOV.UK style writes it: "23 November 2026".
pub(crate) use caseload_domain::dates::long_date;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_with_the_day_unpadded_and_the_month_in_full() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 4).expect("date");
        assert_eq!(long_date(date), "4 March 2026");
    }

    #[test]
    fn column_fractions_share_the_whole_width_by_weight() {
        let table = Table {
            columns: vec![Column::new("A", 3.0), Column::new("B", 1.0)],
            rows: vec![],
        };
        assert_eq!(table.fractions(), vec![0.75, 0.25]);
    }
}
