//! Benchmark (not a test): what integrity on open and backups cost. For the 30-pupil demo and
//! bigger demo caseloads, prints the database size, the time of `PRAGMA quick_check` and of
//! `PRAGMA cipher_integrity_check` (both run on every unlock), a whole unlock (key derivation at
//! test strength, so the checks are most of it), a backup (copy, check, write, read back,
//! check again), a restore, and a re-key ("I think my passphrase is known": every page
//! re-encrypted under a new key).
//! `cargo run --release -p caseload-app --example bench_integrity [PUPILS...]` (default 30 2000 20000)

use std::time::Instant;

use caseload_app::backup::{self, BackupNowRequest};
use caseload_app::session::{ChangePassphraseRequest, CreateCaseloadRequest, UnlockRequest};
use caseload_app::{Caseload, KdfProfile, demo, session};

fn ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sizes: Vec<u32> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![30, 2_000, 20_000]
    } else {
        sizes
    };
    println!(
        "pupils | db size | quick_check | cipher_integrity_check | unlock | backup | restore | re-key"
    );
    for pupils in sizes {
        let dir = tempfile::tempdir()?;
        let cx = Caseload::new(dir.path().join("data"), KdfProfile::InsecureForTests);
        let pass = "benchmark passphrase".to_string();
        session::caseload_create(
            &cx,
            CreateCaseloadRequest {
                passphrase: pass.clone(),
                passphrase_confirm: pass.clone(),
            },
        )?;
        demo::fill(&cx, pupils, 7)?;
        session::lock(&cx, ())?;
        session::unlock(
            &cx,
            UnlockRequest {
                passphrase: pass.clone(),
            },
        )?;
        let time = |pragma: &str| {
            // Best of three: the first run also warms the page cache.
            (0..3)
                .map(|_| {
                    let t = Instant::now();
                    cx.probe_store(|s| caseload_store::testing::pragma_row_count(s, pragma))
                        .expect("unlocked")
                        .expect("pragma");
                    ms(t)
                })
                .fold(f64::MAX, f64::min)
        };
        let quick = time("quick_check");
        let cipher = time("cipher_integrity_check");
        session::lock(&cx, ())?;
        let db =
            std::fs::metadata(dir.path().join("data").join(caseload_store::DATABASE_FILE))?.len();
        let t = Instant::now();
        session::unlock(
            &cx,
            UnlockRequest {
                passphrase: pass.clone(),
            },
        )?;
        let unlock = ms(t);
        let out = dir.path().join("backups");
        std::fs::create_dir_all(&out)?;
        let t = Instant::now();
        let made = backup::backup_now_to(&cx, BackupNowRequest {}, Some(&out))?;
        let backup_ms = ms(t);
        let restored = Caseload::new(dir.path().join("restored"), KdfProfile::InsecureForTests);
        let t = Instant::now();
        backup::restore_from(&restored, std::path::Path::new(&made.path), pass.clone())?;
        let restore_ms = ms(t);
        let new = "a different benchmark passphrase".to_string();
        let t = Instant::now();
        session::passphrase_change(
            &cx,
            ChangePassphraseRequest {
                current_passphrase: pass.clone(),
                new_passphrase: new.clone(),
                new_passphrase_confirm: new,
                passphrase_known: Some(true),
            },
        )?;
        let rekey_ms = ms(t);
        println!(
            "{pupils:>6} | {:>6.1} MB | {quick:>8.1} ms | {cipher:>8.1} ms | {unlock:>7.1} ms | {backup_ms:>7.1} ms | {restore_ms:>7.1} ms | {rekey_ms:>7.1} ms",
            db as f64 / 1_048_576.0
        );
    }
    Ok(())
}
