//! What each fuzz target does with its input, one function per target. The libFuzzer targets in
//! `fuzz_targets/` call these, and the stable test `crates/caseload-exchange/tests/fuzz_seeds.rs`
//! includes this file and feeds every checked-in seed (`fuzz/seeds/<target>/`) through the same
//! functions, so a seed that panics fails `cargo test` without nightly.
//!
//! Each function may refuse its input (that is most inputs); it must not panic, hang or blow up
//! its memory, and where a parser's answer can be checked against itself it is.

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::path::Path;

use caseload_domain::Upn;
use caseload_domain::family::parse_postcode;
use caseload_exchange::import::{
    ColumnMapping, ImportSource, import_allocations, import_marks, import_summaries,
};
use caseload_exchange::share::{
    InboxKind, MAX_INBOX_FILE_BYTES, RealShare, inbox_scan, sha256_hex,
};
use caseload_exchange::summary::{read_json, render_json};
use chrono::NaiveDate;

/// The three table imports over the same bytes, as a file with the given name.
fn tables(name: &str, data: &[u8]) {
    let source = ImportSource::bytes(name, data);
    let mapping = ColumnMapping::new();
    let mut go_on = |_| ControlFlow::Continue(());
    // A fixed day, so a run is repeatable: dates after it are refused as in the future.
    let today = NaiveDate::from_ymd_opt(2026, 3, 2).expect("a real date");
    if let Ok(marks) = import_marks(&source, &mapping, today, &mut go_on) {
        assert!(marks.rows >= marks.mark_count(), "more marks than rows");
    }
    let _ = import_summaries(&source, &mapping, today, &mut go_on);
    allocations(&source);
}

fn allocations(source: &ImportSource<'_>) {
    let today = NaiveDate::from_ymd_opt(2026, 3, 2).expect("a real date");
    let mut go_on = |_| ControlFlow::Continue(());
    if let Ok(file) = import_allocations(source, &ColumnMapping::new(), today, &mut go_on) {
        assert!(file.cases.len() <= file.rows, "more cases than rows");
    }
}

/// Session marks, summaries and allocations from a `.csv` file.
pub fn csv_import(data: &[u8]) {
    tables("fuzz.csv", data);
}

/// Session marks, summaries and allocations from an `.xlsx` file.
pub fn xlsx_import(data: &[u8]) {
    tables("fuzz.xlsx", data);
}

/// The allocation import alone (the richest row validation), as CSV or XLSX by its first bytes.
pub fn allocation_import(data: &[u8]) {
    let name = if data.starts_with(b"PK") {
        "fuzz.xlsx"
    } else {
        "fuzz.csv"
    };
    allocations(&ImportSource::bytes(name, data));
}

/// A team summary's JSON, as the aggregation reads it from the share: a summary read is
/// written and read back the same (the round trip `json_read.rs` promises).
pub fn summary_json(data: &[u8]) {
    if let Ok(summary) = read_json(data) {
        let bytes = render_json(&summary).expect("a summary read can be written");
        let again = read_json(&bytes).expect("a summary written can be read");
        assert_eq!(again, summary, "JSON round trip");
    }
}

/// A UPN as typed: a UPN taken is taken again unchanged from its own text.
pub fn upn(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(upn) = Upn::parse(&text) {
        let again = Upn::parse(upn.as_str()).expect("a parsed UPN parses again");
        assert_eq!(again, upn);
        assert_eq!(upn.as_str().len(), 13);
    }
}

/// A UK postcode as typed: the normalised form is a fixed point.
pub fn postcode(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(normal) = parse_postcode(&text) {
        assert_eq!(parse_postcode(&normal).as_deref(), Ok(normal.as_str()));
        assert!(normal.is_ascii() && (6..=8).contains(&normal.len()));
    }
}

/// The inbox walk over a share built from the input: entries separated by NUL bytes, each
/// `<kind byte><name>\x01<contents>`; the kind byte picks the folder (its low bit) and what the
/// entry is (`>> 1`, mod 4: a file, a symbolic link to the contents as a path, a folder, a
/// socket). The walk must name every entry it does not read, read each file's bytes whole, and
/// read nothing again once given the stamps of what it read.
pub fn inbox_walk(data: &[u8]) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let root = dir.path().join("share");
    let worker = root.join("caseload").join("inbox").join("W-0001");
    for kind in [InboxKind::Allocations, InboxKind::Attendance] {
        if std::fs::create_dir_all(worker.join(kind.folder())).is_err() {
            return;
        }
    }
    let mut sockets = Vec::new();
    for entry in data.split(|&b| b == 0).take(32) {
        let Some((&what, rest)) = entry.split_first() else {
            continue;
        };
        let (name, contents) = match rest.iter().position(|&b| b == 1) {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, &[][..]),
        };
        let kind = if what & 1 == 0 {
            InboxKind::Allocations
        } else {
            InboxKind::Attendance
        };
        let Some(path) = entry_path(&worker.join(kind.folder()), name) else {
            continue;
        };
        place(&path, what >> 1, contents, &mut sockets);
    }

    let Ok(first) = inbox_scan(&RealShare, &root, "W-0001", &HashSet::new()) else {
        return;
    };
    for file in &first.files {
        assert_eq!(file.sha256, sha256_hex(&file.bytes));
        assert_eq!(file.stamp.size, file.bytes.len() as u64);
        assert!(file.stamp.size <= MAX_INBOX_FILE_BYTES);
        assert!(!file.name.chars().any(char::is_control), "unescaped name");
    }
    for refusal in &first.refused {
        assert!(
            !refusal.message().chars().any(char::is_control),
            "unescaped refusal"
        );
    }
    let mut sorted = first.files.clone();
    sorted.sort_by(|a, b| (a.kind, &a.name).cmp(&(b.kind, &b.name)));
    assert_eq!(
        sorted.iter().map(|f| f.kind).collect::<Vec<_>>(),
        first.files.iter().map(|f| f.kind).collect::<Vec<_>>(),
        "allocations first"
    );

    let known: HashSet<_> = first.files.iter().map(|f| f.stamp.clone()).collect();
    let again = inbox_scan(&RealShare, &root, "W-0001", &known).expect("the same share again");
    assert!(
        again.files.is_empty(),
        "a file read again although unchanged"
    );
    assert_eq!(again.unchanged as usize, first.files.len());
    drop(sockets);
}

/// A path for an entry name inside `folder`, or none when the bytes cannot name a file there.
fn entry_path(folder: &Path, name: &[u8]) -> Option<std::path::PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    if name.is_empty() || name.len() > 200 || name.contains(&b'/') || name == b"." || name == b".."
    {
        return None;
    }
    Some(folder.join(std::ffi::OsStr::from_bytes(name)))
}

/// Makes one inbox entry; failures (a name taken twice) leave it out.
fn place(
    path: &Path,
    what: u8,
    contents: &[u8],
    sockets: &mut Vec<std::os::unix::net::UnixListener>,
) {
    use std::os::unix::ffi::OsStrExt;
    match what % 4 {
        0 => {
            let _ = std::fs::write(path, contents);
        }
        1 => {
            let target = std::ffi::OsStr::from_bytes(contents);
            let _ = std::os::unix::fs::symlink(target, path);
        }
        2 => {
            let _ = std::fs::create_dir(path);
        }
        _ => {
            if let Ok(listener) = std::os::unix::net::UnixListener::bind(path) {
                sockets.push(listener);
            }
        }
    }
}
