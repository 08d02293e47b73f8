//! The chronology of a case (docs/domain.md §8): every contact, dated, with who was involved, what
//! happened, the outcome and the next step. Inspectors and courts read it, so entries are never
//! edited: a correction is a new entry that points at the one it corrects.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::dates::like_a_date_and_time;
use crate::field::{Field, FieldErrors};

const MAX_TEXT_CHARS: usize = 4000;
const MAX_WHO_CHARS: usize = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ContactKind {
    HomeVisit,
    PhoneCall,
    Letter,
    SchoolMeeting,
    TsmDiscussion,
    Other,
}

impl ContactKind {
    pub const ALL: &'static [ContactKind] = &[
        ContactKind::HomeVisit,
        ContactKind::PhoneCall,
        ContactKind::Letter,
        ContactKind::SchoolMeeting,
        ContactKind::TsmDiscussion,
        ContactKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ContactKind::HomeVisit => "home_visit",
            ContactKind::PhoneCall => "phone_call",
            ContactKind::Letter => "letter",
            ContactKind::SchoolMeeting => "school_meeting",
            ContactKind::TsmDiscussion => "tsm_discussion",
            ContactKind::Other => "other",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        let v = value.trim().replace('-', "_");
        Self::ALL.iter().copied().find(|k| k.as_str() == v)
    }

    /// How the kind is written for people (records, evidence bundles).
    pub fn label(self) -> &'static str {
        match self {
            ContactKind::HomeVisit => "Home visit",
            ContactKind::PhoneCall => "Phone call",
            ContactKind::Letter => "Letter",
            ContactKind::SchoolMeeting => "School meeting",
            ContactKind::TsmDiscussion => "Targeting Support Meeting discussion",
            ContactKind::Other => "Other",
        }
    }
}

/// An entry as typed. `occurred_at` is local (Europe/London) time, `YYYY-MM-DDTHH:MM` or
/// `YYYY-MM-DD HH:MM`.
#[derive(Debug, Clone, Default)]
pub struct EntryDraft<'a> {
    pub occurred_at: &'a str,
    pub who: &'a str,
    pub what: &'a str,
    pub outcome: Option<&'a str>,
    pub next_step: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: ContactKind,
    pub occurred_at: NaiveDateTime,
    pub who: String,
    pub what: String,
    pub outcome: Option<String>,
    pub next_step: Option<String>,
}

pub fn parse_local_time(input: &str) -> Option<NaiveDateTime> {
    let input = input.trim();
    ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(input, f).ok())
}

/// The date part of what was typed (before the `T` or space), when it is a real date.
fn typed_date(input: &str) -> Option<NaiveDate> {
    let date = input.trim().split(['T', ' ']).next()?;
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

fn text(
    errors: &mut FieldErrors,
    field: Field,
    value: &str,
    max: usize,
    empty: Option<&str>,
) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        if let Some(message) = empty {
            errors.push(field, message);
        }
        return None;
    }
    if value.chars().count() > max {
        errors.push(field, format!("Keep this to {max} characters"));
        return None;
    }
    Some(value.to_string())
}

impl EntryDraft<'_> {
    /// `now` is the worker's local time: an entry cannot be dated in the future.
    pub fn validate(&self, kind: ContactKind, now: NaiveDateTime) -> Result<Entry, FieldErrors> {
        let mut errors = FieldErrors::default();
        let occurred_at = match parse_local_time(self.occurred_at) {
            None if typed_date(self.occurred_at).is_some() => {
                errors.push(
                    Field::OccurredTime,
                    "Enter the time on the 24-hour clock, for example 14:30",
                );
                None
            }
            None => {
                errors.push(
                    Field::OccurredAt,
                    like_a_date_and_time("Enter when it happened as a real date and time"),
                );
                None
            }
            // Today, but later than now: the time is what is wrong.
            Some(at) if at > now && at.date() == now.date() => {
                errors.push(
                    Field::OccurredTime,
                    format!(
                        "A chronology entry cannot be in the future: enter a time no later than now ({})",
                        now.format("%H:%M")
                    ),
                );
                None
            }
            Some(at) if at > now => {
                errors.push(
                    Field::OccurredAt,
                    "A chronology entry cannot be in the future",
                );
                None
            }
            Some(at) => Some(at),
        };
        let who = text(
            &mut errors,
            Field::Who,
            self.who,
            MAX_WHO_CHARS,
            Some("Say who was involved"),
        );
        let what = text(
            &mut errors,
            Field::What,
            self.what,
            MAX_TEXT_CHARS,
            Some("Say what happened"),
        );
        let outcome = text(
            &mut errors,
            Field::Outcome,
            self.outcome.unwrap_or(""),
            MAX_TEXT_CHARS,
            None,
        );
        let next_step = text(
            &mut errors,
            Field::NextStep,
            self.next_step.unwrap_or(""),
            MAX_TEXT_CHARS,
            None,
        );
        match (occurred_at, who, what) {
            (Some(occurred_at), Some(who), Some(what)) if errors.is_empty() => Ok(Entry {
                kind,
                occurred_at,
                who,
                what,
                outcome,
                next_step,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        parse_local_time("2026-11-23T10:00").expect("time")
    }

    #[test]
    fn an_entry_needs_when_who_and_what() {
        let e = EntryDraft::default()
            .validate(ContactKind::HomeVisit, now())
            .expect_err("empty");
        let fields: Vec<Field> = e.iter().map(|x| x.field).collect();
        assert_eq!(fields, vec![Field::OccurredAt, Field::Who, Field::What]);
    }

    #[test]
    fn an_entry_cannot_be_in_the_future_but_can_be_now() {
        let future = EntryDraft {
            occurred_at: "2026-11-23 10:01",
            who: "Parent",
            what: "Call",
            ..Default::default()
        };
        assert!(future.validate(ContactKind::PhoneCall, now()).is_err());
        let present = EntryDraft {
            occurred_at: "2026-11-23T10:00",
            who: "Parent",
            what: "Call",
            ..Default::default()
        };
        assert!(present.validate(ContactKind::PhoneCall, now()).is_ok());
    }

    fn field_of(occurred_at: &str) -> Vec<Field> {
        let draft = EntryDraft {
            occurred_at,
            who: "Parent",
            what: "Call",
            ..Default::default()
        };
        draft
            .validate(ContactKind::PhoneCall, now())
            .expect_err("refused")
            .iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_later_time_today_is_the_time_at_fault_and_a_later_day_the_date() {
        assert_eq!(field_of("2026-11-23T10:05"), vec![Field::OccurredTime]);
        assert_eq!(field_of("2026-11-24T09:00"), vec![Field::OccurredAt]);
        assert_eq!(field_of("2026-11-22T25:00"), vec![Field::OccurredTime]);
        assert_eq!(field_of("2026-11-22T"), vec![Field::OccurredTime]);
        assert_eq!(field_of("2026-02-30T09:00"), vec![Field::OccurredAt]);
        assert_eq!(field_of(""), vec![Field::OccurredAt]);
    }

    #[test]
    fn optional_text_that_is_blank_is_absent() {
        let e = EntryDraft {
            occurred_at: "2026-11-20 09:15",
            who: " Parent ",
            what: "Visit",
            outcome: Some("  "),
            next_step: Some("Review"),
        }
        .validate(ContactKind::HomeVisit, now())
        .expect("valid");
        assert_eq!(
            (e.who.as_str(), e.outcome, e.next_step.as_deref()),
            ("Parent", None, Some("Review"))
        );
    }

    #[test]
    fn contact_kinds_parse_with_hyphens_or_underscores() {
        assert_eq!(
            ContactKind::parse("home-visit"),
            Some(ContactKind::HomeVisit)
        );
        assert_eq!(
            ContactKind::parse("tsm_discussion"),
            Some(ContactKind::TsmDiscussion)
        );
        assert_eq!(ContactKind::parse("telepathy"), None);
    }
}
