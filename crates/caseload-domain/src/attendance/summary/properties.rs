//! Property tests of the §5 computations over generated marks: distinct dates and sessions on
//! weekdays over about half a year from June 2025 (so across the summer and two academic
//! years), with some weeks closed (no marks, or only not-possible ones) as holidays are.

use std::collections::{BTreeSet, HashSet};

use chrono::{Datelike, Days, IsoWeek, NaiveDate};
use proptest::prelude::*;
use proptest::sample::{Index, select};

use super::fixtures::{day, mark, nth_session};
use super::{fpn_threshold_met_on, illness_15_days_on, session_counts, summarise};
use crate::attendance::codes::CodeCategory;
use crate::attendance::marks::{Session, SessionMark};

const WEEKS: usize = 26;
const SLOTS_PER_WEEK: usize = 10;

fn slot(i: usize) -> (NaiveDate, Session) {
    let monday = day(2025, 6, 2) + Days::new(7 * (i / SLOTS_PER_WEEK) as u64);
    let weekday = (i % SLOTS_PER_WEEK) / 2;
    (monday + Days::new(weekday as u64), nth_session(i))
}

/// Codes with the weights of unauthorised and illness marks given: pupils differ, and the
/// rules are most interesting near their thresholds.
fn arb_code(unauthorised: u32, illness: u32) -> impl Strategy<Value = &'static str> {
    prop_oneof![
        6 => select(&["/", "\\", "L"][..]),
        1 => select(&["K", "V", "P", "W", "B"][..]),
        1 => select(&["M", "C", "C2", "R", "E"][..]),
        illness => Just("I"),
        unauthorised => select(&["G", "N", "O", "U"][..]),
        1 => select(&["#", "X", "Z", "Y1", "Y4", "D", "Q"][..]),
    ]
}

const NOT_POSSIBLE: &[&str] = &["#", "X", "Z", "Y1", "Y2", "Y7", "D", "Q"];

/// One pupil's marks: each week open (any codes) or closed (only not-possible codes kept).
fn arb_marks() -> impl Strategy<Value = Vec<SessionMark>> {
    (0u32..=4, 0u32..=8).prop_flat_map(|(unauthorised, illness)| {
        let code = prop::option::weighted(0.85, arb_code(unauthorised, illness));
        let week = (
            prop::bool::weighted(0.8),
            prop::collection::vec(code, SLOTS_PER_WEEK),
        );
        prop::collection::vec(week, 0..=WEEKS).prop_map(marks_of_weeks)
    })
}

/// Marks from generated weeks: (open, a code or none for each slot of the week).
fn marks_of_weeks(weeks: Vec<(bool, Vec<Option<&'static str>>)>) -> Vec<SessionMark> {
    let mut marks = Vec::new();
    for (w, (open, codes)) in weeks.into_iter().enumerate() {
        for (s, code) in codes.into_iter().enumerate() {
            let Some(code) = code else { continue };
            let (date, session) = slot(w * SLOTS_PER_WEEK + s);
            let m = mark(date, session, code);
            if open || !m.category().is_possible() {
                marks.push(m);
            }
        }
    }
    marks
}

/// A date and session none of `marks` has, among those `keep` accepts (`None` if none does).
fn free_slot(
    marks: &[SessionMark],
    pick: Index,
    keep: impl Fn(NaiveDate) -> bool,
) -> Option<(NaiveDate, Session)> {
    let taken: HashSet<(NaiveDate, Session)> = marks.iter().map(|m| (m.date, m.session)).collect();
    let free: Vec<(NaiveDate, Session)> = (0..(WEEKS + 1) * SLOTS_PER_WEEK)
        .map(slot)
        .filter(|s| !taken.contains(s) && keep(s.0))
        .collect();
    (!free.is_empty()).then(|| *pick.get(&free))
}

/// §5.6 read literally, in quadratic time: at each mark, the school weeks among the marks so
/// far, the 10 most recent up to the mark's week, and the unauthorised marks so far in them.
fn fpn_by_the_letter(marks: &[SessionMark]) -> Option<NaiveDate> {
    let mut marks = marks.to_vec();
    marks.sort_by_key(|m| (m.date, m.session));
    for i in 0..marks.len() {
        let so_far = &marks[..=i];
        let school_weeks: BTreeSet<IsoWeek> = so_far
            .iter()
            .filter(|m| m.category().is_possible())
            .map(|m| m.date.iso_week())
            .collect();
        let this_week = marks[i].date.iso_week();
        let recent: Vec<IsoWeek> = school_weeks
            .iter()
            .rev()
            .filter(|w| **w <= this_week)
            .take(10)
            .copied()
            .collect();
        let count = so_far
            .iter()
            .filter(|m| m.category() == CodeCategory::UnauthorisedAbsence)
            .filter(|m| recent.contains(&m.date.iso_week()))
            .count();
        if count >= 10 {
            return Some(marks[i].date);
        }
    }
    None
}

/// §5.7 read literally: per academic year, the date of its 30th `I` mark; the earliest.
fn illness_by_the_letter(marks: &[SessionMark]) -> Option<NaiveDate> {
    let mut illness: Vec<NaiveDate> = marks
        .iter()
        .filter(|m| m.code.code == "I")
        .map(|m| m.date)
        .collect();
    illness.sort();
    let years: BTreeSet<i32> = illness
        .iter()
        .map(|d| d.year() - i32::from(d.month() < 9))
        .collect();
    years
        .into_iter()
        .filter_map(|y| {
            let first = day(y, 9, 1);
            let last = day(y + 1, 8, 31);
            illness
                .iter()
                .filter(|d| first <= **d && **d <= last)
                .nth(29)
                .copied()
        })
        .min()
}

proptest! {
    #[test]
    fn the_threshold_date_is_the_one_the_letter_of_the_rule_gives(marks in arb_marks()) {
        prop_assert_eq!(fpn_threshold_met_on(&marks), fpn_by_the_letter(&marks));
    }

    #[test]
    fn the_illness_date_is_the_one_the_letter_of_the_rule_gives(marks in arb_marks()) {
        prop_assert_eq!(illness_15_days_on(&marks), illness_by_the_letter(&marks));
    }

    #[test]
    fn counts_always_add_up_to_the_possible_sessions(marks in arb_marks()) {
        let c = summarise(&marks).counts;
        prop_assert_eq!(c.present + c.authorised_absence + c.unauthorised_absence, c.possible);
        let not_possible = marks.iter().filter(|m| !m.category().is_possible()).count();
        prop_assert_eq!(c.possible as usize + not_possible, marks.len());
        prop_assert_eq!(c, session_counts(&marks));
    }

    #[test]
    fn reordering_the_marks_never_changes_the_summary(
        (marks, shuffled) in arb_marks().prop_flat_map(|m| (Just(m.clone()), Just(m).prop_shuffle()))
    ) {
        prop_assert_eq!(summarise(&marks), summarise(&shuffled));
    }

    #[test]
    fn adding_a_not_possible_mark_never_changes_the_percentage_flags_band_or_threshold(
        marks in arb_marks(), pick in any::<Index>(), code in select(NOT_POSSIBLE),
    ) {
        let Some((date, session)) = free_slot(&marks, pick, |_| true) else { return Ok(()) };
        let before = summarise(&marks);
        let mut more = marks.clone();
        more.push(mark(date, session, code));
        let after = summarise(&more);
        prop_assert_eq!(after.attendance_pct, before.attendance_pct);
        prop_assert_eq!(after.persistent_absence, before.persistent_absence);
        prop_assert_eq!(after.severe_absence, before.severe_absence);
        prop_assert_eq!(after.band, before.band);
        prop_assert_eq!(after.fpn_threshold_met_on, before.fpn_threshold_met_on);
    }

    #[test]
    fn adding_a_present_mark_never_lowers_the_percentage(
        marks in arb_marks(), pick in any::<Index>(), code in select(&["/", "\\", "L", "K", "V"][..]),
    ) {
        let Some((date, session)) = free_slot(&marks, pick, |_| true) else { return Ok(()) };
        let before = summarise(&marks).attendance_pct;
        let mut more = marks.clone();
        more.push(mark(date, session, code));
        let after = summarise(&more).attendance_pct;
        prop_assert!(after.is_some());
        prop_assert!(after >= before, "{:?} -> {:?}", before, after);
    }

    /// In a week that is already a school week. (In a week that was not, the mark makes it one
    /// and can push older unauthorised sessions out of the window: see the unit test
    /// `an_unauthorised_session_in_a_holiday_week_can_postpone_the_threshold`.)
    #[test]
    fn adding_an_unauthorised_mark_to_a_school_week_never_moves_the_threshold_later(
        marks in arb_marks(), pick in any::<Index>(), code in select(&["G", "N", "O", "U"][..]),
    ) {
        let school_weeks: HashSet<IsoWeek> = marks
            .iter()
            .filter(|m| m.category().is_possible())
            .map(|m| m.date.iso_week())
            .collect();
        let in_school_week = |d: NaiveDate| school_weeks.contains(&d.iso_week());
        let Some((date, session)) = free_slot(&marks, pick, in_school_week) else { return Ok(()) };
        let before = fpn_threshold_met_on(&marks);
        let mut more = marks.clone();
        more.push(mark(date, session, code));
        let after = fpn_threshold_met_on(&more);
        if let Some(before) = before {
            prop_assert!(after.is_some_and(|a| a <= before), "{:?} -> {:?}", before, after);
        }
    }
}
