//! Session marks (docs/domain.md §4–§5): one mark per pupil, date and session, with the code the
//! register recorded. The computations of §5 over a pupil's marks are in [`super::summary`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::codes::{CodeCategory, CodeDef, CodeTable};

/// Half a school day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Session {
    #[serde(rename = "AM")]
    Am,
    #[serde(rename = "PM")]
    Pm,
}

impl Session {
    pub fn as_str(self) -> &'static str {
        match self {
            Session::Am => "AM",
            Session::Pm => "PM",
        }
    }

    /// `AM` or `PM`, in any case, spaces around ignored.
    pub fn parse(value: &str) -> Option<Session> {
        match value.trim().to_ascii_uppercase().as_str() {
            "AM" => Some(Session::Am),
            "PM" => Some(Session::Pm),
            _ => None,
        }
    }
}

/// One session's mark, its code already found in the table in force on its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionMark {
    pub date: NaiveDate,
    pub session: Session,
    pub code: &'static CodeDef,
}

impl SessionMark {
    /// A mark from a code as typed; `None` when the code is not in the table in force that day.
    pub fn new(date: NaiveDate, session: Session, code: &str) -> Option<SessionMark> {
        CodeTable::in_force_on(date)
            .lookup(code)
            .map(|code| SessionMark {
                date,
                session,
                code,
            })
    }

    pub fn category(&self) -> CodeCategory {
        self.code.category
    }
}
