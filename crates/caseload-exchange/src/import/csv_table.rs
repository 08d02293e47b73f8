//! Reads delimited text (CSV, or tab- or semicolon-separated) into rows for an importer. One
//! record buffer is reused for every row. Rows are numbered by record, as a spreadsheet shows
//! them: a line break inside a quoted value does not shift later rows. (An empty line, which
//! Excel never writes, is skipped without a number.)

use std::io::{Seek, SeekFrom};

use csv::{ErrorKind, StringRecord};

use super::error::{ErrorList, ImportError, ImportFailure, UnreadableReason};
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
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(64 * 1024)
        .from_reader(reader);
    let mut record = StringRecord::new();

    // The header is the first row with anything in it.
    loop {
        if !next(&mut csv, &mut record, &file, &[])? {
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
    sink.header(&file, &headers)?;
    let width = headers.len();

    let mut rows = 0;
    while next(&mut csv, &mut record, &file, &headers)? {
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

/// Reads the next record; `Ok(false)` at the end of the file.
fn next<R: std::io::Read>(
    csv: &mut csv::Reader<R>,
    record: &mut StringRecord,
    file: &str,
    headers: &[String],
) -> Result<bool, ImportFailure> {
    csv.read_record(record)
        .map_err(|e| failure(file, &e, headers))
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
