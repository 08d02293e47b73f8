//! How much of a file an import will read, so a broken or hostile file (a 50 MB line, ten
//! thousand columns, a workbook that unpacks to gigabytes) is refused in bounded memory and
//! time instead of exhausting the computer. Each limit is far beyond any real attendance
//! export and is stated in `docs/data-formats.md`. A refusal says which limit and what to do.

use std::io::{Read, Seek, SeekFrom};

use super::error::{ImportFailure, UnreadableReason};

/// Columns a header row may have (blank columns at its end are not counted). An attendance
/// export has under 20; a council's wide extract under 200.
pub(crate) const MAX_COLUMNS: usize = 500;

/// Bytes one CSV row may take, line breaks inside quoted values included. A marks row is about
/// 30 bytes, a summary row about 100.
pub(crate) const MAX_ROW_BYTES: u64 = 1024 * 1024;

/// What an XLSX workbook may unpack to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WorkbookLimits {
    /// Parts (files) in the workbook's zip.
    pub entries: usize,
    /// The shared text (`xl/sharedStrings.xml`), which calamine holds in memory whole: at
    /// worst about three times its size, for a great many one-letter strings.
    pub shared_strings: u64,
    /// Any other one part, such as the worksheet, which is streamed.
    pub part: u64,
    /// All XML parts together.
    pub total: u64,
    /// Bytes between one `<` or `>` and the next: one cell's text, or one tag. Excel's own
    /// limit is 32,767 characters a cell (at most about 160 KiB of escaped UTF-8).
    pub run: u64,
}

pub(crate) const WORKBOOK_LIMITS: WorkbookLimits = WorkbookLimits {
    entries: 10_000,
    shared_strings: 64 * MIB,
    // Excel's last row is 1,048,576: a full sheet of marks (upn, date, session, code) unpacks to
    // about 190 MiB.
    part: 256 * MIB,
    total: 512 * MIB,
    run: MIB,
};

const MIB: u64 = 1024 * 1024;

/// "128 MiB", or "4 KiB" below a mebibyte.
fn size(bytes: u64) -> String {
    if bytes >= MIB {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{} KiB", bytes / 1024)
    }
}

const NOT_ATTENDANCE: &str = "check the right file was chosen; if it is, export the data again \
                              from the school's system (or open it in Excel and save it as \
                              \"CSV UTF-8\") and import the new file";

pub(crate) fn too_large(
    file: &str,
    row: Option<usize>,
    problem: impl Into<String>,
) -> ImportFailure {
    ImportFailure::unreadable(
        UnreadableReason::TooLarge,
        file,
        row,
        problem,
        NOT_ATTENDANCE,
    )
}

/// Refuses a header row wider than [`MAX_COLUMNS`]; `columns` counts up to its last filled cell.
pub(crate) fn check_columns(file: &str, columns: usize) -> Result<(), ImportFailure> {
    if columns <= MAX_COLUMNS {
        return Ok(());
    }
    Err(too_large(
        file,
        Some(1),
        format!(
            "the header row has {columns} columns; Caseload reads at most {MAX_COLUMNS}, far \
             more than any attendance export has"
        ),
    ))
}

/// The columns a header row has, not counting blank ones at its end.
pub(crate) fn filled_width<S: AsRef<str>>(headers: &[S]) -> usize {
    headers
        .iter()
        .rposition(|h| !h.as_ref().trim().is_empty())
        .map_or(0, |last| last + 1)
}

/// Checks every XML part of an XLSX workbook against `limits` before the workbook is parsed:
/// first the sizes its zip declares, then the bytes it really unpacks to (a declared size can
/// lie), stopping at the first byte over a limit. Leaves `reader` at its start.
pub(crate) fn check_workbook<R: Read + Seek>(
    reader: &mut R,
    file: &str,
    limits: &WorkbookLimits,
) -> Result<(), ImportFailure> {
    let damaged = |e: &dyn std::fmt::Display| {
        ImportFailure::unreadable(
            UnreadableReason::DamagedWorkbook,
            file,
            None,
            format!("the workbook is damaged or incomplete ({e})"),
            "it may have been cut short while copying: copy or export it again, check it opens \
             in Excel, and import the new copy",
        )
    };
    let mut zip = zip::ZipArchive::new(&mut *reader).map_err(|e| damaged(&e))?;
    if zip.len() > limits.entries {
        return Err(too_large(
            file,
            None,
            format!(
                "the workbook holds {} parts; an Excel workbook has a few dozen and Caseload reads \
                 at most {}",
                zip.len(),
                limits.entries
            ),
        ));
    }
    let mut total = 0u64;
    for index in 0..zip.len() {
        let mut part = zip.by_index(index).map_err(|e| damaged(&e))?;
        let name = part.name().map_err(|e| damaged(&e))?.to_ascii_lowercase();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue; // Pictures and the like are never read.
        }
        let (what, cap) = if name.ends_with("sharedstrings.xml") {
            ("the workbook's shared text", limits.shared_strings)
        } else if name.starts_with("xl/worksheets/") {
            ("a worksheet", limits.part)
        } else {
            ("a part of the workbook", limits.part)
        };
        let over = |cap: u64| {
            too_large(
                file,
                None,
                format!(
                    "{what} unpacks to more than {}, far beyond any attendance export \
                     (Caseload reads at most that much)",
                    size(cap)
                ),
            )
        };
        if part.size() > cap {
            return Err(over(cap));
        }
        let room = cap.min(limits.total.saturating_sub(total));
        let read = scan(&mut part, room, limits.run).map_err(|e| match e {
            Scan::Over => {
                if room < cap {
                    too_large(
                        file,
                        None,
                        format!(
                            "the workbook unpacks to more than {}, far beyond any \
                             attendance export (Caseload reads at most that much)",
                            size(limits.total)
                        ),
                    )
                } else {
                    over(cap)
                }
            }
            Scan::LongRun => too_large(
                file,
                None,
                format!(
                    "a cell or tag in the workbook is longer than {}, though Excel holds at \
                     most 32,767 characters in a cell",
                    size(limits.run)
                ),
            ),
            Scan::Io(e) => damaged(&e),
        })?;
        total += read;
    }
    drop(zip);
    reader.seek(SeekFrom::Start(0)).map_err(|e| damaged(&e))?;
    Ok(())
}

#[derive(Debug)]
enum Scan {
    /// More than the cap was unpacked.
    Over,
    /// A run without `<` or `>` longer than allowed.
    LongRun,
    Io(std::io::Error),
}

/// Reads `part` to its end, at most `cap` bytes, checking no run between angle brackets is
/// longer than `run_cap`. Returns the bytes read.
fn scan(part: &mut impl Read, cap: u64, run_cap: u64) -> Result<u64, Scan> {
    let mut buf = vec![0u8; 64 * 1024];
    let (mut read, mut run) = (0u64, 0u64);
    loop {
        let n = match part.read(&mut buf) {
            Ok(0) => return Ok(read),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Scan::Io(e)),
        };
        read += n as u64;
        if read > cap {
            return Err(Scan::Over);
        }
        let chunk = &buf[..n];
        let bracket = |b: &u8| matches!(b, b'<' | b'>');
        match (
            chunk.iter().position(bracket),
            chunk.iter().rposition(bracket),
        ) {
            (Some(first), Some(last)) => {
                if run + first as u64 > run_cap {
                    return Err(Scan::LongRun);
                }
                let longest_inside = chunk[first..=last]
                    .split(bracket)
                    .map(<[u8]>::len)
                    .max()
                    .unwrap_or(0);
                if longest_inside as u64 > run_cap {
                    return Err(Scan::LongRun);
                }
                run = (n - last - 1) as u64;
            }
            _ => run += n as u64,
        }
        if run > run_cap {
            return Err(Scan::LongRun);
        }
    }
}

#[cfg(test)]
#[path = "limits_tests.rs"]
mod tests;
