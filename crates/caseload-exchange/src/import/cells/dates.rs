//! Dates in a cell: `YYYY-MM-DD`, `DD/MM/YYYY` or an Excel date, and the problem when a cell
//! is not a real date.

use chrono::{Datelike, Days, NaiveDate};

use super::super::table::Cell;
use super::{Problem, problem};

const DATE_FIX: &str = "write the date as YYYY-MM-DD (for example 2025-03-04) or DD/MM/YYYY";
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
        Cell::Text(text) => date_text(text),
        Cell::Date(Some(d)) => Ok(d),
        Cell::Number(serial) => excel_serial(serial),
        Cell::Blank => Err(problem(format!("the {what} is blank"), DATE_FIX)),
        other => Err(problem(
            format!("{} is not a date", other.describe()),
            DATE_FIX,
        )),
    }
}

/// An Excel serial date in a cell not formatted as a date: days since 1899-12-30.
fn excel_serial(serial: f64) -> Result<NaiveDate, Problem> {
    // Serials below 61 fall before Excel's phantom 29 February 1900; none is a school day.
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30);
    let day = (serial.is_finite() && (61.0..3_000_000.0).contains(&serial))
        .then(|| epoch.and_then(|e| e.checked_add_days(Days::new(serial.floor() as u64))))
        .flatten();
    day.ok_or_else(|| problem(format!("{serial} is not a date"), DATE_FIX))
}

/// `YYYY-MM-DD` (a time after it is ignored) or `D/M/YYYY`.
pub(crate) fn date_text(text: &str) -> Result<NaiveDate, Problem> {
    let not_a_date = || problem(format!("\"{text}\" is not a date"), DATE_FIX);
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
        return Err(problem(
            format!("\"{text}\" has a two-digit year"),
            "write the year in full, for example 04/03/2025",
        ));
    } else {
        return Err(not_a_date());
    };
    real_date(text, year as i32, month, day)
}

fn real_date(text: &str, year: i32, month: u32, day: u32) -> Result<NaiveDate, Problem> {
    if !(1..=12).contains(&month) {
        return Err(problem(
            format!("\"{text}\" is not a real date: there is no month {month}"),
            DATE_FIX,
        ));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let days = days_in_month(year, month);
        problem(
            format!(
                "\"{text}\" is not a real date: {} {year} has {days} days",
                MONTHS[month as usize - 1]
            ),
            DATE_FIX,
        )
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
