//! The register extract an evidence bundle prints (docs/domain.md §6): a pupil's marks week by
//! week, Monday morning to Friday afternoon (and the weekend, if the school marked one), as the
//! register recorded them, then a key of every code used with what it means. Nothing is counted
//! here; the figures beside it come from `summary` and `academic_year`.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::codes::CodeDef;
use super::marks::{Session, SessionMark};
use super::weekly::week_start;

/// One week of the register: the code of each session, Monday AM first (index `2 * day +
/// session`, Monday = day 0, Sunday = day 6). `None` where no mark was recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterWeek {
    pub week_start: NaiveDate,
    pub sessions: [Option<&'static str>; 14],
}

impl RegisterWeek {
    /// Whether a Saturday or Sunday session carries a mark.
    pub fn has_weekend(&self) -> bool {
        self.sessions[10..].iter().any(Option::is_some)
    }
}

/// The register extract: every week with a mark, earliest first, and the codes used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterExtract {
    pub weeks: Vec<RegisterWeek>,
    /// Each code that appears, once, sorted by code.
    pub key: Vec<&'static CodeDef>,
}

impl RegisterExtract {
    pub fn has_weekend(&self) -> bool {
        self.weeks.iter().any(RegisterWeek::has_weekend)
    }
}

/// The extract of one pupil's marks (in any order).
pub fn register_extract(marks: &[SessionMark]) -> RegisterExtract {
    let mut weeks: BTreeMap<NaiveDate, [Option<&'static str>; 14]> = BTreeMap::new();
    let mut key: BTreeMap<&'static str, &'static CodeDef> = BTreeMap::new();
    for m in marks {
        let day = m.date.weekday().num_days_from_monday() as usize;
        let half = match m.session {
            Session::Am => 0,
            Session::Pm => 1,
        };
        weeks.entry(week_start(m.date)).or_insert([None; 14])[2 * day + half] = Some(m.code.code);
        key.insert(m.code.code, m.code);
    }
    RegisterExtract {
        weeks: weeks
            .into_iter()
            .map(|(week_start, sessions)| RegisterWeek {
                week_start,
                sessions,
            })
            .collect(),
        key: key.into_values().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(y: i32, m: u32, d: u32, session: Session, code: &str) -> SessionMark {
        let date = NaiveDate::from_ymd_opt(y, m, d).expect("date");
        SessionMark::new(date, session, code).expect("code")
    }

    #[test]
    fn marks_fall_into_their_week_and_session_and_every_code_used_is_keyed_once() {
        let marks = vec![
            mark(2026, 11, 6, Session::Pm, "O"),
            mark(2026, 11, 2, Session::Am, "/"),
            mark(2026, 11, 2, Session::Pm, "\\"),
            mark(2026, 11, 9, Session::Am, "O"),
        ];
        let x = register_extract(&marks);
        assert_eq!(x.weeks.len(), 2);
        assert_eq!(
            x.weeks[0].week_start,
            NaiveDate::from_ymd_opt(2026, 11, 2).expect("date")
        );
        assert_eq!(x.weeks[0].sessions[0], Some("/"));
        assert_eq!(x.weeks[0].sessions[1], Some("\\"));
        assert_eq!(x.weeks[0].sessions[9], Some("O"), "Friday PM");
        assert_eq!(x.weeks[1].sessions[0], Some("O"));
        let codes: Vec<&str> = x.key.iter().map(|c| c.code).collect();
        assert_eq!(codes, vec!["/", "O", "\\"]);
        assert!(x.key.iter().all(|c| !c.meaning.is_empty()));
        assert!(!x.has_weekend());
    }

    #[test]
    fn a_weekend_mark_is_kept_not_dropped() {
        let x = register_extract(&[mark(2026, 11, 7, Session::Am, "/")]);
        assert_eq!(x.weeks[0].sessions[10], Some("/"));
        assert!(x.has_weekend());
    }
}
