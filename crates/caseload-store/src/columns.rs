//! Values as the store writes them: new text ids (UUIDv7), ISO `YYYY-MM-DD` dates and RFC 3339
//! UTC instants with milliseconds, and dates and instants read back from a row by column name.
//! A value that does not parse is reported as corrupt, naming the record (`what`), never
//! guessed at.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{Row, RowIndex};

use crate::error::StoreError;

/// A new text id (a UUIDv7, so ids sort by when they were minted), as the id type wanted.
pub(crate) fn new_id<I: From<String>>() -> I {
    I::from(uuid::Uuid::now_v7().to_string())
}

/// An instant as stored: RFC 3339, UTC, milliseconds.
pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn parse_date(what: &'static str, value: &str) -> Result<NaiveDate, StoreError> {
    iso_date(value)
        .or_else(|| NaiveDate::parse_from_str(value, "%Y-%m-%d").ok())
        .ok_or_else(|| StoreError::corrupt(what, "bad date"))
}

/// `YYYY-MM-DD` exactly as the store writes it, read without chrono's format parser (which
/// `parse_date` falls back to for anything else): dates are read once per mark, and a
/// caseload's marks run to six figures.
fn iso_date(value: &str) -> Option<NaiveDate> {
    let b = value.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(
        i32::try_from(number(&b[0..4])?).ok()?,
        number(&b[5..7])?,
        number(&b[8..10])?,
    )
}

pub(crate) fn parse_time(what: &'static str, value: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::corrupt(what, "bad timestamp"))
}

/// The ISO date in `column`.
pub(crate) fn date(
    row: &Row<'_>,
    column: impl RowIndex,
    what: &'static str,
) -> Result<NaiveDate, StoreError> {
    parse_date(what, &row.get::<_, String>(column)?)
}

/// The ISO date in `column`, if it is not NULL.
pub(crate) fn optional_date(
    row: &Row<'_>,
    column: impl RowIndex,
    what: &'static str,
) -> Result<Option<NaiveDate>, StoreError> {
    row.get::<_, Option<String>>(column)?
        .map(|v| parse_date(what, &v))
        .transpose()
}

/// The instant in `column`.
pub(crate) fn time(
    row: &Row<'_>,
    column: impl RowIndex,
    what: &'static str,
) -> Result<DateTime<Utc>, StoreError> {
    parse_time(what, &row.get::<_, String>(column)?)
}

/// The instant in `column`, if it is not NULL.
pub(crate) fn optional_time(
    row: &Row<'_>,
    column: impl RowIndex,
    what: &'static str,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    row.get::<_, Option<String>>(column)?
        .map(|v| parse_time(what, &v))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_date_reads_back_as_chrono_reads_it() {
        for v in [
            "2026-12-07",
            "2000-09-01",
            "0001-01-01",
            "9999-12-31",
            "2024-02-29",
        ] {
            assert_eq!(
                parse_date("test", v).ok(),
                NaiveDate::parse_from_str(v, "%Y-%m-%d").ok(),
                "{v}"
            );
        }
        for bad in [
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-5x",
            "2026/12/07",
            "",
            "20261207",
            "2026-12-0a",
        ] {
            assert_eq!(
                parse_date("test", bad).ok(),
                NaiveDate::parse_from_str(bad, "%Y-%m-%d").ok(),
                "{bad}"
            );
        }
    }
}
