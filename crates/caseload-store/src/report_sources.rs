//! Read-only queries that feed exports: the personal names held anywhere in the caseload (so an
//! export can be checked and scrubbed of them) and the pupil summaries behind the ward tables.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rusqlite::params;

use caseload_domain::SchoolPhase;
use caseload_domain::attendance::SessionCounts;

use crate::error::StoreError;
use crate::write::Reader;

/// Every personal name the caseload holds: pupils' legal and preferred names, family names,
/// carers, siblings and pupils discussed at TSMs. Trimmed, blanks dropped, deduplicated.
pub fn personal_names(r: &Reader<'_>) -> Result<Vec<String>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT legal_name FROM pupils
         UNION SELECT preferred_name FROM pupils WHERE preferred_name IS NOT NULL
         UNION SELECT name FROM families
         UNION SELECT name FROM carers
         UNION SELECT name FROM family_children
         UNION SELECT name FROM tsm_pupils",
    )?;
    let names: BTreeSet<String> = stmt
        .query_map([], |row| row.get::<_, String>(0))?
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

/// The latest as-at date of any imported summary.
pub fn latest_summary_date(r: &Reader<'_>) -> Result<Option<NaiveDate>, StoreError> {
    let value: Option<String> =
        r.conn
            .query_row("SELECT max(as_at) FROM attendance_summaries", [], |row| {
                row.get(0)
            })?;
    value.as_deref().map(crate::cases::parse_date).transpose()
}

/// For each pupil, the latest imported summary with an as-at date in `from..=to`.
pub fn latest_summaries_between(
    r: &Reader<'_>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<WardSummary>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT s.as_at, s.ward, s.school_phase, s.possible, s.present, s.authorised,
                s.unauthorised, i.sha256
         FROM attendance_summaries s JOIN imports i ON i.id = s.import_id
         WHERE s.as_at BETWEEN ?1 AND ?2
           AND NOT EXISTS (
             SELECT 1 FROM attendance_summaries later
             WHERE later.upn = s.upn AND later.as_at BETWEEN ?1 AND ?2
               AND (later.as_at > s.as_at OR (later.as_at = s.as_at AND later.import_id > s.import_id)))",
    )?;
    let rows = stmt
        .query_map(params![from.to_string(), to.to_string()], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, Option<String>>(1)?,
                row.get::<_, Option<String>>(2)?,
                [
                    row.get::<_, u32>(3)?,
                    row.get::<_, u32>(4)?,
                    row.get::<_, u32>(5)?,
                    row.get::<_, u32>(6)?,
                ],
                row.get::<_, String>(7)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(
            |(as_at, ward, phase, [possible, present, auth, unauth], source)| {
                let corrupt = |reason: &str| StoreError::Corrupt {
                    what: "attendance summary",
                    reason: reason.to_string(),
                };
                Ok(WardSummary {
                    as_at: crate::cases::parse_date(&as_at)?,
                    ward,
                    phase: phase.as_deref().and_then(|p| SchoolPhase::parse(p).ok()),
                    counts: SessionCounts::new(possible, present, auth, unauth)
                        .map_err(|_| corrupt("counts do not add up"))?,
                    source,
                })
            },
        )
        .collect()
}
