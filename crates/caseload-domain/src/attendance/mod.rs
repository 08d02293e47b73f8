//! Attendance figures for one pupil over a period (docs/domain.md §5.1–§5.5, §5.8, §5.9): the
//! percentage, persistent and severe absence, the council's 10-point band, and the trend arrow.
//! The codes of §4 are in [`codes`]; the computations over a pupil's marks (including the
//! penalty notice threshold of §5.6 and the illness notification of §5.7) in [`summary`].
//! The same counts week by week, for a chart over weeks and terms, in [`weekly`]; the marks
//! themselves week by week, for an evidence bundle's register extract, in [`register`].

pub mod academic_year;
pub mod codes;
pub mod marks;
pub mod register;
pub mod summary;
pub mod weekly;

use serde::{Deserialize, Serialize};

/// Session counts as a school or the DfE summary reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionCounts {
    pub possible: u32,
    /// Present or approved educational activity.
    pub present: u32,
    pub authorised_absence: u32,
    pub unauthorised_absence: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionCountsError {
    #[error(
        "present ({present}) plus absences ({absent}) is more than the possible sessions ({possible})"
    )]
    MoreThanPossible {
        present: u32,
        absent: u32,
        possible: u32,
    },
}

/// An attendance percentage to one decimal place, held as tenths of a percent (0..=1000) so
/// that comparisons and bands are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Tenths(pub u16);

impl Tenths {
    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 10.0
    }
}

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

/// `round(100 × n / d)` to one decimal, half away from zero (§5.4), in exact integer arithmetic.
fn percent_tenths(n: u32, d: u32) -> Tenths {
    let n = u64::from(n) * 1000;
    let d = u64::from(d);
    // n/d in tenths, rounded half up (all values are non-negative, so half away from zero).
    Tenths(((2 * n + d) / (2 * d)) as u16)
}

impl SessionCounts {
    pub fn new(
        possible: u32,
        present: u32,
        authorised_absence: u32,
        unauthorised_absence: u32,
    ) -> Result<Self, SessionCountsError> {
        let absent = authorised_absence.saturating_add(unauthorised_absence);
        if present.saturating_add(absent) > possible {
            return Err(SessionCountsError::MoreThanPossible {
                present,
                absent,
                possible,
            });
        }
        Ok(SessionCounts {
            possible,
            present,
            authorised_absence,
            unauthorised_absence,
        })
    }

    /// §5.4: 100 × present / possible to one decimal; `None` when there are no possible sessions.
    pub fn attendance_pct(&self) -> Option<Tenths> {
        (self.possible > 0).then(|| percent_tenths(self.present, self.possible))
    }

    fn absence_at_least(&self, numerator: u64, denominator: u64) -> bool {
        // absent / possible ≥ numerator / denominator, exactly.
        let absent = u64::from(self.authorised_absence) + u64::from(self.unauthorised_absence);
        self.possible > 0 && absent * denominator >= numerator * u64::from(self.possible)
    }

    /// §5.5: absence ≥ 10% of possible sessions.
    pub fn persistent_absence(&self) -> bool {
        self.absence_at_least(1, 10)
    }

    /// §5.5: absence ≥ 50% of possible sessions.
    pub fn severe_absence(&self) -> bool {
        self.absence_at_least(1, 2)
    }

    /// §5.8: the 10-point band of the rounded whole percent.
    pub fn band(&self) -> Option<Band> {
        self.attendance_pct().map(Band::of)
    }
}

/// A 10-point attendance band used in council reports: 0–10, 11–20, …, 91–100 (§5.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Band {
    pub low: u8,
    pub high: u8,
}

impl Band {
    /// Band edges use the whole percent rounded half away from zero: 10.5% → 11 → "11-20".
    pub fn of(pct: Tenths) -> Band {
        let whole = (pct.0 + 5) / 10;
        let high = if whole <= 10 {
            10
        } else {
            whole.div_ceil(10) * 10
        };
        let low = if high == 10 { 0 } else { high - 9 };
        Band {
            low: low as u8,
            high: high as u8,
        }
    }

    pub fn label(&self) -> String {
        format!("{}-{}", self.low, self.high)
    }
}

/// The trend arrow of §5.9.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Trend {
    Up,
    Down,
    Level,
}

impl Trend {
    /// Compares the current percentage with the previous one: level when within ±1 point.
    pub fn between(previous: Tenths, current: Tenths) -> Trend {
        let delta = i32::from(current.0) - i32::from(previous.0);
        if delta > 10 {
            Trend::Up
        } else if delta < -10 {
            Trend::Down
        } else {
            Trend::Level
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn counts(possible: u32, present: u32, auth: u32, unauth: u32) -> SessionCounts {
        SessionCounts::new(possible, present, auth, unauth).expect("valid counts")
    }

    #[test]
    fn the_percentage_rounds_half_away_from_zero_to_one_decimal() {
        // 1/8 = 12.5% exactly; 1/3 = 33.33…%; 2/3 = 66.66…%; 1/16 = 6.25% → 6.3.
        assert_eq!(counts(8, 1, 7, 0).attendance_pct(), Some(Tenths(125)));
        assert_eq!(counts(3, 1, 2, 0).attendance_pct(), Some(Tenths(333)));
        assert_eq!(counts(3, 2, 1, 0).attendance_pct(), Some(Tenths(667)));
        assert_eq!(counts(16, 1, 15, 0).attendance_pct(), Some(Tenths(63)));
        assert_eq!(Tenths(63).to_string(), "6.3");
    }

    #[test]
    fn no_possible_sessions_means_no_percentage_no_flags_and_no_band() {
        let c = counts(0, 0, 0, 0);
        assert_eq!(c.attendance_pct(), None);
        assert!(!c.persistent_absence() && !c.severe_absence());
        assert_eq!(c.band(), None);
    }

    #[test]
    fn exactly_ten_percent_absence_is_persistent_and_just_under_is_not() {
        assert!(counts(100, 90, 5, 5).persistent_absence());
        assert!(!counts(1000, 901, 99, 0).persistent_absence());
    }

    #[test]
    fn exactly_fifty_percent_absence_is_severe_and_just_under_is_not() {
        assert!(counts(100, 50, 0, 50).severe_absence());
        assert!(!counts(1000, 501, 499, 0).severe_absence());
    }

    #[test]
    fn band_edges_use_the_rounded_whole_percent() {
        assert_eq!(Band::of(Tenths(104)).label(), "0-10");
        assert_eq!(Band::of(Tenths(105)).label(), "11-20");
        assert_eq!(Band::of(Tenths(0)).label(), "0-10");
        assert_eq!(Band::of(Tenths(200)).label(), "11-20");
        assert_eq!(Band::of(Tenths(204)).label(), "11-20");
        assert_eq!(Band::of(Tenths(205)).label(), "21-30");
        assert_eq!(Band::of(Tenths(905)).label(), "91-100");
        assert_eq!(Band::of(Tenths(1000)).label(), "91-100");
    }

    #[test]
    fn the_trend_is_level_within_one_point() {
        assert_eq!(Trend::between(Tenths(800), Tenths(810)), Trend::Level);
        assert_eq!(Trend::between(Tenths(800), Tenths(790)), Trend::Level);
        assert_eq!(Trend::between(Tenths(800), Tenths(811)), Trend::Up);
        assert_eq!(Trend::between(Tenths(800), Tenths(789)), Trend::Down);
    }

    #[test]
    fn counts_that_add_up_to_more_than_possible_are_refused() {
        assert!(SessionCounts::new(10, 8, 2, 1).is_err());
    }

    proptest! {
        #[test]
        fn the_percentage_is_always_within_0_and_100(possible in 1u32..100_000, present_share in 0u32..=100) {
            let present = (u64::from(possible) * u64::from(present_share) / 100) as u32;
            let pct = counts(possible, present, possible - present, 0).attendance_pct().expect("possible > 0");
            prop_assert!(pct.0 <= 1000);
            let exact = 100.0 * f64::from(present) / f64::from(possible);
            prop_assert!((pct.as_f64() - exact).abs() <= 0.05 + 1e-9);
        }

        #[test]
        fn severe_absence_implies_persistent_absence(possible in 1u32..10_000, absent_share in 0u32..=100) {
            let absent = (u64::from(possible) * u64::from(absent_share) / 100) as u32;
            let c = counts(possible, possible - absent, absent, 0);
            prop_assert!(!c.severe_absence() || c.persistent_absence());
        }

        #[test]
        fn bands_are_ten_points_wide_and_contain_the_rounded_percent(tenths in 0u16..=1000) {
            let band = Band::of(Tenths(tenths));
            let whole = (tenths + 5) / 10;
            prop_assert!(u16::from(band.low) <= whole && whole <= u16::from(band.high));
            prop_assert!(band.high.is_multiple_of(10));
        }
    }
}
