//! Prints the Argon2id parameters Caseload would choose on this machine and how long one
//! unlock (unwrapping the database key) then takes. A figure for the docs, not a test.
//! `cargo run --release -p caseload-store --example kdf_timing`

use std::time::Instant;

use caseload_domain::Passphrase;
use caseload_store::key::{DatabaseKey, WrappedKey};
use caseload_store::{KdfParams, StoreError};

fn main() -> Result<(), StoreError> {
    let started = Instant::now();
    let params = KdfParams::calibrated()?;
    println!(
        "calibration: {:?} in {:.0} ms",
        params,
        started.elapsed().as_secs_f64() * 1000.0
    );
    let passphrase = Passphrase::new("correct horse battery".into());
    let wrapped = WrappedKey::wrap(&DatabaseKey::generate()?, &passphrase, params)?;
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        wrapped.unwrap_key(&passphrase)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "unlock (unwrap) over 5 runs: min {:.0} ms, median {:.0} ms, max {:.0} ms",
        times[0], times[2], times[4]
    );
    Ok(())
}
