//! `case_events`: one append-only row per lifecycle step (the table refuses UPDATE and DELETE),
//! written together with the case's new status in the same transaction. The case funnel and a
//! case's history are read from here.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use crate::cases::{parse_date, timestamp};
use crate::error::StoreError;
use crate::write::{Reader, Writer};
use caseload_domain::case::TransitionKind;
use caseload_domain::transition::Transition;
use caseload_domain::{CaseId, CaseStatus};

/// A stored step of a case's history. `kind` is `None` for the referral itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRecord {
    pub kind: Option<TransitionKind>,
    pub on_date: NaiveDate,
    pub from_status: Option<CaseStatus>,
    pub to_status: CaseStatus,
    pub team: Option<String>,
    pub worker: Option<String>,
    pub note: Option<String>,
    pub recorded_at: String,
}

pub(crate) fn kind_name(kind: TransitionKind) -> &'static str {
    match kind {
        TransitionKind::Accept => "accept",
        TransitionKind::Decline => "decline",
        TransitionKind::FamilyDeclined => "family_declined",
        TransitionKind::Allocate => "allocate",
        TransitionKind::StartCycle => "start_cycle",
        TransitionKind::MidpointCheck => "midpoint_check",
        TransitionKind::Review => "review",
        TransitionKind::Close => "close",
        TransitionKind::Reopen => "reopen",
    }
}

const KINDS: [TransitionKind; 9] = [
    TransitionKind::Accept,
    TransitionKind::Decline,
    TransitionKind::FamilyDeclined,
    TransitionKind::Allocate,
    TransitionKind::StartCycle,
    TransitionKind::MidpointCheck,
    TransitionKind::Review,
    TransitionKind::Close,
    TransitionKind::Reopen,
];

pub(crate) fn parse_kind(name: &str) -> Result<Option<TransitionKind>, StoreError> {
    if name == "referral" {
        return Ok(None);
    }
    KINDS
        .into_iter()
        .find(|k| kind_name(*k) == name)
        .map(Some)
        .ok_or_else(|| StoreError::Corrupt {
            what: "case event",
            reason: format!("unknown kind {name}"),
        })
}

pub(crate) fn record_referral(
    w: &Writer<'_>,
    id: &CaseId,
    on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    w.conn.execute(
        "INSERT INTO case_events (case_id, kind, on_date, from_status, to_status, recorded_at)
         VALUES (?1, 'referral', ?2, NULL, 'referred', ?3)",
        params![id.as_str(), on.to_string(), timestamp(now)],
    )?;
    Ok(())
}

/// Records `t` moving the case from `from` to `to` (already checked by the domain's rules) and
/// updates the case's lifecycle columns to match.
pub fn record(
    w: &Writer<'_>,
    id: &CaseId,
    t: &Transition,
    from: CaseStatus,
    to: CaseStatus,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let at = timestamp(now);
    let on = t.on_date.to_string();
    w.conn.execute(
        "INSERT INTO case_events (case_id, kind, on_date, from_status, to_status, team, worker, note, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![id.as_str(), kind_name(t.kind), on, from.as_str(), to.as_str(), t.team, t.worker, t.note, at],
    )?;
    let id_str = id.as_str();
    match t.kind {
        TransitionKind::Allocate => {
            w.conn.execute("UPDATE cases SET team = ?2, worker = ?3 WHERE id = ?1", params![id_str, t.team, t.worker])?
        }
        TransitionKind::StartCycle | TransitionKind::Review => w
            .conn
            .execute("UPDATE cases SET cycle_start = ?2, midpoint_done_on = NULL WHERE id = ?1", params![id_str, on])?,
        TransitionKind::MidpointCheck => {
            w.conn.execute("UPDATE cases SET midpoint_done_on = ?2 WHERE id = ?1", params![id_str, on])?
        }
        TransitionKind::Close => w.conn.execute(
            "UPDATE cases SET closed_on = ?2, closure_reason = ?3 WHERE id = ?1",
            params![id_str, on, t.note],
        )?,
        TransitionKind::Reopen if to == CaseStatus::Active => w.conn.execute(
            "UPDATE cases SET cycle_start = ?2, midpoint_done_on = NULL, closed_on = NULL, closure_reason = NULL WHERE id = ?1",
            params![id_str, on],
        )?,
        _ => 0,
    };
    let changed = w.conn.execute(
        "UPDATE cases SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.as_str(), to.as_str(), at],
    )?;
    if changed == 0 {
        return Err(StoreError::NotFound {
            what: "case",
            id: id.to_string(),
        });
    }
    Ok(())
}

/// kind, on_date, from_status, to_status, team, worker, note, recorded_at — as stored.
type RawEvent = (
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

fn raw(row: &rusqlite::Row<'_>) -> rusqlite::Result<RawEvent> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
    ))
}

fn status(value: &str) -> Result<CaseStatus, StoreError> {
    CaseStatus::parse(value).ok_or_else(|| StoreError::Corrupt {
        what: "case event",
        reason: "unknown status".into(),
    })
}

fn event(raw: RawEvent) -> Result<EventRecord, StoreError> {
    let (kind, on, from, to, team, worker, note, recorded_at) = raw;
    Ok(EventRecord {
        kind: parse_kind(&kind)?,
        on_date: parse_date(&on)?,
        from_status: from.as_deref().map(status).transpose()?,
        to_status: status(&to)?,
        team,
        worker,
        note,
        recorded_at,
    })
}

/// A case's history, oldest first.
pub fn history(r: &Reader<'_>, id: &CaseId) -> Result<Vec<EventRecord>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT kind, on_date, from_status, to_status, team, worker, note, recorded_at
         FROM case_events WHERE case_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id.as_str()], raw)?;
    rows.map(|row| event(row?)).collect()
}

/// Every case's history, oldest first, in one query (for reports over the whole caseload).
pub fn all_by_case(r: &Reader<'_>) -> Result<HashMap<String, Vec<EventRecord>>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT kind, on_date, from_status, to_status, team, worker, note, recorded_at, case_id
         FROM case_events ORDER BY case_id, id",
    )?;
    let rows = stmt.query_map([], |row| Ok((raw(row)?, row.get::<_, String>(8)?)))?;
    let mut out: HashMap<String, Vec<EventRecord>> = HashMap::new();
    for row in rows {
        let (raw, case_id) = row?;
        out.entry(case_id).or_default().push(event(raw)?);
    }
    Ok(out)
}
