//! The session-marks import: one row per pupil, date and session with the register's code
//! (`upn,date,session,code`), grouped by pupil. Every code is checked against the code table
//! in force on its date, and a second mark for the same pupil, date and session is refused.
//! Built for 600,000-row files: a UPN is parsed once per pupil, not once per row.

use std::collections::HashMap;

use caseload_domain::Upn;
use caseload_domain::attendance::codes::CodeTable;
use caseload_domain::attendance::marks::{Session, SessionMark};
use chrono::NaiveDate;

use super::cells::{self, Problem, UpnKey, upn_key};
use super::columns::{self, ColumnMapping, Columns, ImportField};
use super::error::{ErrorList, ImportFailure};
use super::source::ImportSource;
use super::table::{self, Cell, ProgressFn, Row, RowSink};

/// One pupil's marks from a file, in date and session order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PupilMarks {
    pub upn: Upn,
    pub marks: Vec<SessionMark>,
}

/// A session-marks file, read whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarksFile {
    /// The file's name, without its folder.
    pub file: String,
    /// Data rows read (wholly blank rows are not counted).
    pub rows: usize,
    /// Pupils in the order the file first names them.
    pub pupils: Vec<PupilMarks>,
}

impl MarksFile {
    pub fn mark_count(&self) -> usize {
        self.pupils.iter().map(|p| p.marks.len()).sum()
    }
}

const FIELDS: [ImportField; 4] = [
    ImportField::Upn,
    ImportField::Date,
    ImportField::Session,
    ImportField::Code,
];

/// Reads a session-marks file (CSV or XLSX) whole, or says everything wrong with it.
/// `today` is the worker's local date: a mark after it, or before 1 September 2000, is refused.
/// `progress` is called every 10,000 rows; returning `Break` cancels and nothing is returned.
pub fn import_marks(
    source: &ImportSource<'_>,
    mapping: &ColumnMapping,
    today: NaiveDate,
    progress: &mut ProgressFn<'_>,
) -> Result<MarksFile, ImportFailure> {
    let mut sink = MarksSink {
        mapping,
        today,
        columns: None,
        pupils: Vec::new(),
        by_upn: HashMap::new(),
        last_upn: None,
        last_date: (String::new(), None),
    };
    let (rows, mut errors) = table::read_table(source, progress, &mut sink)?;
    if !errors.is_full() {
        sink.find_duplicates(&mut errors);
    }
    let file = errors.file().to_string();
    errors.into_result()?;
    let pupils = sink
        .pupils
        .into_iter()
        .map(|p| PupilMarks {
            upn: p.upn,
            marks: p.marks.into_iter().map(|(mark, _)| mark).collect(),
        })
        .collect();
    Ok(MarksFile { file, rows, pupils })
}

/// A pupil's marks while reading, each with the row it came from.
struct Pending {
    upn: Upn,
    marks: Vec<(SessionMark, u32)>,
}

struct MarksSink<'m> {
    mapping: &'m ColumnMapping,
    today: NaiveDate,
    columns: Option<Columns>,
    pupils: Vec<Pending>,
    by_upn: HashMap<UpnKey, u32>,
    /// Files list one pupil's marks together, so the last UPN seen is usually the next.
    last_upn: Option<(UpnKey, u32)>,
    /// Consecutive rows usually share a date (AM then PM).
    last_date: (String, Option<NaiveDate>),
}

impl MarksSink<'_> {
    /// The index of the row's pupil in `pupils`, adding the pupil if new.
    fn pupil(&mut self, cell: Cell<'_>) -> Result<u32, Problem> {
        let key = match cell {
            Cell::Text(text) if text.len() == 13 && text.is_ascii() => upn_key(text),
            // Anything else is not a UPN, and the parser says why.
            other => upn_key(cells::upn(other)?.as_str()),
        };
        if let Some((last, index)) = self.last_upn
            && last == key
        {
            return Ok(index);
        }
        let index = match self.by_upn.get(&key) {
            Some(&index) => index,
            None => {
                let upn = cells::upn(cell)?;
                let index = self.pupils.len() as u32;
                self.pupils.push(Pending {
                    upn,
                    marks: Vec::new(),
                });
                self.by_upn.insert(key, index);
                index
            }
        };
        self.last_upn = Some((key, index));
        Ok(index)
    }

    fn date(&mut self, cell: Cell<'_>) -> Result<NaiveDate, Problem> {
        if let (Cell::Text(text), (last, Some(date))) = (cell, &self.last_date)
            && text == last
        {
            return Ok(*date);
        }
        let date = cells::attendance_date(cell, "date", self.today)?;
        if let Cell::Text(text) = cell {
            self.last_date.0.clear();
            self.last_date.0.push_str(text);
            self.last_date.1 = Some(date);
        }
        Ok(date)
    }

    /// Reports every second mark for one pupil, date and session, naming both rows.
    fn find_duplicates(&mut self, errors: &mut ErrorList) {
        let mut found: Vec<(u32, u32, NaiveDate, Session)> = Vec::new();
        for pupil in &mut self.pupils {
            // Stable: of two equal marks the earlier row stays first.
            pupil.marks.sort_by_key(|(m, _)| (m.date, m.session));
            for pair in pupil.marks.windows(2) {
                let ((a, first), (b, second)) = (pair[0], pair[1]);
                if (a.date, a.session) == (b.date, b.session) {
                    found.push((second, first, b.date, b.session));
                }
            }
        }
        found.sort_unstable();
        for (row, first, date, session) in found {
            errors.push(
                row as usize,
                None,
                format!(
                    "this pupil already has a mark for {date} {} on row {first}; rows {first} \
                     and {row} are duplicates",
                    session.as_str()
                ),
                "keep one mark per pupil, date and session (the one the register shows), then \
                 import the file again",
            );
        }
    }
}

impl RowSink for MarksSink<'_> {
    fn header(&mut self, file: &str, headers: &[String]) -> Result<(), ImportFailure> {
        self.columns = Some(columns::resolve(file, headers, &FIELDS, &[], self.mapping)?);
        Ok(())
    }

    fn row(&mut self, row: &Row<'_>, errors: &mut ErrorList) {
        let Some(columns) = self.columns.take() else {
            return;
        };
        let at = |field| columns.get(field).unwrap_or(usize::MAX);
        let mut report = |field, p: Problem| {
            errors.push(row.number, Some(columns.header_of(field)), p.problem, p.fix);
        };
        let pupil = self.pupil(row.cell(at(ImportField::Upn)));
        let date = self.date(row.cell(at(ImportField::Date)));
        let session = cells::session(row.cell(at(ImportField::Session)));
        let code_cell = row.cell(at(ImportField::Code));
        let code = date.as_ref().ok().map(|&date| {
            let found = match code_cell {
                Cell::Text(text) => CodeTable::in_force_on(date).lookup(text),
                _ => None,
            };
            found.ok_or_else(|| cells::unknown_code(code_cell, date))
        });
        let pupil = pupil.map_err(|p| report(ImportField::Upn, p)).ok();
        let date = date.map_err(|p| report(ImportField::Date, p)).ok();
        let session = session.map_err(|p| report(ImportField::Session, p)).ok();
        let code = code.and_then(|c| c.map_err(|p| report(ImportField::Code, p)).ok());
        if let (Some(pupil), Some(date), Some(session), Some(code)) = (pupil, date, session, code) {
            let mark = SessionMark {
                date,
                session,
                code,
            };
            self.pupils[pupil as usize]
                .marks
                .push((mark, row.number as u32));
        }
        self.columns = Some(columns);
    }
}
