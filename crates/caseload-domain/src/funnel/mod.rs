//! The termly case funnel by phase (docs/domain.md §9), computed from each case's dated history,
//! with the council's rows and definitions. For a period `from..=to`, each case counts at most
//! once per row (also in docs/reports.md):
//! - cases triaged: accepted, declined, or the family declined support at triage (before the
//!   case was accepted), on a date in the period;
//! - cases accepted: an accept dated in the period;
//! - assigned to attendance and family support workers / to the attendance taskforce: an
//!   allocation to that team dated in the period;
//! - closed after the N-week cycle: a closure dated in the period, of a case that had completed
//!   a full review cycle (see [`CaseHistory::closure_after_cycle`]); a case closed two days into
//!   its cycle is not counted;
//! - closed with attendance improved: of those, attendance at closure above attendance at
//!   referral (both known), also as a % of them;
//! - families declining support: a "family declined" dated in the period, at triage or later.
//!
//! Columns: primary, secondary, and total — total counts every case, including special schools,
//! alternative provision and pupils whose phase is not recorded.

mod history;
#[cfg(test)]
mod spring_2024_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod worked_example_tests;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::attendance::Tenths;
use crate::case::{CycleSettings, TransitionKind};
use crate::local_model::LocalModel;
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
    /// In the order they were recorded (which is date order).
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

    /// The council's row label. "Closed after the 6-week cycle" names the cycle length the
    /// figures were counted with (`cycle_weeks`, from the review-cycle setting).
    pub fn label(self, cycle_weeks: u8) -> String {
        match self {
            FunnelRowKey::CasesTriaged => "Cases triaged".into(),
            FunnelRowKey::CasesAccepted => "Cases accepted".into(),
            FunnelRowKey::AssignedAfsw => {
                "Assigned to attendance and family support workers".into()
            }
            FunnelRowKey::AssignedTaskforce => "Assigned to the attendance taskforce".into(),
            FunnelRowKey::ClosedAfterCycle => cycle_row_label(cycle_weeks),
            FunnelRowKey::ClosedImproved => "Closed with attendance improved".into(),
            FunnelRowKey::FamiliesDeclined => "Families declining support".into(),
        }
    }
}

/// "Closed after the 6-week cycle".
fn cycle_row_label(cycle_weeks: u8) -> String {
    format!("Closed after the {cycle_weeks}-week cycle")
}

/// The derived row under the seven counted ones.
pub fn improved_share_label(cycle_weeks: u8) -> String {
    format!("Closed with attendance improved, % of those closed after the {cycle_weeks}-week cycle")
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
    /// The review cycle's length the "closed after the cycle" row was counted with.
    pub cycle_weeks: u8,
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

pub fn funnel(
    cases: &[CaseHistory],
    from: NaiveDate,
    to: NaiveDate,
    cycle: CycleSettings,
) -> Funnel {
    let mut counts = [PhaseCounts::default(); 7];
    for case in cases {
        let has = |wanted: &dyn Fn(&HistoryEvent) -> bool| case.in_period(from, to, wanted);
        let team_is = |team: &'static str| {
            move |e: &HistoryEvent| {
                e.kind == TransitionKind::Allocate && e.team.as_deref() == Some(team)
            }
        };
        let closed_on = case.closure_after_cycle(from, to, cycle);
        let improved = closed_on.is_some_and(|closed| {
            match (case.attendance_at_referral(), case.attendance_on(closed)) {
                (Some(before), Some(after)) => after > before,
                _ => false,
            }
        });
        let flags = [
            case.triaged_in(from, to),
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
        cycle_weeks: cycle.cycle_weeks,
    }
}

/// The funnel again for each group of the council's local model (docs/domain.md §5.11): the
/// cases whose attendance at referral is in the group's range, in the model's order. A case in
/// range for two groups counts in both; a case with no attendance at referral is in none.
pub fn by_model_group(
    cases: &[CaseHistory],
    from: NaiveDate,
    to: NaiveDate,
    cycle: CycleSettings,
    model: &LocalModel,
) -> Vec<(String, Funnel)> {
    model
        .groups
        .iter()
        .map(|group| {
            let in_range: Vec<CaseHistory> = cases
                .iter()
                .filter(|c| c.attendance_at_referral().is_some_and(|p| group.holds(p)))
                .cloned()
                .collect();
            (group.name.clone(), funnel(&in_range, from, to, cycle))
        })
        .collect()
}
