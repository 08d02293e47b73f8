//! Attendance by ward (docs/domain.md §9), as the council publishes it: for each ward, its share
//! of the authority's pupils in each 10-point band (§5.8) — a band's column sums to 100% down the
//! wards — with a Grand Total column (the ward's share of all banded pupils), an LA Total row and
//! a "Postcode unmatched" row for pupils with no ward; beside it each ward's overall attendance
//! this year against the same point last year, split all / primary / secondary. Kept as counts
//! and session sums, so two workers' figures add up; shares are derived at the end, here.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::attendance::{Band, SessionCounts, Tenths};
use crate::school::SchoolPhase;

/// Pupils with no ward (none in the import, and their postcode not in the postcode-to-ward
/// lookup, or no postcode) are counted under this name, so the columns still add up.
pub const NO_WARD: &str = "Postcode unmatched";
/// What [`NO_WARD`] was called before the council's shape (in deliveries from older builds).
const OLD_NO_WARD: &str = "Ward not recorded";
/// The label of the authority's totals row.
pub const LA_TOTAL: &str = "LA Total";

/// `part` as a percentage of `whole`, one decimal, half away from zero; `None` when `whole` is 0.
pub fn share(part: u64, whole: u64) -> Option<Tenths> {
    SessionSums {
        present: part,
        possible: whole,
    }
    .pct()
}

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

    /// The ward's pupils with a band: the count behind its Grand Total share.
    pub fn banded_pupils(&self) -> u32 {
        self.bands.iter().sum()
    }

    fn add(&mut self, other: &WardRow) {
        for (a, b) in self.bands.iter_mut().zip(other.bands) {
            *a += b;
        }
        self.no_band += other.no_band;
        self.this_year.add(&other.this_year);
        self.last_year.add(&other.last_year);
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

/// A pupil's ward comes from the import, or from its postcode through the lookup (the caller
/// resolves it); a pupil with neither is unmatched.
pub(super) fn ward_name(p: &WardPupil) -> &str {
    p.ward
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .unwrap_or(NO_WARD)
}

fn row_for<'a>(rows: &'a mut Vec<WardRow>, ward: &str) -> &'a mut WardRow {
    let ward = if ward == OLD_NO_WARD { NO_WARD } else { ward };
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
            row_for(&mut self.wards, &row.ward).add(row);
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

    /// The LA Total row: every ward's counts and sessions added, the unmatched row included.
    pub fn la_total(&self) -> WardRow {
        let mut total = WardRow::new(LA_TOTAL);
        for row in &self.wards {
            total.add(row);
        }
        total
    }

    /// The table's rows as the council publishes them: each ward, then "Postcode unmatched"
    /// (always, with zeros when every pupil has a ward), then the LA Total.
    pub fn rows_with_totals(&self) -> Vec<WardRow> {
        let mut rows = self.wards.clone();
        if !rows.iter().any(|r| r.ward == NO_WARD) {
            rows.push(WardRow::new(NO_WARD));
        }
        rows.push(self.la_total());
        rows
    }

    /// A row's share of the authority's pupils in each band: the row's count in the band ÷ the
    /// LA's count in the band × 100, one decimal, half away from zero; `None` for a band with no
    /// pupils anywhere. Down the wards (the unmatched row included) each band's shares add to
    /// 100, give or take the rounding of each cell.
    pub fn column_shares(&self, row: &WardRow) -> [Option<Tenths>; 10] {
        let la = self.la_total();
        std::array::from_fn(|i| share(u64::from(row.bands[i]), u64::from(la.bands[i])))
    }

    /// The Grand Total column: a row's banded pupils ÷ the LA's banded pupils × 100.
    pub fn grand_total_share(&self, row: &WardRow) -> Option<Tenths> {
        share(
            u64::from(row.banded_pupils()),
            u64::from(self.la_total().banded_pupils()),
        )
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
        assert_eq!(
            f.column_shares(meadow)[9],
            Some(Tenths(1000)),
            "the only 91-100"
        );
        assert_eq!(
            f.grand_total_share(meadow),
            Some(Tenths(667)),
            "2 of 3 banded"
        );
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

    /// Three wards and the unmatched, with counts that do not divide evenly: each band's column
    /// of shares adds to 100 (±0.1 for rounding), the Grand Total column too, and the LA Total
    /// row holds each band's count and 100%.
    #[test]
    fn each_bands_shares_sum_to_100_down_the_wards_with_an_la_total_and_grand_total() {
        let mut this_year = Vec::new();
        let spread: [(Option<&str>, u32, [u32; 3]); 4] = [
            (Some("Abbey"), 7, [1, 2, 3]),
            (Some("Meadow"), 11, [2, 5, 1]),
            (Some("Orchard"), 4, [0, 6, 2]),
            (None, 1, [1, 1, 0]),
        ];
        // Pupils at 95%, 55% and 25% in the numbers given, plus some at 75%.
        for (ward, at_75, [at_95, at_55, at_25]) in spread {
            for (n, present) in [(at_95, 95), (at_55, 55), (at_25, 25), (at_75, 75)] {
                for _ in 0..n {
                    this_year.push(pupil(ward, SchoolPhase::Primary, 100, present));
                }
            }
        }
        this_year.push(pupil(Some("Abbey"), SchoolPhase::Secondary, 0, 0));
        let f = ward_figures(&this_year, &[], None, None, vec![]);
        let names: Vec<&str> = f.wards.iter().map(|w| w.ward.as_str()).collect();
        assert_eq!(names, ["Abbey", "Meadow", "Orchard", NO_WARD]);

        let la = f.la_total();
        assert_eq!(la.ward, LA_TOTAL);
        assert_eq!(la.bands[9], 4, "95%: 1 + 2 + 0 + 1");
        assert_eq!(la.bands[7], 23, "75%: 7 + 11 + 4 + 1");
        assert_eq!(la.banded_pupils(), 47);
        assert_eq!(la.no_band, 1);
        assert_eq!(f.column_shares(&la)[7], Some(Tenths(1000)));
        assert_eq!(f.column_shares(&la)[0], None, "no pupil below 11%");
        assert_eq!(f.grand_total_share(&la), Some(Tenths(1000)));

        for band in 0..10 {
            let shares: Vec<Tenths> = f
                .wards
                .iter()
                .filter_map(|w| f.column_shares(w)[band])
                .collect();
            if la.bands[band] == 0 {
                assert!(shares.is_empty());
                continue;
            }
            let sum: i32 = shares.iter().map(|t| i32::from(t.0)).sum();
            assert!((sum - 1000).abs() <= 1, "band {band}: {sum} tenths");
        }
        let grand: i32 = f
            .wards
            .iter()
            .filter_map(|w| f.grand_total_share(w))
            .map(|t| i32::from(t.0))
            .sum();
        assert!((grand - 1000).abs() <= 1, "Grand Total column: {grand}");
        // Meadow has 11 of the 23 at 75%: 47.8%; and 19 of 47 pupils: 40.4%.
        assert_eq!(f.column_shares(&f.wards[1])[7], Some(Tenths(478)));
        assert_eq!(f.grand_total_share(&f.wards[1]), Some(Tenths(404)));
        // The unmatched row is a row like any other: 1 of the 4 at 95%.
        assert_eq!(f.column_shares(&f.wards[3])[9], Some(Tenths(250)));
        let rows: Vec<String> = f.rows_with_totals().into_iter().map(|r| r.ward).collect();
        assert_eq!(rows, ["Abbey", "Meadow", "Orchard", NO_WARD, LA_TOTAL]);
    }

    #[test]
    fn the_unmatched_row_is_shown_even_when_every_pupil_has_a_ward() {
        let f = ward_figures(
            &[pupil(Some("Meadow"), SchoolPhase::Primary, 100, 95)],
            &[],
            None,
            None,
            vec![],
        );
        let rows = f.rows_with_totals();
        let names: Vec<&str> = rows.iter().map(|r| r.ward.as_str()).collect();
        assert_eq!(names, ["Meadow", NO_WARD, LA_TOTAL]);
        assert_eq!(rows[1].banded_pupils(), 0);
        assert_eq!(f.column_shares(&rows[1])[9], Some(Tenths(0)));
    }

    #[test]
    fn an_older_deliverys_ward_not_recorded_row_joins_postcode_unmatched() {
        let mut team = ward_figures(
            &[pupil(None, SchoolPhase::Primary, 100, 95)],
            &[],
            None,
            None,
            vec!["aaa".into()],
        );
        let mut old = team.clone();
        old.sources = vec!["bbb".into()];
        old.wards[0].ward = OLD_NO_WARD.into();
        assert!(team.add(&old));
        assert_eq!(team.wards.len(), 1);
        assert_eq!(team.wards[0].ward, NO_WARD);
        assert_eq!(team.wards[0].bands[9], 2);
    }
}
