//! Which period a figure covers (docs/domain.md §5.10): an academic year runs from 1 September to
//! 31 August, and a pupil's figures on the dashboard, the case, alerts, the TSM pack and exports
//! are for the current academic year to date. Marks of different academic years never pool; the
//! previous year is kept beside the current one for trends. This is the one place that decides
//! which academic year a date falls in; every layer asks here.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::marks::SessionMark;
use super::summary::{MarksSummary, fpn_threshold_met_on_or_after, summarise};

/// An academic year, named by the calendar year of its 1 September.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AcademicYear(pub i32);

impl AcademicYear {
    /// The academic year `date` falls in: 1 September opens one, 31 August closes it.
    pub fn of(date: NaiveDate) -> AcademicYear {
        AcademicYear(if date.month() >= 9 {
            date.year()
        } else {
            date.year() - 1
        })
    }

    /// 1 September.
    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 9, 1).unwrap_or(NaiveDate::MIN)
    }

    /// 31 August.
    pub fn end(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 + 1, 8, 31).unwrap_or(NaiveDate::MAX)
    }

    pub fn previous(self) -> AcademicYear {
        AcademicYear(self.0 - 1)
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        AcademicYear::of(date) == self
    }

    /// "2026/27", as councils write it.
    pub fn label(self) -> String {
        format!("{}/{:02}", self.0, (self.0 + 1).rem_euclid(100))
    }

    /// The same point a year earlier: `date` less twelve months (29 February becomes 28).
    pub fn same_point_last_year(date: NaiveDate) -> NaiveDate {
        date.checked_sub_months(chrono::Months::new(12))
            .unwrap_or(date)
    }
}

impl std::fmt::Display for AcademicYear {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

/// One academic year's figures from a pupil's marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearSummary {
    pub year: AcademicYear,
    /// §5 over this year's marks alone, except the penalty notice threshold date: the first
    /// date in this year at which the rolling count (which may reach back into the year
    /// before, §5.6) was ten or more.
    pub summary: MarksSummary,
    /// The date of the year's last mark.
    pub last_mark_on: NaiveDate,
}

/// The marks of one academic year only.
pub fn marks_in(marks: &[SessionMark], year: AcademicYear) -> Vec<SessionMark> {
    marks
        .iter()
        .filter(|m| year.contains(m.date))
        .copied()
        .collect()
}

/// The figures of `year` from a pupil's marks (any years, any order); `None` when the year has
/// no marks.
pub fn year_summary(marks: &[SessionMark], year: AcademicYear) -> Option<YearSummary> {
    let these = marks_in(marks, year);
    let last_mark_on = these.iter().map(|m| m.date).max()?;
    let mut summary = summarise(&these);
    let upto: Vec<SessionMark> = marks
        .iter()
        .filter(|m| m.date <= year.end())
        .copied()
        .collect();
    summary.fpn_threshold_met_on = fpn_threshold_met_on_or_after(&upto, year.start());
    Some(YearSummary {
        year,
        summary,
        last_mark_on,
    })
}

/// [`year_summary`] for each academic year the marks cover, oldest first.
pub fn by_academic_year(marks: &[SessionMark]) -> Vec<YearSummary> {
    let mut years: Vec<AcademicYear> = marks.iter().map(|m| AcademicYear::of(m.date)).collect();
    years.sort();
    years.dedup();
    years
        .into_iter()
        .filter_map(|year| year_summary(marks, year))
        .collect()
}

/// The figures a pupil's marks give for the academic year of `today` (to date) and for the year
/// before it. Either is `None` when that year has no marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentAndPrevious {
    pub year: AcademicYear,
    pub current: Option<YearSummary>,
    pub previous: Option<YearSummary>,
}

/// Splits a pupil's marks into the current academic year (the one `today` falls in, marks up to
/// `today`) and the previous one.
pub fn current_and_previous(marks: &[SessionMark], today: NaiveDate) -> CurrentAndPrevious {
    let year = AcademicYear::of(today);
    let to_date: Vec<SessionMark> = marks.iter().filter(|m| m.date <= today).copied().collect();
    CurrentAndPrevious {
        year,
        current: year_summary(&to_date, year),
        previous: year_summary(&to_date, year.previous()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attendance::summary::fixtures::{day, marks_from};

    #[test]
    fn the_first_of_september_opens_a_year_and_the_thirty_first_of_august_closes_it() {
        assert_eq!(AcademicYear::of(day(2026, 9, 1)), AcademicYear(2026));
        assert_eq!(AcademicYear::of(day(2026, 8, 31)), AcademicYear(2025));
        assert_eq!(AcademicYear(2026).label(), "2026/27");
        assert_eq!(AcademicYear(1999).label(), "1999/00");
        assert_eq!(AcademicYear(2026).start(), day(2026, 9, 1));
        assert_eq!(AcademicYear(2026).end(), day(2027, 8, 31));
    }

    #[test]
    fn a_clean_year_before_does_not_dilute_a_year_of_unauthorised_absence() {
        // Last year: 100 sessions present. This year: 20 of 20 unauthorised.
        let mut marks = marks_from(day(2026, 3, 2), &["/"; 100]);
        marks.extend(marks_from(day(2026, 11, 2), &["O"; 20]));
        let pooled = summarise(&marks);
        assert!(!pooled.severe_absence, "the old pooled figure hid it");
        let split = current_and_previous(&marks, day(2026, 12, 6));
        let current = split.current.expect("this year has marks").summary;
        assert_eq!(current.attendance_pct.map(|p| p.0), Some(0));
        assert!(current.severe_absence && current.persistent_absence);
        let previous = split.previous.expect("last year has marks").summary;
        assert_eq!(previous.attendance_pct.map(|p| p.0), Some(1000));
        assert_eq!(current.fpn_threshold_met_on, Some(day(2026, 11, 6)));
    }

    #[test]
    fn marks_after_today_are_not_counted_to_date() {
        let marks = marks_from(day(2026, 11, 2), &["O"; 20]);
        let split = current_and_previous(&marks, day(2026, 11, 3));
        assert_eq!(split.current.map(|c| c.summary.counts.possible), Some(4));
    }

    #[test]
    fn each_year_is_summarised_alone() {
        let mut marks = marks_from(day(2026, 7, 13), &["/"; 10]);
        marks.extend(marks_from(day(2026, 9, 7), &["N"; 10]));
        let years = by_academic_year(&marks);
        assert_eq!(
            years.iter().map(|y| y.year).collect::<Vec<_>>(),
            vec![AcademicYear(2025), AcademicYear(2026)]
        );
        assert_eq!(years[0].summary.counts.present, 10);
        assert_eq!(years[1].summary.counts.unauthorised_absence, 10);
        assert_eq!(
            years[1].summary.fpn_threshold_met_on,
            Some(day(2026, 9, 11))
        );
        assert_eq!(years[0].summary.fpn_threshold_met_on, None);
    }

    #[test]
    fn the_rolling_weeks_reach_back_over_the_summer_into_the_year_before() {
        // Six unauthorised sessions in the last school week of July, four in the first of
        // September: ten within two school weeks, met on the fourth, in the new year.
        let mut marks = marks_from(day(2026, 7, 13), &["N"; 6]);
        marks.extend(marks_from(day(2026, 9, 7), &["N"; 4]));
        let years = by_academic_year(&marks);
        assert_eq!(years[0].summary.fpn_threshold_met_on, None);
        assert_eq!(years[1].summary.fpn_threshold_met_on, Some(day(2026, 9, 8)));
        // Counted alone, the new year has only four.
        assert_eq!(
            summarise(&marks_in(&marks, AcademicYear(2026))).fpn_threshold_met_on,
            None
        );
    }
}
