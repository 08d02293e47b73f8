//! Turns one cell into one domain value, or into a problem and a fix phrased for the worker.
//! Dates are `YYYY-MM-DD`, `DD/MM/YYYY` or an Excel date; counts are whole numbers, even when
//! Excel stores them as `12.0`. Never quotes a UPN back: the row and column locate it.

use caseload_domain::attendance::codes::CodeTable;
use caseload_domain::attendance::marks::Session;
use caseload_domain::{SchoolPhase, Upn, UpnError, Urn, YearGroup};
use std::borrow::Cow;

use chrono::{Datelike, Days, NaiveDate};

use super::table::Cell;

/// What is wrong with a cell and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub problem: String,
    pub fix: String,
}

fn problem(problem: impl Into<String>, fix: impl Into<String>) -> Problem {
    Problem {
        problem: problem.into(),
        fix: fix.into(),
    }
}

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

const COUNT_FIX: &str = "enter the number of sessions as a whole number, 0 or more";

/// A count of sessions: a whole number, 0 or more.
pub(crate) fn count(cell: Cell<'_>, what: &str) -> Result<u32, Problem> {
    let value = match cell {
        Cell::Text(text) => {
            if let Ok(n) = text.parse::<u32>() {
                return Ok(n);
            }
            match text.parse::<f64>() {
                Ok(f) if f.is_finite() => f,
                _ => {
                    return Err(problem(format!("\"{text}\" is not a number"), COUNT_FIX));
                }
            }
        }
        Cell::Number(f) => f,
        Cell::Blank => return Err(problem(format!("the {what} is blank"), COUNT_FIX)),
        other => {
            return Err(problem(
                format!("{} is not a number", other.describe()),
                COUNT_FIX,
            ));
        }
    };
    if value < 0.0 {
        return Err(problem(
            format!("{} is negative", cell.describe()),
            COUNT_FIX,
        ));
    }
    if value.fract() != 0.0 {
        return Err(problem(
            format!("{} is not a whole number of sessions", cell.describe()),
            COUNT_FIX,
        ));
    }
    if value > f64::from(u32::MAX) {
        return Err(problem(
            format!(
                "{} is too large to be a number of sessions",
                cell.describe()
            ),
            COUNT_FIX,
        ));
    }
    Ok(value as u32)
}

pub(crate) fn session(cell: Cell<'_>) -> Result<Session, Problem> {
    const FIX: &str = "write AM or PM";
    match cell {
        // Checked here first: the domain parser allocates, and this runs once per mark.
        Cell::Text(text) if text.eq_ignore_ascii_case("AM") => Ok(Session::Am),
        Cell::Text(text) if text.eq_ignore_ascii_case("PM") => Ok(Session::Pm),
        Cell::Text(text) => {
            Session::parse(text).ok_or_else(|| problem(format!("\"{text}\" is not a session"), FIX))
        }
        Cell::Blank => Err(problem("the session is blank", FIX)),
        other => Err(problem(
            format!("{} is not a session", other.describe()),
            FIX,
        )),
    }
}

/// The problem with a code that is blank or not in the table in force on `date`.
pub(crate) fn unknown_code(cell: Cell<'_>, date: NaiveDate) -> Problem {
    if cell == Cell::Blank {
        return problem(
            "the attendance code is blank",
            "enter the register code for this session (for example / or N); leave out \
             sessions that have no mark yet",
        );
    }
    let table = CodeTable::in_force_on(date);
    problem(
        format!(
            "{} is not an attendance code in force on {date} (codes from {})",
            cell.describe(),
            long_date(table.effective_from)
        ),
        "correct the code and import the file again",
    )
}

pub(crate) fn upn(cell: Cell<'_>) -> Result<Upn, Problem> {
    let text = match cell {
        Cell::Text(text) => text,
        Cell::Blank => "",
        other => {
            return Err(problem(
                format!("{} is not a UPN", other.describe()),
                "enter the pupil's 13-character UPN, for example B801200005001",
            ));
        }
    };
    Upn::parse(text).map_err(upn_problem)
}

/// A UPN as a map key: its 13 characters, upper-case, held without allocating.
pub(crate) type UpnKey = [u8; 13];

/// The row each pupil was first seen on, so a file with one row per pupil (summaries,
/// allocations) can name both rows of a duplicate.
#[derive(Default)]
pub(crate) struct PupilRows(std::collections::HashMap<UpnKey, usize>);

impl PupilRows {
    /// Claims `row` for this pupil; a second row for the same pupil is a problem naming the first.
    /// `again` says what to do next ("import the file again", "send the file again").
    pub(crate) fn claim(&mut self, upn: &Upn, row: usize, again: &str) -> Result<(), Problem> {
        match self.0.entry(upn_key(upn.as_str())) {
            std::collections::hash_map::Entry::Occupied(first) => Err(problem(
                format!("this pupil is already on row {}", first.get()),
                format!("keep one row per pupil, then {again}"),
            )),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(row);
                Ok(())
            }
        }
    }
}

/// The key of UPN-shaped text (13 ASCII characters); other text is cut or padded.
pub(crate) fn upn_key(text: &str) -> UpnKey {
    let mut key = [0u8; 13];
    let bytes = text.as_bytes();
    let n = bytes.len().min(13);
    key[..n].copy_from_slice(&bytes[..n]);
    key.make_ascii_uppercase();
    key
}

pub(crate) fn upn_problem(error: UpnError) -> Problem {
    const FIX: &str = "check the UPN has been copied correctly from the school's records";
    match error {
        UpnError::Empty => problem(
            "the UPN is blank",
            "enter the pupil's 13-character UPN, or remove the row",
        ),
        UpnError::WrongLength { found } => {
            problem(format!("the UPN has {found} characters; a UPN has 13"), FIX)
        }
        UpnError::BadCharacter { position } => problem(
            format!(
                "character {position} of the UPN is not allowed (a UPN is a letter, then 12 \
                 digits; a temporary UPN ends in a letter)"
            ),
            FIX,
        ),
        UpnError::WrongCheckLetter { expected, found } => problem(
            format!(
                "the UPN's check letter is {found}, but for the digits after it the check letter \
                 is {expected}"
            ),
            FIX,
        ),
    }
}

/// Text of an optional cell; a whole number is written as digits (Excel stores URNs so).
/// Borrowed for text cells, so the common case allocates nothing.
pub(crate) fn optional_text<'c>(cell: Cell<'c>) -> Option<Cow<'c, str>> {
    match cell {
        Cell::Blank => None,
        Cell::Text(t) => Some(Cow::Borrowed(t)),
        Cell::Number(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
            Some(Cow::Owned(format!("{}", f as i64)))
        }
        other => Some(Cow::Owned(other.describe())),
    }
}

pub(crate) fn urn(cell: Cell<'_>) -> Result<Option<Urn>, Problem> {
    let Some(text) = optional_text(cell) else {
        return Ok(None);
    };
    Urn::parse(&text).map(Some).map_err(|_| {
        problem(
            format!("\"{text}\" is not a school URN (a URN is 6 digits)"),
            "correct the URN, for example 100000, or leave the cell blank",
        )
    })
}

pub(crate) fn phase(cell: Cell<'_>) -> Result<Option<SchoolPhase>, Problem> {
    let Some(text) = optional_text(cell) else {
        return Ok(None);
    };
    // The two phases nearly every row has, without the general parser's allocation.
    for phase in [SchoolPhase::Primary, SchoolPhase::Secondary] {
        if text.eq_ignore_ascii_case(phase.as_str()) {
            return Ok(Some(phase));
        }
    }
    SchoolPhase::parse(&text).map(Some).map_err(|_| {
        problem(
            format!("\"{text}\" is not a school phase"),
            "write primary, secondary, special or alternative provision, or leave the cell blank",
        )
    })
}

/// `7`, `7.0`, `Year 7`, `Y7`, `NC 7`; `R` or `Reception` is year 0.
pub(crate) fn year_group(cell: Cell<'_>) -> Result<Option<YearGroup>, Problem> {
    let Some(text) = optional_text(cell) else {
        return Ok(None);
    };
    if let Some(year) = text.parse::<u8>().ok().and_then(YearGroup::new) {
        return Ok(Some(year));
    }
    let lower = text.to_ascii_lowercase();
    let mut rest = lower.trim();
    for prefix in ["nc", "year", "yr", "y"] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r.trim();
        }
    }
    let rest = rest.strip_suffix(".0").unwrap_or(rest);
    let parsed = match rest {
        "r" | "reception" => YearGroup::new(0),
        n => YearGroup::parse(n).ok(),
    };
    parsed.map(Some).ok_or_else(|| {
        problem(
            format!("\"{text}\" is not a year group"),
            format!(
                "write a whole number from 0 (Reception) to {}, or leave the cell blank",
                YearGroup::MAX
            ),
        )
    })
}

pub(crate) fn ward(cell: Cell<'_>) -> Result<Option<String>, Problem> {
    const MAX_CHARS: usize = 100;
    let Some(text) = optional_text(cell) else {
        return Ok(None);
    };
    if text.chars().count() > MAX_CHARS || text.chars().any(char::is_control) {
        return Err(problem(
            format!("the ward name is longer than {MAX_CHARS} characters or has line breaks"),
            "shorten the ward name to one line, or leave the cell blank",
        ));
    }
    Ok(Some(text.into_owned()))
}

#[cfg(test)]
#[path = "cells_tests.rs"]
mod tests;
