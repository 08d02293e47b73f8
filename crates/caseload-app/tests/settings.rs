//! The worker's settings (teams, review cycle) on a temporary encrypted store.

mod common;

use caseload_app::settings::{self, Settings};
use caseload_domain::CycleSettings;
use caseload_domain::transition::Team;
use common::*;

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
