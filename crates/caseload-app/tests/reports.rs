//! The termly case funnel on a temporary encrypted store.

mod common;

use caseload_app::reports::{self, FunnelRequest};
use caseload_domain::case::TransitionKind;
use common::*;

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
