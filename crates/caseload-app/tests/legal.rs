//! The legal ladder through the use cases, on a temporary encrypted caseload: steps in and out
//! of order, the penalty-notice limit, corrections and alerts. The evidence bundle is in
//! `legal_bundle.rs`.

mod common;

use caseload_app::cases::CaseGetRequest;
use caseload_app::family::PupilDetailsSetRequest;
use caseload_app::legal::{LegalGetRequest, LegalStepAddRequest};
use caseload_app::{cases, dashboard, family, legal};
use caseload_domain::CaseId;
use caseload_domain::family::PupilFlag;
use caseload_domain::legal::{EsoStage, LegalStepKind, ProsecutionSection};
use caseload_domain::rules::RuleId;
use common::legal::*;
use common::*;

#[test]
fn a_new_case_has_no_steps_and_the_ladder_starts_with_an_attendance_contract() {
    let (_d, cx) = created();
    let case = add(&cx, "B801200005001", "secondary", 60);
    let v = legal::legal_get(&cx, LegalGetRequest { case_id: case }).expect("get");
    assert!(v.steps.is_empty() && v.alerts.is_empty());
    assert_eq!(v.suggested, Some(LegalStepKind::AttendanceContract));
    let needs: Vec<bool> = v.next.iter().map(|n| n.needs_reason).collect();
    assert_eq!(needs, vec![false, true, true, true, true]);
    assert!(!v.looked_after);
}

#[test]
fn steps_in_ladder_order_are_admitted_and_an_ended_notice_is_flagged_until_a_penalty_follows() {
    let (_d, cx) = created();
    let case = add(&cx, "B801200005001", "secondary", 60);
    threshold_met(&cx, "B801200005001", 40);
    add_step(&cx, contract(&case, 40));
    let v = add_step(&cx, notice(&case, 25));
    assert_eq!(rules(&v), vec![RuleId::NoticeToImproveEnding]);
    assert_eq!(v.alerts[0].on, Some(ago(4)));
    // The same alert reaches the dashboard and the case view.
    let row = dashboard::dashboard(&cx, ())
        .expect("dashboard")
        .rows
        .remove(0);
    assert!(
        row.alerts
            .iter()
            .any(|a| a.rule == RuleId::NoticeToImproveEnding)
    );
    let detail = cases::case_get(&cx, CaseGetRequest { id: case.clone() }).expect("case");
    assert!(
        detail
            .alerts
            .iter()
            .any(|a| a.rule == RuleId::NoticeToImproveEnding)
    );
    assert!(v.alerts[0].title.starts_with("Notice to improve"));
    assert!(v.alerts[0].message.contains("no later step is recorded"));
    assert_eq!(v.suggested, Some(LegalStepKind::PenaltyNotice));

    let v = add_step(&cx, penalty(&case, 2, "Parent Demo"));
    assert!(v.alerts.is_empty(), "{:?}", v.alerts);
    let kinds: Vec<LegalStepKind> = v.steps.iter().map(|s| s.step).collect();
    assert_eq!(
        kinds,
        vec![
            LegalStepKind::AttendanceContract,
            LegalStepKind::NoticeToImprove,
            LegalStepKind::PenaltyNotice
        ]
    );
    let p = v.steps[2].penalty.as_ref().expect("assessed");
    assert_eq!((p.number, p.amount_pence), (Some(1), 16_000));
    assert!(
        v.steps
            .iter()
            .all(|s| s.current && s.decided_by == "Team manager Demo")
    );
}

#[test]
fn a_step_out_of_order_is_refused_without_a_reason_and_kept_with_one() {
    let (_d, cx) = created();
    let case = add(&cx, "B801200005001", "secondary", 60);
    let prosecute = LegalStepAddRequest {
        section: Some(ProsecutionSection::S444_1A),
        ..request(&case, LegalStepKind::Prosecution, 3)
    };
    let e = legal::legal_step_add(&cx, prosecute.clone()).expect_err("no ESO considered");
    let f = fields(e);
    assert_eq!(f[0].0, "reason");
    assert!(f[0].1.contains("must be considered before prosecuting"));
    let v = add_step(
        &cx,
        LegalStepAddRequest {
            reason: Some("Synthetic: the family moved out of area mid-order".into()),
            ..prosecute
        },
    );
    assert_eq!(rules(&v), vec![RuleId::SupervisionOrderBeforeProsecution]);
    assert_eq!(v.suggested, None);
    assert_eq!(
        v.steps[0].reason.as_deref(),
        Some("Synthetic: the family moved out of area mid-order")
    );
}

#[test]
fn a_third_penalty_notice_to_the_same_parent_within_3_years_is_refused() {
    let (_d, cx) = created();
    let case = add(&cx, "B801200005001", "secondary", 300);
    threshold_met(&cx, "B801200005001", 250);
    add_step(&cx, contract(&case, 250));
    add_step(&cx, notice(&case, 200));
    add_step(&cx, penalty(&case, 150, "Parent Demo"));
    let v = add_step(&cx, penalty(&case, 60, "Parent Demo"));
    assert_eq!(rules(&v), vec![RuleId::PenaltyNoticeLimit]);
    let second = v.steps[3].penalty.as_ref().expect("assessed");
    assert_eq!((second.number, second.amount_pence), (Some(2), 16_000));
    let e = legal::legal_step_add(&cx, penalty(&case, 1, "parent demo")).expect_err("third");
    let f = fields(e);
    assert_eq!(f[0].0, "parent_name");
    assert!(
        f[0].1.contains("A third penalty notice to the same parent"),
        "{}",
        f[0].1
    );
    add_step(&cx, penalty(&case, 1, "Other Parent Demo"));
}

#[test]
fn a_payment_is_recorded_as_a_correction_that_keeps_the_original() {
    let (_d, cx) = created();
    let case = add(&cx, "B801200005001", "secondary", 60);
    threshold_met(&cx, "B801200005001", 50);
    add_step(&cx, contract(&case, 50));
    add_step(&cx, notice(&case, 40));
    let v = add_step(&cx, penalty(&case, 14, "Parent Demo"));
    let original = v.steps[2].id.clone();
    let v = add_step(
        &cx,
        LegalStepAddRequest {
            corrects: Some(original.clone()),
            paid: Some(true),
            paid_on: Some(ago(2)),
            ..penalty(&case, 14, "Parent Demo")
        },
    );
    assert_eq!(v.steps.len(), 4);
    assert!(!v.steps[2].current);
    assert_eq!(v.steps[2].corrected_by, vec![v.steps[3].id.clone()]);
    assert_eq!(v.steps[3].corrects.as_deref(), Some(original.as_str()));
    let paid = v.steps[3].penalty.as_ref().expect("assessed");
    assert_eq!(
        (paid.number, paid.amount_pence),
        (Some(1), 8_000),
        "paid within 21 days"
    );
    assert_eq!(
        v.steps[1].penalty, None,
        "a corrected notice is not assessed"
    );
    let again = legal::legal_step_add(
        &cx,
        LegalStepAddRequest {
            corrects: Some(original),
            ..penalty(&case, 14, "Parent Demo")
        },
    )
    .expect_err("already corrected");
    assert_eq!(fields(again)[0].0, "corrects");
}

#[test]
fn a_contract_without_the_parents_and_an_order_for_a_child_in_care_are_refused() {
    let (_d, cx) = created();
    let case = add(&cx, "B801200005001", "secondary", 60);
    let e = legal::legal_step_add(
        &cx,
        LegalStepAddRequest {
            parents_present: Some(false),
            ..contract(&case, 5)
        },
    )
    .expect_err("parents absent");
    assert_eq!(fields(e)[0].0, "parents_present");

    family::pupil_details_set(
        &cx,
        PupilDetailsSetRequest {
            case_id: case.clone(),
            address: None,
            postcode: None,
            ward: None,
            flags: vec![PupilFlag::Lac],
            key_professionals: vec![],
            part_time_review_on: None,
        },
    )
    .expect("flags");
    let order = |stage| LegalStepAddRequest {
        eso_stage: Some(stage),
        outcome: Some("Discussed at panel".into()),
        reason: Some("Synthetic: no penalty notice for a child in care".into()),
        ..request(&case, LegalStepKind::SupervisionOrder, 3)
    };
    let e = legal::legal_step_add(&cx, order(EsoStage::Applied)).expect_err("child in care");
    assert_eq!(fields(e)[0].0, "eso_stage");
    let v = add_step(&cx, order(EsoStage::Considered));
    assert!(v.looked_after);
}

#[test]
fn an_unknown_case_is_not_found() {
    let (_d, cx) = created();
    let missing = CaseId("no-such-case".into());
    let e = legal::legal_get(
        &cx,
        LegalGetRequest {
            case_id: missing.clone(),
        },
    )
    .expect_err("missing");
    assert_eq!(e.kind(), "not_found");
    let e = legal::legal_step_add(&cx, contract(&missing, 1)).expect_err("missing");
    assert_eq!(e.kind(), "not_found");
}
