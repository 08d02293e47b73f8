//! Key hierarchy: a random 256-bit database key, wrapped (XChaCha20-Poly1305) under a key
//! derived from the passphrase with Argon2id. Changing the passphrase re-wraps the same database
//! key, so the data is never re-encrypted. Keys are zeroed when dropped.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};
use zeroize::Zeroizing;

use crate::error::StoreError;
use crate::key_bounds;
use caseload_domain::Passphrase;

pub const KEY_BYTES: usize = 32;
pub(crate) const SALT_BYTES: usize = 16;
pub(crate) const NONCE_BYTES: usize = 24;
/// Binds the wrapped key to its purpose and format version.
const WRAP_AAD: &[u8] = b"caseload database key v1";

/// Argon2id cost parameters, stored beside the wrapped key so a later build can still unwrap it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub m_cost_kib: u32,
    pub t_cost: u32,
    pub p_cost: u32,
}

impl KdfParams {
    /// Memory cost used in production: 64 MiB defeats cheap GPU guessing.
    pub const PRODUCTION_MEMORY_KIB: u32 = 64 * 1024;
    /// The time one unlock should take on the machine that created the caseload.
    pub const TARGET: Duration = Duration::from_millis(500);
    /// The fewest passes calibration picks.
    pub const MIN_CALIBRATED_PASSES: u32 = 2;
    /// The most passes calibration picks, and the most a key file may ask for: one constant,
    /// so every key file Caseload writes is one it will read.
    pub const MAX_PASSES: u32 = 20;
    /// The least memory a key file may ask for: Argon2's own floor of 8 KiB a lane, which the
    /// cheap test parameters use. The bounds guard against a key file that exhausts the
    /// machine, not a weak one: whoever can write the key file can replace it outright.
    pub const MIN_MEMORY_KIB: u32 = 8;
    /// The most memory a key file may ask for: 1 GiB, sixteen times what Caseload writes.
    pub const MAX_MEMORY_KIB: u32 = 1024 * 1024;
    /// The most lanes (threads) a key file may ask for; Caseload writes 1.
    pub const MAX_LANES: u32 = 16;

    /// Cheap parameters for tests only: never for a real caseload.
    pub const fn insecure_for_tests() -> Self {
        KdfParams {
            m_cost_kib: 8,
            t_cost: 1,
            p_cost: 1,
        }
    }

    /// Measures this machine and picks the pass count that makes one derivation take about
    /// [`Self::TARGET`] at 64 MiB (at least 2 passes, at most [`Self::MAX_PASSES`]). Timing one pass and three
    /// separates the fixed cost (allocating and filling 64 MiB) from the cost of each pass.
    pub fn calibrated() -> Result<Self, StoreError> {
        let time = |t_cost| -> Result<f64, StoreError> {
            let params = KdfParams {
                m_cost_kib: Self::PRODUCTION_MEMORY_KIB,
                t_cost,
                p_cost: 1,
            };
            let started = Instant::now();
            derive_wrapping_key(
                &Passphrase::new("calibration".into()),
                &[0u8; SALT_BYTES],
                params,
            )?;
            Ok(started.elapsed().as_secs_f64())
        };
        let one = time(1)?;
        let three = time(3)?;
        let per_pass = ((three - one) / 2.0).max(0.001);
        let fixed = (one - per_pass).max(0.0);
        let passes = ((Self::TARGET.as_secs_f64() - fixed) / per_pass)
            .round()
            .max(0.0) as u32;
        Ok(KdfParams {
            m_cost_kib: Self::PRODUCTION_MEMORY_KIB,
            t_cost: passes.clamp(Self::MIN_CALIBRATED_PASSES, Self::MAX_PASSES),
            p_cost: 1,
        })
    }
}

/// The database key in memory: zeroed on drop.
pub struct DatabaseKey(Zeroizing<[u8; KEY_BYTES]>);

impl DatabaseKey {
    pub fn generate() -> Result<Self, StoreError> {
        let mut key = Zeroizing::new([0u8; KEY_BYTES]);
        getrandom::fill(key.as_mut()).map_err(|e| StoreError::Random(e.to_string()))?;
        Ok(DatabaseKey(key))
    }

    /// The SQLCipher statement that keys a connection with this raw key:
    /// `PRAGMA key = "x'<64 hex digits>'";` (a raw key: no PBKDF2 inside SQLCipher).
    pub(crate) fn sqlcipher_key_statement(&self) -> Zeroizing<String> {
        self.pragma_statement("key")
    }

    /// The SQLCipher statement that re-encrypts an open database under this raw key:
    /// `PRAGMA rekey = "x'<64 hex digits>'";`.
    pub(crate) fn sqlcipher_rekey_statement(&self) -> Zeroizing<String> {
        self.pragma_statement("rekey")
    }

    /// Whether two keys are the same, in time that does not depend on where they differ.
    pub(crate) fn same_as(&self, other: &DatabaseKey) -> bool {
        self.0
            .iter()
            .zip(other.0.iter())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
    }

    /// Built in one buffer allocated at its final size and zeroed on drop: a `format!` or a
    /// `hex::encode` would leave copies of the key in freed memory (an intermediate string, or
    /// the old buffer of a string that grew).
    fn pragma_statement(&self, pragma: &str) -> Zeroizing<String> {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        const TAIL: &str = "'\";";
        let head_len = "PRAGMA ".len() + pragma.len() + " = \"x'".len();
        let mut statement =
            Zeroizing::new(String::with_capacity(head_len + 2 * KEY_BYTES + TAIL.len()));
        statement.push_str("PRAGMA ");
        statement.push_str(pragma);
        statement.push_str(" = \"x'");
        for byte in self.0.iter() {
            statement.push(char::from(HEX[usize::from(byte >> 4)]));
            statement.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
        statement.push_str(TAIL);
        statement
    }
}

/// The database key wrapped under the passphrase, as stored in the key file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrappedKey {
    pub format: u32,
    pub kdf: String,
    pub params: KdfParams,
    pub salt: String,
    pub nonce: String,
    pub ciphertext: String,
}

fn random_bytes<const N: usize>() -> Result<[u8; N], StoreError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Random(e.to_string()))?;
    Ok(bytes)
}

fn derive_wrapping_key(
    passphrase: &Passphrase,
    salt: &[u8],
    params: KdfParams,
) -> Result<Zeroizing<[u8; KEY_BYTES]>, StoreError> {
    let argon_params = Params::new(
        params.m_cost_kib,
        params.t_cost,
        params.p_cost,
        Some(KEY_BYTES),
    )
    .map_err(|e| StoreError::Kdf(e.to_string()))?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params);
    let mut out = Zeroizing::new([0u8; KEY_BYTES]);
    argon
        .hash_password_into(passphrase.as_bytes(), salt, out.as_mut())
        .map_err(|e| StoreError::Kdf(e.to_string()))?;
    Ok(out)
}

impl WrappedKey {
    pub const FORMAT: u32 = 1;

    /// Wraps `key` under `passphrase` with a fresh salt and nonce.
    pub fn wrap(
        key: &DatabaseKey,
        passphrase: &Passphrase,
        params: KdfParams,
    ) -> Result<Self, StoreError> {
        key_bounds::check_params(params)?;
        let salt: [u8; SALT_BYTES] = random_bytes()?;
        let nonce: [u8; NONCE_BYTES] = random_bytes()?;
        let wrapping = derive_wrapping_key(passphrase, &salt, params)?;
        let cipher = XChaCha20Poly1305::new(wrapping.as_ref().into());
        let ciphertext = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: key.0.as_ref(),
                    aad: WRAP_AAD,
                },
            )
            .map_err(|_| StoreError::Kdf("key wrapping failed".into()))?;
        Ok(WrappedKey {
            format: Self::FORMAT,
            kdf: "argon2id".into(),
            params,
            salt: hex::encode(salt),
            nonce: hex::encode(nonce),
            ciphertext: hex::encode(ciphertext),
        })
    }

    /// Unwraps the database key. A wrong passphrase fails authentication and yields
    /// [`StoreError::WrongPassphrase`]; nothing is written either way.
    ///
    /// The key file is checked first (`key_bounds`): parameters out of bounds, or a
    /// salt or nonce of the wrong length, are refused with [`StoreError::KeyFileInvalid`]
    /// before any derivation, so a tampered key file cannot exhaust memory or hang the unlock.
    pub fn unwrap_key(&self, passphrase: &Passphrase) -> Result<DatabaseKey, StoreError> {
        let checked = key_bounds::check(self)?;
        let (salt, nonce, ciphertext) = (checked.salt, checked.nonce, checked.ciphertext);
        let wrapping = derive_wrapping_key(passphrase, &salt, self.params)?;
        let cipher = XChaCha20Poly1305::new(wrapping.as_ref().into());
        let plain = Zeroizing::new(
            cipher
                .decrypt(
                    XNonce::from_slice(&nonce),
                    Payload {
                        msg: &ciphertext,
                        aad: WRAP_AAD,
                    },
                )
                .map_err(|_| StoreError::WrongPassphrase)?,
        );
        if plain.len() != KEY_BYTES {
            return Err(StoreError::KeyFileInvalid {
                what: "its wrapped key has the wrong length",
            });
        }
        // Copied straight into the buffer that is zeroed on drop: an intermediate array would
        // be a copy of the key on the stack that nothing wipes.
        let mut key = Zeroizing::new([0u8; KEY_BYTES]);
        key.copy_from_slice(&plain);
        Ok(DatabaseKey(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Passphrase {
        Passphrase::new(s.into())
    }

    #[test]
    fn a_wrapped_key_unwraps_with_the_right_passphrase_only() {
        let key = DatabaseKey::generate().expect("random");
        let params = KdfParams::insecure_for_tests();
        let wrapped = WrappedKey::wrap(&key, &p("correct horse battery"), params).expect("wrap");
        let back = wrapped
            .unwrap_key(&p("correct horse battery"))
            .expect("unwrap");
        assert_eq!(back.0.as_ref(), key.0.as_ref());
        assert!(matches!(
            wrapped.unwrap_key(&p("wrong horse battery")),
            Err(StoreError::WrongPassphrase)
        ));
    }

    #[test]
    fn wrapping_twice_uses_fresh_salt_and_nonce() {
        let key = DatabaseKey::generate().expect("random");
        let params = KdfParams::insecure_for_tests();
        let a = WrappedKey::wrap(&key, &p("correct horse battery"), params).expect("wrap");
        let b = WrappedKey::wrap(&key, &p("correct horse battery"), params).expect("wrap");
        assert_ne!(a.salt, b.salt);
        assert_ne!(a.ciphertext, b.ciphertext);
    }

    #[test]
    fn a_tampered_wrapped_key_is_refused() {
        let key = DatabaseKey::generate().expect("random");
        let mut wrapped = WrappedKey::wrap(
            &key,
            &p("correct horse battery"),
            KdfParams::insecure_for_tests(),
        )
        .expect("wrap");
        let mut bytes = hex::decode(&wrapped.ciphertext).expect("hex");
        bytes[0] ^= 1;
        wrapped.ciphertext = hex::encode(bytes);
        assert!(wrapped.unwrap_key(&p("correct horse battery")).is_err());
    }

    #[test]
    fn the_sqlcipher_key_is_a_raw_hex_blob() {
        let key = DatabaseKey::generate().expect("random");
        let statement = key.sqlcipher_key_statement();
        assert!(statement.starts_with("PRAGMA key = \"x'") && statement.ends_with("'\";"));
        let hex_digits = &statement["PRAGMA key = \"x'".len()..statement.len() - "'\";".len()];
        assert_eq!(hex_digits, hex::encode(key.0.as_ref()));
    }

    #[test]
    fn the_key_statement_is_built_in_place_so_no_unzeroed_copy_is_left_behind() {
        // A string that outgrew its buffer would have been copied, and the old buffer freed
        // without zeroing: the capacity staying at the exact length shows it never grew.
        let key = DatabaseKey::generate().expect("random");
        let statement = key.sqlcipher_key_statement();
        assert_eq!(statement.capacity(), statement.len());
    }

    #[test]
    fn every_copy_of_key_material_zeroes_itself_when_dropped() {
        fn zeroed_on_drop<T: zeroize::ZeroizeOnDrop>(_: &T) {}
        let key = DatabaseKey::generate().expect("random");
        zeroed_on_drop(&key.0);
        zeroed_on_drop(&key.sqlcipher_key_statement());
    }
}
