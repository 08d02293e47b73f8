//! The funnel's rows, one definition at a time.

use super::*;
use TransitionKind as T;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).expect("date")
}

fn ev(kind: TransitionKind, on: NaiveDate) -> HistoryEvent {
    HistoryEvent {
        kind,
        on_date: on,
        team: None,
    }
}

fn alloc(team: &str, on: NaiveDate) -> HistoryEvent {
    HistoryEvent {
        kind: T::Allocate,
        on_date: on,
        team: Some(team.into()),
    }
}

fn worked_case(phase: SchoolPhase, before: u16, after: u16) -> CaseHistory {
    CaseHistory {
        phase: Some(phase),
        referral_date: d(9, 8),
        events: vec![
            ev(T::Accept, d(9, 10)),
            alloc("afsw", d(9, 11)),
            ev(T::StartCycle, d(9, 14)),
            ev(T::Close, d(10, 26)),
        ],
        readings: vec![(d(9, 5), Tenths(before)), (d(10, 23), Tenths(after))],
    }
}

const FROM: (u32, u32) = (9, 1);
const TO: (u32, u32) = (12, 19);

fn run(cases: &[CaseHistory]) -> Funnel {
    funnel(
        cases,
        d(FROM.0, FROM.1),
        d(TO.0, TO.1),
        CycleSettings::default(),
    )
}

#[test]
fn a_worked_case_counts_in_every_row_it_passed_through() {
    let f = run(&[worked_case(SchoolPhase::Primary, 800, 900)]);
    for key in [
        FunnelRowKey::CasesTriaged,
        FunnelRowKey::CasesAccepted,
        FunnelRowKey::AssignedAfsw,
        FunnelRowKey::ClosedAfterCycle,
        FunnelRowKey::ClosedImproved,
    ] {
        assert_eq!(
            f.get(key),
            PhaseCounts {
                primary: 1,
                secondary: 0,
                total: 1
            },
            "{key:?}"
        );
    }
    assert_eq!(f.get(FunnelRowKey::AssignedTaskforce).total, 0);
    assert_eq!(f.get(FunnelRowKey::FamiliesDeclined).total, 0);
}

#[test]
fn attendance_that_did_not_rise_is_not_an_improvement_and_the_share_says_so() {
    let f = run(&[
        worked_case(SchoolPhase::Secondary, 800, 900),
        worked_case(SchoolPhase::Secondary, 800, 800),
    ]);
    assert_eq!(f.get(FunnelRowKey::ClosedAfterCycle).secondary, 2);
    assert_eq!(f.get(FunnelRowKey::ClosedImproved).secondary, 1);
    assert_eq!(
        f.improved_share(),
        [None, Some(Tenths(500)), Some(Tenths(500))]
    );
}

#[test]
fn events_outside_the_period_do_not_count() {
    let f = funnel(
        &[worked_case(SchoolPhase::Primary, 800, 900)],
        d(11, 1),
        d(12, 19),
        CycleSettings::default(),
    );
    assert!(f.rows.iter().all(|(_, c)| c.total == 0));
}

#[test]
fn a_closure_without_a_started_cycle_is_not_closed_after_the_cycle() {
    let case = CaseHistory {
        phase: Some(SchoolPhase::Primary),
        referral_date: d(9, 8),
        events: vec![
            ev(T::Accept, d(9, 10)),
            alloc("taskforce", d(9, 11)),
            ev(T::Close, d(9, 20)),
        ],
        readings: vec![],
    };
    let f = run(&[case]);
    assert_eq!(f.get(FunnelRowKey::AssignedTaskforce).total, 1);
    assert_eq!(f.get(FunnelRowKey::ClosedAfterCycle).total, 0);
}

#[test]
fn special_schools_and_unknown_phases_count_in_the_total_only() {
    let mut unknown = worked_case(SchoolPhase::Primary, 800, 900);
    unknown.phase = None;
    let f = run(&[worked_case(SchoolPhase::Special, 800, 900), unknown]);
    assert_eq!(
        f.get(FunnelRowKey::CasesAccepted),
        PhaseCounts {
            primary: 0,
            secondary: 0,
            total: 2
        }
    );
}

#[test]
fn declines_by_the_school_and_by_the_family_are_separate_rows() {
    let declined = CaseHistory {
        phase: Some(SchoolPhase::Primary),
        referral_date: d(9, 8),
        events: vec![ev(T::Decline, d(9, 9))],
        readings: vec![],
    };
    let family = CaseHistory {
        phase: Some(SchoolPhase::Secondary),
        referral_date: d(9, 8),
        events: vec![ev(T::Accept, d(9, 9)), ev(T::FamilyDeclined, d(9, 12))],
        readings: vec![],
    };
    let f = run(&[declined, family]);
    assert_eq!(f.get(FunnelRowKey::CasesTriaged).total, 2);
    assert_eq!(f.get(FunnelRowKey::CasesAccepted).total, 1);
    assert_eq!(
        f.get(FunnelRowKey::FamiliesDeclined),
        PhaseCounts {
            primary: 0,
            secondary: 1,
            total: 1
        }
    );
}

#[test]
fn attendance_at_referral_falls_back_to_the_first_later_reading() {
    let mut case = worked_case(SchoolPhase::Primary, 800, 900);
    case.readings = vec![(d(9, 12), Tenths(700)), (d(10, 23), Tenths(750))];
    assert_eq!(case.attendance_at_referral(), Some(Tenths(700)));
}

fn cycle_case(events: Vec<HistoryEvent>) -> CaseHistory {
    CaseHistory {
        phase: Some(SchoolPhase::Secondary),
        referral_date: d(9, 2),
        events,
        readings: vec![(d(9, 2), Tenths(700)), (d(10, 1), Tenths(800))],
    }
}

#[test]
fn a_case_closed_two_days_into_its_cycle_is_not_closed_after_the_cycle() {
    // "Moved out of area": the cycle had started but was nowhere near complete.
    let moved = cycle_case(vec![
        ev(T::Accept, d(9, 3)),
        alloc("afsw", d(9, 4)),
        ev(T::StartCycle, d(9, 7)),
        ev(T::Close, d(9, 9)),
    ]);
    let f = run(&[moved]);
    assert_eq!(f.get(FunnelRowKey::ClosedAfterCycle).total, 0);
    assert_eq!(f.get(FunnelRowKey::ClosedImproved).total, 0);
    assert_eq!(f.improved_share(), [None, None, None]);
}

#[test]
fn a_closure_on_the_day_the_cycle_ends_counts_and_one_the_day_before_does_not() {
    let closed_on = |day: NaiveDate| {
        cycle_case(vec![
            ev(T::Accept, d(9, 3)),
            alloc("afsw", d(9, 4)),
            ev(T::StartCycle, d(9, 7)),
            ev(T::Close, day),
        ])
    };
    // 7 September + 6 weeks = 19 October.
    assert_eq!(
        run(&[closed_on(d(10, 19))])
            .get(FunnelRowKey::ClosedAfterCycle)
            .total,
        1
    );
    assert_eq!(
        run(&[closed_on(d(10, 18))])
            .get(FunnelRowKey::ClosedAfterCycle)
            .total,
        0
    );
}

#[test]
fn a_review_recorded_before_the_closure_completes_the_cycle() {
    let reviewed = cycle_case(vec![
        ev(T::Accept, d(9, 3)),
        alloc("afsw", d(9, 4)),
        ev(T::StartCycle, d(9, 7)),
        ev(T::MidpointCheck, d(9, 28)),
        ev(T::Review, d(10, 12)),
        ev(T::Close, d(10, 13)),
    ]);
    let f = run(&[reviewed]);
    assert_eq!(f.get(FunnelRowKey::ClosedAfterCycle).secondary, 1);
    assert_eq!(f.get(FunnelRowKey::ClosedImproved).secondary, 1);
}

#[test]
fn a_midpoint_check_alone_does_not_complete_the_cycle() {
    let checked = cycle_case(vec![
        ev(T::Accept, d(9, 3)),
        alloc("afsw", d(9, 4)),
        ev(T::StartCycle, d(9, 7)),
        ev(T::MidpointCheck, d(9, 28)),
        ev(T::Close, d(9, 30)),
    ]);
    assert_eq!(run(&[checked]).get(FunnelRowKey::ClosedAfterCycle).total, 0);
}

#[test]
fn the_cycle_length_comes_from_the_setting_and_names_the_row() {
    let six_weeks = cycle_case(vec![
        ev(T::Accept, d(9, 3)),
        alloc("afsw", d(9, 4)),
        ev(T::StartCycle, d(9, 7)),
        ev(T::Close, d(10, 19)),
    ]);
    let eight = CycleSettings {
        cycle_weeks: 8,
        midpoint_week: 4,
    };
    let f = funnel(&[six_weeks], d(9, 1), d(12, 19), eight);
    assert_eq!(f.get(FunnelRowKey::ClosedAfterCycle).total, 0);
    assert_eq!(f.cycle_weeks, 8);
    assert_eq!(
        FunnelRowKey::ClosedAfterCycle.label(8),
        "Closed after the 8-week cycle"
    );
    assert_eq!(
        FunnelRowKey::ClosedAfterCycle.label(6),
        "Closed after the 6-week cycle"
    );
}

#[test]
fn a_reopened_case_starts_a_new_cycle_before_its_next_closure_counts() {
    let reopened = cycle_case(vec![
        ev(T::Accept, d(9, 3)),
        alloc("afsw", d(9, 4)),
        ev(T::StartCycle, d(9, 7)),
        ev(T::Close, d(10, 19)),
        ev(T::Reopen, d(11, 2)),
        ev(T::Close, d(11, 4)),
    ]);
    let autumn_first_half = funnel(
        std::slice::from_ref(&reopened),
        d(9, 1),
        d(10, 31),
        CycleSettings::default(),
    );
    assert_eq!(
        autumn_first_half.get(FunnelRowKey::ClosedAfterCycle).total,
        1
    );
    let autumn_second_half = funnel(&[reopened], d(11, 1), d(12, 19), CycleSettings::default());
    assert_eq!(
        autumn_second_half.get(FunnelRowKey::ClosedAfterCycle).total,
        0
    );
}

#[test]
fn a_family_declining_at_triage_is_triaged_and_one_declining_later_is_not_triaged_again() {
    let at_triage = CaseHistory {
        phase: Some(SchoolPhase::Primary),
        referral_date: d(9, 8),
        events: vec![ev(T::FamilyDeclined, d(9, 9))],
        readings: vec![],
    };
    // Accepted last term; the family declines this term, after allocation.
    let later = CaseHistory {
        phase: Some(SchoolPhase::Primary),
        referral_date: d(6, 1),
        events: vec![
            ev(T::Accept, d(6, 2)),
            alloc("afsw", d(6, 3)),
            ev(T::FamilyDeclined, d(9, 20)),
        ],
        readings: vec![],
    };
    let f = run(&[at_triage, later]);
    assert_eq!(f.get(FunnelRowKey::CasesTriaged).primary, 1);
    assert_eq!(f.get(FunnelRowKey::CasesAccepted).primary, 0);
    assert_eq!(f.get(FunnelRowKey::FamiliesDeclined).primary, 2);
}

#[test]
fn a_case_reopened_after_a_decline_and_triaged_again_counts_once() {
    let again = CaseHistory {
        phase: Some(SchoolPhase::Primary),
        referral_date: d(9, 2),
        events: vec![
            ev(T::Decline, d(9, 3)),
            ev(T::Reopen, d(9, 10)),
            ev(T::FamilyDeclined, d(9, 11)),
        ],
        readings: vec![],
    };
    let f = run(&[again]);
    assert_eq!(f.get(FunnelRowKey::CasesTriaged).primary, 1);
    assert_eq!(f.get(FunnelRowKey::FamiliesDeclined).primary, 1);
}

#[test]
fn the_funnel_by_local_model_group_counts_cases_by_attendance_at_referral() {
    let model = crate::local_model::LocalModel::example();
    // At referral: 80% (Wave 1), 50% (Waves 2 and 3), 30% (no wave).
    let cases = [
        worked_case(SchoolPhase::Primary, 800, 900),
        worked_case(SchoolPhase::Secondary, 500, 600),
        worked_case(SchoolPhase::Secondary, 300, 400),
    ];
    let groups = by_model_group(
        &cases,
        d(FROM.0, FROM.1),
        d(TO.0, TO.1),
        CycleSettings::default(),
        &model,
    );
    let triaged: Vec<(String, u32, u32)> = groups
        .iter()
        .map(|(name, f)| {
            let c = f.get(FunnelRowKey::CasesTriaged);
            (name.clone(), c.primary, c.secondary)
        })
        .collect();
    assert_eq!(
        triaged,
        [
            ("Wave 1".to_string(), 1, 0),
            ("Wave 2".to_string(), 0, 1),
            ("Wave 3".to_string(), 0, 1),
        ]
    );
    assert_eq!(run(&cases).get(FunnelRowKey::CasesTriaged).total, 3);
}
