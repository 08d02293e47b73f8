//! `tsm_actions` and `tsm_action_reviews`: actions agreed at Targeting Support Meetings and
//! what later reviews found of them. Reviews are append-only (the schema refuses UPDATE and
//! DELETE); an action's status is its latest review, and it is open while it has none or the
//! latest says carried.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Row, params};

use crate::columns::{optional_date, parse_date, timestamp};
use crate::error::StoreError;
use crate::tsms::WHAT;
use crate::write::{Reader, Writer};
use caseload_domain::tsm::{DiscussionId, OwnerAgency, ReviewOutcome, TsmActionId, TsmId};

/// An action's fields as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionFields {
    pub what: String,
    pub owner_agency: OwnerAgency,
    pub owner_person: String,
    pub lead_practitioner: String,
    pub due_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Review {
    pub outcome: ReviewOutcome,
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRow {
    pub id: TsmActionId,
    pub tsm_id: TsmId,
    pub discussion: Option<DiscussionId>,
    pub fields: ActionFields,
    /// The latest review, if any.
    pub latest: Option<Review>,
    /// Has any review been recorded (so the action can no longer be removed)?
    pub reviewed: bool,
}

impl ActionRow {
    pub fn is_open(&self) -> bool {
        ReviewOutcome::leaves_open(self.latest.map(|r| r.outcome))
    }
}

/// Adds an empty action (its fields are typed next), last in its meeting.
pub fn add(
    w: &Writer<'_>,
    tsm_id: &TsmId,
    discussion: Option<DiscussionId>,
    owner_agency: OwnerAgency,
    now: DateTime<Utc>,
) -> Result<TsmActionId, StoreError> {
    w.conn.execute(
        "INSERT INTO tsm_actions (tsm_id, tsm_pupil_id, position, owner_agency, created_at, updated_at)
         VALUES (?1, ?2, (SELECT COALESCE(MAX(position), -1) + 1 FROM tsm_actions WHERE tsm_id = ?1), ?3, ?4, ?4)",
        params![tsm_id.as_str(), discussion.map(DiscussionId::get), owner_agency.as_str(), timestamp(now)],
    )?;
    Ok(TsmActionId(w.conn.last_insert_rowid()))
}

pub fn update(
    w: &Writer<'_>,
    id: TsmActionId,
    f: &ActionFields,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let n = w.conn.execute(
        "UPDATE tsm_actions SET what = ?2, owner_agency = ?3, owner_person = ?4, lead_practitioner = ?5,
            due_on = ?6, updated_at = ?7 WHERE id = ?1",
        params![
            id.get(),
            f.what,
            f.owner_agency.as_str(),
            f.owner_person,
            f.lead_practitioner,
            f.due_on.map(|d| d.to_string()),
            timestamp(now)
        ],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound {
            what: "action",
            id: id.to_string(),
        });
    }
    Ok(())
}

/// Removes an action that has never been reviewed (the caller checks).
pub fn remove(w: &Writer<'_>, id: TsmActionId) -> Result<(), StoreError> {
    w.conn
        .execute("DELETE FROM tsm_actions WHERE id = ?1", [id.get()])?;
    Ok(())
}

pub fn review(
    w: &Writer<'_>,
    id: TsmActionId,
    at_meeting: Option<&TsmId>,
    review: Review,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    w.conn.execute(
        "INSERT INTO tsm_action_reviews (action_id, tsm_id, outcome, on_date, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            id.get(),
            at_meeting.map(TsmId::as_str),
            review.outcome.as_str(),
            review.on.to_string(),
            timestamp(now)
        ],
    )?;
    Ok(())
}

/// An action with its latest review (if any); every column named, as the meetings and pupils
/// joined onto it by some queries have their own `id`, `tsm_id` and `upn`.
const SELECT: &str = "SELECT a.id AS id, a.tsm_id AS tsm_id, a.tsm_pupil_id AS tsm_pupil_id,
    a.what AS what, a.owner_agency AS owner_agency, a.owner_person AS owner_person,
    a.lead_practitioner AS lead_practitioner, a.due_on AS due_on,
    r.outcome AS latest_outcome, r.on_date AS latest_on,
    EXISTS (SELECT 1 FROM tsm_action_reviews x WHERE x.action_id = a.id) AS reviewed
    FROM tsm_actions a
    LEFT JOIN tsm_action_reviews r ON r.id = (SELECT MAX(id) FROM tsm_action_reviews WHERE action_id = a.id)";

/// A stored review's outcome and date.
fn parse_review(outcome: &str, on: &str) -> Result<Review, StoreError> {
    Ok(Review {
        outcome: ReviewOutcome::parse(outcome)
            .ok_or_else(|| StoreError::corrupt(WHAT, "unknown review outcome"))?,
        on: parse_date(WHAT, on)?,
    })
}

/// A row of `tsm_action_reviews` (its `outcome` and `on_date`).
fn review_row(row: &Row<'_>) -> Result<Review, StoreError> {
    parse_review(
        &row.get::<_, String>("outcome")?,
        &row.get::<_, String>("on_date")?,
    )
}

/// A row of [`SELECT`] as an action.
fn action(row: &Row<'_>) -> Result<ActionRow, StoreError> {
    let latest = match (
        row.get::<_, Option<String>>("latest_outcome")?,
        row.get::<_, Option<String>>("latest_on")?,
    ) {
        (Some(outcome), Some(on)) => Some(parse_review(&outcome, &on)?),
        _ => None,
    };
    Ok(ActionRow {
        id: TsmActionId(row.get("id")?),
        tsm_id: TsmId(row.get("tsm_id")?),
        discussion: row.get::<_, Option<i64>>("tsm_pupil_id")?.map(DiscussionId),
        fields: ActionFields {
            what: row.get("what")?,
            owner_agency: OwnerAgency::parse(&row.get::<_, String>("owner_agency")?)
                .ok_or_else(|| StoreError::corrupt(WHAT, "unknown agency"))?,
            owner_person: row.get("owner_person")?,
            lead_practitioner: row.get("lead_practitioner")?,
            due_on: optional_date(row, "due_on", WHAT)?,
        },
        latest,
        reviewed: row.get("reviewed")?,
    })
}

pub fn get(r: &Reader<'_>, id: TsmActionId) -> Result<ActionRow, StoreError> {
    let mut stmt = r
        .conn
        .prepare_cached(&format!("{SELECT} WHERE a.id = ?1"))?;
    stmt.query_and_then([id.get()], action)?
        .next()
        .transpose()?
        .ok_or_else(|| StoreError::NotFound {
            what: "action",
            id: id.to_string(),
        })
}

/// The actions agreed at one meeting, in the order they were added.
pub fn of_meeting(r: &Reader<'_>, tsm_id: &TsmId) -> Result<Vec<ActionRow>, StoreError> {
    let mut stmt = r
        .conn
        .prepare_cached(&format!("{SELECT} WHERE a.tsm_id = ?1 ORDER BY a.position"))?;
    stmt.query_and_then([tsm_id.as_str()], action)?.collect()
}

/// What the next meeting must go through: actions agreed at this school's earlier meetings
/// (held before `before`) that are still open, or that were reviewed at meeting `at`.
pub fn carried_into(
    r: &Reader<'_>,
    school_urn: &str,
    before: NaiveDate,
    at: &TsmId,
) -> Result<Vec<ActionRow>, StoreError> {
    let mut stmt = r.conn.prepare_cached(&format!(
        "{SELECT} JOIN tsms t ON t.id = a.tsm_id
         WHERE t.school_urn = ?1 AND t.id != ?3 AND t.meeting_date < ?2
           AND (r.outcome IS NULL OR r.outcome = 'carried'
                OR EXISTS (SELECT 1 FROM tsm_action_reviews y WHERE y.action_id = a.id AND y.tsm_id = ?3))
         ORDER BY t.meeting_date, a.position"
    ))?;
    stmt.query_and_then(params![school_urn, before.to_string(), at.as_str()], action)?
        .collect()
}

/// The review recorded for an action at a given meeting, if any (the latest one there).
pub fn review_at(
    r: &Reader<'_>,
    id: TsmActionId,
    at: &TsmId,
) -> Result<Option<Review>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT outcome, on_date FROM tsm_action_reviews WHERE action_id = ?1 AND tsm_id = ?2 ORDER BY id DESC LIMIT 1",
    )?;
    stmt.query_and_then(params![id.get(), at.as_str()], review_row)?
        .next()
        .transpose()
}

/// Every open action with a due date, soonest first, for the worker's due list.
pub fn open_with_due_date(r: &Reader<'_>) -> Result<Vec<ActionRow>, StoreError> {
    let mut stmt = r.conn.prepare_cached(&format!(
        "{SELECT} WHERE a.due_on IS NOT NULL AND (r.outcome IS NULL OR r.outcome = 'carried')
         ORDER BY a.due_on, a.id"
    ))?;
    stmt.query_and_then([], action)?.collect()
}

/// Every review of an action, oldest first.
pub fn reviews(r: &Reader<'_>, id: TsmActionId) -> Result<Vec<Review>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT outcome, on_date FROM tsm_action_reviews WHERE action_id = ?1 ORDER BY id",
    )?;
    stmt.query_and_then([id.get()], review_row)?.collect()
}

/// The actions agreed for one pupil at any meeting (the pupil discussed was linked to the
/// case, or had the pupil's UPN), with the meeting's id, in meeting order.
pub fn for_pupil(
    r: &Reader<'_>,
    case_id: &caseload_domain::CaseId,
    upn: &str,
) -> Result<Vec<ActionRow>, StoreError> {
    let mut stmt = r.conn.prepare_cached(&format!(
        "{SELECT} JOIN tsm_pupils p ON p.id = a.tsm_pupil_id JOIN tsms t ON t.id = a.tsm_id
         WHERE p.case_id = ?1 OR p.upn = ?2
         ORDER BY t.meeting_date, a.position"
    ))?;
    stmt.query_and_then(params![case_id.as_str(), upn], action)?
        .collect()
}
