//! The evidence bundle for a court or panel: everything on the case gathered into the
//! exchange crate's `EvidenceBundle` (the pupil, attendance readings, the register extract and
//! each academic year's figures from the session marks, the whole chronology, the plan and its
//! actions, the pupil's TSM actions with their reviews, the legal steps, and what is missing)
//! and saved as a PDF (or DOCX) where the worker chooses. Nothing is filtered out: corrections are
//! included and marked. A bundle for a supervision order or a prosecution with no session
//! marks is refused before anything is asked or written (`caseload_domain::legal::bundle`).
//! The numbered records are in `steps`, the marks in `register`.

mod register;
mod steps;

use std::collections::HashMap;

use caseload_domain::attendance::marks::SessionMark;
use caseload_domain::attendance::summary::fpn_threshold_met_on;
use caseload_domain::legal::LegalStepKind;
use caseload_domain::legal::bundle::{bundle_refusal, default_purpose, missing_evidence};
use caseload_domain::{CaseId, Field, FieldErrors};
use caseload_exchange::evidence::{
    BundleAction, BundleCase, BundlePlan, BundlePupil, BundleReading, BundleTsmAction,
    EvidenceBundle, to_docx, to_pdf,
};
use caseload_store::{Reader, Store, cases, imports, legal, link_schools, plans, readings};
use caseload_store::{tsm_actions, tsms};

use super::steps_of;
use crate::cases::detail::pct;
use crate::context::Caseload;
use crate::documents::ask_where;
use crate::error::AppError;
use crate::legal::EvidenceBundleSaveRequest;
use crate::support::saved_file::{Destination, save_remembered};
use crate::support::{SavedFile, today};
use crate::tsm::RecordFormat;

use caseload_domain::dates::long_date;
use steps::{chronology_entries, legal_steps};

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn tsm_action_rows(
    r: &Reader<'_>,
    case_id: &CaseId,
    upn: &str,
) -> Result<Vec<BundleTsmAction>, AppError> {
    let schools: HashMap<String, String> = link_schools::list(r)?
        .into_iter()
        .map(|s| (s.urn.as_str().to_string(), s.name.as_str().to_string()))
        .collect();
    tsm_actions::for_pupil(r, case_id, upn)?
        .into_iter()
        .map(|a| {
            let meeting = tsms::get(r, &a.tsm_id)?;
            let person = a.fields.owner_person.trim();
            Ok(BundleTsmAction {
                meeting_date: meeting.meeting_date,
                school_name: schools
                    .get(&meeting.school_urn)
                    .cloned()
                    .unwrap_or_else(|| format!("School {}", meeting.school_urn)),
                what: a.fields.what.clone(),
                owner: match person {
                    "" => a.fields.owner_agency.label().into(),
                    p => format!("{}: {p}", a.fields.owner_agency.label()),
                },
                due_on: a.fields.due_on,
                reviews: tsm_actions::reviews(r, a.id)?
                    .into_iter()
                    .map(|rv| (rv.outcome.label().to_string(), rv.on))
                    .collect(),
            })
        })
        .collect()
}

/// The pupil's session marks, every import's.
fn marks_of_case(r: &Reader<'_>, case_id: &CaseId) -> Result<Vec<SessionMark>, AppError> {
    let upn = cases::get(r, case_id)?.pupil.upn;
    Ok(imports::marks_of(r, upn.as_str())?)
}

/// The step the bundle is for: the one asked for, or the ladder's next rung.
fn purpose_of(
    r: &Reader<'_>,
    case_id: &CaseId,
    asked: Option<LegalStepKind>,
) -> Result<LegalStepKind, AppError> {
    Ok(match asked {
        Some(k) => k,
        None => default_purpose(&steps_of(&legal::for_case(r, case_id)?)),
    })
}

/// Refuses a bundle that cannot be evidence for its purpose, saying what to import first.
fn check_purpose(
    r: &Reader<'_>,
    case_id: &CaseId,
    asked: Option<LegalStepKind>,
) -> Result<(), AppError> {
    let purpose = purpose_of(r, case_id, asked)?;
    let has_marks = !marks_of_case(r, case_id)?.is_empty();
    match bundle_refusal(purpose, has_marks) {
        Some(why) => Err(AppError::validation(FieldErrors::single(
            Field::Purpose,
            why,
        ))),
        None => Ok(()),
    }
}

/// Everything on the case, as the bundle shows it.
fn bundle(
    r: &Reader<'_>,
    case_id: &CaseId,
    asked: Option<LegalStepKind>,
) -> Result<EvidenceBundle, AppError> {
    let record = cases::get(r, case_id)?;
    let p = &record.pupil;
    let plan = plans::get(r, case_id)?;
    let marks = marks_of_case(r, case_id)?;
    let threshold = fpn_threshold_met_on(&marks);
    let plan_actions: Vec<BundleAction> = plans::actions(r, case_id)?
        .into_iter()
        .map(|a| BundleAction {
            what: a.what,
            owner: a.owner,
            due_on: a.due_on,
            status: a.status.label().into(),
            status_on: a.status_on,
        })
        .collect();
    let tsm_actions = tsm_action_rows(r, case_id, p.upn.as_str())?;
    let has_interventions = plan
        .interventions
        .as_deref()
        .is_some_and(|i| !i.trim().is_empty());
    let support_offers = plan_actions.len() + tsm_actions.len() + usize::from(has_interventions);
    let steps = steps_of(&legal::for_case(r, case_id)?);
    Ok(EvidenceBundle {
        pupil: BundlePupil {
            legal_name: p.legal_name.as_str().into(),
            preferred_name: p.preferred_name.as_ref().map(|n| n.as_str().into()),
            date_of_birth: p.date_of_birth,
            upn: p.upn.to_string(),
            school_name: p.school_name.as_str().into(),
            school_urn: p.school_urn.as_str().into(),
            year_group: match p.year_group.get() {
                0 => "Reception".into(),
                y => format!("Year {y}"),
            },
        },
        case: BundleCase {
            reference: case_reference(case_id),
            referral_source: record.referral_source.clone(),
            referral_date: record.referral_date,
            status: capitalised(record.status.label()),
            worker: record.worker.clone(),
        },
        attendance: readings::for_pupil(r, &record.pupil_id)?
            .iter()
            .map(|reading| BundleReading {
                as_at: reading.as_at,
                possible: reading.counts.possible,
                present: reading.counts.present,
                authorised: reading.counts.authorised_absence,
                unauthorised: reading.counts.unauthorised_absence,
                attendance: pct(reading).map(|v| format!("{v:.1}%")).unwrap_or_default(),
            })
            .collect(),
        register: register::register(&marks),
        purpose: purpose_of(r, case_id, asked)?.label().into(),
        missing: missing_evidence(!marks.is_empty(), &steps, support_offers),
        chronology: chronology_entries(r, case_id)?,
        plan: BundlePlan {
            barriers: plan.barriers.iter().map(|b| b.label().into()).collect(),
            other_barriers: plan.other_barriers.clone(),
            target: plan
                .target
                .map(|t| format!("{}% by {}", t.target.as_f64(), long_date(t.by))),
            interventions: plan.interventions.clone(),
            review_dates: plan.review_dates.clone(),
        },
        plan_actions,
        tsm_actions,
        legal_steps: legal_steps(r, case_id, threshold)?,
        produced_on: today(),
        name_pupil_in_title: false,
    })
}

/// A short reference for a case that names no one: the last eight letters and digits of its
/// identifier (the random part of a UUIDv7), e.g. `9f3a0c21`.
pub(crate) fn case_reference(case_id: &CaseId) -> String {
    let chars: Vec<char> = case_id
        .as_str()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    chars[chars.len().saturating_sub(8)..].iter().collect()
}

/// The bundle's file name without folder or extension (`.pdf`): the case reference and the
/// date, with the pupil's legal name only when the worker asks (`name_pupil`). Never the UPN.
fn bundle_stem(bundle: &EvidenceBundle, name_pupil: bool) -> String {
    let stem = format!(
        "Evidence bundle {} case {}",
        bundle.produced_on, bundle.case.reference
    );
    if name_pupil {
        // A name is kept to characters every file system accepts.
        let name: String = bundle
            .pupil
            .legal_name
            .trim()
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'') {
                    c
                } else {
                    ' '
                }
            })
            .collect();
        format!("{stem} {}", name.trim())
    } else {
        stem
    }
}

/// The name the bundle would be saved under today, without extension.
pub(crate) fn bundle_file_stem(
    cx: &Caseload,
    case_id: &CaseId,
    name_pupil: bool,
) -> Result<String, AppError> {
    cx.with_store(|store: &mut Store| {
        Ok(bundle_stem(
            &bundle(&store.read(), case_id, None)?,
            name_pupil,
        ))
    })
}

/// Saves the bundle where the worker chooses in the save dialog the backend opens (the
/// documents folder when the machine fixes it); `None` when the worker cancelled.
pub fn evidence_bundle_save(
    cx: &Caseload,
    req: EvidenceBundleSaveRequest,
) -> Result<Option<SavedFile>, AppError> {
    cx.with_store(|store: &mut Store| check_purpose(&store.read(), &req.case_id, req.purpose))?;
    let stem = bundle_file_stem(cx, &req.case_id, req.name_pupil)?;
    let ext = match req.format.unwrap_or(RecordFormat::Pdf) {
        RecordFormat::Pdf => "pdf",
        RecordFormat::Docx => "docx",
    };
    match ask_where(cx, "evidence bundle", &stem, ext)? {
        Some(to) => evidence_bundle_save_to(cx, req, &to).map(Some),
        None => Ok(None),
    }
}

/// Saves the bundle at `to` (the CLI's `--out`; not a command the webview can call).
pub fn evidence_bundle_save_to(
    cx: &Caseload,
    req: EvidenceBundleSaveRequest,
    to: &Destination,
) -> Result<SavedFile, AppError> {
    let mut bundle = cx.with_store(|store: &mut Store| {
        let r = store.read();
        check_purpose(&r, &req.case_id, req.purpose)?;
        bundle(&r, &req.case_id, req.purpose)
    })?;
    bundle.name_pupil_in_title = req.name_pupil;
    let (rendered, ext) = match req.format.unwrap_or(RecordFormat::Pdf) {
        RecordFormat::Pdf => (to_pdf(&bundle), "pdf"),
        RecordFormat::Docx => (to_docx(&bundle), "docx"),
    };
    let bytes = rendered.map_err(|e| AppError::Storage {
        message: format!("The evidence bundle could not be produced: {e}"),
    })?;
    let saved = save_remembered(
        cx,
        to,
        "evidence bundle",
        &bundle_stem(&bundle, req.name_pupil),
        ext,
        &bytes,
    )?;
    // The entry names the case and the document, never the file's path (it holds the name).
    cx.with_store(|store| {
        crate::audit::record(
            store,
            caseload_store::Action::DocumentSaved,
            Some(("evidence_bundle", req.case_id.as_str())),
            Some(req.case_id.as_str()),
            &format!("evidence bundle ({ext})"),
        )
    })?;
    Ok(saved)
}
