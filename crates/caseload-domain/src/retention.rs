//! How long a closed case is kept. A closed case is due for review for deletion when the pupil
//! reaches an age (25 by default), or a number of years after the case closed (6 by default) if
//! that is later; the council can change both. Delivered export bytes waiting in the outbox are
//! dropped a number of days after delivery (30 by default). Only closed cases are ever due: a
//! reopened case is open again, and its old closure date no longer counts.
//!
//! Years are whole calendar years. Someone born on 29 February reaches an age, in a year without
//! that day, on 1 March (the day after 28 February, when a full number of years has passed); a
//! case closed on 29 February is likewise due on 1 March.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::case::CaseStatus;
use crate::dates::long_date;
use crate::field::{Field, FieldErrors};

/// The council's retention rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct RetentionSettings {
    /// A closed case is due once the pupil has reached this age …
    pub age_years: u16,
    /// … or this many years after it closed, whichever is later.
    pub years_after_closure: u16,
    /// Delivered export bytes in the outbox are dropped this many days after delivery.
    pub outbox_purge_days: u16,
}

impl Default for RetentionSettings {
    fn default() -> Self {
        RetentionSettings {
            age_years: 25,
            years_after_closure: 6,
            outbox_purge_days: 30,
        }
    }
}

pub const AGE_YEARS_RANGE: std::ops::RangeInclusive<u16> = 18..=100;
pub const YEARS_AFTER_CLOSURE_RANGE: std::ops::RangeInclusive<u16> = 1..=100;
pub const OUTBOX_PURGE_DAYS_RANGE: std::ops::RangeInclusive<u16> = 1..=365;

impl RetentionSettings {
    /// Every problem with the rule, against the field it belongs to.
    pub fn validate(self) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        if !AGE_YEARS_RANGE.contains(&self.age_years) {
            errors.push(
                Field::RetentionAgeYears,
                "Enter an age from 18 to 100 years",
            );
        }
        if !YEARS_AFTER_CLOSURE_RANGE.contains(&self.years_after_closure) {
            errors.push(
                Field::RetentionYearsAfterClosure,
                "Enter a number of years after closure from 1 to 100",
            );
        }
        if !OUTBOX_PURGE_DAYS_RANGE.contains(&self.outbox_purge_days) {
            errors.push(
                Field::OutboxPurgeDays,
                "Enter a number of days from 1 to 365",
            );
        }
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(errors)
        }
    }

    /// When a case becomes due for review for deletion, and why; `None` unless it is closed.
    pub fn review_due(
        self,
        date_of_birth: NaiveDate,
        status: CaseStatus,
        closed_on: Option<NaiveDate>,
    ) -> Option<RetentionDue> {
        if status != CaseStatus::Closed {
            return None;
        }
        let closed_on = closed_on?;
        let age_on = add_years(date_of_birth, self.age_years);
        let closure_on = add_years(closed_on, self.years_after_closure);
        Some(if closure_on > age_on {
            RetentionDue {
                due_on: closure_on,
                reason: RetentionReason::AfterClosure {
                    years: self.years_after_closure,
                    closed_on,
                },
            }
        } else {
            RetentionDue {
                due_on: age_on,
                reason: RetentionReason::AgeReached {
                    age_years: self.age_years,
                },
            }
        })
    }

    /// Delivered export bytes delivered at or before this instant are dropped.
    pub fn outbox_purge_cutoff(self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - Duration::days(i64::from(self.outbox_purge_days))
    }
}

/// Why a closed case is due, and from when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionDue {
    pub due_on: NaiveDate,
    pub reason: RetentionReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetentionReason {
    /// The pupil reached the age (on `due_on`).
    AgeReached { age_years: u16 },
    /// The case closed on `closed_on`, `years` years before `due_on`.
    AfterClosure { years: u16, closed_on: NaiveDate },
}

impl RetentionDue {
    /// Due on `today` or earlier.
    pub fn is_due(&self, today: NaiveDate) -> bool {
        self.due_on <= today
    }

    /// "Pupil turned 25 on 1 March 2027" or "Closed 6 years ago on 12 May 2020".
    pub fn why(&self) -> String {
        match self.reason {
            RetentionReason::AgeReached { age_years } => {
                format!("Pupil turned {age_years} on {}", long_date(self.due_on))
            }
            RetentionReason::AfterClosure { years, closed_on } => {
                let unit = if years == 1 { "year" } else { "years" };
                format!("Closed {years} {unit} ago on {}", long_date(closed_on))
            }
        }
    }
}

/// `date` plus whole years; 29 February becomes 1 March in a year without it.
pub fn add_years(date: NaiveDate, years: u16) -> NaiveDate {
    let year = date.year() + i32::from(years);
    date.with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn rule() -> RetentionSettings {
        RetentionSettings::default()
    }

    #[test]
    fn defaults_are_25_years_of_age_6_after_closure_and_30_days() {
        assert_eq!(
            rule(),
            RetentionSettings {
                age_years: 25,
                years_after_closure: 6,
                outbox_purge_days: 30
            }
        );
        assert_eq!(rule().validate(), Ok(rule()));
    }

    #[test]
    fn age_wins_when_it_is_later() {
        // Born 3 April 2010, closed 1 September 2024: 25 on 3 April 2035, 6 years after closure
        // is 1 September 2030 — the age is later.
        let due = rule()
            .review_due(d(2010, 4, 3), CaseStatus::Closed, Some(d(2024, 9, 1)))
            .expect("closed");
        assert_eq!(due.due_on, d(2035, 4, 3));
        assert_eq!(due.why(), "Pupil turned 25 on 3 April 2035");
        assert!(!due.is_due(d(2035, 4, 2)));
        assert!(due.is_due(d(2035, 4, 3)));
    }

    #[test]
    fn closure_wins_when_it_is_later() {
        // Born 10 January 2001, closed 15 July 2020: 25 on 10 January 2026, closure + 6 is
        // 15 July 2026.
        let due = rule()
            .review_due(d(2001, 1, 10), CaseStatus::Closed, Some(d(2020, 7, 15)))
            .expect("closed");
        assert_eq!(due.due_on, d(2026, 7, 15));
        assert_eq!(due.why(), "Closed 6 years ago on 15 July 2020");
        assert!(!due.is_due(d(2026, 7, 14)));
        assert!(due.is_due(d(2026, 7, 15)));
    }

    #[test]
    fn on_the_same_day_the_age_is_given() {
        let due = rule()
            .review_due(d(2001, 5, 5), CaseStatus::Closed, Some(d(2020, 5, 5)))
            .expect("closed");
        assert_eq!(due.due_on, d(2026, 5, 5));
        assert_eq!(due.why(), "Pupil turned 25 on 5 May 2026");
    }

    #[test]
    fn born_on_29_february_reaches_the_age_on_1_march_in_a_common_year() {
        // 2004 + 25 = 2029, not a leap year.
        let due = rule()
            .review_due(d(2004, 2, 29), CaseStatus::Closed, Some(d(2020, 1, 1)))
            .expect("closed");
        assert_eq!(due.due_on, d(2029, 3, 1));
        assert!(!due.is_due(d(2029, 2, 28)));
        assert!(due.is_due(d(2029, 3, 1)));
        // 2008 + 25 = 2033, not leap; 2003-born + 25 = 2028 (no 29 Feb birthday to move).
        assert_eq!(add_years(d(2008, 2, 29), 25), d(2033, 3, 1));
        // Into a leap year the day exists: 2004 + 24 = 2028.
        assert_eq!(add_years(d(2004, 2, 29), 24), d(2028, 2, 29));
    }

    #[test]
    fn closed_on_29_february_is_due_on_1_march_when_that_day_is_missing() {
        let due = rule()
            .review_due(d(2000, 1, 1), CaseStatus::Closed, Some(d(2024, 2, 29)))
            .expect("closed");
        assert_eq!(due.due_on, d(2030, 3, 1));
        assert_eq!(due.why(), "Closed 6 years ago on 29 February 2024");
    }

    #[test]
    fn only_closed_cases_are_ever_due() {
        for status in CaseStatus::ALL.iter().copied() {
            let due = rule().review_due(d(1990, 1, 1), status, Some(d(2000, 1, 1)));
            assert_eq!(due.is_some(), status == CaseStatus::Closed, "{status:?}");
        }
    }

    #[test]
    fn a_reopened_case_is_not_closed_and_is_never_due() {
        // Reopening makes the case active again and clears its closure date.
        let reopened = CaseStatus::Closed
            .after(crate::case::TransitionKind::Reopen)
            .expect("closed cases reopen");
        assert_eq!(reopened, CaseStatus::Active);
        assert_eq!(
            rule().review_due(d(1990, 1, 1), reopened, Some(d(2000, 1, 1))),
            None
        );
        // A closed case with no closure date recorded is not guessed at.
        assert_eq!(
            rule().review_due(d(1990, 1, 1), CaseStatus::Closed, None),
            None
        );
    }

    #[test]
    fn the_council_can_change_both_numbers() {
        let council = RetentionSettings {
            age_years: 21,
            years_after_closure: 1,
            outbox_purge_days: 7,
        };
        let due = council
            .review_due(d(2005, 6, 1), CaseStatus::Closed, Some(d(2024, 6, 30)))
            .expect("closed");
        assert_eq!(due.due_on, d(2026, 6, 1));
        assert_eq!(due.why(), "Pupil turned 21 on 1 June 2026");
        let due = council
            .review_due(d(2000, 6, 1), CaseStatus::Closed, Some(d(2024, 6, 30)))
            .expect("closed");
        assert_eq!(due.due_on, d(2025, 6, 30));
        assert_eq!(due.why(), "Closed 1 year ago on 30 June 2024");
    }

    #[test]
    fn out_of_range_numbers_are_refused_against_their_fields() {
        let bad = RetentionSettings {
            age_years: 17,
            years_after_closure: 0,
            outbox_purge_days: 366,
        };
        let errors = bad.validate().expect_err("all three out of range");
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![
                Field::RetentionAgeYears,
                Field::RetentionYearsAfterClosure,
                Field::OutboxPurgeDays
            ]
        );
        for ok in [18, 100] {
            let s = RetentionSettings {
                age_years: ok,
                ..rule()
            };
            assert!(s.validate().is_ok());
        }
    }

    #[test]
    fn outbox_bytes_go_the_configured_number_of_days_after_delivery() {
        let now = DateTime::parse_from_rfc3339("2026-12-06T10:00:00Z")
            .expect("time")
            .with_timezone(&Utc);
        let cutoff = rule().outbox_purge_cutoff(now);
        assert_eq!(cutoff.to_rfc3339(), "2026-11-06T10:00:00+00:00");
    }
}
