//! `outbox` and `outbox_files`: exports queued for the shared drive, with their files' bytes
//! (kept inside the encrypted database until delivered), attempts, back-off and outcome.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Row, params};

use crate::columns::{optional_date, optional_time, time, timestamp};
use crate::error::StoreError;
use crate::write::{Reader, Writer};
use caseload_domain::ExportId;

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
            other => Err(StoreError::corrupt(WHAT, format!("unknown status {other}"))),
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
    pub export_id: ExportId,
    pub kind: String,
    pub formats: Vec<String>,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub identifiable_reason: Option<String>,
    pub files: Vec<OutboxFile>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    pub export_id: ExportId,
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
    /// When the delivered bytes were dropped from this computer (the record of them stays).
    pub bytes_purged_at: Option<DateTime<Utc>>,
    /// File names, sizes and hashes (not the bytes: see [`files`]).
    pub files: Vec<(String, u64, String)>,
}

const WHAT: &str = "outbox entry";

pub fn queue(w: &Writer<'_>, export: &NewExport, now: DateTime<Utc>) -> Result<(), StoreError> {
    w.conn.execute(
        "INSERT INTO outbox (export_id, kind, formats, period_from, period_to, identifiable_reason,
            created_at, status, next_attempt_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'queued', ?7)",
        params![
            export.export_id.as_str(),
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
            export.export_id.as_str(),
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
        failure_reason, delivered_at, delivered_folder, bytes_purged_at FROM outbox";

/// A row of [`SELECT`] as an entry, with its files' names, sizes and hashes.
fn entry(r: &Reader<'_>, row: &Row<'_>) -> Result<OutboxEntry, StoreError> {
    let export_id = ExportId(row.get("export_id")?);
    let mut stmt = r.conn.prepare_cached(
        "SELECT name, coalesce(purged_size, length(bytes)) AS size, sha256 FROM outbox_files
         WHERE export_id = ?1 ORDER BY name",
    )?;
    let files = stmt
        .query_and_then([export_id.as_str()], |file| {
            Ok::<_, StoreError>((
                file.get("name")?,
                file.get::<_, i64>("size")? as u64,
                file.get("sha256")?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(OutboxEntry {
        kind: row.get("kind")?,
        formats: row
            .get::<_, String>("formats")?
            .split(',')
            .map(String::from)
            .collect(),
        period_from: optional_date(row, "period_from", WHAT)?,
        period_to: optional_date(row, "period_to", WHAT)?,
        identifiable_reason: row.get("identifiable_reason")?,
        created_at: time(row, "created_at", WHAT)?,
        status: OutboxStatus::parse(&row.get::<_, String>("status")?)?,
        attempts: u32::try_from(row.get::<_, i64>("attempts")?).unwrap_or(u32::MAX),
        last_attempt_at: optional_time(row, "last_attempt_at", WHAT)?,
        next_attempt_at: optional_time(row, "next_attempt_at", WHAT)?,
        failure_kind: row.get("failure_kind")?,
        failure_reason: row.get("failure_reason")?,
        delivered_at: optional_time(row, "delivered_at", WHAT)?,
        delivered_folder: row.get("delivered_folder")?,
        bytes_purged_at: optional_time(row, "bytes_purged_at", WHAT)?,
        export_id,
        files,
    })
}

/// Every export, newest first.
pub fn list(r: &Reader<'_>) -> Result<Vec<OutboxEntry>, StoreError> {
    let mut stmt = r.conn.prepare_cached(&format!(
        "{SELECT} ORDER BY created_at DESC, export_id DESC"
    ))?;
    stmt.query_and_then([], |row| entry(r, row))?.collect()
}

pub fn get(r: &Reader<'_>, export_id: &ExportId) -> Result<OutboxEntry, StoreError> {
    let mut stmt = r
        .conn
        .prepare_cached(&format!("{SELECT} WHERE export_id = ?1"))?;
    stmt.query_and_then([export_id.as_str()], |row| entry(r, row))?
        .next()
        .transpose()?
        .ok_or_else(|| StoreError::NotFound {
            what: "export",
            id: export_id.to_string(),
        })
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
    stmt.query_and_then([due_at.map(timestamp)], |row| entry(r, row))?
        .collect()
}

fn outbox_file(row: &Row<'_>) -> Result<OutboxFile, StoreError> {
    Ok(OutboxFile {
        name: row.get("name")?,
        format: row.get("format")?,
        rows: row.get::<_, i64>("rows")? as u64,
        sha256: row.get("sha256")?,
        bytes: row.get("bytes")?,
    })
}

/// The files of an export, with their bytes, in name order.
pub fn files(r: &Reader<'_>, export_id: &ExportId) -> Result<Vec<OutboxFile>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT name, format, rows, sha256, bytes FROM outbox_files WHERE export_id = ?1 ORDER BY name",
    )?;
    stmt.query_and_then([export_id.as_str()], outbox_file)?
        .collect()
}

pub fn mark_failed(
    w: &Writer<'_>,
    export_id: &ExportId,
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
            export_id.as_str(),
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
    export_id: &ExportId,
    at: DateTime<Utc>,
    folder: &str,
) -> Result<(), StoreError> {
    w.conn.execute(
        "UPDATE outbox SET status = 'delivered', attempts = attempts + 1, last_attempt_at = ?2,
            delivered_at = ?2, delivered_folder = ?3, next_attempt_at = NULL,
            failure_kind = NULL, failure_reason = NULL
         WHERE export_id = ?1",
        params![export_id.as_str(), timestamp(at), folder],
    )?;
    Ok(())
}

/// Makes a failed export due at once (the worker pressed "Send now").
pub fn retry_now(
    w: &Writer<'_>,
    export_id: &ExportId,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    w.conn.execute(
        "UPDATE outbox SET next_attempt_at = ?2 WHERE export_id = ?1 AND status != 'delivered'",
        params![export_id.as_str(), timestamp(now)],
    )?;
    Ok(())
}
