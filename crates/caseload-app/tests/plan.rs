//! A case's plan and its actions on a temporary encrypted store.

mod common;

use caseload_app::cases::CaseGetRequest;
use caseload_app::plan::{
    PlanActionAddRequest, PlanActionStatusRequest, PlanGetRequest, PlanSetRequest,
};
use caseload_app::{AppError, cases, dashboard, plan};
use caseload_domain::due::DueKind;
use caseload_domain::plan::{ActionStatus, Barrier};
use chrono::Duration;
use common::*;

#[test]
fn a_plan_with_a_smart_target_and_two_actions_makes_the_earliest_open_action_next_due() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 10);
    let plan = plan::plan_set(
        &cx,
        PlanSetRequest {
            case_id: id.clone(),
            barriers: vec![Barrier::SemhEbsa, Barrier::Transport],
            other_barriers: Some("Sibling's hospital appointments".into()),
            target_pct: Some("92.5".into()),
            target_by: Some((today() + Duration::days(60)).to_string()),
            interventions: Some("Morning check-in with a trusted adult".into()),
            review_dates: vec![(today() + Duration::days(20)).to_string()],
        },
    )
    .expect("plan");
    assert_eq!(plan.target_pct, Some(92.5));
    for (what, days) in [("Arrange bus pass", 3), ("Refer to EBSA service", -2)] {
        plan::plan_action_add(
            &cx,
            PlanActionAddRequest {
                case_id: id.clone(),
                what: what.into(),
                owner: "LA attendance team".into(),
                due_on: (today() + Duration::days(days)).to_string(),
            },
        )
        .expect("action");
    }
    let detail = cases::case_get(&cx, CaseGetRequest { id: id.clone() }).expect("case");
    let due = detail.next_due.expect("due");
    assert_eq!(
        (due.kind, due.what.as_deref(), due.overdue),
        (DueKind::Action, Some("Refer to EBSA service"), true)
    );
    let plan = plan::plan_get(
        &cx,
        PlanGetRequest {
            case_id: id.clone(),
        },
    )
    .expect("plan");
    let overdue = plan
        .actions
        .iter()
        .find(|a| a.overdue)
        .expect("overdue action")
        .id
        .clone();
    plan::plan_action_status(
        &cx,
        PlanActionStatusRequest {
            case_id: id.clone(),
            action_id: overdue,
            status: ActionStatus::Done,
            on_date: ago(0),
        },
    )
    .expect("done");
    let dash = dashboard::dashboard(&cx, ()).expect("dashboard");
    let next = dash.rows[0].next_due.clone().expect("due");
    assert_eq!(next.what.as_deref(), Some("Arrange bus pass"));
    assert_eq!(
        dash.due_this_week.len(),
        usize::from(today() + Duration::days(3) <= caseload_domain::due::end_of_week(today()))
    );
}

#[test]
fn a_target_without_a_date_and_an_action_without_an_owner_are_refused_at_their_fields() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 10);
    let e = plan::plan_set(
        &cx,
        PlanSetRequest {
            case_id: id.clone(),
            barriers: vec![],
            other_barriers: None,
            target_pct: Some("95".into()),
            target_by: None,
            interventions: None,
            review_dates: vec![],
        },
    )
    .expect_err("no date");
    let AppError::Validation { fields, .. } = e else {
        panic!("validation expected")
    };
    assert_eq!(fields[0].field, "target_by");
    let e = plan::plan_action_add(
        &cx,
        PlanActionAddRequest {
            case_id: id,
            what: "Call".into(),
            owner: " ".into(),
            due_on: ago(0),
        },
    )
    .expect_err("no owner");
    let AppError::Validation { fields, .. } = e else {
        panic!("validation expected")
    };
    assert_eq!(fields[0].field, "owner");
}
