//! A file as a header row and data rows of cells, whatever its format, fed to an importer one
//! row at a time with progress and cancellation. Rows are borrowed from reused buffers, so
//! reading allocates per file, not per row. Knows nothing of what the columns mean.

use std::ops::ControlFlow;

use calamine::DataRef;
use chrono::NaiveDate;
use serde::Serialize;

use super::error::{ErrorList, ImportFailure, UnreadableReason};
use super::source::{self, Format, ImportSource};
use super::{csv_table, xlsx_table};

/// Progress is reported after every this many rows, and once at the end.
pub const PROGRESS_EVERY_ROWS: usize = 10_000;

/// How far an import has got. `bytes_read` of `total_bytes` suits a progress bar; for a
/// workbook it counts the compressed bytes read so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub rows_read: usize,
    pub bytes_read: u64,
    pub total_bytes: u64,
}

/// The caller's progress callback: `ControlFlow::Break(())` cancels the import.
pub type ProgressFn<'p> = dyn FnMut(Progress) -> ControlFlow<()> + 'p;

/// Calls the progress callback every [`PROGRESS_EVERY_ROWS`] rows.
pub(crate) struct Ticker<'p, 'f> {
    callback: &'p mut ProgressFn<'f>,
    file: String,
    total_bytes: u64,
    next_at: usize,
}

impl<'p, 'f> Ticker<'p, 'f> {
    fn new(callback: &'p mut ProgressFn<'f>, file: &str, total_bytes: u64) -> Self {
        Ticker {
            callback,
            file: file.to_string(),
            total_bytes,
            next_at: PROGRESS_EVERY_ROWS,
        }
    }

    /// Reports progress if `rows_read` has reached the next step; `Err(Cancelled)` on Break.
    pub(crate) fn row(
        &mut self,
        rows_read: usize,
        bytes_read: impl FnOnce() -> u64,
    ) -> Result<(), ImportFailure> {
        if rows_read < self.next_at {
            return Ok(());
        }
        self.next_at = rows_read + PROGRESS_EVERY_ROWS;
        self.report(rows_read, bytes_read())
    }

    pub(crate) fn report(
        &mut self,
        rows_read: usize,
        bytes_read: u64,
    ) -> Result<(), ImportFailure> {
        let progress = Progress {
            rows_read,
            bytes_read: bytes_read.min(self.total_bytes),
            total_bytes: self.total_bytes,
        };
        match (self.callback)(progress) {
            ControlFlow::Continue(()) => Ok(()),
            ControlFlow::Break(()) => Err(ImportFailure::Cancelled {
                file: self.file.clone(),
            }),
        }
    }
}

/// One cell's value as the importers see it. Text is trimmed; a blank is `Blank`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cell<'r> {
    Blank,
    Text(&'r str),
    Number(f64),
    /// A cell Excel formats as a date; `None` for one that is no real day (1900-02-29).
    Date(Option<NaiveDate>),
    Bool(bool),
    /// An Excel error value such as `#N/A`.
    Error,
}

fn text_cell(text: &str) -> Cell<'_> {
    match text.trim() {
        "" => Cell::Blank,
        t => Cell::Text(t),
    }
}

/// One data row, borrowed from the reader's buffer.
pub(crate) struct Row<'r> {
    /// As a spreadsheet numbers it: the header is row 1.
    pub number: usize,
    pub(crate) cells: RowCells<'r>,
}

pub(crate) enum RowCells<'r> {
    Csv(&'r csv::StringRecord),
    Xlsx(&'r [DataRef<'r>]),
}

impl Row<'_> {
    pub(crate) fn cell(&self, column: usize) -> Cell<'_> {
        match &self.cells {
            RowCells::Csv(record) => record.get(column).map_or(Cell::Blank, text_cell),
            RowCells::Xlsx(cells) => cells.get(column).map_or(Cell::Blank, xlsx_cell),
        }
    }
}

pub(crate) fn xlsx_cell<'r>(value: &'r DataRef<'_>) -> Cell<'r> {
    match value {
        DataRef::Empty => Cell::Blank,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text_cell(s),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Cell::Date(NaiveDate::from_ymd_opt(
                i32::from(y),
                u32::from(m),
                u32::from(d),
            ))
        }
        DataRef::DateTime(dt) => Cell::Number(dt.as_f64()),
        DataRef::Error(_) => Cell::Error,
    }
}

/// What an importer does with the rows of a file.
pub(crate) trait RowSink {
    /// The header row, as written (trimmed, byte-order mark removed). Refusing it stops the import.
    fn header(&mut self, file: &str, headers: &[String]) -> Result<(), ImportFailure>;
    /// A data row that is not wholly blank. Problems go to `errors`.
    fn row(&mut self, row: &Row<'_>, errors: &mut ErrorList);
}

/// What the readers found: the header, and how many non-blank data rows followed it.
pub(crate) struct TableRead {
    pub header_seen: bool,
    pub rows: usize,
}

/// Reads `source` into `sink`, row by row. Returns the number of data rows and the problems
/// found; `Err` when the file cannot be read, has no data, or was cancelled.
pub(crate) fn read_table(
    source: &ImportSource<'_>,
    progress: &mut ProgressFn<'_>,
    sink: &mut dyn RowSink,
) -> Result<(usize, ErrorList), ImportFailure> {
    let opened = source::open(source)?;
    let file = opened.file.clone();
    let mut errors = ErrorList::new(&file);
    let mut ticker = Ticker::new(progress, &file, opened.total_bytes);
    let read = match opened.format {
        Format::Csv { skip, delimiter } => {
            csv_table::read(opened, skip, delimiter, &mut ticker, sink, &mut errors)?
        }
        Format::Xlsx => xlsx_table::read(opened, &mut ticker, sink, &mut errors)?,
    };
    if !read.header_seen {
        return Err(ImportFailure::unreadable(
            UnreadableReason::Empty,
            &file,
            None,
            "the file has no rows: not even a header",
            "export the attendance data again and import the new file",
        ));
    }
    if read.rows == 0 && errors.is_empty() {
        return Err(ImportFailure::unreadable(
            UnreadableReason::NoDataRows,
            &file,
            Some(2),
            "the file has a header row but no data rows under it",
            "check the export included pupils, then import the file again",
        ));
    }
    Ok((read.rows, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_whitespace_only_text_is_blank() {
        assert_eq!(text_cell("  AM "), Cell::Text("AM"));
        assert_eq!(text_cell("   "), Cell::Blank);
    }

    #[test]
    fn progress_is_reported_every_ten_thousand_rows_and_break_cancels() {
        let mut seen = Vec::new();
        let mut callback = |p: Progress| {
            seen.push(p.rows_read);
            if p.rows_read >= 20_000 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let mut ticker = Ticker::new(&mut callback, "f.csv", 100);
        let mut outcome = Ok(());
        for rows in 1..=30_000 {
            outcome = ticker.row(rows, || 50);
            if outcome.is_err() {
                break;
            }
        }
        assert!(matches!(outcome, Err(ImportFailure::Cancelled { .. })));
        assert_eq!(seen, vec![10_000, 20_000]);
    }
}
