//! What keeps personal data out of a default export: a stable pseudonymous identifier for each
//! pupil (HMAC-SHA-256 of the UPN under a random key held only inside the encrypted caseload,
//! so it cannot be reversed by trying every UPN), and a scrubber that removes every personal
//! name the caseload holds from free text (a worker may type a name into an action).

use caseload_store::{Store, Writer, settings};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::AppError;

const KEY_SETTING: &str = "pseudonym_key";

/// HMAC-SHA-256 (RFC 2104) with a 32-byte key.
fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut block = Zeroizing::new([0u8; BLOCK]);
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| Zeroizing::new(block.map(|b| b ^ byte));
    let inner = Sha256::new()
        .chain_update(pad(0x36).as_slice())
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(pad(0x5c).as_slice())
        .chain_update(inner)
        .finalize()
        .into()
}

/// Turns UPNs into pseudonymous identifiers, the same for the same pupil in every export.
pub(crate) struct Pseudonymiser {
    /// Key material: zeroed when dropped, as is every copy made of it here.
    key: Zeroizing<Vec<u8>>,
}

impl Pseudonymiser {
    /// The caseload's key, made on first use.
    pub(crate) fn load_or_create(store: &mut Store) -> Result<Pseudonymiser, AppError> {
        if let Some(hex_key) = settings::get::<String>(&store.read(), KEY_SETTING)?
            && let Ok(key) = hex::decode(Zeroizing::new(hex_key).as_str())
        {
            return Ok(Pseudonymiser {
                key: Zeroizing::new(key),
            });
        }
        let mut key = Zeroizing::new(vec![0u8; 32]);
        getrandom::fill(&mut key).map_err(|e| AppError::Storage {
            message: format!("The operating system's random number generator failed: {e}"),
        })?;
        store.write(caseload_store::Action::SettingsUpdate, |w: &Writer<'_>| {
            w.audit_entity("settings", KEY_SETTING);
            w.audit_detail("pseudonymisation key created");
            settings::set(w, KEY_SETTING, &*Zeroizing::new(hex::encode(&*key)))
        })?;
        Ok(Pseudonymiser { key })
    }

    #[cfg(test)]
    fn with_key(key: &[u8]) -> Pseudonymiser {
        Pseudonymiser {
            key: Zeroizing::new(key.to_vec()),
        }
    }

    /// `P-` and 12 upper-case hex digits (48 bits: no clash in any one authority's pupils).
    pub(crate) fn id(&self, upn: &str) -> String {
        let mac = hmac_sha256(&self.key, upn.trim().to_ascii_uppercase().as_bytes());
        format!("P-{}", hex::encode_upper(&mac[..6]))
    }
}

/// Removes personal names from free text: every whole word of every name the caseload holds
/// (two letters or more), matched without regard to case.
pub(crate) struct Scrubber {
    words: Vec<String>,
    /// Whole names, lower-cased, for the final check.
    names: Vec<String>,
}

pub(crate) const REMOVED: &str = "[name removed]";

fn name_words(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 2)
}

impl Scrubber {
    pub(crate) fn new(names: &[String]) -> Scrubber {
        let mut words: Vec<String> = names.iter().flat_map(|n| name_words(n)).collect();
        words.sort();
        words.dedup();
        let names = names
            .iter()
            .map(|n| n.trim().to_lowercase())
            .filter(|n| n.chars().count() >= 3)
            .collect();
        Scrubber { words, names }
    }

    pub(crate) fn scrub(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            if !word.is_empty() {
                let key = word.to_lowercase();
                if self.words.binary_search(&key).is_ok() {
                    out.push_str(REMOVED);
                } else {
                    out.push_str(word);
                }
                word.clear();
            }
        };
        for c in text.chars() {
            if c.is_alphanumeric() {
                word.push(c);
            } else {
                flush(&mut word, &mut out);
                out.push(c);
            }
        }
        flush(&mut word, &mut out);
        out
    }

    /// Whether any whole name appears in `bytes`, case-insensitively: the final check on a
    /// pseudonymised summary (run on its JSON, which holds every cell of every format).
    pub(crate) fn found_in(&self, bytes: &[u8]) -> bool {
        let lower = String::from_utf8_lossy(bytes).to_lowercase();
        self.names.iter().any(|w| {
            lower.match_indices(w.as_str()).any(|(i, _)| {
                let before = lower[..i].chars().next_back();
                let after = lower[i + w.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_the_rfc_4231_test_vector() {
        let mac = hmac_sha256(&[0x0b; 20], b"Hi There");
        assert_eq!(
            hex::encode(mac),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
    }

    #[test]
    fn a_pupil_has_one_pseudonym_per_caseload_key_and_none_reveals_the_upn() {
        let a = Pseudonymiser::with_key(&[1; 32]);
        let b = Pseudonymiser::with_key(&[2; 32]);
        assert_eq!(a.id("B801200005001"), a.id("b801200005001 "));
        assert_ne!(a.id("B801200005001"), a.id("P207000016049"));
        assert_ne!(a.id("B801200005001"), b.id("B801200005001"));
        assert_eq!(a.id("B801200005001").len(), 14);
        assert!(!a.id("B801200005001").contains("801200005001"));
    }

    #[test]
    fn names_are_scrubbed_from_free_text_as_whole_words_only() {
        let s = Scrubber::new(&["Fixturepupil Alpha-Synthetic".into(), "Al".into()]);
        assert_eq!(
            s.scrub("Call FIXTUREPUPIL's carer; alphabet soup, alpha. Al"),
            format!("Call {REMOVED}'s carer; alphabet soup, {REMOVED}. {REMOVED}")
        );
        assert!(s.found_in(b"x,fixturepupil ALPHA-synthetic,y"));
        assert!(!s.found_in(b"Alpha-Synthetics, and Al"));
    }
}
