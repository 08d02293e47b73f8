//! Adding, listing, reading and editing cases.

use caseload_domain::{Pupil, PupilDraft};
use caseload_store::{Action, cases, cases::CaseRecord};
use chrono::{DateTime, SecondsFormat, Utc};

use super::today;
use crate::context::Caseload;
use crate::error::AppError;
use crate::types::{
    CaseDetail, CaseGetRequest, CaseSummary, CaseUpdateRequest, PupilInput, PupilView,
};

fn validate(input: &PupilInput) -> Result<Pupil, AppError> {
    PupilDraft {
        legal_name: &input.legal_name,
        preferred_name: input.preferred_name.as_deref(),
        date_of_birth: &input.date_of_birth,
        upn: &input.upn,
        school_urn: &input.school_urn,
        school_name: &input.school_name,
        year_group: &input.year_group,
    }
    .validate(today())
    .map_err(AppError::validation)
}

fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn detail(record: CaseRecord) -> CaseDetail {
    let p = record.pupil;
    CaseDetail {
        id: record.id,
        pupil: PupilView {
            legal_name: p.legal_name.as_str().to_string(),
            preferred_name: p.preferred_name.map(|n| n.as_str().to_string()),
            date_of_birth: p.date_of_birth.to_string(),
            upn: p.upn.to_string(),
            school_urn: p.school_urn.as_str().to_string(),
            school_name: p.school_name.as_str().to_string(),
            year_group: p.year_group.get(),
        },
        status: record.status,
        created_at: time(record.created_at),
        updated_at: time(record.updated_at),
    }
}

fn summary(record: CaseRecord) -> CaseSummary {
    let p = record.pupil;
    CaseSummary {
        id: record.id,
        legal_name: p.legal_name.as_str().to_string(),
        preferred_name: p.preferred_name.map(|n| n.as_str().to_string()),
        upn: p.upn.to_string(),
        school_name: p.school_name.as_str().to_string(),
        year_group: p.year_group.get(),
        status: record.status,
        updated_at: time(record.updated_at),
    }
}

pub fn case_add(cx: &Caseload, input: PupilInput) -> Result<CaseDetail, AppError> {
    let pupil = validate(&input)?;
    cx.with_store(|store| {
        let record = store.write(Action::CaseAdd, |w| cases::add(w, &pupil, Utc::now()))?;
        Ok(detail(record))
    })
}

pub fn case_update(cx: &Caseload, req: CaseUpdateRequest) -> Result<CaseDetail, AppError> {
    let pupil = validate(&req.pupil)?;
    cx.with_store(|store| {
        let record = store.write(Action::CaseUpdate, |w| {
            cases::update_pupil(w, &req.id, &pupil, Utc::now())
        })?;
        Ok(detail(record))
    })
}

pub fn case_get(cx: &Caseload, req: CaseGetRequest) -> Result<CaseDetail, AppError> {
    cx.with_store(|store| Ok(detail(cases::get(&store.read(), &req.id)?)))
}

pub fn case_list(cx: &Caseload, _: ()) -> Result<Vec<CaseSummary>, AppError> {
    cx.with_store(|store| {
        Ok(cases::list(&store.read())?
            .into_iter()
            .map(summary)
            .collect())
    })
}
