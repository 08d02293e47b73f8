//! `tsms`, `tsm_attendees` and `tsm_pupils`: Targeting Support Meetings, who attended, and the
//! pupils discussed. Text is stored exactly as typed (the meeting is saved on every change);
//! whether a meeting is complete is the domain's decision, not the schema's. The pupils
//! discussed are in [`crate::tsm_pupils`] (re-exported here); actions and their reviews in
//! [`crate::tsm_actions`].

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Row, params};

use crate::columns::{date, new_id, timestamp};
use crate::error::StoreError;
use crate::write::{Reader, Writer};
use caseload_domain::tsm::record::RecordSnapshot;
use caseload_domain::tsm::{Attendee, Term, TsmId, TsmStatus};

pub use crate::tsm_pupils::{
    DiscussionRow, DiscussionText, NewDiscussion, add_discussion, discussions, get_discussion,
    remove_discussion, set_discussion_case, set_discussion_chronology, update_discussion,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TsmRow {
    pub id: TsmId,
    pub school_urn: String,
    pub term: Term,
    pub meeting_date: NaiveDate,
    pub status: TsmStatus,
    /// The school's data at finish; `None` until the meeting is finished.
    pub snapshot: Option<RecordSnapshot>,
}

pub(crate) const WHAT: &str = "TSM";

pub(crate) fn not_found(what: &'static str, id: impl ToString) -> StoreError {
    StoreError::NotFound {
        what,
        id: id.to_string(),
    }
}

/// Plans a meeting. The caller has checked the school is linked and the term is free.
pub fn plan(
    w: &Writer<'_>,
    school_urn: &str,
    term: Term,
    meeting_date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<TsmId, StoreError> {
    let id: TsmId = new_id();
    w.conn.execute(
        "INSERT INTO tsms (id, school_urn, term, meeting_date, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'planned', ?5, ?5)",
        params![
            id.as_str(),
            school_urn,
            term.key(),
            meeting_date.to_string(),
            timestamp(now)
        ],
    )?;
    Ok(id)
}

const SELECT: &str = "SELECT id, school_urn, term, meeting_date, status, snapshot_pupils,
    snapshot_pa, snapshot_sa, snapshot_sa_no_plan FROM tsms";

fn tsm_row(row: &Row<'_>) -> Result<TsmRow, StoreError> {
    let snapshot = match row.get::<_, Option<u32>>("snapshot_pupils")? {
        Some(pupils) => Some(RecordSnapshot {
            pupils,
            persistent_absence: row.get("snapshot_pa")?,
            severe_absence: row.get("snapshot_sa")?,
            severe_without_plan: row.get("snapshot_sa_no_plan")?,
        }),
        None => None,
    };
    Ok(TsmRow {
        id: TsmId(row.get("id")?),
        school_urn: row.get("school_urn")?,
        term: Term::parse(&row.get::<_, String>("term")?)
            .map_err(|e| StoreError::corrupt(WHAT, e.to_string()))?,
        meeting_date: date(row, "meeting_date", WHAT)?,
        status: TsmStatus::parse(&row.get::<_, String>("status")?)
            .ok_or_else(|| StoreError::corrupt(WHAT, "unknown status"))?,
        snapshot,
    })
}

pub fn get(r: &Reader<'_>, id: &TsmId) -> Result<TsmRow, StoreError> {
    let mut stmt = r.conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?;
    stmt.query_and_then([id.as_str()], tsm_row)?
        .next()
        .transpose()?
        .ok_or_else(|| not_found("meeting", id))
}

/// The meeting already planned for this school in this term, if any.
pub fn find(r: &Reader<'_>, school_urn: &str, term: Term) -> Result<Option<TsmRow>, StoreError> {
    let mut stmt = r
        .conn
        .prepare_cached(&format!("{SELECT} WHERE school_urn = ?1 AND term = ?2"))?;
    stmt.query_and_then(params![school_urn, term.key()], tsm_row)?
        .next()
        .transpose()
}

/// Every meeting, latest first.
pub fn list(r: &Reader<'_>) -> Result<Vec<TsmRow>, StoreError> {
    let mut stmt = r.conn.prepare_cached(&format!(
        "{SELECT} ORDER BY meeting_date DESC, created_at DESC"
    ))?;
    stmt.query_and_then([], tsm_row)?.collect()
}

pub fn set_date(
    w: &Writer<'_>,
    id: &TsmId,
    date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let n = w.conn.execute(
        "UPDATE tsms SET meeting_date = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.as_str(), date.to_string(), timestamp(now)],
    )?;
    if n == 0 {
        return Err(not_found("meeting", id));
    }
    Ok(())
}

pub fn finish(
    w: &Writer<'_>,
    id: &TsmId,
    snapshot: &RecordSnapshot,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    w.conn.execute(
        "UPDATE tsms SET status = 'finished', snapshot_pupils = ?2, snapshot_pa = ?3, snapshot_sa = ?4,
            snapshot_sa_no_plan = ?5, finished_at = ?6, updated_at = ?6 WHERE id = ?1",
        params![
            id.as_str(),
            snapshot.pupils,
            snapshot.persistent_absence,
            snapshot.severe_absence,
            snapshot.severe_without_plan,
            timestamp(now)
        ],
    )?;
    Ok(())
}

/// Replaces the attendee list with the one typed (in order).
pub fn set_attendees(w: &Writer<'_>, id: &TsmId, attendees: &[Attendee]) -> Result<(), StoreError> {
    w.conn
        .execute("DELETE FROM tsm_attendees WHERE tsm_id = ?1", [id.as_str()])?;
    let mut stmt = w.conn.prepare_cached(
        "INSERT INTO tsm_attendees (tsm_id, position, name, role, organisation) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, a) in attendees.iter().enumerate() {
        stmt.execute(params![
            id.as_str(),
            i as i64,
            a.name,
            a.role,
            a.organisation
        ])?;
    }
    Ok(())
}

fn attendee(row: &Row<'_>) -> Result<Attendee, StoreError> {
    Ok(Attendee {
        name: row.get("name")?,
        role: row.get("role")?,
        organisation: row.get("organisation")?,
    })
}

pub fn attendees(r: &Reader<'_>, id: &TsmId) -> Result<Vec<Attendee>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT name, role, organisation FROM tsm_attendees WHERE tsm_id = ?1 ORDER BY position",
    )?;
    stmt.query_and_then([id.as_str()], attendee)?.collect()
}
