//! The worker's open caseload by attendance band (docs/domain.md §5.8): how many open cases sit
//! in each 10-point band of their current attendance, and how many have no figure yet. Counts,
//! never shares, so a team's caseloads add up. No I/O here.

use serde::{Deserialize, Serialize};

use crate::attendance::{Band, Tenths};

/// Open cases per band, lowest band first, and those with no attendance figure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseloadBands {
    /// `counts[0]` is 0–10 %, `counts[9]` is 91–100 % (the bands of [`super::ward::band_labels`]).
    pub counts: [u32; 10],
    pub no_figure: u32,
}

impl CaseloadBands {
    /// Counts each case's current attendance (`None`: no reading or import yet).
    pub fn count(current: impl IntoIterator<Item = Option<Tenths>>) -> CaseloadBands {
        let mut bands = CaseloadBands::default();
        for pct in current {
            match pct {
                Some(pct) => bands.counts[band_index(Band::of(pct))] += 1,
                None => bands.no_figure += 1,
            }
        }
        bands
    }

    pub fn total(&self) -> u32 {
        self.counts.iter().sum::<u32>() + self.no_figure
    }
}

fn band_index(band: Band) -> usize {
    usize::from(band.high / 10).saturating_sub(1).min(9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_case_counts_once_in_the_band_of_its_rounded_whole_percent() {
        let bands = CaseloadBands::count([
            Some(Tenths(0)),
            Some(Tenths(105)), // 10.5% rounds to 11: the 11-20 band
            Some(Tenths(104)), // 10.4% rounds to 10: the 0-10 band
            Some(Tenths(899)), // 89.9% rounds to 90: the 81-90 band
            Some(Tenths(905)), // 90.5% rounds to 91: the 91-100 band
            Some(Tenths(1000)),
            None,
        ]);
        assert_eq!(bands.counts, [2, 1, 0, 0, 0, 0, 0, 0, 1, 2]);
        assert_eq!(bands.no_figure, 1);
        assert_eq!(bands.total(), 7);
    }

    #[test]
    fn an_empty_caseload_has_no_cases_in_any_band() {
        assert_eq!(CaseloadBands::count([]), CaseloadBands::default());
    }
}
