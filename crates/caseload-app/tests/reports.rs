//! The termly case funnel and the caseload by attendance band, on a temporary encrypted store.

mod common;

use caseload_app::reports::{self, BandCountView, FunnelRequest};
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

#[test]
fn the_open_caseload_is_counted_by_the_band_of_each_cases_latest_attendance() {
    let (_d, cx) = created();
    let low = add(&cx, "B801200005001", "primary", 60);
    reading(&cx, &low, 30, 95);
    reading(&cx, &low, 5, 45);
    let high = add(&cx, "P207000016049", "secondary", 40);
    reading(&cx, &high, 3, 91);
    add(&cx, &caseload_app::demo::demo_upn(7), "secondary", 20);
    let closed = add(&cx, &caseload_app::demo::demo_upn(8), "primary", 50);
    reading(&cx, &closed, 4, 10);
    step(&cx, &closed, TransitionKind::Decline, 45).expect("declined");

    let report = reports::report_caseload_bands(&cx, ()).expect("bands");

    let band = |label: &str| -> u32 {
        report
            .bands
            .iter()
            .find(|b| b.band == label)
            .map_or(0, |b: &BandCountView| b.cases)
    };
    assert_eq!(report.bands.len(), 10);
    assert_eq!(report.bands[0].band, "0-10");
    assert_eq!(report.bands[9].band, "91-100");
    assert_eq!(
        band("41-50"),
        1,
        "the latest reading counts, not the earlier 95%"
    );
    assert_eq!(band("91-100"), 1);
    assert_eq!(band("0-10"), 0, "a declined case is not open");
    assert_eq!(report.no_figure, 1);
    assert_eq!(report.open_cases, 3);
    assert_eq!(
        report.bands.iter().map(|b| b.cases).sum::<u32>() + report.no_figure,
        report.open_cases
    );
}
