//! Reads the first worksheet of an XLSX workbook into rows for an importer, streaming its cells
//! (the sheet is never held whole) so progress and cancellation work on large workbooks. Rows
//! keep the numbers the spreadsheet shows; wholly blank rows are skipped.

use std::cell::Cell as Shared;
use std::io::{Read, Seek, SeekFrom};
use std::rc::Rc;

use calamine::{DataRef, Reader, Xlsx, XlsxError};

use super::error::{ErrorList, ImportFailure, UnreadableReason};
use super::limits::{self, MAX_COLUMNS, WORKBOOK_LIMITS};
use super::source::Opened;
use super::table::{Cell, Row, RowCells, RowSink, TableRead, Ticker, xlsx_cell};

pub(crate) fn read(
    opened: Opened<'_>,
    ticker: &mut Ticker<'_, '_>,
    sink: &mut dyn RowSink,
    errors: &mut ErrorList,
) -> Result<TableRead, ImportFailure> {
    let Opened {
        file,
        mut reader,
        total_bytes,
        ..
    } = opened;
    limits::check_workbook(&mut reader, &file, &WORKBOOK_LIMITS)?;
    let position = Rc::new(Shared::new(0));
    let counted = Counted {
        inner: reader,
        at: 0,
        furthest: Rc::clone(&position),
    };
    let mut workbook: Xlsx<_> = Xlsx::new(counted).map_err(|e| damaged(&file, &e))?;
    let Some(first) = workbook.sheet_names().into_iter().next() else {
        return Err(ImportFailure::unreadable(
            UnreadableReason::NoSheet,
            &file,
            None,
            "the workbook has no worksheet",
            "check the right file was chosen, then export the data again",
        ));
    };
    let mut cells = workbook
        .worksheet_cells_reader(&first)
        .map_err(|e| damaged(&file, &e))?;

    let mut rows = RowAssembler {
        file: &file,
        headers: None,
        rows: 0,
        buffer: Vec::new(),
        beyond: 0,
    };
    let mut current: Option<u32> = None;
    loop {
        let next = cells.next_cell().map_err(|e| damaged(&file, &e))?;
        let row_of_next = next.as_ref().map(|c| c.get_position().0);
        if let Some(row) = current.filter(|&r| Some(r) != row_of_next) {
            rows.flush(row, sink, errors)?;
            if errors.is_full() {
                break;
            }
            ticker.row(rows.rows, || position.get())?;
        }
        let Some(cell) = next else { break };
        let (row, column) = cell.get_position();
        if current != Some(row) {
            current = Some(row);
            rows.buffer.clear();
            rows.beyond = 0;
        }
        let column = column as usize;
        if column < MAX_COLUMNS {
            if rows.buffer.len() <= column {
                rows.buffer.resize(column + 1, DataRef::Empty);
            }
            rows.buffer[column] = cell.get_value().clone();
        } else if xlsx_cell(cell.get_value()) != Cell::Blank {
            // Kept only to be counted: no column this far right is read.
            rows.beyond = rows.beyond.max(column + 1);
        }
    }
    ticker.report(rows.rows, total_bytes)?;
    Ok(TableRead {
        header_seen: rows.headers.is_some(),
        rows: rows.rows,
    })
}

/// Collects one worksheet row's cells, then hands the row on as the header or as data.
struct RowAssembler<'f, 'a> {
    file: &'f str,
    headers: Option<Vec<String>>,
    rows: usize,
    buffer: Vec<DataRef<'a>>,
    /// The width of the row when it has a filled cell beyond [`MAX_COLUMNS`], else 0.
    beyond: usize,
}

impl RowAssembler<'_, '_> {
    /// `row` is zero-based, as the worksheet stores it.
    fn flush(
        &mut self,
        row: u32,
        sink: &mut dyn RowSink,
        errors: &mut ErrorList,
    ) -> Result<(), ImportFailure> {
        if self.headers.is_none() && self.beyond > 0 {
            limits::check_columns(self.file, self.beyond)?;
        }
        if self.buffer.iter().all(|v| xlsx_cell(v) == Cell::Blank) {
            return Ok(());
        }
        if self.headers.is_none() {
            let headers: Vec<String> = self.buffer.iter().map(header_text).collect();
            sink.header(self.file, &headers)?;
            self.headers = Some(headers);
            return Ok(());
        }
        self.rows += 1;
        sink.row(
            &Row {
                number: row as usize + 1,
                cells: RowCells::Xlsx(&self.buffer),
            },
            errors,
        );
        Ok(())
    }
}

fn header_text(value: &DataRef<'_>) -> String {
    match xlsx_cell(value) {
        Cell::Blank | Cell::Error => String::new(),
        Cell::Text(t) => t.trim_start_matches('\u{feff}').trim().to_string(),
        Cell::Number(n) => n.to_string(),
        Cell::Date(Some(d)) => d.to_string(),
        Cell::Date(None) => String::new(),
        Cell::Bool(b) => if b { "TRUE" } else { "FALSE" }.to_string(),
    }
}

fn damaged(file: &str, e: &XlsxError) -> ImportFailure {
    if matches!(e, XlsxError::Password) {
        return ImportFailure::unreadable(
            UnreadableReason::DamagedWorkbook,
            file,
            None,
            "the workbook is password-protected",
            "open it in Excel, remove the password, save it, and import it again",
        );
    }
    ImportFailure::unreadable(
        UnreadableReason::DamagedWorkbook,
        file,
        None,
        format!("the workbook is damaged or incomplete ({e})"),
        "it may have been cut short while copying: copy or export it again, check it opens in \
         Excel, and import the new copy",
    )
}

/// A reader that records how far into the file reading has got, for progress.
struct Counted<R> {
    inner: R,
    at: u64,
    furthest: Rc<Shared<u64>>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.at += n as u64;
        self.furthest.set(self.furthest.get().max(self.at));
        Ok(n)
    }
}

impl<R: Seek> Seek for Counted<R> {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.at = self.inner.seek(pos)?;
        Ok(self.at)
    }
}
