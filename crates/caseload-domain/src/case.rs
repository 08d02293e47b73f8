//! A case's lifecycle (docs/domain.md §8): referral → triage (accepted, declined, or the family
//! declines support) → allocation to a team and worker → active on a review cycle → closed →
//! reopened if needed. [`CaseStatus::after`] is the one place the allowed transitions live;
//! a refused transition says what must happen first.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::field::Invalid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum CaseStatus {
    Referred,
    Accepted,
    Declined,
    FamilyDeclined,
    Allocated,
    Active,
    Closed,
}

/// What the worker does to a case. Every transition is dated by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum TransitionKind {
    Accept,
    Decline,
    FamilyDeclined,
    Allocate,
    StartCycle,
    MidpointCheck,
    Review,
    Close,
    Reopen,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct TransitionError {
    pub from: CaseStatus,
    pub kind: TransitionKind,
    pub message: String,
}

impl CaseStatus {
    /// Every status, for exhaustive tests and pickers.
    pub const ALL: &'static [CaseStatus] = &[
        CaseStatus::Referred,
        CaseStatus::Accepted,
        CaseStatus::Declined,
        CaseStatus::FamilyDeclined,
        CaseStatus::Allocated,
        CaseStatus::Active,
        CaseStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Referred => "referred",
            CaseStatus::Accepted => "accepted",
            CaseStatus::Declined => "declined",
            CaseStatus::FamilyDeclined => "family_declined",
            CaseStatus::Allocated => "allocated",
            CaseStatus::Active => "active",
            CaseStatus::Closed => "closed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|s| s.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            CaseStatus::Referred => "referred",
            CaseStatus::Accepted => "accepted",
            CaseStatus::Declined => "declined",
            CaseStatus::FamilyDeclined => "family declined support",
            CaseStatus::Allocated => "allocated",
            CaseStatus::Active => "active",
            CaseStatus::Closed => "closed",
        }
    }

    /// Open cases are those a worker still holds: everything but declined and closed.
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            CaseStatus::Declined | CaseStatus::FamilyDeclined | CaseStatus::Closed
        )
    }

    /// The step a case in this status usually takes next, when no review-cycle step is due:
    /// a referral is triaged, an accepted case allocated, an allocated case's cycle started, a
    /// closed or declined case (rarely) reopened. An active case's next step is whichever
    /// cycle step is due, so it has none of its own here.
    pub fn usual_next(self) -> Option<TransitionKind> {
        match self {
            CaseStatus::Referred => Some(TransitionKind::Accept),
            CaseStatus::Accepted => Some(TransitionKind::Allocate),
            CaseStatus::Allocated => Some(TransitionKind::StartCycle),
            CaseStatus::Active => None,
            CaseStatus::Declined | CaseStatus::FamilyDeclined | CaseStatus::Closed => {
                Some(TransitionKind::Reopen)
            }
        }
    }

    /// The status after `kind`, or why it cannot happen now.
    pub fn after(self, kind: TransitionKind) -> Result<CaseStatus, TransitionError> {
        use CaseStatus as S;
        use TransitionKind as T;
        let next = match (kind, self) {
            (T::Accept, S::Referred) => Some(S::Accepted),
            (T::Decline, S::Referred) => Some(S::Declined),
            (T::FamilyDeclined, S::Referred | S::Accepted | S::Allocated | S::Active) => {
                Some(S::FamilyDeclined)
            }
            (T::Allocate, S::Accepted) => Some(S::Allocated),
            (T::Allocate, S::Allocated | S::Active) => Some(self),
            (T::StartCycle, S::Allocated) => Some(S::Active),
            (T::MidpointCheck | T::Review, S::Active) => Some(S::Active),
            (T::Close, S::Allocated | S::Active) => Some(S::Closed),
            (T::Reopen, S::Closed) => Some(S::Active),
            (T::Reopen, S::Declined | S::FamilyDeclined) => Some(S::Referred),
            _ => None,
        };
        next.ok_or_else(|| TransitionError {
            from: self,
            kind,
            message: refusal(self, kind),
        })
    }
}

fn refusal(from: CaseStatus, kind: TransitionKind) -> String {
    use CaseStatus as S;
    use TransitionKind as T;
    let status = from.label();
    match kind {
        T::Accept | T::Decline => {
            format!("Only a referred case can be triaged; this case is {status}")
        }
        T::FamilyDeclined => format!("A {status} case cannot be marked as declined by the family"),
        T::Allocate if from == S::Referred => {
            "Accept the case at triage before allocating it".into()
        }
        T::Allocate => format!("A {status} case cannot be allocated; reopen it first"),
        T::StartCycle if matches!(from, S::Referred | S::Accepted) => {
            "Allocate the case to a team and worker before starting its review cycle".into()
        }
        T::StartCycle => format!("A {status} case cannot start a review cycle"),
        T::MidpointCheck | T::Review => {
            format!(
                "Midpoint checks and reviews are recorded on active cases; this case is {status}"
            )
        }
        T::Close if matches!(from, S::Referred) => {
            "Triage the case first: decline it if it is not to go ahead".into()
        }
        T::Close if from == S::Accepted => {
            "Allocate the case before closing it, or record that the family declined support".into()
        }
        T::Close => format!("This case is already {status}"),
        T::Reopen => {
            format!("Only closed or declined cases can be reopened; this case is {status}")
        }
    }
}

/// The review cycle (docs/domain.md §8: six weeks with a midpoint check at week 3), configurable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CycleSettings {
    pub cycle_weeks: u8,
    pub midpoint_week: u8,
}

impl Default for CycleSettings {
    fn default() -> Self {
        CycleSettings {
            cycle_weeks: 6,
            midpoint_week: 3,
        }
    }
}

impl CycleSettings {
    pub fn validate(self) -> Result<Self, Invalid> {
        if !(1..=52).contains(&self.cycle_weeks) {
            return Err(Invalid::from("A review cycle is from 1 to 52 weeks long"));
        }
        if self.midpoint_week == 0 || self.midpoint_week >= self.cycle_weeks {
            return Err(Invalid::from(
                "The midpoint check must fall after the cycle starts and before its review",
            ));
        }
        Ok(self)
    }

    pub fn midpoint_due(self, cycle_start: NaiveDate) -> NaiveDate {
        cycle_start + Duration::weeks(i64::from(self.midpoint_week))
    }

    pub fn review_due(self, cycle_start: NaiveDate) -> NaiveDate {
        cycle_start + Duration::weeks(i64::from(self.cycle_weeks))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CaseStatus as S;
    use TransitionKind as T;

    #[test]
    fn every_status_round_trips_through_its_stored_name() {
        for &status in CaseStatus::ALL {
            assert_eq!(CaseStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(CaseStatus::parse("closed-by-magic"), None);
    }

    #[test]
    fn each_status_names_a_usual_next_step_that_it_allows() {
        assert_eq!(S::Referred.usual_next(), Some(T::Accept));
        assert_eq!(S::Accepted.usual_next(), Some(T::Allocate));
        assert_eq!(S::Allocated.usual_next(), Some(T::StartCycle));
        assert_eq!(S::Active.usual_next(), None);
        assert_eq!(S::Closed.usual_next(), Some(T::Reopen));
        for &status in CaseStatus::ALL {
            if let Some(next) = status.usual_next() {
                assert!(status.after(next).is_ok(), "{status:?} allows {next:?}");
            }
        }
    }

    #[test]
    fn the_usual_path_runs_from_referral_to_closure_and_back() {
        let mut s = S::Referred;
        for (kind, expected) in [
            (T::Accept, S::Accepted),
            (T::Allocate, S::Allocated),
            (T::StartCycle, S::Active),
            (T::MidpointCheck, S::Active),
            (T::Review, S::Active),
            (T::Close, S::Closed),
            (T::Reopen, S::Active),
        ] {
            s = s.after(kind).expect("allowed");
            assert_eq!(s, expected);
        }
    }

    #[test]
    fn allocating_before_acceptance_says_to_accept_first() {
        let e = S::Referred.after(T::Allocate).expect_err("refused");
        assert_eq!(e.message, "Accept the case at triage before allocating it");
    }

    #[test]
    fn starting_a_cycle_before_allocation_says_to_allocate_first() {
        let e = S::Accepted.after(T::StartCycle).expect_err("refused");
        assert!(e.message.starts_with("Allocate the case"));
    }

    #[test]
    fn a_declined_case_reopens_as_a_new_referral() {
        assert_eq!(S::Declined.after(T::Reopen), Ok(S::Referred));
        assert_eq!(S::FamilyDeclined.after(T::Reopen), Ok(S::Referred));
    }

    #[test]
    fn the_family_can_decline_at_any_open_stage_but_not_after_closure() {
        for s in [S::Referred, S::Accepted, S::Allocated, S::Active] {
            assert_eq!(s.after(T::FamilyDeclined), Ok(S::FamilyDeclined));
        }
        assert!(S::Closed.after(T::FamilyDeclined).is_err());
    }

    #[test]
    fn every_refusal_has_a_message() {
        for &s in CaseStatus::ALL {
            for kind in [
                T::Accept,
                T::Decline,
                T::FamilyDeclined,
                T::Allocate,
                T::StartCycle,
                T::MidpointCheck,
                T::Review,
                T::Close,
                T::Reopen,
            ] {
                if let Err(e) = s.after(kind) {
                    assert!(!e.message.is_empty());
                }
            }
        }
    }

    #[test]
    fn the_default_cycle_is_six_weeks_with_a_midpoint_at_three() {
        let start = NaiveDate::from_ymd_opt(2026, 9, 7).expect("date");
        let c = CycleSettings::default();
        assert_eq!(
            c.midpoint_due(start),
            NaiveDate::from_ymd_opt(2026, 9, 28).expect("date")
        );
        assert_eq!(
            c.review_due(start),
            NaiveDate::from_ymd_opt(2026, 10, 19).expect("date")
        );
        assert!(
            CycleSettings {
                cycle_weeks: 6,
                midpoint_week: 6
            }
            .validate()
            .is_err()
        );
        assert!(
            CycleSettings {
                cycle_weeks: 8,
                midpoint_week: 4
            }
            .validate()
            .is_ok()
        );
    }
}
