//! The passphrase that protects a caseload: its rules (a minimum length, and strength as the
//! zxcvbn estimator judges it) and its hygiene (wiped from memory when dropped, never printed).

use zeroize::Zeroizing;

/// The shortest passphrase accepted, in characters. Long enough for a memorable phrase to resist
/// guessing once Argon2id has made each guess cost about half a second.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// The least zxcvbn score (0–4) a new passphrase needs. 3 is "safely unguessable: moderate
/// protection from an offline slow-hash attack" (about 10^8 guesses or more), which is the attack
/// on a stolen laptop's key file: every guess costs an Argon2id derivation.
pub const MIN_PASSPHRASE_SCORE: u8 = 3;

/// Words anyone attacking a Caseload key file would try first, given to the estimator so a
/// passphrase built from them scores as weak as it is.
const CONTEXT_WORDS: [&str; 6] = [
    "caseload",
    "attendance",
    "school",
    "council",
    "pupil",
    "passphrase",
];

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
        self.check_strength()
    }

    /// Whether the estimator judges this passphrase hard enough to guess; if not, why, in its
    /// words (warning and suggestion), never echoing the passphrase.
    pub fn check_strength(&self) -> Result<(), NewPassphraseError> {
        let estimate = zxcvbn::zxcvbn(&self.0, &CONTEXT_WORDS);
        if u8::from(estimate.score()) >= MIN_PASSPHRASE_SCORE {
            return Ok(());
        }
        let feedback = estimate.feedback();
        let warning = feedback
            .and_then(|f| f.warning())
            .map(|w| w.to_string())
            .filter(|w| !w.is_empty());
        let suggestion = feedback
            .and_then(|f| f.suggestions().first())
            .map(|s| s.to_string())
            .filter(|s| !s.is_empty());
        Err(NewPassphraseError::TooWeak {
            why: warning.unwrap_or_else(|| "It follows a pattern that is easy to guess.".into()),
            suggestion: suggestion
                .unwrap_or_else(|| "Add another word or two. Uncommon words are better.".into()),
        })
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
    #[error(
        "This passphrase would be too easy to guess. {why} {suggestion} For example, three or four \
         unrelated words."
    )]
    TooWeak { why: String, suggestion: String },
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
    fn long_but_guessable_passphrases_are_refused_with_the_estimators_reason() {
        for weak in [
            "aaaaaaaaaaaa",
            "password1234",
            "qwertyuiop12",
            "attendance2026",
            "caseload2026",
            "passphrase12",
        ] {
            match p(weak).check_new(&p(weak)) {
                Err(e @ NewPassphraseError::TooWeak { .. }) => {
                    let message = e.to_string();
                    assert!(message.starts_with("This passphrase would be too easy to guess."));
                    assert!(!message.contains(weak), "the message echoes {weak}");
                }
                other => panic!("{weak} was not refused as weak: {other:?}"),
            }
        }
    }

    #[test]
    fn the_passphrases_the_tests_and_the_demo_use_are_strong_enough() {
        for strong in [
            "correct horse battery",
            "correct horse battery staple e2e",
            "a brand new passphrase",
            "demo-passphrase-only",
            "fixture passphrase only",
            "kitchen lamp orbit",
        ] {
            assert_eq!(p(strong).check_new(&p(strong)), Ok(()), "{strong}");
        }
    }

    #[test]
    fn debug_output_never_shows_the_passphrase() {
        assert!(!format!("{:?}", p("correct horse battery")).contains("horse"));
    }
}
