//! The computations of docs/domain.md §5 over one pupil's session marks: the counts (§5.1–§5.3),
//! the percentage, persistent and severe absence and band (§5.4, §5.5, §5.8), the penalty
//! notice threshold (§5.6, [`fpn_threshold_met_on`]) and the long illness notification (§5.7,
//! [`illness_15_days_on`]). Pure functions over marks in any order; no I/O, and no grouping by
//! pupil (the caller hands over one pupil's marks at a time).

mod illness;
mod threshold;

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod properties;

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::codes::CodeCategory;
use super::marks::SessionMark;
use super::{Band, SessionCounts, Tenths};

pub use illness::illness_15_days_on;
pub use threshold::{fpn_threshold_met_on, fpn_threshold_met_on_or_after};

/// Everything §5 computes for one pupil over a set of session marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarksSummary {
    pub counts: SessionCounts,
    /// §5.4; `None` when there are no possible sessions.
    pub attendance_pct: Option<Tenths>,
    /// §5.5: absence ≥ 10% of possible sessions (false when there are none).
    pub persistent_absence: bool,
    /// §5.5: absence ≥ 50% of possible sessions (false when there are none).
    pub severe_absence: bool,
    /// §5.8; `None` when there are no possible sessions.
    pub band: Option<Band>,
    /// §5.6: the date the penalty notice threshold was first met.
    pub fpn_threshold_met_on: Option<NaiveDate>,
    /// §5.7: the earliest date of an academic year's 30th illness (`I`) mark.
    pub illness_15_days_on: Option<NaiveDate>,
}

/// Summarises one pupil's marks (§5). The marks may come in any order; each date and session
/// is expected at most once (the importer refuses duplicates).
pub fn summarise(marks: &[SessionMark]) -> MarksSummary {
    let counts = session_counts(marks);
    let ordered = in_order(marks);
    MarksSummary {
        counts,
        attendance_pct: counts.attendance_pct(),
        persistent_absence: counts.persistent_absence(),
        severe_absence: counts.severe_absence(),
        band: counts.band(),
        fpn_threshold_met_on: threshold::met_on_ordered(&ordered),
        illness_15_days_on: illness::thirtieth_on_ordered(&ordered),
    }
}

/// §5.1–§5.3: the session counts of the marks.
pub fn session_counts(marks: &[SessionMark]) -> SessionCounts {
    let (mut possible, mut present, mut authorised, mut unauthorised) = (0u32, 0u32, 0u32, 0u32);
    for mark in marks {
        let category = mark.category();
        if !category.is_possible() {
            continue;
        }
        possible = possible.saturating_add(1);
        match category {
            CodeCategory::Present | CodeCategory::ApprovedActivity => {
                present = present.saturating_add(1);
            }
            CodeCategory::AuthorisedAbsence => authorised = authorised.saturating_add(1),
            CodeCategory::UnauthorisedAbsence => unauthorised = unauthorised.saturating_add(1),
            CodeCategory::NotPossible => {}
        }
    }
    // Built directly rather than through `SessionCounts::new`: every possible mark adds one to
    // `possible` and one to exactly one of the other three, so present + absences == possible
    // by construction (saturation cannot break it below 2^32 marks, far beyond any register).
    SessionCounts {
        possible,
        present,
        authorised_absence: authorised,
        unauthorised_absence: unauthorised,
    }
}

/// The marks in date and session order, borrowed when they already are (an importer usually
/// hands them over sorted) and sorted in a copy otherwise.
fn in_order(marks: &[SessionMark]) -> Cow<'_, [SessionMark]> {
    let key = |m: &SessionMark| (m.date, m.session);
    if marks.is_sorted_by_key(key) {
        Cow::Borrowed(marks)
    } else {
        let mut sorted = marks.to_vec();
        sorted.sort_by_key(key);
        Cow::Owned(sorted)
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{day, mark, marks_from, nth_session, nth_weekday, weekday_marks};
    use super::*;
    use crate::attendance::marks::Session;

    #[test]
    fn the_counts_put_each_code_in_its_category_and_leave_out_not_possible_sessions() {
        let marks = marks_from(
            day(2025, 3, 3),
            &["/", "\\", "L", "K", "V", "I", "M", "N", "G"],
        );
        let mut with_closures = marks.clone();
        with_closures.extend(marks_from(
            day(2025, 3, 10),
            &["#", "X", "Y4", "Z", "D", "Q"],
        ));
        let s = summarise(&with_closures);
        assert_eq!(
            s.counts,
            SessionCounts {
                possible: 9,
                present: 5,
                authorised_absence: 2,
                unauthorised_absence: 2
            }
        );
        // 5 / 9 = 55.55…% → 55.6%.
        assert_eq!(s.attendance_pct, Some(Tenths(556)));
        assert!(s.persistent_absence && !s.severe_absence);
        assert_eq!(s.band.map(|b| b.label()), Some("51-60".to_string()));
    }

    #[test]
    fn exactly_ten_percent_absence_is_persistent_and_just_under_is_not() {
        // 1 absence in 10 possible sessions is exactly 10%.
        let mut codes = vec!["/"; 9];
        codes.push("O");
        let s = summarise(&marks_from(day(2025, 1, 6), &codes));
        assert_eq!(s.attendance_pct, Some(Tenths(900)));
        assert!(s.persistent_absence);
        // 1 in 11 is 9.09…%.
        codes.insert(0, "\\");
        let s = summarise(&marks_from(day(2025, 1, 6), &codes));
        assert!(!s.persistent_absence);
        assert_eq!(s.attendance_pct, Some(Tenths(909)));
    }

    #[test]
    fn exactly_half_absent_is_severe_absence_and_just_under_is_not() {
        let s = summarise(&marks_from(day(2025, 1, 6), &["/", "I", "\\", "N"]));
        assert_eq!(s.attendance_pct, Some(Tenths(500)));
        assert!(s.severe_absence && s.persistent_absence);
        // 2 absences in 5 possible sessions is 40%.
        let s = summarise(&marks_from(day(2025, 1, 6), &["/", "I", "\\", "N", "L"]));
        assert!(!s.severe_absence && s.persistent_absence);
    }

    #[test]
    fn an_attendance_of_10_4_percent_is_in_band_0_10_and_10_5_percent_in_band_11_20() {
        // 13 present in 125 possible = 10.4%.
        let marks = weekday_marks(day(2025, 1, 6), 125, |i| if i < 13 { "/" } else { "O" });
        let s = summarise(&marks);
        assert_eq!(s.attendance_pct, Some(Tenths(104)));
        assert_eq!(s.band.map(|b| b.label()), Some("0-10".to_string()));
        // 21 present in 200 possible = 10.5%, which rounds to 11.
        let marks = weekday_marks(day(2025, 1, 6), 200, |i| if i < 21 { "V" } else { "I" });
        let s = summarise(&marks);
        assert_eq!(s.attendance_pct, Some(Tenths(105)));
        assert_eq!(s.band.map(|b| b.label()), Some("11-20".to_string()));
    }

    #[test]
    fn a_pupil_with_only_not_possible_sessions_has_no_percentage_no_flags_and_no_band() {
        let s = summarise(&marks_from(
            day(2025, 9, 1),
            &["X", "Z", "#", "Y1", "Y7", "D", "Q"],
        ));
        assert_eq!(
            s.counts,
            SessionCounts::new(0, 0, 0, 0).expect("zero counts")
        );
        assert_eq!(s.attendance_pct, None);
        assert!(!s.persistent_absence && !s.severe_absence);
        assert_eq!(s.band, None);
        assert_eq!(s.fpn_threshold_met_on, None);
        assert_eq!(s.illness_15_days_on, None);
    }

    #[test]
    fn no_marks_at_all_summarise_to_nothing() {
        let s = summarise(&[]);
        assert_eq!(s.counts.possible, 0);
        assert_eq!((s.attendance_pct, s.band), (None, None));
        assert!(!s.persistent_absence && !s.severe_absence);
    }

    #[test]
    fn the_summary_carries_the_threshold_and_illness_dates_whatever_the_marks_order() {
        // Ten unauthorised sessions over one school week: the threshold is met on Friday PM.
        let mut marks = marks_from(day(2025, 3, 3), &["G"; 10]);
        // Fifteen school days of illness in the same academic year, from 10 March.
        marks.extend(marks_from(day(2025, 3, 10), &["I"; 30]));
        marks.reverse();
        let s = summarise(&marks);
        assert_eq!(s.fpn_threshold_met_on, Some(day(2025, 3, 7)));
        assert_eq!(s.illness_15_days_on, Some(day(2025, 3, 28)));
    }

    #[test]
    fn a_large_secondary_schools_600_000_marks_are_summarised_pupil_by_pupil() {
        // 1,000 pupils, 600 sessions each on the weekdays from 1 September 2025. Even pupils
        // miss one session in twenty (`N`, Monday AM every other week); odd pupils one in ten
        // (Monday AM every week), which meets the threshold on the 10th Monday, 3 November.
        let slots: Vec<(NaiveDate, Session)> = (0..600)
            .map(|i| (nth_weekday(day(2025, 9, 1), i / 2), nth_session(i)))
            .collect();
        let present = mark(slots[0].0, Session::Am, "/");
        let absent = mark(slots[0].0, Session::Am, "N");
        let mut summaries = Vec::new();
        for pupil in 0..1000 {
            let every = if pupil % 2 == 0 { 20 } else { 10 };
            let marks: Vec<SessionMark> = slots
                .iter()
                .enumerate()
                .map(|(i, (date, session))| {
                    let code = if i % every == 0 {
                        absent.code
                    } else {
                        present.code
                    };
                    SessionMark {
                        date: *date,
                        session: *session,
                        code,
                    }
                })
                .collect();
            summaries.push(summarise(&marks));
        }
        let total: u32 = summaries.iter().map(|s| s.counts.possible).sum();
        assert_eq!(total, 600_000);
        for (pupil, s) in summaries.iter().enumerate() {
            if pupil % 2 == 0 {
                assert_eq!(
                    (s.attendance_pct, s.persistent_absence),
                    (Some(Tenths(950)), false)
                );
                assert_eq!(s.fpn_threshold_met_on, None);
            } else {
                assert_eq!(
                    (s.attendance_pct, s.persistent_absence),
                    (Some(Tenths(900)), true)
                );
                assert_eq!(s.fpn_threshold_met_on, Some(day(2025, 11, 3)));
            }
        }
    }
}
