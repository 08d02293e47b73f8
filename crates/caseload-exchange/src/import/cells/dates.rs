//! Dates in a cell: `YYYY-MM-DD`, `DD/MM/YYYY` or an Excel date, and the problem when a cell
//! is not a real date. A problem never quotes the cell: a date in a file may be a date of birth.

use caseload_domain::dates::attendance_date_in_range;
use chrono::{Datelike, Days, NaiveDate};

use super::super::shown::shown;
use super::super::table::Cell;
use super::{Problem, problem};

const DATE_FIX: &str = "write the date as DD/MM/YYYY (for example 23/11/2026) or YYYY-MM-DD";
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub(crate) fn date(cell: Cell<'_>, what: &str) -> Result<NaiveDate, Problem> {
    match cell {
        Cell::Text(text) => {
            date_text(text).map_err(|rule| problem(format!("the {what} {rule}"), rule.fix()))
        }
        Cell::Date(Some(d)) => Ok(d),
        Cell::Number(serial) => excel_serial(serial).ok_or_else(|| {
            problem(
                format!("the {what} is a number that is not a date"),
                DATE_FIX,
            )
        }),
        Cell::Blank => Err(problem(format!("the {what} is blank"), DATE_FIX)),
        other => Err(problem(format!("{} is not a date", shown(other)), DATE_FIX)),
    }
}

/// The date of a mark or a summary: a real date (as [`date`] reads it) in the range the domain
/// allows for attendance, between 1 September 2000 and `today`.
pub(crate) fn attendance_date(
    cell: Cell<'_>,
    what: &str,
    today: NaiveDate,
) -> Result<NaiveDate, Problem> {
    in_range(date(cell, what)?, what, today)
}

/// [`attendance_date_in_range`] as a problem with a fix; never quotes the date.
fn in_range(date: NaiveDate, what: &str, today: NaiveDate) -> Result<NaiveDate, Problem> {
    attendance_date_in_range(date, today).map_err(|rule| {
        problem(
            format!("the {what} {rule}"),
            "correct the date in the file (a typed year is the usual slip), then import the \
             file again",
        )
    })
}

/// The rule a date written as text breaks, said without the text: it may be a date of birth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateRule {
    NotADate,
    TwoDigitYear,
    NoSuchMonth,
    NoSuchDay { days: u32 },
}

impl std::fmt::Display for DateRule {
    /// Reads after "the date", as in "the date of birth has a two-digit year".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateRule::NotADate => write!(f, "is not written as a date, like 23/11/2026"),
            DateRule::TwoDigitYear => write!(f, "has a two-digit year"),
            DateRule::NoSuchMonth => {
                write!(f, "is not a real date: the month is not 1 to 12")
            }
            DateRule::NoSuchDay { days } => {
                write!(f, "is not a real date: its month has {days} days")
            }
        }
    }
}

impl DateRule {
    fn fix(self) -> &'static str {
        match self {
            DateRule::TwoDigitYear => "write the year in full, for example 23/11/2026",
            _ => DATE_FIX,
        }
    }
}

/// An Excel serial date in a cell not formatted as a date: days since 1899-12-30.
fn excel_serial(serial: f64) -> Option<NaiveDate> {
    // Serials below 61 fall before Excel's phantom 29 February 1900; none is a school day.
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30);
    (serial.is_finite() && (61.0..3_000_000.0).contains(&serial))
        .then(|| epoch.and_then(|e| e.checked_add_days(Days::new(serial.floor() as u64))))
        .flatten()
}

/// `YYYY-MM-DD` (a time after it is ignored) or `D/M/YYYY`.
pub(crate) fn date_text(text: &str) -> Result<NaiveDate, DateRule> {
    let not_a_date = || DateRule::NotADate;
    let (day_part, time) = match text.find(['T', ' ']) {
        Some(at) => (&text[..at], text[at + 1..].trim()),
        None => (text, ""),
    };
    if !time
        .bytes()
        .all(|b| b.is_ascii_digit() || b":.Z".contains(&b))
    {
        return Err(not_a_date());
    }
    let mut parts = day_part.split(['-', '/', '.']);
    let (Some(a), Some(b), Some(c), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(not_a_date());
    };
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (Some(na), Some(nb), Some(nc)) = (number(a), number(b), number(c)) else {
        return Err(not_a_date());
    };
    let (year, month, day) = if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
        (na, nb, nc)
    } else if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
        (nc, nb, na)
    } else if c.len() == 2 && a.len() <= 2 && b.len() <= 2 {
        return Err(DateRule::TwoDigitYear);
    } else {
        return Err(not_a_date());
    };
    real_date(year as i32, month, day)
}

fn real_date(year: i32, month: u32, day: u32) -> Result<NaiveDate, DateRule> {
    if !(1..=12).contains(&month) {
        return Err(DateRule::NoSuchMonth);
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateRule::NoSuchDay {
        days: days_in_month(year, month),
    })
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    match (first, next) {
        (Some(a), Some(b)) => (b - a).num_days() as u32,
        _ => 31,
    }
}

/// "19 August 2024", as the codes table's start date is written in messages.
pub(crate) fn long_date(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}
