//! The council's postcode-to-ward lookup, read from CSV (docs/data-formats.md, "Postcode-to-ward
//! lookup"): a header row, then one postcode a row with its ward's code and name. The columns are
//! found by name, so the national postcode lookup files (`pcds`/`pcd`, `wd25cd`, `wd25nm`, …)
//! and a council's own three-column file both read. Streamed row by row (the national file has
//! about 2.7 million rows); a row whose postcode is malformed or whose ward is blank is counted
//! and left out, by line number, never by value.

use std::io::Read;
use std::ops::ControlFlow;

use caseload_domain::family::parse_postcode;

use super::columns::normalise_header;
use super::shown::header_list;

/// How many line numbers of left-out rows are kept to show.
pub const MAX_LISTED_LINES: usize = 20;

/// One postcode's ward, the postcode normalised ("AB1 2CD").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookupRow {
    pub postcode: String,
    pub ward_code: String,
    pub ward_name: String,
}

/// What reading the file found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LookupRead {
    /// The file's name, without its folder.
    pub file: String,
    /// Data rows read (blank lines are not counted).
    pub rows: u64,
    /// Rows handed on.
    pub taken: u64,
    /// Rows left out because the postcode is not a UK postcode.
    pub malformed_postcode: u64,
    /// Rows left out because the ward code is blank.
    pub no_ward: u64,
    /// The first [`MAX_LISTED_LINES`] left-out rows' line numbers (the header is line 1).
    pub left_out_lines: Vec<u64>,
    /// The headers used: postcode, ward code, ward name (`None`: names are the codes).
    pub columns: [Option<String>; 3],
}

impl LookupRead {
    pub fn left_out(&self) -> u64 {
        self.malformed_postcode + self.no_ward
    }
}

/// Why a lookup file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {problem}; {fix}")]
pub struct LookupFailure {
    pub file: String,
    pub problem: String,
    pub fix: String,
    /// True when the reader asked to stop.
    pub cancelled: bool,
}

fn is_ward_field(h: &str, suffix: &str) -> bool {
    // wd25cd, wd24nm, WD11CD, …: "wd", two digits, then the suffix.
    h.len() == 4 + suffix.len()
        && h.starts_with("wd")
        && h[2..4].bytes().all(|b| b.is_ascii_digit())
        && h.ends_with(suffix)
}

/// The column for a field: the first of `names` present (in that order of preference), else
/// the `wdNN…` column with the latest year.
fn find(headers: &[String], names: &[&str], ward_suffix: Option<&str>) -> Option<usize> {
    for name in names {
        if let Some(i) = headers.iter().position(|h| h == name) {
            return Some(i);
        }
    }
    let suffix = ward_suffix?;
    headers
        .iter()
        .enumerate()
        .filter(|(_, h)| is_ward_field(h, suffix))
        .max_by_key(|(_, h)| h[2..4].to_string())
        .map(|(i, _)| i)
}

/// Reads a lookup CSV, calling `each` for every usable row in file order. `each` returning
/// `Break` stops the read with a cancelled failure.
pub fn read_postcode_lookup(
    file: &str,
    reader: impl Read,
    each: &mut dyn FnMut(LookupRow) -> ControlFlow<()>,
) -> Result<LookupRead, LookupFailure> {
    let failure = |problem: String, fix: &str| LookupFailure {
        file: file.to_string(),
        problem,
        fix: fix.to_string(),
        cancelled: false,
    };
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(reader);
    let raw_headers: Vec<String> = csv
        .headers()
        .map_err(|e| {
            failure(
                format!("the header row could not be read ({})", short(&e)),
                "save the lookup as CSV UTF-8 with a header row, then load it again",
            )
        })?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let headers: Vec<String> = raw_headers.iter().map(|h| normalise_header(h)).collect();
    let postcode = find(
        &headers,
        &["pcds", "postcode", "pcd", "pcd7", "pcd8", "postcodes"],
        None,
    );
    let code = find(
        &headers,
        &["wardcode", "wdcd", "electoralwardcode"],
        Some("cd"),
    );
    let name = find(
        &headers,
        &["wardname", "ward", "wdnm", "electoralward"],
        Some("nm"),
    );
    let (Some(postcode), Some(code)) = (postcode, code) else {
        let mut missing = Vec::new();
        if postcode.is_none() {
            missing.push("postcode (pcds, pcd or postcode)");
        }
        if code.is_none() {
            missing.push("ward code (ward code, or wd25cd and the like)");
        }
        return Err(failure(
            format!(
                "no column for {} (headers found: {})",
                missing.join(" or "),
                header_list(&raw_headers)
            ),
            "give the file a header row with the postcode, ward code and ward name columns \
             (for example \"postcode,ward code,ward name\"), then load it again",
        ));
    };
    let mut read = LookupRead {
        file: file.to_string(),
        columns: [
            Some(raw_headers[postcode].clone()),
            Some(raw_headers[code].clone()),
            name.map(|n| raw_headers[n].clone()),
        ],
        ..LookupRead::default()
    };
    let mut record = csv::StringRecord::new();
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(failure(
                    format!("the file could not be read ({})", short(&e)),
                    "save the lookup as CSV UTF-8, then load it again",
                ));
            }
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        read.rows += 1;
        let line = record.position().map_or(read.rows + 1, |p| p.line());
        let leave_out = |read: &mut LookupRead| {
            if read.left_out_lines.len() < MAX_LISTED_LINES {
                read.left_out_lines.push(line);
            }
        };
        let Ok(pc) = parse_postcode(record.get(postcode).unwrap_or("")) else {
            read.malformed_postcode += 1;
            leave_out(&mut read);
            continue;
        };
        let ward_code = record.get(code).unwrap_or("").trim();
        if ward_code.is_empty() {
            read.no_ward += 1;
            leave_out(&mut read);
            continue;
        }
        let ward_name = name
            .and_then(|n| record.get(n))
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or(ward_code);
        let row = LookupRow {
            postcode: pc,
            ward_code: ward_code.to_string(),
            ward_name: ward_name.to_string(),
        };
        read.taken += 1;
        if each(row).is_break() {
            return Err(LookupFailure {
                cancelled: true,
                ..failure("the load was cancelled".into(), "nothing was changed")
            });
        }
    }
    Ok(read)
}

/// A CSV error's kind, without the record's values.
fn short(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { pos, .. } => format!(
            "line {} is not UTF-8 text",
            pos.as_ref().map_or(0, |p| p.line())
        ),
        csv::ErrorKind::Io(io) => crate::io_problem(io).to_string(),
        _ => "it is not readable CSV".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Result<LookupRead, LookupFailure>, Vec<LookupRow>) {
        let mut rows = Vec::new();
        let result = read_postcode_lookup("lookup.csv", text.as_bytes(), &mut |r| {
            rows.push(r);
            ControlFlow::Continue(())
        });
        (result, rows)
    }

    #[test]
    fn a_council_file_is_read_by_its_headers_with_postcodes_normalised() {
        let (result, rows) = read(
            "\u{feff}Postcode,Ward Code,Ward Name\nzz99 1aa,E05000001,Synthetic Meadow\nZZ992AB ,E05000002,Synthetic Abbey\n",
        );
        let read = result.expect("read");
        assert_eq!((read.rows, read.taken, read.left_out()), (2, 2, 0));
        assert_eq!(rows[0].postcode, "ZZ99 1AA");
        assert_eq!(rows[1].postcode, "ZZ99 2AB");
        assert_eq!(rows[1].ward_name, "Synthetic Abbey");
    }

    #[test]
    fn the_national_files_columns_are_found_and_the_latest_ward_year_used() {
        let (result, rows) = read(
            "pcd,pcd2,pcds,dointr,wd24cd,wd25cd,wd25nm,lad25cd\n\
             ZZ991AA,ZZ99 1AA,ZZ99 1AA,202001,E05000009,E05000001,Synthetic Meadow,E06000001\n",
        );
        let read = result.expect("read");
        assert_eq!(read.columns[0].as_deref(), Some("pcds"));
        assert_eq!(read.columns[1].as_deref(), Some("wd25cd"));
        assert_eq!(rows[0].ward_code, "E05000001");
        assert_eq!(rows[0].ward_name, "Synthetic Meadow");
    }

    #[test]
    fn malformed_postcodes_and_blank_wards_are_counted_by_line_not_fatal() {
        let (result, rows) =
            read("postcode,WD24CD\nnot a postcode,E05000001\nZZ99 1AA,\nZZ99 3CD,E05000003\n");
        let read = result.expect("read");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].ward_name, "E05000003", "no name column: the code");
        assert_eq!((read.malformed_postcode, read.no_ward), (1, 1));
        assert_eq!(read.left_out_lines, [2, 3]);
    }

    #[test]
    fn a_file_without_a_postcode_or_ward_column_is_refused_saying_what_to_add() {
        let (result, _) = read("upn,ward\nA,B\n");
        let failure = result.expect_err("refused");
        assert!(failure.problem.contains("postcode"), "{failure}");
        assert!(failure.problem.contains("ward code"), "{failure}");
    }
}
