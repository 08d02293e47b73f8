//! Why an export may name pupils (issue 14): who receives it, under which lawful basis, and for
//! what. A free sentence ("x") is not a reason; each piece is checked, and a missing one is
//! named so the worker knows what to fill in.

use serde::{Deserialize, Serialize};

use crate::field::{Field, FieldErrors};

/// The lawful bases a worker may name for an identifiable export: the ones a local authority's
/// attendance service relies on when it shares pupils' details (docs/sharing.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum LawfulBasis {
    /// Education Act 1996 s.437/s.443/s.444: school attendance orders and prosecutions.
    LegalProceedings,
    /// Children Act 1989 s.17/s.47: a child in need, or significant harm.
    Safeguarding,
    /// UK GDPR Art 6(1)(e) with DPA 2018 Sch 1 paras 6 and 18: the authority's statutory duties.
    PublicTask,
    /// Education Act 1996 s.436A: children missing education, to another authority.
    ChildrenMissingEducation,
    /// An order of a court, which the export answers.
    CourtOrder,
}

impl LawfulBasis {
    pub const ALL: [LawfulBasis; 5] = [
        LawfulBasis::LegalProceedings,
        LawfulBasis::Safeguarding,
        LawfulBasis::PublicTask,
        LawfulBasis::ChildrenMissingEducation,
        LawfulBasis::CourtOrder,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LawfulBasis::LegalProceedings => "legal_proceedings",
            LawfulBasis::Safeguarding => "safeguarding",
            LawfulBasis::PublicTask => "public_task",
            LawfulBasis::CourtOrder => "court_order",
            LawfulBasis::ChildrenMissingEducation => "children_missing_education",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LawfulBasis::LegalProceedings => {
                "Education Act 1996 s.437 and s.444: attendance order or prosecution"
            }
            LawfulBasis::Safeguarding => "Children Act 1989 s.17 and s.47: safeguarding",
            LawfulBasis::PublicTask => {
                "UK GDPR Art 6(1)(e) public task, DPA 2018 Sch 1 paras 6 and 18"
            }
            LawfulBasis::ChildrenMissingEducation => {
                "Education Act 1996 s.436A: children missing education"
            }
            LawfulBasis::CourtOrder => "An order of a court",
        }
    }

    pub fn parse(value: &str) -> Option<LawfulBasis> {
        let v = value.trim().to_ascii_lowercase().replace('-', "_");
        LawfulBasis::ALL.into_iter().find(|b| b.as_str() == v)
    }
}

/// Shortest recipient accepted: "a court" is 7; "x" is not a recipient.
pub const MIN_RECIPIENT_CHARS: usize = 5;
/// Shortest purpose accepted.
pub const MIN_PURPOSE_CHARS: usize = 10;
pub const MAX_REASON_PART_CHARS: usize = 300;

/// An identifiable export's reason, checked: every piece present and sensible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisclosureReason {
    pub recipient: String,
    pub lawful_basis: LawfulBasis,
    pub purpose: String,
}

impl DisclosureReason {
    /// Checks the three pieces, each error naming what to fill in.
    pub fn validate(
        recipient: &str,
        lawful_basis: Option<LawfulBasis>,
        purpose: &str,
    ) -> Result<DisclosureReason, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut text = |field: Field, value: &str, min: usize, what: &str| -> String {
            let v = value.trim();
            let n = v.chars().filter(|c| c.is_alphanumeric()).count();
            if v.is_empty() {
                errors.push(field, format!("Enter {what}"));
            } else if n < min {
                errors.push(
                    field,
                    format!("Enter {what} in full (at least {min} letters or digits)"),
                );
            } else if v.chars().count() > MAX_REASON_PART_CHARS {
                errors.push(
                    field,
                    format!("Keep it to {MAX_REASON_PART_CHARS} characters"),
                );
            } else if v.chars().any(char::is_control) {
                errors.push(field, format!("Enter {what} on one line"));
            }
            v.to_string()
        };
        let recipient = text(
            Field::Recipient,
            recipient,
            MIN_RECIPIENT_CHARS,
            "who receives this export: their role and organisation",
        );
        let purpose = text(
            Field::Purpose,
            purpose,
            MIN_PURPOSE_CHARS,
            "what the recipient needs the names for",
        );
        if lawful_basis.is_none() {
            errors.push(
                Field::LawfulBasis,
                "Choose the lawful basis for sharing pupils' names",
            );
        }
        match lawful_basis {
            Some(lawful_basis) if errors.is_empty() => Ok(DisclosureReason {
                recipient,
                lawful_basis,
                purpose,
            }),
            _ => Err(errors),
        }
    }

    /// One line for the outbox and the summary header: "For: …; lawful basis: …; purpose: …".
    pub fn describe(&self) -> String {
        format!(
            "For: {}; lawful basis: {}; purpose: {}",
            self.recipient,
            self.lawful_basis.label(),
            self.purpose
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_of_one_letter_or_a_missing_piece_is_refused_naming_what_to_fill_in() {
        let e = DisclosureReason::validate("x", None, "x").expect_err("refused");
        let fields: Vec<Field> = e.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [Field::Recipient, Field::Purpose, Field::LawfulBasis]
        );
        let e =
            DisclosureReason::validate("  ", Some(LawfulBasis::CourtOrder), "").expect_err("blank");
        assert!(e.iter().all(|e| e.message.starts_with("Enter ")));
        let ok = DisclosureReason::validate(
            "Legal officer, Synthetic Council legal services",
            Some(LawfulBasis::LegalProceedings),
            "Prepare the s.444 prosecution file",
        )
        .expect("valid");
        assert!(ok.describe().contains("Education Act 1996 s.437"));
        for b in LawfulBasis::ALL {
            assert_eq!(LawfulBasis::parse(b.as_str()), Some(b));
        }
    }
}
