//! A pupil's wider record and family: details, the family's name, parents and carers,
//! siblings on the caseload, and other children of the household.

mod types;

pub use types::{
    CarerAddRequest, CarerRemoveRequest, CarerView, FamilyChildAddRequest, FamilyChildView,
    FamilyGetRequest, FamilyNameSetRequest, FamilyView, PupilDetailsSetRequest, PupilFamilyView,
    SiblingLinkRequest, SiblingView,
};

use caseload_domain::family::{CarerDraft, DetailsDraft};
use caseload_domain::transition::parse_past_date;
use caseload_domain::{CaseId, FamilyId, Field, FieldErrors, PersonName};
use caseload_store::cases::CaseRecord;
use caseload_store::{Action, Store, cases, families};
use chrono::Utc;

use crate::context::Caseload;
use crate::error::AppError;
use crate::support::today;

fn view(store: &Store, case: &CaseRecord) -> Result<PupilFamilyView, AppError> {
    let r = store.read();
    let details = families::details(&r, &case.pupil_id)?;
    let family = match families::family_of(&r, &case.pupil_id)? {
        None => None,
        Some((id, name)) => Some(FamilyView {
            carers: families::carers(&r, &id)?
                .into_iter()
                .map(|c| CarerView {
                    id: c.id.clone(),
                    name: c.carer.name,
                    relationship: c.carer.relationship,
                    phone: c.carer.phone,
                    email: c.carer.email,
                    parental_responsibility: c.carer.parental_responsibility,
                })
                .collect(),
            siblings: families::members(&r, &id)?
                .into_iter()
                .filter(|m| m.pupil_id != case.pupil_id)
                .map(|m| SiblingView {
                    case_id: m.case_id,
                    legal_name: m.legal_name,
                    preferred_name: m.preferred_name,
                    school_name: m.school_name,
                    year_group: u8::try_from(m.year_group).unwrap_or_default(),
                })
                .collect(),
            other_children: families::children(&r, &id)?
                .into_iter()
                .map(|c| FamilyChildView {
                    id: c.id.clone(),
                    name: c.name,
                    date_of_birth: c.date_of_birth,
                    school_name: c.school_name,
                })
                .collect(),
            id: id.clone(),
            name,
        }),
    };
    Ok(PupilFamilyView {
        case_id: case.id.clone(),
        address: details.address,
        postcode: details.postcode,
        ward: details.ward,
        flags: details.flags,
        key_professionals: details.key_professionals,
        part_time_review_on: details.part_time_review_on.map(|d| d.to_string()),
        family,
    })
}

/// Runs `f` on the case's record, then returns the refreshed view.
fn with_case(
    cx: &Caseload,
    case_id: &CaseId,
    f: impl FnOnce(&mut Store, &CaseRecord) -> Result<(), AppError>,
) -> Result<PupilFamilyView, AppError> {
    cx.with_store(|store| {
        let case = cases::get(&store.read(), case_id)?;
        f(store, &case)?;
        view(store, &case)
    })
}

/// The pupil's family id, creating a family named after the pupil's surname if there is none.
fn family_id(store: &mut Store, case: &CaseRecord) -> Result<FamilyId, AppError> {
    if let Some((id, _)) = families::family_of(&store.read(), &case.pupil_id)? {
        return Ok(id);
    }
    let surname = case
        .pupil
        .legal_name
        .as_str()
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .to_string();
    let name = format!("{surname} family");
    Ok(store.write(Action::FamilyChange, |w| {
        w.audit_entity("case", case.id.as_str());
        let id = families::name_family(w, &case.pupil_id, &name, Utc::now())?;
        w.audit_entity("family", id.as_str());
        w.audit_detail("family created");
        Ok(id)
    })?)
}

pub fn family_get(cx: &Caseload, req: FamilyGetRequest) -> Result<PupilFamilyView, AppError> {
    with_case(cx, &req.case_id, |_, _| Ok(()))
}

pub fn pupil_details_set(
    cx: &Caseload,
    req: PupilDetailsSetRequest,
) -> Result<PupilFamilyView, AppError> {
    let details = DetailsDraft {
        address: req.address.as_deref(),
        postcode: req.postcode.as_deref(),
        ward: req.ward.as_deref(),
        flags: &req.flags,
        key_professionals: &req.key_professionals,
        part_time_review_on: req.part_time_review_on.as_deref(),
    }
    .validate()
    .map_err(AppError::validation)?;
    with_case(cx, &req.case_id, |store, case| {
        let before = families::details(&store.read(), &case.pupil_id)?;
        let changes = crate::audit::details_changes(&before, &details);
        Ok(store.write(Action::PupilDetailsSet, |w| {
            w.audit_entity("case", case.id.as_str());
            w.audit_detail(&changes);
            families::set_details(w, &case.pupil_id, &details, Utc::now())
        })?)
    })
}

pub fn family_name_set(
    cx: &Caseload,
    req: FamilyNameSetRequest,
) -> Result<PupilFamilyView, AppError> {
    let name = PersonName::parse(&req.name, "family name").map_err(|m| {
        AppError::validation(FieldErrors::single(
            Field::FamilyName,
            m.0.replace("pupil's ", ""),
        ))
    })?;
    with_case(cx, &req.case_id, |store, case| {
        store.write(Action::FamilyChange, |w| {
            w.audit_entity("case", case.id.as_str());
            let id = families::name_family(w, &case.pupil_id, name.as_str(), Utc::now())?;
            w.audit_entity("family", id.as_str());
            w.audit_detail("changed: family_name");
            Ok(id)
        })?;
        Ok(())
    })
}

pub fn carer_add(cx: &Caseload, req: CarerAddRequest) -> Result<PupilFamilyView, AppError> {
    let carer = CarerDraft {
        name: &req.name,
        relationship: &req.relationship,
        phone: req.phone.as_deref(),
        email: req.email.as_deref(),
        parental_responsibility: req.parental_responsibility,
    }
    .validate()
    .map_err(AppError::validation)?;
    with_case(cx, &req.case_id, |store, case| {
        let family = family_id(store, case)?;
        store.write(Action::FamilyChange, |w| {
            w.audit_entity("case", case.id.as_str());
            w.audit_entity("family", family.as_str());
            w.audit_detail("carer added");
            families::add_carer(w, &family, &carer, Utc::now())
        })?;
        Ok(())
    })
}

pub fn carer_remove(cx: &Caseload, req: CarerRemoveRequest) -> Result<PupilFamilyView, AppError> {
    with_case(cx, &req.case_id, |store, case| {
        let family = family_id(store, case)?;
        if !store.write(Action::FamilyChange, |w| {
            w.audit_entity("case", case.id.as_str());
            w.audit_entity("family", family.as_str());
            w.audit_detail(&format!("carer {} removed", req.carer_id.as_str()));
            families::remove_carer(w, &family, &req.carer_id)
        })? {
            return Err(AppError::NotFound {
                message: "That carer is not in this family".into(),
                id: req.carer_id.to_string(),
            });
        }
        Ok(())
    })
}

pub fn sibling_link(cx: &Caseload, req: SiblingLinkRequest) -> Result<PupilFamilyView, AppError> {
    if req.sibling_case_id == req.case_id {
        return Err(AppError::validation(FieldErrors::single(
            Field::Sibling,
            "Choose another pupil: a pupil is not their own sibling",
        )));
    }
    with_case(cx, &req.case_id, |store, case| {
        let sibling = cases::get(&store.read(), &req.sibling_case_id)?;
        let family = family_id(store, case)?;
        if !store.write(Action::FamilyChange, |w| {
            w.audit_entity("case", case.id.as_str());
            w.audit_entity("family", family.as_str());
            w.audit_detail(&format!("sibling linked: case {}", sibling.id.as_str()));
            families::link_pupil(w, &family, &sibling.pupil_id)
        })? {
            return Err(AppError::validation(FieldErrors::single(
                Field::Sibling,
                "That pupil is already in another family with other members: check which family is right first",
            )));
        }
        Ok(())
    })
}

pub fn family_child_add(
    cx: &Caseload,
    req: FamilyChildAddRequest,
) -> Result<PupilFamilyView, AppError> {
    let mut errors = FieldErrors::default();
    let name = errors.check(
        Field::Name,
        PersonName::parse(&req.name, "child's name").map_err(|m| m.0.replace("pupil's ", "")),
    );
    let dob = match req
        .date_of_birth
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        None => Some(None),
        Some(d) => errors
            .check(Field::DateOfBirth, parse_past_date(d, today(), "of birth"))
            .map(Some),
    };
    let school = req
        .school_name
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from);
    let (Some(name), Some(dob)) = (name, dob) else {
        return Err(AppError::validation(errors));
    };
    with_case(cx, &req.case_id, |store, case| {
        let family = family_id(store, case)?;
        let dob = dob.map(|d| d.to_string());
        store.write(Action::FamilyChange, |w| {
            w.audit_entity("case", case.id.as_str());
            w.audit_entity("family", family.as_str());
            w.audit_detail("child added");
            families::add_child(
                w,
                &family,
                name.as_str(),
                dob.as_deref(),
                school.as_deref(),
                Utc::now(),
            )
        })?;
        Ok(())
    })
}
