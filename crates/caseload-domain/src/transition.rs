//! A transition as the worker asks for it (what, on which date, and the details some need),
//! validated before the store records it. The lifecycle rules themselves are in `case`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::TransitionKind;
use crate::dates::like_a_date;
use crate::field::{Field, FieldErrors, Invalid};

const MAX_NOTE_CHARS: usize = 2000;

/// A team a case can be allocated to. Councils configure their own; the first two are the
/// ones the case funnel reports on (docs/domain.md §9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Team {
    pub id: crate::TeamId,
    pub name: String,
}

pub const AFSW_TEAM: &str = "afsw";
pub const TASKFORCE_TEAM: &str = "taskforce";

pub fn default_teams() -> Vec<Team> {
    vec![
        Team {
            id: AFSW_TEAM.into(),
            name: "Attendance and family support workers".into(),
        },
        Team {
            id: TASKFORCE_TEAM.into(),
            name: "Attendance taskforce".into(),
        },
    ]
}

#[derive(Debug, Clone, Default)]
pub struct TransitionDraft<'a> {
    pub on_date: &'a str,
    pub team: Option<&'a str>,
    pub worker: Option<&'a str>,
    pub note: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub kind: TransitionKind,
    pub on_date: NaiveDate,
    pub team: Option<String>,
    pub worker: Option<String>,
    pub note: Option<String>,
}

fn non_empty(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// Parses a date the worker gave for something that has happened: real and not in the future.
pub fn parse_past_date(input: &str, today: NaiveDate, what: &str) -> Result<NaiveDate, Invalid> {
    let input = input.trim();
    if input.is_empty() {
        return Err(Invalid::from(format!("Enter the date {what}")));
    }
    let date = NaiveDate::parse_from_str(input, "%Y-%m-%d")
        .map_err(|_| like_a_date(&format!("The date {what} must be a real date")))?;
    if date > today {
        return Err(Invalid::from(format!(
            "The date {what} cannot be in the future"
        )));
    }
    Ok(date)
}

impl TransitionDraft<'_> {
    /// Checks the fields `kind` needs. `last_event_on` keeps a case's history in date order.
    pub fn validate(
        &self,
        kind: TransitionKind,
        today: NaiveDate,
        last_event_on: Option<NaiveDate>,
        teams: &[Team],
    ) -> Result<Transition, FieldErrors> {
        let mut errors = FieldErrors::default();
        let on_date = errors.check(
            Field::OnDate,
            parse_past_date(self.on_date, today, "this happened"),
        );
        if let (Some(date), Some(last)) = (on_date, last_event_on)
            && date < last
        {
            errors.push(
                Field::OnDate,
                format!(
                    "The case's last step was on {}: this date cannot be earlier",
                    crate::dates::long_date(last)
                ),
            );
        }
        let team = non_empty(self.team);
        let worker = non_empty(self.worker);
        let note = non_empty(self.note);
        if kind == TransitionKind::Allocate {
            match team {
                None => errors.push(Field::Team, "Choose the team the case is allocated to"),
                Some(t) if !teams.iter().any(|known| known.id.as_str() == t) => {
                    errors.push(Field::Team, "Choose one of the teams in Settings")
                }
                Some(_) => {}
            }
            if worker.is_none() {
                errors.push(Field::Worker, "Enter the name of the allocated worker");
            }
        }
        let needs_reason = matches!(
            kind,
            TransitionKind::Decline
                | TransitionKind::FamilyDeclined
                | TransitionKind::Close
                | TransitionKind::Reopen
        );
        if needs_reason && note.is_none() {
            errors.push(Field::Note, "Give the reason");
        }
        if note.is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS) {
            errors.push(
                Field::Note,
                format!("Keep the note to {MAX_NOTE_CHARS} characters"),
            );
        }
        match on_date {
            Some(on_date) if errors.is_empty() => Ok(Transition {
                kind,
                on_date,
                team: (kind == TransitionKind::Allocate)
                    .then(|| team.map(String::from))
                    .flatten(),
                worker: (kind == TransitionKind::Allocate)
                    .then(|| worker.map(String::from))
                    .flatten(),
                note: note.map(String::from),
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
    }

    fn fields(e: &FieldErrors) -> Vec<Field> {
        e.iter().map(|x| x.field).collect()
    }

    #[test]
    fn allocation_needs_a_configured_team_and_a_worker() {
        let draft = TransitionDraft {
            on_date: "2026-11-20",
            team: Some("nope"),
            worker: None,
            note: None,
        };
        let e = draft
            .validate(TransitionKind::Allocate, today(), None, &default_teams())
            .expect_err("invalid");
        assert_eq!(fields(&e), vec![Field::Team, Field::Worker]);
        let ok = TransitionDraft {
            on_date: "2026-11-20",
            team: Some("afsw"),
            worker: Some(" A. Worker "),
            note: None,
        }
        .validate(TransitionKind::Allocate, today(), None, &default_teams())
        .expect("valid");
        assert_eq!(ok.worker.as_deref(), Some("A. Worker"));
    }

    #[test]
    fn closing_declining_and_reopening_need_a_reason() {
        for kind in [
            TransitionKind::Close,
            TransitionKind::Decline,
            TransitionKind::FamilyDeclined,
            TransitionKind::Reopen,
        ] {
            let e = TransitionDraft {
                on_date: "2026-11-20",
                ..Default::default()
            }
            .validate(kind, today(), None, &[])
            .expect_err("no reason");
            assert_eq!(fields(&e), vec![Field::Note]);
        }
    }

    #[test]
    fn a_transition_cannot_be_dated_in_the_future_or_before_the_last_step() {
        let future = TransitionDraft {
            on_date: "2026-11-24",
            ..Default::default()
        };
        assert!(
            future
                .validate(TransitionKind::Accept, today(), None, &[])
                .is_err()
        );
        let early = TransitionDraft {
            on_date: "2026-11-01",
            ..Default::default()
        };
        let last = NaiveDate::from_ymd_opt(2026, 11, 2);
        let refused = early
            .validate(TransitionKind::Accept, today(), last, &[])
            .expect_err("before the last step");
        assert_eq!(
            refused
                .iter()
                .map(|e| e.message.as_str())
                .collect::<Vec<_>>(),
            vec!["The case's last step was on 2 November 2026: this date cannot be earlier"]
        );
        assert!(
            early
                .validate(
                    TransitionKind::Accept,
                    today(),
                    NaiveDate::from_ymd_opt(2026, 11, 1),
                    &[]
                )
                .is_ok()
        );
    }

    #[test]
    fn team_and_worker_are_kept_only_for_allocations() {
        let t = TransitionDraft {
            on_date: "2026-11-20",
            team: Some("afsw"),
            worker: Some("W"),
            note: None,
        }
        .validate(TransitionKind::Accept, today(), None, &default_teams())
        .expect("valid");
        assert_eq!((t.team, t.worker), (None, None));
    }
}
