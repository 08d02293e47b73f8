//! The legal ladder on a case: reading it back with its alerts and what may come next, and
//! adding a step (or a correction of one). The rules are the domain's (`legal`); this module
//! gathers the case's record for them and writes what they admit.

mod evidence;
mod types;

pub(crate) use evidence::bundle_file_stem;
pub use evidence::{evidence_bundle_save, evidence_bundle_save_to};
pub use types::{
    EvidenceBundleSaveRequest, LegalAlertView, LegalGetRequest, LegalStepAddRequest, LegalStepView,
    LegalView, NextLegalStepView,
};

use std::collections::HashMap;

use caseload_domain::family::PupilFlag;
use caseload_domain::legal::{
    RecordedStep, StepDraft, admit, assess_penalties, effective, legal_alerts, next_steps,
    suggested_step,
};
use caseload_domain::{CaseId, LegalStepId};
use caseload_store::legal::StepRecord;
use caseload_store::{Action, Reader, Store, cases, families, legal};
use chrono::{NaiveDate, Utc};

use crate::context::Caseload;
use crate::error::AppError;
use crate::support::today;

/// Whether the case's pupil is flagged as a looked-after child.
fn looked_after(r: &Reader<'_>, case_id: &CaseId) -> Result<bool, AppError> {
    let pupil_id = cases::get(r, case_id)?.pupil_id;
    Ok(families::details(r, &pupil_id)?
        .flags
        .contains(&PupilFlag::Lac))
}

pub(crate) fn steps_of(records: &[StepRecord]) -> Vec<RecordedStep> {
    records.iter().map(|r| r.recorded.clone()).collect()
}

pub(crate) fn step_views(records: &[StepRecord]) -> Vec<LegalStepView> {
    let steps = steps_of(records);
    let current = effective(&steps);
    let penalties = assess_penalties(&current);
    let mut corrected_by: HashMap<&str, Vec<LegalStepId>> = HashMap::new();
    for s in &steps {
        if let Some(c) = &s.corrects {
            corrected_by
                .entry(c.as_str())
                .or_default()
                .push(s.id.clone());
        }
    }
    records
        .iter()
        .map(|r| {
            let s = &r.recorded;
            LegalStepView {
                id: s.id.clone(),
                step: s.step.kind(),
                on_date: s.step.on.to_string(),
                decided_by: s.step.decided_by.clone(),
                notes: s.step.notes.clone(),
                reason: s.step.reason.clone(),
                corrects: s.corrects.clone(),
                corrected_by: corrected_by.get(s.id.as_str()).cloned().unwrap_or_default(),
                current: current.iter().any(|c| c.id == s.id),
                details: s.step.details.clone(),
                penalty: penalties.get(&s.id).cloned(),
                recorded_at: r.recorded_at.clone(),
            }
        })
        .collect()
}

/// The legal ladder's alerts for one case, for the dashboard and the case view.
pub(crate) fn case_alerts(
    r: &Reader<'_>,
    case_id: &CaseId,
    today: NaiveDate,
) -> Result<Vec<caseload_domain::rules::Alert>, AppError> {
    let records = legal::for_case(r, case_id)?;
    Ok(legal_alerts(&steps_of(&records), today))
}

pub(crate) fn view(
    r: &Reader<'_>,
    case_id: &CaseId,
    today: NaiveDate,
) -> Result<LegalView, AppError> {
    let records = legal::for_case(r, case_id)?;
    let steps = steps_of(&records);
    Ok(LegalView {
        case_id: case_id.clone(),
        alerts: legal_alerts(&steps, today)
            .into_iter()
            .map(|a| LegalAlertView {
                rule: a.rule,
                title: a.rule.title().into(),
                explanation: a.rule.explanation().into(),
                on: a.on,
                message: a.message,
            })
            .collect(),
        next: next_steps(&steps, today)
            .into_iter()
            .map(|n| NextLegalStepView {
                step: n.kind,
                needs_reason: n.needs_reason,
                why: n.why,
            })
            .collect(),
        suggested: suggested_step(&steps),
        looked_after: looked_after(r, case_id)?,
        steps: step_views(&records),
    })
}

pub fn legal_get(cx: &Caseload, req: LegalGetRequest) -> Result<LegalView, AppError> {
    cx.with_store(|store| view(&store.read(), &req.case_id, today()))
}

fn draft(req: &LegalStepAddRequest) -> StepDraft<'_> {
    StepDraft {
        on: &req.on_date,
        decided_by: &req.decided_by,
        notes: req.notes.as_deref(),
        reason: req.reason.as_deref(),
        parents_present: req.parents_present.unwrap_or(false),
        terms: req.terms.as_deref(),
        compliance: req.compliance.as_deref(),
        improvement_ends_on: req.improvement_ends_on.as_deref(),
        sufficient_improvement: req.sufficient_improvement.as_deref(),
        outcome: req.outcome.as_deref(),
        parent_name: req.parent_name.as_deref(),
        paid: req.paid.unwrap_or(false),
        paid_on: req.paid_on.as_deref(),
        eso_stage: req.eso_stage,
        section: req.section,
    }
}

pub fn legal_step_add(cx: &Caseload, req: LegalStepAddRequest) -> Result<LegalView, AppError> {
    let today = today();
    let step = draft(&req)
        .validate(req.step, today)
        .map_err(AppError::validation)?;
    let corrects = req
        .corrects
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(LegalStepId::from);
    cx.with_store(|store: &mut Store| {
        let r = store.read();
        let existing = steps_of(&legal::for_case(&r, &req.case_id)?);
        let looked_after = looked_after(&r, &req.case_id)?;
        admit(&existing, &step, corrects.as_ref(), looked_after).map_err(AppError::validation)?;
        store.write(Action::LegalStepAdd, |w| {
            w.audit_entity("case", req.case_id.as_str());
            let id = legal::add(w, &req.case_id, &step, corrects.as_ref(), Utc::now())?;
            w.audit_entity("legal_step", id.as_str());
            if let Some(corrected) = &corrects {
                w.audit_detail(&format!("corrects step {}", corrected.as_str()));
            }
            Ok(id)
        })?;
        view(&store.read(), &req.case_id, today)
    })
}
