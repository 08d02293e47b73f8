//! A pupil's attendance week by week (docs/domain.md §5.1–§5.4 applied to each school week):
//! what a chart of the pupil's attendance over weeks and terms draws. Each week's sessions are
//! counted by [`session_counts`], exactly as the whole summary counts them.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

use super::academic_year::AcademicYear;
use super::marks::SessionMark;
use super::summary::session_counts;
use super::{SessionCounts, Tenths};
use crate::tsm::term::Term;

/// One school week's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekFigures {
    /// The Monday the week starts on.
    pub week_start: NaiveDate,
    /// The term of the week's first possible session (a week that starts in one term's last
    /// days and goes on into the next belongs to the term its sessions begin in).
    pub term: Term,
    /// The academic year of the week's first possible session.
    pub academic_year: AcademicYear,
    /// The week's own counts; `possible` is never 0 (weeks without possible sessions are left
    /// out).
    pub counts: SessionCounts,
    /// §5.4 over the week's sessions.
    pub attendance_pct: Tenths,
    /// §5.4 over every session of the week's academic year from its first mark to the end of
    /// this week: the year to date, starting again each 1 September (§5.10).
    pub cumulative_pct: Tenths,
}

/// The Monday on or before `date`.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// One pupil's marks (in any order) as week-by-week figures, earliest week first. Weeks with
/// no possible sessions (holidays, closures, no marks) are left out; they change no count.
pub fn weekly(marks: &[SessionMark]) -> Vec<WeekFigures> {
    let mut weeks: BTreeMap<NaiveDate, Vec<SessionMark>> = BTreeMap::new();
    for mark in marks {
        weeks.entry(week_start(mark.date)).or_default().push(*mark);
    }
    let mut so_far = SessionCounts {
        possible: 0,
        present: 0,
        authorised_absence: 0,
        unauthorised_absence: 0,
    };
    let mut year: Option<AcademicYear> = None;
    let mut out = Vec::with_capacity(weeks.len());
    for (start, week) in weeks {
        let counts = session_counts(&week);
        let first_possible = week
            .iter()
            .filter(|m| m.category().is_possible())
            .map(|m| m.date)
            .min();
        let (Some(first), Some(attendance_pct)) = (first_possible, counts.attendance_pct()) else {
            continue;
        };
        let academic_year = AcademicYear::of(first);
        if year != Some(academic_year) {
            year = Some(academic_year);
            so_far = SessionCounts {
                possible: 0,
                present: 0,
                authorised_absence: 0,
                unauthorised_absence: 0,
            };
        }
        so_far = SessionCounts {
            possible: so_far.possible.saturating_add(counts.possible),
            present: so_far.present.saturating_add(counts.present),
            authorised_absence: so_far
                .authorised_absence
                .saturating_add(counts.authorised_absence),
            unauthorised_absence: so_far
                .unauthorised_absence
                .saturating_add(counts.unauthorised_absence),
        };
        let Some(cumulative_pct) = so_far.attendance_pct() else {
            continue;
        };
        out.push(WeekFigures {
            week_start: start,
            term: Term::containing(first),
            academic_year,
            counts,
            attendance_pct,
            cumulative_pct,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attendance::marks::Session;
    use crate::attendance::summary::summarise;
    use crate::tsm::term::Season;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    /// Marks for consecutive weekday sessions (AM, PM, next weekday AM, …) from `start`.
    fn run(start: NaiveDate, codes: &[&str]) -> Vec<SessionMark> {
        let mut out = Vec::new();
        let mut date = start;
        for pair in codes.chunks(2) {
            while date.weekday().num_days_from_monday() > 4 {
                date = date + Days::new(1);
            }
            for (code, session) in pair.iter().zip([Session::Am, Session::Pm]) {
                out.push(SessionMark::new(date, session, code).expect("code in the table"));
            }
            date = date + Days::new(1);
        }
        out
    }

    fn counts(possible: u32, present: u32, auth: u32, unauth: u32) -> SessionCounts {
        SessionCounts::new(possible, present, auth, unauth).expect("valid counts")
    }

    #[test]
    fn weeks_start_on_monday_and_carry_their_own_and_the_running_percentage() {
        // Week of Monday 2 March 2026: 10 sessions, 8 present ("L" and "V" count), 1 "I", 1 "O".
        let mut marks = run(
            day(2026, 3, 2),
            &["/", "\\", "L", "V", "/", "\\", "I", "O", "/", "\\"],
        );
        // Week of 9 March: 10 sessions, 5 present, 5 unauthorised ("N").
        marks.extend(run(
            day(2026, 3, 9),
            &["/", "N", "/", "N", "/", "N", "/", "N", "/", "N"],
        ));
        marks.reverse();
        let weeks = weekly(&marks);
        assert_eq!(weeks.len(), 2);
        assert_eq!(weeks[0].week_start, day(2026, 3, 2));
        assert_eq!(weeks[0].counts, counts(10, 8, 1, 1));
        assert_eq!(weeks[0].attendance_pct, Tenths(800));
        assert_eq!(weeks[0].cumulative_pct, Tenths(800));
        assert_eq!(weeks[1].week_start, day(2026, 3, 9));
        assert_eq!(weeks[1].counts, counts(10, 5, 0, 5));
        assert_eq!(weeks[1].attendance_pct, Tenths(500));
        // 13 / 20 = 65%.
        assert_eq!(weeks[1].cumulative_pct, Tenths(650));
        // The last week's running figure is the whole summary's.
        assert_eq!(
            Some(weeks[1].cumulative_pct),
            summarise(&marks).attendance_pct
        );
    }

    #[test]
    fn a_week_with_no_possible_sessions_is_left_out_and_changes_no_count() {
        let mut marks = run(day(2026, 2, 2), &["/", "\\", "/", "O"]);
        // Half term: the school was closed all week ("#" is not a possible session).
        marks.extend(run(day(2026, 2, 16), &["#"; 10]));
        marks.extend(run(day(2026, 2, 23), &["/", "\\", "N", "N"]));
        let weeks = weekly(&marks);
        let starts: Vec<NaiveDate> = weeks.iter().map(|w| w.week_start).collect();
        assert_eq!(starts, [day(2026, 2, 2), day(2026, 2, 23)]);
        assert_eq!(weeks[0].attendance_pct, Tenths(750));
        assert_eq!(weeks[1].attendance_pct, Tenths(500));
        // 5 present of 8 possible = 62.5%.
        assert_eq!(weeks[1].cumulative_pct, Tenths(625));
        // Closures within a week count for nothing: 3 of 3 possible.
        let mut part = run(day(2026, 3, 2), &["/", "\\", "/", "#"]);
        part.push(SessionMark::new(day(2026, 3, 6), Session::Am, "Y1").expect("code"));
        let week = weekly(&part);
        assert_eq!(week.len(), 1);
        assert_eq!(week[0].counts, counts(3, 3, 0, 0));
        assert_eq!(weekly(&[]), []);
    }

    #[test]
    fn a_week_straddling_two_months_is_one_week() {
        // Monday 28 September to Friday 2 October 2026: 7 present of 10.
        let marks = run(
            day(2026, 9, 28),
            &["/", "\\", "/", "\\", "/", "I", "G", "N", "/", "\\"],
        );
        let weeks = weekly(&marks);
        assert_eq!(weeks.len(), 1);
        assert_eq!(weeks[0].week_start, day(2026, 9, 28));
        assert_eq!(weeks[0].counts, counts(10, 7, 1, 2));
        assert_eq!(weeks[0].attendance_pct, Tenths(700));
        assert_eq!(weeks[0].term.key(), "2026-autumn");
    }

    #[test]
    fn weeks_across_two_terms_are_named_by_the_term_their_sessions_begin_in() {
        // The last full week of autumn 2026, then two weeks of spring 2027 after the holiday.
        let mut marks = run(day(2026, 12, 14), &["/"; 10]);
        // The week of Monday 28 December: marks only from Monday 4 January 2027 on.
        marks.extend(run(day(2027, 1, 4), &["/", "O", "/", "O", "/", "O"]));
        // A week that starts on Monday 29 March 2027 and ends on Friday 2 April.
        marks.extend(run(
            day(2027, 3, 29),
            &["/", "\\", "/", "\\", "I", "I", "/", "\\"],
        ));
        let weeks = weekly(&marks);
        let terms: Vec<(NaiveDate, Season, i32)> = weeks
            .iter()
            .map(|w| (w.week_start, w.term.season, w.term.year))
            .collect();
        assert_eq!(
            terms,
            [
                (day(2026, 12, 14), Season::Autumn, 2026),
                (day(2027, 1, 4), Season::Spring, 2027),
                (day(2027, 3, 29), Season::Spring, 2027),
            ]
        );
        // 3 of 6 = 50%; running 13 of 16 = 81.25% → 81.3%.
        assert_eq!(weeks[1].attendance_pct, Tenths(500));
        assert_eq!(weeks[1].cumulative_pct, Tenths(813));
        // 6 of 8 = 75%; running 19 of 24 = 79.16…% → 79.2%.
        assert_eq!(weeks[2].attendance_pct, Tenths(750));
        assert_eq!(weeks[2].cumulative_pct, Tenths(792));
    }

    #[test]
    fn the_running_percentage_starts_again_each_first_of_september() {
        // A clean last week of July 2026, then a week of unauthorised absence in September.
        let mut marks = run(day(2026, 7, 13), &["/"; 10]);
        marks.extend(run(day(2026, 9, 7), &["O"; 10]));
        let weeks = weekly(&marks);
        assert_eq!(
            weeks
                .iter()
                .map(|w| w.academic_year.label())
                .collect::<Vec<_>>(),
            ["2025/26", "2026/27"]
        );
        // Pooled, the second week would read 50% so far; the year to date is 0%.
        assert_eq!(weeks[1].cumulative_pct, Tenths(0));
    }

    #[test]
    fn a_week_whose_first_possible_session_is_in_the_next_term_belongs_to_it() {
        // Monday 31 August 2026 is summer by month, but the school opens on Thursday 3 September.
        let mut marks = run(day(2026, 8, 31), &["#"; 6]);
        marks.extend(run(day(2026, 9, 3), &["/", "\\", "/", "N"]));
        let weeks = weekly(&marks);
        assert_eq!(weeks.len(), 1);
        assert_eq!(weeks[0].week_start, day(2026, 8, 31));
        assert_eq!(weeks[0].term.key(), "2026-autumn");
        assert_eq!(weeks[0].counts, counts(4, 3, 0, 1));
    }
}
