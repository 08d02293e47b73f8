//! `attendance_readings`: a pupil's attendance counts as at a date, recorded by the worker (and,
//! with the attendance issue, imported). Never overwritten: a later reading is a new row.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use crate::cases::{parse_date, timestamp};
use crate::error::StoreError;
use crate::write::{Reader, Writer};
use caseload_domain::attendance::SessionCounts;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadingSource {
    Worker,
    Import,
}

impl ReadingSource {
    fn as_str(self) -> &'static str {
        match self {
            ReadingSource::Worker => "worker",
            ReadingSource::Import => "import",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub as_at: NaiveDate,
    pub counts: SessionCounts,
}

pub fn add(
    w: &Writer<'_>,
    pupil_id: &str,
    reading: &Reading,
    source: ReadingSource,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let c = reading.counts;
    w.conn.execute(
        "INSERT INTO attendance_readings (pupil_id, as_at, possible, present, authorised, unauthorised, source, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            pupil_id,
            reading.as_at.to_string(),
            c.possible,
            c.present,
            c.authorised_absence,
            c.unauthorised_absence,
            source.as_str(),
            timestamp(now)
        ],
    )?;
    Ok(())
}

fn counts(
    possible: u32,
    present: u32,
    authorised: u32,
    unauthorised: u32,
) -> Result<SessionCounts, StoreError> {
    SessionCounts::new(possible, present, authorised, unauthorised).map_err(|e| {
        StoreError::Corrupt {
            what: "attendance reading",
            reason: e.to_string(),
        }
    })
}

type RawReading = (String, String, u32, u32, u32, u32);

fn raw(row: &rusqlite::Row<'_>) -> rusqlite::Result<RawReading> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
    ))
}

fn reading(
    (_, as_at, possible, present, authorised, unauthorised): RawReading,
) -> Result<Reading, StoreError> {
    Ok(Reading {
        as_at: parse_date(&as_at)?,
        counts: counts(possible, present, authorised, unauthorised)?,
    })
}

/// A pupil's readings, oldest first (ties broken by the order they were recorded).
pub fn for_pupil(r: &Reader<'_>, pupil_id: &str) -> Result<Vec<Reading>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT pupil_id, as_at, possible, present, authorised, unauthorised
         FROM attendance_readings WHERE pupil_id = ?1 ORDER BY as_at, id",
    )?;
    let rows = stmt.query_map([pupil_id], raw)?;
    rows.map(|row| reading(row?)).collect()
}

/// Every pupil's latest two readings (latest first), for the dashboard's current figure and trend.
pub fn latest_two_by_pupil(
    r: &Reader<'_>,
) -> Result<std::collections::HashMap<String, Vec<Reading>>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT pupil_id, as_at, possible, present, authorised, unauthorised FROM (
            SELECT *, ROW_NUMBER() OVER (PARTITION BY pupil_id ORDER BY as_at DESC, id DESC) AS n
            FROM attendance_readings) WHERE n <= 2 ORDER BY pupil_id, n",
    )?;
    let rows = stmt.query_map([], raw)?;
    let mut out: std::collections::HashMap<String, Vec<Reading>> = std::collections::HashMap::new();
    for row in rows {
        let row = row?;
        let pupil = row.0.clone();
        out.entry(pupil).or_default().push(reading(row)?);
    }
    Ok(out)
}

/// Every pupil's readings, oldest first, for reports.
pub fn all_by_pupil(
    r: &Reader<'_>,
) -> Result<std::collections::HashMap<String, Vec<Reading>>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT pupil_id, as_at, possible, present, authorised, unauthorised
         FROM attendance_readings ORDER BY pupil_id, as_at, id",
    )?;
    let rows = stmt.query_map([], raw)?;
    let mut out: std::collections::HashMap<String, Vec<Reading>> = std::collections::HashMap::new();
    for row in rows {
        let row = row?;
        let pupil = row.0.clone();
        out.entry(pupil).or_default().push(reading(row)?);
    }
    Ok(out)
}
