//! Targeting Support Meetings (docs/domain.md §2, §8): a termly meeting with a link school, recorded
//! live. What is typed is kept exactly as typed while the meeting runs (nothing typed is ever
//! refused, so nothing is lost); the checks here decide whether the meeting can be finished
//! and its record handed to the school. Actions agreed at one meeting stay open until they are
//! reviewed as done or not done; an action reviewed as carried stays open for the next meeting.

pub mod record;
pub mod term;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::ids::{DiscussionId, TsmActionId, TsmId};
pub use term::{Season, Term};

/// Who owns an agreed action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum OwnerAgency {
    School,
    LocalAuthority,
    EarlyHelp,
    Health,
    Send,
    SocialCare,
    Housing,
    Police,
    Other,
}

impl OwnerAgency {
    pub const ALL: &'static [OwnerAgency] = &[
        OwnerAgency::School,
        OwnerAgency::LocalAuthority,
        OwnerAgency::EarlyHelp,
        OwnerAgency::Health,
        OwnerAgency::Send,
        OwnerAgency::SocialCare,
        OwnerAgency::Housing,
        OwnerAgency::Police,
        OwnerAgency::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OwnerAgency::School => "school",
            OwnerAgency::LocalAuthority => "local_authority",
            OwnerAgency::EarlyHelp => "early_help",
            OwnerAgency::Health => "health",
            OwnerAgency::Send => "send",
            OwnerAgency::SocialCare => "social_care",
            OwnerAgency::Housing => "housing",
            OwnerAgency::Police => "police",
            OwnerAgency::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            OwnerAgency::School => "School",
            OwnerAgency::LocalAuthority => "Local authority attendance team",
            OwnerAgency::EarlyHelp => "Early help",
            OwnerAgency::Health => "Health",
            OwnerAgency::Send => "SEND",
            OwnerAgency::SocialCare => "Social care",
            OwnerAgency::Housing => "Housing",
            OwnerAgency::Police => "Police",
            OwnerAgency::Other => "Other",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        let v = value.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Self::ALL.iter().copied().find(|a| a.as_str() == v)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum TsmStatus {
    /// Planned or under way: everything can still be typed.
    Planned,
    /// Finished: the record is fixed; only reviews of its actions are added later.
    Finished,
}

impl TsmStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TsmStatus::Planned => "planned",
            TsmStatus::Finished => "finished",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [TsmStatus::Planned, TsmStatus::Finished]
            .into_iter()
            .find(|s| s.as_str() == value)
    }
}

/// What a review found of an open action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ReviewOutcome {
    Done,
    NotDone,
    /// Still to do: stays open and is reviewed again at the next meeting.
    Carried,
}

impl ReviewOutcome {
    pub const ALL: [ReviewOutcome; 3] = [
        ReviewOutcome::Done,
        ReviewOutcome::NotDone,
        ReviewOutcome::Carried,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewOutcome::Done => "done",
            ReviewOutcome::NotDone => "not_done",
            ReviewOutcome::Carried => "carried",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReviewOutcome::Done => "Done",
            ReviewOutcome::NotDone => "Not done",
            ReviewOutcome::Carried => "Carried forward",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        let v = value.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        [
            ReviewOutcome::Done,
            ReviewOutcome::NotDone,
            ReviewOutcome::Carried,
        ]
        .into_iter()
        .find(|s| s.as_str() == v)
    }

    /// An action whose latest review is this outcome (or that has none) is still open.
    pub fn leaves_open(outcome: Option<ReviewOutcome>) -> bool {
        matches!(outcome, None | Some(ReviewOutcome::Carried))
    }
}

/// An attendee as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Attendee {
    pub name: String,
    pub role: String,
    pub organisation: String,
}

/// An action as typed so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionDraft {
    pub id: TsmActionId,
    pub what: String,
    pub owner_agency: OwnerAgency,
    pub owner_person: String,
    pub lead_practitioner: String,
    pub due_on: Option<NaiveDate>,
}

/// A pupil's discussion as typed so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscussionDraft {
    pub id: DiscussionId,
    pub pupil_name: String,
    pub actions: Vec<ActionDraft>,
}

/// Where a problem that stops a meeting being finished is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "at", content = "id", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ProblemAt {
    Meeting,
    Attendees,
    Discussion(DiscussionId),
    Action(TsmActionId),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FinishProblem {
    pub place: ProblemAt,
    pub message: String,
}

/// The limit on any one typed text, so a stray paste cannot bloat the store.
pub const MAX_TEXT_CHARS: usize = 4000;

fn action_problems(a: &ActionDraft, whose: &str, problems: &mut Vec<FinishProblem>) {
    let mut missing = Vec::new();
    if a.what.trim().is_empty() {
        missing.push("what was agreed");
    }
    if a.owner_person.trim().is_empty() {
        missing.push("who owns it");
    }
    if a.due_on.is_none() {
        missing.push("a due date");
    }
    if !missing.is_empty() {
        problems.push(FinishProblem {
            place: ProblemAt::Action(a.id),
            message: format!("An action {whose}needs {}", missing.join(", ")),
        });
    }
}

/// Everything that stops the meeting being finished, in the order it appears on screen. An
/// empty list means the record can be produced. A meeting needs at least two attendees (the
/// school and the local authority), a named pupil for every discussion, and every action needs
/// what, an owner and a due date.
pub fn finish_problems(
    attendees: &[Attendee],
    discussions: &[DiscussionDraft],
    general_actions: &[ActionDraft],
) -> Vec<FinishProblem> {
    let mut problems = Vec::new();
    let named = attendees
        .iter()
        .filter(|a| !a.name.trim().is_empty())
        .count();
    if named < 2 {
        problems.push(FinishProblem {
            place: ProblemAt::Attendees,
            message: "Record who attended: at least the school's and the local authority's representatives".into(),
        });
    }
    if attendees
        .iter()
        .any(|a| !a.name.trim().is_empty() && a.role.trim().is_empty())
    {
        problems.push(FinishProblem {
            place: ProblemAt::Attendees,
            message: "Give every attendee's role".into(),
        });
    }
    for d in discussions {
        if d.pupil_name.trim().is_empty() {
            problems.push(FinishProblem {
                place: ProblemAt::Discussion(d.id),
                message: "Enter the name of the pupil discussed".into(),
            });
        }
        let whose = format!("for {} ", d.pupil_name.trim());
        for a in &d.actions {
            action_problems(a, &whose, &mut problems);
        }
    }
    for a in general_actions {
        action_problems(a, "", &mut problems);
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_each_review_outcome_once_in_declaration_order() {
        for (i, o) in ReviewOutcome::ALL.into_iter().enumerate() {
            assert_eq!(o as usize, i, "{o:?}");
        }
    }

    fn action(id: i64, what: &str, person: &str, due: Option<NaiveDate>) -> ActionDraft {
        ActionDraft {
            id: TsmActionId(id),
            what: what.into(),
            owner_agency: OwnerAgency::School,
            owner_person: person.into(),
            lead_practitioner: String::new(),
            due_on: due,
        }
    }

    fn attendee(name: &str, role: &str) -> Attendee {
        Attendee {
            name: name.into(),
            role: role.into(),
            organisation: String::new(),
        }
    }

    #[test]
    fn a_complete_meeting_has_no_problems() {
        let due = NaiveDate::from_ymd_opt(2026, 12, 4);
        let d = DiscussionDraft {
            id: DiscussionId(1),
            pupil_name: "Pupil Synthetic".into(),
            actions: vec![action(1, "Home visit", "Worker Demo", due)],
        };
        let people = [
            attendee("Champion Demo", "Attendance champion"),
            attendee("Worker Demo", "Attendance officer"),
        ];
        assert_eq!(finish_problems(&people, &[d], &[]), vec![]);
    }

    #[test]
    fn each_unfinished_part_is_named_where_it_is() {
        let d = DiscussionDraft {
            id: DiscussionId(7),
            pupil_name: "Pupil Synthetic".into(),
            actions: vec![action(3, "", "", None)],
        };
        let general = [action(4, "Review cohort", "Champion Demo", None)];
        let problems = finish_problems(&[attendee("Champion Demo", "")], &[d], &general);
        let places: Vec<ProblemAt> = problems.iter().map(|p| p.place).collect();
        assert_eq!(
            places,
            vec![
                ProblemAt::Attendees,
                ProblemAt::Attendees,
                ProblemAt::Action(TsmActionId(3)),
                ProblemAt::Action(TsmActionId(4)),
            ]
        );
        assert_eq!(
            problems[2].message,
            "An action for Pupil Synthetic needs what was agreed, who owns it, a due date"
        );
        assert_eq!(problems[3].message, "An action needs a due date");
    }

    #[test]
    fn only_done_and_not_done_close_an_action() {
        assert!(ReviewOutcome::leaves_open(None));
        assert!(ReviewOutcome::leaves_open(Some(ReviewOutcome::Carried)));
        assert!(!ReviewOutcome::leaves_open(Some(ReviewOutcome::Done)));
        assert!(!ReviewOutcome::leaves_open(Some(ReviewOutcome::NotDone)));
        assert_eq!(
            ReviewOutcome::parse("not done"),
            Some(ReviewOutcome::NotDone)
        );
    }

    #[test]
    fn owner_agencies_round_trip_through_their_wire_names() {
        for a in OwnerAgency::ALL {
            assert_eq!(OwnerAgency::parse(a.as_str()), Some(*a));
        }
        assert_eq!(
            OwnerAgency::parse("Early help"),
            Some(OwnerAgency::EarlyHelp)
        );
        assert_eq!(OwnerAgency::parse("council"), None);
    }
}
