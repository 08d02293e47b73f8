//! A legal step as typed, and the checks of its own fields (docs/domain.md §6): a real date not in
//! the future, a decision maker, and what each kind of step must record. Checks against the
//! case's other steps are `ladder`'s.

use chrono::NaiveDate;

use super::{EsoStage, LegalStep, LegalStepKind, ProsecutionSection, StepDetails};
use crate::field::{Field, FieldErrors};
use crate::transition::parse_past_date;

const MAX_TEXT_CHARS: usize = 4000;
const MAX_NAME_CHARS: usize = 300;
/// The improvement period of a notice to improve: 3 to 6 weeks after it is issued (§6.3).
const IMPROVEMENT_MIN_DAYS: i64 = 21;
const IMPROVEMENT_MAX_DAYS: i64 = 42;

/// A step as typed. Only the fields of `kind` are read.
#[derive(Debug, Clone, Default)]
pub struct StepDraft<'a> {
    pub on: &'a str,
    pub decided_by: &'a str,
    pub notes: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub parents_present: bool,
    pub terms: Option<&'a str>,
    pub compliance: Option<&'a str>,
    pub improvement_ends_on: Option<&'a str>,
    pub sufficient_improvement: Option<&'a str>,
    pub outcome: Option<&'a str>,
    pub parent_name: Option<&'a str>,
    pub paid: bool,
    pub paid_on: Option<&'a str>,
    pub eso_stage: Option<EsoStage>,
    pub section: Option<ProsecutionSection>,
}

/// Trimmed text, `None` when blank; an error when longer than `max`.
fn text(errors: &mut FieldErrors, field: Field, value: Option<&str>, max: usize) -> Option<String> {
    let value = value.map(str::trim).filter(|v| !v.is_empty())?;
    if value.chars().count() > max {
        errors.push(field, format!("Keep this to {max} characters"));
        return None;
    }
    Some(value.to_string())
}

/// Like [`text`], with `missing` as the error when blank.
fn required(
    errors: &mut FieldErrors,
    field: Field,
    value: Option<&str>,
    max: usize,
    missing: &str,
) -> Option<String> {
    let found = text(errors, field, value, max);
    if found.is_none() && value.is_none_or(|v| v.trim().is_empty()) {
        errors.push(field, missing);
    }
    found
}

fn real_date(value: Option<&str>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value?.trim(), "%Y-%m-%d").ok()
}

impl StepDraft<'_> {
    /// Checks the step's own fields; [`admit`] then checks it against the case's record.
    pub fn validate(
        &self,
        kind: LegalStepKind,
        today: NaiveDate,
    ) -> Result<LegalStep, FieldErrors> {
        let mut e = FieldErrors::default();
        let on = e.check(
            Field::OnDate,
            parse_past_date(self.on, today, "of the step"),
        );
        let decided_by = required(
            &mut e,
            Field::DecidedBy,
            Some(self.decided_by),
            MAX_NAME_CHARS,
            "Say who made the decision",
        );
        let notes = text(&mut e, Field::Notes, self.notes, MAX_TEXT_CHARS);
        let reason = text(&mut e, Field::Reason, self.reason, MAX_TEXT_CHARS);
        let details = match kind {
            LegalStepKind::AttendanceContract => self.contract(&mut e),
            LegalStepKind::NoticeToImprove => self.notice_to_improve(&mut e, on),
            LegalStepKind::PenaltyNotice => self.penalty_notice(&mut e, on, today),
            LegalStepKind::SupervisionOrder => self.supervision_order(&mut e),
            LegalStepKind::Prosecution => self.prosecution(&mut e),
        };
        match (on, decided_by, details) {
            (Some(on), Some(decided_by), Some(details)) if e.is_empty() => Ok(LegalStep {
                on,
                decided_by,
                notes,
                reason,
                details,
            }),
            _ => Err(e),
        }
    }

    fn contract(&self, e: &mut FieldErrors) -> Option<StepDetails> {
        if !self.parents_present {
            e.push(
                Field::ParentsPresent,
                "An attendance contract cannot be agreed in the parents' absence: agree it with the parents present",
            );
        }
        let terms = required(
            e,
            Field::Terms,
            self.terms,
            MAX_TEXT_CHARS,
            "Write down the terms of the contract: what the parents, the school and the local authority each agree to do",
        );
        let compliance = text(e, Field::Compliance, self.compliance, MAX_TEXT_CHARS);
        Some(StepDetails::AttendanceContract {
            parents_present: self.parents_present,
            terms: terms?,
            compliance,
        })
    }

    fn notice_to_improve(&self, e: &mut FieldErrors, on: Option<NaiveDate>) -> Option<StepDetails> {
        let ends = match real_date(self.improvement_ends_on) {
            None => {
                e.push(
                    Field::ImprovementEndsOn,
                    "Enter the date the improvement period ends as a real date, 3 to 6 weeks after the notice",
                );
                None
            }
            Some(ends) => match on {
                Some(on)
                    if !(IMPROVEMENT_MIN_DAYS..=IMPROVEMENT_MAX_DAYS)
                        .contains(&(ends - on).num_days()) =>
                {
                    e.push(
                        Field::ImprovementEndsOn,
                        format!(
                            "The improvement period must end 3 to 6 weeks after the notice is issued: between {} and {}",
                            on + chrono::Days::new(IMPROVEMENT_MIN_DAYS as u64),
                            on + chrono::Days::new(IMPROVEMENT_MAX_DAYS as u64)
                        ),
                    );
                    None
                }
                _ => Some(ends),
            },
        };
        let sufficient = required(
            e,
            Field::SufficientImprovement,
            self.sufficient_improvement,
            MAX_TEXT_CHARS,
            "Say what sufficient improvement means, as the notice states it",
        );
        let outcome = text(e, Field::Outcome, self.outcome, MAX_TEXT_CHARS);
        Some(StepDetails::NoticeToImprove {
            improvement_ends_on: ends?,
            sufficient_improvement: sufficient?,
            outcome,
        })
    }

    fn penalty_notice(
        &self,
        e: &mut FieldErrors,
        on: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Option<StepDetails> {
        let parent_name = required(
            e,
            Field::ParentName,
            self.parent_name,
            MAX_NAME_CHARS,
            "Name the parent the notice is issued to",
        );
        let paid_on = if self.paid {
            match e.check(
                Field::PaidOn,
                parse_past_date(self.paid_on.unwrap_or(""), today, "it was paid"),
            ) {
                Some(paid) if on.is_some_and(|on| paid < on) => {
                    e.push(
                        Field::PaidOn,
                        "The date it was paid cannot be before the notice was issued",
                    );
                    None
                }
                Some(paid) => Some(Some(paid)),
                None => None,
            }
        } else {
            Some(None)
        };
        Some(StepDetails::PenaltyNotice {
            parent_name: parent_name?,
            paid_on: paid_on?,
        })
    }

    fn supervision_order(&self, e: &mut FieldErrors) -> Option<StepDetails> {
        if self.eso_stage.is_none() {
            e.push(
                Field::EsoStage,
                "Say whether the order was considered, applied for or made",
            );
        }
        let outcome = required(
            e,
            Field::Outcome,
            self.outcome,
            MAX_TEXT_CHARS,
            "Say what was decided",
        );
        Some(StepDetails::SupervisionOrder {
            stage: self.eso_stage?,
            outcome: outcome?,
        })
    }

    fn prosecution(&self, e: &mut FieldErrors) -> Option<StepDetails> {
        if self.section.is_none() {
            e.push(
                Field::Section,
                "Choose the offence: section 444(1) or section 444(1A)",
            );
        }
        let outcome = text(e, Field::Outcome, self.outcome, MAX_TEXT_CHARS);
        Some(StepDetails::Prosecution {
            section: self.section?,
            outcome,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    const TODAY: (i32, u32, u32) = (2026, 11, 23);

    fn today() -> NaiveDate {
        d(TODAY.0, TODAY.1, TODAY.2)
    }

    fn fields(e: FieldErrors) -> Vec<Field> {
        e.iter().map(|x| x.field).collect()
    }

    #[test]
    fn every_step_needs_a_real_past_date_and_a_decision_maker() {
        let e = StepDraft {
            on: "2026-11-24",
            decided_by: " ",
            section: Some(ProsecutionSection::S444_1),
            ..Default::default()
        }
        .validate(LegalStepKind::Prosecution, today())
        .expect_err("future date, no decision maker");
        assert_eq!(fields(e), vec![Field::OnDate, Field::DecidedBy]);
    }

    #[test]
    fn an_attendance_contract_cannot_be_agreed_without_the_parents_present() {
        let draft = StepDraft {
            on: "2026-10-01",
            decided_by: "A. Worker",
            terms: Some("Child in school by 8:45 every day"),
            ..Default::default()
        };
        let e = draft
            .validate(LegalStepKind::AttendanceContract, today())
            .expect_err("parents absent");
        assert_eq!(fields(e.clone()), vec![Field::ParentsPresent]);
        assert!(
            e.iter()
                .next()
                .is_some_and(|x| x.message.contains("parents' absence"))
        );
        let step = StepDraft {
            parents_present: true,
            ..draft
        }
        .validate(LegalStepKind::AttendanceContract, today())
        .expect("valid");
        assert_eq!(step.kind(), LegalStepKind::AttendanceContract);
    }

    #[test]
    fn a_contract_needs_its_terms() {
        let e = StepDraft {
            on: "2026-10-01",
            decided_by: "A. Worker",
            parents_present: true,
            ..Default::default()
        }
        .validate(LegalStepKind::AttendanceContract, today())
        .expect_err("no terms");
        assert_eq!(fields(e), vec![Field::Terms]);
    }

    fn notice(ends: &str) -> Result<LegalStep, FieldErrors> {
        StepDraft {
            on: "2026-10-01",
            decided_by: "Team manager",
            improvement_ends_on: Some(ends),
            sufficient_improvement: Some("No unauthorised absence in the period"),
            ..Default::default()
        }
        .validate(LegalStepKind::NoticeToImprove, today())
    }

    #[test]
    fn a_notice_to_improves_period_ends_3_to_6_weeks_after_issue() {
        assert!(notice("2026-10-22").is_ok(), "exactly 3 weeks");
        assert!(notice("2026-11-12").is_ok(), "exactly 6 weeks");
        let short = notice("2026-10-21").expect_err("one day short of 3 weeks");
        assert_eq!(fields(short.clone()), vec![Field::ImprovementEndsOn]);
        assert!(
            short
                .iter()
                .any(|x| x.message.contains("between 2026-10-22 and 2026-11-12"))
        );
        assert!(notice("2026-11-13").is_err(), "one day past 6 weeks");
        assert!(notice("not a date").is_err());
    }

    #[test]
    fn a_penalty_notice_names_the_parent_and_a_payment_needs_its_date_on_or_after_issue() {
        let base = StepDraft {
            on: "2026-10-01",
            decided_by: "Team manager",
            parent_name: Some("Parent Testcase"),
            ..Default::default()
        };
        let unpaid = base
            .clone()
            .validate(LegalStepKind::PenaltyNotice, today())
            .expect("unpaid");
        assert_eq!(
            unpaid.details,
            StepDetails::PenaltyNotice {
                parent_name: "Parent Testcase".into(),
                paid_on: None
            }
        );
        let e = StepDraft {
            paid: true,
            ..base.clone()
        }
        .validate(LegalStepKind::PenaltyNotice, today())
        .expect_err("paid, no date");
        assert_eq!(fields(e), vec![Field::PaidOn]);
        let e = StepDraft {
            paid: true,
            paid_on: Some("2026-09-30"),
            ..base.clone()
        }
        .validate(LegalStepKind::PenaltyNotice, today())
        .expect_err("paid before issue");
        assert_eq!(fields(e), vec![Field::PaidOn]);
        let e = StepDraft {
            parent_name: None,
            ..base
        }
        .validate(LegalStepKind::PenaltyNotice, today())
        .expect_err("no parent");
        assert_eq!(fields(e), vec![Field::ParentName]);
    }

    #[test]
    fn a_supervision_order_records_its_stage_and_outcome_and_a_prosecution_its_section() {
        let e = StepDraft {
            on: "2026-10-01",
            decided_by: "Panel",
            ..Default::default()
        }
        .validate(LegalStepKind::SupervisionOrder, today())
        .expect_err("no stage or outcome");
        assert_eq!(fields(e), vec![Field::EsoStage, Field::Outcome]);
        let e = StepDraft {
            on: "2026-10-01",
            decided_by: "Panel",
            ..Default::default()
        }
        .validate(LegalStepKind::Prosecution, today())
        .expect_err("no section");
        assert_eq!(fields(e), vec![Field::Section]);
    }
}
