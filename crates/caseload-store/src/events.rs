//! `case_events`: one append-only row per lifecycle step (the table refuses UPDATE and DELETE),
//! written together with the case's new status in the same transaction. The case funnel and a
//! case's history are read from here.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use crate::columns::{date, timestamp};
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

const WHAT: &str = "case event";

pub(crate) fn parse_kind(name: &str) -> Result<Option<TransitionKind>, StoreError> {
    if name == "referral" {
        return Ok(None);
    }
    KINDS
        .into_iter()
        .find(|k| kind_name(*k) == name)
        .map(Some)
        .ok_or_else(|| StoreError::corrupt(WHAT, format!("unknown kind {name}")))
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
            "UPDATE cases SET cycle_start = ?2, midpoint_done_on = NULL, closed_on = NULL, closure_reason = NULL, closure_category = NULL WHERE id = ?1",
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

fn status(value: &str) -> Result<CaseStatus, StoreError> {
    CaseStatus::parse(value).ok_or_else(|| StoreError::corrupt(WHAT, "unknown status"))
}

/// A row of `case_events` as a step of the case's history.
fn event(row: &rusqlite::Row<'_>) -> Result<EventRecord, StoreError> {
    Ok(EventRecord {
        kind: parse_kind(&row.get::<_, String>("kind")?)?,
        on_date: date(row, "on_date", WHAT)?,
        from_status: row
            .get::<_, Option<String>>("from_status")?
            .as_deref()
            .map(status)
            .transpose()?,
        to_status: status(&row.get::<_, String>("to_status")?)?,
        team: row.get("team")?,
        worker: row.get("worker")?,
        note: row.get("note")?,
        recorded_at: row.get("recorded_at")?,
    })
}

/// A case's history, oldest first.
pub fn history(r: &Reader<'_>, id: &CaseId) -> Result<Vec<EventRecord>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT kind, on_date, from_status, to_status, team, worker, note, recorded_at
         FROM case_events WHERE case_id = ?1 ORDER BY id",
    )?;
    stmt.query_and_then([id.as_str()], event)?.collect()
}

/// Every case's history, oldest first, in one query (for reports over the whole caseload).
pub fn all_by_case(r: &Reader<'_>) -> Result<HashMap<CaseId, Vec<EventRecord>>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT kind, on_date, from_status, to_status, team, worker, note, recorded_at, case_id
         FROM case_events ORDER BY case_id, id",
    )?;
    let rows = stmt.query_and_then([], |row| {
        Ok::<_, StoreError>((CaseId(row.get("case_id")?), event(row)?))
    })?;
    let mut out: HashMap<CaseId, Vec<EventRecord>> = HashMap::new();
    for row in rows {
        let (case_id, event) = row?;
        out.entry(case_id).or_default().push(event);
    }
    Ok(out)
}
