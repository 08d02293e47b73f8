//! How every error about a typed date shows the worker what to type: one example, written the way
//! the day, month and year boxes take a date ("like 23 11 2026"). The UI gets the same example with
//! the generated bindings, so a date error reads the same wherever it comes from.

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
