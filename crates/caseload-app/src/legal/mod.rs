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

use caseload_domain::FieldErrors;
use caseload_domain::attendance::summary::fpn_threshold_met_on;
use caseload_domain::family::PupilFlag;
use caseload_domain::legal::evidence::{
    check_evidence, exceptions, improvement_periods, next_steps_checked, recorded_reason_label,
    threshold_line,
};
use caseload_domain::legal::{
    LegalStepKind, RecordedStep, StepDraft, admit, assess_penalties, effective, legal_alerts,
    suggested_step,
};
use caseload_domain::{CaseId, LegalStepId};
use caseload_store::legal::StepRecord;
use caseload_store::{Action, Reader, Store, cases, families, imports, legal};
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

/// The first date the case's pupil met the penalty notice threshold (§5.6), from every session
/// mark imported for them; `None` when it was never met or no marks are imported.
pub(crate) fn threshold_of(
    r: &Reader<'_>,
    case_id: &CaseId,
) -> Result<Option<NaiveDate>, AppError> {
    let upn = cases::get(r, case_id)?.pupil.upn;
    Ok(fpn_threshold_met_on(&imports::marks_of(r, upn.as_str())?))
}

/// `threshold_met_on` is the pupil's threshold date from their marks (see `threshold_of`).
pub(crate) fn step_views(
    records: &[StepRecord],
    threshold_met_on: Option<NaiveDate>,
) -> Vec<LegalStepView> {
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
            let is_notice = s.step.kind() == LegalStepKind::PenaltyNotice;
            LegalStepView {
                id: s.id.clone(),
                step: s.step.kind(),
                on_date: s.step.on.to_string(),
                decided_by: s.step.decided_by.clone(),
                notes: s.step.notes.clone(),
                reason: s.step.reason.clone(),
                reason_label: s
                    .step
                    .reason
                    .as_ref()
                    .map(|_| recorded_reason_label(&steps, s, threshold_met_on)),
                threshold: is_notice.then(|| threshold_line(threshold_met_on)),
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
    let threshold = threshold_of(r, case_id)?;
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
        next: next_steps_checked(&steps, today, threshold)
            .into_iter()
            .map(|n| NextLegalStepView {
                step: n.kind,
                needs_reason: n.needs_reason,
                why: n.why,
            })
            .collect(),
        suggested: suggested_step(&steps),
        looked_after: looked_after(r, case_id)?,
        threshold: threshold_line(threshold),
        threshold_met_on: threshold.map(|d| d.to_string()),
        steps: step_views(&records, threshold),
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
        let threshold = threshold_of(&r, &req.case_id)?;
        // The improvement periods that count: those of the steps this one does not replace.
        let others: Vec<RecordedStep> = existing
            .iter()
            .filter(|s| Some(&s.id) != corrects.as_ref())
            .cloned()
            .collect();
        let periods = improvement_periods(&others);
        let mut refused = FieldErrors::default();
        if let Err(e) = admit(&existing, &step, corrects.as_ref(), looked_after) {
            refused.append(e);
        }
        if let Err(e) = check_evidence(
            step.kind(),
            step.on,
            threshold,
            &periods,
            step.reason.as_deref(),
        ) {
            refused.append(e);
        }
        if !refused.is_empty() {
            return Err(AppError::validation(refused));
        }
        let excepted = exceptions(step.kind(), step.on, threshold, &periods);
        store.write(Action::LegalStepAdd, |w| {
            w.audit_entity("case", req.case_id.as_str());
            let id = legal::add(w, &req.case_id, &step, corrects.as_ref(), Utc::now())?;
            w.audit_entity("legal_step", id.as_str());
            if let Some(corrected) = &corrects {
                w.audit_detail(&format!("corrects step {}", corrected.as_str()));
            }
            // The exception, never the reason's text (it may name people).
            for x in &excepted {
                w.audit_detail(&format!(
                    "{}, with a recorded reason",
                    x.label().to_lowercase()
                ));
            }
            Ok(id)
        })?;
        view(&store.read(), &req.case_id, today)
    })
}
