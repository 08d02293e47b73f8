//! The attendance codes (docs/domain.md §4) as versioned data: each code table has the date it
//! takes effect, and a code is looked up in the table in force on the mark's date. Codes have
//! changed before (`H`, `Y` and `J` were retired in August 2024) and will again, so a new
//! table is a new entry in [`CODE_TABLES`], never an edit of a `match` arm. An unknown code is
//! an error for the caller to report, never a silent zero.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How a session mark counts (§4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum CodeCategory {
    Present,
    /// Approved educational activity: counts as attending.
    ApprovedActivity,
    AuthorisedAbsence,
    UnauthorisedAbsence,
    /// Not a possible session: left out of every count.
    NotPossible,
}

impl CodeCategory {
    /// Counts as attending (present or approved educational activity).
    pub fn attends(self) -> bool {
        matches!(self, CodeCategory::Present | CodeCategory::ApprovedActivity)
    }

    pub fn is_possible(self) -> bool {
        self != CodeCategory::NotPossible
    }
}

/// One code of a table: the code as registers show it, what it means, how it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeDef {
    pub code: &'static str,
    pub meaning: &'static str,
    pub category: CodeCategory,
}

/// A table of codes and the date it takes effect.
#[derive(Debug, Clone, Copy)]
pub struct CodeTable {
    pub name: &'static str,
    pub effective_from: NaiveDate,
    pub codes: &'static [CodeDef],
}

use CodeCategory::{
    ApprovedActivity as A, AuthorisedAbsence as Auth, NotPossible as X, Present as P,
    UnauthorisedAbsence as U,
};

const fn c(code: &'static str, meaning: &'static str, category: CodeCategory) -> CodeDef {
    CodeDef {
        code,
        meaning,
        category,
    }
}

/// The codes in force from 19 August 2024 (§4).
const CODES_2024: &[CodeDef] = &[
    c("/", "Present (AM)", P),
    c("\\", "Present (PM)", P),
    c("L", "Late, before the register closed", P),
    c(
        "K",
        "Attending education provision arranged by the local authority",
        A,
    ),
    c("V", "Educational visit or trip", A),
    c("P", "Approved sporting activity", A),
    c("W", "Work experience", A),
    c(
        "B",
        "Other approved supervised off-site educational activity",
        A,
    ),
    c(
        "C1",
        "Leave: regulated performance or employment abroad",
        Auth,
    ),
    c("M", "Leave: medical or dental appointment", Auth),
    c("J1", "Leave: interview", Auth),
    c("S", "Leave: study leave", Auth),
    c("C2", "Leave: part-time timetable", Auth),
    c("C", "Leave: exceptional circumstances", Auth),
    c("T", "Traveller travelling", Auth),
    c("R", "Religious observance", Auth),
    c("I", "Illness", Auth),
    c(
        "E",
        "Suspended or permanently excluded, no alternative provision",
        Auth,
    ),
    c("G", "Holiday not granted", U),
    c("N", "Reason not yet provided", U),
    c("O", "Absent in other or unknown circumstances", U),
    c("U", "Arrived after the register closed", U),
    c(
        "Q",
        "Unable to attend: local authority has not made access arrangements",
        X,
    ),
    c("Y1", "Unable to attend: transport", X),
    c("Y2", "Unable to attend: widespread disruption", X),
    c("Y3", "Unable to attend: part of the school closed", X),
    c("Y4", "Unable to attend: whole school closed", X),
    c("Y5", "Unable to attend: in custody", X),
    c("Y6", "Unable to attend: public-health law", X),
    c("Y7", "Unable to attend: other exceptional circumstances", X),
    c(
        "X",
        "Not of compulsory school age, not required to attend",
        X,
    ),
    c("Z", "Prospective pupil not yet on roll", X),
    c("#", "Planned whole or partial school closure", X),
    c("D", "Dual registered, attending the other school", X),
];

/// Every code table, oldest first. Add a table here when the codes change.
pub const CODE_TABLES: &[CodeTable] = &[CodeTable {
    name: "School attendance codes from 19 August 2024",
    effective_from: match NaiveDate::from_ymd_opt(2024, 8, 19) {
        Some(d) => d,
        None => panic!("valid date"),
    },
    codes: CODES_2024,
}];

/// The codes marks the illness rule counts (§5.7).
pub const ILLNESS_CODE: &str = "I";

impl CodeTable {
    /// The table in force on `date`: the latest whose effective date is on or before it; the
    /// earliest table for dates before any (registers before 2024 are read with today's codes,
    /// so a retired code such as `H` is reported as unknown rather than guessed).
    pub fn in_force_on(date: NaiveDate) -> &'static CodeTable {
        CODE_TABLES
            .iter()
            .rev()
            .find(|t| t.effective_from <= date)
            .unwrap_or(&CODE_TABLES[0])
    }

    /// Looks a code up as registers write it: surrounding spaces ignored, letters in any case.
    pub fn lookup(&self, code: &str) -> Option<&'static CodeDef> {
        let code = code.trim();
        self.codes
            .iter()
            .find(|d| d.code.eq_ignore_ascii_case(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(y: i32, m: u32, d: u32) -> &'static CodeTable {
        CodeTable::in_force_on(NaiveDate::from_ymd_opt(y, m, d).expect("date"))
    }

    #[test]
    fn every_code_of_the_2024_table_counts_as_the_brief_says() {
        let t = on(2026, 11, 23);
        let category = |code| t.lookup(code).map(|d| d.category);
        for code in ["/", "\\", "L"] {
            assert_eq!(category(code), Some(CodeCategory::Present), "{code}");
        }
        for code in ["K", "V", "P", "W", "B"] {
            assert_eq!(
                category(code),
                Some(CodeCategory::ApprovedActivity),
                "{code}"
            );
        }
        for code in ["C1", "M", "J1", "S", "C2", "C", "T", "R", "I", "E"] {
            assert_eq!(
                category(code),
                Some(CodeCategory::AuthorisedAbsence),
                "{code}"
            );
        }
        for code in ["G", "N", "O", "U"] {
            assert_eq!(
                category(code),
                Some(CodeCategory::UnauthorisedAbsence),
                "{code}"
            );
        }
        for code in [
            "Q", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "X", "Z", "#", "D",
        ] {
            assert_eq!(category(code), Some(CodeCategory::NotPossible), "{code}");
        }
        assert_eq!(t.codes.len(), 34);
    }

    #[test]
    fn retired_and_made_up_codes_are_unknown() {
        let t = on(2026, 1, 5);
        for code in ["H", "Y", "J", "F", "", "C3", "Y8", "//"] {
            assert!(t.lookup(code).is_none(), "{code:?} should be unknown");
        }
    }

    #[test]
    fn codes_are_read_in_any_case_with_spaces_around() {
        let t = on(2025, 3, 3);
        assert_eq!(t.lookup(" c2 ").map(|d| d.code), Some("C2"));
        assert_eq!(t.lookup("y7").map(|d| d.code), Some("Y7"));
    }

    #[test]
    fn the_table_in_force_is_chosen_by_the_marks_date() {
        assert_eq!(on(2024, 8, 19).effective_from.to_string(), "2024-08-19");
        assert_eq!(on(2030, 1, 1).name, CODE_TABLES[CODE_TABLES.len() - 1].name);
        assert_eq!(on(2020, 1, 1).name, CODE_TABLES[0].name);
    }
}
