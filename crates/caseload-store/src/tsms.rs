//! `tsms`, `tsm_attendees` and `tsm_pupils`: Targeting Support Meetings, who attended, and the
//! pupils discussed. Text is stored exactly as typed (the meeting is saved on every change);
//! whether a meeting is complete is the domain's decision, not the schema's. Actions and their
//! reviews are in [`crate::tsm_actions`].

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, params};

use crate::cases::{parse_date, timestamp};
use crate::error::StoreError;
use crate::write::{Reader, Writer};
use caseload_domain::CaseId;
use caseload_domain::attendance::Tenths;
use caseload_domain::plan::Barrier;
use caseload_domain::tsm::record::RecordSnapshot;
use caseload_domain::tsm::{Attendee, DiscussionId, Term, TsmId, TsmStatus};

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

/// A pupil to add to a meeting, with their figures as they stand when added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewDiscussion {
    pub upn: Option<String>,
    pub name: String,
    pub year_group: Option<u8>,
    pub case_id: Option<CaseId>,
    pub attendance: Option<Tenths>,
    pub persistent: bool,
    pub severe: bool,
    pub has_plan: Option<bool>,
}

/// What is typed about a pupil during the meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiscussionText {
    pub name: String,
    pub barriers: Vec<Barrier>,
    pub has_plan: Option<bool>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscussionRow {
    pub id: DiscussionId,
    pub tsm_id: TsmId,
    pub upn: Option<String>,
    pub year_group: Option<u8>,
    pub case_id: Option<CaseId>,
    pub attendance: Option<Tenths>,
    pub persistent: bool,
    pub severe: bool,
    pub text: DiscussionText,
    pub chronology_id: Option<String>,
}

pub(crate) fn corrupt(reason: impl Into<String>) -> StoreError {
    StoreError::Corrupt {
        what: "TSM",
        reason: reason.into(),
    }
}

fn not_found(what: &'static str, id: impl ToString) -> StoreError {
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
    let id = uuid::Uuid::now_v7().to_string();
    w.conn.execute(
        "INSERT INTO tsms (id, school_urn, term, meeting_date, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'planned', ?5, ?5)",
        params![
            id,
            school_urn,
            term.key(),
            meeting_date.to_string(),
            timestamp(now)
        ],
    )?;
    Ok(TsmId(id))
}

const SELECT: &str = "SELECT id, school_urn, term, meeting_date, status, snapshot_pupils,
    snapshot_pa, snapshot_sa, snapshot_sa_no_plan FROM tsms";

fn tsm_row(row: &Row<'_>) -> rusqlite::Result<(TsmRawRow, Option<RecordSnapshot>)> {
    let pupils: Option<u32> = row.get(5)?;
    let snapshot = match pupils {
        Some(pupils) => Some(RecordSnapshot {
            pupils,
            persistent_absence: row.get(6)?,
            severe_absence: row.get(7)?,
            severe_without_plan: row.get(8)?,
        }),
        None => None,
    };
    Ok((
        (
            row.get(0)?,
            row.get(1)?,
            row.get(2)?,
            row.get(3)?,
            row.get(4)?,
        ),
        snapshot,
    ))
}

type TsmRawRow = (String, String, String, String, String);

fn to_tsm((raw, snapshot): (TsmRawRow, Option<RecordSnapshot>)) -> Result<TsmRow, StoreError> {
    let (id, school_urn, term, date, status) = raw;
    Ok(TsmRow {
        id: TsmId(id),
        school_urn,
        term: Term::parse(&term).map_err(|e| corrupt(e.to_string()))?,
        meeting_date: parse_date(&date)?,
        status: TsmStatus::parse(&status).ok_or_else(|| corrupt("unknown status"))?,
        snapshot,
    })
}

pub fn get(r: &Reader<'_>, id: &TsmId) -> Result<TsmRow, StoreError> {
    let mut stmt = r.conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?;
    let raw = stmt
        .query_row([id.as_str()], tsm_row)
        .optional()?
        .ok_or_else(|| not_found("meeting", id))?;
    to_tsm(raw)
}

/// The meeting already planned for this school in this term, if any.
pub fn find(r: &Reader<'_>, school_urn: &str, term: Term) -> Result<Option<TsmRow>, StoreError> {
    let mut stmt = r
        .conn
        .prepare_cached(&format!("{SELECT} WHERE school_urn = ?1 AND term = ?2"))?;
    stmt.query_row(params![school_urn, term.key()], tsm_row)
        .optional()?
        .map(to_tsm)
        .transpose()
}

/// Every meeting, latest first.
pub fn list(r: &Reader<'_>) -> Result<Vec<TsmRow>, StoreError> {
    let mut stmt = r.conn.prepare_cached(&format!(
        "{SELECT} ORDER BY meeting_date DESC, created_at DESC"
    ))?;
    let rows = stmt.query_map([], tsm_row)?;
    rows.map(|row| to_tsm(row?)).collect()
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

pub fn attendees(r: &Reader<'_>, id: &TsmId) -> Result<Vec<Attendee>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT name, role, organisation FROM tsm_attendees WHERE tsm_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([id.as_str()], |row| {
        Ok(Attendee {
            name: row.get(0)?,
            role: row.get(1)?,
            organisation: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| corrupt(e.to_string()))
}

pub fn add_discussion(
    w: &Writer<'_>,
    tsm_id: &TsmId,
    d: &NewDiscussion,
    now: DateTime<Utc>,
) -> Result<DiscussionId, StoreError> {
    w.conn.execute(
        "INSERT INTO tsm_pupils (tsm_id, position, upn, name, year_group, case_id, attendance_tenths,
            persistent, severe, has_plan, created_at, updated_at)
         VALUES (?1, (SELECT COALESCE(MAX(position), -1) + 1 FROM tsm_pupils WHERE tsm_id = ?1),
            ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            tsm_id.as_str(),
            d.upn,
            d.name,
            d.year_group,
            d.case_id.as_ref().map(CaseId::as_str),
            d.attendance.map(|t| t.0),
            d.persistent,
            d.severe,
            d.has_plan,
            timestamp(now)
        ],
    )?;
    Ok(DiscussionId(w.conn.last_insert_rowid()))
}

pub fn update_discussion(
    w: &Writer<'_>,
    id: DiscussionId,
    text: &DiscussionText,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let n = w.conn.execute(
        "UPDATE tsm_pupils SET name = ?2, barriers = ?3, has_plan = ?4, notes = ?5, updated_at = ?6 WHERE id = ?1",
        params![id.0, text.name, to_json(&text.barriers)?, text.has_plan, text.notes, timestamp(now)],
    )?;
    if n == 0 {
        return Err(not_found("pupil discussed", id.0));
    }
    Ok(())
}

/// Links the discussion to the case it became (or already was).
pub fn set_discussion_case(
    w: &Writer<'_>,
    id: DiscussionId,
    case_id: &CaseId,
) -> Result<(), StoreError> {
    w.conn.execute(
        "UPDATE tsm_pupils SET case_id = ?2 WHERE id = ?1",
        params![id.0, case_id.as_str()],
    )?;
    Ok(())
}

/// Records the chronology entry written for this discussion, so it is written only once.
pub fn set_discussion_chronology(
    w: &Writer<'_>,
    id: DiscussionId,
    entry_id: &str,
) -> Result<(), StoreError> {
    w.conn.execute(
        "UPDATE tsm_pupils SET chronology_id = ?2 WHERE id = ?1 AND chronology_id IS NULL",
        params![id.0, entry_id],
    )?;
    Ok(())
}

/// Removes a discussion and its actions (the caller has checked none has been reviewed).
pub fn remove_discussion(w: &Writer<'_>, id: DiscussionId) -> Result<(), StoreError> {
    w.conn
        .execute("DELETE FROM tsm_actions WHERE tsm_pupil_id = ?1", [id.0])?;
    w.conn
        .execute("DELETE FROM tsm_pupils WHERE id = ?1", [id.0])?;
    Ok(())
}

const SELECT_DISCUSSION: &str =
    "SELECT id, tsm_id, upn, name, year_group, case_id, attendance_tenths,
    persistent, severe, barriers, has_plan, notes, chronology_id FROM tsm_pupils";

type DiscussionRaw = (
    (
        i64,
        String,
        Option<String>,
        String,
        Option<u8>,
        Option<String>,
    ),
    (
        Option<u16>,
        bool,
        bool,
        String,
        Option<bool>,
        String,
        Option<String>,
    ),
);

fn discussion_raw(row: &Row<'_>) -> rusqlite::Result<DiscussionRaw> {
    Ok((
        (
            row.get(0)?,
            row.get(1)?,
            row.get(2)?,
            row.get(3)?,
            row.get(4)?,
            row.get(5)?,
        ),
        (
            row.get(6)?,
            row.get(7)?,
            row.get(8)?,
            row.get(9)?,
            row.get(10)?,
            row.get(11)?,
            row.get(12)?,
        ),
    ))
}

fn discussion((a, b): DiscussionRaw) -> Result<DiscussionRow, StoreError> {
    let (id, tsm_id, upn, name, year_group, case_id) = a;
    let (attendance, persistent, severe, barriers, has_plan, notes, chronology_id) = b;
    Ok(DiscussionRow {
        id: DiscussionId(id),
        tsm_id: TsmId(tsm_id),
        upn,
        year_group,
        case_id: case_id.map(CaseId),
        attendance: attendance.map(Tenths),
        persistent,
        severe,
        text: DiscussionText {
            name,
            barriers: serde_json::from_str(&barriers).map_err(|e| corrupt(e.to_string()))?,
            has_plan,
            notes,
        },
        chronology_id,
    })
}

pub fn discussions(r: &Reader<'_>, tsm_id: &TsmId) -> Result<Vec<DiscussionRow>, StoreError> {
    let mut stmt = r.conn.prepare_cached(&format!(
        "{SELECT_DISCUSSION} WHERE tsm_id = ?1 ORDER BY position"
    ))?;
    let rows = stmt.query_map([tsm_id.as_str()], discussion_raw)?;
    rows.map(|row| discussion(row?)).collect()
}

pub fn get_discussion(r: &Reader<'_>, id: DiscussionId) -> Result<DiscussionRow, StoreError> {
    let mut stmt = r
        .conn
        .prepare_cached(&format!("{SELECT_DISCUSSION} WHERE id = ?1"))?;
    let raw = stmt
        .query_row([id.0], discussion_raw)
        .optional()?
        .ok_or_else(|| not_found("pupil discussed", id.0))?;
    discussion(raw)
}
