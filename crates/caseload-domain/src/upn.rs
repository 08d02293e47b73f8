//! Unique Pupil Numbers (docs/domain.md §3): 13 characters with a check letter, validated on entry.

use serde::{Deserialize, Serialize};

/// The 23 letters used for check letters and temporary-UPN final letters (no I, O, S).
const ALPHABET: &[u8; 23] = b"ABCDEFGHJKLMNPQRTUVWXYZ";

/// A UPN whose format and check letter are valid. Stored upper-case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Upn(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpnError {
    #[error("Enter the UPN: 13 characters, for example B801200005001")]
    Empty,
    #[error("A UPN has 13 characters; this one has {found}")]
    WrongLength { found: usize },
    #[error(
        "A UPN is a letter then 12 digits (a temporary UPN ends in a letter); check character {position}"
    )]
    BadCharacter { position: usize },
    #[error(
        "The UPN's check letter should be {expected}, not {found}: check the UPN has been copied correctly"
    )]
    WrongCheckLetter { expected: char, found: char },
}

fn letter_value(c: u8) -> Option<usize> {
    ALPHABET.iter().position(|&a| a == c)
}

/// The check letter for the 12 characters after it (positions 2–13), per docs/domain.md §3.
/// `None` when a character cannot appear there.
pub fn check_letter(rest: &[u8]) -> Option<char> {
    if rest.len() != 12 {
        return None;
    }
    let mut sum = 0usize;
    for (i, &c) in rest.iter().enumerate() {
        let weight = i + 2;
        let value = if c.is_ascii_digit() {
            usize::from(c - b'0')
        } else if i == 11 {
            letter_value(c)?
        } else {
            return None;
        };
        sum += value * weight;
    }
    Some(char::from(ALPHABET[sum % 23]))
}

impl Upn {
    /// Parses a UPN as typed: surrounding spaces are ignored and letters may be lower-case.
    pub fn parse(input: &str) -> Result<Self, UpnError> {
        let upn = input.trim().to_ascii_uppercase();
        if upn.is_empty() {
            return Err(UpnError::Empty);
        }
        let bytes = upn.as_bytes();
        if bytes.len() != 13 || !upn.is_ascii() {
            return Err(UpnError::WrongLength {
                found: upn.chars().count(),
            });
        }
        if letter_value(bytes[0]).is_none() {
            return Err(UpnError::BadCharacter { position: 1 });
        }
        for (i, &c) in bytes[1..12].iter().enumerate() {
            if !c.is_ascii_digit() {
                return Err(UpnError::BadCharacter { position: i + 2 });
            }
        }
        if !bytes[12].is_ascii_digit() && letter_value(bytes[12]).is_none() {
            return Err(UpnError::BadCharacter { position: 13 });
        }
        let expected = check_letter(&bytes[1..]).ok_or(UpnError::BadCharacter { position: 13 })?;
        let found = char::from(bytes[0]);
        if expected != found {
            return Err(UpnError::WrongCheckLetter { expected, found });
        }
        Ok(Upn(upn))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True for a temporary UPN (final character a letter).
    pub fn is_temporary(&self) -> bool {
        self.0.as_bytes()[12].is_ascii_alphabetic()
    }
}

impl TryFrom<String> for Upn {
    type Error = UpnError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Upn::parse(&value)
    }
}

impl From<Upn> for String {
    fn from(value: Upn) -> Self {
        value.0
    }
}

impl std::fmt::Display for Upn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_briefs_valid_examples_are_accepted() {
        assert_eq!(
            Upn::parse("B801200005001").map(|u| u.0),
            Ok("B801200005001".into())
        );
        assert_eq!(
            Upn::parse("P207000016049").map(|u| u.0),
            Ok("P207000016049".into())
        );
    }

    #[test]
    fn a_wrong_check_letter_is_refused_and_the_right_one_named() {
        assert_eq!(
            Upn::parse("A801200005001"),
            Err(UpnError::WrongCheckLetter {
                expected: 'B',
                found: 'A'
            })
        );
    }

    #[test]
    fn lower_case_and_surrounding_spaces_are_normalised() {
        assert_eq!(
            Upn::parse("  b801200005001 ").map(|u| u.0),
            Ok("B801200005001".into())
        );
    }

    #[test]
    fn wrong_lengths_and_characters_say_what_is_wrong() {
        assert_eq!(Upn::parse(""), Err(UpnError::Empty));
        assert_eq!(
            Upn::parse("B80120000500"),
            Err(UpnError::WrongLength { found: 12 })
        );
        assert_eq!(
            Upn::parse("B8012000X5001"),
            Err(UpnError::BadCharacter { position: 9 })
        );
        assert_eq!(
            Upn::parse("I801200005001"),
            Err(UpnError::BadCharacter { position: 1 })
        );
        assert_eq!(
            Upn::parse("B80120000500S"),
            Err(UpnError::BadCharacter { position: 13 })
        );
    }

    #[test]
    fn a_temporary_upn_counts_its_final_letter_by_alphabet_position() {
        // Positions 2..12 digits "80120000500", final letter 'A' (value 0):
        // 8*2 + 1*4 + 2*5 + 5*10 = 80; 80 mod 23 = 11 -> 'M'.
        let upn = Upn::parse("M80120000500A").expect("valid temporary UPN");
        assert!(upn.is_temporary());
        // 'B' has value 1 at position 13: 80 + 13 = 93; 93 mod 23 = 1 -> 'B'.
        assert!(Upn::parse("B80120000500B").is_ok());
    }

    proptest! {
        #[test]
        fn every_twelve_digit_body_has_exactly_one_valid_check_letter(body in "[0-9]{12}") {
            let valid: Vec<char> = ALPHABET
                .iter()
                .map(|&l| char::from(l))
                .filter(|l| Upn::parse(&format!("{l}{body}")).is_ok())
                .collect();
            prop_assert_eq!(valid.len(), 1);
        }

        #[test]
        fn changing_one_digit_breaks_the_check_letter(body in "[0-9]{12}", pos in 0usize..12, delta in 1u8..10) {
            let letter = check_letter(body.as_bytes()).expect("digits only");
            let mut changed = body.into_bytes();
            changed[pos] = b'0' + (changed[pos] - b'0' + delta) % 10;
            let changed = String::from_utf8(changed).expect("ascii");
            // Weights 2..13 are all coprime to 23, so a single changed digit always changes the sum mod 23.
            let candidate = format!("{letter}{changed}");
            prop_assert!(Upn::parse(&candidate).is_err());
        }
    }
}
