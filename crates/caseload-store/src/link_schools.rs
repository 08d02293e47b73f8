//! `link_schools`: the worker's link schools and their TSM contacts. Keyed by URN: setting a
//! school that is already linked updates it.

use chrono::{DateTime, Utc};
use rusqlite::{Row, params};

use crate::columns::timestamp;
use crate::error::StoreError;
use crate::write::{Reader, Writer};
use caseload_domain::link_school::{Contact, LinkSchool};
use caseload_domain::{SchoolName, SchoolPhase, Urn};

const WHAT: &str = "link school";

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

/// A contact from its three columns, if one is named.
fn contact(row: &Row<'_>, [name, phone, email]: [&str; 3]) -> Result<Option<Contact>, StoreError> {
    let Some(name) = row.get::<_, Option<String>>(name)? else {
        return Ok(None);
    };
    Ok(Some(Contact {
        name,
        phone: row.get(phone)?,
        email: row.get(email)?,
    }))
}

fn link_school(row: &Row<'_>) -> Result<LinkSchool, StoreError> {
    Ok(LinkSchool {
        urn: Urn::parse(&row.get::<_, String>("urn")?).map_err(|e| StoreError::corrupt(WHAT, e))?,
        name: SchoolName::parse(&row.get::<_, String>("name")?)
            .map_err(|e| StoreError::corrupt(WHAT, e))?,
        phase: SchoolPhase::parse(&row.get::<_, String>("phase")?)
            .map_err(|e| StoreError::corrupt(WHAT, e))?,
        attendance_champion: contact(row, ["champion_name", "champion_phone", "champion_email"])?,
        dsl: contact(row, ["dsl_name", "dsl_phone", "dsl_email"])?,
    })
}

/// Every link school, by name.
pub fn list(r: &Reader<'_>) -> Result<Vec<LinkSchool>, StoreError> {
    let mut stmt = r.conn.prepare_cached(
        "SELECT urn, name, phase, champion_name, champion_phone, champion_email, dsl_name, dsl_phone, dsl_email
         FROM link_schools ORDER BY name, urn",
    )?;
    stmt.query_and_then([], link_school)?.collect()
}
