//! Checking a step against the case's legal record: the ladder's order (a step out of order
//! needs a recorded reason), the penalty-notice limit, corrections, and an education
//! supervision order for a child in care. Only current steps count: a step that a later one
//! corrects is kept for the record but no longer counts.

use chrono::NaiveDate;

use super::penalty::{check_new_notice, issued_to};
use super::{EsoStage, LegalStep, LegalStepKind, RecordedStep, StepDetails};
use crate::field::{Field, FieldErrors};
use crate::ids::LegalStepId;

/// The steps that count: every step no other step corrects, in the order given.
pub fn effective(steps: &[RecordedStep]) -> Vec<&RecordedStep> {
    steps
        .iter()
        .filter(|s| !steps.iter().any(|t| t.corrects.as_ref() == Some(&s.id)))
        .collect()
}

/// Whether the rung before `kind` is recorded on or before `on`.
pub(super) fn preceded(current: &[&RecordedStep], kind: LegalStepKind, on: NaiveDate) -> bool {
    kind.previous().is_none_or(|prev| {
        current
            .iter()
            .any(|s| s.step.kind() == prev && s.step.on <= on)
    })
}

fn with_article(kind: LegalStepKind) -> &'static str {
    match kind {
        LegalStepKind::AttendanceContract => "an attendance contract",
        LegalStepKind::NoticeToImprove => "a notice to improve",
        LegalStepKind::PenaltyNotice => "a penalty notice",
        LegalStepKind::SupervisionOrder => "an education supervision order",
        LegalStepKind::Prosecution => "a prosecution",
    }
}

/// Why `kind` would be out of order, in words that ask for the reason.
fn out_of_order(kind: LegalStepKind) -> String {
    match kind.previous() {
        Some(LegalStepKind::SupervisionOrder) => "An education supervision order must be considered before prosecuting, and none is recorded on or before this date: give the reason for prosecuting without one".into(),
        Some(prev) => format!(
            "{} normally follows {}, and none is recorded on or before this date: give the reason for taking this step now",
            capitalised(with_article(kind)),
            with_article(prev)
        ),
        None => String::new(),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A step the worker may record next, as of a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextStep {
    pub kind: LegalStepKind,
    /// Out of the ladder's order: a reason must be recorded with it.
    pub needs_reason: bool,
    /// Why, when it is out of order.
    pub why: Option<String>,
}

/// Every kind of step, in ladder order, with whether recording it on `on` needs a reason.
pub fn next_steps(steps: &[RecordedStep], on: NaiveDate) -> Vec<NextStep> {
    let current = effective(steps);
    LegalStepKind::ALL
        .iter()
        .map(|&kind| {
            let needs_reason = !preceded(&current, kind, on);
            NextStep {
                kind,
                needs_reason,
                why: needs_reason.then(|| out_of_order(kind)),
            }
        })
        .collect()
}

/// The rung after the highest one recorded: what the ladder would normally offer next
/// (`None` once a prosecution is recorded).
pub fn suggested_step(steps: &[RecordedStep]) -> Option<LegalStepKind> {
    let highest = effective(steps).iter().map(|s| s.step.kind()).max();
    match highest {
        None => Some(LegalStepKind::AttendanceContract),
        Some(k) => LegalStepKind::ALL.iter().copied().find(|n| *n > k),
    }
}

/// Checks `step` (already valid on its own) against the case's record before it is added.
/// `corrects` is the id of the step it replaces; `looked_after` says the child is in care.
pub fn admit(
    steps: &[RecordedStep],
    step: &LegalStep,
    corrects: Option<&LegalStepId>,
    looked_after: bool,
) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::default();
    let current = effective(steps);
    if let Some(id) = corrects {
        match steps.iter().find(|s| &s.id == id) {
            None => e.push(
                Field::Corrects,
                "The step to correct is not on this case's legal record",
            ),
            Some(_) if !current.iter().any(|s| &s.id == id) => e.push(
                Field::Corrects,
                "That step has already been corrected: correct its latest version",
            ),
            Some(old) if old.step.kind() != step.kind() => e.push(
                Field::Corrects,
                "A correction must be the same kind of step as the one it corrects",
            ),
            Some(_) => {}
        }
        if !e.is_empty() {
            return Err(e);
        }
    }
    let others: Vec<&RecordedStep> = current
        .into_iter()
        .filter(|s| Some(&s.id) != corrects)
        .collect();
    if !preceded(&others, step.kind(), step.on) && step.reason.is_none() {
        e.push(Field::Reason, out_of_order(step.kind()));
    }
    match &step.details {
        StepDetails::PenaltyNotice { parent_name, .. } => {
            let earlier = issued_to(&others, parent_name);
            e.check(Field::ParentName, check_new_notice(&earlier, step.on));
        }
        StepDetails::SupervisionOrder { stage, .. }
            if looked_after && *stage != EsoStage::Considered =>
        {
            e.push(
                Field::EsoStage,
                "An education supervision order is not available for a child in care: record it as considered, with the outcome",
            );
        }
        _ => {}
    }
    if e.is_empty() { Ok(()) } else { Err(e) }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::legal::ProsecutionSection;

    pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    pub fn step(id: &str, on: NaiveDate, details: StepDetails) -> RecordedStep {
        RecordedStep {
            id: id.into(),
            corrects: None,
            step: LegalStep {
                on,
                decided_by: "Team manager".into(),
                notes: None,
                reason: None,
                details,
            },
        }
    }

    pub fn contract() -> StepDetails {
        StepDetails::AttendanceContract {
            parents_present: true,
            terms: "In school by 8:45".into(),
            compliance: None,
        }
    }

    pub fn nti(ends: NaiveDate) -> StepDetails {
        StepDetails::NoticeToImprove {
            improvement_ends_on: ends,
            sufficient_improvement: "No unauthorised absence".into(),
            outcome: None,
        }
    }

    pub fn pn(parent: &str) -> StepDetails {
        StepDetails::PenaltyNotice {
            parent_name: parent.into(),
            paid_on: None,
        }
    }

    pub fn eso(stage: EsoStage) -> StepDetails {
        StepDetails::SupervisionOrder {
            stage,
            outcome: "Decided at panel".into(),
        }
    }

    pub fn prosecution() -> StepDetails {
        StepDetails::Prosecution {
            section: ProsecutionSection::S444_1,
            outcome: None,
        }
    }

    fn fields(e: FieldErrors) -> Vec<Field> {
        e.iter().map(|x| x.field).collect()
    }

    #[test]
    fn a_step_after_the_one_before_it_on_the_ladder_needs_no_reason() {
        let steps = vec![
            step("c", d(2025, 1, 6), contract()),
            step("n", d(2025, 2, 3), nti(d(2025, 3, 3))),
        ];
        let new = step("p", d(2025, 3, 10), pn("Parent One")).step;
        assert_eq!(admit(&steps, &new, None, false), Ok(()));
    }

    #[test]
    fn a_penalty_notice_with_no_notice_to_improve_needs_a_reason() {
        let steps = vec![step("c", d(2025, 1, 6), contract())];
        let mut new = step("p", d(2025, 3, 10), pn("Parent One")).step;
        let e = admit(&steps, &new, None, false).expect_err("no notice to improve");
        assert!(e.iter().any(|x| {
            x.message
                .starts_with("A penalty notice normally follows a notice to improve")
        }));
        assert_eq!(fields(e), vec![Field::Reason]);
        new.reason = Some("Notice to improve not appropriate: holiday in term time".into());
        assert_eq!(admit(&steps, &new, None, false), Ok(()));
    }

    #[test]
    fn a_prosecution_with_no_supervision_order_considered_needs_a_reason() {
        let steps = vec![step("p", d(2025, 3, 10), pn("Parent One"))];
        let new = step("x", d(2025, 6, 2), prosecution()).step;
        let e = admit(&steps, &new, None, false).expect_err("no ESO considered");
        assert!(
            e.iter()
                .any(|x| x.message.contains("must be considered before prosecuting"))
        );
        let with_eso = vec![
            step("p", d(2025, 3, 10), pn("Parent One")),
            step("e", d(2025, 5, 1), eso(EsoStage::Considered)),
        ];
        assert_eq!(admit(&with_eso, &new, None, false), Ok(()));
    }

    #[test]
    fn the_step_before_must_be_dated_on_or_before_the_new_one() {
        let steps = vec![step("n", d(2025, 2, 3), nti(d(2025, 3, 3)))];
        let early = step("p", d(2025, 2, 2), pn("Parent One")).step;
        assert!(admit(&steps, &early, None, false).is_err());
        let same_day = step("p", d(2025, 2, 3), pn("Parent One")).step;
        assert_eq!(admit(&steps, &same_day, None, false), Ok(()));
    }

    #[test]
    fn a_third_penalty_notice_to_one_parent_is_refused_but_another_parent_may_have_one() {
        let mut steps = vec![step("n", d(2025, 1, 6), nti(d(2025, 2, 3)))];
        steps.push(step("p1", d(2025, 2, 10), pn("Parent One")));
        steps.push(step("p2", d(2025, 9, 1), pn("Parent One")));
        let third = step("p3", d(2026, 1, 5), pn("parent one")).step;
        let e = admit(&steps, &third, None, false).expect_err("third");
        assert_eq!(fields(e), vec![Field::ParentName]);
        let other = step("p3", d(2026, 1, 5), pn("Parent Two")).step;
        assert_eq!(admit(&steps, &other, None, false), Ok(()));
    }

    #[test]
    fn a_correction_replaces_the_step_it_corrects_and_is_not_counted_twice() {
        let steps = vec![
            step("n", d(2025, 1, 6), nti(d(2025, 2, 3))),
            step("p1", d(2025, 2, 10), pn("Parent One")),
            step("p2", d(2025, 9, 1), pn("Parent One")),
        ];
        let paid = StepDetails::PenaltyNotice {
            parent_name: "Parent One".into(),
            paid_on: Some(d(2025, 9, 10)),
        };
        let correction = step("p2b", d(2025, 9, 1), paid.clone()).step;
        let p2 = LegalStepId::from("p2");
        assert_eq!(admit(&steps, &correction, Some(&p2), false), Ok(()));

        let mut corrected = steps.clone();
        corrected.push(RecordedStep {
            corrects: Some("p2".into()),
            ..step("p2b", d(2025, 9, 1), paid)
        });
        let ids: Vec<&str> = effective(&corrected)
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(ids, vec!["n", "p1", "p2b"]);
        let again = step("p2c", d(2025, 9, 1), pn("Parent One")).step;
        let e = admit(&corrected, &again, Some(&p2), false).expect_err("already corrected");
        assert_eq!(fields(e), vec![Field::Corrects]);
    }

    #[test]
    fn a_correction_must_be_of_the_same_kind_and_of_a_step_on_the_case() {
        let steps = vec![step("c", d(2025, 1, 6), contract())];
        let wrong_kind = step("n", d(2025, 1, 6), nti(d(2025, 2, 3))).step;
        let e = admit(&steps, &wrong_kind, Some(&LegalStepId::from("c")), false).expect_err("kind");
        assert!(e.iter().any(|x| x.message.contains("same kind")));
        let e = admit(
            &steps,
            &step("c2", d(2025, 1, 6), contract()).step,
            Some(&LegalStepId::from("zz")),
            false,
        )
        .expect_err("missing");
        assert_eq!(fields(e), vec![Field::Corrects]);
    }

    #[test]
    fn a_supervision_order_cannot_be_applied_for_a_child_in_care_but_can_be_considered() {
        let steps = vec![step("p", d(2025, 3, 10), pn("Parent One"))];
        let applied = step("e", d(2025, 5, 1), eso(EsoStage::Applied)).step;
        let e = admit(&steps, &applied, None, true).expect_err("child in care");
        assert_eq!(fields(e), vec![Field::EsoStage]);
        assert_eq!(admit(&steps, &applied, None, false), Ok(()));
        let considered = step("e", d(2025, 5, 1), eso(EsoStage::Considered)).step;
        assert_eq!(admit(&steps, &considered, None, true), Ok(()));
    }

    #[test]
    fn the_next_rung_is_suggested_and_steps_out_of_order_say_a_reason_is_needed() {
        assert_eq!(suggested_step(&[]), Some(LegalStepKind::AttendanceContract));
        let steps = vec![step("c", d(2025, 1, 6), contract())];
        assert_eq!(suggested_step(&steps), Some(LegalStepKind::NoticeToImprove));
        let next = next_steps(&steps, d(2025, 2, 1));
        let needs: Vec<bool> = next.iter().map(|n| n.needs_reason).collect();
        assert_eq!(needs, vec![false, false, true, true, true]);
        assert!(
            next[4]
                .why
                .as_deref()
                .is_some_and(|w| w.contains("before prosecuting"))
        );
        let done = vec![step("x", d(2025, 6, 1), prosecution())];
        assert_eq!(suggested_step(&done), None);
    }
}
