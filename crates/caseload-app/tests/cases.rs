//! The lifecycle, attendance, dashboard, funnel, settings and search use cases on a temporary
//! encrypted store.

mod common;

use caseload_app::cases::AttendanceRecordRequest;
use caseload_app::reports::FunnelRequest;
use caseload_app::search::SearchRequest;
use caseload_app::settings::Settings;
use caseload_app::{AppError, cases, dashboard, reports, search, settings};
use caseload_domain::attendance::Trend;
use caseload_domain::case::TransitionKind;
use caseload_domain::due::DueKind;
use caseload_domain::transition::Team;
use caseload_domain::{CaseStatus, CycleSettings};
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
fn the_dashboard_shows_open_cases_with_attendance_trend_flags_and_due_items() {
    let (_d, cx) = created();
    let active = add(&cx, "B801200005001", "primary", 30);
    for (kind, days) in [
        (TransitionKind::Accept, 29),
        (TransitionKind::Allocate, 28),
        (TransitionKind::StartCycle, 22),
    ] {
        step(&cx, &active, kind, days).expect("step");
    }
    reading(&cx, &active, 20, 85);
    reading(&cx, &active, 2, 70);
    let declined = add(&cx, "P207000016049", "secondary", 10);
    step(&cx, &declined, TransitionKind::Decline, 9).expect("decline");
    let dash = dashboard::dashboard(&cx, ()).expect("dashboard");
    assert_eq!(dash.rows.len(), 1, "declined cases are not open");
    let row = &dash.rows[0];
    assert_eq!(row.attendance_pct, Some(70.0));
    assert_eq!(row.trend, Some(Trend::Down));
    assert!(row.persistent_absence && !row.severe_absence);
    assert_eq!(dash.due_this_week, vec![active]);
}

#[test]
fn the_funnel_counts_the_worked_cases_of_the_period_by_phase() {
    let (_d, cx) = created();
    let improved = add(&cx, "B801200005001", "primary", 60);
    reading(&cx, &improved, 60, 70);
    for (kind, days) in [
        (TransitionKind::Accept, 59),
        (TransitionKind::Allocate, 58),
        (TransitionKind::StartCycle, 55),
        (TransitionKind::Close, 10),
    ] {
        step(&cx, &improved, kind, days).expect("step");
    }
    reading(&cx, &improved, 11, 90);
    let family = add(&cx, "P207000016049", "secondary", 40);
    step(&cx, &family, TransitionKind::Accept, 39).expect("accept");
    step(&cx, &family, TransitionKind::FamilyDeclined, 30).expect("family declined");
    let report = reports::report_funnel(
        &cx,
        FunnelRequest {
            from: ago(90),
            to: ago(0),
        },
    )
    .expect("funnel");
    let row = |key: &str| {
        report
            .rows
            .iter()
            .find(|r| r.key == key)
            .expect("row")
            .clone()
    };
    assert_eq!(
        (
            row("cases_accepted").primary,
            row("cases_accepted").secondary,
            row("cases_accepted").total
        ),
        (1, 1, 2)
    );
    assert_eq!(row("assigned_afsw").total, 1);
    assert_eq!(row("closed_after_cycle").primary, 1);
    assert_eq!(row("closed_improved").primary, 1);
    assert_eq!(row("families_declined").secondary, 1);
    assert_eq!(report.improved_pct, vec![Some(100.0), None, Some(100.0)]);
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
fn settings_default_to_the_two_funnel_teams_and_a_six_week_cycle_and_can_change() {
    let (_d, cx) = created();
    let s = settings::settings_get(&cx, ()).expect("get");
    assert_eq!(
        s.teams.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        vec!["afsw", "taskforce"]
    );
    assert_eq!((s.cycle.cycle_weeks, s.cycle.midpoint_week), (6, 3));
    let mut changed = s.clone();
    changed.cycle = CycleSettings {
        cycle_weeks: 8,
        midpoint_week: 4,
    };
    changed.teams.push(Team {
        id: "early-help".into(),
        name: "Early help".into(),
    });
    assert_eq!(
        settings::settings_update(&cx, changed.clone()).expect("update"),
        changed
    );
    let bad = Settings {
        cycle: CycleSettings {
            cycle_weeks: 6,
            midpoint_week: 6,
        },
        ..changed
    };
    assert_eq!(
        settings::settings_update(&cx, bad).expect_err("bad").kind(),
        "validation"
    );
}

#[test]
fn search_answers_with_cases_matching_every_typed_word() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 3);
    add(&cx, "P207000016049", "secondary", 3);
    let hits = search::search(
        &cx,
        SearchRequest {
            query: "B80120".into(),
        },
    )
    .expect("search");
    assert_eq!(
        hits.iter().map(|h| h.case_id.clone()).collect::<Vec<_>>(),
        vec![id]
    );
    assert_eq!(
        search::search(
            &cx,
            SearchRequest {
                query: "testpupil synth".into()
            }
        )
        .expect("search")
        .len(),
        2
    );
    assert!(
        search::search(&cx, SearchRequest { query: "".into() })
            .expect("search")
            .is_empty()
    );
}
