//! The TSM record handed to the school at the end of the meeting (docs/domain.md §8): plain,
//! display-ready values, so every renderer (PDF, DOCX, screen) shows the same thing. It names
//! pupils by name and year group only: the school needs no UPN, date of birth or address.

use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TsmRecord {
    pub school_name: String,
    pub school_urn: String,
    /// e.g. "Autumn term 2026".
    pub term: String,
    pub meeting_date: NaiveDate,
    /// False while the meeting is still being recorded: the record is marked as a draft.
    pub finished: bool,
    pub attendees: Vec<RecordAttendee>,
    /// The school's data as it stood for the meeting.
    pub snapshot: RecordSnapshot,
    pub pupils: Vec<RecordPupil>,
    /// Actions agreed for the school as a whole, not for one pupil.
    pub general_actions: Vec<RecordAction>,
    /// Open actions from earlier meetings, with what this meeting found of each.
    pub carried_forward: Vec<RecordCarried>,
    pub produced_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordAttendee {
    pub name: String,
    pub role: String,
    pub organisation: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RecordSnapshot {
    pub pupils: u32,
    pub persistent_absence: u32,
    pub severe_absence: u32,
    pub severe_without_plan: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordPupil {
    pub name: String,
    /// e.g. "Year 9"; empty if not known.
    pub year_group: String,
    /// e.g. "84.2%"; empty if no attendance figure.
    pub attendance: String,
    /// e.g. "81-90"; empty if no attendance figure.
    pub band: String,
    /// Barrier labels, e.g. "Health", "SEMH / EBSA".
    pub barriers: Vec<String>,
    /// "Yes", "No" or "Not known".
    pub existing_plan: String,
    pub notes: String,
    pub actions: Vec<RecordAction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordAction {
    pub what: String,
    /// The agency's label, e.g. "Early help".
    pub owner_agency: String,
    pub owner_person: String,
    pub lead_practitioner: String,
    pub due_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordCarried {
    pub action: RecordAction,
    /// The pupil it was agreed for, if any.
    pub pupil: String,
    pub agreed_on: NaiveDate,
    /// "Done", "Not done", "Carried forward", or "Not yet reviewed".
    pub status: String,
    pub status_on: Option<NaiveDate>,
}

impl TsmRecord {
    /// Every action in the record, in the order it appears: pupils' actions, then the
    /// school's, then those carried forward.
    pub fn all_actions(&self) -> impl Iterator<Item = &RecordAction> {
        self.pupils
            .iter()
            .flat_map(|p| p.actions.iter())
            .chain(self.general_actions.iter())
            .chain(self.carried_forward.iter().map(|c| &c.action))
    }

    /// A synthetic record for renderer tests and previews: every section filled, with
    /// characters that need escaping in XML and PDF strings.
    pub fn sample() -> TsmRecord {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).expect("date");
        let action = |what: &str, agency: &str, person: &str, due| RecordAction {
            what: what.into(),
            owner_agency: agency.into(),
            owner_person: person.into(),
            lead_practitioner: "Lead Demo".into(),
            due_on: Some(due),
        };
        TsmRecord {
            school_name: "Synthetic Primary & Nursery <Demo>".into(),
            school_urn: "100001".into(),
            term: "Autumn term 2026".into(),
            meeting_date: d(11, 23),
            finished: true,
            attendees: vec![
                RecordAttendee {
                    name: "Champion Demo".into(),
                    role: "Senior attendance champion".into(),
                    organisation: "School".into(),
                },
                RecordAttendee {
                    name: "Worker Demo".into(),
                    role: "Attendance officer".into(),
                    organisation: "Local authority".into(),
                },
            ],
            snapshot: RecordSnapshot {
                pupils: 12,
                persistent_absence: 5,
                severe_absence: 2,
                severe_without_plan: 1,
            },
            pupils: vec![RecordPupil {
                name: "Pupil Synthetic-Óne".into(),
                year_group: "Year 4".into(),
                attendance: "48.5%".into(),
                band: "41-50".into(),
                barriers: vec!["Health".into(), "Transport".into()],
                existing_plan: "No".into(),
                notes: "Mum says \"mornings are hard\"; bus pass expired.\nSecond line of notes."
                    .into(),
                actions: vec![action(
                    "Renew bus pass (£0 cost)",
                    "Local authority attendance team",
                    "Worker Demo",
                    d(12, 4),
                )],
            }],
            general_actions: vec![action(
                "Send Year 4 cohort list",
                "School",
                "Champion Demo",
                d(12, 11),
            )],
            carried_forward: vec![RecordCarried {
                action: action(
                    "Early help assessment",
                    "Early help",
                    "Officer Demo",
                    d(10, 1),
                ),
                pupil: "Pupil Synthetic-Two".into(),
                agreed_on: d(7, 10),
                status: "Carried forward".into(),
                status_on: Some(d(11, 23)),
            }],
            produced_on: d(11, 23),
        }
    }
}
