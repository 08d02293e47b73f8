//! What is due next on a case (docs/domain.md §8: a six-week cycle with a midpoint check), whether it
//! is overdue, and whether it falls in "this week" (Monday to Sunday, Europe/London dates).

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::case::{CaseStatus, CycleSettings, TransitionKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum DueKind {
    MidpointCheck,
    Review,
    /// An open action of the case's plan.
    Action,
    /// A review date set in the case's plan.
    PlanReview,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    pub kind: DueKind,
    pub due_on: NaiveDate,
    /// For an action: what is to be done.
    pub what: Option<String>,
}

impl DueItem {
    /// The lifecycle step that completes this item, for the items of the case's cycle.
    pub fn step(&self) -> Option<TransitionKind> {
        match self.kind {
            DueKind::MidpointCheck => Some(TransitionKind::MidpointCheck),
            DueKind::Review => Some(TransitionKind::Review),
            DueKind::Action | DueKind::PlanReview => None,
        }
    }
}

/// The next dated item of an active case's cycle: its midpoint check until that is recorded,
/// then its review. Cases that are not active have no cycle item.
pub fn next_cycle_item(
    status: CaseStatus,
    cycle_start: Option<NaiveDate>,
    midpoint_done_on: Option<NaiveDate>,
    settings: CycleSettings,
) -> Option<DueItem> {
    let start = cycle_start.filter(|_| status == CaseStatus::Active)?;
    Some(match midpoint_done_on {
        None => DueItem {
            kind: DueKind::MidpointCheck,
            due_on: settings.midpoint_due(start),
            what: None,
        },
        Some(_) => DueItem {
            kind: DueKind::Review,
            due_on: settings.review_due(start),
            what: None,
        },
    })
}

/// The case's next dated item: the earliest of its cycle item, its open actions (overdue ones
/// included) and its plan's review dates from today on (a plan review date that has passed is
/// history, not a task). Ties go to the cycle item, then actions.
pub fn next_due(
    cycle_item: Option<DueItem>,
    open_actions: &[(NaiveDate, String)],
    plan_reviews: &[NaiveDate],
    today: NaiveDate,
) -> Option<DueItem> {
    let actions = open_actions.iter().map(|(due_on, what)| DueItem {
        kind: DueKind::Action,
        due_on: *due_on,
        what: Some(what.clone()),
    });
    let reviews = plan_reviews
        .iter()
        .filter(|d| **d >= today)
        .map(|d| DueItem {
            kind: DueKind::PlanReview,
            due_on: *d,
            what: None,
        });
    cycle_item
        .into_iter()
        .chain(actions)
        .chain(reviews)
        .min_by_key(|item| item.due_on)
}

/// The Sunday that ends `today`'s week.
pub fn end_of_week(today: NaiveDate) -> NaiveDate {
    today + Duration::days(6 - i64::from(today.weekday().num_days_from_monday()))
}

impl DueItem {
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.due_on < today
    }

    /// Due by the end of this week, overdue items included.
    pub fn is_due_this_week(&self, today: NaiveDate) -> bool {
        self.due_on <= end_of_week(today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn the_cycle_items_are_completed_by_their_lifecycle_steps() {
        let item = |kind| DueItem {
            kind,
            due_on: NaiveDate::from_ymd_opt(2026, 12, 6).expect("date"),
            what: None,
        };
        assert_eq!(
            item(DueKind::MidpointCheck).step(),
            Some(TransitionKind::MidpointCheck)
        );
        assert_eq!(item(DueKind::Review).step(), Some(TransitionKind::Review));
        assert_eq!(item(DueKind::Action).step(), None);
        assert_eq!(item(DueKind::PlanReview).step(), None);
    }

    #[test]
    fn an_active_case_is_due_its_midpoint_check_then_its_review() {
        let s = CycleSettings::default();
        let start = Some(d(2026, 10, 5));
        let first = next_cycle_item(CaseStatus::Active, start, None, s).expect("due");
        assert_eq!(
            (first.kind, first.due_on),
            (DueKind::MidpointCheck, d(2026, 10, 26))
        );
        let then =
            next_cycle_item(CaseStatus::Active, start, Some(d(2026, 10, 26)), s).expect("due");
        assert_eq!((then.kind, then.due_on), (DueKind::Review, d(2026, 11, 16)));
    }

    #[test]
    fn cases_that_are_not_active_have_no_cycle_item() {
        assert_eq!(
            next_cycle_item(
                CaseStatus::Allocated,
                Some(d(2026, 10, 5)),
                None,
                CycleSettings::default()
            ),
            None
        );
        assert_eq!(
            next_cycle_item(CaseStatus::Active, None, None, CycleSettings::default()),
            None
        );
    }

    #[test]
    fn the_next_due_item_is_the_earliest_of_cycle_actions_and_future_plan_reviews() {
        let today = d(2026, 11, 23);
        let cycle = Some(DueItem {
            kind: DueKind::MidpointCheck,
            due_on: d(2026, 11, 30),
            what: None,
        });
        let actions = vec![(d(2026, 11, 21), "Send letter".to_string())];
        let reviews = vec![d(2026, 11, 1), d(2026, 11, 25)];
        let next = next_due(cycle.clone(), &actions, &reviews, today).expect("due");
        assert_eq!(
            (next.kind, next.due_on, next.what.as_deref()),
            (DueKind::Action, d(2026, 11, 21), Some("Send letter"))
        );
        let next = next_due(cycle, &[], &reviews, today).expect("due");
        assert_eq!(
            (next.kind, next.due_on),
            (DueKind::PlanReview, d(2026, 11, 25))
        );
        assert_eq!(next_due(None, &[], &[d(2026, 11, 1)], today), None);
    }

    #[test]
    fn this_week_runs_to_sunday_and_includes_overdue_items() {
        let monday = d(2026, 11, 23);
        assert_eq!(end_of_week(monday), d(2026, 11, 29));
        assert_eq!(end_of_week(d(2026, 11, 29)), d(2026, 11, 29));
        let overdue = DueItem {
            kind: DueKind::Review,
            due_on: d(2026, 11, 20),
            what: None,
        };
        assert!(overdue.is_overdue(monday) && overdue.is_due_this_week(monday));
        let sunday = DueItem {
            kind: DueKind::Review,
            due_on: d(2026, 11, 29),
            what: None,
        };
        assert!(!sunday.is_overdue(monday) && sunday.is_due_this_week(monday));
        let next_monday = DueItem {
            kind: DueKind::Review,
            due_on: d(2026, 11, 30),
            what: None,
        };
        assert!(!next_monday.is_due_this_week(monday));
    }
}
