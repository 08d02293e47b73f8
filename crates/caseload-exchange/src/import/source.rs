//! Where an imported file comes from (a path or bytes already in memory) and what it is: its
//! first bytes decide between CSV and XLSX and catch what is neither (images, PDFs, old `.xls`
//! workbooks, UTF-16 text, random bytes) before any row is read. Knows nothing of columns.

use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::Path;

use super::error::{ImportFailure, UnreadableReason};

/// How many leading bytes are looked at to tell what a file is.
const SNIFF_BYTES: usize = 8 * 1024;
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A file to import: read from disk, or bytes the caller already holds (a drag-and-drop, a
/// test). Only the file's name, never its folder, appears in messages.
#[derive(Debug, Clone, Copy)]
pub enum ImportSource<'a> {
    Path(&'a Path),
    Bytes { name: &'a str, bytes: &'a [u8] },
}

impl<'a> ImportSource<'a> {
    pub fn path(path: &'a Path) -> Self {
        ImportSource::Path(path)
    }

    pub fn bytes(name: &'a str, bytes: &'a [u8]) -> Self {
        ImportSource::Bytes { name, bytes }
    }

    /// The name messages use: the last component of the path or name given.
    pub fn file_name(&self) -> String {
        let path = match self {
            ImportSource::Path(path) => *path,
            ImportSource::Bytes { name, .. } => Path::new(*name),
        };
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.to_string_lossy().into_owned())
    }

    fn extension(&self) -> String {
        let name = self.file_name();
        Path::new(&name)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default()
    }
}

/// Anything the readers can read and seek; a file on disk or a slice in memory.
pub(crate) trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}

/// The layout of a table file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// Delimited text; `skip` bytes of byte-order mark come first.
    Csv {
        skip: u64,
        delimiter: u8,
    },
    Xlsx,
}

/// A file opened for reading, positioned at its start.
pub(crate) struct Opened<'a> {
    pub file: String,
    pub total_bytes: u64,
    pub format: Format,
    pub reader: Box<dyn ReadSeek + 'a>,
}

pub(crate) fn open<'a>(source: &ImportSource<'a>) -> Result<Opened<'a>, ImportFailure> {
    let file = source.file_name();
    let io_failure = |e: std::io::Error| {
        ImportFailure::unreadable(
            UnreadableReason::Io,
            &file,
            None,
            format!("the file could not be read: {}", crate::io_problem(&e)),
            "check the file is still there and is not open in another program, then import \
             it again",
        )
    };
    let (mut reader, total_bytes): (Box<dyn ReadSeek + 'a>, u64) = match source {
        ImportSource::Path(path) => {
            let f = File::open(path).map_err(io_failure)?;
            let len = f.metadata().map_err(io_failure)?.len();
            (Box::new(BufReader::with_capacity(64 * 1024, f)), len)
        }
        ImportSource::Bytes { bytes, .. } => (Box::new(Cursor::new(*bytes)), bytes.len() as u64),
    };
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    (&mut reader)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(io_failure)?;
    reader.seek(SeekFrom::Start(0)).map_err(io_failure)?;
    let format = classify(&file, &source.extension(), &head)?;
    Ok(Opened {
        file,
        total_bytes,
        format,
        reader,
    })
}

/// Decides what the file is from its first bytes and its extension.
fn classify(file: &str, extension: &str, head: &[u8]) -> Result<Format, ImportFailure> {
    let refuse = |reason, problem: &str, fix: &str| {
        Err(ImportFailure::unreadable(reason, file, None, problem, fix))
    };
    const SAVE_AS: &str = "open it in Excel, choose Save As, pick \"CSV UTF-8 (Comma delimited)\" \
                           or \"Excel Workbook (.xlsx)\", and import that file";
    if head.is_empty() {
        return refuse(
            UnreadableReason::Empty,
            "the file is empty (0 bytes)",
            "export the attendance data again and import the new file",
        );
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Ok(Format::Xlsx);
    }
    if head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        // Password-protected .xlsx files are wrapped in the same container as .xls.
        return refuse(
            UnreadableReason::LegacyExcel,
            "the file is an Excel 97-2003 workbook (.xls) or a password-protected workbook, \
             which Caseload cannot read",
            "open it in Excel, remove any password, choose Save As, pick \"CSV UTF-8 (Comma \
             delimited)\" or \"Excel Workbook (.xlsx)\", and import that file",
        );
    }
    if matches!(extension, "xlsx" | "xlsm") {
        return refuse(
            UnreadableReason::DamagedWorkbook,
            "the file is named .xlsx but is not an Excel workbook",
            "check the right file was chosen; if it is, open it in Excel and save it again",
        );
    }
    if let Some(kind) = binary_kind(head) {
        return refuse(
            UnreadableReason::Binary,
            &format!("the file is {kind}, not a table of attendance data"),
            "choose the CSV or XLSX file exported from the school's management information \
             system",
        );
    }
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return refuse(
            UnreadableReason::NotUtf8,
            "the file is UTF-16 text (Excel's \"Unicode Text\"), not UTF-8",
            SAVE_AS,
        );
    }
    let skip = if head.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    };
    Ok(Format::Csv {
        skip: skip as u64,
        delimiter: sniff_delimiter(&head[skip..]),
    })
}

/// A description of a file that is plainly not text, or `None` if it may be.
fn binary_kind(head: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1A\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF document"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
        (b"Rar!", "a RAR archive"),
        (b"MZ", "a Windows program"),
        (b"\x7FELF", "a program"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| head.starts_with(magic)) {
        return Some(kind);
    }
    // UTF-16 text is all NUL bytes between ASCII letters; it has its own message.
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return None;
    }
    // Text has no NUL bytes and few control characters besides tab, CR and LF.
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n' | 0x0C))
        .count();
    let has_nul = head.contains(&0);
    (has_nul || control * 20 > head.len()).then_some("binary data")
}

/// Comma unless the first line has none and has tabs or semicolons instead (tab-separated
/// exports, and CSV from a Windows locale that writes decimals with commas).
fn sniff_delimiter(head: &[u8]) -> u8 {
    let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    let count = |d: u8| line.iter().filter(|&&b| b == d).count();
    if count(b',') > 0 {
        b','
    } else if count(b'\t') > 0 {
        b'\t'
    } else if count(b';') > 0 {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format_of(name: &str, bytes: &[u8]) -> Result<Format, ImportFailure> {
        open(&ImportSource::bytes(name, bytes)).map(|o| o.format)
    }

    fn reason(result: Result<Format, ImportFailure>) -> UnreadableReason {
        match result {
            Err(ImportFailure::Unreadable { reason, .. }) => reason,
            other => panic!("expected Unreadable, got {other:?}"),
        }
    }

    #[test]
    fn a_byte_order_mark_is_skipped_and_the_delimiter_found() {
        assert_eq!(
            format_of("a.csv", b"\xEF\xBB\xBFupn,date\n"),
            Ok(Format::Csv {
                skip: 3,
                delimiter: b','
            })
        );
        assert_eq!(
            format_of("a.txt", b"upn\tdate\n"),
            Ok(Format::Csv {
                skip: 0,
                delimiter: b'\t'
            })
        );
    }

    #[test]
    fn images_old_workbooks_and_utf16_are_refused_by_their_first_bytes() {
        let png = b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR";
        assert_eq!(reason(format_of("a.csv", png)), UnreadableReason::Binary);
        let xls = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0";
        assert_eq!(
            reason(format_of("a.xls", xls)),
            UnreadableReason::LegacyExcel
        );
        let utf16 = b"\xFF\xFEu\0p\0n\0";
        assert_eq!(reason(format_of("a.csv", utf16)), UnreadableReason::NotUtf8);
        assert_eq!(
            reason(format_of("a.xlsx", b"upn,date\n")),
            UnreadableReason::DamagedWorkbook
        );
    }

    #[test]
    fn only_the_file_name_is_shown_never_its_folder() {
        let source = ImportSource::path(Path::new("/home/worker/secret/pupils.csv"));
        assert_eq!(source.file_name(), "pupils.csv");
        assert_eq!(ImportSource::bytes("x/y.csv", b"").file_name(), "y.csv");
    }
}
