//! The worker's link schools (the schools they hold Targeting Support Meetings with).

use caseload_domain::SchoolPhase;
use caseload_domain::link_school::{Contact, ContactDraft, LinkSchoolDraft};
use caseload_store::{Action, Store, link_schools};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::context::Caseload;
use crate::error::AppError;

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct ContactInput {
    pub name: String,
    #[serde(default)]
    #[ts(optional)]
    pub phone: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub email: Option<String>,
}

/// A link school as typed; contacts are optional (leave every part blank for none).
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct LinkSchoolSetRequest {
    pub urn: String,
    pub name: String,
    /// primary | secondary | special | alternative_provision
    pub phase: String,
    #[serde(default)]
    pub attendance_champion: ContactInput,
    #[serde(default)]
    pub dsl: ContactInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactView {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LinkSchoolView {
    pub urn: String,
    pub name: String,
    pub phase: SchoolPhase,
    pub attendance_champion: Option<ContactView>,
    pub dsl: Option<ContactView>,
}

fn draft(c: &ContactInput) -> ContactDraft<'_> {
    ContactDraft {
        name: &c.name,
        phone: c.phone.as_deref(),
        email: c.email.as_deref(),
    }
}

fn contact_view(c: Contact) -> ContactView {
    ContactView {
        name: c.name,
        phone: c.phone,
        email: c.email,
    }
}

fn list(store: &Store) -> Result<Vec<LinkSchoolView>, AppError> {
    Ok(link_schools::list(&store.read())?
        .into_iter()
        .map(|s| LinkSchoolView {
            urn: s.urn.as_str().to_string(),
            name: s.name.as_str().to_string(),
            phase: s.phase,
            attendance_champion: s.attendance_champion.map(contact_view),
            dsl: s.dsl.map(contact_view),
        })
        .collect())
}

pub fn link_school_set(
    cx: &Caseload,
    req: LinkSchoolSetRequest,
) -> Result<Vec<LinkSchoolView>, AppError> {
    let school = LinkSchoolDraft {
        urn: &req.urn,
        name: &req.name,
        phase: &req.phase,
        attendance_champion: draft(&req.attendance_champion),
        dsl: draft(&req.dsl),
    }
    .validate()
    .map_err(AppError::validation)?;
    cx.with_store(|store| {
        store.write(Action::LinkSchoolSet, |w| {
            w.audit_entity("link_school", school.urn.as_str());
            link_schools::set(w, &school, Utc::now())
        })?;
        list(store)
    })
}

pub fn link_school_list(cx: &Caseload, _: ()) -> Result<Vec<LinkSchoolView>, AppError> {
    cx.with_store(|store| list(store))
}
