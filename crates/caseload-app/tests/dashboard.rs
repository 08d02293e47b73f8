//! The dashboard on a temporary encrypted store: open cases with attendance, trend, flags and
//! what is due.

mod common;

use caseload_app::dashboard;
use caseload_domain::attendance::Trend;
use caseload_domain::case::TransitionKind;
use common::*;

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
