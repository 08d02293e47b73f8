//! `attendance_readings`: a pupil's attendance counts as at a date, recorded by the worker (and,
//! with the attendance issue, imported). Never overwritten: a later reading is a new row.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use crate::columns::{date, timestamp};
use crate::error::StoreError;
use crate::write::{Reader, Writer};
use caseload_domain::PupilId;
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
    pupil_id: &PupilId,
    reading: &Reading,
    source: ReadingSource,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let c = reading.counts;
    w.conn.execute(
        "INSERT INTO attendance_readings (pupil_id, as_at, possible, present, authorised, unauthorised, source, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            pupil_id.as_str(),
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

const WHAT: &str = "attendance reading";

/// A row's `as_at` and counts as a reading.
fn reading(row: &rusqlite::Row<'_>) -> Result<Reading, StoreError> {
    let counts = SessionCounts::new(
        row.get("possible")?,
        row.get("present")?,
        row.get("authorised")?,
        row.get("unauthorised")?,
    )
    .map_err(|e| StoreError::corrupt(WHAT, e.to_string()))?;
    Ok(Reading {
        as_at: date(row, "as_at", WHAT)?,
        counts,
    })
}

/// A row as the pupil it is about and the reading.
fn pupil_reading(row: &rusqlite::Row<'_>) -> Result<(PupilId, Reading), StoreError> {
    Ok((PupilId(row.get("pupil_id")?), reading(row)?))
}

/// A pupil's readings, oldest first (ties broken by the order they were recorded).
pub fn for_pupil(r: &Reader<'_>, pupil_id: &PupilId) -> Result<Vec<Reading>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT as_at, possible, present, authorised, unauthorised
         FROM attendance_readings WHERE pupil_id = ?1 ORDER BY as_at, id",
    )?;
    stmt.query_and_then([pupil_id.as_str()], reading)?.collect()
}

/// Every pupil's latest two readings (latest first), for the dashboard's current figure and trend.
/// Read in the index's order (pupil, date, id) and keeping each pupil's last two as they pass:
/// no sort, and only two readings per pupil converted.
pub fn latest_two_by_pupil(r: &Reader<'_>) -> Result<HashMap<PupilId, Vec<Reading>>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT pupil_id, as_at, possible, present, authorised, unauthorised
         FROM attendance_readings INDEXED BY attendance_readings_pupil ORDER BY pupil_id, as_at, id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out: HashMap<PupilId, Vec<Reading>> = HashMap::new();
    // The pupil being read, and the row values of their last two readings so far.
    let mut pupil: Option<String> = None;
    let mut last: Vec<Reading> = Vec::with_capacity(2);
    let mut finish = |pupil: Option<String>, last: &mut Vec<Reading>| {
        if let Some(id) = pupil {
            last.reverse();
            out.insert(PupilId(id), std::mem::take(last));
        }
    };
    while let Some(row) = rows.next()? {
        let id = row
            .get_ref(0)?
            .as_str()
            .map_err(|e| StoreError::corrupt(WHAT, e.to_string()))?;
        if pupil.as_deref() != Some(id) {
            finish(pupil.take(), &mut last);
            pupil = Some(id.to_string());
        }
        if last.len() == 2 {
            last.remove(0);
        }
        last.push(reading(row)?);
    }
    finish(pupil, &mut last);
    Ok(out)
}

/// Every pupil's readings, oldest first, for reports.
pub fn all_by_pupil(r: &Reader<'_>) -> Result<HashMap<PupilId, Vec<Reading>>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT pupil_id, as_at, possible, present, authorised, unauthorised
         FROM attendance_readings ORDER BY pupil_id, as_at, id",
    )?;
    by_pupil(stmt.query_and_then([], pupil_reading)?)
}

fn by_pupil(
    rows: impl Iterator<Item = Result<(PupilId, Reading), StoreError>>,
) -> Result<HashMap<PupilId, Vec<Reading>>, StoreError> {
    let mut out: HashMap<PupilId, Vec<Reading>> = HashMap::new();
    for row in rows {
        let (pupil, reading) = row?;
        out.entry(pupil).or_default().push(reading);
    }
    Ok(out)
}
