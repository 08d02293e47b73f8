//! Attendance by ward (docs/domain.md §9): for each ward, how many of the authority's pupils are in
//! each 10-point band (§5.8), and the ward's overall attendance this year against the same
//! point last year, split all / primary / secondary. Kept as counts and session sums, so two
//! workers' figures add up; percentages are derived at the end.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::attendance::{Band, SessionCounts, Tenths};
use crate::school::SchoolPhase;

/// Pupils with no ward recorded are counted under this name, so totals still add up.
pub const NO_WARD: &str = "Ward not recorded";

/// One pupil's figure as the ward tables need it: no name, no UPN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WardPupil {
    pub ward: Option<String>,
    pub phase: Option<SchoolPhase>,
    pub counts: SessionCounts,
}

/// Present and possible sessions summed over pupils.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSums {
    pub present: u64,
    pub possible: u64,
}

impl SessionSums {
    fn add(&mut self, other: SessionSums) {
        self.present += other.present;
        self.possible += other.possible;
    }

    /// 100 × present / possible, one decimal, half away from zero; `None` with nothing possible.
    pub fn pct(&self) -> Option<Tenths> {
        (self.possible > 0).then(|| {
            Tenths(((2 * self.present * 1000 + self.possible) / (2 * self.possible)) as u16)
        })
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseSessions {
    /// Every pupil, whatever the phase (so it can exceed primary + secondary).
    pub all: SessionSums,
    pub primary: SessionSums,
    pub secondary: SessionSums,
}

impl PhaseSessions {
    fn count(&mut self, phase: Option<SchoolPhase>, counts: &SessionCounts) {
        let sums = SessionSums {
            present: u64::from(counts.present),
            possible: u64::from(counts.possible),
        };
        self.all.add(sums);
        match phase {
            Some(SchoolPhase::Primary) => self.primary.add(sums),
            Some(SchoolPhase::Secondary) => self.secondary.add(sums),
            _ => {}
        }
    }

    fn add(&mut self, other: &PhaseSessions) {
        self.all.add(other.all);
        self.primary.add(other.primary);
        self.secondary.add(other.secondary);
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WardRow {
    pub ward: String,
    /// Pupils this year in each band: index 0 is 0–10%, 1 is 11–20%, … 9 is 91–100%.
    pub bands: [u32; 10],
    /// Pupils this year with no possible sessions, so no band.
    pub no_band: u32,
    pub this_year: PhaseSessions,
    pub last_year: PhaseSessions,
}

impl WardRow {
    fn new(ward: &str) -> WardRow {
        WardRow {
            ward: ward.to_string(),
            bands: [0; 10],
            no_band: 0,
            this_year: PhaseSessions::default(),
            last_year: PhaseSessions::default(),
        }
    }

    pub fn banded_pupils(&self) -> u32 {
        self.bands.iter().sum()
    }

    /// The share of the ward's banded pupils in each band, one decimal.
    pub fn band_shares(&self) -> [Option<Tenths>; 10] {
        let total = u64::from(self.banded_pupils());
        self.bands.map(|n| {
            SessionSums {
                present: u64::from(n),
                possible: total,
            }
            .pct()
        })
    }
}

/// The band labels in column order: "0-10", "11-20", … "91-100".
pub fn band_labels() -> [String; 10] {
    std::array::from_fn(|i| {
        let high = (i as u8 + 1) * 10;
        Band {
            low: if i == 0 { 0 } else { high - 9 },
            high,
        }
        .label()
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WardFigures {
    /// As-at date of this year's figures, and of last year's (`None` without a file from last
    /// year).
    pub this_year_as_at: Option<NaiveDate>,
    pub last_year_as_at: Option<NaiveDate>,
    /// SHA-256 of each attendance file the figures came from: two workers who imported the
    /// same authority-wide file hold the same pupils, and the team report counts them once.
    pub sources: Vec<String>,
    /// Sorted by ward name, [`NO_WARD`] last.
    pub wards: Vec<WardRow>,
}

fn ward_name(p: &WardPupil) -> &str {
    p.ward
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .unwrap_or(NO_WARD)
}

fn row_for<'a>(rows: &'a mut Vec<WardRow>, ward: &str) -> &'a mut WardRow {
    match rows.iter().position(|r| r.ward == ward) {
        Some(i) => &mut rows[i],
        None => {
            rows.push(WardRow::new(ward));
            rows.last_mut().expect("just pushed")
        }
    }
}

fn sort_wards(rows: &mut [WardRow]) {
    rows.sort_by(|a, b| {
        (a.ward == NO_WARD, a.ward.to_lowercase()).cmp(&(b.ward == NO_WARD, b.ward.to_lowercase()))
    });
}

/// Ward figures from this year's pupils (bands and this year's attendance) and last year's
/// pupils at the same point (last year's attendance).
pub fn ward_figures(
    this_year: &[WardPupil],
    last_year: &[WardPupil],
    this_year_as_at: Option<NaiveDate>,
    last_year_as_at: Option<NaiveDate>,
    sources: Vec<String>,
) -> WardFigures {
    let mut rows: Vec<WardRow> = Vec::new();
    for pupil in this_year {
        let row = row_for(&mut rows, ward_name(pupil));
        match pupil.counts.band() {
            Some(band) => row.bands[usize::from(band.high / 10 - 1)] += 1,
            None => row.no_band += 1,
        }
        row.this_year.count(pupil.phase, &pupil.counts);
    }
    for pupil in last_year {
        row_for(&mut rows, ward_name(pupil))
            .last_year
            .count(pupil.phase, &pupil.counts);
    }
    sort_wards(&mut rows);
    WardFigures {
        this_year_as_at,
        last_year_as_at,
        sources,
        wards: rows,
    }
}

impl WardFigures {
    /// Adds another worker's ward figures. Figures from exactly the same attendance files are
    /// the same pupils, so they are not added twice; returns whether they were added.
    pub fn add(&mut self, other: &WardFigures) -> bool {
        let mut mine = self.sources.clone();
        let mut theirs = other.sources.clone();
        mine.sort();
        theirs.sort();
        if !mine.is_empty() && mine == theirs {
            return false;
        }
        for row in &other.wards {
            let target = row_for(&mut self.wards, &row.ward);
            for (a, b) in target.bands.iter_mut().zip(row.bands) {
                *a += b;
            }
            target.no_band += row.no_band;
            target.this_year.add(&row.this_year);
            target.last_year.add(&row.last_year);
        }
        sort_wards(&mut self.wards);
        self.this_year_as_at = self.this_year_as_at.max(other.this_year_as_at);
        self.last_year_as_at = self.last_year_as_at.max(other.last_year_as_at);
        for s in &other.sources {
            if !self.sources.contains(s) {
                self.sources.push(s.clone());
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pupil(ward: Option<&str>, phase: SchoolPhase, possible: u32, present: u32) -> WardPupil {
        WardPupil {
            ward: ward.map(String::from),
            phase: Some(phase),
            counts: SessionCounts::new(possible, present, possible - present, 0).expect("counts"),
        }
    }

    #[test]
    fn pupils_are_counted_in_their_wards_band_and_sessions_sum_by_phase() {
        let this_year = [
            pupil(Some("Meadow"), SchoolPhase::Primary, 100, 95),
            pupil(Some("Meadow"), SchoolPhase::Secondary, 100, 45),
            pupil(Some("Abbey"), SchoolPhase::Primary, 200, 21),
            pupil(None, SchoolPhase::Primary, 0, 0),
        ];
        let last_year = [pupil(Some("Meadow"), SchoolPhase::Primary, 100, 80)];
        let f = ward_figures(&this_year, &last_year, None, None, vec![]);
        let names: Vec<&str> = f.wards.iter().map(|w| w.ward.as_str()).collect();
        assert_eq!(names, ["Abbey", "Meadow", NO_WARD]);
        let meadow = &f.wards[1];
        assert_eq!(meadow.bands[9], 1, "95% is in 91-100");
        assert_eq!(meadow.bands[4], 1, "45% is in 41-50");
        assert_eq!(meadow.this_year.all.pct(), Some(Tenths(700)));
        assert_eq!(meadow.this_year.primary.pct(), Some(Tenths(950)));
        assert_eq!(meadow.last_year.all.pct(), Some(Tenths(800)));
        assert_eq!(meadow.band_shares()[9], Some(Tenths(500)));
        assert_eq!(f.wards[0].bands[1], 1, "10.5% rounds to 11, so 11-20");
        assert_eq!(f.wards[2].no_band, 1);
        assert_eq!(band_labels()[0], "0-10");
        assert_eq!(band_labels()[9], "91-100");
    }

    #[test]
    fn adding_ward_figures_sums_counts_but_not_the_same_file_twice() {
        let a = ward_figures(
            &[pupil(Some("Meadow"), SchoolPhase::Primary, 100, 95)],
            &[],
            None,
            None,
            vec!["aaa".into()],
        );
        let b = ward_figures(
            &[pupil(Some("Meadow"), SchoolPhase::Primary, 100, 55)],
            &[],
            None,
            None,
            vec!["bbb".into()],
        );
        let mut team = a.clone();
        assert!(team.add(&b));
        assert_eq!(team.wards[0].banded_pupils(), 2);
        assert_eq!(team.wards[0].this_year.all.pct(), Some(Tenths(750)));
        assert!(
            !team.add(&team.clone()),
            "the same files are not added twice"
        );
        assert_eq!(team.wards[0].banded_pupils(), 2);
    }
}
