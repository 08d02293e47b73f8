//! What the legal record must not let the worker miss (rules.rs names each rule): a notice to
//! improve whose improvement period ends within a week or has ended with nothing after it, a
//! parent who has had the two penalty notices allowed in 3 years, and a prosecution with no
//! education supervision order considered.

use chrono::NaiveDate;

use super::penalty::at_limit;
use super::{LegalStepKind, RecordedStep, StepDetails, effective};
use crate::rules::{Alert, RuleId};

/// How many days before its end a notice to improve's improvement period is flagged.
const ENDING_WITHIN_DAYS: i64 = 7;

use crate::dates::long_date;

/// The alerts raised by a case's legal steps as of `today`, in ladder order.
pub fn legal_alerts(steps: &[RecordedStep], today: NaiveDate) -> Vec<Alert> {
    let current = effective(steps);
    let mut alerts = Vec::new();
    for s in &current {
        let StepDetails::NoticeToImprove {
            improvement_ends_on: ends,
            outcome: None,
            ..
        } = &s.step.details
        else {
            continue;
        };
        let followed = current.iter().any(|t| {
            t.id != s.id
                && t.step.kind() >= LegalStepKind::NoticeToImprove
                && t.step.on >= s.step.on
        });
        let left = (*ends - today).num_days();
        if followed || left > ENDING_WITHIN_DAYS {
            continue;
        }
        let issued = long_date(s.step.on);
        let message = match left {
            0 => format!(
                "The improvement period of the notice to improve issued on {issued} ends today: decide the outcome"
            ),
            1.. => format!(
                "The improvement period of the notice to improve issued on {issued} ends on {} (in {left} day{}): decide the outcome",
                long_date(*ends),
                if left == 1 { "" } else { "s" }
            ),
            _ => format!(
                "The improvement period of the notice to improve issued on {issued} ended on {} and no later step is recorded: record the outcome on the notice or the next step",
                long_date(*ends)
            ),
        };
        alerts.push(Alert::new(
            RuleId::NoticeToImproveEnding,
            Some(*ends),
            message,
        ));
    }
    for (parent, from, end) in at_limit(&current, today) {
        alerts.push(Alert::new(
            RuleId::PenaltyNoticeLimit,
            Some(end),
            format!(
                "{parent} has had two penalty notices for this child in the 3 years from {}: a third cannot be issued before {}. Use another tool instead",
                long_date(from),
                long_date(end)
            ),
        ));
    }
    for s in current
        .iter()
        .filter(|s| s.step.kind() == LegalStepKind::Prosecution)
    {
        let considered = current
            .iter()
            .any(|t| t.step.kind() == LegalStepKind::SupervisionOrder && t.step.on <= s.step.on);
        if !considered {
            alerts.push(Alert::new(
                RuleId::SupervisionOrderBeforeProsecution,
                Some(s.step.on),
                format!(
                    "The prosecution recorded on {} has no education supervision order considered before it",
                    long_date(s.step.on)
                ),
            ));
        }
    }
    alerts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legal::EsoStage;
    use crate::legal::ladder::tests::{d, eso, nti, pn, prosecution, step};

    fn rules(alerts: &[Alert]) -> Vec<RuleId> {
        alerts.iter().map(|a| a.rule).collect()
    }

    #[test]
    fn a_notice_to_improve_is_flagged_from_7_days_before_its_period_ends() {
        let ends = d(2025, 3, 3);
        let steps = vec![step("n", d(2025, 2, 3), nti(ends))];
        assert!(
            legal_alerts(&steps, d(2025, 2, 23)).is_empty(),
            "8 days left"
        );
        let a = legal_alerts(&steps, ends - chrono::Days::new(7));
        assert_eq!(rules(&a), vec![RuleId::NoticeToImproveEnding]);
        assert_eq!(a[0].on.as_deref(), Some("2025-03-03"));
        assert!(a[0].message.contains("in 7 days"), "{}", a[0].message);
        assert!(legal_alerts(&steps, ends)[0].message.contains("ends today"));
    }

    #[test]
    fn an_ended_notice_to_improve_stays_flagged_until_a_later_step_or_its_outcome_is_recorded() {
        let ends = d(2025, 3, 3);
        let mut steps = vec![step("n", d(2025, 2, 3), nti(ends))];
        let a = legal_alerts(&steps, d(2025, 4, 1));
        assert!(
            a[0].message.contains("ended on 3 March 2025"),
            "{}",
            a[0].message
        );

        let mut with_penalty = steps.clone();
        with_penalty.push(step("p", d(2025, 3, 10), pn("Parent One")));
        assert!(legal_alerts(&with_penalty, d(2025, 4, 1)).is_empty());

        steps.push(RecordedStep {
            corrects: Some("n".into()),
            ..step(
                "n2",
                d(2025, 2, 3),
                StepDetails::NoticeToImprove {
                    improvement_ends_on: ends,
                    sufficient_improvement: "No unauthorised absence".into(),
                    outcome: Some("Sufficient improvement: no further action".into()),
                },
            )
        });
        assert!(legal_alerts(&steps, d(2025, 4, 1)).is_empty());
    }

    #[test]
    fn two_notices_to_one_parent_within_the_window_warn_that_a_third_is_blocked() {
        let steps = vec![
            step("p1", d(2025, 1, 6), pn("Parent One")),
            step("p2", d(2025, 6, 2), pn("Parent One")),
            step("q1", d(2025, 6, 2), pn("Parent Two")),
        ];
        let a = legal_alerts(&steps, d(2025, 7, 1));
        assert_eq!(rules(&a), vec![RuleId::PenaltyNoticeLimit]);
        assert!(
            a[0].message
                .starts_with("Parent One has had two penalty notices")
        );
        assert!(
            a[0].message.contains("before 6 January 2028"),
            "{}",
            a[0].message
        );
        assert!(
            legal_alerts(&steps, d(2028, 1, 6)).is_empty(),
            "the window has closed"
        );
    }

    #[test]
    fn a_prosecution_without_a_supervision_order_considered_before_it_is_flagged() {
        let steps = vec![step("x", d(2025, 6, 2), prosecution())];
        let a = legal_alerts(&steps, d(2025, 7, 1));
        assert_eq!(rules(&a), vec![RuleId::SupervisionOrderBeforeProsecution]);
        let mut later = steps.clone();
        later.push(step("e", d(2025, 6, 20), eso(EsoStage::Considered)));
        assert_eq!(
            rules(&legal_alerts(&later, d(2025, 7, 1))).len(),
            1,
            "considered after it"
        );
        let mut before = steps;
        before.push(step("e", d(2025, 5, 1), eso(EsoStage::Considered)));
        assert!(legal_alerts(&before, d(2025, 7, 1)).is_empty());
    }
}
