//! Reads delimited text (CSV, or tab- or semicolon-separated) into rows for an importer. One
//! record buffer is reused for every row. Rows are numbered by record, as a spreadsheet shows
//! them: a line break inside a quoted value does not shift later rows. (An empty line, which
//! Excel never writes, is skipped without a number.)

use std::cell::Cell as Shared;
use std::io::{Read, Seek, SeekFrom};
use std::rc::Rc;

use csv::{ErrorKind, StringRecord};

use super::error::{ErrorList, ImportError, ImportFailure, UnreadableReason};
use super::limits::{self, MAX_ROW_BYTES};
use super::source::Opened;
use super::table::{Row, RowCells, RowSink, TableRead, Ticker};

const SAVE_AS_UTF8: &str = "open the file in Excel, choose Save As, pick \"CSV UTF-8 (Comma \
                            delimited)\", and import that file";

pub(crate) fn read(
    opened: Opened<'_>,
    skip: u64,
    delimiter: u8,
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
    reader.seek(SeekFrom::Start(skip)).map_err(|e| {
        ImportFailure::unreadable(
            UnreadableReason::Io,
            &file,
            None,
            format!("the file could not be read: {}", crate::io_problem(&e)),
            "check the file is still there, then import it again",
        )
    })?;
    let row_start = Rc::new(Shared::new(0));
    let limited = RowLimited {
        inner: reader,
        read: 0,
        row_start: Rc::clone(&row_start),
    };
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(BUFFER as usize)
        .from_reader(limited);
    let mut record = StringRecord::new();
    let read_next = |csv: &mut csv::Reader<_>, record: &mut _, headers: &[String]| {
        next(csv, record, &file, headers, &row_start)
    };

    // The header is the first row with anything in it.
    loop {
        if !read_next(&mut csv, &mut record, &[])? {
            return Ok(TableRead {
                header_seen: false,
                rows: 0,
            });
        }
        if !is_blank(&record) {
            break;
        }
    }
    let headers: Vec<String> = record
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    limits::check_columns(&file, limits::filled_width(&headers))?;
    sink.header(&file, &headers)?;
    let width = headers.len();

    let mut rows = 0;
    while read_next(&mut csv, &mut record, &headers)? {
        if is_blank(&record) {
            continue;
        }
        rows += 1;
        let number = row_of(record.position());
        let len = record.len();
        let extra_filled = record.iter().skip(width).any(|f| !f.trim().is_empty());
        if len < width || extra_filled {
            errors.push(
                number,
                None,
                format!("the row has {len} values but the header has {width} columns"),
                if len < width {
                    "check the row for a missing value; every row needs one value per column"
                } else {
                    "a value that contains a comma must be in double quotes; check the row \
                     against the header"
                },
            );
        } else {
            sink.row(
                &Row {
                    number,
                    cells: RowCells::Csv(&record),
                },
                errors,
            );
        }
        if errors.is_full() {
            break;
        }
        ticker.row(rows, || skip + csv.position().byte())?;
    }
    ticker.report(rows, total_bytes)?;
    Ok(TableRead {
        header_seen: true,
        rows,
    })
}

/// The row a record is on, as a spreadsheet numbers it: the first record is row 1.
fn row_of(position: Option<&csv::Position>) -> usize {
    position.map_or(1, |p| p.record() as usize + 1)
}

/// The CSV reader's buffer: it reads at most this far past the row it is splitting.
const BUFFER: u64 = 64 * 1024;

/// Reads the next record; `Ok(false)` at the end of the file. A record longer than
/// [`MAX_ROW_BYTES`] is refused: reading stops a buffer's length past the limit, so memory stays
/// bounded, and a record that ended within that is measured exactly.
fn next<R: Read>(
    csv: &mut csv::Reader<RowLimited<R>>,
    record: &mut StringRecord,
    file: &str,
    headers: &[String],
    row_start: &Shared<u64>,
) -> Result<bool, ImportFailure> {
    let start = csv.position().byte();
    row_start.set(start);
    match csv.read_record(record) {
        Ok(more) => {
            // The row just read: as many rows as have been read.
            let row = || csv.position().record() as usize;
            if csv.position().byte() - start > MAX_ROW_BYTES {
                return Err(row_too_long(file, row()));
            }
            if record.as_slice().as_bytes().contains(&0) {
                return Err(ImportFailure::unreadable(
                    UnreadableReason::Binary,
                    file,
                    Some(row()),
                    "the row has a NUL byte, which text never has: the file is not a text \
                     table, or is damaged",
                    "choose the CSV or XLSX file exported from the school's management \
                     information system, or export it again",
                ));
            }
            Ok(more)
        }
        Err(e) if is_row_too_long(&e) => Err(row_too_long(file, row_of(Some(csv.position())))),
        Err(e) => Err(failure(file, &e, headers)),
    }
}

fn is_row_too_long(e: &csv::Error) -> bool {
    matches!(e.kind(), ErrorKind::Io(io) if io.get_ref().is_some_and(|i| i.is::<RowTooLong>()))
}

fn row_too_long(file: &str, row: usize) -> ImportFailure {
    limits::too_large(
        file,
        Some(row),
        format!(
            "the row is longer than {} MiB (a line with no line break, or a quote left open), \
             far longer than any row of attendance data",
            MAX_ROW_BYTES / (1024 * 1024)
        ),
    )
}

#[derive(Debug)]
struct RowTooLong;

impl std::fmt::Display for RowTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a row is longer than the limit")
    }
}

impl std::error::Error for RowTooLong {}

/// A reader that stops with [`RowTooLong`] once it has read [`MAX_ROW_BYTES`] and a buffer's
/// length past the start of the row being read (`row_start`, in bytes from its own start).
struct RowLimited<R> {
    inner: R,
    read: u64,
    row_start: Rc<Shared<u64>>,
}

impl<R: Read> Read for RowLimited<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let allowed = (self.row_start.get() + MAX_ROW_BYTES + BUFFER).saturating_sub(self.read);
        if allowed == 0 {
            return Err(std::io::Error::other(RowTooLong));
        }
        let len = buf
            .len()
            .min(usize::try_from(allowed).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..len])?;
        self.read += n as u64;
        Ok(n)
    }
}

fn is_blank(record: &StringRecord) -> bool {
    record.iter().all(|f| f.trim().is_empty())
}

fn failure(file: &str, e: &csv::Error, headers: &[String]) -> ImportFailure {
    match e.kind() {
        ErrorKind::Utf8 { pos, err } => {
            let row = row_of(pos.as_ref());
            let column = headers.get(err.field()).map(String::as_str);
            ImportFailure::Unreadable {
                reason: UnreadableReason::NotUtf8,
                error: Box::new(ImportError::new(
                    file,
                    Some(row),
                    column,
                    "the file is not UTF-8 text: this value has a character saved in another \
                     encoding (such as Windows-1252, which Excel's plain \"CSV\" uses)",
                    SAVE_AS_UTF8,
                )),
            }
        }
        ErrorKind::Io(e) => ImportFailure::unreadable(
            UnreadableReason::Io,
            file,
            None,
            format!("the file could not be read: {}", crate::io_problem(e)),
            "check the file is still there and is not open in another program, then import \
             it again",
        ),
        _ => ImportFailure::unreadable(
            UnreadableReason::MalformedCsv,
            file,
            None,
            format!("the file could not be read as CSV ({e})"),
            "export the data again as CSV and import the new file",
        ),
    }
}
