//! Read-only queries that feed exports: the personal names held anywhere in the caseload (so an
//! export can be checked and scrubbed of them) and the pupil summaries behind the ward tables.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rusqlite::{Row, params};

use caseload_domain::SchoolPhase;
use caseload_domain::attendance::SessionCounts;

use crate::columns::{date, optional_date};
use crate::error::StoreError;
use crate::write::Reader;

/// Every personal name the caseload holds: pupils' legal and preferred names, family names,
/// carers, siblings and pupils discussed at TSMs. Trimmed, blanks dropped, deduplicated.
pub fn personal_names(r: &Reader<'_>) -> Result<Vec<String>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT legal_name AS name FROM pupils
         UNION SELECT preferred_name FROM pupils WHERE preferred_name IS NOT NULL
         UNION SELECT name FROM families
         UNION SELECT name FROM carers
         UNION SELECT name FROM family_children
         UNION SELECT name FROM tsm_pupils",
    )?;
    let names: BTreeSet<String> = stmt
        .query_map([], |row| row.get::<_, String>("name"))?
        .filter_map(Result::ok)
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    Ok(names.into_iter().collect())
}

/// One pupil's latest imported summary in a date range, as the ward tables need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WardSummary {
    pub as_at: NaiveDate,
    pub ward: Option<String>,
    pub phase: Option<SchoolPhase>,
    pub counts: SessionCounts,
    /// SHA-256 of the file it came from.
    pub source: String,
}

const WHAT: &str = "attendance summary";

/// The latest as-at date of any imported summary.
pub fn latest_summary_date(r: &Reader<'_>) -> Result<Option<NaiveDate>, StoreError> {
    r.conn.query_row_and_then(
        "SELECT max(as_at) AS latest FROM attendance_summaries",
        [],
        |row| optional_date(row, "latest", WHAT),
    )
}

fn ward_summary(row: &Row<'_>) -> Result<WardSummary, StoreError> {
    Ok(WardSummary {
        as_at: date(row, "as_at", WHAT)?,
        ward: row.get("ward")?,
        phase: row
            .get::<_, Option<String>>("school_phase")?
            .as_deref()
            .and_then(|p| SchoolPhase::parse(p).ok()),
        counts: SessionCounts::new(
            row.get("possible")?,
            row.get("present")?,
            row.get("authorised")?,
            row.get("unauthorised")?,
        )
        .map_err(|_| StoreError::corrupt(WHAT, "counts do not add up"))?,
        source: row.get("sha256")?,
    })
}

/// For each pupil, the latest imported summary with an as-at date in `from..=to`. Its ward is
/// the one the file gave, else its postcode's ward in the postcode-to-ward lookup as it is now
/// (so a lookup loaded after an import still places that import's pupils), else none.
pub fn latest_summaries_between(
    r: &Reader<'_>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<WardSummary>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT s.as_at AS as_at,
                coalesce(nullif(trim(s.ward), ''), pw.ward_name) AS ward,
                s.school_phase AS school_phase,
                s.possible AS possible, s.present AS present, s.authorised AS authorised,
                s.unauthorised AS unauthorised, i.sha256 AS sha256
         FROM attendance_summaries s JOIN imports i ON i.id = s.import_id
         LEFT JOIN postcode_wards pw ON pw.postcode = s.postcode
         WHERE s.as_at BETWEEN ?1 AND ?2
           AND NOT EXISTS (
             SELECT 1 FROM attendance_summaries later
             WHERE later.upn = s.upn AND later.as_at BETWEEN ?1 AND ?2
               AND (later.as_at > s.as_at OR (later.as_at = s.as_at AND later.import_id > s.import_id)))",
    )?;
    stmt.query_and_then(params![from.to_string(), to.to_string()], ward_summary)?
        .collect()
}
