//! Dates as a case worker reads them: "6 December 2026", day first and the month in words,
//! whatever the computer's locale. Every message, document and record that shows a date to a
//! person uses this; ISO dates are for files and the wire.

use chrono::NaiveDate;

/// "6 December 2026".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
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
