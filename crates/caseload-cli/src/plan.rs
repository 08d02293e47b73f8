//! `caseload plan …`: a case's plan: barriers, SMART target, interventions, review dates and
//! actions.

use caseload_app::plan::{
    PlanActionAddRequest, PlanActionStatusRequest, PlanGetRequest, PlanSetRequest, PlanView,
};
use caseload_app::{AppError, Caseload, FieldError, plan};
use caseload_domain::CaseId;
use caseload_domain::plan::{ActionStatus, Barrier};
use clap::Subcommand;

use crate::output;

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Show a case's plan and its actions.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Set (replace) a case's plan. Barriers: health, semh-ebsa, send, bullying,
    /// caring-responsibilities, housing, transport, family-circumstances, school-factors.
    Set {
        id: String,
        #[arg(long = "barrier")]
        barriers: Vec<String>,
        #[arg(long)]
        other_barriers: Option<String>,
        /// Attendance % to reach (one decimal), with --by.
        #[arg(long)]
        target: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::args::iso_date)]
        by: Option<String>,
        #[arg(long)]
        interventions: Option<String>,
        #[arg(long = "review", value_name = "YYYY-MM-DD", value_parser = crate::args::iso_date)]
        reviews: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Add an action to a case's plan.
    Action {
        id: String,
        #[arg(long)]
        what: String,
        #[arg(long)]
        owner: String,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::args::iso_date)]
        due: String,
        #[arg(long)]
        json: bool,
    },
    /// Mark an action open, done or not-done.
    ActionStatus {
        id: String,
        action_id: String,
        #[arg(value_parser = ["open", "done", "not-done"])]
        status: String,
        /// The date it changed (default today).
        #[arg(long = "on", value_name = "YYYY-MM-DD", value_parser = crate::args::iso_date)]
        on_date: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn barrier(value: &str) -> Result<Barrier, AppError> {
    serde_json::from_value(serde_json::Value::String(value.trim().replace('-', "_"))).map_err(|_| AppError::Validation {
        message: format!("Unknown barrier {value}"),
        fields: vec![FieldError {
            field: "barriers".into(),
            message: "Use health, semh-ebsa, send, bullying, caring-responsibilities, housing, transport, family-circumstances or school-factors".into(),
        }],
    })
}

pub fn run(cx: &Caseload, command: PlanCommand) -> Result<(), AppError> {
    let (plan, json) = match command {
        PlanCommand::Show { id, json } => (
            plan::plan_get(
                cx,
                PlanGetRequest {
                    case_id: CaseId(id),
                },
            )?,
            json,
        ),
        PlanCommand::Set {
            id,
            barriers,
            other_barriers,
            target,
            by,
            interventions,
            reviews,
            json,
        } => {
            let barriers = barriers
                .iter()
                .map(|b| barrier(b))
                .collect::<Result<Vec<_>, _>>()?;
            let request = PlanSetRequest {
                case_id: CaseId(id),
                barriers,
                other_barriers,
                target_pct: target,
                target_by: by,
                interventions,
                review_dates: reviews,
            };
            (plan::plan_set(cx, request)?, json)
        }
        PlanCommand::Action {
            id,
            what,
            owner,
            due,
            json,
        } => (
            plan::plan_action_add(
                cx,
                PlanActionAddRequest {
                    case_id: CaseId(id),
                    what,
                    owner,
                    due_on: due,
                },
            )?,
            json,
        ),
        PlanCommand::ActionStatus {
            id,
            action_id,
            status,
            on_date,
            json,
        } => {
            let status = match status.as_str() {
                "done" => ActionStatus::Done,
                "not-done" => ActionStatus::NotDone,
                _ => ActionStatus::Open,
            };
            let on_date = on_date.unwrap_or_else(|| caseload_app::support::today().to_string());
            (
                plan::plan_action_status(
                    cx,
                    PlanActionStatusRequest {
                        case_id: CaseId(id),
                        action_id: action_id.into(),
                        status,
                        on_date,
                    },
                )?,
                json,
            )
        }
    };
    output::print(json, &plan, || print_plan(&plan))
}

fn print_plan(p: &PlanView) {
    outln!("Plan for case {}", p.case_id);
    let barriers: Vec<String> = p.barriers.iter().map(|b| format!("{b:?}")).collect();
    outln!(
        "  Barriers:      {}",
        if barriers.is_empty() {
            "-".into()
        } else {
            barriers.join(", ")
        }
    );
    if let Some(other) = &p.other_barriers {
        outln!("  Other:         {other}");
    }
    match (p.target_pct, &p.target_by) {
        (Some(t), Some(by)) => outln!("  SMART target:  {t:.1}% by {by}"),
        _ => outln!("  SMART target:  none yet"),
    }
    if let Some(i) = &p.interventions {
        outln!("  Interventions: {i}");
    }
    if !p.review_dates.is_empty() {
        outln!("  Reviews:       {}", p.review_dates.join(", "));
    }
    for a in &p.actions {
        let late = if a.overdue { " OVERDUE" } else { "" };
        outln!(
            "  - [{:?}] {} ({}; due {}{}) id {}",
            a.status,
            a.what,
            a.owner,
            a.due_on,
            late,
            a.id
        );
    }
}
