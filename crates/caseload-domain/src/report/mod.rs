//! Figures the council reports (docs/domain.md §9), as typed, summable values: the case funnel by
//! phase, attendance by ward and the caseload by band. A worker's export carries these figures;
//! the team aggregation adds several workers' figures with [`FunnelFigures::add`] and [`WardFigures::add`] and then
//! derives shares and percentages exactly as a single worker's export does. Funnels add only
//! when they count the same period with the same review cycle: figures of different periods are
//! never summed. No I/O here.

pub mod bands;
pub mod ward;
pub mod ward_groups;

pub use bands::CaseloadBands;
pub use ward::{
    LA_TOTAL, NO_WARD, PhaseSessions, SessionSums, WardFigures, WardPupil, WardRow, share,
    ward_figures,
};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::attendance::Tenths;
use crate::funnel::{Funnel, FunnelRowKey, PhaseCounts};

/// The funnel's counts for a period, in row order. Sums, never shares, so they add up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelFigures {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rows: Vec<FunnelFigureRow>,
    /// The review cycle's length "closed after the cycle" was counted with; a delivery made
    /// before this was written reads as the default, 6.
    #[serde(default = "default_cycle_weeks")]
    pub cycle_weeks: u8,
}

fn default_cycle_weeks() -> u8 {
    crate::case::CycleSettings::default().cycle_weeks
}

/// Two funnels that cannot be added: they count different periods, or the same period with
/// review cycles of different lengths.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "The funnel for {their_from} to {their_to} ({their_weeks}-week cycle) cannot be added to \
     the one for {from} to {to} ({weeks}-week cycle): report each period on its own"
)]
pub struct FunnelMismatch {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub weeks: u8,
    pub their_from: NaiveDate,
    pub their_to: NaiveDate,
    pub their_weeks: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelFigureRow {
    pub key: FunnelRowKey,
    pub primary: u32,
    pub secondary: u32,
    pub total: u32,
}

impl FunnelFigures {
    pub fn from_funnel(funnel: &Funnel, from: NaiveDate, to: NaiveDate) -> FunnelFigures {
        FunnelFigures {
            from,
            to,
            cycle_weeks: funnel.cycle_weeks,
            rows: funnel
                .rows
                .iter()
                .map(|(key, c)| FunnelFigureRow {
                    key: *key,
                    primary: c.primary,
                    secondary: c.secondary,
                    total: c.total,
                })
                .collect(),
        }
    }

    /// The period and cycle a funnel counts: only funnels with the same key add up.
    pub fn period_key(&self) -> (NaiveDate, NaiveDate, u8) {
        (self.from, self.to, self.cycle_weeks)
    }

    /// Adds another worker's funnel for the same period and cycle, row by row (rows are matched
    /// by key, so the order of either side does not matter). A funnel for another period (or
    /// cycle length) is refused, and nothing is added.
    pub fn add(&mut self, other: &FunnelFigures) -> Result<(), FunnelMismatch> {
        if self.period_key() != other.period_key() {
            return Err(FunnelMismatch {
                from: self.from,
                to: self.to,
                weeks: self.cycle_weeks,
                their_from: other.from,
                their_to: other.to,
                their_weeks: other.cycle_weeks,
            });
        }
        for theirs in &other.rows {
            match self.rows.iter_mut().find(|r| r.key == theirs.key) {
                Some(mine) => {
                    mine.primary += theirs.primary;
                    mine.secondary += theirs.secondary;
                    mine.total += theirs.total;
                }
                None => self.rows.push(theirs.clone()),
            }
        }
        self.rows
            .sort_by_key(|r| FunnelRowKey::ALL.iter().position(|k| *k == r.key));
        Ok(())
    }

    pub fn to_funnel(&self) -> Funnel {
        Funnel {
            rows: FunnelRowKey::ALL
                .into_iter()
                .map(|key| {
                    let counts = self
                        .rows
                        .iter()
                        .find(|r| r.key == key)
                        .map(|r| PhaseCounts {
                            primary: r.primary,
                            secondary: r.secondary,
                            total: r.total,
                        })
                        .unwrap_or_default();
                    (key, counts)
                })
                .collect(),
            cycle_weeks: self.cycle_weeks,
        }
    }

    /// "Closed with attendance improved" as % of "closed after the cycle": primary,
    /// secondary, total.
    pub fn improved_share(&self) -> [Option<Tenths>; 3] {
        self.to_funnel().improved_share()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).expect("date")
    }

    fn figures(closed: u32, improved: u32, from: NaiveDate, to: NaiveDate) -> FunnelFigures {
        let mut rows: Vec<FunnelFigureRow> = FunnelRowKey::ALL
            .into_iter()
            .map(|key| FunnelFigureRow {
                key,
                primary: 1,
                secondary: 0,
                total: 1,
            })
            .collect();
        rows[4] = FunnelFigureRow {
            key: FunnelRowKey::ClosedAfterCycle,
            primary: closed,
            secondary: 0,
            total: closed,
        };
        rows[5] = FunnelFigureRow {
            key: FunnelRowKey::ClosedImproved,
            primary: improved,
            secondary: 0,
            total: improved,
        };
        FunnelFigures {
            from,
            to,
            rows,
            cycle_weeks: 6,
        }
    }

    #[test]
    fn adding_funnels_sums_each_row_and_recomputes_the_improved_share() {
        let mut team = figures(2, 1, d(9, 1), d(12, 19));
        let mut other = figures(2, 2, d(9, 1), d(12, 19));
        other.rows.reverse();
        team.add(&other).expect("same period");
        assert_eq!((team.from, team.to), (d(9, 1), d(12, 19)));
        assert_eq!(team.rows[0].key, FunnelRowKey::CasesTriaged);
        assert_eq!(team.rows[0].total, 2);
        assert_eq!(team.rows[4].total, 4);
        assert_eq!(team.improved_share()[2], Some(Tenths(750)));
        assert_eq!(team.improved_share()[1], None);
    }

    #[test]
    fn funnels_of_different_periods_or_cycles_are_refused_and_nothing_is_added() {
        let mut autumn = figures(2, 1, d(9, 1), d(12, 19));
        let before = autumn.clone();
        let spring_2024 = FunnelFigures {
            from: NaiveDate::from_ymd_opt(2024, 1, 2).expect("date"),
            to: NaiveDate::from_ymd_opt(2024, 3, 28).expect("date"),
            ..figures(1, 1, d(1, 1), d(1, 1))
        };
        let e = autumn.add(&spring_2024).expect_err("another period");
        assert!(e.to_string().contains("2024-01-02 to 2024-03-28"), "{e}");
        assert_eq!(
            autumn, before,
            "nothing was added and the period did not widen"
        );
        let eight_weeks = FunnelFigures {
            cycle_weeks: 8,
            ..figures(1, 1, d(9, 1), d(12, 19))
        };
        assert!(autumn.add(&eight_weeks).is_err());
        assert_eq!(autumn, before);
    }

    #[test]
    fn a_delivery_without_a_cycle_length_reads_as_six_weeks() {
        let json = r#"{"from":"2026-09-01","to":"2026-12-18","rows":[]}"#;
        let f: FunnelFigures = serde_json::from_str(json).expect("reads");
        assert_eq!(f.cycle_weeks, 6);
    }
}
