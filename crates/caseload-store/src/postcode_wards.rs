//! `postcode_wards` and `postcode_lookup_loads`: the council's postcode-to-ward lookup. A load
//! replaces the whole lookup in the caller's one transaction ([`crate::Store::write`]), so a
//! failed or cancelled load leaves the previous lookup as it was. Reports look wards up in SQL
//! (see [`crate::report_sources`]); this module only writes the lookup and says what it holds.

use std::ops::ControlFlow;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use crate::columns::timestamp;
use crate::error::StoreError;
use crate::write::{Reader, Writer};

/// How often the insert loop reports, and can be cancelled.
const PROGRESS_EVERY: usize = 50_000;

/// One postcode's ward. The postcode is already normalised ("AB1 2CD").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostcodeWard {
    pub postcode: String,
    pub ward_code: String,
    pub ward_name: String,
}

/// What the last load put in, for "wards status" and Settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookupLoad {
    pub file_name: String,
    pub sha256: String,
    pub postcodes: u64,
    pub wards: u64,
    pub skipped: u64,
    pub loaded_at: String,
}

/// Empties the lookup, ready for a new file's rows.
pub fn clear(w: &Writer<'_>) -> Result<(), StoreError> {
    w.conn.execute("DELETE FROM postcode_wards", [])?;
    Ok(())
}

/// Adds one postcode's ward; a postcode given twice keeps its later ward (a file's later
/// line corrects an earlier one).
pub fn insert(w: &Writer<'_>, row: &PostcodeWard) -> Result<(), StoreError> {
    let mut stmt = w.conn.prepare_cached(
        "INSERT INTO postcode_wards (postcode, ward_code, ward_name) VALUES (?1, ?2, ?3)
         ON CONFLICT (postcode) DO UPDATE SET ward_code = excluded.ward_code,
             ward_name = excluded.ward_name",
    )?;
    stmt.execute(params![row.postcode, row.ward_code, row.ward_name])?;
    Ok(())
}

/// Replaces the lookup with `rows`. `progress` sees the rows written so far and may cancel
/// (the caller's transaction then rolls back). Returns how many postcodes it now holds.
pub fn replace_all(
    w: &Writer<'_>,
    rows: impl IntoIterator<Item = PostcodeWard>,
    progress: &mut dyn FnMut(usize) -> ControlFlow<()>,
) -> Result<u64, StoreError> {
    clear(w)?;
    let mut n = 0;
    for row in rows {
        insert(w, &row)?;
        n += 1;
        if n % PROGRESS_EVERY == 0 && progress(n).is_break() {
            return Err(StoreError::Cancelled);
        }
    }
    count(&w.reader())
}

/// Postcodes in the lookup.
pub fn count(r: &Reader<'_>) -> Result<u64, StoreError> {
    Ok(r.conn
        .query_row("SELECT count(*) AS n FROM postcode_wards", [], |row| {
            row.get::<_, i64>("n")
        })? as u64)
}

/// Distinct ward codes in the lookup.
pub fn ward_count(r: &Reader<'_>) -> Result<u64, StoreError> {
    Ok(r.conn.query_row(
        "SELECT count(DISTINCT ward_code) AS n FROM postcode_wards",
        [],
        |row| row.get::<_, i64>("n"),
    )? as u64)
}

/// The ward of a normalised postcode, if the lookup has it: (code, name).
pub fn ward_of(r: &Reader<'_>, postcode: &str) -> Result<Option<(String, String)>, StoreError> {
    Ok(r.conn
        .query_row(
            "SELECT ward_code, ward_name FROM postcode_wards WHERE postcode = ?1",
            [postcode],
            |row| Ok((row.get("ward_code")?, row.get("ward_name")?)),
        )
        .optional()?)
}

/// Records a load (after its rows, in the same transaction).
pub fn record_load(
    w: &Writer<'_>,
    load: &LookupLoad,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    w.conn.execute(
        "INSERT INTO postcode_lookup_loads (file_name, sha256, postcodes, wards, skipped, loaded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            load.file_name,
            load.sha256,
            load.postcodes as i64,
            load.wards as i64,
            load.skipped as i64,
            timestamp(now)
        ],
    )?;
    Ok(())
}

/// The latest load, or `None` if no lookup was ever loaded.
pub fn latest_load(r: &Reader<'_>) -> Result<Option<LookupLoad>, StoreError> {
    Ok(r.conn
        .query_row(
            "SELECT file_name, sha256, postcodes, wards, skipped, loaded_at
             FROM postcode_lookup_loads ORDER BY id DESC LIMIT 1",
            [],
            |row| {
                Ok(LookupLoad {
                    file_name: row.get("file_name")?,
                    sha256: row.get("sha256")?,
                    postcodes: row.get::<_, i64>("postcodes")? as u64,
                    wards: row.get::<_, i64>("wards")? as u64,
                    skipped: row.get::<_, i64>("skipped")? as u64,
                    loaded_at: row.get("loaded_at")?,
                })
            },
        )
        .optional()?)
}
