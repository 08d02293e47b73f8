//! `imports`, `session_marks` and `attendance_summaries`: attendance files taken in. An import
//! is one transaction (the caller's [`crate::Store::write`]): its record and every row commit
//! together or not at all, and a cancelled import leaves nothing behind. Imported rows never
//! touch `attendance_readings`, where the worker's own figures are.

use std::collections::HashMap;
use std::ops::ControlFlow;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Row, params};

use crate::columns::{date, optional_date, timestamp};
use crate::error::StoreError;
use crate::write::{Reader, Writer};
use caseload_domain::ImportId;
use caseload_domain::attendance::SessionCounts;

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

mod marks;
pub use marks::{Pupils, insert_marks, marks_of, marks_of_caseload};

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
