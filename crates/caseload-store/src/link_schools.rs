//! `link_schools`: the worker's link schools and their TSM contacts. Keyed by URN: setting a
//! school that is already linked updates it.

use chrono::{DateTime, Utc};
use rusqlite::params;

use crate::cases::timestamp;
use crate::error::StoreError;
use crate::write::{Reader, Writer};
use caseload_domain::link_school::{Contact, LinkSchool};
use caseload_domain::{SchoolName, SchoolPhase, Urn};

pub fn set(w: &Writer<'_>, s: &LinkSchool, now: DateTime<Utc>) -> Result<(), StoreError> {
    let c = s.attendance_champion.as_ref();
    let d = s.dsl.as_ref();
    w.conn.execute(
        "INSERT INTO link_schools (urn, name, phase, champion_name, champion_phone, champion_email,
            dsl_name, dsl_phone, dsl_email, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
         ON CONFLICT(urn) DO UPDATE SET name = excluded.name, phase = excluded.phase,
            champion_name = excluded.champion_name, champion_phone = excluded.champion_phone,
            champion_email = excluded.champion_email, dsl_name = excluded.dsl_name,
            dsl_phone = excluded.dsl_phone, dsl_email = excluded.dsl_email, updated_at = excluded.updated_at",
        params![
            s.urn.as_str(),
            s.name.as_str(),
            s.phase.as_str(),
            c.map(|c| &c.name),
            c.and_then(|c| c.phone.as_ref()),
            c.and_then(|c| c.email.as_ref()),
            d.map(|d| &d.name),
            d.and_then(|d| d.phone.as_ref()),
            d.and_then(|d| d.email.as_ref()),
            timestamp(now)
        ],
    )?;
    Ok(())
}

fn corrupt(reason: impl Into<String>) -> StoreError {
    StoreError::Corrupt {
        what: "link school",
        reason: reason.into(),
    }
}

fn contact(name: Option<String>, phone: Option<String>, email: Option<String>) -> Option<Contact> {
    name.map(|name| Contact { name, phone, email })
}

/// Every link school, by name.
pub fn list(r: &Reader<'_>) -> Result<Vec<LinkSchool>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT urn, name, phase, champion_name, champion_phone, champion_email, dsl_name, dsl_phone, dsl_email
         FROM link_schools ORDER BY name, urn",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            contact(row.get(3)?, row.get(4)?, row.get(5)?),
            contact(row.get(6)?, row.get(7)?, row.get(8)?),
        ))
    })?;
    rows.map(|row| {
        let (urn, name, phase, attendance_champion, dsl) = row?;
        Ok(LinkSchool {
            urn: Urn::parse(&urn).map_err(corrupt)?,
            name: SchoolName::parse(&name).map_err(corrupt)?,
            phase: SchoolPhase::parse(&phase).map_err(corrupt)?,
            attendance_champion,
            dsl,
        })
    })
    .collect()
}
