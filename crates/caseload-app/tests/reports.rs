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

fn funnel_row(report: &reports::FunnelReport, key: &str) -> reports::FunnelRowView {
    report
        .rows
        .iter()
        .find(|r| r.key == key)
        .expect("row")
        .clone()
}

#[test]
fn a_family_declining_at_triage_is_triaged_and_a_closure_two_days_into_the_cycle_is_not_after_it() {
    let (_d, cx) = created();
    let family = add(&cx, "B801200005001", "primary", 30);
    step(&cx, &family, TransitionKind::FamilyDeclined, 28).expect("family declined at triage");
    let moved = add(&cx, "P207000016049", "secondary", 40);
    for (kind, days) in [
        (TransitionKind::Accept, 39),
        (TransitionKind::Allocate, 38),
        (TransitionKind::StartCycle, 20),
        (TransitionKind::Close, 18),
    ] {
        step(&cx, &moved, kind, days).expect("step");
    }
    let report = reports::report_funnel(
        &cx,
        FunnelRequest {
            from: ago(90),
            to: ago(0),
        },
    )
    .expect("funnel");
    let triaged = funnel_row(&report, "cases_triaged");
    assert_eq!((triaged.primary, triaged.secondary), (1, 1));
    assert_eq!(funnel_row(&report, "families_declined").primary, 1);
    let closed = funnel_row(&report, "closed_after_cycle");
    assert_eq!(closed.label, "Closed after the 6-week cycle");
    assert_eq!(closed.total, 0, "closed two days into its cycle");
    assert_eq!(report.improved_pct, vec![None, None, None]);
    assert_eq!(
        report.improved_pct_label,
        "Closed with attendance improved, % of those closed after the 6-week cycle"
    );
}

#[test]
fn the_funnel_counts_a_full_cycle_of_the_length_in_settings() {
    use caseload_app::settings;
    use caseload_domain::CycleSettings;

    let (_d, cx) = created();
    let case = add(&cx, "B801200005001", "primary", 80);
    for (kind, days) in [
        (TransitionKind::Accept, 79),
        (TransitionKind::Allocate, 78),
        (TransitionKind::StartCycle, 50),
        (TransitionKind::Close, 50 - 7 * 6),
    ] {
        step(&cx, &case, kind, days).expect("step");
    }
    let run = || {
        reports::report_funnel(
            &cx,
            FunnelRequest {
                from: ago(90),
                to: ago(0),
            },
        )
        .expect("funnel")
    };
    assert_eq!(funnel_row(&run(), "closed_after_cycle").primary, 1);
    let mut s = settings::settings_get(&cx, ()).expect("settings");
    s.cycle = CycleSettings {
        cycle_weeks: 8,
        midpoint_week: 4,
    };
    settings::settings_save(&cx, s).expect("save");
    let eight = run();
    let closed = funnel_row(&eight, "closed_after_cycle");
    assert_eq!(closed.label, "Closed after the 8-week cycle");
    assert_eq!(
        closed.primary, 0,
        "six weeks is not a full eight-week cycle"
    );
    assert_eq!(eight.cycle_weeks, 8);
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
