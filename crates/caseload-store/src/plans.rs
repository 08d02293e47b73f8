//! `plans` and `plan_actions`: a case's plan (one row, replaced when revised) and its actions.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

use crate::cases::{parse_date, timestamp};
use crate::error::StoreError;
use crate::write::{Reader, Writer};
use caseload_domain::CaseId;
use caseload_domain::attendance::Tenths;
use caseload_domain::plan::{ActionStatus, Barrier, NewAction, Plan, SmartTarget};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRecord {
    pub id: String,
    pub what: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub status: ActionStatus,
    pub status_on: Option<NaiveDate>,
}

fn corrupt(reason: impl Into<String>) -> StoreError {
    StoreError::Corrupt {
        what: "plan",
        reason: reason.into(),
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| corrupt(e.to_string()))
}

pub fn set(
    w: &Writer<'_>,
    case_id: &CaseId,
    plan: &Plan,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    w.conn.execute(
        "INSERT INTO plans (case_id, barriers, other_barriers, target_tenths, target_by, interventions, review_dates, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT(case_id) DO UPDATE SET barriers = excluded.barriers, other_barriers = excluded.other_barriers,
            target_tenths = excluded.target_tenths, target_by = excluded.target_by,
            interventions = excluded.interventions, review_dates = excluded.review_dates, updated_at = excluded.updated_at",
        params![
            case_id.as_str(),
            to_json(&plan.barriers)?,
            plan.other_barriers,
            plan.target.map(|t| t.target.0),
            plan.target.map(|t| t.by.to_string()),
            plan.interventions,
            to_json(&plan.review_dates)?,
            timestamp(now)
        ],
    )?;
    Ok(())
}

/// The case's plan; an empty plan if none has been written yet.
pub fn get(r: &Reader<'_>, case_id: &CaseId) -> Result<Plan, StoreError> {
    let row = r
        .conn
        .query_row(
            "SELECT barriers, other_barriers, target_tenths, target_by, interventions, review_dates FROM plans WHERE case_id = ?1",
            [case_id.as_str()],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, Option<String>>(1)?,
                    row.get::<_, Option<u16>>(2)?,
                    row.get::<_, Option<String>>(3)?,
                    row.get::<_, Option<String>>(4)?,
                    row.get::<_, String>(5)?,
                ))
            },
        )
        .optional()?;
    let Some((barriers, other_barriers, target, by, interventions, reviews)) = row else {
        return Ok(Plan::default());
    };
    let barriers: Vec<Barrier> =
        serde_json::from_str(&barriers).map_err(|e| corrupt(e.to_string()))?;
    let review_dates: Vec<NaiveDate> =
        serde_json::from_str(&reviews).map_err(|e| corrupt(e.to_string()))?;
    let target = match (target, by) {
        (Some(t), Some(by)) => Some(SmartTarget {
            target: Tenths(t),
            by: parse_date(&by)?,
        }),
        _ => None,
    };
    Ok(Plan {
        barriers,
        other_barriers,
        target,
        interventions,
        review_dates,
    })
}

pub fn add_action(
    w: &Writer<'_>,
    case_id: &CaseId,
    action: &NewAction,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    let id = uuid::Uuid::now_v7().to_string();
    let at = timestamp(now);
    w.conn.execute(
        "INSERT INTO plan_actions (id, case_id, what, owner, due_on, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?6)",
        params![id, case_id.as_str(), action.what, action.owner, action.due_on.to_string(), at],
    )?;
    Ok(id)
}

/// Sets an action's status as of `on`. Returns false if the case has no such action.
pub fn set_action_status(
    w: &Writer<'_>,
    case_id: &CaseId,
    action_id: &str,
    status: ActionStatus,
    on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let changed = w.conn.execute(
        "UPDATE plan_actions SET status = ?3, status_on = ?4, updated_at = ?5 WHERE id = ?2 AND case_id = ?1",
        params![case_id.as_str(), action_id, status.as_str(), on.to_string(), timestamp(now)],
    )?;
    Ok(changed == 1)
}

type RawAction = (
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
);

fn raw(row: &rusqlite::Row<'_>) -> rusqlite::Result<RawAction> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
    ))
}

fn action(
    (_, id, what, owner, due_on, status, status_on): RawAction,
) -> Result<ActionRecord, StoreError> {
    Ok(ActionRecord {
        id,
        what,
        owner,
        due_on: parse_date(&due_on)?,
        status: ActionStatus::parse(&status).ok_or_else(|| corrupt("unknown action status"))?,
        status_on: status_on.as_deref().map(parse_date).transpose()?,
    })
}

/// The case's actions, soonest due first.
pub fn actions(r: &Reader<'_>, case_id: &CaseId) -> Result<Vec<ActionRecord>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT case_id, id, what, owner, due_on, status, status_on FROM plan_actions WHERE case_id = ?1 ORDER BY due_on, created_at",
    )?;
    let rows = stmt.query_map([case_id.as_str()], raw)?;
    rows.map(|row| action(row?)).collect()
}

/// What can fall due on one case besides its review cycle.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DueSources {
    /// Open actions: due date and what is to be done.
    pub open_actions: Vec<(NaiveDate, String)>,
    pub review_dates: Vec<NaiveDate>,
}

/// Every case's open actions and plan review dates, for the dashboard's next due items.
pub fn due_sources(r: &Reader<'_>) -> Result<HashMap<String, DueSources>, StoreError> {
    let mut out: HashMap<String, DueSources> = HashMap::new();
    let mut stmt = r.conn.prepare_cached(
        "SELECT case_id, id, what, owner, due_on, status, status_on FROM plan_actions WHERE status = 'open' ORDER BY due_on",
    )?;
    for row in stmt.query_map([], raw)? {
        let row = row?;
        let case_id = row.0.clone();
        let a = action(row)?;
        out.entry(case_id)
            .or_default()
            .open_actions
            .push((a.due_on, a.what));
    }
    let mut stmt = r
        .conn
        .prepare_cached("SELECT case_id, review_dates FROM plans WHERE review_dates != '[]'")?;
    for row in stmt.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })? {
        let (case_id, reviews) = row?;
        let dates: Vec<NaiveDate> =
            serde_json::from_str(&reviews).map_err(|e| corrupt(e.to_string()))?;
        out.entry(case_id).or_default().review_dates.extend(dates);
    }
    Ok(out)
}

/// The cases that have a plan written (a SMART target or barriers recorded), for the TSM
/// preparation pack's "severely absent without a plan" flag.
pub fn cases_with_plan(r: &Reader<'_>) -> Result<std::collections::HashSet<String>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT case_id FROM plans WHERE target_tenths IS NOT NULL OR barriers != '[]'",
    )?;
    let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
