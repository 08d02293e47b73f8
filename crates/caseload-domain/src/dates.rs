//! Dates as a case worker reads and types them, in one place: shown as "6 December 2026", day
//! first and the month in words, whatever the computer's locale (every message, document and
//! record that shows a date to a person uses [`long_date`]; ISO dates are for files and the wire);
//! and asked for with one example, written the way the day, month and year boxes take a date
//! ("like 23 11 2026"), which the UI gets with the generated bindings.

use chrono::NaiveDate;

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
