//! The bundle's numbered records: the chronology and the legal steps, each numbered so that a
//! correction names the entry it corrects, and each step's details as label and value (the
//! penalty notice with its place in the parent's window, amount, the threshold and the reason
//! under the exception it answers).

use std::collections::HashMap;

use caseload_domain::CaseId;
use caseload_domain::dates::long_date;
use caseload_domain::legal::{PenaltyAssessment, StepDetails};
use caseload_exchange::evidence::{BundleEntry, BundleLegalStep};
use caseload_store::{Reader, chronology, legal};
use chrono::NaiveDate;

use crate::error::AppError;
use crate::legal::{LegalStepView, step_views};

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
fn detail_lines(step: &LegalStepView) -> Vec<(String, String)> {
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
            if let Some(t) = &step.threshold {
                push("Attendance evidence", t.clone());
            }
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

pub(super) fn chronology_entries(
    r: &Reader<'_>,
    case_id: &CaseId,
) -> Result<Vec<BundleEntry>, AppError> {
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

pub(super) fn legal_steps(
    r: &Reader<'_>,
    case_id: &CaseId,
    threshold_met_on: Option<NaiveDate>,
) -> Result<Vec<BundleLegalStep>, AppError> {
    let views = step_views(&legal::for_case(r, case_id)?, threshold_met_on);
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
            reason: s.reason.clone().map(|reason| {
                let label = s
                    .reason_label
                    .clone()
                    .unwrap_or_else(|| "Reason".to_string());
                (label, reason)
            }),
            notes: s.notes.clone(),
            corrects: s.corrects.as_deref().and_then(|c| numbers.get(c).copied()),
            corrected_by: corrected_by.get(s.id.as_str()).cloned().unwrap_or_default(),
        })
        .collect())
}
