//! `tsm_pupils`: the pupils discussed at a Targeting Support Meeting, with their figures when
//! added and what is typed about them (kept exactly as typed). Re-exported by [`crate::tsms`],
//! the meeting aggregate.

use chrono::{DateTime, Utc};
use rusqlite::{Row, params};

use crate::columns::timestamp;
use crate::error::StoreError;
use crate::tsms::{WHAT, not_found};
use crate::write::{Reader, Writer};
use caseload_domain::attendance::Tenths;
use caseload_domain::plan::Barrier;
use caseload_domain::tsm::{DiscussionId, TsmId};
use caseload_domain::{CaseId, ChronologyEntryId};

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
    pub chronology_id: Option<ChronologyEntryId>,
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::corrupt(WHAT, e.to_string()))
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
        params![id.get(), text.name, to_json(&text.barriers)?, text.has_plan, text.notes, timestamp(now)],
    )?;
    if n == 0 {
        return Err(not_found("pupil discussed", id.get()));
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
        params![id.get(), case_id.as_str()],
    )?;
    Ok(())
}

/// Records the chronology entry written for this discussion, so it is written only once.
pub fn set_discussion_chronology(
    w: &Writer<'_>,
    id: DiscussionId,
    entry_id: &ChronologyEntryId,
) -> Result<(), StoreError> {
    w.conn.execute(
        "UPDATE tsm_pupils SET chronology_id = ?2 WHERE id = ?1 AND chronology_id IS NULL",
        params![id.get(), entry_id.as_str()],
    )?;
    Ok(())
}

/// Removes a discussion and its actions (the caller has checked none has been reviewed).
pub fn remove_discussion(w: &Writer<'_>, id: DiscussionId) -> Result<(), StoreError> {
    w.conn.execute(
        "DELETE FROM tsm_actions WHERE tsm_pupil_id = ?1",
        [id.get()],
    )?;
    w.conn
        .execute("DELETE FROM tsm_pupils WHERE id = ?1", [id.get()])?;
    Ok(())
}

const SELECT_DISCUSSION: &str =
    "SELECT id, tsm_id, upn, name, year_group, case_id, attendance_tenths,
    persistent, severe, barriers, has_plan, notes, chronology_id FROM tsm_pupils";

fn discussion(row: &Row<'_>) -> Result<DiscussionRow, StoreError> {
    Ok(DiscussionRow {
        id: DiscussionId(row.get("id")?),
        tsm_id: TsmId(row.get("tsm_id")?),
        upn: row.get("upn")?,
        year_group: row.get("year_group")?,
        case_id: row.get::<_, Option<String>>("case_id")?.map(CaseId),
        attendance: row.get::<_, Option<u16>>("attendance_tenths")?.map(Tenths),
        persistent: row.get("persistent")?,
        severe: row.get("severe")?,
        text: DiscussionText {
            name: row.get("name")?,
            barriers: serde_json::from_str(&row.get::<_, String>("barriers")?)
                .map_err(|e| StoreError::corrupt(WHAT, e.to_string()))?,
            has_plan: row.get("has_plan")?,
            notes: row.get("notes")?,
        },
        chronology_id: row
            .get::<_, Option<String>>("chronology_id")?
            .map(ChronologyEntryId),
    })
}

pub fn discussions(r: &Reader<'_>, tsm_id: &TsmId) -> Result<Vec<DiscussionRow>, StoreError> {
    let mut stmt = r.conn.prepare_cached(&format!(
        "{SELECT_DISCUSSION} WHERE tsm_id = ?1 ORDER BY position"
    ))?;
    stmt.query_and_then([tsm_id.as_str()], discussion)?
        .collect()
}

pub fn get_discussion(r: &Reader<'_>, id: DiscussionId) -> Result<DiscussionRow, StoreError> {
    let mut stmt = r
        .conn
        .prepare_cached(&format!("{SELECT_DISCUSSION} WHERE id = ?1"))?;
    stmt.query_and_then([id.get()], discussion)?
        .next()
        .transpose()?
        .ok_or_else(|| not_found("pupil discussed", id.get()))
}
