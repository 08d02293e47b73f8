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

/// The file with these bytes seen before (taken or refused), if any.
pub fn seen(r: &Reader<'_>, sha256: &str) -> Result<Option<InboxRecord>, StoreError> {
    r.conn
        .query_row(
            "SELECT id, kind, file_name, sha256, seen_at, outcome, detail FROM inbox_files
             WHERE sha256 = ?1",
            [sha256],
            |row| Ok(inbox_record(row)),
        )
        .optional()?
        .transpose()
}

/// Forgets the `kind` files that were refused, and their stamps, so the next sync reads and
/// tries them again: after the worker saves a column mapping, a file refused for its
/// headers may now import. Refused files took nothing in, so nothing else refers to them.
pub fn forget_refused(w: &Writer<'_>, kind: &str) -> Result<usize, StoreError> {
    w.conn.execute(
        "DELETE FROM inbox_stamps WHERE kind = ?1 AND file_name IN
           (SELECT file_name FROM inbox_files WHERE kind = ?1 AND outcome = 'refused')",
        [kind],
    )?;
    Ok(w.conn.execute(
        "DELETE FROM inbox_files WHERE kind = ?1 AND outcome = 'refused'",
        [kind],
    )?)
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

/// The name, size and modification time of each inbox file last read, by kind
/// (`allocations` or `attendance`).
pub fn stamps(r: &Reader<'_>) -> Result<Vec<(String, String, u64, i64)>, StoreError> {
    let mut stmt = r
        .conn
        .prepare_cached("SELECT kind, file_name, size, modified_ns FROM inbox_stamps")?;
    stmt.query_and_then([], |row| {
        let size: i64 = row.get("size")?;
        Ok((
            row.get("kind")?,
            row.get("file_name")?,
            u64::try_from(size).unwrap_or(0),
            row.get("modified_ns")?,
        ))
    })?
    .collect()
}

/// Records that the inbox file `file_name` was read at this size and time.
pub fn set_stamp(
    w: &Writer<'_>,
    kind: &str,
    file_name: &str,
    size: u64,
    modified_ns: i64,
) -> Result<(), StoreError> {
    w.conn.execute(
        "INSERT INTO inbox_stamps (kind, file_name, size, modified_ns) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(kind, file_name) DO UPDATE SET size = excluded.size,
             modified_ns = excluded.modified_ns",
        params![
            kind,
            file_name,
            i64::try_from(size).unwrap_or(i64::MAX),
            modified_ns
        ],
    )?;
    Ok(())
}

/// A new case, or changes to an existing case's pupil, that an allocation file proposes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProposal<'a> {
    pub inbox_file_id: InboxFileId,
    /// `new_case` or `update`.
    pub kind: &'a str,
    pub upn: &'a str,
    /// The existing pupil, for an `update`.
    pub pupil_id: Option<&'a PupilId>,
    /// JSON: field → incoming value (new case).
    pub values_json: &'a str,
    /// JSON: [{field, from, to}] (update).
    pub changes_json: &'a str,
    pub referral_source: &'a str,
    /// `YYYY-MM-DD`.
    pub referral_date: &'a str,
}

/// An open (or decided) proposal as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub id: i64,
    pub kind: String,
    pub upn: String,
    pub pupil_id: Option<PupilId>,
    pub values_json: String,
    pub changes_json: String,
    pub referral_source: String,
    pub referral_date: String,
    pub file_name: String,
    pub raised_at: String,
}

/// Records a proposal; an open proposal for the same pupil (by UPN) is superseded by it, so
/// the newest file is what the worker decides on. Returns the new proposal's id.
pub fn propose(w: &Writer<'_>, p: &NewProposal<'_>, now: DateTime<Utc>) -> Result<i64, StoreError> {
    w.conn.execute(
        "UPDATE inbox_proposals SET decided_at = ?2, decision = 'superseded',
             values_json = '{}', changes_json = '[]'
         WHERE upn = ?1 AND decided_at IS NULL",
        params![p.upn, timestamp(now)],
    )?;
    w.conn.execute(
        "INSERT INTO inbox_proposals (inbox_file_id, kind, upn, pupil_id, values_json,
             changes_json, referral_source, referral_date, raised_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            p.inbox_file_id.get(),
            p.kind,
            p.upn,
            p.pupil_id.map(PupilId::as_str),
            p.values_json,
            p.changes_json,
            p.referral_source,
            p.referral_date,
            timestamp(now)
        ],
    )?;
    Ok(w.conn.last_insert_rowid())
}

fn proposal_row(row: &Row<'_>) -> Result<Proposal, StoreError> {
    Ok(Proposal {
        id: row.get("id")?,
        kind: row.get("kind")?,
        upn: row.get("upn")?,
        pupil_id: row.get::<_, Option<String>>("pupil_id")?.map(PupilId),
        values_json: row.get("values_json")?,
        changes_json: row.get("changes_json")?,
        referral_source: row.get("referral_source")?,
        referral_date: row.get("referral_date")?,
        file_name: row.get("file_name")?,
        raised_at: row.get("raised_at")?,
    })
}

/// Proposals waiting for the worker, oldest first.
pub fn open_proposals(r: &Reader<'_>) -> Result<Vec<Proposal>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT p.id AS id, p.kind AS kind, p.upn AS upn, p.pupil_id AS pupil_id,
                p.values_json AS values_json, p.changes_json AS changes_json,
                p.referral_source AS referral_source, p.referral_date AS referral_date,
                f.file_name AS file_name, p.raised_at AS raised_at
         FROM inbox_proposals p JOIN inbox_files f ON f.id = p.inbox_file_id
         WHERE p.decided_at IS NULL ORDER BY p.id",
    )?;
    stmt.query_and_then([], proposal_row)?.collect()
}

/// One open proposal.
pub fn open_proposal(r: &Reader<'_>, id: i64) -> Result<Proposal, StoreError> {
    open_proposals(r)?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| StoreError::NotFound {
            what: "open proposal",
            id: id.to_string(),
        })
}

/// Records the worker's decision (`accepted` or `refused`). A refused proposal keeps no pupil
/// values: what the council sent is not kept for a case the worker did not take.
pub fn decide(
    w: &Writer<'_>,
    id: i64,
    decision: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let sql = if decision == "accepted" {
        "UPDATE inbox_proposals SET decided_at = ?2, decision = ?3
         WHERE id = ?1 AND decided_at IS NULL"
    } else {
        "UPDATE inbox_proposals SET decided_at = ?2, decision = ?3,
             values_json = '{}', changes_json = '[]'
         WHERE id = ?1 AND decided_at IS NULL"
    };
    let changed = w.conn.execute(sql, params![id, timestamp(now), decision])?;
    if changed == 0 {
        return Err(StoreError::NotFound {
            what: "open proposal",
            id: id.to_string(),
        });
    }
    Ok(())
}

/// The inbox file a proposal came from.
pub fn proposal_file(r: &Reader<'_>, id: i64) -> Result<InboxFileId, StoreError> {
    Ok(InboxFileId(r.conn.query_row(
        "SELECT inbox_file_id FROM inbox_proposals WHERE id = ?1",
        [id],
        |row| row.get("inbox_file_id"),
    )?))
}
