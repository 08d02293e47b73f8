//! The termly case funnel by phase (docs/domain.md §9), computed from each case's dated history.
//! Row definitions (also in docs/reports.md), for a period `from..=to`, counting each case at
//! most once per row:
//! - triaged: an accept or decline dated in the period;
//! - accepted: an accept dated in the period;
//! - assigned to attendance and family support workers / to the attendance taskforce: an
//!   allocation to that team dated in the period;
//! - closed after the cycle: a closure dated in the period, of a case that had started a review
//!   cycle on or before that date;
//! - closed with attendance improved: of those, attendance at closure above attendance at
//!   referral (both known), also as a % of them;
//! - families declining support: a "family declined" dated in the period.
//!
//! Columns: primary, secondary, and total — total counts every case, including special schools,
//! alternative provision and pupils whose phase is not recorded.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::attendance::Tenths;
use crate::case::TransitionKind;
use crate::school::SchoolPhase;
use crate::transition::{AFSW_TEAM, TASKFORCE_TEAM};

/// One dated step of a case's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEvent {
    pub kind: TransitionKind,
    pub on_date: NaiveDate,
    pub team: Option<String>,
}

/// What the funnel needs to know about one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseHistory {
    pub phase: Option<SchoolPhase>,
    pub referral_date: NaiveDate,
    /// In date order.
    pub events: Vec<HistoryEvent>,
    /// Attendance readings `(as_at, percentage)`, in date order.
    pub readings: Vec<(NaiveDate, Tenths)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunnelRowKey {
    CasesTriaged,
    CasesAccepted,
    AssignedAfsw,
    AssignedTaskforce,
    ClosedAfterCycle,
    ClosedImproved,
    FamiliesDeclined,
}

impl FunnelRowKey {
    pub const ALL: [FunnelRowKey; 7] = [
        FunnelRowKey::CasesTriaged,
        FunnelRowKey::CasesAccepted,
        FunnelRowKey::AssignedAfsw,
        FunnelRowKey::AssignedTaskforce,
        FunnelRowKey::ClosedAfterCycle,
        FunnelRowKey::ClosedImproved,
        FunnelRowKey::FamiliesDeclined,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FunnelRowKey::CasesTriaged => "Cases triaged",
            FunnelRowKey::CasesAccepted => "Cases accepted",
            FunnelRowKey::AssignedAfsw => "Assigned to attendance and family support workers",
            FunnelRowKey::AssignedTaskforce => "Assigned to the attendance taskforce",
            FunnelRowKey::ClosedAfterCycle => "Closed after the review cycle",
            FunnelRowKey::ClosedImproved => "Closed with attendance improved",
            FunnelRowKey::FamiliesDeclined => "Families declining support",
        }
    }
}

/// Counts for one row: primary, secondary, total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PhaseCounts {
    pub primary: u32,
    pub secondary: u32,
    pub total: u32,
}

impl PhaseCounts {
    fn add(&mut self, phase: Option<SchoolPhase>) {
        match phase {
            Some(SchoolPhase::Primary) => self.primary += 1,
            Some(SchoolPhase::Secondary) => self.secondary += 1,
            _ => {}
        }
        self.total += 1;
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Funnel {
    pub rows: Vec<(FunnelRowKey, PhaseCounts)>,
}

impl Funnel {
    pub fn get(&self, key: FunnelRowKey) -> PhaseCounts {
        self.rows
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, c)| *c)
            .unwrap_or_default()
    }

    /// "Closed with attendance improved" as a % of "closed after the cycle", one decimal;
    /// `None` where nothing closed.
    pub fn improved_share(&self) -> [Option<Tenths>; 3] {
        let closed = self.get(FunnelRowKey::ClosedAfterCycle);
        let improved = self.get(FunnelRowKey::ClosedImproved);
        let share = |n: u32, d: u32| {
            (d > 0).then(|| Tenths(((2 * n as u64 * 1000 + d as u64) / (2 * d as u64)) as u16))
        };
        [
            share(improved.primary, closed.primary),
            share(improved.secondary, closed.secondary),
            share(improved.total, closed.total),
        ]
    }
}

/// The latest reading on or before `date`.
fn reading_at(readings: &[(NaiveDate, Tenths)], date: NaiveDate) -> Option<Tenths> {
    readings
        .iter()
        .rev()
        .find(|(at, _)| *at <= date)
        .map(|(_, pct)| *pct)
}

impl CaseHistory {
    /// Attendance at referral: the latest reading on or before the referral date, else the
    /// first reading after it (a reading is often taken just after referral).
    /// Attendance on a date: the latest reading on or before it (attendance at closure).
    pub fn attendance_on(&self, date: NaiveDate) -> Option<Tenths> {
        reading_at(&self.readings, date)
    }

    pub fn attendance_at_referral(&self) -> Option<Tenths> {
        reading_at(&self.readings, self.referral_date)
            .or_else(|| self.readings.first().map(|(_, pct)| *pct))
    }

    fn in_period(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        wanted: impl Fn(&HistoryEvent) -> bool,
    ) -> bool {
        self.events
            .iter()
            .any(|e| e.on_date >= from && e.on_date <= to && wanted(e))
    }

    /// The first closure in the period that followed the start of a review cycle.
    fn closure_after_cycle(&self, from: NaiveDate, to: NaiveDate) -> Option<NaiveDate> {
        self.events
            .iter()
            .filter(|e| e.kind == TransitionKind::Close && e.on_date >= from && e.on_date <= to)
            .map(|e| e.on_date)
            .find(|closed| {
                self.events
                    .iter()
                    .any(|e| e.kind == TransitionKind::StartCycle && e.on_date <= *closed)
            })
    }
}

pub fn funnel(cases: &[CaseHistory], from: NaiveDate, to: NaiveDate) -> Funnel {
    let mut counts = [PhaseCounts::default(); 7];
    for case in cases {
        let has = |wanted: &dyn Fn(&HistoryEvent) -> bool| case.in_period(from, to, wanted);
        let team_is = |team: &'static str| {
            move |e: &HistoryEvent| {
                e.kind == TransitionKind::Allocate && e.team.as_deref() == Some(team)
            }
        };
        let closed_on = case.closure_after_cycle(from, to);
        let improved = closed_on.is_some_and(|closed| {
            match (case.attendance_at_referral(), case.attendance_on(closed)) {
                (Some(before), Some(after)) => after > before,
                _ => false,
            }
        });
        let flags = [
            has(&|e| matches!(e.kind, TransitionKind::Accept | TransitionKind::Decline)),
            has(&|e| e.kind == TransitionKind::Accept),
            has(&team_is(AFSW_TEAM)),
            has(&team_is(TASKFORCE_TEAM)),
            closed_on.is_some(),
            improved,
            has(&|e| e.kind == TransitionKind::FamilyDeclined),
        ];
        for (count, flag) in counts.iter_mut().zip(flags) {
            if flag {
                count.add(case.phase);
            }
        }
    }
    Funnel {
        rows: FunnelRowKey::ALL.into_iter().zip(counts).collect(),
    }
}

#[cfg(test)]
mod tests {
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
        funnel(cases, d(FROM.0, FROM.1), d(TO.0, TO.1))
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
}
