//! Helpers for the legal-ladder test files: step requests of each kind, adding a step, and
//! reading a refusal's fields and a view's alerts.

use caseload_app::legal::{LegalStepAddRequest, LegalView};
use caseload_app::{AppError, Caseload, legal};
use caseload_domain::CaseId;
use caseload_domain::legal::LegalStepKind;
use caseload_domain::rules::RuleId;

use super::ago;

pub fn request(case: &CaseId, step: LegalStepKind, days_ago: i64) -> LegalStepAddRequest {
    LegalStepAddRequest {
        case_id: case.clone(),
        step,
        on_date: ago(days_ago),
        decided_by: "Team manager Demo".into(),
        notes: None,
        reason: None,
        corrects: None,
        parents_present: None,
        terms: None,
        compliance: None,
        improvement_ends_on: None,
        sufficient_improvement: None,
        outcome: None,
        parent_name: None,
        paid: None,
        paid_on: None,
        eso_stage: None,
        section: None,
    }
}

pub fn contract(case: &CaseId, days_ago: i64) -> LegalStepAddRequest {
    LegalStepAddRequest {
        parents_present: Some(true),
        terms: Some("In school by 8:45 every day".into()),
        ..request(case, LegalStepKind::AttendanceContract, days_ago)
    }
}

/// A notice to improve whose 3-week improvement period ends `21 - days_ago` days from today.
pub fn notice(case: &CaseId, days_ago: i64) -> LegalStepAddRequest {
    LegalStepAddRequest {
        improvement_ends_on: Some(ago(days_ago - 21)),
        sufficient_improvement: Some("No unauthorised absence in the period".into()),
        ..request(case, LegalStepKind::NoticeToImprove, days_ago)
    }
}

pub fn penalty(case: &CaseId, days_ago: i64, parent: &str) -> LegalStepAddRequest {
    LegalStepAddRequest {
        parent_name: Some(parent.into()),
        ..request(case, LegalStepKind::PenaltyNotice, days_ago)
    }
}

pub fn add_step(cx: &Caseload, req: LegalStepAddRequest) -> LegalView {
    legal::legal_step_add(cx, req).expect("step")
}

pub fn fields(e: AppError) -> Vec<(String, String)> {
    match e {
        AppError::Validation { fields, .. } => {
            fields.into_iter().map(|f| (f.field, f.message)).collect()
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

pub fn rules(v: &LegalView) -> Vec<RuleId> {
    v.alerts.iter().map(|a| a.rule).collect()
}
