//! `tsm_actions` and `tsm_action_reviews`: actions agreed at Targeting Support Meetings and
//! what later reviews found of them. Reviews are append-only (the schema refuses UPDATE and
//! DELETE); an action's status is its latest review, and it is open while it has none or the
//! latest says carried.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, params};

use crate::cases::{parse_date, timestamp};
use crate::error::StoreError;
use crate::tsms::corrupt;
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
        params![tsm_id.as_str(), discussion.map(|d| d.0), owner_agency.as_str(), timestamp(now)],
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
            id.0,
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
            id: id.0.to_string(),
        });
    }
    Ok(())
}

/// Removes an action that has never been reviewed (the caller checks).
pub fn remove(w: &Writer<'_>, id: TsmActionId) -> Result<(), StoreError> {
    w.conn
        .execute("DELETE FROM tsm_actions WHERE id = ?1", [id.0])?;
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
            id.0,
            at_meeting.map(TsmId::as_str),
            review.outcome.as_str(),
            review.on.to_string(),
            timestamp(now)
        ],
    )?;
    Ok(())
}

const SELECT: &str = "SELECT a.id, a.tsm_id, a.tsm_pupil_id, a.what, a.owner_agency, a.owner_person,
    a.lead_practitioner, a.due_on, r.outcome, r.on_date,
    EXISTS (SELECT 1 FROM tsm_action_reviews x WHERE x.action_id = a.id)
    FROM tsm_actions a
    LEFT JOIN tsm_action_reviews r ON r.id = (SELECT MAX(id) FROM tsm_action_reviews WHERE action_id = a.id)";

type Raw = (
    (i64, String, Option<i64>, String, String, String, String),
    (Option<String>, Option<String>, Option<String>, bool),
);

fn raw(row: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        (
            row.get(0)?,
            row.get(1)?,
            row.get(2)?,
            row.get(3)?,
            row.get(4)?,
            row.get(5)?,
            row.get(6)?,
        ),
        (row.get(7)?, row.get(8)?, row.get(9)?, row.get(10)?),
    ))
}

fn action((a, b): Raw) -> Result<ActionRow, StoreError> {
    let (id, tsm_id, discussion, what, agency, person, lead) = a;
    let (due_on, outcome, on, reviewed) = b;
    let latest = match (outcome, on) {
        (Some(o), Some(on)) => Some(Review {
            outcome: ReviewOutcome::parse(&o).ok_or_else(|| corrupt("unknown review outcome"))?,
            on: parse_date(&on)?,
        }),
        _ => None,
    };
    Ok(ActionRow {
        id: TsmActionId(id),
        tsm_id: TsmId(tsm_id),
        discussion: discussion.map(DiscussionId),
        fields: ActionFields {
            what,
            owner_agency: OwnerAgency::parse(&agency).ok_or_else(|| corrupt("unknown agency"))?,
            owner_person: person,
            lead_practitioner: lead,
            due_on: due_on.as_deref().map(parse_date).transpose()?,
        },
        latest,
        reviewed,
    })
}

pub fn get(r: &Reader<'_>, id: TsmActionId) -> Result<ActionRow, StoreError> {
    let mut stmt = r
        .conn
        .prepare_cached(&format!("{SELECT} WHERE a.id = ?1"))?;
    let row = stmt
        .query_row([id.0], raw)
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            what: "action",
            id: id.0.to_string(),
        })?;
    action(row)
}

/// The actions agreed at one meeting, in the order they were added.
pub fn of_meeting(r: &Reader<'_>, tsm_id: &TsmId) -> Result<Vec<ActionRow>, StoreError> {
    let mut stmt = r
        .conn
        .prepare_cached(&format!("{SELECT} WHERE a.tsm_id = ?1 ORDER BY a.position"))?;
    let rows = stmt.query_map([tsm_id.as_str()], raw)?;
    rows.map(|row| action(row?)).collect()
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
    let rows = stmt.query_map(params![school_urn, before.to_string(), at.as_str()], raw)?;
    rows.map(|row| action(row?)).collect()
}

/// The review recorded for an action at a given meeting, if any (the latest one there).
pub fn review_at(
    r: &Reader<'_>,
    id: TsmActionId,
    at: &TsmId,
) -> Result<Option<Review>, StoreError> {
    let found: Option<(String, String)> = r
        .conn
        .query_row(
            "SELECT outcome, on_date FROM tsm_action_reviews WHERE action_id = ?1 AND tsm_id = ?2 ORDER BY id DESC LIMIT 1",
            params![id.0, at.as_str()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    found
        .map(|(o, on)| {
            Ok(Review {
                outcome: ReviewOutcome::parse(&o)
                    .ok_or_else(|| corrupt("unknown review outcome"))?,
                on: parse_date(&on)?,
            })
        })
        .transpose()
}

/// Every open action with a due date, soonest first, for the worker's due list.
pub fn open_with_due_date(r: &Reader<'_>) -> Result<Vec<ActionRow>, StoreError> {
    let mut stmt = r.conn.prepare_cached(&format!(
        "{SELECT} WHERE a.due_on IS NOT NULL AND (r.outcome IS NULL OR r.outcome = 'carried')
         ORDER BY a.due_on, a.id"
    ))?;
    let rows = stmt.query_map([], raw)?;
    rows.map(|row| action(row?)).collect()
}

/// Every review of an action, oldest first.
pub fn reviews(r: &Reader<'_>, id: TsmActionId) -> Result<Vec<Review>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT outcome, on_date FROM tsm_action_reviews WHERE action_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id.0], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    rows.map(|row| {
        let (o, on) = row?;
        Ok(Review {
            outcome: ReviewOutcome::parse(&o).ok_or_else(|| corrupt("unknown review outcome"))?,
            on: parse_date(&on)?,
        })
    })
    .collect()
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
    let rows = stmt.query_map(params![case_id.as_str(), upn], raw)?;
    rows.map(|row| action(row?)).collect()
}
