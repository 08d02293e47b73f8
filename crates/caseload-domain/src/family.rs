//! A pupil's wider record and family (docs/domain.md §8): home address, postcode and ward; flags
//! (SEN support / EHCP, FSM, CIN / CP / LAC, young carer, EAL, part-time timetable,
//! health-related absence, EBSA); key professionals; the family with its parents and carers
//! (who holds parental responsibility) and siblings, who may be at other schools.

use serde::{Deserialize, Serialize};

use crate::dates::like_a_date;
use crate::field::{Field, FieldErrors, Invalid};

const MAX_TEXT: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum PupilFlag {
    SenSupport,
    Ehcp,
    Fsm,
    Cin,
    Cp,
    Lac,
    YoungCarer,
    Eal,
    PartTimeTimetable,
    HealthRelatedAbsence,
    Ebsa,
}

/// A professional working with the pupil or family (social worker, school nurse, SENCO…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KeyProfessional {
    pub role: String,
    pub name: String,
    pub organisation: String,
    pub contact: String,
}

/// Normalises a UK postcode ("sw1a1aa" → "SW1A 1AA"), or says why it is not one.
pub fn parse_postcode(input: &str) -> Result<String, Invalid> {
    let compact: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let message = || "Enter a real UK postcode, for example AB1 2CD".to_string();
    if !(5..=7).contains(&compact.len()) || !compact.is_ascii() {
        return Err(Invalid::from(message()));
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    let inward_ok = {
        let b = inward.as_bytes();
        b[0].is_ascii_digit() && b[1].is_ascii_alphabetic() && b[2].is_ascii_alphabetic()
    };
    let outward_ok = outward.as_bytes()[0].is_ascii_alphabetic()
        && outward.bytes().all(|c| c.is_ascii_alphanumeric())
        && outward.bytes().any(|c| c.is_ascii_digit());
    if inward_ok && outward_ok {
        Ok(format!("{outward} {inward}"))
    } else {
        Err(Invalid::from(message()))
    }
}

fn optional(
    errors: &mut FieldErrors,
    field: Field,
    value: Option<&str>,
    max: usize,
) -> Option<String> {
    let value = value.map(str::trim).filter(|v| !v.is_empty())?;
    if value.chars().count() > max {
        errors.push(field, format!("Keep this to {max} characters"));
        return None;
    }
    Some(value.to_string())
}

/// The pupil's details beyond the first slice's identity fields, as typed.
#[derive(Debug, Clone, Default)]
pub struct DetailsDraft<'a> {
    pub address: Option<&'a str>,
    pub postcode: Option<&'a str>,
    pub ward: Option<&'a str>,
    pub flags: &'a [PupilFlag],
    pub key_professionals: &'a [KeyProfessional],
    /// When the part-time timetable is to be reviewed (`YYYY-MM-DD`), if the pupil is on one.
    pub part_time_review_on: Option<&'a str>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PupilDetails {
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub ward: Option<String>,
    pub flags: Vec<PupilFlag>,
    pub key_professionals: Vec<KeyProfessional>,
    /// The review date of a part-time timetable (§7: time-limited and reviewed).
    pub part_time_review_on: Option<chrono::NaiveDate>,
}

impl DetailsDraft<'_> {
    pub fn validate(&self) -> Result<PupilDetails, FieldErrors> {
        let mut errors = FieldErrors::default();
        let address = optional(&mut errors, Field::Address, self.address, MAX_TEXT);
        let postcode = match self.postcode.map(str::trim).filter(|p| !p.is_empty()) {
            None => None,
            Some(p) => errors.check(Field::Postcode, parse_postcode(p)),
        };
        let ward = optional(&mut errors, Field::Ward, self.ward, 100);
        let part_time_review_on = match self
            .part_time_review_on
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            None => None,
            Some(d) => match chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d") {
                Ok(date) if self.flags.contains(&PupilFlag::PartTimeTimetable) => Some(date),
                Ok(_) => {
                    errors.push(
                        Field::PartTimeReviewOn,
                        "A review date is for a pupil on a part-time timetable: tick that flag or clear the date",
                    );
                    None
                }
                Err(_) => {
                    errors.push(Field::PartTimeReviewOn, like_a_date("Enter a real date"));
                    None
                }
            },
        };
        let mut flags = self.flags.to_vec();
        flags.sort();
        flags.dedup();
        let mut key_professionals = Vec::new();
        for kp in self.key_professionals {
            let role = kp.role.trim();
            let name = kp.name.trim();
            if role.is_empty() || name.is_empty() {
                errors.push(
                    Field::KeyProfessionals,
                    "Give each key professional a role and a name",
                );
                break;
            }
            key_professionals.push(KeyProfessional {
                role: role.into(),
                name: name.into(),
                organisation: kp.organisation.trim().into(),
                contact: kp.contact.trim().into(),
            });
        }
        if errors.is_empty() {
            Ok(PupilDetails {
                address,
                postcode,
                ward,
                flags,
                key_professionals,
                part_time_review_on,
            })
        } else {
            Err(errors)
        }
    }
}

/// A parent or carer, as typed.
#[derive(Debug, Clone, Default)]
pub struct CarerDraft<'a> {
    pub name: &'a str,
    pub relationship: &'a str,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
    pub parental_responsibility: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carer {
    pub name: String,
    pub relationship: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub parental_responsibility: bool,
}

impl CarerDraft<'_> {
    pub fn validate(&self) -> Result<Carer, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = self.name.trim();
        if name.is_empty() {
            errors.push(Field::CarerName, "Enter the parent or carer's name");
        }
        let relationship = self.relationship.trim();
        if relationship.is_empty() {
            errors.push(
                Field::Relationship,
                "Say how they are related to the pupil, for example mother or foster carer",
            );
        }
        let phone = optional(&mut errors, Field::Phone, self.phone, 40);
        if phone
            .as_deref()
            .is_some_and(|p| !p.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c)))
        {
            errors.push(
                Field::Phone,
                "A phone number has only digits, spaces, +, ( ) and -",
            );
        }
        let email = optional(&mut errors, Field::Email, self.email, 200);
        if email
            .as_deref()
            .is_some_and(|e| !e.contains('@') || e.contains(' '))
        {
            errors.push(Field::Email, "Enter an email address like name@example.com");
        }
        if errors.is_empty() {
            Ok(Carer {
                name: name.into(),
                relationship: relationship.into(),
                phone,
                email,
                parental_responsibility: self.parental_responsibility,
            })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_are_normalised_and_checked() {
        assert_eq!(parse_postcode("sw1a1aa"), Ok("SW1A 1AA".into()));
        assert_eq!(parse_postcode(" M1 1AE "), Ok("M1 1AE".into()));
        assert!(parse_postcode("12345").is_err());
        assert!(parse_postcode("AB1 2C").is_err());
        assert!(parse_postcode("ABC DEF").is_err());
    }

    #[test]
    fn flags_are_deduplicated_and_key_professionals_need_role_and_name() {
        let d = DetailsDraft {
            flags: &[PupilFlag::Fsm, PupilFlag::Ehcp, PupilFlag::Fsm],
            ..Default::default()
        }
        .validate()
        .expect("valid");
        assert_eq!(d.flags, vec![PupilFlag::Ehcp, PupilFlag::Fsm]);
        let kp = [KeyProfessional {
            role: "Social worker".into(),
            name: " ".into(),
            organisation: String::new(),
            contact: String::new(),
        }];
        assert!(
            DetailsDraft {
                key_professionals: &kp,
                ..Default::default()
            }
            .validate()
            .is_err()
        );
    }

    #[test]
    fn a_carer_needs_a_name_and_relationship_and_plausible_contact_details() {
        let e = CarerDraft {
            phone: Some("call me"),
            email: Some("nope"),
            ..Default::default()
        }
        .validate()
        .expect_err("invalid");
        let fields: Vec<Field> = e.iter().map(|x| x.field).collect();
        assert_eq!(
            fields,
            vec![
                Field::CarerName,
                Field::Relationship,
                Field::Phone,
                Field::Email
            ]
        );
        let ok = CarerDraft {
            name: "Parent Demo",
            relationship: "Mother",
            phone: Some("+44 (0)7700 900123"),
            email: Some("parent@example.com"),
            parental_responsibility: true,
        }
        .validate()
        .expect("valid");
        assert!(ok.parental_responsibility);
    }
}
