//! `inbox_files`, `allocation_values` and `inbox_conflicts`: what was taken in from the shared
//! drive's inbox, what the council's allocation files last said of each pupil field, and the
//! differences left for the worker to choose between.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use crate::columns::timestamp;
use crate::error::StoreError;
use crate::write::{Reader, Writer};
use caseload_domain::{ConflictId, InboxFileId, PupilId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxRecord {
    pub id: InboxFileId,
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    pub seen_at: String,
    /// `taken` or `refused`.
    pub outcome: String,
    pub detail: String,
}

/// Whether a file with these bytes was seen before (taken or refused).
pub fn seen(r: &Reader<'_>, sha256: &str) -> Result<bool, StoreError> {
    Ok(r.conn
        .query_row(
            "SELECT 1 FROM inbox_files WHERE sha256 = ?1",
            [sha256],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub fn record(
    w: &Writer<'_>,
    kind: &str,
    file_name: &str,
    sha256: &str,
    outcome: &str,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<InboxFileId, StoreError> {
    w.conn.execute(
        "INSERT INTO inbox_files (kind, file_name, sha256, seen_at, outcome, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![kind, file_name, sha256, timestamp(now), outcome, detail],
    )?;
    Ok(InboxFileId(w.conn.last_insert_rowid()))
}

fn inbox_record(row: &Row<'_>) -> Result<InboxRecord, StoreError> {
    Ok(InboxRecord {
        id: InboxFileId(row.get("id")?),
        kind: row.get("kind")?,
        file_name: row.get("file_name")?,
        sha256: row.get("sha256")?,
        seen_at: row.get("seen_at")?,
        outcome: row.get("outcome")?,
        detail: row.get("detail")?,
    })
}

/// The latest files seen, newest first.
pub fn recent(r: &Reader<'_>, limit: u32) -> Result<Vec<InboxRecord>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT id, kind, file_name, sha256, seen_at, outcome, detail FROM inbox_files
         ORDER BY id DESC LIMIT ?1",
    )?;
    stmt.query_and_then([limit], inbox_record)?.collect()
}

/// What the last allocation file said of this pupil's field.
pub fn allocated_value(
    r: &Reader<'_>,
    pupil_id: &PupilId,
    field: &str,
) -> Result<Option<String>, StoreError> {
    Ok(r.conn
        .query_row(
            "SELECT value FROM allocation_values WHERE pupil_id = ?1 AND field = ?2",
            [pupil_id.as_str(), field],
            |row| row.get("value"),
        )
        .optional()?)
}

pub fn set_allocated_value(
    w: &Writer<'_>,
    pupil_id: &PupilId,
    field: &str,
    value: &str,
) -> Result<(), StoreError> {
    w.conn.execute(
        "INSERT INTO allocation_values (pupil_id, field, value) VALUES (?1, ?2, ?3)
         ON CONFLICT(pupil_id, field) DO UPDATE SET value = excluded.value",
        params![pupil_id.as_str(), field, value],
    )?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub id: ConflictId,
    pub pupil_id: PupilId,
    pub field: String,
    pub worker_value: String,
    pub incoming_value: String,
    pub file_name: String,
    pub raised_at: String,
}

/// Raises a conflict, replacing an open one on the same pupil field (the newest file wins the
/// "incoming" side; the worker's value is unchanged until they choose).
pub fn raise(
    w: &Writer<'_>,
    pupil_id: &PupilId,
    field: &str,
    worker_value: &str,
    incoming_value: &str,
    inbox_file_id: InboxFileId,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    w.conn.execute(
        "DELETE FROM inbox_conflicts WHERE pupil_id = ?1 AND field = ?2 AND resolved_at IS NULL",
        [pupil_id.as_str(), field],
    )?;
    w.conn.execute(
        "INSERT INTO inbox_conflicts (pupil_id, field, worker_value, incoming_value, inbox_file_id, raised_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![pupil_id.as_str(), field, worker_value, incoming_value, inbox_file_id.get(), timestamp(now)],
    )?;
    Ok(())
}

fn conflict_row(row: &Row<'_>) -> Result<Conflict, StoreError> {
    Ok(Conflict {
        id: ConflictId(row.get("id")?),
        pupil_id: PupilId(row.get("pupil_id")?),
        field: row.get("field")?,
        worker_value: row.get("worker_value")?,
        incoming_value: row.get("incoming_value")?,
        file_name: row.get("file_name")?,
        raised_at: row.get("raised_at")?,
    })
}

/// Conflicts waiting for the worker, oldest first.
pub fn open_conflicts(r: &Reader<'_>) -> Result<Vec<Conflict>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT c.id AS id, c.pupil_id AS pupil_id, c.field AS field,
                c.worker_value AS worker_value, c.incoming_value AS incoming_value,
                f.file_name AS file_name, c.raised_at AS raised_at
         FROM inbox_conflicts c JOIN inbox_files f ON f.id = c.inbox_file_id
         WHERE c.resolved_at IS NULL ORDER BY c.id",
    )?;
    stmt.query_and_then([], conflict_row)?.collect()
}

pub fn conflict(r: &Reader<'_>, id: ConflictId) -> Result<Conflict, StoreError> {
    open_conflicts(r)?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| StoreError::NotFound {
            what: "open conflict",
            id: id.to_string(),
        })
}

pub fn resolve(
    w: &Writer<'_>,
    id: ConflictId,
    chosen: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    w.conn.execute(
        "UPDATE inbox_conflicts SET resolved_at = ?2, chosen = ?3 WHERE id = ?1 AND resolved_at IS NULL",
        params![id.get(), timestamp(now), chosen],
    )?;
    Ok(())
}

/// Sets what a taken file's record says was taken (known only after its rows are applied).
pub fn set_detail(w: &Writer<'_>, id: InboxFileId, detail: &str) -> Result<(), StoreError> {
    w.conn.execute(
        "UPDATE inbox_files SET detail = ?2 WHERE id = ?1",
        params![id.get(), detail],
    )?;
    Ok(())
}
