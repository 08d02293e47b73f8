//! What an evidence bundle must hold before it goes to a court or panel (docs/domain.md §6): the
//! step it is for, the refusal of a bundle for an education supervision order or a prosecution
//! with no attendance evidence (no session marks to make a register extract from), and the list
//! of what is missing that every bundle prints so a reader can tell "none" from "not recorded".

use super::{LegalStepKind, RecordedStep, effective, suggested_step};

/// What to do when the pupil has no session marks, as the refusal and the missing list say it.
pub const IMPORT_MARKS_FIRST: &str =
    "import the pupil's session marks first (Imports in the app, or `caseload import marks FILE`)";

/// The step a bundle is for when the worker does not say: the rung after the highest one
/// recorded, or a prosecution once one is recorded.
pub fn default_purpose(steps: &[RecordedStep]) -> LegalStepKind {
    suggested_step(steps).unwrap_or(LegalStepKind::Prosecution)
}

/// Why a bundle for `purpose` cannot be produced yet, if it cannot: a supervision order or a
/// prosecution needs the register, so a pupil with no session marks is refused.
pub fn bundle_refusal(purpose: LegalStepKind, has_marks: bool) -> Option<String> {
    let needs_register = purpose >= LegalStepKind::SupervisionOrder;
    (needs_register && !has_marks).then(|| {
        format!(
            "An evidence bundle for {} needs the attendance register, and no session marks are imported for this pupil: {IMPORT_MARKS_FIRST}",
            match purpose {
                LegalStepKind::SupervisionOrder => "an education supervision order",
                _ => "a prosecution",
            }
        )
    })
}

/// What the case's record does not hold that a bundle normally has, in the order a panel would
/// look for it. `support_offers` counts the plan's actions and interventions and the actions
/// agreed at Targeting Support Meetings.
pub fn missing_evidence(
    has_marks: bool,
    steps: &[RecordedStep],
    support_offers: usize,
) -> Vec<String> {
    let current = effective(steps);
    let has = |kind: LegalStepKind| current.iter().any(|s| s.step.kind() == kind);
    let mut out = Vec::new();
    if !has_marks {
        out.push(format!(
            "No session marks imported, so no register extract or threshold date: {IMPORT_MARKS_FIRST}"
        ));
    }
    if support_offers == 0 {
        out.push("No support offers recorded (no plan actions or interventions, no actions agreed at Targeting Support Meetings)".into());
    }
    if !has(LegalStepKind::AttendanceContract) {
        out.push("No attendance contract recorded".into());
    }
    if !has(LegalStepKind::NoticeToImprove) {
        out.push("No notice to improve recorded".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legal::ladder::tests::{contract, d, nti, pn, step};

    #[test]
    fn a_bundle_for_an_order_or_a_prosecution_without_marks_is_refused_with_what_to_import() {
        for purpose in [LegalStepKind::SupervisionOrder, LegalStepKind::Prosecution] {
            let refusal = bundle_refusal(purpose, false).expect("refused");
            assert!(
                refusal.contains("import the pupil's session marks first"),
                "{refusal}"
            );
            assert!(refusal.contains("caseload import marks"), "{refusal}");
            assert_eq!(bundle_refusal(purpose, true), None);
        }
        for purpose in [
            LegalStepKind::AttendanceContract,
            LegalStepKind::NoticeToImprove,
            LegalStepKind::PenaltyNotice,
        ] {
            assert_eq!(bundle_refusal(purpose, false), None, "{purpose:?}");
        }
    }

    #[test]
    fn the_bundle_is_for_the_next_rung_unless_the_worker_says_otherwise() {
        assert_eq!(default_purpose(&[]), LegalStepKind::AttendanceContract);
        let steps = vec![step("p", d(2026, 3, 2), pn("Parent One"))];
        assert_eq!(default_purpose(&steps), LegalStepKind::SupervisionOrder);
        let done = vec![step(
            "x",
            d(2026, 6, 1),
            crate::legal::ladder::tests::prosecution(),
        )];
        assert_eq!(default_purpose(&done), LegalStepKind::Prosecution);
    }

    #[test]
    fn what_is_missing_names_each_gap_and_nothing_that_is_there() {
        let all = missing_evidence(false, &[], 0);
        assert_eq!(all.len(), 4, "{all:?}");
        assert!(all[0].starts_with("No session marks imported"));
        let steps = vec![
            step("c", d(2026, 1, 5), contract()),
            step("n", d(2026, 2, 2), nti(d(2026, 3, 2))),
        ];
        assert_eq!(missing_evidence(true, &steps, 2), Vec::<String>::new());
        assert_eq!(
            missing_evidence(true, &steps[..1], 1),
            vec!["No notice to improve recorded".to_string()]
        );
    }
}
