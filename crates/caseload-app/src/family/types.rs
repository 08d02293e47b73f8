//! Request and response types of the family commands (exported to TypeScript by `bindings`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use caseload_domain::family::{KeyProfessional, PupilFlag};
use caseload_domain::{CarerId, CaseId, FamilyChildId, FamilyId};

#[derive(Debug, Clone, Deserialize, TS)]
pub struct FamilyGetRequest {
    pub case_id: CaseId,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PupilDetailsSetRequest {
    pub case_id: CaseId,
    #[serde(default)]
    #[ts(optional)]
    pub address: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub postcode: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub ward: Option<String>,
    #[serde(default)]
    pub flags: Vec<PupilFlag>,
    #[serde(default)]
    pub key_professionals: Vec<KeyProfessional>,
    /// `YYYY-MM-DD`: when the part-time timetable is to be reviewed (needs that flag).
    #[serde(default)]
    #[ts(optional)]
    pub part_time_review_on: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct FamilyNameSetRequest {
    pub case_id: CaseId,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CarerAddRequest {
    pub case_id: CaseId,
    pub name: String,
    pub relationship: String,
    #[serde(default)]
    #[ts(optional)]
    pub phone: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub email: Option<String>,
    pub parental_responsibility: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CarerRemoveRequest {
    pub case_id: CaseId,
    pub carer_id: CarerId,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SiblingLinkRequest {
    pub case_id: CaseId,
    /// Another case on the caseload whose pupil is this pupil's sibling.
    pub sibling_case_id: CaseId,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct FamilyChildAddRequest {
    pub case_id: CaseId,
    pub name: String,
    /// ISO date, optional.
    #[serde(default)]
    #[ts(optional)]
    pub date_of_birth: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub school_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CarerView {
    pub id: CarerId,
    pub name: String,
    pub relationship: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub parental_responsibility: bool,
}

/// A brother or sister on the caseload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SiblingView {
    pub case_id: Option<CaseId>,
    pub legal_name: String,
    pub preferred_name: Option<String>,
    pub school_name: String,
    pub year_group: u8,
}

/// A child of the household who is not on the caseload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FamilyChildView {
    pub id: FamilyChildId,
    pub name: String,
    pub date_of_birth: Option<String>,
    pub school_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FamilyView {
    pub id: FamilyId,
    pub name: String,
    pub carers: Vec<CarerView>,
    /// The pupil's siblings on the caseload (not the pupil).
    pub siblings: Vec<SiblingView>,
    pub other_children: Vec<FamilyChildView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PupilFamilyView {
    pub case_id: CaseId,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub ward: Option<String>,
    pub flags: Vec<PupilFlag>,
    pub key_professionals: Vec<KeyProfessional>,
    /// ISO date the part-time timetable is to be reviewed, if the pupil is on one.
    pub part_time_review_on: Option<String>,
    pub family: Option<FamilyView>,
}
