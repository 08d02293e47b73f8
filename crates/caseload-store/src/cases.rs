//! The `pupils` and `cases` tables, read and written as one aggregate: a case and the pupil it
//! is about, with where the case stands in its lifecycle. Rows are turned back into domain
//! values; a row that no longer parses is reported as corrupt rather than shown wrong. Status
//! changes are written only by `events::record`, with their dated event.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Row, params};

use crate::columns::{new_id, optional_date, parse_date, parse_time, time, timestamp};
use crate::error::StoreError;
use crate::events;
use crate::write::{Reader, Writer};
use caseload_domain::{
    CaseId, CaseStatus, ClosureCategory, PersonName, Pupil, PupilId, SchoolName, SchoolPhase, Upn,
    Urn, YearGroup,
};

/// A case as stored, with its pupil and its place in the lifecycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRecord {
    pub id: CaseId,
    pub pupil_id: PupilId,
    pub pupil: Pupil,
    pub status: CaseStatus,
    pub referral_source: String,
    pub referral_date: NaiveDate,
    pub team: Option<String>,
    pub worker: Option<String>,
    pub cycle_start: Option<NaiveDate>,
    pub midpoint_done_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub closure_reason: Option<String>,
    /// Why it closed, as picked from the categories; `None` for cases closed before they existed.
    pub closure_category: Option<ClosureCategory>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// How the case came to the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    pub source: String,
    pub date: NaiveDate,
}

const WHAT: &str = "case";

/// A case joined with its pupil; every column named, as both tables have `id`, `created_at`
/// and `updated_at`.
const SELECT: &str = "SELECT c.id AS id, c.status AS status, c.created_at AS created_at,
        c.updated_at AS updated_at, p.legal_name AS legal_name, p.preferred_name AS preferred_name,
        p.date_of_birth AS date_of_birth, p.upn AS upn, p.school_urn AS school_urn,
        p.school_name AS school_name, p.year_group AS year_group, p.school_phase AS school_phase,
        c.pupil_id AS pupil_id, c.referral_source AS referral_source,
        c.referral_date AS referral_date, c.team AS team, c.worker AS worker,
        c.cycle_start AS cycle_start, c.midpoint_done_on AS midpoint_done_on,
        c.closed_on AS closed_on, c.closure_reason AS closure_reason,
        c.closure_category AS closure_category
    FROM cases c JOIN pupils p ON p.id = c.pupil_id";

/// The positions of [`SELECT`]'s columns. A case is read by position: rusqlite finds a column
/// by name by comparing it with every column's name, 22 times a row over thousands of cases.
/// A test checks each position against the name.
mod col {
    pub const ID: usize = 0;
    pub const STATUS: usize = 1;
    pub const CREATED_AT: usize = 2;
    pub const UPDATED_AT: usize = 3;
    pub const LEGAL_NAME: usize = 4;
    pub const PREFERRED_NAME: usize = 5;
    pub const DATE_OF_BIRTH: usize = 6;
    pub const UPN: usize = 7;
    pub const SCHOOL_URN: usize = 8;
    pub const SCHOOL_NAME: usize = 9;
    pub const YEAR_GROUP: usize = 10;
    pub const SCHOOL_PHASE: usize = 11;
    pub const PUPIL_ID: usize = 12;
    pub const REFERRAL_SOURCE: usize = 13;
    pub const REFERRAL_DATE: usize = 14;
    pub const TEAM: usize = 15;
    pub const WORKER: usize = 16;
    pub const CYCLE_START: usize = 17;
    pub const MIDPOINT_DONE_ON: usize = 18;
    pub const CLOSED_ON: usize = 19;
    pub const CLOSURE_REASON: usize = 20;
    pub const CLOSURE_CATEGORY: usize = 21;
}

/// A case still being worked (`c` being `cases`): not declined, not closed.
pub(crate) const OPEN: &str = "c.status NOT IN ('declined', 'family_declined', 'closed')";

fn map_unique(e: rusqlite::Error) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, Some(msg))
            if f.code == rusqlite::ErrorCode::ConstraintViolation && msg.contains("pupils.upn") =>
        {
            StoreError::DuplicateUpn
        }
        _ => StoreError::Sqlite(e),
    }
}

/// Adds a pupil and a case for them, referred on the referral's date.
pub fn add(
    w: &Writer<'_>,
    pupil: &Pupil,
    referral: &Referral,
    now: DateTime<Utc>,
) -> Result<CaseRecord, StoreError> {
    let pupil_id: PupilId = new_id();
    let id: CaseId = new_id();
    let at = timestamp(now);
    w.conn
        .execute(
            "INSERT INTO pupils (id, legal_name, preferred_name, date_of_birth, upn, school_urn,
                school_name, year_group, created_at, updated_at, school_phase)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
            params![
                pupil_id.as_str(),
                pupil.legal_name.as_str(),
                pupil.preferred_name.as_ref().map(PersonName::as_str),
                pupil.date_of_birth.to_string(),
                pupil.upn.as_str(),
                pupil.school_urn.as_str(),
                pupil.school_name.as_str(),
                pupil.year_group.get(),
                at,
                pupil.school_phase.map(SchoolPhase::as_str),
            ],
        )
        .map_err(map_unique)?;
    w.conn.execute(
        "INSERT INTO cases (id, pupil_id, status, created_at, updated_at, referral_source, referral_date)
         VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6)",
        params![id.as_str(), pupil_id.as_str(), CaseStatus::Referred.as_str(), at, referral.source, referral.date.to_string()],
    )?;
    events::record_referral(w, &id, referral.date, now)?;
    get(&w.reader(), &id)
}

/// Replaces the pupil details of a case.
pub fn update_pupil(
    w: &Writer<'_>,
    id: &CaseId,
    pupil: &Pupil,
    now: DateTime<Utc>,
) -> Result<CaseRecord, StoreError> {
    let at = timestamp(now);
    let changed = w
        .conn
        .execute(
            "UPDATE pupils SET legal_name = ?2, preferred_name = ?3, date_of_birth = ?4, upn = ?5,
                school_urn = ?6, school_name = ?7, year_group = ?8, updated_at = ?9, school_phase = ?10
             WHERE id = (SELECT pupil_id FROM cases WHERE id = ?1)",
            params![
                id.as_str(),
                pupil.legal_name.as_str(),
                pupil.preferred_name.as_ref().map(PersonName::as_str),
                pupil.date_of_birth.to_string(),
                pupil.upn.as_str(),
                pupil.school_urn.as_str(),
                pupil.school_name.as_str(),
                pupil.year_group.get(),
                at,
                pupil.school_phase.map(SchoolPhase::as_str),
            ],
        )
        .map_err(map_unique)?;
    if changed == 0 {
        return Err(StoreError::NotFound {
            what: "case",
            id: id.to_string(),
        });
    }
    w.conn.execute(
        "UPDATE cases SET updated_at = ?2 WHERE id = ?1",
        params![id.as_str(), at],
    )?;
    get(&w.reader(), id)
}

pub fn get(r: &Reader<'_>, id: &CaseId) -> Result<CaseRecord, StoreError> {
    let sql = format!("{SELECT} WHERE c.id = ?1");
    let mut stmt = r.conn.prepare_cached(&sql)?;
    stmt.query_and_then([id.as_str()], case_record)?
        .next()
        .transpose()?
        .ok_or_else(|| StoreError::NotFound {
            what: "case",
            id: id.to_string(),
        })
}

/// Every case, most recently updated first.
pub fn list(r: &Reader<'_>) -> Result<Vec<CaseRecord>, StoreError> {
    let sql = format!("{SELECT} ORDER BY c.updated_at DESC, c.id DESC");
    let mut stmt = r.conn.prepare_cached(&sql)?;
    stmt.query_and_then([], case_record)?.collect()
}

/// Cases a worker still holds (not declined or closed), most recently updated first.
pub fn list_open(r: &Reader<'_>) -> Result<Vec<CaseRecord>, StoreError> {
    let sql = format!("{SELECT} WHERE {OPEN} ORDER BY c.updated_at DESC, c.id DESC");
    let mut stmt = r.conn.prepare_cached(&sql)?;
    stmt.query_and_then([], case_record)?.collect()
}

/// A row of [`SELECT`] as a case. Time-dependent rules (a date of birth within 25 years of
/// today) are checked on entry, not on reading: a record that was valid when written stays
/// readable.
fn case_record(row: &Row<'_>) -> Result<CaseRecord, StoreError> {
    let date_of_birth: String = row.get(col::DATE_OF_BIRTH)?;
    let pupil = Pupil {
        legal_name: PersonName::parse(&row.get::<_, String>(col::LEGAL_NAME)?, "legal name")
            .map_err(|e| StoreError::corrupt(WHAT, e))?,
        preferred_name: row
            .get::<_, Option<String>>(col::PREFERRED_NAME)?
            .as_deref()
            .map(|n| PersonName::parse(n, "preferred name"))
            .transpose()
            .map_err(|e| StoreError::corrupt(WHAT, e))?,
        date_of_birth: NaiveDate::parse_from_str(&date_of_birth, "%Y-%m-%d")
            .map_err(|_| StoreError::corrupt(WHAT, "bad date of birth"))?,
        upn: Upn::parse(&row.get::<_, String>(col::UPN)?)
            .map_err(|e| StoreError::corrupt(WHAT, e.to_string()))?,
        school_urn: Urn::parse(&row.get::<_, String>(col::SCHOOL_URN)?)
            .map_err(|e| StoreError::corrupt(WHAT, e))?,
        school_name: SchoolName::parse(&row.get::<_, String>(col::SCHOOL_NAME)?)
            .map_err(|e| StoreError::corrupt(WHAT, e))?,
        year_group: u8::try_from(row.get::<_, i64>(col::YEAR_GROUP)?)
            .ok()
            .and_then(YearGroup::new)
            .ok_or_else(|| StoreError::corrupt(WHAT, "bad year group"))?,
        school_phase: row
            .get::<_, Option<String>>(col::SCHOOL_PHASE)?
            .as_deref()
            .map(SchoolPhase::parse)
            .transpose()
            .map_err(|e| StoreError::corrupt(WHAT, e))?,
    };
    let created_at: String = row.get(col::CREATED_AT)?;
    // Schema-2 rows may lack a referral date: the case was referred the day it was added.
    let referral_date = match row.get::<_, Option<String>>(col::REFERRAL_DATE)? {
        Some(date) => parse_date(WHAT, &date)?,
        None => parse_date(WHAT, &created_at[..10.min(created_at.len())])?,
    };
    Ok(CaseRecord {
        id: CaseId(row.get(col::ID)?),
        pupil_id: PupilId(row.get(col::PUPIL_ID)?),
        status: CaseStatus::parse(&row.get::<_, String>(col::STATUS)?)
            .ok_or_else(|| StoreError::corrupt(WHAT, "unknown status"))?,
        referral_source: row.get(col::REFERRAL_SOURCE)?,
        referral_date,
        team: row.get(col::TEAM)?,
        worker: row.get(col::WORKER)?,
        cycle_start: optional_date(row, col::CYCLE_START, WHAT)?,
        midpoint_done_on: optional_date(row, col::MIDPOINT_DONE_ON, WHAT)?,
        closed_on: optional_date(row, col::CLOSED_ON, WHAT)?,
        closure_reason: row.get(col::CLOSURE_REASON)?,
        closure_category: match row.get::<_, Option<String>>(col::CLOSURE_CATEGORY)? {
            None => None,
            Some(v) => Some(
                ClosureCategory::parse(&v)
                    .ok_or_else(|| StoreError::corrupt(WHAT, "unknown closure category"))?,
            ),
        },
        created_at: parse_time(WHAT, &created_at)?,
        updated_at: time(row, col::UPDATED_AT, WHAT)?,
        pupil,
    })
}

/// Records why the case closed, as a category (in the same write as the closing step).
pub fn set_closure_category(
    w: &Writer<'_>,
    id: &CaseId,
    category: ClosureCategory,
) -> Result<(), StoreError> {
    w.conn.execute(
        "UPDATE cases SET closure_category = ?2 WHERE id = ?1",
        params![id.as_str(), category.as_str()],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_column_position_holds_the_column_it_is_named_for() {
        let mut conn = rusqlite::Connection::open_in_memory().expect("memory");
        crate::migrate::migrate(&mut conn).expect("schema");
        let stmt = conn.prepare(SELECT).expect("prepare");
        let names: Vec<&str> = stmt.column_names().collect();
        let positions = [
            (col::ID, "id"),
            (col::STATUS, "status"),
            (col::CREATED_AT, "created_at"),
            (col::UPDATED_AT, "updated_at"),
            (col::LEGAL_NAME, "legal_name"),
            (col::PREFERRED_NAME, "preferred_name"),
            (col::DATE_OF_BIRTH, "date_of_birth"),
            (col::UPN, "upn"),
            (col::SCHOOL_URN, "school_urn"),
            (col::SCHOOL_NAME, "school_name"),
            (col::YEAR_GROUP, "year_group"),
            (col::SCHOOL_PHASE, "school_phase"),
            (col::PUPIL_ID, "pupil_id"),
            (col::REFERRAL_SOURCE, "referral_source"),
            (col::REFERRAL_DATE, "referral_date"),
            (col::TEAM, "team"),
            (col::WORKER, "worker"),
            (col::CYCLE_START, "cycle_start"),
            (col::MIDPOINT_DONE_ON, "midpoint_done_on"),
            (col::CLOSED_ON, "closed_on"),
            (col::CLOSURE_REASON, "closure_reason"),
            (col::CLOSURE_CATEGORY, "closure_category"),
        ];
        assert_eq!(names.len(), positions.len(), "{names:?}");
        for (at, name) in positions {
            assert_eq!(names[at], name, "column {at}");
        }
    }
}
