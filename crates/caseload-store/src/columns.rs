//! Values as the store writes them: new text ids (UUIDv7), ISO `YYYY-MM-DD` dates and RFC 3339
//! UTC instants with milliseconds, and dates and instants read back from a row by column name.
//! A value that does not parse is reported as corrupt, naming the record (`what`), never
//! guessed at.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::Row;

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
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| StoreError::corrupt(what, "bad date"))
}

pub(crate) fn parse_time(what: &'static str, value: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::corrupt(what, "bad timestamp"))
}

/// The ISO date in `column`.
pub(crate) fn date(
    row: &Row<'_>,
    column: &str,
    what: &'static str,
) -> Result<NaiveDate, StoreError> {
    parse_date(what, &row.get::<_, String>(column)?)
}

/// The ISO date in `column`, if it is not NULL.
pub(crate) fn optional_date(
    row: &Row<'_>,
    column: &str,
    what: &'static str,
) -> Result<Option<NaiveDate>, StoreError> {
    row.get::<_, Option<String>>(column)?
        .map(|v| parse_date(what, &v))
        .transpose()
}

/// The instant in `column`.
pub(crate) fn time(
    row: &Row<'_>,
    column: &str,
    what: &'static str,
) -> Result<DateTime<Utc>, StoreError> {
    parse_time(what, &row.get::<_, String>(column)?)
}

/// The instant in `column`, if it is not NULL.
pub(crate) fn optional_time(
    row: &Row<'_>,
    column: &str,
    what: &'static str,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    row.get::<_, Option<String>>(column)?
        .map(|v| parse_time(what, &v))
        .transpose()
}
