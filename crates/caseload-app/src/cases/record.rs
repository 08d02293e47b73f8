//! Adding, listing, reading and editing cases.

use caseload_domain::transition::parse_past_date;
use caseload_domain::{Field, FieldErrors, Pupil, PupilDraft};
use caseload_store::cases::{self, Referral};
use caseload_store::{Action, Store};
use chrono::Utc;

use super::detail::{case_detail, summary};
use crate::cases::{
    CaseAddRequest, CaseDetail, CaseGetRequest, CaseSummary, CaseUpdateRequest, PupilInput,
};
use crate::context::Caseload;
use crate::error::AppError;
use crate::support::today;

const MAX_SOURCE_CHARS: usize = 200;

fn draft(input: &PupilInput) -> PupilDraft<'_> {
    PupilDraft {
        legal_name: &input.legal_name,
        preferred_name: input.preferred_name.as_deref(),
        date_of_birth: &input.date_of_birth,
        upn: &input.upn,
        school_urn: &input.school_urn,
        school_name: &input.school_name,
        school_phase: input.school_phase.as_deref(),
        year_group: &input.year_group,
    }
}

fn validate(input: &PupilInput) -> Result<Pupil, AppError> {
    draft(input).validate(today()).map_err(AppError::validation)
}

/// Validates the pupil and the referral together, so every problem is reported at once.
fn validate_new(req: &CaseAddRequest) -> Result<(Pupil, Referral), AppError> {
    let today = today();
    let mut errors = FieldErrors::default();
    let pupil = draft(&req.pupil).validate(today).map_err(|e| {
        for err in e.iter() {
            errors.push(err.field, err.message.clone());
        }
    });
    let source = req
        .referral_source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or("not recorded");
    if source.chars().count() > MAX_SOURCE_CHARS || source.chars().any(char::is_control) {
        errors.push(
            Field::ReferralSource,
            format!(
                "The referral source must be one line of {MAX_SOURCE_CHARS} characters or fewer"
            ),
        );
    }
    let date = match req
        .referral_date
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => Some(today),
        Some(d) => errors.check(
            Field::ReferralDate,
            parse_past_date(d, today, "of referral"),
        ),
    };
    match (pupil, date) {
        (Ok(pupil), Some(date)) if errors.is_empty() => Ok((
            pupil,
            Referral {
                source: source.to_string(),
                date,
            },
        )),
        _ => Err(AppError::validation(errors)),
    }
}

pub fn case_add(cx: &Caseload, req: CaseAddRequest) -> Result<CaseDetail, AppError> {
    let (pupil, referral) = validate_new(&req)?;
    cx.with_store(|store| {
        let record = store.write(Action::CaseAdd, |w| {
            let record = cases::add(w, &pupil, &referral, Utc::now())?;
            w.audit_entity("case", record.id.as_str());
            Ok(record)
        })?;
        case_detail(store, record)
    })
}

pub fn case_update(cx: &Caseload, req: CaseUpdateRequest) -> Result<CaseDetail, AppError> {
    let pupil = validate(&req.pupil)?;
    cx.with_store(|store| {
        let before = cases::get(&store.read(), &req.id)?;
        let changes = crate::audit::pupil_changes(&before.pupil, &pupil);
        let record = store.write(Action::CaseUpdate, |w| {
            w.audit_entity("case", req.id.as_str());
            w.audit_detail(&changes);
            cases::update_pupil(w, &req.id, &pupil, Utc::now())
        })?;
        case_detail(store, record)
    })
}

pub fn case_get(cx: &Caseload, req: CaseGetRequest) -> Result<CaseDetail, AppError> {
    cx.with_store(|store| get(store, &req.id))
}

pub(crate) fn get(store: &Store, id: &caseload_domain::CaseId) -> Result<CaseDetail, AppError> {
    let record = cases::get(&store.read(), id)?;
    case_detail(store, record)
}

pub fn case_list(cx: &Caseload, _: ()) -> Result<Vec<CaseSummary>, AppError> {
    cx.with_store(|store| {
        Ok(cases::list(&store.read())?
            .into_iter()
            .map(summary)
            .collect())
    })
}
