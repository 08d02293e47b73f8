//! The worked example of docs/domain.md §9.1 gives the table printed there.

use chrono::NaiveDate;

use super::*;
use TransitionKind as T;

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

#[test]
fn the_worked_example_in_docs_domain_9_1_gives_its_table() {
    let day = |y: i32, m: u32, dd: u32| NaiveDate::from_ymd_opt(y, m, dd).expect("date");
    let case = |phase, referred, events, readings| CaseHistory {
        phase: Some(phase),
        referral_date: referred,
        events,
        readings,
    };
    let cases = [
        case(
            SchoolPhase::Primary,
            day(2025, 12, 10),
            vec![
                ev(T::Accept, day(2026, 1, 5)),
                alloc("afsw", day(2026, 1, 7)),
                ev(T::StartCycle, day(2026, 1, 12)),
                ev(T::Close, day(2026, 2, 23)),
            ],
            vec![
                (day(2025, 12, 10), Tenths(820)),
                (day(2026, 2, 20), Tenths(915)),
            ],
        ),
        case(
            SchoolPhase::Secondary,
            day(2025, 12, 1),
            vec![
                ev(T::Accept, day(2025, 12, 15)),
                alloc("taskforce", day(2026, 1, 8)),
            ],
            vec![],
        ),
        case(
            SchoolPhase::Secondary,
            day(2026, 1, 5),
            vec![ev(T::Decline, day(2026, 1, 20))],
            vec![],
        ),
        case(
            SchoolPhase::Special,
            day(2026, 1, 28),
            vec![ev(T::FamilyDeclined, day(2026, 2, 3))],
            vec![],
        ),
        case(
            SchoolPhase::Secondary,
            day(2026, 1, 2),
            vec![
                ev(T::Accept, day(2026, 1, 6)),
                alloc("afsw", day(2026, 1, 7)),
                ev(T::StartCycle, day(2026, 1, 12)),
                ev(T::Close, day(2026, 1, 14)),
            ],
            vec![],
        ),
    ];
    let f = funnel(
        &cases,
        day(2026, 1, 1),
        day(2026, 3, 31),
        CycleSettings::default(),
    );
    let row = |key| {
        let c = f.get(key);
        (c.primary, c.secondary, c.total)
    };
    assert_eq!(row(FunnelRowKey::CasesTriaged), (1, 2, 4));
    assert_eq!(row(FunnelRowKey::CasesAccepted), (1, 1, 2));
    assert_eq!(row(FunnelRowKey::AssignedAfsw), (1, 1, 2));
    assert_eq!(row(FunnelRowKey::AssignedTaskforce), (0, 1, 1));
    assert_eq!(row(FunnelRowKey::ClosedAfterCycle), (1, 0, 1));
    assert_eq!(row(FunnelRowKey::ClosedImproved), (1, 0, 1));
    assert_eq!(row(FunnelRowKey::FamiliesDeclined), (0, 0, 1));
    assert_eq!(
        f.improved_share(),
        [Some(Tenths(1000)), None, Some(Tenths(1000))]
    );
}
