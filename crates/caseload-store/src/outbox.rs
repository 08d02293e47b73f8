//! `outbox` and `outbox_files`: exports queued for the shared drive, with their files' bytes
//! (kept inside the encrypted database until delivered), attempts, back-off and outcome.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, params};

use crate::cases::{parse_date, timestamp};
use crate::error::StoreError;
use crate::write::{Reader, Writer};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxStatus {
    Queued,
    Failed,
    Delivered,
}

impl OutboxStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxStatus::Queued => "queued",
            OutboxStatus::Failed => "failed",
            OutboxStatus::Delivered => "delivered",
        }
    }

    fn parse(value: &str) -> Result<OutboxStatus, StoreError> {
        match value {
            "queued" => Ok(OutboxStatus::Queued),
            "failed" => Ok(OutboxStatus::Failed),
            "delivered" => Ok(OutboxStatus::Delivered),
            other => Err(corrupt(format!("unknown status {other}"))),
        }
    }
}

/// A file of an export, as queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxFile {
    pub name: String,
    pub format: String,
    pub rows: u64,
    pub sha256: String,
    pub bytes: Vec<u8>,
}

/// A new export to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewExport {
    pub export_id: String,
    pub kind: String,
    pub formats: Vec<String>,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub identifiable_reason: Option<String>,
    pub files: Vec<OutboxFile>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    pub export_id: String,
    pub kind: String,
    pub formats: Vec<String>,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub identifiable_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub status: OutboxStatus,
    pub attempts: u32,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub failure_kind: Option<String>,
    pub failure_reason: Option<String>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub delivered_folder: Option<String>,
    /// File names, sizes and hashes (not the bytes: see [`files`]).
    pub files: Vec<(String, u64, String)>,
}

fn corrupt(reason: impl Into<String>) -> StoreError {
    StoreError::Corrupt {
        what: "outbox entry",
        reason: reason.into(),
    }
}

fn time(value: Option<String>) -> Result<Option<DateTime<Utc>>, StoreError> {
    value
        .map(|v| {
            DateTime::parse_from_rfc3339(&v)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| corrupt("bad timestamp"))
        })
        .transpose()
}

pub fn queue(w: &Writer<'_>, export: &NewExport, now: DateTime<Utc>) -> Result<(), StoreError> {
    w.conn.execute(
        "INSERT INTO outbox (export_id, kind, formats, period_from, period_to, identifiable_reason,
            created_at, status, next_attempt_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'queued', ?7)",
        params![
            export.export_id,
            export.kind,
            export.formats.join(","),
            export.period_from.map(|d| d.to_string()),
            export.period_to.map(|d| d.to_string()),
            export.identifiable_reason,
            timestamp(now),
        ],
    )?;
    let mut insert = w.conn.prepare_cached(
        "INSERT INTO outbox_files (export_id, name, format, rows, sha256, bytes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for f in &export.files {
        insert.execute(params![
            export.export_id,
            f.name,
            f.format,
            f.rows as i64,
            f.sha256,
            f.bytes
        ])?;
    }
    Ok(())
}

const SELECT: &str = "SELECT export_id, kind, formats, period_from, period_to, identifiable_reason,
        created_at, status, attempts, last_attempt_at, next_attempt_at, failure_kind,
        failure_reason, delivered_at, delivered_folder FROM outbox";

struct Raw {
    export_id: String,
    kind: String,
    formats: String,
    period_from: Option<String>,
    period_to: Option<String>,
    identifiable_reason: Option<String>,
    created_at: String,
    status: String,
    attempts: i64,
    last_attempt_at: Option<String>,
    next_attempt_at: Option<String>,
    failure_kind: Option<String>,
    failure_reason: Option<String>,
    delivered_at: Option<String>,
    delivered_folder: Option<String>,
}

fn raw(row: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok(Raw {
        export_id: row.get(0)?,
        kind: row.get(1)?,
        formats: row.get(2)?,
        period_from: row.get(3)?,
        period_to: row.get(4)?,
        identifiable_reason: row.get(5)?,
        created_at: row.get(6)?,
        status: row.get(7)?,
        attempts: row.get(8)?,
        last_attempt_at: row.get(9)?,
        next_attempt_at: row.get(10)?,
        failure_kind: row.get(11)?,
        failure_reason: row.get(12)?,
        delivered_at: row.get(13)?,
        delivered_folder: row.get(14)?,
    })
}

fn entry(r: &Reader<'_>, raw: Raw) -> Result<OutboxEntry, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT name, length(bytes), sha256 FROM outbox_files WHERE export_id = ?1 ORDER BY name",
    )?;
    let files = stmt
        .query_map([&raw.export_id], |row| {
            Ok((row.get(0)?, row.get::<_, i64>(1)? as u64, row.get(2)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(OutboxEntry {
        formats: raw.formats.split(',').map(String::from).collect(),
        period_from: raw.period_from.as_deref().map(parse_date).transpose()?,
        period_to: raw.period_to.as_deref().map(parse_date).transpose()?,
        created_at: time(Some(raw.created_at))?.ok_or_else(|| corrupt("no created_at"))?,
        status: OutboxStatus::parse(&raw.status)?,
        attempts: u32::try_from(raw.attempts).unwrap_or(u32::MAX),
        last_attempt_at: time(raw.last_attempt_at)?,
        next_attempt_at: time(raw.next_attempt_at)?,
        delivered_at: time(raw.delivered_at)?,
        export_id: raw.export_id,
        kind: raw.kind,
        identifiable_reason: raw.identifiable_reason,
        failure_kind: raw.failure_kind,
        failure_reason: raw.failure_reason,
        delivered_folder: raw.delivered_folder,
        files,
    })
}

/// Every export, newest first.
pub fn list(r: &Reader<'_>) -> Result<Vec<OutboxEntry>, StoreError> {
    let mut stmt = r.conn.prepare_cached(&format!(
        "{SELECT} ORDER BY created_at DESC, export_id DESC"
    ))?;
    let raws = stmt.query_map([], raw)?.collect::<Result<Vec<_>, _>>()?;
    raws.into_iter().map(|x| entry(r, x)).collect()
}

pub fn get(r: &Reader<'_>, export_id: &str) -> Result<OutboxEntry, StoreError> {
    let raw = r
        .conn
        .query_row(&format!("{SELECT} WHERE export_id = ?1"), [export_id], raw)
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            what: "export",
            id: export_id.to_string(),
        })?;
    entry(r, raw)
}

/// Exports not yet delivered, oldest first; with `due_at`, only those whose back-off has passed.
pub fn pending(
    r: &Reader<'_>,
    due_at: Option<DateTime<Utc>>,
) -> Result<Vec<OutboxEntry>, StoreError> {
    let mut stmt = r.conn.prepare_cached(&format!(
        "{SELECT} WHERE status != 'delivered' AND (?1 IS NULL OR next_attempt_at IS NULL OR next_attempt_at <= ?1)
         ORDER BY created_at, export_id"
    ))?;
    let raws = stmt
        .query_map([due_at.map(timestamp)], raw)?
        .collect::<Result<Vec<_>, _>>()?;
    raws.into_iter().map(|x| entry(r, x)).collect()
}

/// The files of an export, with their bytes, in name order.
pub fn files(r: &Reader<'_>, export_id: &str) -> Result<Vec<OutboxFile>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT name, format, rows, sha256, bytes FROM outbox_files WHERE export_id = ?1 ORDER BY name",
    )?;
    let files = stmt
        .query_map([export_id], |row| {
            Ok(OutboxFile {
                name: row.get(0)?,
                format: row.get(1)?,
                rows: row.get::<_, i64>(2)? as u64,
                sha256: row.get(3)?,
                bytes: row.get(4)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(files)
}

pub fn mark_failed(
    w: &Writer<'_>,
    export_id: &str,
    at: DateTime<Utc>,
    next_attempt_at: DateTime<Utc>,
    kind: &str,
    reason: &str,
) -> Result<(), StoreError> {
    w.conn.execute(
        "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_attempt_at = ?2,
            next_attempt_at = ?3, failure_kind = ?4, failure_reason = ?5
         WHERE export_id = ?1 AND status != 'delivered'",
        params![
            export_id,
            timestamp(at),
            timestamp(next_attempt_at),
            kind,
            reason
        ],
    )?;
    Ok(())
}

pub fn mark_delivered(
    w: &Writer<'_>,
    export_id: &str,
    at: DateTime<Utc>,
    folder: &str,
) -> Result<(), StoreError> {
    w.conn.execute(
        "UPDATE outbox SET status = 'delivered', attempts = attempts + 1, last_attempt_at = ?2,
            delivered_at = ?2, delivered_folder = ?3, next_attempt_at = NULL,
            failure_kind = NULL, failure_reason = NULL
         WHERE export_id = ?1",
        params![export_id, timestamp(at), folder],
    )?;
    Ok(())
}

/// Makes a failed export due at once (the worker pressed "Send now").
pub fn retry_now(w: &Writer<'_>, export_id: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
    w.conn.execute(
        "UPDATE outbox SET next_attempt_at = ?2 WHERE export_id = ?1 AND status != 'delivered'",
        params![export_id, timestamp(now)],
    )?;
    Ok(())
}
