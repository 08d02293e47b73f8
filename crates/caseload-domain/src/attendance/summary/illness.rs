//! The long illness notification (docs/domain.md §5.7): the local authority must know when a pupil
//! misses 15 school days (30 sessions) through illness within one academic year (1 September
//! to 31 August). Marks of different academic years never add up.

use chrono::NaiveDate;

use super::in_order;
use crate::attendance::academic_year::AcademicYear;
use crate::attendance::codes::ILLNESS_CODE;
use crate::attendance::marks::SessionMark;

/// Illness sessions in one academic year that call for the notification: 15 school days.
const ILLNESS_SESSIONS: u32 = 30;

/// §5.7: the date of the 30th `I` mark of an academic year, the earliest such date across the
/// marks; `None` if no academic year has 30. The marks may come in any order.
pub fn illness_15_days_on(marks: &[SessionMark]) -> Option<NaiveDate> {
    thirtieth_on_ordered(&in_order(marks))
}

/// [`illness_15_days_on`] over marks already in date and session order. The first academic
/// year to reach 30 gives the answer: every date of a later academic year is later.
pub(super) fn thirtieth_on_ordered(marks: &[SessionMark]) -> Option<NaiveDate> {
    let mut year = None;
    let mut in_year = 0u32;
    for mark in marks.iter().filter(|m| m.code.code == ILLNESS_CODE) {
        let this_year = AcademicYear::of(mark.date);
        if year != Some(this_year) {
            year = Some(this_year);
            in_year = 0;
        }
        in_year += 1;
        if in_year == ILLNESS_SESSIONS {
            return Some(mark.date);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{day, mark, marks_from};
    use super::*;
    use crate::attendance::marks::Session;
    use chrono::Datelike;

    #[test]
    fn thirty_illness_sessions_in_one_academic_year_give_the_date_of_the_thirtieth() {
        // Ten school days of illness from Monday 3 March 2025, then five more from 24 March.
        let mut marks = marks_from(day(2025, 3, 3), &["I"; 20]);
        marks.extend(marks_from(day(2025, 3, 17), &["/"; 10]));
        marks.extend(marks_from(day(2025, 3, 24), &["I"; 9]));
        assert_eq!(illness_15_days_on(&marks), None);
        marks.push(mark(day(2025, 3, 28), Session::Pm, "I"));
        assert_eq!(illness_15_days_on(&marks), Some(day(2025, 3, 28)));
        // Further illness does not move the date.
        marks.extend(marks_from(day(2025, 3, 31), &["I"; 6]));
        assert_eq!(illness_15_days_on(&marks), Some(day(2025, 3, 28)));
    }

    #[test]
    fn twenty_illness_sessions_in_july_and_twenty_in_september_never_add_up() {
        let mut marks = marks_from(day(2025, 7, 7), &["I"; 20]);
        marks.extend(marks_from(day(2025, 9, 1), &["I"; 20]));
        assert_eq!(marks.len(), 40);
        assert_eq!(illness_15_days_on(&marks), None);
    }

    #[test]
    fn thirty_first_of_august_closes_an_academic_year_and_first_of_september_opens_one() {
        // 29 sessions from 4 August 2025 to Friday 22 August and one on Sunday 31 August: the 30th of 2024–25.
        let mut marks = marks_from(day(2025, 8, 4), &["I"; 29]);
        marks.push(mark(day(2025, 8, 31), Session::Am, "I"));
        assert_eq!(illness_15_days_on(&marks), Some(day(2025, 8, 31)));
        // On Monday 1 September instead, it is the first of 2025–26.
        marks.pop();
        marks.push(mark(day(2025, 9, 1), Session::Am, "I"));
        assert_eq!(illness_15_days_on(&marks), None);
    }

    #[test]
    fn the_earliest_thirtieth_across_academic_years_is_the_one_given() {
        // 2023–24 reaches 30 on Friday 24 May 2024; 2024–25 on Friday 18 October 2024.
        let mut marks = marks_from(day(2024, 9, 30), &["I"; 30]);
        marks.extend(marks_from(day(2024, 5, 13), &["I"; 20]));
        marks.extend(marks_from(day(2023, 10, 2), &["I"; 10]));
        assert_eq!(illness_15_days_on(&marks), Some(day(2024, 5, 24)));
        // Without the autumn 2023 illness, 2023–24 has only 20: the later year's date stands.
        marks.retain(|m| m.date.year() != 2023);
        assert_eq!(illness_15_days_on(&marks), Some(day(2024, 10, 18)));
    }

    #[test]
    fn only_illness_marks_count_not_other_authorised_absence() {
        let mut marks = marks_from(day(2025, 1, 6), &["I"; 29]);
        marks.extend(marks_from(
            day(2025, 2, 3),
            &["M", "C", "R", "T", "E", "S", "C2", "#"],
        ));
        assert_eq!(illness_15_days_on(&marks), None);
    }
}
