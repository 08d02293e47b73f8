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
        settings::settings_save(&cx, changed.clone()).expect("update"),
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
        settings::settings_save(&cx, bad).expect_err("bad").kind(),
        "validation"
    );
}

#[test]
fn a_shared_drive_folder_that_cannot_be_found_is_saved_with_a_warning() {
    use caseload_app::exchange::{self, ShareSettings};

    let (d, cx) = created();
    let settings_with = |folder: &std::path::Path| ShareSettings {
        folder: folder.display().to_string(),
        worker_id: "aw-7".into(),
        team: "Team".into(),
    };
    let missing = d.path().join("no-such-share");
    let saved = exchange::share_settings_save(&cx, settings_with(&missing)).expect("saved");
    assert_eq!(saved.settings.folder, missing.display().to_string());
    let warning = saved.warning.expect("a warning");
    assert!(
        warning.starts_with(&format!(
            "That folder cannot be found now: {}.",
            missing.display()
        )),
        "{warning}"
    );
    assert!(warning.contains("Caseload will deliver exports when it can reach it"));
    assert_eq!(
        exchange::share_settings_get(&cx, ()).expect("get").folder,
        missing.display().to_string(),
        "kept all the same"
    );

    let there = exchange::share_settings_save(&cx, settings_with(d.path())).expect("saved");
    assert_eq!(there.warning, None);
    let unset =
        exchange::share_settings_save(&cx, settings_with(std::path::Path::new(""))).expect("saved");
    assert_eq!(unset.warning, None, "no folder yet is not a problem");
}
