//! A pupil's details and family: `pupils` (address, flags…), `families`, `carers`,
//! `family_children`. Keeps the search index's family column in step on every change.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use crate::columns::{date, new_id, optional_date, timestamp};
use crate::error::StoreError;
use crate::write::{Reader, Writer};
use caseload_domain::family::{Carer, KeyProfessional, PupilDetails, PupilFlag};
use caseload_domain::{CarerId, CaseId, FamilyChildId, FamilyId, PupilId};

const WHAT: &str = "family";

fn json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::corrupt(WHAT, e.to_string()))
}

pub fn set_details(
    w: &Writer<'_>,
    pupil_id: &PupilId,
    d: &PupilDetails,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    w.conn.execute(
        "UPDATE pupils SET address = ?2, postcode = ?3, ward = ?4, flags = ?5, key_professionals = ?6,
            part_time_review_on = ?8, updated_at = ?7 WHERE id = ?1",
        params![
            pupil_id.as_str(),
            d.address,
            d.postcode,
            d.ward,
            json(&d.flags)?,
            json(&d.key_professionals)?,
            timestamp(now),
            d.part_time_review_on.map(|r| r.to_string())
        ],
    )?;
    Ok(())
}

/// A pupil row's details columns.
fn pupil_details(row: &Row<'_>) -> Result<PupilDetails, StoreError> {
    let flags: Vec<PupilFlag> = serde_json::from_str(&row.get::<_, String>("flags")?)
        .map_err(|e| StoreError::corrupt(WHAT, e.to_string()))?;
    let key_professionals: Vec<KeyProfessional> =
        serde_json::from_str(&row.get::<_, String>("key_professionals")?)
            .map_err(|e| StoreError::corrupt(WHAT, e.to_string()))?;
    Ok(PupilDetails {
        address: row.get("address")?,
        postcode: row.get("postcode")?,
        ward: row.get("ward")?,
        flags,
        key_professionals,
        part_time_review_on: optional_date(row, "part_time_review_on", WHAT)?,
    })
}

pub fn details(r: &Reader<'_>, pupil_id: &PupilId) -> Result<PupilDetails, StoreError> {
    r.conn.query_row_and_then(
        "SELECT address, postcode, ward, flags, key_professionals, part_time_review_on FROM pupils WHERE id = ?1",
        [pupil_id.as_str()],
        pupil_details,
    )
}

/// The part-time timetable review date of every pupil on one (the flag set and a date given).
pub fn part_time_reviews(
    r: &Reader<'_>,
) -> Result<std::collections::HashMap<PupilId, chrono::NaiveDate>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT id, part_time_review_on FROM pupils
         WHERE part_time_review_on IS NOT NULL AND flags LIKE '%part_time_timetable%'",
    )?;
    stmt.query_and_then([], |row| {
        Ok((
            PupilId(row.get("id")?),
            date(row, "part_time_review_on", WHAT)?,
        ))
    })?
    .collect()
}

/// The pupil's family id and name, if they have one.
pub fn family_of(
    r: &Reader<'_>,
    pupil_id: &PupilId,
) -> Result<Option<(FamilyId, String)>, StoreError> {
    Ok(r.conn
        .query_row(
            "SELECT f.id AS family_id, f.name AS family_name
             FROM pupils p JOIN families f ON f.id = p.family_id WHERE p.id = ?1",
            [pupil_id.as_str()],
            |row| Ok((FamilyId(row.get("family_id")?), row.get("family_name")?)),
        )
        .optional()?)
}

/// Names the pupil's family, creating it if the pupil has none. Returns the family id.
pub fn name_family(
    w: &Writer<'_>,
    pupil_id: &PupilId,
    name: &str,
    now: DateTime<Utc>,
) -> Result<FamilyId, StoreError> {
    let at = timestamp(now);
    let id = match family_of(&w.reader(), pupil_id)? {
        Some((id, _)) => {
            w.conn.execute(
                "UPDATE families SET name = ?2, updated_at = ?3 WHERE id = ?1",
                params![id.as_str(), name, at],
            )?;
            id
        }
        None => {
            let id: FamilyId = new_id();
            w.conn.execute(
                "INSERT INTO families (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                params![id.as_str(), name, at],
            )?;
            w.conn.execute(
                "UPDATE pupils SET family_id = ?2 WHERE id = ?1",
                params![pupil_id.as_str(), id.as_str()],
            )?;
            id
        }
    };
    refresh_search(w, &id)?;
    Ok(id)
}

/// Puts `other_pupil_id` into `family_id`. Refused (`false`) when the other pupil already
/// belongs to a different family with other members or carers: merging families is a
/// decision for the worker, not a side effect.
pub fn link_pupil(
    w: &Writer<'_>,
    family_id: &FamilyId,
    other_pupil_id: &PupilId,
) -> Result<bool, StoreError> {
    if let Some((other_family, _)) = family_of(&w.reader(), other_pupil_id)? {
        if &other_family == family_id {
            return Ok(true);
        }
        let others: i64 = w.conn.query_row(
            "SELECT (SELECT count(*) FROM pupils WHERE family_id = ?1) + (SELECT count(*) FROM carers WHERE family_id = ?1)
                  + (SELECT count(*) FROM family_children WHERE family_id = ?1) AS others",
            [other_family.as_str()],
            |row| row.get("others"),
        )?;
        if others > 1 {
            return Ok(false);
        }
    }
    w.conn.execute(
        "UPDATE pupils SET family_id = ?2 WHERE id = ?1",
        params![other_pupil_id.as_str(), family_id.as_str()],
    )?;
    refresh_search(w, family_id)?;
    Ok(true)
}

pub fn add_carer(
    w: &Writer<'_>,
    family_id: &FamilyId,
    c: &Carer,
    now: DateTime<Utc>,
) -> Result<CarerId, StoreError> {
    let id: CarerId = new_id();
    w.conn.execute(
        "INSERT INTO carers (id, family_id, name, relationship, phone, email, parental_responsibility, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![id.as_str(), family_id.as_str(), c.name, c.relationship, c.phone, c.email, c.parental_responsibility, timestamp(now)],
    )?;
    refresh_search(w, family_id)?;
    Ok(id)
}

pub fn remove_carer(
    w: &Writer<'_>,
    family_id: &FamilyId,
    carer_id: &CarerId,
) -> Result<bool, StoreError> {
    let removed = w.conn.execute(
        "DELETE FROM carers WHERE id = ?1 AND family_id = ?2",
        params![carer_id.as_str(), family_id.as_str()],
    )?;
    refresh_search(w, family_id)?;
    Ok(removed == 1)
}

pub fn add_child(
    w: &Writer<'_>,
    family_id: &FamilyId,
    name: &str,
    date_of_birth: Option<&str>,
    school_name: Option<&str>,
    now: DateTime<Utc>,
) -> Result<FamilyChildId, StoreError> {
    let id: FamilyChildId = new_id();
    w.conn.execute(
        "INSERT INTO family_children (id, family_id, name, date_of_birth, school_name, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id.as_str(), family_id.as_str(), name, date_of_birth, school_name, timestamp(now)],
    )?;
    Ok(id)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarerRecord {
    pub id: CarerId,
    pub carer: Carer,
}

fn carer_record(row: &Row<'_>) -> Result<CarerRecord, StoreError> {
    Ok(CarerRecord {
        id: CarerId(row.get("id")?),
        carer: Carer {
            name: row.get("name")?,
            relationship: row.get("relationship")?,
            phone: row.get("phone")?,
            email: row.get("email")?,
            parental_responsibility: row.get("parental_responsibility")?,
        },
    })
}

pub fn carers(r: &Reader<'_>, family_id: &FamilyId) -> Result<Vec<CarerRecord>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT id, name, relationship, phone, email, parental_responsibility FROM carers WHERE family_id = ?1 ORDER BY created_at, id",
    )?;
    stmt.query_and_then([family_id.as_str()], carer_record)?
        .collect()
}

/// A pupil of the family who is on the caseload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub pupil_id: PupilId,
    pub case_id: Option<CaseId>,
    pub legal_name: String,
    pub preferred_name: Option<String>,
    pub school_name: String,
    pub year_group: i64,
}

fn member(row: &Row<'_>) -> Result<Member, StoreError> {
    Ok(Member {
        pupil_id: PupilId(row.get("pupil_id")?),
        case_id: row.get::<_, Option<String>>("case_id")?.map(CaseId),
        legal_name: row.get("legal_name")?,
        preferred_name: row.get("preferred_name")?,
        school_name: row.get("school_name")?,
        year_group: row.get("year_group")?,
    })
}

pub fn members(r: &Reader<'_>, family_id: &FamilyId) -> Result<Vec<Member>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT p.id AS pupil_id,
                (SELECT c.id FROM cases c WHERE c.pupil_id = p.id ORDER BY c.created_at DESC LIMIT 1) AS case_id,
                p.legal_name AS legal_name, p.preferred_name AS preferred_name,
                p.school_name AS school_name, p.year_group AS year_group
         FROM pupils p WHERE p.family_id = ?1 ORDER BY p.date_of_birth",
    )?;
    stmt.query_and_then([family_id.as_str()], member)?.collect()
}

/// A child of the household who is not on the caseload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildRecord {
    pub id: FamilyChildId,
    pub name: String,
    pub date_of_birth: Option<String>,
    pub school_name: Option<String>,
}

fn child_record(row: &Row<'_>) -> Result<ChildRecord, StoreError> {
    Ok(ChildRecord {
        id: FamilyChildId(row.get("id")?),
        name: row.get("name")?,
        date_of_birth: row.get("date_of_birth")?,
        school_name: row.get("school_name")?,
    })
}

pub fn children(r: &Reader<'_>, family_id: &FamilyId) -> Result<Vec<ChildRecord>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT id, name, date_of_birth, school_name FROM family_children WHERE family_id = ?1 ORDER BY created_at, id",
    )?;
    stmt.query_and_then([family_id.as_str()], child_record)?
        .collect()
}

/// Writes the family's name and its carers' names into the search index of each member.
fn refresh_search(w: &Writer<'_>, family_id: &FamilyId) -> Result<(), StoreError> {
    w.conn.execute(
        "UPDATE pupil_search SET family = (
             SELECT f.name || ' ' || coalesce((SELECT group_concat(c.name, ' ') FROM carers c WHERE c.family_id = f.id), '')
             FROM families f WHERE f.id = ?1)
         WHERE rowid IN (SELECT rowid FROM pupils WHERE family_id = ?1)",
        [family_id.as_str()],
    )?;
    Ok(())
}
