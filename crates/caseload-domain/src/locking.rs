//! When an open caseload locks itself, and how long a wrong passphrase makes the next attempt
//! wait. Pure rules: the app keeps the clock, the attempt count and the file it lives in.

use crate::field::{Field, FieldErrors};

/// Minutes without use before the caseload locks itself, unless the worker chose otherwise.
pub const DEFAULT_LOCK_AFTER_MINUTES: u32 = 5;
/// The shortest and longest idle limit a worker may choose, in minutes.
pub const LOCK_AFTER_MINUTES_RANGE: std::ops::RangeInclusive<u32> = 1..=30;

/// Checks a chosen idle limit: the error is on the field, and says what to do.
pub fn check_lock_after_minutes(minutes: u32) -> Result<(), FieldErrors> {
    if LOCK_AFTER_MINUTES_RANGE.contains(&minutes) {
        Ok(())
    } else {
        Err(FieldErrors::single(
            Field::LockAfterMinutes,
            format!(
                "Lock after between {} and {} minutes without use",
                LOCK_AFTER_MINUTES_RANGE.start(),
                LOCK_AFTER_MINUTES_RANGE.end()
            ),
        ))
    }
}

/// Wrong passphrases that cost nothing: a worker mistyping twice or three times is not slowed.
pub const FREE_WRONG_PASSPHRASES: u32 = 3;
/// The longest wait between attempts, in seconds (five minutes).
pub const MAX_UNLOCK_DELAY_SECONDS: u64 = 5 * 60;

/// How long, in seconds, the next unlock must wait after `failures` wrong passphrases in a row
/// (counted from the last one): none for the first three, then 2, 4, 8 … seconds, doubling up
/// to five minutes. Growth is what matters: each guess already costs half a second of Argon2id,
/// and this makes a run of guesses at the unlock screen cost hours.
pub fn unlock_delay_seconds(failures: u32) -> u64 {
    if failures <= FREE_WRONG_PASSPHRASES {
        return 0;
    }
    let doublings = failures - FREE_WRONG_PASSPHRASES;
    if doublings >= 9 {
        return MAX_UNLOCK_DELAY_SECONDS;
    }
    (1u64 << doublings).min(MAX_UNLOCK_DELAY_SECONDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_three_wrong_passphrases_cost_no_wait() {
        assert_eq!(
            (0..=3).map(unlock_delay_seconds).collect::<Vec<_>>(),
            vec![0, 0, 0, 0]
        );
    }

    #[test]
    fn the_wait_then_doubles_from_two_seconds_up_to_five_minutes() {
        let waits: Vec<u64> = (4..=13).map(unlock_delay_seconds).collect();
        assert_eq!(waits, vec![2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
        assert_eq!(unlock_delay_seconds(u32::MAX), MAX_UNLOCK_DELAY_SECONDS);
    }

    #[test]
    fn the_idle_limit_is_one_to_thirty_minutes() {
        assert!(check_lock_after_minutes(0).is_err());
        assert!(check_lock_after_minutes(1).is_ok());
        assert!(check_lock_after_minutes(DEFAULT_LOCK_AFTER_MINUTES).is_ok());
        assert!(check_lock_after_minutes(30).is_ok());
        assert!(check_lock_after_minutes(31).is_err());
    }
}
