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
#[path = "ward_tests.rs"]
mod tests;
