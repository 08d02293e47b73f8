//! The penalty notice threshold (docs/domain.md §5.6): 10 sessions of unauthorised absence (`G`,
//! `N`, `O`, `U`) within a rolling 10 school weeks, where a school week is a Monday–Sunday week
//! with at least one possible session and weeks without one are skipped. One pass over marks
//! in date and session order; no calendar of terms is needed or consulted.

use std::collections::VecDeque;

use chrono::{Datelike, IsoWeek, NaiveDate};

use super::in_order;
use crate::attendance::codes::CodeCategory;
use crate::attendance::marks::SessionMark;

/// Unauthorised sessions that meet the threshold.
const UNAUTHORISED_SESSIONS: u32 = 10;
/// School weeks in the rolling period.
const SCHOOL_WEEKS: usize = 10;

/// §5.6: the date of the first mark at which the unauthorised marks so far that fall in the 10
/// most recent school weeks (up to and including the mark's week) number 10; `None` if never.
/// The marks may come in any order.
pub fn fpn_threshold_met_on(marks: &[SessionMark]) -> Option<NaiveDate> {
    met_on_ordered(&in_order(marks))
}

/// [`fpn_threshold_met_on`] over marks already in date and session order.
///
/// Only an unauthorised mark can be the first at which the count reaches 10: a not-possible
/// mark neither adds to the count nor makes its week a school week, so it sees the same 10
/// school weeks, and the same count, as the mark before it; and a present or authorised mark
/// adds nothing while a new school week can only push an older one (and its marks) out. So
/// the walk skips not-possible marks and checks the count only at unauthorised ones.
pub(super) fn met_on_ordered(marks: &[SessionMark]) -> Option<NaiveDate> {
    met_on_or_after_ordered(marks, NaiveDate::MIN)
}

/// §5.6 from a date on: the first mark dated on or after `from` at which the count reaches 10.
/// The earlier marks still count towards the rolling weeks (they may span school years), so a
/// pupil over the threshold at the end of one academic year is over it on the first
/// unauthorised mark of the next. The marks may come in any order.
pub fn fpn_threshold_met_on_or_after(marks: &[SessionMark], from: NaiveDate) -> Option<NaiveDate> {
    met_on_or_after_ordered(&in_order(marks), from)
}

fn met_on_or_after_ordered(marks: &[SessionMark], from: NaiveDate) -> Option<NaiveDate> {
    // The latest school weeks, oldest first, each with its unauthorised marks so far; never
    // more than SCHOOL_WEEKS of them. `in_window` is the sum of their counts.
    let mut weeks: VecDeque<(IsoWeek, u32)> = VecDeque::with_capacity(SCHOOL_WEEKS + 1);
    let mut in_window = 0u32;
    for mark in marks {
        let category = mark.category();
        if !category.is_possible() {
            continue;
        }
        // ISO weeks run Monday to Sunday. Marks come in order, so a week differing from the
        // latest school week is a later one.
        let week = mark.date.iso_week();
        if weeks.back().map(|(w, _)| *w) != Some(week) {
            weeks.push_back((week, 0));
            if weeks.len() > SCHOOL_WEEKS
                && let Some((_, dropped)) = weeks.pop_front()
            {
                in_window = in_window.saturating_sub(dropped);
            }
        }
        if category == CodeCategory::UnauthorisedAbsence {
            if let Some((_, n)) = weeks.back_mut() {
                *n += 1;
            }
            in_window += 1;
            if in_window >= UNAUTHORISED_SESSIONS && mark.date >= from {
                return Some(mark.date);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{day, mark, marks_from};
    use super::*;
    use crate::attendance::marks::Session;

    /// One week of marks from `monday`: AM and PM Monday to Friday, the first `unauthorised`
    /// of them `O`, the rest present.
    fn school_week(monday: NaiveDate, unauthorised: usize) -> Vec<SessionMark> {
        let codes: Vec<&str> = (0..10)
            .map(|i| if i < unauthorised { "O" } else { "/" })
            .collect();
        marks_from(monday, &codes)
    }

    /// `n` consecutive weeks from `monday`, each a [`school_week`] with one unauthorised
    /// session (on its Monday AM).
    fn weeks_with_one_unauthorised(monday: NaiveDate, n: u64) -> Vec<SessionMark> {
        (0..n)
            .flat_map(|i| school_week(monday + chrono::Days::new(7 * i), 1))
            .collect()
    }

    #[test]
    fn ten_unauthorised_sessions_meet_the_threshold_on_the_tenth_marks_date() {
        // `N` Monday to Friday AM and `G` Monday to Thursday PM: nine. Then one `U` the next
        // Wednesday PM, and one more on Thursday.
        let mut marks = Vec::new();
        for (i, d) in (3..=7).enumerate() {
            marks.push(mark(day(2025, 3, d), Session::Am, "N"));
            marks.push(mark(
                day(2025, 3, d),
                Session::Pm,
                if i < 4 { "G" } else { "\\" },
            ));
        }
        marks.push(mark(day(2025, 3, 12), Session::Am, "/"));
        assert_eq!(fpn_threshold_met_on(&marks), None);
        marks.push(mark(day(2025, 3, 12), Session::Pm, "U"));
        marks.push(mark(day(2025, 3, 13), Session::Am, "O"));
        assert_eq!(fpn_threshold_met_on(&marks), Some(day(2025, 3, 12)));
    }

    #[test]
    fn ten_unauthorised_sessions_spread_over_eleven_school_weeks_never_meet_it() {
        // Eleven consecutive school weeks, one unauthorised session in each but the 6th: the
        // first ten weeks hold nine, and so do the last ten.
        let marks: Vec<SessionMark> = (0..11u64)
            .flat_map(|i| {
                let monday = day(2025, 1, 6) + chrono::Days::new(7 * i);
                school_week(monday, usize::from(i != 5))
            })
            .collect();
        assert_eq!(fpn_threshold_met_on(&marks), None);
    }

    #[test]
    fn unauthorised_sessions_that_have_left_the_ten_school_weeks_no_longer_count() {
        // Nine unauthorised sessions in the week of 6 January 2025, then present weeks.
        let mut marks = school_week(day(2025, 1, 6), 9);
        marks.extend(
            (1..=10u64).flat_map(|i| school_week(day(2025, 1, 6) + chrono::Days::new(7 * i), 0)),
        );
        // A `G` on Tuesday 11 March, in the 10th school week, is the 10th in the window…
        let mut tenth_week = marks.clone();
        tenth_week.retain(|m| (m.date, m.session) != (day(2025, 3, 11), Session::Am));
        tenth_week.push(mark(day(2025, 3, 11), Session::Am, "G"));
        assert_eq!(fpn_threshold_met_on(&tenth_week), Some(day(2025, 3, 11)));
        // …but on Tuesday 18 March, in the 11th, the first week has left the window.
        marks.retain(|m| (m.date, m.session) != (day(2025, 3, 18), Session::Am));
        marks.push(mark(day(2025, 3, 18), Session::Am, "G"));
        assert_eq!(fpn_threshold_met_on(&marks), None);
    }

    #[test]
    fn a_window_spans_a_half_term_week_with_no_marks() {
        // Three school weeks from 6 October 2025; half term (27–31 October) has no marks;
        // seven more school weeks from 3 November. One unauthorised session in each.
        let mut marks = weeks_with_one_unauthorised(day(2025, 10, 6), 3);
        marks.extend(weeks_with_one_unauthorised(day(2025, 11, 3), 7));
        // Ten school weeks over eleven calendar weeks: met on Monday 15 December.
        assert_eq!(fpn_threshold_met_on(&marks), Some(day(2025, 12, 15)));
        // Had half term been a school week (one present session), the first unauthorised
        // session would have left the window before the tenth.
        marks.push(mark(day(2025, 10, 29), Session::Am, "/"));
        assert_eq!(fpn_threshold_met_on(&marks), None);
    }

    #[test]
    fn a_window_spans_the_christmas_holiday_and_the_new_calendar_year() {
        // Four school weeks to Friday 19 December 2025, two weeks without marks, then six school
        // weeks from 5 January 2026. One unauthorised session in each.
        let mut marks = weeks_with_one_unauthorised(day(2025, 11, 24), 4);
        marks.extend(weeks_with_one_unauthorised(day(2026, 1, 5), 6));
        assert_eq!(fpn_threshold_met_on(&marks), Some(day(2026, 2, 9)));
        // A present session in the week after Christmas makes it a school week, and 24
        // November's unauthorised session leaves the window.
        marks.push(mark(day(2025, 12, 22), Session::Am, "/"));
        assert_eq!(fpn_threshold_met_on(&marks), None);
    }

    #[test]
    fn a_window_spans_the_summer_holiday_whose_weeks_hold_only_closure_marks() {
        // Four school weeks to Friday 18 July 2025; six weeks of `#` (planned closure) marks;
        // six school weeks from 1 September. One unauthorised session in each school week.
        let mut marks = weeks_with_one_unauthorised(day(2025, 6, 23), 4);
        let summer: Vec<NaiveDate> = (0..6u64)
            .map(|i| day(2025, 7, 21) + chrono::Days::new(7 * i))
            .collect();
        for monday in &summer {
            marks.extend(marks_from(*monday, &["#"; 10]));
        }
        marks.extend(weeks_with_one_unauthorised(day(2025, 9, 1), 6));
        // A week whose only marks are not possible is not a school week.
        assert_eq!(fpn_threshold_met_on(&marks), Some(day(2025, 10, 6)));
        // One possible session in the summer (a `Y1` stays not possible; an `I` does not).
        let mut with_y1 = marks.clone();
        with_y1.retain(|m| (m.date, m.session) != (summer[2], Session::Am));
        with_y1.push(mark(summer[2], Session::Am, "Y1"));
        assert_eq!(fpn_threshold_met_on(&with_y1), Some(day(2025, 10, 6)));
        marks.retain(|m| (m.date, m.session) != (summer[2], Session::Am));
        marks.push(mark(summer[2], Session::Am, "I"));
        assert_eq!(fpn_threshold_met_on(&marks), None);
    }

    #[test]
    fn an_unauthorised_session_in_a_holiday_week_can_postpone_the_threshold() {
        // Ten school weeks from 6 January 2025 with a week without marks (10 February) after
        // the fifth: two unauthorised sessions in the first, eight in the last (17 March).
        let mondays = [
            (day(2025, 1, 6), 2),
            (day(2025, 1, 13), 0),
            (day(2025, 1, 20), 0),
            (day(2025, 1, 27), 0),
            (day(2025, 2, 3), 0),
            (day(2025, 2, 17), 0),
            (day(2025, 2, 24), 0),
            (day(2025, 3, 3), 0),
            (day(2025, 3, 10), 0),
            (day(2025, 3, 17), 8),
        ];
        let mut marks: Vec<SessionMark> = mondays
            .iter()
            .flat_map(|(monday, unauthorised)| school_week(*monday, *unauthorised))
            .collect();
        assert_eq!(fpn_threshold_met_on(&marks), Some(day(2025, 3, 20)));
        // An eleventh unauthorised session, in the week of 10 February, makes that week a school
        // week: the week of 6 January leaves the window before 17 March, taking two with it.
        // This is §5.6 as written (the rolling period is counted in school weeks).
        marks.push(mark(day(2025, 2, 11), Session::Am, "G"));
        assert_eq!(fpn_threshold_met_on(&marks), None);
    }

    #[test]
    fn not_possible_and_present_marks_alone_never_meet_the_threshold() {
        let mut marks = marks_from(day(2025, 1, 6), &["#"; 40]);
        marks.extend(marks_from(day(2025, 3, 3), &["/"; 40]));
        assert_eq!(fpn_threshold_met_on(&marks), None);
        assert_eq!(fpn_threshold_met_on(&[]), None);
    }
}
