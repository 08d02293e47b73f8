//! `chronology`: a case's contacts, append-only (the schema refuses UPDATE and DELETE).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use crate::columns::{new_id, timestamp};
use crate::error::StoreError;
use crate::write::{Reader, Writer};
use caseload_domain::chronology::{ContactKind, Entry, parse_local_time};
use caseload_domain::{CaseId, ChronologyEntryId};

const WHAT: &str = "chronology entry";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRecord {
    pub id: ChronologyEntryId,
    pub entry: Entry,
    pub corrects: Option<ChronologyEntryId>,
    pub recorded_at: String,
}

const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// The case an entry belongs to, if the entry exists.
pub fn case_of(r: &Reader<'_>, entry_id: &ChronologyEntryId) -> Result<Option<CaseId>, StoreError> {
    Ok(r.conn
        .query_row(
            "SELECT case_id FROM chronology WHERE id = ?1",
            [entry_id.as_str()],
            |row| row.get::<_, String>("case_id"),
        )
        .optional()?
        .map(CaseId))
}

pub fn add(
    w: &Writer<'_>,
    case_id: &CaseId,
    entry: &Entry,
    corrects: Option<&ChronologyEntryId>,
    now: DateTime<Utc>,
) -> Result<ChronologyEntryId, StoreError> {
    let id: ChronologyEntryId = new_id();
    w.conn.execute(
        "INSERT INTO chronology (id, case_id, kind, occurred_at, who, what, outcome, next_step, corrects, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id.as_str(),
            case_id.as_str(),
            entry.kind.as_str(),
            entry.occurred_at.format(LOCAL_FORMAT).to_string(),
            entry.who,
            entry.what,
            entry.outcome,
            entry.next_step,
            corrects.map(ChronologyEntryId::as_str),
            timestamp(now)
        ],
    )?;
    Ok(id)
}

fn entry_record(row: &Row<'_>) -> Result<EntryRecord, StoreError> {
    let occurred_at: String = row.get("occurred_at")?;
    let kind: String = row.get("kind")?;
    Ok(EntryRecord {
        id: ChronologyEntryId(row.get("id")?),
        entry: Entry {
            kind: ContactKind::parse(&kind)
                .ok_or_else(|| StoreError::corrupt(WHAT, "unknown kind"))?,
            occurred_at: parse_local_time(&occurred_at)
                .ok_or_else(|| StoreError::corrupt(WHAT, "bad time"))?,
            who: row.get("who")?,
            what: row.get("what")?,
            outcome: row.get("outcome")?,
            next_step: row.get("next_step")?,
        },
        corrects: row
            .get::<_, Option<String>>("corrects")?
            .map(ChronologyEntryId),
        recorded_at: row.get("recorded_at")?,
    })
}

/// A case's entries in the order things happened (ties: the order they were typed).
pub fn for_case(r: &Reader<'_>, case_id: &CaseId) -> Result<Vec<EntryRecord>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT id, kind, occurred_at, who, what, outcome, next_step, corrects, recorded_at
         FROM chronology WHERE case_id = ?1 ORDER BY occurred_at, recorded_at, id",
    )?;
    stmt.query_and_then([case_id.as_str()], entry_record)?
        .collect()
}
