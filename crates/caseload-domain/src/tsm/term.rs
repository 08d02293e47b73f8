//! School terms (docs/domain.md §2: a TSM is held with each school termly). A term is named by its
//! season and the calendar year it falls in: autumn runs September–December, spring
//! January–March, summer April–August. The boundaries are by month, not by each school's own
//! term dates, so a meeting always belongs to exactly one term.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::field::Invalid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Season {
    Spring,
    Summer,
    Autumn,
}

/// A term: `2026-autumn`, `2027-spring`, `2027-summer` make up the academic year 2026 to 2027.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Term {
    pub year: i32,
    pub season: Season,
}

impl Season {
    pub fn as_str(self) -> &'static str {
        match self {
            Season::Spring => "spring",
            Season::Summer => "summer",
            Season::Autumn => "autumn",
        }
    }

    fn months(self) -> (u32, u32) {
        match self {
            Season::Spring => (1, 3),
            Season::Summer => (4, 8),
            Season::Autumn => (9, 12),
        }
    }
}

impl Term {
    pub fn containing(date: NaiveDate) -> Term {
        let season = match date.month() {
            1..=3 => Season::Spring,
            4..=8 => Season::Summer,
            _ => Season::Autumn,
        };
        Term {
            year: date.year(),
            season,
        }
    }

    /// The first and last day of the term.
    pub fn dates(self) -> (NaiveDate, NaiveDate) {
        let (first, last) = self.season.months();
        let start = NaiveDate::from_ymd_opt(self.year, first, 1).expect("valid month start");
        let next = if last == 12 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, last + 1, 1)
        }
        .expect("valid month start");
        (start, next.pred_opt().expect("not the first day of time"))
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        let (start, end) = self.dates();
        (start..=end).contains(&date)
    }

    pub fn previous(self) -> Term {
        match self.season {
            Season::Spring => Term {
                year: self.year - 1,
                season: Season::Autumn,
            },
            Season::Summer => Term {
                year: self.year,
                season: Season::Spring,
            },
            Season::Autumn => Term {
                year: self.year,
                season: Season::Summer,
            },
        }
    }

    /// The stored and typed form: `2026-autumn`.
    pub fn key(self) -> String {
        format!("{}-{}", self.year, self.season.as_str())
    }

    /// How a worker says it: "Autumn term 2026".
    pub fn label(self) -> String {
        let season = self.season.as_str();
        let mut chars = season.chars();
        let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or(' ');
        format!("{first}{} term {}", chars.as_str(), self.year)
    }

    /// Accepts `2026-autumn` and `autumn 2026` (any case).
    pub fn parse(value: &str) -> Result<Term, Invalid> {
        let lower = value.trim().to_ascii_lowercase();
        let parts: Vec<&str> = lower
            .split(|c: char| c == '-' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .collect();
        let season_of = |s: &str| {
            [Season::Spring, Season::Summer, Season::Autumn]
                .into_iter()
                .find(|x| x.as_str() == s)
        };
        let found = match parts.as_slice() {
            [a, b] => match (a.parse::<i32>(), b.parse::<i32>()) {
                (Ok(year), Err(_)) => season_of(b).map(|season| Term { year, season }),
                (Err(_), Ok(year)) => season_of(a).map(|season| Term { year, season }),
                _ => None,
            },
            _ => None,
        };
        found
            .filter(|t| (2000..=2100).contains(&t.year))
            .ok_or_else(|| {
                Invalid::from(format!(
                    "Enter the term as a year and a season, like 2026-autumn (not \"{}\")",
                    value.trim()
                ))
            })
    }
}

impl std::fmt::Display for Term {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn every_date_belongs_to_the_term_its_month_falls_in() {
        assert_eq!(Term::containing(d(2026, 11, 23)).key(), "2026-autumn");
        assert_eq!(Term::containing(d(2027, 1, 4)).key(), "2027-spring");
        assert_eq!(Term::containing(d(2027, 3, 31)).key(), "2027-spring");
        assert_eq!(Term::containing(d(2027, 4, 1)).key(), "2027-summer");
        assert_eq!(Term::containing(d(2027, 8, 31)).key(), "2027-summer");
        assert_eq!(Term::containing(d(2027, 9, 1)).key(), "2027-autumn");
    }

    #[test]
    fn a_terms_dates_contain_exactly_its_days() {
        let autumn = Term::parse("2026-autumn").expect("term");
        assert_eq!(autumn.dates(), (d(2026, 9, 1), d(2026, 12, 31)));
        assert!(autumn.contains(d(2026, 12, 31)) && !autumn.contains(d(2027, 1, 1)));
        assert_eq!(
            Term::parse("spring 2028").expect("term").dates().1,
            d(2028, 3, 31)
        );
    }

    #[test]
    fn the_term_before_autumn_is_summer_and_before_spring_is_last_autumn() {
        let spring = Term::parse("2027-spring").expect("term");
        assert_eq!(spring.previous().key(), "2026-autumn");
        assert_eq!(spring.previous().previous().key(), "2026-summer");
        assert_eq!(spring.previous().previous().previous().key(), "2026-spring");
    }

    #[test]
    fn terms_parse_in_either_order_and_reject_nonsense() {
        assert_eq!(
            Term::parse(" Autumn 2026 ").expect("term").label(),
            "Autumn term 2026"
        );
        for bad in [
            "",
            "2026",
            "autumn",
            "2026-winter",
            "1900-spring",
            "2026-autumn-x",
        ] {
            assert!(Term::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
