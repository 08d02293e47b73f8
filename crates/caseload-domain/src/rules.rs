//! The rules engine's vocabulary: every alert names the rule that raised it, and every rule has
//! a title and a plain explanation citing the statutory basis (docs/domain.md §5–§7), which the app
//! links to from each alert. The checks themselves live beside the facts they read
//! (attendance figures in `attendance`, the legal ladder in `legal`); this module gathers
//! their alerts.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::attendance::SessionCounts;
use crate::attendance::summary::MarksSummary;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum RuleId {
    PersistentAbsence,
    SevereAbsence,
    SevereWithoutPlan,
    PenaltyThresholdMet,
    IllnessNotificationDue,
    PartTimeTimetableReview,
    NoticeToImproveEnding,
    PenaltyNoticeLimit,
    SupervisionOrderBeforeProsecution,
}

impl RuleId {
    pub const ALL: &'static [RuleId] = &[
        RuleId::PersistentAbsence,
        RuleId::SevereAbsence,
        RuleId::SevereWithoutPlan,
        RuleId::PenaltyThresholdMet,
        RuleId::IllnessNotificationDue,
        RuleId::PartTimeTimetableReview,
        RuleId::NoticeToImproveEnding,
        RuleId::PenaltyNoticeLimit,
        RuleId::SupervisionOrderBeforeProsecution,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::PersistentAbsence => "persistent_absence",
            RuleId::SevereAbsence => "severe_absence",
            RuleId::SevereWithoutPlan => "severe_without_plan",
            RuleId::PenaltyThresholdMet => "penalty_threshold_met",
            RuleId::IllnessNotificationDue => "illness_notification_due",
            RuleId::PartTimeTimetableReview => "part_time_timetable_review",
            RuleId::NoticeToImproveEnding => "notice_to_improve_ending",
            RuleId::PenaltyNoticeLimit => "penalty_notice_limit",
            RuleId::SupervisionOrderBeforeProsecution => "supervision_order_before_prosecution",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            RuleId::PersistentAbsence => "Persistent absence",
            RuleId::SevereAbsence => "Severe absence",
            RuleId::SevereWithoutPlan => "Severely absent without a plan",
            RuleId::PenaltyThresholdMet => "Penalty notice threshold met",
            RuleId::IllnessNotificationDue => "Long illness: the local authority must be told",
            RuleId::PartTimeTimetableReview => "Part-time timetable past its review date",
            RuleId::NoticeToImproveEnding => "Notice to improve: improvement period ending",
            RuleId::PenaltyNoticeLimit => "Penalty notices: limit within 3 years",
            RuleId::SupervisionOrderBeforeProsecution => {
                "Education supervision order to be considered before prosecution"
            }
        }
    }

    /// Why the rule exists and how it is worked out, in words a worker can check.
    pub fn explanation(self) -> &'static str {
        match self {
            RuleId::PersistentAbsence => {
                "A pupil is persistently absent when absence (authorised and unauthorised) is 10% or more of possible sessions."
            }
            RuleId::SevereAbsence => {
                "A pupil is severely absent when absence is 50% or more of possible sessions."
            }
            RuleId::SevereWithoutPlan => {
                "Every severely absent pupil should have a plan (Working together to improve school attendance, 2024): this pupil has none recorded."
            }
            RuleId::PenaltyThresholdMet => {
                "The national threshold for considering a penalty notice: 10 sessions of unauthorised absence (G, N, O, U) within a rolling period of 10 school weeks. School weeks are Monday–Sunday weeks with at least one possible session, so holidays are skipped and the period may span terms and years. The date is the mark at which the count first reaches 10."
            }
            RuleId::IllnessNotificationDue => {
                "The local authority must know when a pupil misses 15 school days (30 sessions) through illness (code I), consecutive or cumulative, within one academic year (1 September to 31 August). The date is that of the 30th illness mark."
            }
            RuleId::PartTimeTimetableReview => {
                "A part-time timetable (code C2) must be time-limited and reviewed; this one has passed the review date recorded for it."
            }
            RuleId::NoticeToImproveEnding => {
                "A notice to improve gives parents an improvement period of 3 to 6 weeks before a penalty notice; this period ends soon or has ended, so the outcome must be decided."
            }
            RuleId::PenaltyNoticeLimit => {
                "A parent can receive at most two penalty notices for the same child within 3 years (counted from the first notice issued on or after 19 August 2024): the first £160 (£80 if paid within 21 days), the second £160. A third is not allowed: another tool must be used."
            }
            RuleId::SupervisionOrderBeforeProsecution => {
                "Before prosecuting (Education Act 1996 s444), the local authority must consider an education supervision order (Children Act 1989 s36). None is recorded as considered for this case."
            }
        }
    }
}

/// One alert: the rule, the date it applies from (if the rule has one) and a short message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Alert {
    pub rule: RuleId,
    /// ISO date the rule was met or falls due, when it has one.
    pub on: Option<String>,
    pub message: String,
}

impl Alert {
    pub fn new(rule: RuleId, on: Option<NaiveDate>, message: impl Into<String>) -> Alert {
        Alert {
            rule,
            on: on.map(|d| d.to_string()),
            message: message.into(),
        }
    }
}

/// What the attendance rules read about one pupil.
#[derive(Debug, Clone, Copy, Default)]
pub struct AttendanceFacts<'a> {
    /// The current figure (the latest of the worker's readings and the imports).
    pub current: Option<SessionCounts>,
    /// The summary of the pupil's imported session marks, if any.
    pub marks: Option<&'a MarksSummary>,
    pub has_plan: bool,
    /// The review date of a part-time timetable, if the pupil is on one.
    pub part_time_review_on: Option<NaiveDate>,
}

/// The attendance alerts for one pupil (§5.5–§5.7, §7), most serious first.
pub fn attendance_alerts(f: &AttendanceFacts<'_>, today: NaiveDate) -> Vec<Alert> {
    let mut alerts = Vec::new();
    if let Some(c) = f.current.filter(|c| c.possible > 0) {
        let absent = c.authorised_absence + c.unauthorised_absence;
        let share = SessionCounts::new(c.possible, absent, 0, 0)
            .ok()
            .and_then(|x| x.attendance_pct())
            .map(|t| format!("{t}%"))
            .unwrap_or_default();
        if c.severe_absence() {
            alerts.push(Alert::new(
                RuleId::SevereAbsence,
                None,
                format!("Absent from {share} of possible sessions"),
            ));
            if !f.has_plan {
                alerts.push(Alert::new(
                    RuleId::SevereWithoutPlan,
                    None,
                    "Severely absent and no plan is recorded: agree one",
                ));
            }
        } else if c.persistent_absence() {
            alerts.push(Alert::new(
                RuleId::PersistentAbsence,
                None,
                format!("Absent from {share} of possible sessions"),
            ));
        }
    }
    if let Some(m) = f.marks {
        if let Some(on) = m.fpn_threshold_met_on {
            alerts.push(Alert::new(
                RuleId::PenaltyThresholdMet,
                Some(on),
                "10 unauthorised sessions within 10 school weeks",
            ));
        }
        if let Some(on) = m.illness_15_days_on {
            alerts.push(Alert::new(
                RuleId::IllnessNotificationDue,
                Some(on),
                format!(
                    "15 school days missed through illness this academic year, reached on {}",
                    crate::dates::long_date(on)
                ),
            ));
        }
    }
    if let Some(review) = f.part_time_review_on.filter(|r| *r < today) {
        alerts.push(Alert::new(
            RuleId::PartTimeTimetableReview,
            Some(review),
            "The part-time timetable is past its review date: review it",
        ));
    }
    alerts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(possible: u32, present: u32, auth: u32, unauth: u32) -> Option<SessionCounts> {
        SessionCounts::new(possible, present, auth, unauth).ok()
    }

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).expect("date")
    }

    fn rules(alerts: &[Alert]) -> Vec<RuleId> {
        alerts.iter().map(|a| a.rule).collect()
    }

    #[test]
    fn severe_absence_without_a_plan_raises_both_alerts_and_a_plan_silences_one() {
        let facts = AttendanceFacts {
            current: counts(100, 40, 30, 30),
            ..Default::default()
        };
        let alerts = attendance_alerts(&facts, d(11, 23));
        assert_eq!(
            rules(&alerts),
            vec![RuleId::SevereAbsence, RuleId::SevereWithoutPlan]
        );
        assert_eq!(alerts[0].message, "Absent from 60.0% of possible sessions");
        let planned = AttendanceFacts {
            has_plan: true,
            ..facts
        };
        assert_eq!(
            rules(&attendance_alerts(&planned, d(11, 23))),
            vec![RuleId::SevereAbsence]
        );
    }

    #[test]
    fn persistent_absence_alone_is_one_alert_and_good_attendance_none() {
        let pa = AttendanceFacts {
            current: counts(100, 90, 10, 0),
            ..Default::default()
        };
        assert_eq!(
            rules(&attendance_alerts(&pa, d(11, 23))),
            vec![RuleId::PersistentAbsence]
        );
        let fine = AttendanceFacts {
            current: counts(100, 95, 5, 0),
            ..Default::default()
        };
        assert!(attendance_alerts(&fine, d(11, 23)).is_empty());
    }

    #[test]
    fn the_marks_rules_carry_the_date_each_was_reached() {
        let summary = MarksSummary {
            fpn_threshold_met_on: Some(d(3, 4)),
            illness_15_days_on: Some(d(5, 6)),
            ..crate::attendance::summary::summarise(&[])
        };
        let facts = AttendanceFacts {
            marks: Some(&summary),
            ..Default::default()
        };
        let alerts = attendance_alerts(&facts, d(11, 23));
        assert_eq!(
            rules(&alerts),
            vec![RuleId::PenaltyThresholdMet, RuleId::IllnessNotificationDue]
        );
        assert_eq!(alerts[0].on.as_deref(), Some("2026-03-04"));
        assert_eq!(
            alerts[1].message,
            "15 school days missed through illness this academic year, reached on 6 May 2026",
            "the date in the message is written out"
        );
    }

    #[test]
    fn a_part_time_timetable_alerts_only_once_its_review_date_has_passed() {
        let due = AttendanceFacts {
            part_time_review_on: Some(d(11, 22)),
            ..Default::default()
        };
        assert_eq!(
            rules(&attendance_alerts(&due, d(11, 23))),
            vec![RuleId::PartTimeTimetableReview]
        );
        let not_yet = AttendanceFacts {
            part_time_review_on: Some(d(11, 23)),
            ..Default::default()
        };
        assert!(attendance_alerts(&not_yet, d(11, 23)).is_empty());
    }

    #[test]
    fn every_rule_has_a_distinct_name_a_title_and_an_explanation() {
        let names: std::collections::HashSet<&str> =
            RuleId::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(names.len(), RuleId::ALL.len());
        for r in RuleId::ALL {
            assert!(!r.title().is_empty() && r.explanation().len() > 40, "{r:?}");
        }
    }
}
