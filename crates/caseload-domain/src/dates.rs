//! Dates as a case worker reads and types them, in one place: shown as "6 December 2026", day
//! first and the month in words, whatever the computer's locale (every message, document and
//! record that shows a date to a person uses [`long_date`]; ISO dates are for files and the wire);
//! and asked for with one example, written the way the day, month and year boxes take a date
//! ("like 23 11 2026"), which the UI gets with the generated bindings.

use chrono::NaiveDate;

/// The earliest day an attendance mark or summary may be for: 1 September 2000, the first school
/// day of the first school year in which every pupil in England had a UPN (UPNs were issued from
/// 1999). No pupil a case worker holds today has a register that old; an earlier date is a typo
/// or a spreadsheet's blank date (0001-01-01, 1900-01-00), never a real reading.
pub fn earliest_attendance_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 9, 1).expect("a real date")
}

/// Why an attendance date cannot be taken, though it is a real date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttendanceDateOutOfRange {
    /// Later than today: a register cannot be taken ahead, and a future "as at" would outrank
    /// every real reading for ever.
    Future { today: NaiveDate },
    /// Before [`earliest_attendance_date`].
    TooEarly,
}

impl std::fmt::Display for AttendanceDateOutOfRange {
    /// Reads after "the date", as in "the date is in the future …". Never quotes the date.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AttendanceDateOutOfRange::Future { today } => write!(
                f,
                "is in the future (after today, {}): attendance can only be recorded for a day \
                 that has happened",
                long_date(*today)
            ),
            AttendanceDateOutOfRange::TooEarly => write!(
                f,
                "is before {}, earlier than any register Caseload keeps",
                long_date(earliest_attendance_date())
            ),
        }
    }
}

/// The one rule for the date of a session mark or of an attendance summary (imported or typed):
/// not after `today` (the worker's local date) and not before [`earliest_attendance_date`].
pub fn attendance_date_in_range(
    date: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, AttendanceDateOutOfRange> {
    if date > today {
        Err(AttendanceDateOutOfRange::Future { today })
    } else if date < earliest_attendance_date() {
        Err(AttendanceDateOutOfRange::TooEarly)
    } else {
        Ok(date)
    }
}

/// A typed attendance date ("the figures are as at"): a real date, not in the future, and not
/// before [`earliest_attendance_date`]. `what` completes "The date …".
pub fn parse_attendance_date(
    input: &str,
    today: NaiveDate,
    what: &str,
) -> Result<NaiveDate, crate::field::Invalid> {
    let date = crate::transition::parse_past_date(input, today, what)?;
    attendance_date_in_range(date, today)
        .map_err(|rule| crate::field::Invalid(format!("The date {what} {rule}")))
}

/// "6 December 2026".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// The example date every date error gives: day, month and year, as the boxes take them.
pub const DATE_EXAMPLE: &str = "23 11 2026";

/// The example time that goes with it: the 24-hour clock.
pub const TIME_EXAMPLE: &str = "14:30";

/// `lead` and the example date: "Enter a real date" → "Enter a real date, like 23 11 2026".
pub fn like_a_date(lead: &str) -> String {
    format!("{lead}, like {DATE_EXAMPLE}")
}

/// `lead` and the example date and time: "…, like 23 11 2026 at 14:30".
pub fn like_a_date_and_time(lead: &str) -> String {
    format!("{lead}, like {DATE_EXAMPLE} at {TIME_EXAMPLE}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_day_month_in_words_year() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert_eq!(long_date(date(2026, 12, 6)), "6 December 2026");
        assert_eq!(long_date(date(2025, 3, 27)), "27 March 2025");
    }
}

#[cfg(test)]
mod range_tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn an_attendance_date_is_between_september_2000_and_today() {
        let today = date(2026, 12, 7);
        assert_eq!(attendance_date_in_range(today, today), Ok(today));
        let first = earliest_attendance_date();
        assert_eq!(attendance_date_in_range(first, today), Ok(first));
        assert_eq!(
            attendance_date_in_range(date(2026, 12, 8), today),
            Err(AttendanceDateOutOfRange::Future { today })
        );
        assert_eq!(
            attendance_date_in_range(date(9999, 12, 31), today),
            Err(AttendanceDateOutOfRange::Future { today })
        );
        assert_eq!(
            attendance_date_in_range(date(2000, 8, 31), today),
            Err(AttendanceDateOutOfRange::TooEarly)
        );
        assert_eq!(
            attendance_date_in_range(date(1, 1, 1), today),
            Err(AttendanceDateOutOfRange::TooEarly)
        );
    }

    #[test]
    fn a_typed_date_before_the_floor_is_refused_and_a_future_one_too() {
        let today = date(2026, 12, 7);
        let what = "the figures are as at";
        assert_eq!(parse_attendance_date("2026-12-07", today, what), Ok(today));
        assert_eq!(
            parse_attendance_date("1999-07-20", today, what)
                .expect_err("too early")
                .0,
            "The date the figures are as at is before 1 September 2000, earlier than any \
             register Caseload keeps"
        );
        assert!(parse_attendance_date("2026-12-08", today, what).is_err());
    }

    #[test]
    fn the_reason_names_today_or_the_floor_never_the_date() {
        let today = date(2026, 12, 7);
        let future = AttendanceDateOutOfRange::Future { today }.to_string();
        assert!(future.contains("7 December 2026"), "{future}");
        let early = AttendanceDateOutOfRange::TooEarly.to_string();
        assert!(early.contains("1 September 2000"), "{early}");
    }
}

#[cfg(test)]
mod example_tests {
    use super::*;

    #[test]
    fn a_date_error_ends_with_the_one_example() {
        assert_eq!(
            like_a_date("Enter a real date"),
            "Enter a real date, like 23 11 2026"
        );
        assert_eq!(
            like_a_date_and_time("Enter when it happened as a real date and time"),
            "Enter when it happened as a real date and time, like 23 11 2026 at 14:30"
        );
    }
}
