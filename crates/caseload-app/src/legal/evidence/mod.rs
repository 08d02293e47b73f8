//! The evidence bundle for a court or panel: everything on the case gathered into the
//! exchange crate's `EvidenceBundle` (the pupil, attendance readings, the whole chronology,
//! the plan and its actions, the pupil's TSM actions with their reviews, the legal steps) and
//! saved as a PDF where the worker chooses. Nothing is filtered out: corrections are included
//! and marked.

use std::collections::HashMap;

use caseload_domain::CaseId;
use caseload_domain::legal::{PenaltyAssessment, StepDetails};
use caseload_exchange::evidence::{
    BundleAction, BundleCase, BundleEntry, BundleLegalStep, BundlePlan, BundlePupil, BundleReading,
    BundleTsmAction, EvidenceBundle, SessionMarkSummary, to_pdf,
};
use caseload_store::{Reader, Store, cases, chronology, legal, link_schools, plans, readings};
use caseload_store::{tsm_actions, tsms};
use chrono::NaiveDate;

use super::step_views;
use crate::cases::detail::pct;
use crate::cases::{CaseGetRequest, MarksView};
use crate::context::Caseload;
use crate::documents::ask_where;
use crate::error::AppError;
use crate::legal::{EvidenceBundleSaveRequest, LegalStepView};
use crate::support::saved_file::{Destination, save_remembered};
use crate::support::{SavedFile, today};

use caseload_domain::dates::long_date;

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn iso(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()
}

fn pounds(pence: u32) -> String {
    match pence % 100 {
        0 => format!("£{}", pence / 100),
        p => format!("£{}.{p:02}", pence / 100),
    }
}

fn or(value: &Option<String>, none: &str) -> String {
    value.clone().unwrap_or_else(|| none.into())
}

fn penalty_lines(p: &PenaltyAssessment, out: &mut Vec<(String, String)>) {
    let place = match (p.number, p.window_from) {
        (Some(n), Some(from)) => format!(
            "{} in the 3-year window from {}",
            if n == 1 { "First" } else { "Second" },
            long_date(from)
        ),
        _ => "Issued before 19 August 2024: does not count towards the limit".into(),
    };
    out.push(("Notice".into(), place));
    let amount = match (p.paid_on, p.reduced_by) {
        (Some(_), _) | (None, None) => pounds(p.amount_pence),
        (None, Some(by)) => format!(
            "{} ({} if paid by {})",
            pounds(p.amount_pence),
            pounds(p.amount_pence / 2),
            long_date(by)
        ),
    };
    out.push(("Amount".into(), amount));
    out.push(("Due by".into(), long_date(p.due_by)));
}

/// A step's own details as label and value, for people to read.
pub(crate) fn detail_lines(step: &LegalStepView) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut push = |label: &str, value: String| out.push((label.into(), value));
    match &step.details {
        StepDetails::AttendanceContract {
            parents_present,
            terms,
            compliance,
        } => {
            push(
                "Parents present",
                if *parents_present { "Yes" } else { "No" }.into(),
            );
            push("Terms", terms.clone());
            push("Compliance", or(compliance, "Not recorded"));
        }
        StepDetails::NoticeToImprove {
            improvement_ends_on,
            sufficient_improvement,
            outcome,
        } => {
            push("Improvement period ends", long_date(*improvement_ends_on));
            push(
                "Sufficient improvement means",
                sufficient_improvement.clone(),
            );
            push("Outcome", or(outcome, "Not yet recorded"));
        }
        StepDetails::PenaltyNotice {
            parent_name,
            paid_on,
        } => {
            push("Issued to", parent_name.clone());
            if let Some(p) = &step.penalty {
                penalty_lines(p, &mut out);
            }
            out.push((
                "Paid".into(),
                paid_on.map_or_else(|| "Not paid".into(), long_date),
            ));
        }
        StepDetails::SupervisionOrder { stage, outcome } => {
            push("Stage", stage.label().into());
            push("Outcome", outcome.clone());
        }
        StepDetails::Prosecution { section, outcome } => {
            push("Offence", section.label().into());
            push("Outcome", or(outcome, "Not yet recorded"));
        }
    }
    out
}

/// Numbers (1, 2, …) by id, and the numbers that correct each.
fn numbering<'a>(
    ids: impl Iterator<Item = (&'a str, Option<&'a str>)>,
) -> (HashMap<&'a str, usize>, HashMap<&'a str, Vec<usize>>) {
    let mut numbers = HashMap::new();
    let mut corrected_by: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (id, corrects)) in ids.enumerate() {
        numbers.insert(id, i + 1);
        if let Some(c) = corrects {
            corrected_by.entry(c).or_default().push(i + 1);
        }
    }
    (numbers, corrected_by)
}

fn chronology_entries(r: &Reader<'_>, case_id: &CaseId) -> Result<Vec<BundleEntry>, AppError> {
    let records = chronology::for_case(r, case_id)?;
    let (numbers, corrected_by) = numbering(
        records
            .iter()
            .map(|e| (e.id.as_str(), e.corrects.as_ref().map(|c| c.as_str()))),
    );
    Ok(records
        .iter()
        .enumerate()
        .map(|(i, e)| BundleEntry {
            number: i + 1,
            occurred_at: e.entry.occurred_at,
            kind: e.entry.kind.label().into(),
            who: e.entry.who.clone(),
            what: e.entry.what.clone(),
            outcome: e.entry.outcome.clone(),
            next_step: e.entry.next_step.clone(),
            corrects: e
                .corrects
                .as_ref()
                .and_then(|c| numbers.get(c.as_str()).copied()),
            corrected_by: corrected_by.get(e.id.as_str()).cloned().unwrap_or_default(),
        })
        .collect())
}

fn legal_steps(r: &Reader<'_>, case_id: &CaseId) -> Result<Vec<BundleLegalStep>, AppError> {
    let views = step_views(&legal::for_case(r, case_id)?);
    let (numbers, corrected_by) =
        numbering(views.iter().map(|s| (s.id.as_str(), s.corrects.as_deref())));
    Ok(views
        .iter()
        .enumerate()
        .map(|(i, s)| BundleLegalStep {
            number: i + 1,
            kind: s.step.label().into(),
            on: iso(&s.on_date).unwrap_or_default(),
            decided_by: s.decided_by.clone(),
            details: detail_lines(s),
            reason: s.reason.clone(),
            notes: s.notes.clone(),
            corrects: s.corrects.as_deref().and_then(|c| numbers.get(c).copied()),
            corrected_by: corrected_by.get(s.id.as_str()).cloned().unwrap_or_default(),
        })
        .collect())
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

/// Everything on the case, as the bundle shows it.
fn bundle(r: &Reader<'_>, case_id: &CaseId) -> Result<EvidenceBundle, AppError> {
    let record = cases::get(r, case_id)?;
    let p = &record.pupil;
    let plan = plans::get(r, case_id)?;
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
        session_marks: None,
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
        plan_actions: plans::actions(r, case_id)?
            .into_iter()
            .map(|a| BundleAction {
                what: a.what,
                owner: a.owner,
                due_on: a.due_on,
                status: a.status.label().into(),
                status_on: a.status_on,
            })
            .collect(),
        tsm_actions: tsm_action_rows(r, case_id, p.upn.as_str())?,
        legal_steps: legal_steps(r, case_id)?,
        produced_on: today(),
        name_pupil_in_title: false,
    })
}

/// The summary of the pupil's imported session marks, as the case view shows it.
fn session_marks(m: &MarksView) -> Option<SessionMarkSummary> {
    let yes_no = |b: bool| if b { "Yes" } else { "No" }.to_string();
    let date = |v: &Option<String>, none: &str| {
        v.as_deref()
            .and_then(iso)
            .map_or_else(|| none.to_string(), long_date)
    };
    let attendance = match (m.attendance_pct, m.band.as_deref()) {
        (None, _) => "No possible sessions".to_string(),
        (Some(p), None) => format!("{p:.1}%"),
        (Some(p), Some(band)) => format!("{p:.1}% (band {band})"),
    };
    Some(SessionMarkSummary {
        from: iso(&m.first_date)?,
        to: iso(&m.last_date)?,
        lines: vec![
            ("Possible sessions".into(), m.possible.to_string()),
            ("Present".into(), m.present.to_string()),
            ("Authorised absence".into(), m.authorised.to_string()),
            ("Unauthorised absence".into(), m.unauthorised.to_string()),
            ("Attendance".into(), attendance),
            ("Persistently absent".into(), yes_no(m.persistent_absence)),
            ("Severely absent".into(), yes_no(m.severe_absence)),
            (
                "Penalty notice threshold met".into(),
                date(&m.fpn_threshold_met_on, "Not met"),
            ),
            (
                "15 days of illness reached".into(),
                date(&m.illness_15_days_on, "Not reached"),
            ),
        ],
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
    cx.with_store(|store: &mut Store| Ok(bundle_stem(&bundle(&store.read(), case_id)?, name_pupil)))
}

/// Saves the bundle where the worker chooses in the save dialog the backend opens (the
/// documents folder when the machine fixes it); `None` when the worker cancelled.
pub fn evidence_bundle_save(
    cx: &Caseload,
    req: EvidenceBundleSaveRequest,
) -> Result<Option<SavedFile>, AppError> {
    let stem = bundle_file_stem(cx, &req.case_id, req.name_pupil)?;
    match ask_where(cx, "evidence bundle", &stem, "pdf")? {
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
    let marks = crate::cases::case_get(
        cx,
        CaseGetRequest {
            id: req.case_id.clone(),
        },
    )?
    .marks;
    let mut bundle = cx.with_store(|store: &mut Store| bundle(&store.read(), &req.case_id))?;
    bundle.session_marks = marks.as_ref().and_then(session_marks);
    bundle.name_pupil_in_title = req.name_pupil;
    let bytes = to_pdf(&bundle).map_err(|e| AppError::Storage {
        message: format!("The evidence bundle could not be produced: {e}"),
    })?;
    let saved = save_remembered(
        cx,
        to,
        "evidence bundle",
        &bundle_stem(&bundle, req.name_pupil),
        "pdf",
        &bytes,
    )?;
    // The entry names the case and the document, never the file's path (it holds the name).
    cx.with_store(|store| {
        crate::audit::record(
            store,
            caseload_store::Action::DocumentSaved,
            Some(("evidence_bundle", req.case_id.as_str())),
            Some(req.case_id.as_str()),
            "evidence bundle (pdf)",
        )
    })?;
    Ok(saved)
}
