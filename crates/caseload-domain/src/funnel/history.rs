//! What a case's dated history says for the funnel's rows: when it was triaged, when it closed
//! having completed a full review cycle, and its attendance at referral and at closure.

use chrono::NaiveDate;

use super::{CaseHistory, HistoryEvent};
use crate::attendance::Tenths;
use crate::case::{CaseStatus, CycleSettings, TransitionKind};

/// The latest reading on or before `date`.
fn reading_at(readings: &[(NaiveDate, Tenths)], date: NaiveDate) -> Option<Tenths> {
    readings
        .iter()
        .rev()
        .find(|(at, _)| *at <= date)
        .map(|(_, pct)| *pct)
}

/// Where a case's current review cycle stands, replayed from its history.
#[derive(Default)]
struct Cycle {
    /// The date the current cycle began: a cycle started, a review recorded (which begins the
    /// next cycle), or a closed case reopened.
    start: Option<NaiveDate>,
    /// A review has been recorded since the case last started (or restarted) its cycle.
    reviewed: bool,
}

impl CaseHistory {
    /// Attendance on a date: the latest reading on or before it (attendance at closure).
    pub fn attendance_on(&self, date: NaiveDate) -> Option<Tenths> {
        reading_at(&self.readings, date)
    }

    /// Attendance at referral: the latest reading on or before the referral date, else the
    /// first reading after it (a reading is often taken just after referral).
    pub fn attendance_at_referral(&self) -> Option<Tenths> {
        reading_at(&self.readings, self.referral_date)
            .or_else(|| self.readings.first().map(|(_, pct)| *pct))
    }

    pub(super) fn in_period(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        wanted: impl Fn(&HistoryEvent) -> bool,
    ) -> bool {
        self.events
            .iter()
            .any(|e| e.on_date >= from && e.on_date <= to && wanted(e))
    }

    /// Each event with the status the case was in just before it, replayed from a referral
    /// through the lifecycle's one table (`CaseStatus::after`); the store records only steps
    /// that table allows, so the replay is the recorded history.
    fn with_status_before(&self) -> impl Iterator<Item = (CaseStatus, &HistoryEvent)> {
        let mut status = CaseStatus::Referred;
        self.events.iter().map(move |e| {
            let before = status;
            status = status.after(e.kind).unwrap_or(status);
            (before, e)
        })
    }

    /// Triaged in the period: accepted, declined, or the family declined support while the
    /// case was still a referral (at triage), on a date in the period. A family that declines
    /// after the case was accepted counts in "families declining support" only.
    pub fn triaged_in(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.with_status_before().any(|(before, e)| {
            let at_triage = match e.kind {
                TransitionKind::Accept | TransitionKind::Decline => true,
                TransitionKind::FamilyDeclined => before == CaseStatus::Referred,
                _ => false,
            };
            at_triage && e.on_date >= from && e.on_date <= to
        })
    }

    /// The first closure in the period of a case that had completed a full review cycle: a
    /// review was recorded between the start of its cycle and the closure, or the closure came
    /// on or after the cycle's start plus the cycle's length. A closure without a started
    /// cycle, or two days into one ("moved out of area"), is not after the cycle.
    pub fn closure_after_cycle(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        settings: CycleSettings,
    ) -> Option<NaiveDate> {
        let mut cycle = Cycle::default();
        for (before, e) in self.with_status_before() {
            match e.kind {
                TransitionKind::StartCycle => {
                    cycle = Cycle {
                        start: Some(e.on_date),
                        reviewed: false,
                    }
                }
                TransitionKind::Review => {
                    cycle.start = Some(e.on_date);
                    cycle.reviewed = true;
                }
                TransitionKind::Reopen => {
                    // A closed case reopens onto a new cycle; a declined one goes back to triage.
                    cycle = Cycle {
                        start: (before == CaseStatus::Closed).then_some(e.on_date),
                        reviewed: false,
                    }
                }
                TransitionKind::Close => {
                    let completed = cycle.start.is_some_and(|start| {
                        cycle.reviewed || e.on_date >= settings.review_due(start)
                    });
                    if completed && e.on_date >= from && e.on_date <= to {
                        return Some(e.on_date);
                    }
                }
                _ => {}
            }
        }
        None
    }
}
