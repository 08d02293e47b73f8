//! Benchmark (not a test): the dashboard over 2,000 open cases, on a real encrypted store.
//! Prints p50/p95/max over repeated runs, against the baseline of one raw SQL query reading the
//! same open cases joined to their pupils from the same store (no figures, no alerts).
//! Target (issue #3): p95 under 50 ms.
//! `cargo run --release -p caseload-app --example bench_dashboard` (or `scripts/bench.sh`)

use std::time::Instant;

use caseload_app::session::CreateCaseloadRequest;
use caseload_app::{Caseload, KdfProfile, cases, dashboard, demo, session};

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let cx = Caseload::new(dir.path(), KdfProfile::InsecureForTests);
    let pass = "benchmark passphrase".to_string();
    session::caseload_create(
        &cx,
        CreateCaseloadRequest {
            passphrase: pass.clone(),
            passphrase_confirm: pass,
        },
    )?;
    // The demo spreads cases over the lifecycle; fill until 2,000 of them are open.
    let started = Instant::now();
    let mut seed = 1;
    while dashboard::dashboard(&cx, ())?.rows.len() < 2000 {
        demo::fill(&cx, 500, seed)?;
        seed += 1;
    }
    let open = dashboard::dashboard(&cx, ())?.rows.len();
    let total = cases::case_list(&cx, ())?.len();
    println!(
        "setup: {total} cases ({open} open) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let mut times = Vec::new();
    for _ in 0..100 {
        let t = Instant::now();
        let dashboard = dashboard::dashboard(&cx, ())?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(dashboard.rows.len(), open);
    }
    times.sort_by(f64::total_cmp);
    let raw = "SELECT c.id, c.status, c.updated_at, p.upn, p.legal_name FROM cases c \
               JOIN pupils p ON p.id = c.pupil_id WHERE c.status <> ?1";
    let mut base = Vec::new();
    for _ in 0..100 {
        let t = Instant::now();
        let n = cx
            .probe_store(|s| caseload_store::testing::count_rows(s, raw, "closed"))
            .expect("unlocked")?;
        base.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(n >= open);
    }
    base.sort_by(f64::total_cmp);
    let (p50, p95) = (percentile(&times, 0.5), percentile(&times, 0.95));
    let (b50, b95) = (percentile(&base, 0.5), percentile(&base, 0.95));
    println!(
        "TABLE\tDashboard, {open} open cases (p50 / p95)\t{p50:.1} / {p95:.1} ms\traw SQL: open cases joined to pupils, same store\t{b50:.2} / {b95:.2} ms\t{:.1}x (p95)\tp95 < 50 ms",
        p95 / b95
    );
    println!(
        "dashboard ({open} open cases), 100 runs: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms (target p95 < 50 ms)",
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        times[times.len() - 1]
    );
    Ok(())
}
