//! Turns one cell into one domain value, or into a problem and a fix phrased for the worker.
//! Dates are `YYYY-MM-DD`, `DD/MM/YYYY` or an Excel date; counts are whole numbers, even when
//! Excel stores them as `12.0`. Never quotes a cell back unless [`shown`] finds it plainly not
//! personal (a code, a year group): the row and column locate it.
//! Dates are read in `cells/dates.rs` and UPNs in `cells/upn.rs`; the rest is here.

use caseload_domain::attendance::codes::CodeTable;
use caseload_domain::attendance::marks::Session;
use caseload_domain::{SchoolPhase, Urn, YearGroup};
use std::borrow::Cow;

use chrono::NaiveDate;

use super::shown::shown;
use super::table::Cell;

mod dates;
mod upn;

pub(crate) use dates::{attendance_date, date, date_text, long_date};
pub(crate) use upn::{PupilRows, UpnKey, upn, upn_key};

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
                    return Err(problem(
                        format!("{} is not a number", shown(cell)),
                        COUNT_FIX,
                    ));
                }
            }
        }
        Cell::Number(f) => f,
        Cell::Blank => return Err(problem(format!("the {what} is blank"), COUNT_FIX)),
        other => {
            return Err(problem(
                format!("{} is not a number", shown(other)),
                COUNT_FIX,
            ));
        }
    };
    if value < 0.0 {
        return Err(problem(format!("{} is negative", shown(cell)), COUNT_FIX));
    }
    if value.fract() != 0.0 {
        return Err(problem(
            format!("{} is not a whole number of sessions", shown(cell)),
            COUNT_FIX,
        ));
    }
    if value > f64::from(u32::MAX) {
        return Err(problem(
            format!("{} is too large to be a number of sessions", shown(cell)),
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
        Cell::Text(text) => Session::parse(text)
            .ok_or_else(|| problem(format!("{} is not a session", shown(cell)), FIX)),
        Cell::Blank => Err(problem("the session is blank", FIX)),
        other => Err(problem(format!("{} is not a session", shown(other)), FIX)),
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
            shown(cell),
            long_date(table.effective_from)
        ),
        "correct the code and import the file again",
    )
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
        other => Some(Cow::Owned(other_text(other))),
    }
}

/// What a cell other than text or a whole number reads as, where free text is allowed.
fn other_text(cell: Cell<'_>) -> String {
    match cell {
        Cell::Number(n) => format!("{n}"),
        Cell::Date(Some(d)) => format!("the date {d}"),
        Cell::Date(None) => "a date that does not exist".to_string(),
        Cell::Bool(b) => if b { "TRUE" } else { "FALSE" }.to_string(),
        Cell::Error => "an Excel error value (such as #N/A)".to_string(),
        Cell::Blank | Cell::Text(_) => String::new(),
    }
}

pub(crate) fn urn(cell: Cell<'_>) -> Result<Option<Urn>, Problem> {
    let Some(text) = optional_text(cell) else {
        return Ok(None);
    };
    Urn::parse(&text).map(Some).map_err(|_| {
        problem(
            format!("{} is not a school URN (a URN is 6 digits)", shown(cell)),
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
            format!("{} is not a school phase", shown(cell)),
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
            format!("{} is not a year group", shown(cell)),
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

/// A pupil's home postcode, normalised ("AB1 2CD"), for the ward lookup. Blank is none; a cell
/// that is not a UK postcode (a school's "NFA", a partial one) is none too rather than a
/// refused file: the pupil is then counted as "Postcode unmatched" in the ward table.
pub(crate) fn postcode(cell: Cell<'_>) -> Option<String> {
    let text = optional_text(cell)?;
    caseload_domain::family::parse_postcode(&text).ok()
}

#[cfg(test)]
#[path = "cells_tests.rs"]
mod tests;
