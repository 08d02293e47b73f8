//! Figures the council reports (docs/domain.md §9), as typed, summable values: the case funnel by
//! phase, attendance by ward and the caseload by band. A worker's export carries these figures;
//! the team aggregation adds several workers' figures with [`FunnelFigures::add`] and [`WardFigures::add`] and then
//! derives shares and percentages exactly as a single worker's export does. No I/O here.

pub mod bands;
pub mod ward;

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

    /// Adds another worker's funnel, row by row (rows are matched by key, so the order of
    /// either side does not matter). The period widens to cover both.
    pub fn add(&mut self, other: &FunnelFigures) {
        self.from = self.from.min(other.from);
        self.to = self.to.max(other.to);
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
        FunnelFigures { from, to, rows }
    }

    #[test]
    fn adding_funnels_sums_each_row_and_recomputes_the_improved_share() {
        let mut team = figures(2, 1, d(9, 1), d(12, 19));
        let mut other = figures(2, 2, d(9, 2), d(12, 20));
        other.rows.reverse();
        team.add(&other);
        assert_eq!(team.from, d(9, 1));
        assert_eq!(team.to, d(12, 20));
        assert_eq!(team.rows[0].key, FunnelRowKey::CasesTriaged);
        assert_eq!(team.rows[0].total, 2);
        assert_eq!(team.rows[4].total, 4);
        assert_eq!(team.improved_share()[2], Some(Tenths(750)));
        assert_eq!(team.improved_share()[1], None);
    }
}
