//! Helpers for the legal-ladder test files: step requests of each kind, adding a step, and
//! reading a refusal's fields and a view's alerts.

use caseload_app::legal::{LegalStepAddRequest, LegalView};
use caseload_app::{AppError, Caseload, legal};
use caseload_domain::CaseId;
use caseload_domain::legal::LegalStepKind;
use caseload_domain::rules::RuleId;

use super::{ago, today};

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

/// Imports a week of unauthorised absence (ten `O` marks, Monday to Friday) for `upn`, in the
/// week before the one `days_ago` falls in: the penalty notice threshold is met on its Friday,
/// before `days_ago`. Returns that Friday.
pub fn threshold_met(cx: &Caseload, upn: &str, days_ago: i64) -> chrono::NaiveDate {
    use chrono::Datelike;
    let day = today() - chrono::Duration::days(days_ago + 7);
    let monday = day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()));
    let mut csv = String::from("upn,date,session,code\n");
    for offset in 0..5 {
        let date = monday + chrono::Duration::days(offset);
        for session in ["AM", "PM"] {
            csv.push_str(&format!("{upn},{date},{session},O\n"));
        }
    }
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("marks.csv");
    std::fs::write(&file, csv).expect("write marks");
    caseload_app::imports::import_marks_file_at(cx, &file, None).expect("import marks");
    monday + chrono::Duration::days(4)
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
