//! `imports`, `session_marks` and `attendance_summaries`: attendance files taken in. An import
//! is one transaction (the caller's [`crate::Store::write`]): its record and every row commit
//! together or not at all, and a cancelled import leaves nothing behind. Imported rows never
//! touch `attendance_readings`, where the worker's own figures are.

use std::collections::HashMap;
use std::ops::ControlFlow;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Row, params};

use crate::columns::{date, optional_date, parse_date, timestamp};
use crate::error::StoreError;
use crate::write::{Reader, Writer};
use caseload_domain::ImportId;
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
    pub id: ImportId,
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
    pub import_id: ImportId,
    pub upn: String,
    pub as_at: NaiveDate,
    pub counts: SessionCounts,
    pub school_urn: Option<String>,
    pub school_phase: Option<String>,
    pub year_group: Option<u8>,
    pub ward: Option<String>,
    /// The pupil's home postcode, normalised; its ward is looked up when a report is made.
    pub postcode: Option<String>,
}

/// How often the row loops report, and can be cancelled.
const PROGRESS_EVERY: usize = 10_000;

const WHAT: &str = "import";

/// Records the import itself; its rows follow in the same transaction.
/// The record's `id` is ignored: the store numbers imports.
pub fn record(
    w: &Writer<'_>,
    new: &ImportRecord,
    now: DateTime<Utc>,
) -> Result<ImportId, StoreError> {
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
    Ok(ImportId(w.conn.last_insert_rowid()))
}

/// Writes marks; a mark for a session already imported replaces it. Marks given in key order
/// (UPN, date, session) go in fastest: each insert then lands at the end of the table's B-tree.
/// `progress` sees the rows written so far and may cancel (the caller's transaction then rolls
/// back).
///
/// Each mark is first inserted plainly, which SQLite checks for a clash as it writes the
/// B-tree; only a mark whose session is already there (a clash fails just that statement, not
/// the transaction) goes through the upsert, whose clause costs an extra B-tree search on every
/// row: 600,000 marks took 1.14 s through the upsert alone, 0.69 s this way (scripts/bench.sh).
pub fn insert_marks<'m>(
    w: &Writer<'_>,
    import_id: ImportId,
    marks: impl IntoIterator<Item = (&'m str, &'m SessionMark)>,
    progress: &mut dyn FnMut(usize) -> ControlFlow<()>,
) -> Result<usize, StoreError> {
    let mut insert = w.conn.prepare_cached(
        "INSERT INTO session_marks (upn, date, session, code, import_id) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut replace = w.conn.prepare_cached(
        "INSERT INTO session_marks (upn, date, session, code, import_id) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (upn, date, session) DO UPDATE SET code = excluded.code, import_id = excluded.import_id",
    )?;
    let mut n = 0;
    let mut date = [0u8; 10];
    for (upn, mark) in marks {
        iso_date(mark.date, &mut date);
        let date =
            std::str::from_utf8(&date).map_err(|e| StoreError::corrupt(WHAT, e.to_string()))?;
        let row = params![
            upn,
            date,
            mark.session.as_str(),
            mark.code.code,
            import_id.get()
        ];
        match insert.execute(row) {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(f, _))
                if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY =>
            {
                replace.execute(row)?;
            }
            Err(e) => return Err(e.into()),
        }
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
    import_id: ImportId,
    rows: impl IntoIterator<Item = &'s SummaryRecord>,
    progress: &mut dyn FnMut(usize) -> ControlFlow<()>,
) -> Result<usize, StoreError> {
    let mut stmt = w.conn.prepare_cached(
        "INSERT INTO attendance_summaries (import_id, upn, as_at, possible, present, authorised, unauthorised,
            school_urn, school_phase, year_group, ward, postcode)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    let mut n = 0;
    for s in rows {
        let c = s.counts;
        stmt.execute(params![
            import_id.get(),
            s.upn,
            s.as_at.to_string(),
            c.possible,
            c.present,
            c.authorised_absence,
            c.unauthorised_absence,
            s.school_urn,
            s.school_phase,
            s.year_group,
            s.ward,
            s.postcode
        ])?;
        n += 1;
        if n % PROGRESS_EVERY == 0 && progress(n).is_break() {
            return Err(StoreError::Cancelled);
        }
    }
    Ok(n)
}

fn import_record(row: &Row<'_>) -> Result<ImportRecord, StoreError> {
    let kind: String = row.get("kind")?;
    Ok(ImportRecord {
        id: ImportId(row.get("id")?),
        kind: ImportKind::parse(&kind)
            .ok_or_else(|| StoreError::corrupt(WHAT, "unknown import kind"))?,
        file_name: row.get("file_name")?,
        sha256: row.get("sha256")?,
        rows: row.get::<_, i64>("rows")? as u64,
        pupils: row.get::<_, i64>("pupils")? as u64,
        first_date: optional_date(row, "first_date", WHAT)?,
        last_date: optional_date(row, "last_date", WHAT)?,
        imported_at: row.get("imported_at")?,
    })
}

/// Every import, latest first.
pub fn list(r: &Reader<'_>) -> Result<Vec<ImportRecord>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT id, kind, file_name, sha256, rows, pupils, first_date, last_date, imported_at
         FROM imports ORDER BY id DESC",
    )?;
    stmt.query_and_then([], import_record)?.collect()
}

/// A row's `date`, `session` and `code` as a mark.
/// The mark in columns `first` (date), `first + 1` (session) and `first + 2` (code), read in
/// place: a caseload's marks run to six figures, so no row's text is copied.
fn mark_at(row: &Row<'_>, first: usize) -> Result<SessionMark, StoreError> {
    let date = parse_date(WHAT, text_at(row, first)?)?;
    let session = match text_at(row, first + 1)? {
        "AM" => Session::Am,
        "PM" => Session::Pm,
        other => Session::parse(other).ok_or_else(|| StoreError::corrupt(WHAT, "bad session"))?,
    };
    SessionMark::new(date, session, text_at(row, first + 2)?)
        .ok_or_else(|| StoreError::corrupt(WHAT, "unknown stored code"))
}

fn text_at<'r>(row: &'r Row<'_>, column: usize) -> Result<&'r str, StoreError> {
    row.get_ref(column)?
        .as_str()
        .map_err(|e| StoreError::corrupt(WHAT, e.to_string()))
}

/// Whose marks [`marks_of_caseload`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pupils {
    /// Every pupil on the caseload.
    All,
    /// Pupils with an open case (the dashboard, the caseload's bands).
    OpenCases,
}

/// The imported marks dated `since` or later of the caseload's pupils, by UPN (oldest first).
/// Rows come in key order, so each pupil's marks are gathered whole before the next's begin.
pub fn marks_of_caseload(
    r: &Reader<'_>,
    pupils: Pupils,
    since: NaiveDate,
) -> Result<HashMap<String, Vec<SessionMark>>, StoreError> {
    let whose = match pupils {
        Pupils::All => "SELECT upn FROM pupils".to_string(),
        Pupils::OpenCases => format!(
            "SELECT p.upn FROM pupils p JOIN cases c ON c.pupil_id = p.id WHERE {}",
            crate::cases::OPEN
        ),
    };
    let mut stmt = r.conn.prepare_cached(&format!(
        "SELECT m.upn, m.date, m.session, m.code FROM session_marks m
         WHERE m.upn IN ({whose}) AND m.date >= ?1 ORDER BY m.upn, m.date, m.session"
    ))?;
    let mut rows = stmt.query([since.to_string()])?;
    let mut out: HashMap<String, Vec<SessionMark>> = HashMap::new();
    let mut pupil: Option<(String, Vec<SessionMark>)> = None;
    while let Some(row) = rows.next()? {
        let upn = text_at(row, 0)?;
        let mark = mark_at(row, 1)?;
        match &mut pupil {
            Some((current, marks)) if current == upn => marks.push(mark),
            _ => {
                if let Some((upn, marks)) = pupil.take() {
                    out.insert(upn, marks);
                }
                pupil = Some((upn.to_string(), vec![mark]));
            }
        }
    }
    if let Some((upn, marks)) = pupil {
        out.insert(upn, marks);
    }
    Ok(out)
}

/// One pupil's imported marks, oldest first.
pub fn marks_of(r: &Reader<'_>, upn: &str) -> Result<Vec<SessionMark>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT date, session, code FROM session_marks WHERE upn = ?1 ORDER BY date, session",
    )?;
    stmt.query_and_then([upn], |row| mark_at(row, 0))?.collect()
}

const SUMMARY_COLUMNS: &str = "s.import_id AS import_id, s.upn AS upn, s.as_at AS as_at,
    s.possible AS possible, s.present AS present, s.authorised AS authorised,
    s.unauthorised AS unauthorised, s.school_urn AS school_urn, s.school_phase AS school_phase,
    s.year_group AS year_group, s.ward AS ward, s.postcode AS postcode";

/// The previous import's summary, joined beside a summary as `p`.
const PREVIOUS_COLUMNS: &str = "p.import_id AS previous_import_id, p.upn AS previous_upn,
    p.as_at AS previous_as_at, p.possible AS previous_possible, p.present AS previous_present,
    p.authorised AS previous_authorised, p.unauthorised AS previous_unauthorised,
    p.school_urn AS previous_school_urn, p.school_phase AS previous_school_phase,
    p.year_group AS previous_year_group, p.ward AS previous_ward,
    p.postcode AS previous_postcode";

/// The names a summary's columns go by in a result: [`SUMMARY_COLUMNS`] or
/// [`PREVIOUS_COLUMNS`].
struct SummaryNames {
    import_id: &'static str,
    upn: &'static str,
    as_at: &'static str,
    possible: &'static str,
    present: &'static str,
    authorised: &'static str,
    unauthorised: &'static str,
    school_urn: &'static str,
    school_phase: &'static str,
    year_group: &'static str,
    ward: &'static str,
    postcode: &'static str,
}

const SUMMARY: SummaryNames = SummaryNames {
    import_id: "import_id",
    upn: "upn",
    as_at: "as_at",
    possible: "possible",
    present: "present",
    authorised: "authorised",
    unauthorised: "unauthorised",
    school_urn: "school_urn",
    school_phase: "school_phase",
    year_group: "year_group",
    ward: "ward",
    postcode: "postcode",
};

const PREVIOUS: SummaryNames = SummaryNames {
    import_id: "previous_import_id",
    upn: "previous_upn",
    as_at: "previous_as_at",
    possible: "previous_possible",
    present: "previous_present",
    authorised: "previous_authorised",
    unauthorised: "previous_unauthorised",
    school_urn: "previous_school_urn",
    school_phase: "previous_school_phase",
    year_group: "previous_year_group",
    ward: "previous_ward",
    postcode: "previous_postcode",
};

fn summary(row: &Row<'_>) -> Result<SummaryRecord, StoreError> {
    summary_named(row, &SUMMARY)
}

fn summary_named(row: &Row<'_>, n: &SummaryNames) -> Result<SummaryRecord, StoreError> {
    let counts = SessionCounts::new(
        row.get(n.possible)?,
        row.get(n.present)?,
        row.get(n.authorised)?,
        row.get(n.unauthorised)?,
    )
    .map_err(|e| StoreError::corrupt(WHAT, e.to_string()))?;
    Ok(SummaryRecord {
        import_id: ImportId(row.get(n.import_id)?),
        upn: row.get(n.upn)?,
        as_at: date(row, n.as_at, WHAT)?,
        counts,
        school_urn: row.get(n.school_urn)?,
        school_phase: row.get(n.school_phase)?,
        year_group: row.get(n.year_group)?,
        ward: row.get(n.ward)?,
        postcode: row.get(n.postcode)?,
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
    let mut out: HashMap<String, Vec<SummaryRecord>> = HashMap::new();
    for s in stmt.query_and_then([], summary)? {
        let s = s?;
        out.entry(s.upn.clone()).or_default().push(s);
    }
    Ok(out)
}

/// One pupil's summaries from their two latest imports, latest first.
pub fn latest_two_of(r: &Reader<'_>, upn: &str) -> Result<Vec<SummaryRecord>, StoreError> {
    let mut stmt = r.conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM attendance_summaries s WHERE s.upn = ?1 ORDER BY s.import_id DESC LIMIT 2"
    ))?;
    stmt.query_and_then([upn], summary)?.collect()
}

/// A school's pupils in the latest summary import that includes the school, with each
/// pupil's figure from the import before (if any) for the trend.
pub fn school_latest(
    r: &Reader<'_>,
    school_urn: &str,
) -> Result<Vec<(SummaryRecord, Option<SummaryRecord>)>, StoreError> {
    let latest: Option<i64> = r.conn.query_row(
        "SELECT MAX(import_id) AS latest FROM attendance_summaries WHERE school_urn = ?1",
        [school_urn],
        |row| row.get("latest"),
    )?;
    let Some(latest) = latest else {
        return Ok(Vec::new());
    };
    // One query, the previous import's row joined in (the pack is rebuilt on every save of a
    // meeting, so no query per pupil).
    let mut stmt = r.conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS}, {PREVIOUS_COLUMNS} FROM attendance_summaries s
         LEFT JOIN attendance_summaries p ON p.upn = s.upn AND p.import_id = (
             SELECT MAX(x.import_id) FROM attendance_summaries x
             WHERE x.upn = s.upn AND x.import_id < s.import_id)
         WHERE s.import_id = ?1 AND s.school_urn = ?2 ORDER BY s.upn"
    ))?;
    stmt.query_and_then(params![latest, school_urn], |row| {
        let previous = match row.get::<_, Option<i64>>(PREVIOUS.import_id)? {
            Some(_) => Some(summary_named(row, &PREVIOUS)?),
            None => None,
        };
        Ok((summary(row)?, previous))
    })?
    .collect()
}
