//! `imports`, `session_marks` and `attendance_summaries`: attendance files taken in. An import
//! is one transaction (the caller's [`crate::Store::write`]): its record and every row commit
//! together or not at all, and a cancelled import leaves nothing behind. Imported rows never
//! touch `attendance_readings`, where the worker's own figures are.

use std::collections::HashMap;
use std::ops::ControlFlow;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use crate::cases::{parse_date, timestamp};
use crate::error::StoreError;
use crate::write::{Reader, Writer};
use caseload_domain::attendance::SessionCounts;
use caseload_domain::attendance::marks::{Session, SessionMark};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Marks,
    Summary,
}

impl ImportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Marks => "marks",
            ImportKind::Summary => "summary",
        }
    }

    fn parse(value: &str) -> Option<ImportKind> {
        match value {
            "marks" => Some(ImportKind::Marks),
            "summary" => Some(ImportKind::Summary),
            _ => None,
        }
    }
}

/// What was imported: the file's name (never its folder), its hash, and its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRecord {
    pub id: i64,
    pub kind: ImportKind,
    pub file_name: String,
    pub sha256: String,
    pub rows: u64,
    pub pupils: u64,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    pub imported_at: String,
}

/// One summary row as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRecord {
    pub import_id: i64,
    pub upn: String,
    pub as_at: NaiveDate,
    pub counts: SessionCounts,
    pub school_urn: Option<String>,
    pub school_phase: Option<String>,
    pub year_group: Option<u8>,
    pub ward: Option<String>,
}

/// How often the row loops report, and can be cancelled.
const PROGRESS_EVERY: usize = 10_000;

fn corrupt(reason: impl Into<String>) -> StoreError {
    StoreError::Corrupt {
        what: "import",
        reason: reason.into(),
    }
}

/// Records the import itself; its rows follow in the same transaction.
pub fn record(w: &Writer<'_>, new: &ImportRecord, now: DateTime<Utc>) -> Result<i64, StoreError> {
    w.conn.execute(
        "INSERT INTO imports (kind, file_name, sha256, rows, pupils, first_date, last_date, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            new.kind.as_str(),
            new.file_name,
            new.sha256,
            new.rows as i64,
            new.pupils as i64,
            new.first_date.map(|d| d.to_string()),
            new.last_date.map(|d| d.to_string()),
            timestamp(now)
        ],
    )?;
    Ok(w.conn.last_insert_rowid())
}

/// Writes marks; a mark for a session already imported replaces it. Marks given in key order
/// (UPN, date, session) go in fastest: each insert then lands at the end of the table's B-tree. `progress` sees the rows
/// written so far and may cancel (the caller's transaction then rolls back).
pub fn insert_marks<'m>(
    w: &Writer<'_>,
    import_id: i64,
    marks: impl IntoIterator<Item = (&'m str, &'m SessionMark)>,
    progress: &mut dyn FnMut(usize) -> ControlFlow<()>,
) -> Result<usize, StoreError> {
    let mut stmt = w.conn.prepare_cached(
        "INSERT INTO session_marks (upn, date, session, code, import_id) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (upn, date, session) DO UPDATE SET code = excluded.code, import_id = excluded.import_id",
    )?;
    let mut n = 0;
    let mut date = [0u8; 10];
    for (upn, mark) in marks {
        iso_date(mark.date, &mut date);
        let date = std::str::from_utf8(&date).map_err(|e| corrupt(e.to_string()))?;
        stmt.execute(params![
            upn,
            date,
            mark.session.as_str(),
            mark.code.code,
            import_id
        ])?;
        n += 1;
        if n % PROGRESS_EVERY == 0 && progress(n).is_break() {
            return Err(StoreError::Cancelled);
        }
    }
    Ok(n)
}

/// `YYYY-MM-DD` without going through a formatter: this runs once per mark (600,000 in a
/// large school's year).
fn iso_date(d: NaiveDate, out: &mut [u8; 10]) {
    use chrono::Datelike;
    let (y, m, day) = (d.year().clamp(0, 9999) as u32, d.month(), d.day());
    let digit = |v: u32| b'0' + (v % 10) as u8;
    *out = [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(day / 10),
        digit(day),
    ];
}

/// Writes one import's summaries. `progress` as for marks.
pub fn insert_summaries<'s>(
    w: &Writer<'_>,
    import_id: i64,
    rows: impl IntoIterator<Item = &'s SummaryRecord>,
    progress: &mut dyn FnMut(usize) -> ControlFlow<()>,
) -> Result<usize, StoreError> {
    let mut stmt = w.conn.prepare_cached(
        "INSERT INTO attendance_summaries (import_id, upn, as_at, possible, present, authorised, unauthorised,
            school_urn, school_phase, year_group, ward)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let mut n = 0;
    for s in rows {
        let c = s.counts;
        stmt.execute(params![
            import_id,
            s.upn,
            s.as_at.to_string(),
            c.possible,
            c.present,
            c.authorised_absence,
            c.unauthorised_absence,
            s.school_urn,
            s.school_phase,
            s.year_group,
            s.ward
        ])?;
        n += 1;
        if n % PROGRESS_EVERY == 0 && progress(n).is_break() {
            return Err(StoreError::Cancelled);
        }
    }
    Ok(n)
}

/// Every import, latest first.
pub fn list(r: &Reader<'_>) -> Result<Vec<ImportRecord>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT id, kind, file_name, sha256, rows, pupils, first_date, last_date, imported_at
         FROM imports ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, i64>(4)?,
            row.get::<_, i64>(5)?,
            row.get::<_, Option<String>>(6)?,
            row.get::<_, Option<String>>(7)?,
            row.get::<_, String>(8)?,
        ))
    })?;
    rows.map(|row| {
        let (id, kind, file_name, sha256, rows, pupils, first, last, imported_at) = row?;
        Ok(ImportRecord {
            id,
            kind: ImportKind::parse(&kind).ok_or_else(|| corrupt("unknown import kind"))?,
            file_name,
            sha256,
            rows: rows as u64,
            pupils: pupils as u64,
            first_date: first.as_deref().map(parse_date).transpose()?,
            last_date: last.as_deref().map(parse_date).transpose()?,
            imported_at,
        })
    })
    .collect()
}

fn mark(date: &str, session: &str, code: &str) -> Result<SessionMark, StoreError> {
    let date = parse_date(date)?;
    let session = Session::parse(session).ok_or_else(|| corrupt("bad session"))?;
    SessionMark::new(date, session, code).ok_or_else(|| corrupt("unknown stored code"))
}

/// The imported marks of every pupil on the caseload, by UPN (oldest first).
pub fn marks_of_caseload(r: &Reader<'_>) -> Result<HashMap<String, Vec<SessionMark>>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT m.upn, m.date, m.session, m.code FROM session_marks m
         WHERE m.upn IN (SELECT upn FROM pupils) ORDER BY m.upn, m.date, m.session",
    )?;
    let mut rows = stmt.query([])?;
    let mut out: HashMap<String, Vec<SessionMark>> = HashMap::new();
    while let Some(row) = rows.next()? {
        let upn: String = row.get(0)?;
        let m = mark(
            &row.get::<_, String>(1)?,
            &row.get::<_, String>(2)?,
            &row.get::<_, String>(3)?,
        )?;
        out.entry(upn).or_default().push(m);
    }
    Ok(out)
}

/// One pupil's imported marks, oldest first.
pub fn marks_of(r: &Reader<'_>, upn: &str) -> Result<Vec<SessionMark>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT date, session, code FROM session_marks WHERE upn = ?1 ORDER BY date, session",
    )?;
    let rows = stmt.query_map([upn], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    rows.map(|row| {
        let (d, s, c) = row?;
        mark(&d, &s, &c)
    })
    .collect()
}

const SUMMARY_COLUMNS: &str = "s.import_id, s.upn, s.as_at, s.possible, s.present, s.authorised,
    s.unauthorised, s.school_urn, s.school_phase, s.year_group, s.ward";

fn summary(row: &rusqlite::Row<'_>) -> Result<SummaryRecord, StoreError> {
    summary_at(row, 0)
}

/// The summary whose [`SUMMARY_COLUMNS`] start at column `at`.
fn summary_at(row: &rusqlite::Row<'_>, at: usize) -> Result<SummaryRecord, StoreError> {
    let counts = SessionCounts::new(
        row.get(at + 3)?,
        row.get(at + 4)?,
        row.get(at + 5)?,
        row.get(at + 6)?,
    )
    .map_err(|e| corrupt(e.to_string()))?;
    Ok(SummaryRecord {
        import_id: row.get(at)?,
        upn: row.get(at + 1)?,
        as_at: parse_date(&row.get::<_, String>(at + 2)?)?,
        counts,
        school_urn: row.get(at + 7)?,
        school_phase: row.get(at + 8)?,
        year_group: row.get(at + 9)?,
        ward: row.get(at + 10)?,
    })
}

/// Each pupil's summaries from their two latest imports (latest first), for the caseload's
/// pupils: the current figure and the one to compare it with.
pub fn latest_two_of_caseload(
    r: &Reader<'_>,
) -> Result<HashMap<String, Vec<SummaryRecord>>, StoreError> {
    let mut stmt = r.conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM (
            SELECT *, ROW_NUMBER() OVER (PARTITION BY upn ORDER BY import_id DESC) AS n
            FROM attendance_summaries WHERE upn IN (SELECT upn FROM pupils)) s
         WHERE s.n <= 2 ORDER BY s.upn, s.n"
    ))?;
    let mut rows = stmt.query([])?;
    let mut out: HashMap<String, Vec<SummaryRecord>> = HashMap::new();
    while let Some(row) = rows.next()? {
        let s = summary(row)?;
        out.entry(s.upn.clone()).or_default().push(s);
    }
    Ok(out)
}

/// One pupil's summaries from their two latest imports, latest first.
pub fn latest_two_of(r: &Reader<'_>, upn: &str) -> Result<Vec<SummaryRecord>, StoreError> {
    let mut stmt = r.conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM attendance_summaries s WHERE s.upn = ?1 ORDER BY s.import_id DESC LIMIT 2"
    ))?;
    let mut rows = stmt.query([upn])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(summary(row)?);
    }
    Ok(out)
}

/// A school's pupils in the latest summary import that includes the school, with each
/// pupil's figure from the import before (if any) for the trend.
pub fn school_latest(
    r: &Reader<'_>,
    school_urn: &str,
) -> Result<Vec<(SummaryRecord, Option<SummaryRecord>)>, StoreError> {
    let latest: Option<i64> = r.conn.query_row(
        "SELECT MAX(import_id) FROM attendance_summaries WHERE school_urn = ?1",
        [school_urn],
        |row| row.get(0),
    )?;
    let Some(latest) = latest else {
        return Ok(Vec::new());
    };
    // One query, the previous import's row joined in (the pack is rebuilt on every save of a
    // meeting, so no query per pupil).
    let previous_columns = SUMMARY_COLUMNS.replace("s.", "p.");
    let mut stmt = r.conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS}, {previous_columns} FROM attendance_summaries s
         LEFT JOIN attendance_summaries p ON p.upn = s.upn AND p.import_id = (
             SELECT MAX(x.import_id) FROM attendance_summaries x
             WHERE x.upn = s.upn AND x.import_id < s.import_id)
         WHERE s.import_id = ?1 AND s.school_urn = ?2 ORDER BY s.upn"
    ))?;
    let mut rows = stmt.query(params![latest, school_urn])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let previous = match row.get::<_, Option<i64>>(11)? {
            Some(_) => Some(summary_at(row, 11)?),
            None => None,
        };
        out.push((summary_at(row, 0)?, previous));
    }
    Ok(out)
}
