//! The case use cases on a temporary encrypted store: adding and editing a case, its lifecycle
//! steps and typed attendance.

mod common;

use caseload_app::cases::{AttendanceRecordRequest, CaseGetRequest, CaseUpdateRequest, PupilInput};
use caseload_app::{AppError, cases};
use caseload_domain::CaseStatus;
use caseload_domain::case::TransitionKind;
use caseload_domain::due::DueKind;
use common::*;

#[test]
fn a_case_accepted_allocated_and_started_shows_its_midpoint_check_as_next_due() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 30);
    step(&cx, &id, TransitionKind::Accept, 29).expect("accept");
    step(&cx, &id, TransitionKind::Allocate, 28).expect("allocate");
    let detail = step(&cx, &id, TransitionKind::StartCycle, 25).expect("start");
    assert_eq!(detail.status, CaseStatus::Active);
    let due = detail.next_due.expect("due");
    assert_eq!(
        (due.kind, due.due_on.clone(), due.overdue),
        (DueKind::MidpointCheck, ago(4), true)
    );
    assert_eq!(detail.history.len(), 4);
    assert!(
        detail
            .allowed_transitions
            .contains(&TransitionKind::MidpointCheck)
    );
}

#[test]
fn an_allocated_case_offers_starting_its_cycle_first() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 30);
    let accepted = step(&cx, &id, TransitionKind::Accept, 29).expect("accept");
    assert_eq!(
        accepted.allowed_transitions.first(),
        Some(&TransitionKind::Allocate)
    );
    let allocated = step(&cx, &id, TransitionKind::Allocate, 28).expect("allocate");
    assert_eq!(
        allocated.allowed_transitions.first(),
        Some(&TransitionKind::StartCycle),
        "{:?}",
        allocated.allowed_transitions
    );
    assert!(
        allocated
            .allowed_transitions
            .contains(&TransitionKind::Allocate),
        "reallocating is still offered"
    );
}

#[test]
fn an_active_case_offers_the_cycle_step_due_first_midpoint_then_review() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 30);
    step(&cx, &id, TransitionKind::Accept, 29).expect("accept");
    step(&cx, &id, TransitionKind::Allocate, 28).expect("allocate");
    let started = step(&cx, &id, TransitionKind::StartCycle, 25).expect("start");
    assert!(
        started.next_due.expect("due").overdue,
        "the midpoint is overdue"
    );
    assert_eq!(
        started.allowed_transitions.first(),
        Some(&TransitionKind::MidpointCheck),
        "{:?}",
        started.allowed_transitions
    );
    assert!(
        started
            .allowed_transitions
            .contains(&TransitionKind::Allocate),
        "reallocating is still offered"
    );
    let checked = step(&cx, &id, TransitionKind::MidpointCheck, 1).expect("midpoint");
    assert_eq!(
        checked.allowed_transitions.first(),
        Some(&TransitionKind::Review)
    );
}

#[test]
fn a_step_out_of_order_is_refused_with_what_must_happen_first() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 3);
    let e = step(&cx, &id, TransitionKind::Allocate, 1).expect_err("refused");
    assert_eq!(e.kind(), "invalid_transition");
    assert!(e.to_string().contains("Accept the case"));
    let before_referral = step(&cx, &id, TransitionKind::Accept, 5).expect_err("before referral");
    assert_eq!(before_referral.kind(), "validation");
}

#[test]
fn attendance_figures_that_do_not_add_up_are_refused_at_the_sessions_field() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 3);
    let e = cases::attendance_record(
        &cx,
        AttendanceRecordRequest {
            id,
            as_at: ago(1),
            possible: "10".into(),
            present: "9".into(),
            authorised: "2".into(),
            unauthorised: "x".into(),
        },
    )
    .expect_err("invalid");
    let AppError::Validation { fields, .. } = e else {
        panic!("validation expected")
    };
    assert!(fields.iter().all(|f| f.field == "sessions"));
}

#[test]
fn a_hand_entered_reading_dated_tomorrow_or_before_september_2000_is_refused_at_as_at() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 3);
    let record = |as_at: String| {
        let e = cases::attendance_record(
            &cx,
            AttendanceRecordRequest {
                id: id.clone(),
                as_at,
                possible: "10".into(),
                present: "9".into(),
                authorised: "1".into(),
                unauthorised: "0".into(),
            },
        )
        .expect_err("refused");
        let AppError::Validation { fields, .. } = e else {
            panic!("validation expected")
        };
        assert_eq!(fields.len(), 1, "{fields:?}");
        assert_eq!(fields[0].field, "as_at");
        fields[0].message.clone()
    };
    assert_eq!(
        record(ago(-1)),
        "The date the figures are as at cannot be in the future"
    );
    assert_eq!(
        record("1999-07-20".into()),
        "The date the figures are as at is before 1 September 2000, earlier than any \
         register Caseload keeps"
    );
}

#[test]
fn invalid_pupil_input_names_each_bad_field_and_saves_nothing() {
    let (_d, cx) = created();
    let bad = PupilInput {
        legal_name: "".into(),
        upn: "A801200005001".into(),
        date_of_birth: "2999-01-01".into(),
        ..input()
    };
    let e = cases::case_add(&cx, new_case(bad)).expect_err("invalid");
    assert_eq!(field_names(&e), vec!["legal_name", "date_of_birth", "upn"]);
    assert!(cases::case_list(&cx, ()).expect("list").is_empty());
}

#[test]
fn editing_a_case_persists_the_new_details() {
    let (_d, cx) = created();
    let added = cases::case_add(&cx, new_case(input())).expect("add");
    let edited = cases::case_update(
        &cx,
        CaseUpdateRequest {
            id: added.id.clone(),
            pupil: PupilInput {
                preferred_name: None,
                year_group: "8".into(),
                ..input()
            },
        },
    )
    .expect("update");
    assert_eq!(edited.pupil.preferred_name, None);
    let again = cases::case_get(&cx, CaseGetRequest { id: added.id }).expect("get");
    assert_eq!(again.pupil.year_group, 8);
}

#[test]
fn the_same_upn_twice_is_a_validation_error_on_the_upn_field() {
    let (_d, cx) = created();
    cases::case_add(&cx, new_case(input())).expect("add");
    let e = cases::case_add(&cx, new_case(input())).expect_err("duplicate");
    assert_eq!(field_names(&e), vec!["upn"]);
}

#[test]
fn closing_needs_a_category_which_the_case_keeps_until_it_reopens() {
    let (_dir, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 60);
    for (kind, days) in [
        (TransitionKind::Accept, 50),
        (TransitionKind::Allocate, 49),
        (TransitionKind::StartCycle, 48),
    ] {
        step(&cx, &id, kind, days).expect("step");
    }
    let close = |category| {
        cases::case_transition(
            &cx,
            caseload_app::cases::CaseTransitionRequest {
                id: id.clone(),
                kind: TransitionKind::Close,
                on_date: ago(2),
                team: None,
                worker: None,
                note: Some("Attending again".into()),
                closure_category: category,
            },
        )
    };
    let e = close(None).expect_err("no category");
    assert_eq!(field_names(&e), ["closure_category"]);
    assert!(
        format!("{e:?}").contains("Choose why the case closed"),
        "{e:?}"
    );
    let detail = close(Some(
        caseload_domain::ClosureCategory::ElectiveHomeEducation,
    ))
    .expect("closed with a category");
    assert_eq!(detail.status, CaseStatus::Closed);
    assert_eq!(
        detail.closure_category_label.as_deref(),
        Some("Elective home education")
    );
    let reopened = step(&cx, &id, TransitionKind::Reopen, 1).expect("reopen");
    assert_eq!(reopened.closure_category, None);
    assert_eq!(reopened.closure_category_label, None);
}
