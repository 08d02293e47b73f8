//! The checks a key file passes before its Argon2id parameters are used: memory, passes and
//! lanes within bounds, and salt, nonce and wrapped key of their exact lengths. A key file is
//! read from disk (or from a backup) and so is not trusted: one asking for 16 GiB would abort
//! the process and one asking for four billion passes would hang the unlock. Derives nothing.

use crate::error::StoreError;
use crate::key::{KEY_BYTES, KdfParams, NONCE_BYTES, SALT_BYTES, WrappedKey};

/// XChaCha20-Poly1305's authentication tag, appended to the wrapped key.
const TAG_BYTES: usize = 16;

/// A key file's binary fields, decoded and of their exact lengths.
pub(crate) struct CheckedKeyFile {
    pub salt: [u8; SALT_BYTES],
    pub nonce: [u8; NONCE_BYTES],
    pub ciphertext: Vec<u8>,
}

fn invalid(what: &'static str) -> StoreError {
    StoreError::KeyFileInvalid { what }
}

/// Refuses Argon2id parameters outside the bounds in [`KdfParams`].
pub(crate) fn check_params(params: KdfParams) -> Result<(), StoreError> {
    if !(1..=KdfParams::MAX_LANES).contains(&params.p_cost) {
        return Err(invalid("its Argon2id parallelism is out of bounds"));
    }
    if !(1..=KdfParams::MAX_PASSES).contains(&params.t_cost) {
        return Err(invalid("its Argon2id pass count is out of bounds"));
    }
    // Argon2 needs 8 KiB for each lane.
    let floor = KdfParams::MIN_MEMORY_KIB.saturating_mul(params.p_cost);
    if !(floor..=KdfParams::MAX_MEMORY_KIB).contains(&params.m_cost_kib) {
        return Err(invalid("its Argon2id memory cost is out of bounds"));
    }
    Ok(())
}

/// Checks the whole key file: its format, its parameters and the lengths of its fields.
pub(crate) fn check(wrapped: &WrappedKey) -> Result<CheckedKeyFile, StoreError> {
    if wrapped.format != WrappedKey::FORMAT || wrapped.kdf != "argon2id" {
        return Err(invalid("its format is unknown"));
    }
    check_params(wrapped.params)?;
    let salt = hex::decode(&wrapped.salt).map_err(|_| invalid("its salt is not hex"))?;
    let nonce = hex::decode(&wrapped.nonce).map_err(|_| invalid("its nonce is not hex"))?;
    let ciphertext =
        hex::decode(&wrapped.ciphertext).map_err(|_| invalid("its wrapped key is not hex"))?;
    let salt = salt
        .try_into()
        .map_err(|_| invalid("its salt has the wrong length"))?;
    let nonce = nonce
        .try_into()
        .map_err(|_| invalid("its nonce has the wrong length"))?;
    if ciphertext.len() != KEY_BYTES + TAG_BYTES {
        return Err(invalid("its wrapped key has the wrong length"));
    }
    Ok(CheckedKeyFile {
        salt,
        nonce,
        ciphertext,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::DatabaseKey;
    use caseload_domain::Passphrase;

    const PHRASE: &str = "correct horse battery";

    fn wrapped() -> WrappedKey {
        let key = DatabaseKey::generate().expect("random");
        WrappedKey::wrap(
            &key,
            &Passphrase::new(PHRASE.into()),
            KdfParams::insecure_for_tests(),
        )
        .expect("wrap")
    }

    /// Unwraps with the right passphrase: an out-of-bounds file must be refused as invalid,
    /// not derived from (16 GiB would abort the test run, four billion passes would hang it).
    fn refusal(wrapped: &WrappedKey) -> Option<&'static str> {
        match wrapped.unwrap_key(&Passphrase::new(PHRASE.into())) {
            Err(StoreError::KeyFileInvalid { what }) => Some(what),
            Err(other) => panic!("refused, but not as an invalid key file: {other}"),
            Ok(_) => None,
        }
    }

    #[test]
    fn a_key_file_asking_for_16_gib_of_memory_is_refused_before_derivation() {
        let mut w = wrapped();
        w.params.m_cost_kib = 16 * 1024 * 1024;
        assert_eq!(
            refusal(&w),
            Some("its Argon2id memory cost is out of bounds")
        );
    }

    #[test]
    fn a_key_file_asking_for_four_billion_passes_is_refused_before_derivation() {
        let mut w = wrapped();
        w.params.t_cost = 4_000_000_000;
        assert_eq!(
            refusal(&w),
            Some("its Argon2id pass count is out of bounds")
        );
    }

    #[test]
    fn a_key_file_with_parallelism_zero_or_above_sixteen_is_refused() {
        let mut w = wrapped();
        w.params.p_cost = 0;
        assert_eq!(
            refusal(&w),
            Some("its Argon2id parallelism is out of bounds")
        );
        w.params.p_cost = 17;
        w.params.m_cost_kib = 17 * 8;
        assert_eq!(
            refusal(&w),
            Some("its Argon2id parallelism is out of bounds")
        );
    }

    #[test]
    fn a_key_file_with_a_short_salt_or_nonce_is_refused() {
        let mut w = wrapped();
        w.salt.truncate(w.salt.len() - 2);
        assert_eq!(refusal(&w), Some("its salt has the wrong length"));
        let mut w = wrapped();
        w.nonce.truncate(w.nonce.len() - 2);
        assert_eq!(refusal(&w), Some("its nonce has the wrong length"));
    }

    #[test]
    fn a_key_file_with_less_memory_than_argon2_needs_per_lane_is_refused() {
        let mut w = wrapped();
        w.params.p_cost = 2;
        w.params.m_cost_kib = 8;
        assert_eq!(
            refusal(&w),
            Some("its Argon2id memory cost is out of bounds")
        );
    }

    #[test]
    fn a_key_file_within_bounds_still_unlocks() {
        let w = wrapped();
        assert_eq!(refusal(&w), None);
    }

    #[test]
    fn every_pass_count_calibration_can_pick_is_within_the_key_file_bounds() {
        // Calibration clamps to the same constant the check uses; the production memory cost
        // and the test parameters are both inside the memory bounds.
        for t_cost in KdfParams::MIN_CALIBRATED_PASSES..=KdfParams::MAX_PASSES {
            let params = KdfParams {
                m_cost_kib: KdfParams::PRODUCTION_MEMORY_KIB,
                t_cost,
                p_cost: 1,
            };
            assert!(check_params(params).is_ok(), "{params:?}");
        }
        assert!(check_params(KdfParams::insecure_for_tests()).is_ok());
    }

    #[test]
    fn caseload_never_writes_a_key_file_it_would_refuse() {
        let key = DatabaseKey::generate().expect("random");
        let too_much = KdfParams {
            m_cost_kib: KdfParams::MAX_MEMORY_KIB + 1,
            t_cost: 1,
            p_cost: 1,
        };
        assert!(matches!(
            WrappedKey::wrap(&key, &Passphrase::new(PHRASE.into()), too_much),
            Err(StoreError::KeyFileInvalid { .. })
        ));
    }
}
