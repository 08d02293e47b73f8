//! A pupil as a case worker records them (docs/domain.md §8, the fields of the first slice), and the
//! validation that turns what was typed into values that are known to be right.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::dates::like_a_date;
use crate::field::{Field, FieldErrors, Invalid};
use crate::school::SchoolPhase;
use crate::upn::Upn;

/// The oldest pupil a caseload holds: young people with an EHCP can be supported up to 25.
const MAX_AGE_YEARS: i32 = 25;
const MAX_NAME_CHARS: usize = 100;
const MAX_SCHOOL_NAME_CHARS: usize = 200;

/// A person's name: trimmed, non-empty, no control characters, at most 100 characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(input: &str, what: &str) -> Result<Self, Invalid> {
        let name = input.trim();
        if name.is_empty() {
            return Err(Invalid::from(format!("Enter the pupil's {what}")));
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(Invalid::from(format!(
                "The {what} must be {MAX_NAME_CHARS} characters or fewer"
            )));
        }
        if name.chars().any(char::is_control) {
            return Err(Invalid::from(format!(
                "The {what} must not contain tabs or line breaks"
            )));
        }
        Ok(PersonName(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A school's Unique Reference Number: exactly 6 digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Urn(String);

impl Urn {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let urn = input.trim();
        if urn.is_empty() {
            return Err(Invalid::from(
                "Enter the school's URN: 6 digits, for example 100000",
            ));
        }
        if urn.len() != 6 || !urn.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Invalid::from(
                "A school URN is 6 digits, for example 100000",
            ));
        }
        Ok(Urn(urn.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A school's name: trimmed, non-empty, at most 200 characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SchoolName(String);

impl SchoolName {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let name = input.trim();
        if name.is_empty() {
            return Err(Invalid::from("Enter the school's name"));
        }
        if name.chars().count() > MAX_SCHOOL_NAME_CHARS || name.chars().any(char::is_control) {
            return Err(Invalid::from(format!(
                "The school name must be {MAX_SCHOOL_NAME_CHARS} characters or fewer, on one line"
            )));
        }
        Ok(SchoolName(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// National Curriculum year group: 0 is Reception, up to 14 (post-16 and special schools).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct YearGroup(u8);

impl YearGroup {
    pub const MAX: u8 = 14;

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let message = || {
            format!(
                "Year group must be a whole number from 0 (Reception) to {}",
                Self::MAX
            )
        };
        let n: u8 = input.trim().parse().map_err(|_| message())?;
        if n > Self::MAX {
            return Err(Invalid::from(message()));
        }
        Ok(YearGroup(n))
    }

    pub fn new(n: u8) -> Option<Self> {
        (n <= Self::MAX).then_some(YearGroup(n))
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

/// Parses a date of birth typed as `YYYY-MM-DD`: real, not in the future, within 25 years.
pub fn parse_date_of_birth(input: &str, today: NaiveDate) -> Result<NaiveDate, Invalid> {
    let input = input.trim();
    if input.is_empty() {
        return Err(Invalid::from("Enter the pupil's date of birth"));
    }
    let date = NaiveDate::parse_from_str(input, "%Y-%m-%d")
        .map_err(|_| like_a_date("Date of birth must be a real date"))?;
    if date > today {
        return Err(Invalid::from("Date of birth must be in the past"));
    }
    let oldest = today
        .with_year(today.year() - MAX_AGE_YEARS)
        .unwrap_or(today);
    if date < oldest {
        return Err(Invalid::from(format!(
            "Date of birth must be within the last {MAX_AGE_YEARS} years: check the year"
        )));
    }
    Ok(date)
}

/// What the worker typed for a pupil, before validation.
#[derive(Debug, Clone, Default)]
pub struct PupilDraft<'a> {
    pub legal_name: &'a str,
    pub preferred_name: Option<&'a str>,
    pub date_of_birth: &'a str,
    pub upn: &'a str,
    pub school_urn: &'a str,
    pub school_name: &'a str,
    /// Optional: `None` or blank means not recorded.
    pub school_phase: Option<&'a str>,
    pub year_group: &'a str,
}

/// A pupil whose every field is valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pupil {
    pub legal_name: PersonName,
    pub preferred_name: Option<PersonName>,
    pub date_of_birth: NaiveDate,
    pub upn: Upn,
    pub school_urn: Urn,
    pub school_name: SchoolName,
    pub school_phase: Option<SchoolPhase>,
    pub year_group: YearGroup,
}

impl PupilDraft<'_> {
    /// Validates every field, reporting all problems at once. `today` is the worker's local date.
    pub fn validate(&self, today: NaiveDate) -> Result<Pupil, FieldErrors> {
        let mut errors = FieldErrors::default();
        let legal_name = errors.check(
            Field::LegalName,
            PersonName::parse(self.legal_name, "legal name"),
        );
        let preferred_name = match self.preferred_name.map(str::trim).filter(|s| !s.is_empty()) {
            None => Some(None),
            Some(name) => errors
                .check(
                    Field::PreferredName,
                    PersonName::parse(name, "preferred name"),
                )
                .map(Some),
        };
        let date_of_birth = errors.check(
            Field::DateOfBirth,
            parse_date_of_birth(self.date_of_birth, today),
        );
        let upn = errors.check(Field::Upn, Upn::parse(self.upn));
        let school_urn = errors.check(Field::SchoolUrn, Urn::parse(self.school_urn));
        let school_name = errors.check(Field::SchoolName, SchoolName::parse(self.school_name));
        let school_phase = match self.school_phase.map(str::trim).filter(|s| !s.is_empty()) {
            None => Some(None),
            Some(phase) => errors
                .check(Field::SchoolPhase, SchoolPhase::parse(phase))
                .map(Some),
        };
        let year_group = errors.check(Field::YearGroup, YearGroup::parse(self.year_group));
        match (
            legal_name,
            preferred_name,
            date_of_birth,
            upn,
            school_urn,
            school_name,
            school_phase,
            year_group,
        ) {
            (
                Some(legal_name),
                Some(preferred_name),
                Some(date_of_birth),
                Some(upn),
                Some(school_urn),
                Some(school_name),
                Some(school_phase),
                Some(year_group),
            ) if errors.is_empty() => Ok(Pupil {
                legal_name,
                preferred_name,
                date_of_birth,
                upn,
                school_urn,
                school_name,
                school_phase,
                year_group,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
    }

    fn draft() -> PupilDraft<'static> {
        PupilDraft {
            legal_name: "Testpupil Zebedee-Quux",
            preferred_name: Some("Zeb"),
            date_of_birth: "2014-03-27",
            upn: "B801200005001",
            school_urn: "100000",
            school_name: "Synthetic Primary School",
            school_phase: Some("primary"),
            year_group: "7",
        }
    }

    fn fields(errors: &FieldErrors) -> Vec<Field> {
        errors.iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_complete_draft_becomes_a_pupil_with_trimmed_values() {
        let mut d = draft();
        d.legal_name = "  Testpupil Zebedee-Quux ";
        let pupil = d.validate(today()).expect("valid");
        assert_eq!(pupil.legal_name.as_str(), "Testpupil Zebedee-Quux");
        assert_eq!(pupil.year_group.get(), 7);
    }

    #[test]
    fn an_empty_preferred_name_is_no_preferred_name() {
        let mut d = draft();
        d.preferred_name = Some("   ");
        assert_eq!(d.validate(today()).expect("valid").preferred_name, None);
    }

    #[test]
    fn every_invalid_field_is_reported_at_once() {
        let d = PupilDraft {
            legal_name: " ",
            preferred_name: None,
            date_of_birth: "2030-01-01",
            upn: "A801200005001",
            school_urn: "12345",
            school_name: "",
            school_phase: Some("nursery"),
            year_group: "15",
        };
        let errors = d.validate(today()).expect_err("invalid");
        assert_eq!(
            fields(&errors),
            vec![
                Field::LegalName,
                Field::DateOfBirth,
                Field::Upn,
                Field::SchoolUrn,
                Field::SchoolName,
                Field::SchoolPhase,
                Field::YearGroup
            ]
        );
    }

    #[test]
    fn a_future_date_of_birth_is_refused_but_today_is_allowed() {
        assert_eq!(
            parse_date_of_birth("2026-11-24", today()),
            Err("Date of birth must be in the past".into())
        );
        assert_eq!(parse_date_of_birth("2026-11-23", today()), Ok(today()));
    }

    #[test]
    fn impossible_and_ancient_dates_of_birth_are_refused() {
        assert!(parse_date_of_birth("2014-02-30", today()).is_err());
        assert!(parse_date_of_birth("27/03/2014", today()).is_err());
        assert!(parse_date_of_birth("1990-01-01", today()).is_err());
        assert!(parse_date_of_birth("2001-11-23", today()).is_ok());
    }

    #[test]
    fn year_group_runs_from_reception_to_fourteen() {
        assert_eq!(YearGroup::parse("0").map(YearGroup::get), Ok(0));
        assert_eq!(YearGroup::parse(" 14 ").map(YearGroup::get), Ok(14));
        assert!(YearGroup::parse("15").is_err());
        assert!(YearGroup::parse("-1").is_err());
        assert!(YearGroup::parse("seven").is_err());
    }

    #[test]
    fn a_urn_is_exactly_six_digits() {
        assert!(Urn::parse("100000").is_ok());
        assert!(Urn::parse("10000").is_err());
        assert!(Urn::parse("10000a").is_err());
    }

    #[test]
    fn names_with_line_breaks_or_over_100_characters_are_refused() {
        assert!(PersonName::parse("Line\nBreak", "legal name").is_err());
        assert!(PersonName::parse(&"x".repeat(101), "legal name").is_err());
        assert!(PersonName::parse(&"x".repeat(100), "legal name").is_ok());
    }
}
