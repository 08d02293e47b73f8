//! A case's plan (docs/domain.md §6, §8): the barriers behind the absence, a SMART attendance
//! target (every child's plan has one), interventions, review dates, and actions with an
//! owner and a due date.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::attendance::Tenths;
use crate::dates::like_a_date;
use crate::field::{Field, FieldErrors, Invalid};

const MAX_TEXT_CHARS: usize = 4000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Barrier {
    Health,
    SemhEbsa,
    Send,
    Bullying,
    CaringResponsibilities,
    Housing,
    Transport,
    FamilyCircumstances,
    SchoolFactors,
}

impl Barrier {
    /// Every barrier, in the order a form offers them.
    pub const ALL: [Barrier; 9] = [
        Barrier::Health,
        Barrier::SemhEbsa,
        Barrier::Send,
        Barrier::Bullying,
        Barrier::CaringResponsibilities,
        Barrier::Housing,
        Barrier::Transport,
        Barrier::FamilyCircumstances,
        Barrier::SchoolFactors,
    ];

    /// How the barrier is written for people (records, chronology).
    pub fn label(self) -> &'static str {
        match self {
            Barrier::Health => "Health",
            Barrier::SemhEbsa => "SEMH or EBSA",
            Barrier::Send => "SEND",
            Barrier::Bullying => "Bullying",
            Barrier::CaringResponsibilities => "Caring responsibilities",
            Barrier::Housing => "Housing",
            Barrier::Transport => "Transport",
            Barrier::FamilyCircumstances => "Family circumstances",
            Barrier::SchoolFactors => "School factors (curriculum, staffing)",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ActionStatus {
    Open,
    Done,
    NotDone,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 3] = [
        ActionStatus::Open,
        ActionStatus::Done,
        ActionStatus::NotDone,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "Open",
            ActionStatus::Done => "Done",
            ActionStatus::NotDone => "Not done",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Done => "done",
            ActionStatus::NotDone => "not_done",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [
            ActionStatus::Open,
            ActionStatus::Done,
            ActionStatus::NotDone,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }
}

/// The plan's SMART attendance target: reach `target` % by `by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmartTarget {
    pub target: Tenths,
    pub by: NaiveDate,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub barriers: Vec<Barrier>,
    pub other_barriers: Option<String>,
    pub target: Option<SmartTarget>,
    pub interventions: Option<String>,
    pub review_dates: Vec<NaiveDate>,
}

/// A plan as typed.
#[derive(Debug, Clone, Default)]
pub struct PlanDraft<'a> {
    pub barriers: &'a [Barrier],
    pub other_barriers: Option<&'a str>,
    /// e.g. "95" or "92.5"; blank for none yet.
    pub target_pct: Option<&'a str>,
    pub target_by: Option<&'a str>,
    pub interventions: Option<&'a str>,
    pub review_dates: &'a [String],
}

fn text(errors: &mut FieldErrors, field: Field, value: Option<&str>) -> Option<String> {
    let value = value.map(str::trim).filter(|v| !v.is_empty())?;
    if value.chars().count() > MAX_TEXT_CHARS {
        errors.push(field, format!("Keep this to {MAX_TEXT_CHARS} characters"));
        return None;
    }
    Some(value.to_string())
}

fn date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

/// Parses a percentage with at most one decimal place, 0 to 100, into tenths.
pub fn parse_pct(value: &str) -> Result<Tenths, Invalid> {
    let message =
        || "Enter the target as a percentage from 0 to 100, for example 95 or 92.5".to_string();
    let v = value.trim().trim_end_matches('%');
    let (whole, tenth) = match v.split_once('.') {
        Some((w, t)) if t.len() == 1 => (w, t),
        Some(_) => return Err(Invalid::from(message())),
        None => (v, "0"),
    };
    let whole: u16 = whole.parse().map_err(|_| message())?;
    let tenth: u16 = tenth.parse().map_err(|_| message())?;
    let tenths = whole
        .checked_mul(10)
        .and_then(|w| w.checked_add(tenth))
        .filter(|t| *t <= 1000)
        .ok_or_else(message)?;
    Ok(Tenths(tenths))
}

impl PlanDraft<'_> {
    pub fn validate(&self) -> Result<Plan, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut barriers = self.barriers.to_vec();
        barriers.sort_by_key(|b| *b as u8);
        barriers.dedup();
        let other_barriers = text(&mut errors, Field::OtherBarriers, self.other_barriers);
        let pct = self.target_pct.map(str::trim).filter(|v| !v.is_empty());
        let by = self.target_by.map(str::trim).filter(|v| !v.is_empty());
        let target = match (pct, by) {
            (None, None) => None,
            (Some(pct), Some(by)) => {
                let target = errors.check(Field::TargetPct, parse_pct(pct));
                let by = errors.check(
                    Field::TargetBy,
                    date(by).ok_or_else(|| like_a_date("Enter the target date as a real date")),
                );
                target
                    .zip(by)
                    .map(|(target, by)| SmartTarget { target, by })
            }
            (Some(_), None) => {
                errors.push(
                    Field::TargetBy,
                    "Say by when the target should be met: a SMART target has a date",
                );
                None
            }
            (None, Some(_)) => {
                errors.push(
                    Field::TargetPct,
                    "Enter the attendance % to reach by that date",
                );
                None
            }
        };
        let interventions = text(&mut errors, Field::Interventions, self.interventions);
        let mut review_dates = Vec::new();
        for d in self.review_dates.iter().filter(|d| !d.trim().is_empty()) {
            match date(d) {
                Some(d) => review_dates.push(d),
                None => {
                    errors.push(
                        Field::ReviewDates,
                        like_a_date("Enter each review date as a real date"),
                    );
                    break;
                }
            }
        }
        review_dates.sort();
        review_dates.dedup();
        if errors.is_empty() {
            Ok(Plan {
                barriers,
                other_barriers,
                target,
                interventions,
                review_dates,
            })
        } else {
            Err(errors)
        }
    }
}

/// An agreed action, as typed.
#[derive(Debug, Clone, Default)]
pub struct ActionDraft<'a> {
    pub what: &'a str,
    pub owner: &'a str,
    pub due_on: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAction {
    pub what: String,
    pub owner: String,
    pub due_on: NaiveDate,
}

impl ActionDraft<'_> {
    pub fn validate(&self) -> Result<NewAction, FieldErrors> {
        let mut errors = FieldErrors::default();
        let what = self.what.trim();
        let owner = self.owner.trim();
        if what.is_empty() {
            errors.push(Field::What, "Say what is to be done");
        } else if what.chars().count() > MAX_TEXT_CHARS {
            errors.push(
                Field::What,
                format!("Keep this to {MAX_TEXT_CHARS} characters"),
            );
        }
        if owner.is_empty() {
            errors.push(Field::Owner, "Say who will do it");
        }
        let due_on = errors.check(
            Field::DueOn,
            date(self.due_on).ok_or_else(|| like_a_date("Enter the due date as a real date")),
        );
        match due_on {
            Some(due_on) if errors.is_empty() => Ok(NewAction {
                what: what.into(),
                owner: owner.into(),
                due_on,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_each_barrier_and_action_status_once_in_declaration_order() {
        for (i, b) in Barrier::ALL.into_iter().enumerate() {
            assert_eq!(b as usize, i, "{b:?}");
        }
        for (i, s) in ActionStatus::ALL.into_iter().enumerate() {
            assert_eq!(s as usize, i, "{s:?}");
        }
    }

    #[test]
    fn a_target_needs_both_a_percentage_and_a_date() {
        let e = PlanDraft {
            target_pct: Some("95"),
            ..Default::default()
        }
        .validate()
        .expect_err("no date");
        assert_eq!(
            e.iter().map(|x| x.field).collect::<Vec<_>>(),
            vec![Field::TargetBy]
        );
        let plan = PlanDraft {
            target_pct: Some("92.5"),
            target_by: Some("2027-02-12"),
            ..Default::default()
        }
        .validate()
        .expect("valid");
        assert_eq!(plan.target.map(|t| t.target), Some(Tenths(925)));
    }

    #[test]
    fn percentages_take_one_decimal_place_from_0_to_100() {
        assert_eq!(parse_pct("100"), Ok(Tenths(1000)));
        assert_eq!(parse_pct("95%"), Ok(Tenths(950)));
        assert!(parse_pct("100.1").is_err());
        assert!(parse_pct("92.55").is_err());
        assert!(parse_pct("-1").is_err());
    }

    #[test]
    fn barriers_and_review_dates_are_deduplicated_and_ordered() {
        let dates = vec![
            "2027-01-10".to_string(),
            "2026-12-01".to_string(),
            "2027-01-10".to_string(),
            " ".to_string(),
        ];
        let plan = PlanDraft {
            barriers: &[Barrier::Housing, Barrier::Health, Barrier::Housing],
            review_dates: &dates,
            ..Default::default()
        }
        .validate()
        .expect("valid");
        assert_eq!(plan.barriers, vec![Barrier::Health, Barrier::Housing]);
        assert_eq!(plan.review_dates.len(), 2);
        assert!(plan.review_dates[0] < plan.review_dates[1]);
    }

    #[test]
    fn an_action_needs_what_who_and_when() {
        let e = ActionDraft::default().validate().expect_err("empty");
        assert_eq!(
            e.iter().map(|x| x.field).collect::<Vec<_>>(),
            vec![Field::What, Field::Owner, Field::DueOn]
        );
    }
}
