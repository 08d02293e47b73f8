//! The passphrase that protects a caseload: its one rule (a minimum length) and its hygiene
//! (wiped from memory when dropped, never printed).

use zeroize::Zeroizing;

/// The shortest passphrase accepted, in characters. Long enough for a memorable phrase to resist
/// guessing once Argon2id has made each guess cost about half a second.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// A passphrase as typed. Its bytes are zeroed on drop and `Debug` never shows them.
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    pub fn new(value: String) -> Self {
        Passphrase(Zeroizing::new(value))
    }

    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    pub fn char_count(&self) -> usize {
        self.0.chars().count()
    }

    /// Checks a new passphrase and its confirmation; the messages say what to do.
    pub fn check_new(&self, confirm: &Passphrase) -> Result<(), NewPassphraseError> {
        if self.char_count() < MIN_PASSPHRASE_CHARS {
            return Err(NewPassphraseError::TooShort {
                min: MIN_PASSPHRASE_CHARS,
            });
        }
        if self.as_bytes() != confirm.as_bytes() {
            return Err(NewPassphraseError::Mismatch);
        }
        Ok(())
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(<hidden>)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NewPassphraseError {
    #[error("Use a passphrase of at least {min} characters, for example three or four words")]
    TooShort { min: usize },
    #[error("The two passphrases do not match: type the same passphrase twice")]
    Mismatch,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Passphrase {
        Passphrase::new(s.to_string())
    }

    #[test]
    fn a_short_passphrase_is_refused_with_the_minimum() {
        assert_eq!(
            p("short").check_new(&p("short")),
            Err(NewPassphraseError::TooShort { min: 12 })
        );
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let eleven_chars = "ééééééééééé";
        assert!(eleven_chars.len() >= 12);
        assert_eq!(
            p(eleven_chars).check_new(&p(eleven_chars)),
            Err(NewPassphraseError::TooShort { min: 12 })
        );
    }

    #[test]
    fn mismatched_confirmation_is_refused() {
        assert_eq!(
            p("correct horse battery").check_new(&p("correct horse battery!")),
            Err(NewPassphraseError::Mismatch)
        );
        assert_eq!(
            p("correct horse battery").check_new(&p("correct horse battery")),
            Ok(())
        );
    }

    #[test]
    fn debug_output_never_shows_the_passphrase() {
        assert!(!format!("{:?}", p("correct horse battery")).contains("horse"));
    }
}
