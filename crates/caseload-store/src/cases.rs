//! The `pupils` and `cases` tables, read and written as one aggregate: a case and the pupil it
//! is about, with where the case stands in its lifecycle. Rows are turned back into domain
//! values; a row that no longer parses is reported as corrupt rather than shown wrong. Status
//! changes are written only by `events::record`, with their dated event.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{OptionalExtension, Row, params};

use crate::error::StoreError;
use crate::events;
use crate::write::{Reader, Writer};
use caseload_domain::{
    CaseId, CaseStatus, PersonName, Pupil, SchoolName, SchoolPhase, Upn, Urn, YearGroup,
};

/// A case as stored, with its pupil and its place in the lifecycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRecord {
    pub id: CaseId,
    pub pupil_id: String,
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
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// How the case came to the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    pub source: String,
    pub date: NaiveDate,
}

const SELECT: &str = "SELECT c.id, c.status, c.created_at, c.updated_at,
        p.legal_name, p.preferred_name, p.date_of_birth, p.upn, p.school_urn, p.school_name, p.year_group,
        p.school_phase, c.pupil_id, c.referral_source, c.referral_date, c.team, c.worker, c.cycle_start,
        c.midpoint_done_on, c.closed_on, c.closure_reason
    FROM cases c JOIN pupils p ON p.id = c.pupil_id";

pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

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
    let pupil_id = new_id();
    let case_id = new_id();
    let at = timestamp(now);
    w.conn
        .execute(
            "INSERT INTO pupils (id, legal_name, preferred_name, date_of_birth, upn, school_urn,
                school_name, year_group, created_at, updated_at, school_phase)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
            params![
                pupil_id,
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
        params![case_id, pupil_id, CaseStatus::Referred.as_str(), at, referral.source, referral.date.to_string()],
    )?;
    let id = CaseId(case_id);
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
    r.conn
        .query_row(&sql, [id.as_str()], raw_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            what: "case",
            id: id.to_string(),
        })?
        .into_record()
}

/// Every case, most recently updated first.
pub fn list(r: &Reader<'_>) -> Result<Vec<CaseRecord>, StoreError> {
    let sql = format!("{SELECT} ORDER BY c.updated_at DESC, c.id DESC");
    let mut stmt = r.conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], raw_row)?;
    rows.map(|row| row?.into_record()).collect()
}

/// Cases a worker still holds (not declined or closed), most recently updated first.
pub fn list_open(r: &Reader<'_>) -> Result<Vec<CaseRecord>, StoreError> {
    let sql = format!(
        "{SELECT} WHERE c.status NOT IN ('declined', 'family_declined', 'closed') ORDER BY c.updated_at DESC, c.id DESC"
    );
    let mut stmt = r.conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], raw_row)?;
    rows.map(|row| row?.into_record()).collect()
}

/// A row as SQLite returned it, before the domain checks it.
struct RawCase {
    id: String,
    status: String,
    created_at: String,
    updated_at: String,
    legal_name: String,
    preferred_name: Option<String>,
    date_of_birth: String,
    upn: String,
    school_urn: String,
    school_name: String,
    year_group: i64,
    school_phase: Option<String>,
    pupil_id: String,
    referral_source: String,
    referral_date: Option<String>,
    team: Option<String>,
    worker: Option<String>,
    cycle_start: Option<String>,
    midpoint_done_on: Option<String>,
    closed_on: Option<String>,
    closure_reason: Option<String>,
}

fn raw_row(row: &Row<'_>) -> rusqlite::Result<RawCase> {
    Ok(RawCase {
        id: row.get(0)?,
        status: row.get(1)?,
        created_at: row.get(2)?,
        updated_at: row.get(3)?,
        legal_name: row.get(4)?,
        preferred_name: row.get(5)?,
        date_of_birth: row.get(6)?,
        upn: row.get(7)?,
        school_urn: row.get(8)?,
        school_name: row.get(9)?,
        year_group: row.get(10)?,
        school_phase: row.get(11)?,
        pupil_id: row.get(12)?,
        referral_source: row.get(13)?,
        referral_date: row.get(14)?,
        team: row.get(15)?,
        worker: row.get(16)?,
        cycle_start: row.get(17)?,
        midpoint_done_on: row.get(18)?,
        closed_on: row.get(19)?,
        closure_reason: row.get(20)?,
    })
}

fn corrupt(reason: impl Into<String>) -> StoreError {
    StoreError::Corrupt {
        what: "case",
        reason: reason.into(),
    }
}

pub(crate) fn parse_date(value: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| corrupt("bad date"))
}

fn parse_optional_date(value: Option<&str>) -> Result<Option<NaiveDate>, StoreError> {
    value.map(parse_date).transpose()
}

fn parse_time(value: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| corrupt("bad timestamp"))
}

impl RawCase {
    /// Time-dependent rules (a date of birth within 25 years of today) are checked on entry,
    /// not on reading: a record that was valid when written stays readable.
    fn into_record(self) -> Result<CaseRecord, StoreError> {
        let pupil = Pupil {
            legal_name: PersonName::parse(&self.legal_name, "legal name").map_err(corrupt)?,
            preferred_name: self
                .preferred_name
                .as_deref()
                .map(|n| PersonName::parse(n, "preferred name"))
                .transpose()
                .map_err(corrupt)?,
            date_of_birth: NaiveDate::parse_from_str(&self.date_of_birth, "%Y-%m-%d")
                .map_err(|_| corrupt("bad date of birth"))?,
            upn: Upn::parse(&self.upn).map_err(|e| corrupt(e.to_string()))?,
            school_urn: Urn::parse(&self.school_urn).map_err(corrupt)?,
            school_name: SchoolName::parse(&self.school_name).map_err(corrupt)?,
            year_group: u8::try_from(self.year_group)
                .ok()
                .and_then(YearGroup::new)
                .ok_or_else(|| corrupt("bad year group"))?,
            school_phase: self
                .school_phase
                .as_deref()
                .map(SchoolPhase::parse)
                .transpose()
                .map_err(corrupt)?,
        };
        Ok(CaseRecord {
            id: CaseId(self.id),
            pupil_id: self.pupil_id,
            status: CaseStatus::parse(&self.status).ok_or_else(|| corrupt("unknown status"))?,
            referral_source: self.referral_source,
            referral_date: parse_date(
                self.referral_date
                    .as_deref()
                    .unwrap_or(&self.created_at[..10.min(self.created_at.len())]),
            )?,
            team: self.team,
            worker: self.worker,
            cycle_start: parse_optional_date(self.cycle_start.as_deref())?,
            midpoint_done_on: parse_optional_date(self.midpoint_done_on.as_deref())?,
            closed_on: parse_optional_date(self.closed_on.as_deref())?,
            closure_reason: self.closure_reason,
            created_at: parse_time(&self.created_at)?,
            updated_at: parse_time(&self.updated_at)?,
            pupil,
        })
    }
}
