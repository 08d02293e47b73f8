//! Test fixtures for the §5 computations: dates, single marks and runs of marks over
//! weekdays. Test-only; every code used here is in the 2024 table.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::attendance::marks::{Session, SessionMark};

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid fixture date")
}

pub fn mark(date: NaiveDate, session: Session, code: &str) -> SessionMark {
    SessionMark::new(date, session, code).expect("fixture code is in the table")
}

/// The `n`th weekday on or after `start` (the 0th is `start` itself, or the Monday after it
/// when it falls on a weekend).
pub fn nth_weekday(start: NaiveDate, n: usize) -> NaiveDate {
    let mut date = start;
    let mut left = n;
    loop {
        if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            if left == 0 {
                return date;
            }
            left -= 1;
        }
        date = date + Days::new(1);
    }
}

/// The session of the `i`th of a run of consecutive sessions starting with an AM.
pub fn nth_session(i: usize) -> Session {
    if i.is_multiple_of(2) {
        Session::Am
    } else {
        Session::Pm
    }
}

/// `n` marks on consecutive sessions (AM, PM, next weekday AM, …) from `start`, the `i`th with
/// code `code(i)`.
pub fn weekday_marks(
    start: NaiveDate,
    n: usize,
    code: impl Fn(usize) -> &'static str,
) -> Vec<SessionMark> {
    (0..n)
        .map(|i| mark(nth_weekday(start, i / 2), nth_session(i), code(i)))
        .collect()
}

/// One mark per code on consecutive sessions from `start` (see [`weekday_marks`]).
pub fn marks_from(start: NaiveDate, codes: &[&str]) -> Vec<SessionMark> {
    codes
        .iter()
        .enumerate()
        .map(|(i, code)| mark(nth_weekday(start, i / 2), nth_session(i), code))
        .collect()
}
