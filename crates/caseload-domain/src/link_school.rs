//! A link school (docs/domain.md §2, §8): a school the worker is the named attendance link for, with
//! its senior attendance champion and designated safeguarding lead, who attend its Targeting
//! Support Meetings.

use crate::family::CarerDraft;
use crate::field::{Field, FieldErrors};
use crate::pupil::{SchoolName, Urn};
use crate::school::SchoolPhase;

/// A school contact as typed (name required; phone and email checked for shape).
#[derive(Debug, Clone, Default)]
pub struct ContactDraft<'a> {
    pub name: &'a str,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct LinkSchoolDraft<'a> {
    pub urn: &'a str,
    pub name: &'a str,
    pub phase: &'a str,
    pub attendance_champion: ContactDraft<'a>,
    pub dsl: ContactDraft<'a>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSchool {
    pub urn: Urn,
    pub name: SchoolName,
    pub phase: SchoolPhase,
    pub attendance_champion: Option<Contact>,
    pub dsl: Option<Contact>,
}

/// A contact is optional as a whole; if any part is given, the name is required. Phone and
/// email follow the same rules as a parent's.
fn contact(errors: &mut FieldErrors, field: Field, draft: &ContactDraft<'_>) -> Option<Contact> {
    let blank = |v: Option<&str>| v.is_none_or(|v| v.trim().is_empty());
    if draft.name.trim().is_empty() && blank(draft.phone) && blank(draft.email) {
        return None;
    }
    let carer = CarerDraft {
        name: draft.name,
        relationship: "contact",
        phone: draft.phone,
        email: draft.email,
        parental_responsibility: false,
    };
    match carer.validate() {
        Ok(c) => Some(Contact {
            name: c.name,
            phone: c.phone,
            email: c.email,
        }),
        Err(e) => {
            for problem in e.iter() {
                let message = if problem.field == Field::CarerName {
                    "Enter the contact's name".to_string()
                } else {
                    problem.message.clone()
                };
                errors.push(field, message);
            }
            None
        }
    }
}

impl LinkSchoolDraft<'_> {
    pub fn validate(&self) -> Result<LinkSchool, FieldErrors> {
        let mut errors = FieldErrors::default();
        let urn = errors.check(Field::SchoolUrn, Urn::parse(self.urn));
        let name = errors.check(Field::SchoolName, SchoolName::parse(self.name));
        let phase = errors.check(Field::SchoolPhase, SchoolPhase::parse(self.phase));
        let attendance_champion = contact(
            &mut errors,
            Field::AttendanceChampion,
            &self.attendance_champion,
        );
        let dsl = contact(&mut errors, Field::Dsl, &self.dsl);
        match (urn, name, phase) {
            (Some(urn), Some(name), Some(phase)) if errors.is_empty() => Ok(LinkSchool {
                urn,
                name,
                phase,
                attendance_champion,
                dsl,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_school_needs_urn_name_and_phase_and_its_contacts_are_optional() {
        let school = LinkSchoolDraft {
            urn: "100000",
            name: "Testschool Synthetic",
            phase: "primary",
            ..Default::default()
        }
        .validate()
        .expect("valid");
        assert_eq!((school.attendance_champion, school.dsl), (None, None));
        let e = LinkSchoolDraft::default().validate().expect_err("empty");
        let fields: Vec<Field> = e.iter().map(|x| x.field).collect();
        assert_eq!(
            fields,
            vec![Field::SchoolUrn, Field::SchoolName, Field::SchoolPhase]
        );
    }

    #[test]
    fn a_contact_given_in_part_needs_a_name_and_well_formed_details() {
        let draft = LinkSchoolDraft {
            urn: "100000",
            name: "Testschool Synthetic",
            phase: "secondary",
            attendance_champion: ContactDraft {
                name: "",
                phone: Some("01632 960000"),
                email: None,
            },
            dsl: ContactDraft {
                name: "Dsl Demo",
                phone: None,
                email: Some("not-an-email"),
            },
        };
        let e = draft.validate().expect_err("invalid");
        let fields: Vec<Field> = e.iter().map(|x| x.field).collect();
        assert_eq!(fields, vec![Field::AttendanceChampion, Field::Dsl]);
    }
}
