//! `plans` and `plan_actions`: a case's plan (one row, replaced when revised) and its actions.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Row, params};

use crate::columns::{date, new_id, optional_date, parse_date, timestamp};
use crate::error::StoreError;
use crate::write::{Reader, Writer};
use caseload_domain::attendance::Tenths;
use caseload_domain::plan::{ActionStatus, Barrier, NewAction, Plan, SmartTarget};
use caseload_domain::{CaseId, PlanActionId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRecord {
    pub id: PlanActionId,
    pub what: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub status: ActionStatus,
    pub status_on: Option<NaiveDate>,
}

const WHAT: &str = "plan";

fn from_json<T: serde::de::DeserializeOwned>(value: &str) -> Result<T, StoreError> {
    serde_json::from_str(value).map_err(|e| StoreError::corrupt(WHAT, e.to_string()))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::corrupt(WHAT, e.to_string()))
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

fn plan(row: &Row<'_>) -> Result<Plan, StoreError> {
    let barriers: Vec<Barrier> = from_json(&row.get::<_, String>("barriers")?)?;
    let review_dates: Vec<NaiveDate> = from_json(&row.get::<_, String>("review_dates")?)?;
    let target = match (
        row.get::<_, Option<u16>>("target_tenths")?,
        row.get::<_, Option<String>>("target_by")?,
    ) {
        (Some(t), Some(by)) => Some(SmartTarget {
            target: Tenths(t),
            by: parse_date(WHAT, &by)?,
        }),
        _ => None,
    };
    Ok(Plan {
        barriers,
        other_barriers: row.get("other_barriers")?,
        target,
        interventions: row.get("interventions")?,
        review_dates,
    })
}

/// The case's plan; an empty plan if none has been written yet.
pub fn get(r: &Reader<'_>, case_id: &CaseId) -> Result<Plan, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT barriers, other_barriers, target_tenths, target_by, interventions, review_dates FROM plans WHERE case_id = ?1",
    )?;
    Ok(stmt
        .query_and_then([case_id.as_str()], plan)?
        .next()
        .transpose()?
        .unwrap_or_default())
}

pub fn add_action(
    w: &Writer<'_>,
    case_id: &CaseId,
    action: &NewAction,
    now: DateTime<Utc>,
) -> Result<PlanActionId, StoreError> {
    let id: PlanActionId = new_id();
    let at = timestamp(now);
    w.conn.execute(
        "INSERT INTO plan_actions (id, case_id, what, owner, due_on, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?6)",
        params![id.as_str(), case_id.as_str(), action.what, action.owner, action.due_on.to_string(), at],
    )?;
    Ok(id)
}

/// Sets an action's status as of `on`. Returns false if the case has no such action.
pub fn set_action_status(
    w: &Writer<'_>,
    case_id: &CaseId,
    action_id: &PlanActionId,
    status: ActionStatus,
    on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let changed = w.conn.execute(
        "UPDATE plan_actions SET status = ?3, status_on = ?4, updated_at = ?5 WHERE id = ?2 AND case_id = ?1",
        params![case_id.as_str(), action_id.as_str(), status.as_str(), on.to_string(), timestamp(now)],
    )?;
    Ok(changed == 1)
}

fn action(row: &Row<'_>) -> Result<ActionRecord, StoreError> {
    Ok(ActionRecord {
        id: PlanActionId(row.get("id")?),
        what: row.get("what")?,
        owner: row.get("owner")?,
        due_on: date(row, "due_on", WHAT)?,
        status: ActionStatus::parse(&row.get::<_, String>("status")?)
            .ok_or_else(|| StoreError::corrupt(WHAT, "unknown action status"))?,
        status_on: optional_date(row, "status_on", WHAT)?,
    })
}

/// The case's actions, soonest due first.
pub fn actions(r: &Reader<'_>, case_id: &CaseId) -> Result<Vec<ActionRecord>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT id, what, owner, due_on, status, status_on FROM plan_actions WHERE case_id = ?1 ORDER BY due_on, created_at",
    )?;
    stmt.query_and_then([case_id.as_str()], action)?.collect()
}

/// What can fall due on one case besides its review cycle.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DueSources {
    /// Open actions: due date and what is to be done.
    pub open_actions: Vec<(NaiveDate, String)>,
    pub review_dates: Vec<NaiveDate>,
}

/// Every case's open actions and plan review dates, for the dashboard's next due items.
pub fn due_sources(r: &Reader<'_>) -> Result<HashMap<CaseId, DueSources>, StoreError> {
    let mut out: HashMap<CaseId, DueSources> = HashMap::new();
    let mut stmt = r.conn.prepare_cached(
        "SELECT case_id, id, what, owner, due_on, status, status_on FROM plan_actions WHERE status = 'open' ORDER BY due_on",
    )?;
    let rows = stmt.query_and_then([], |row| {
        Ok::<_, StoreError>((CaseId(row.get("case_id")?), action(row)?))
    })?;
    for row in rows {
        let (case_id, a) = row?;
        out.entry(case_id)
            .or_default()
            .open_actions
            .push((a.due_on, a.what));
    }
    let mut stmt = r
        .conn
        .prepare_cached("SELECT case_id, review_dates FROM plans WHERE review_dates != '[]'")?;
    let rows = stmt.query_and_then([], |row| {
        let dates: Vec<NaiveDate> = from_json(&row.get::<_, String>("review_dates")?)?;
        Ok::<_, StoreError>((CaseId(row.get("case_id")?), dates))
    })?;
    for row in rows {
        let (case_id, dates) = row?;
        out.entry(case_id).or_default().review_dates.extend(dates);
    }
    Ok(out)
}

/// The cases that have a plan written (a SMART target or barriers recorded), for the TSM
/// preparation pack's "severely absent without a plan" flag.
pub fn cases_with_plan(r: &Reader<'_>) -> Result<std::collections::HashSet<CaseId>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT case_id FROM plans WHERE target_tenths IS NOT NULL OR barriers != '[]'",
    )?;
    let rows = stmt.query_map([], |row| row.get("case_id").map(CaseId))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
