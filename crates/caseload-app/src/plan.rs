//! A case's plan and its actions.

use caseload_domain::plan::{ActionDraft, ActionStatus, Barrier, PlanDraft};
use caseload_domain::transition::parse_past_date;
use caseload_domain::{CaseId, Field, FieldErrors, PlanActionId};
use caseload_store::{Action, Store, cases, plans};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::context::Caseload;
use crate::error::AppError;
use crate::support::today;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PlanGetRequest {
    pub case_id: CaseId,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PlanSetRequest {
    pub case_id: CaseId,
    pub barriers: Vec<Barrier>,
    #[serde(default)]
    #[ts(optional)]
    pub other_barriers: Option<String>,
    /// The SMART target: attendance % (one decimal) to reach by `target_by` (ISO date).
    #[serde(default)]
    #[ts(optional)]
    pub target_pct: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub target_by: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub interventions: Option<String>,
    /// ISO dates.
    #[serde(default)]
    pub review_dates: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PlanActionAddRequest {
    pub case_id: CaseId,
    pub what: String,
    pub owner: String,
    /// ISO date.
    pub due_on: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PlanActionStatusRequest {
    pub case_id: CaseId,
    pub action_id: PlanActionId,
    pub status: ActionStatus,
    /// ISO date the status changed; not in the future.
    pub on_date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanActionView {
    pub id: PlanActionId,
    pub what: String,
    pub owner: String,
    pub due_on: String,
    pub status: ActionStatus,
    pub status_on: Option<String>,
    /// Open and due before today.
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanView {
    pub case_id: CaseId,
    pub barriers: Vec<Barrier>,
    pub other_barriers: Option<String>,
    pub target_pct: Option<f64>,
    pub target_by: Option<String>,
    pub interventions: Option<String>,
    pub review_dates: Vec<String>,
    pub actions: Vec<PlanActionView>,
}

fn view(store: &Store, case_id: &CaseId) -> Result<PlanView, AppError> {
    let r = store.read();
    let plan = plans::get(&r, case_id)?;
    let today = today();
    Ok(PlanView {
        case_id: case_id.clone(),
        barriers: plan.barriers,
        other_barriers: plan.other_barriers,
        target_pct: plan.target.map(|t| t.target.as_f64()),
        target_by: plan.target.map(|t| t.by.to_string()),
        interventions: plan.interventions,
        review_dates: plan.review_dates.iter().map(|d| d.to_string()).collect(),
        actions: plans::actions(&r, case_id)?
            .into_iter()
            .map(|a| PlanActionView {
                overdue: a.status == ActionStatus::Open && a.due_on < today,
                id: a.id.clone(),
                what: a.what,
                owner: a.owner,
                due_on: a.due_on.to_string(),
                status: a.status,
                status_on: a.status_on.map(|d| d.to_string()),
            })
            .collect(),
    })
}

pub fn plan_get(cx: &Caseload, req: PlanGetRequest) -> Result<PlanView, AppError> {
    cx.with_store(|store| {
        cases::get(&store.read(), &req.case_id)?;
        view(store, &req.case_id)
    })
}

pub fn plan_set(cx: &Caseload, req: PlanSetRequest) -> Result<PlanView, AppError> {
    let plan = PlanDraft {
        barriers: &req.barriers,
        other_barriers: req.other_barriers.as_deref(),
        target_pct: req.target_pct.as_deref(),
        target_by: req.target_by.as_deref(),
        interventions: req.interventions.as_deref(),
        review_dates: &req.review_dates,
    }
    .validate()
    .map_err(AppError::validation)?;
    cx.with_store(|store| {
        cases::get(&store.read(), &req.case_id)?;
        store.write(Action::PlanSet, |w| {
            w.audit_entity("case", req.case_id.as_str());
            w.audit_entity("plan", req.case_id.as_str());
            plans::set(w, &req.case_id, &plan, Utc::now())
        })?;
        view(store, &req.case_id)
    })
}

pub fn plan_action_add(cx: &Caseload, req: PlanActionAddRequest) -> Result<PlanView, AppError> {
    let action = ActionDraft {
        what: &req.what,
        owner: &req.owner,
        due_on: &req.due_on,
    }
    .validate()
    .map_err(AppError::validation)?;
    cx.with_store(|store| {
        cases::get(&store.read(), &req.case_id)?;
        store.write(Action::PlanActionAdd, |w| {
            w.audit_entity("case", req.case_id.as_str());
            let id = plans::add_action(w, &req.case_id, &action, Utc::now())?;
            w.audit_entity("plan_action", id.as_str());
            Ok(id)
        })?;
        view(store, &req.case_id)
    })
}

pub fn plan_action_status(
    cx: &Caseload,
    req: PlanActionStatusRequest,
) -> Result<PlanView, AppError> {
    let on = parse_past_date(&req.on_date, today(), "the status changed")
        .map_err(|m| AppError::validation(FieldErrors::single(Field::OnDate, m)))?;
    cx.with_store(|store| {
        let found = store.write(Action::PlanActionStatus, |w| {
            w.audit_entity("case", req.case_id.as_str());
            w.audit_entity("plan_action", req.action_id.as_str());
            w.audit_detail(&format!("status: {}", req.status.as_str()));
            plans::set_action_status(w, &req.case_id, &req.action_id, req.status, on, Utc::now())
        })?;
        if !found {
            return Err(AppError::NotFound {
                message: "That action is not in this case's plan".into(),
                id: req.action_id.to_string(),
            });
        }
        view(store, &req.case_id)
    })
}
