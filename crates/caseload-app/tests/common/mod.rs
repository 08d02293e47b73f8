//! Helpers shared by the app's use-case test files: a temporary encrypted caseload and cases.
#![allow(dead_code)]

pub mod backup;
pub mod canary;
pub mod legal;
pub mod share;
pub mod tsm;

use caseload_app::cases::{
    AttendanceRecordRequest, CaseAddRequest, CaseDetail, CaseTransitionRequest, PupilInput,
};
use caseload_app::chronology::ChronologyAddRequest;
use caseload_app::session::CreateCaseloadRequest;
use caseload_app::{AppError, Caseload, KdfProfile, cases, session};
use caseload_domain::CaseId;
use caseload_domain::case::TransitionKind;
use caseload_domain::chronology::ContactKind;
use chrono::{Duration, NaiveDate, Utc};

pub fn today() -> NaiveDate {
    Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .date_naive()
}

pub fn ago(days: i64) -> String {
    (today() - Duration::days(days)).to_string()
}

pub fn created() -> (tempfile::TempDir, Caseload) {
    let dir = tempfile::tempdir().expect("tmp");
    let cx = Caseload::new(dir.path().join("data"), KdfProfile::InsecureForTests);
    let pass = "correct horse battery".to_string();
    session::caseload_create(
        &cx,
        CreateCaseloadRequest {
            passphrase: pass.clone(),
            passphrase_confirm: pass,
        },
    )
    .expect("create");
    (dir, cx)
}

pub fn add(cx: &Caseload, upn: &str, phase: &str, referred_days_ago: i64) -> CaseId {
    cases::case_add(
        cx,
        CaseAddRequest {
            pupil: PupilInput {
                legal_name: "Testpupil Lifecycle".into(),
                preferred_name: None,
                date_of_birth: "2014-03-27".into(),
                upn: upn.into(),
                school_urn: "100000".into(),
                school_name: "Synthetic School".into(),
                school_phase: Some(phase.into()),
                year_group: "7".into(),
            },
            referral_source: Some("School".into()),
            referral_date: Some(ago(referred_days_ago)),
        },
    )
    .expect("add")
    .id
}

pub fn step(
    cx: &Caseload,
    id: &CaseId,
    kind: TransitionKind,
    days_ago: i64,
) -> Result<CaseDetail, AppError> {
    let allocate = kind == TransitionKind::Allocate;
    cases::case_transition(
        cx,
        CaseTransitionRequest {
            id: id.clone(),
            kind,
            on_date: ago(days_ago),
            team: allocate.then(|| "afsw".into()),
            worker: allocate.then(|| "A. Worker".to_string()),
            note: matches!(
                kind,
                TransitionKind::Close
                    | TransitionKind::Decline
                    | TransitionKind::FamilyDeclined
                    | TransitionKind::Reopen
            )
            .then(|| "Reason given".to_string()),
            closure_category: (kind == TransitionKind::Close)
                .then_some(caseload_domain::ClosureCategory::AttendanceImproved),
        },
    )
}

pub fn reading(cx: &Caseload, id: &CaseId, days_ago: i64, present: u32) {
    cases::attendance_record(
        cx,
        AttendanceRecordRequest {
            id: id.clone(),
            as_at: ago(days_ago),
            possible: "100".into(),
            present: present.to_string(),
            authorised: (100 - present).to_string(),
            unauthorised: "0".into(),
        },
    )
    .expect("reading");
}

pub fn entry_request(
    case_id: &CaseId,
    what: &str,
    corrects: Option<caseload_domain::ChronologyEntryId>,
) -> ChronologyAddRequest {
    ChronologyAddRequest {
        case_id: case_id.clone(),
        kind: ContactKind::HomeVisit,
        occurred_at: format!("{}T10:30", ago(2)),
        who: "Parent and worker".into(),
        what: what.into(),
        outcome: Some("Agreed a morning routine".into()),
        next_step: None,
        corrects,
    }
}

/// A valid pupil as typed into the form.
pub fn input() -> PupilInput {
    PupilInput {
        legal_name: "Testpupil Zebedee-Quux".into(),
        preferred_name: Some("Zeb".into()),
        date_of_birth: "2014-03-27".into(),
        upn: "B801200005001".into(),
        school_urn: "100000".into(),
        school_name: "Synthetic Primary School".into(),
        school_phase: Some("primary".into()),
        year_group: "7".into(),
    }
}

/// A new case for `pupil`, with the default referral source and date.
pub fn new_case(pupil: PupilInput) -> CaseAddRequest {
    CaseAddRequest {
        pupil,
        ..Default::default()
    }
}

/// The fields a validation error names.
pub fn field_names(e: &AppError) -> Vec<String> {
    match e {
        AppError::Validation { fields, .. } => fields.iter().map(|f| f.field.clone()).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}
