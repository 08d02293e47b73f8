//! `chronology`: a case's contacts, append-only (the schema refuses UPDATE and DELETE).

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{OptionalExtension, params};

use crate::cases::timestamp;
use crate::error::StoreError;
use crate::write::{Reader, Writer};
use caseload_domain::CaseId;
use caseload_domain::chronology::{ContactKind, Entry, parse_local_time};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRecord {
    pub id: String,
    pub entry: Entry,
    pub corrects: Option<String>,
    pub recorded_at: String,
}

const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// The case an entry belongs to, if the entry exists.
pub fn case_of(r: &Reader<'_>, entry_id: &str) -> Result<Option<CaseId>, StoreError> {
    Ok(r.conn
        .query_row(
            "SELECT case_id FROM chronology WHERE id = ?1",
            [entry_id],
            |row| row.get::<_, String>(0),
        )
        .optional()?
        .map(CaseId))
}

pub fn add(
    w: &Writer<'_>,
    case_id: &CaseId,
    entry: &Entry,
    corrects: Option<&str>,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    let id = uuid::Uuid::now_v7().to_string();
    w.conn.execute(
        "INSERT INTO chronology (id, case_id, kind, occurred_at, who, what, outcome, next_step, corrects, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            case_id.as_str(),
            entry.kind.as_str(),
            entry.occurred_at.format(LOCAL_FORMAT).to_string(),
            entry.who,
            entry.what,
            entry.outcome,
            entry.next_step,
            corrects,
            timestamp(now)
        ],
    )?;
    Ok(id)
}

fn corrupt(reason: &str) -> StoreError {
    StoreError::Corrupt {
        what: "chronology entry",
        reason: reason.into(),
    }
}

/// A case's entries in the order things happened (ties: the order they were typed).
pub fn for_case(r: &Reader<'_>, case_id: &CaseId) -> Result<Vec<EntryRecord>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT id, kind, occurred_at, who, what, outcome, next_step, corrects, recorded_at
         FROM chronology WHERE case_id = ?1 ORDER BY occurred_at, recorded_at, id",
    )?;
    let rows = stmt.query_map([case_id.as_str()], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, String>(4)?,
            row.get::<_, Option<String>>(5)?,
            row.get::<_, Option<String>>(6)?,
            row.get::<_, Option<String>>(7)?,
            row.get::<_, String>(8)?,
        ))
    })?;
    rows.map(|row| {
        let (id, kind, occurred_at, who, what, outcome, next_step, corrects, recorded_at) = row?;
        let occurred_at: NaiveDateTime =
            parse_local_time(&occurred_at).ok_or_else(|| corrupt("bad time"))?;
        Ok(EntryRecord {
            id,
            entry: Entry {
                kind: ContactKind::parse(&kind).ok_or_else(|| corrupt("unknown kind"))?,
                occurred_at,
                who,
                what,
                outcome,
                next_step,
            },
            corrects,
            recorded_at,
        })
    })
    .collect()
}
