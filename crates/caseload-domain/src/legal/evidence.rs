//! Whether a penalty notice stands on its evidence (docs/domain.md §6.4): it is issued only once
//! the §5.6 threshold is met, and after the improvement period of any notice to improve has
//! ended. Either exception is allowed, but never silently: it needs a recorded reason, and the
//! step shows which exception its reason answers. The threshold date comes from the pupil's
//! marks (`attendance::summary::fpn_threshold_met_on`); this module only compares dates.

use chrono::NaiveDate;

use super::ladder::{NextStep, next_steps, preceded};
use super::{LegalStepKind, RecordedStep, StepDetails, effective};
use crate::dates::long_date;
use crate::field::{Field, FieldErrors};

/// A notice to improve's improvement period: issued on, and its last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImprovementPeriod {
    pub issued_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// The improvement periods of the current notices to improve (corrected ones do not count).
pub fn improvement_periods(steps: &[RecordedStep]) -> Vec<ImprovementPeriod> {
    effective(steps)
        .into_iter()
        .filter_map(|s| match &s.step.details {
            StepDetails::NoticeToImprove {
                improvement_ends_on,
                ..
            } => Some(ImprovementPeriod {
                issued_on: s.step.on,
                ends_on: *improvement_ends_on,
            }),
            _ => None,
        })
        .collect()
}

/// Why a penalty notice issued on a date is an exception that needs a recorded reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceException {
    /// The threshold was not met on or before the issue date (`met_on` is when it was met
    /// later, if at all; `None` also when there are no marks).
    ThresholdNotMet { met_on: Option<NaiveDate> },
    /// Issued on or before the last day of a notice to improve's improvement period.
    ImprovementPeriodRunning { ends_on: NaiveDate },
}

impl EvidenceException {
    /// What the step shows beside its reason: "Issued before the threshold was met".
    pub fn label(self) -> String {
        match self {
            EvidenceException::ThresholdNotMet { .. } => {
                "Issued before the threshold was met".into()
            }
            EvidenceException::ImprovementPeriodRunning { ends_on } => format!(
                "Issued before the notice to improve's improvement period ended (on {})",
                long_date(ends_on)
            ),
        }
    }

    /// The refusal when no reason is given, saying what is wrong and that a reason is needed.
    pub fn refusal(self, on: NaiveDate) -> String {
        match self {
            EvidenceException::ThresholdNotMet { met_on: None } => format!(
                "The penalty notice threshold (10 sessions of unauthorised absence within 10 school weeks) is not met by {} in the pupil's imported session marks: give the reason for issuing the notice without it",
                long_date(on)
            ),
            EvidenceException::ThresholdNotMet { met_on: Some(met) } => format!(
                "The penalty notice threshold was not met until {}, after {}: give the reason for issuing the notice before it was met",
                long_date(met),
                long_date(on)
            ),
            EvidenceException::ImprovementPeriodRunning { ends_on } => format!(
                "The improvement period of the notice to improve runs until {}: give the reason for issuing a penalty notice before it has ended",
                long_date(ends_on)
            ),
        }
    }
}

/// The exceptions a step of `kind` issued `on` would be. Only a penalty notice has any.
pub fn exceptions(
    kind: LegalStepKind,
    on: NaiveDate,
    threshold_met_on: Option<NaiveDate>,
    periods: &[ImprovementPeriod],
) -> Vec<EvidenceException> {
    if kind != LegalStepKind::PenaltyNotice {
        return Vec::new();
    }
    let mut out = Vec::new();
    if threshold_met_on.is_none_or(|met| met > on) {
        out.push(EvidenceException::ThresholdNotMet {
            met_on: threshold_met_on,
        });
    }
    // The latest-ending period still running on the issue date, if any.
    if let Some(ends_on) = periods
        .iter()
        .filter(|p| p.issued_on <= on && on <= p.ends_on)
        .map(|p| p.ends_on)
        .max()
    {
        out.push(EvidenceException::ImprovementPeriodRunning { ends_on });
    }
    out
}

/// Checks a step's evidence before it is recorded: a penalty notice without the threshold met,
/// or before a notice to improve's period has ended, is refused unless `reason` is given. The
/// refusal is on the `reason` field and says what is wrong.
pub fn check_evidence(
    kind: LegalStepKind,
    on: NaiveDate,
    threshold_met_on: Option<NaiveDate>,
    periods: &[ImprovementPeriod],
    reason: Option<&str>,
) -> Result<(), FieldErrors> {
    if reason.is_some_and(|r| !r.trim().is_empty()) {
        return Ok(());
    }
    let mut e = FieldErrors::default();
    for x in exceptions(kind, on, threshold_met_on, periods) {
        e.push(Field::Reason, x.refusal(on));
    }
    if e.is_empty() { Ok(()) } else { Err(e) }
}

/// The exceptions a recorded step is, judged against the case's other steps and the threshold
/// date the pupil's marks give now.
pub fn recorded_exceptions(
    steps: &[RecordedStep],
    step: &RecordedStep,
    threshold_met_on: Option<NaiveDate>,
) -> Vec<EvidenceException> {
    let periods: Vec<ImprovementPeriod> = improvement_periods(steps);
    exceptions(step.step.kind(), step.step.on, threshold_met_on, &periods)
}

/// [`next_steps`] with the evidence check added: recording a penalty notice on `on` also needs a
/// reason when the threshold is not met by then or an improvement period is still running, and
/// `why` says so first.
pub fn next_steps_checked(
    steps: &[RecordedStep],
    on: NaiveDate,
    threshold_met_on: Option<NaiveDate>,
) -> Vec<NextStep> {
    let periods = improvement_periods(steps);
    next_steps(steps, on)
        .into_iter()
        .map(|mut n| {
            let found = exceptions(n.kind, on, threshold_met_on, &periods);
            if !found.is_empty() {
                let mut why: Vec<String> = found.iter().map(|x| x.refusal(on)).collect();
                why.extend(n.why.take());
                n.needs_reason = true;
                n.why = Some(why.join(". "));
            }
            n
        })
        .collect()
}

/// What a penalty notice shows about the threshold: "Threshold met on 6 November 2026" or
/// "Threshold not met".
pub fn threshold_line(threshold_met_on: Option<NaiveDate>) -> String {
    match threshold_met_on {
        Some(on) => format!("Threshold met on {}", long_date(on)),
        None => "Threshold not met".into(),
    }
}

/// The label a recorded reason is shown under: what it answers. "Issued before the threshold
/// was met", "Reason for taking this step out of order", or both when both apply.
pub fn reason_label(out_of_order: bool, found: &[EvidenceException]) -> String {
    let mut parts: Vec<String> = Vec::new();
    if out_of_order {
        parts.push(if found.is_empty() {
            "Reason for taking this step out of order".into()
        } else {
            "Taken out of the ladder's order".into()
        });
    }
    for (i, x) in found.iter().enumerate() {
        let label = x.label();
        parts.push(if i == 0 && !out_of_order {
            label
        } else {
            let mut chars = label.chars();
            chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or_default()
        });
    }
    if parts.is_empty() {
        "Reason".into()
    } else {
        parts.join("; ")
    }
}

/// The label of a recorded step's reason, judged against the case's other current steps and
/// the threshold date the pupil's marks give now.
pub fn recorded_reason_label(
    steps: &[RecordedStep],
    step: &RecordedStep,
    threshold_met_on: Option<NaiveDate>,
) -> String {
    let others: Vec<&RecordedStep> = effective(steps)
        .into_iter()
        .filter(|s| s.id != step.id)
        .collect();
    let out_of_order = !preceded(&others, step.step.kind(), step.step.on);
    reason_label(
        out_of_order,
        &recorded_exceptions(steps, step, threshold_met_on),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legal::ladder::tests::{d, nti, pn, step};

    fn period(issued: NaiveDate, ends: NaiveDate) -> ImprovementPeriod {
        ImprovementPeriod {
            issued_on: issued,
            ends_on: ends,
        }
    }

    #[test]
    fn a_penalty_notice_with_no_threshold_met_is_refused_without_a_reason() {
        let on = d(2026, 11, 20);
        let e = check_evidence(LegalStepKind::PenaltyNotice, on, None, &[], None)
            .expect_err("no threshold");
        let messages: Vec<&str> = e.iter().map(|x| x.message.as_str()).collect();
        assert_eq!(
            e.iter().map(|x| x.field).collect::<Vec<_>>(),
            [Field::Reason]
        );
        assert!(
            messages[0].contains("not met by 20 November 2026"),
            "{messages:?}"
        );
        assert!(messages[0].contains("give the reason"), "{messages:?}");
        assert_eq!(
            check_evidence(
                LegalStepKind::PenaltyNotice,
                on,
                None,
                &[],
                Some("Synthetic")
            ),
            Ok(())
        );
        assert!(
            check_evidence(LegalStepKind::PenaltyNotice, on, None, &[], Some("  ")).is_err(),
            "a blank reason is no reason"
        );
    }

    #[test]
    fn the_threshold_counts_only_when_met_on_or_before_the_issue_date() {
        let met = d(2026, 11, 6);
        let k = LegalStepKind::PenaltyNotice;
        assert_eq!(check_evidence(k, met, Some(met), &[], None), Ok(()));
        assert_eq!(
            check_evidence(k, d(2026, 11, 9), Some(met), &[], None),
            Ok(())
        );
        let e = check_evidence(k, d(2026, 11, 5), Some(met), &[], None).expect_err("early");
        assert!(
            e.iter()
                .any(|x| x.message.contains("not met until 6 November 2026")),
            "{e:?}"
        );
    }

    #[test]
    fn a_penalty_notice_inside_the_improvement_period_needs_a_reason_and_after_it_none() {
        let met = Some(d(2026, 9, 20));
        let periods = [period(d(2026, 10, 5), d(2026, 11, 2))];
        let k = LegalStepKind::PenaltyNotice;
        let e = check_evidence(k, d(2026, 11, 2), met, &periods, None).expect_err("last day");
        assert!(
            e.iter()
                .any(|x| x.message.contains("runs until 2 November 2026")),
            "{e:?}"
        );
        assert_eq!(
            check_evidence(k, d(2026, 11, 3), met, &periods, None),
            Ok(())
        );
        // A period that starts after the notice does not hold it back.
        assert_eq!(
            check_evidence(k, d(2026, 10, 1), met, &periods, None),
            Ok(())
        );
    }

    #[test]
    fn only_a_penalty_notice_is_checked_against_the_evidence() {
        for kind in LegalStepKind::ALL
            .iter()
            .copied()
            .filter(|k| *k != LegalStepKind::PenaltyNotice)
        {
            assert_eq!(
                check_evidence(kind, d(2026, 11, 20), None, &[], None),
                Ok(())
            );
        }
    }

    #[test]
    fn corrected_notices_to_improve_do_not_hold_a_penalty_notice_back() {
        let mut steps = vec![
            step("n1", d(2026, 10, 5), nti(d(2026, 11, 16))),
            step("p", d(2026, 11, 1), pn("Parent One")),
        ];
        let mut fixed = step("n2", d(2026, 10, 5), nti(d(2026, 10, 26)));
        fixed.corrects = Some("n1".into());
        steps.push(fixed);
        assert_eq!(
            improvement_periods(&steps),
            vec![period(d(2026, 10, 5), d(2026, 10, 26))]
        );
    }

    #[test]
    fn recording_a_penalty_notice_today_says_a_reason_is_needed_while_the_threshold_is_unmet() {
        let steps = vec![step("n", d(2026, 9, 7), nti(d(2026, 10, 5)))];
        let today = d(2026, 11, 20);
        let kind_of = |next: &[NextStep]| {
            next.iter()
                .find(|n| n.kind == LegalStepKind::PenaltyNotice)
                .cloned()
                .expect("penalty notice")
        };
        let pn_next = kind_of(&next_steps_checked(&steps, today, None));
        assert!(pn_next.needs_reason);
        assert!(
            pn_next
                .why
                .as_deref()
                .is_some_and(|w| w.contains("threshold") && w.contains("give the reason")),
            "{pn_next:?}"
        );
        let met = kind_of(&next_steps_checked(&steps, today, Some(d(2026, 10, 1))));
        assert!(!met.needs_reason, "{met:?}");
        let issued = step("p", d(2026, 11, 2), pn("Parent One"));
        assert_eq!(
            recorded_exceptions(&steps, &issued, Some(d(2026, 11, 6))),
            vec![EvidenceException::ThresholdNotMet {
                met_on: Some(d(2026, 11, 6))
            }]
        );
    }

    #[test]
    fn the_threshold_line_and_the_reasons_label_read_as_the_step_shows_them() {
        assert_eq!(
            threshold_line(Some(d(2026, 11, 6))),
            "Threshold met on 6 November 2026"
        );
        assert_eq!(threshold_line(None), "Threshold not met");
        let found = exceptions(LegalStepKind::PenaltyNotice, d(2026, 11, 1), None, &[]);
        assert_eq!(
            reason_label(false, &found),
            "Issued before the threshold was met"
        );
        assert_eq!(
            reason_label(true, &found),
            "Taken out of the ladder's order; issued before the threshold was met"
        );
        assert_eq!(
            reason_label(true, &[]),
            "Reason for taking this step out of order"
        );
        let alone = step("p", d(2026, 11, 1), pn("Parent One"));
        assert_eq!(
            recorded_reason_label(std::slice::from_ref(&alone), &alone, None),
            "Taken out of the ladder's order; issued before the threshold was met"
        );
    }
}
