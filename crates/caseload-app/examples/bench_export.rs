//! Benchmark (not a test): exports from a caseload holding a whole-authority summary import
//! (52,000 pupils in 30 wards, this year and the same point last year) and a demo caseload:
//! building the ward tables in every format, queueing them, and delivering them to a local
//! folder standing in for the shared drive, then aggregating 3 deliveries.
//! `cargo run --release -p caseload-app --example bench_export`

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use caseload_app::demo::demo_upn;
use caseload_app::exchange::{ExportRequest, ExportSaveRequest, ShareSettings, SyncRequest};
use caseload_app::session::CreateCaseloadRequest;
use caseload_app::{Caseload, KdfProfile, exchange, imports, session, support};
use caseload_exchange::aggregate::aggregate;
use caseload_exchange::share::RealShare;

const PUPILS: u64 = 52_000;

fn summary_file(dir: &Path, as_at: &str, shift: u64) -> std::path::PathBuf {
    let mut text = String::from("upn,possible,present,authorised,unauthorised,as_at,phase,ward\n");
    for i in 0..PUPILS {
        let present = 100 + ((i + shift) % 100) as u32;
        let phase = if i % 3 == 0 { "secondary" } else { "primary" };
        let _ = writeln!(
            text,
            "{},200,{present},{},0,{as_at},{phase},Ward {}",
            demo_upn(i),
            200 - present,
            i % 30
        );
    }
    let path = dir.join(format!("summary-{as_at}.csv"));
    std::fs::write(&path, text).expect("write");
    path
}

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let tmp = tempfile::tempdir().expect("tmp");
    let cx = Caseload::new(tmp.path().join("data"), KdfProfile::InsecureForTests);
    let pass = "correct horse battery".to_string();
    session::caseload_create(
        &cx,
        CreateCaseloadRequest {
            passphrase: pass.clone(),
            passphrase_confirm: pass,
        },
    )
    .expect("create");
    caseload_app::demo::fill(&cx, 40, 1).expect("demo");
    let today = support::today();
    let this_year = (today - chrono::Duration::days(7)).to_string();
    let last_year = (today - chrono::Duration::days(372)).to_string();
    for (as_at, shift) in [(last_year.as_str(), 7), (this_year.as_str(), 0)] {
        let path = summary_file(tmp.path(), as_at, shift);
        imports::import_summary_file_at(&cx, &path, None).expect("import");
    }
    let share = tmp.path().join("share");
    std::fs::create_dir_all(&share).expect("share");
    exchange::share_settings_save(
        &cx,
        ShareSettings {
            folder: share.display().to_string(),
            worker_id: "bench".into(),
            team: "Bench".into(),
        },
    )
    .expect("settings");
    let formats: Vec<String> = ["csv", "xlsx", "pdf", "json"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for kind in ["ward-bands", "funnel", "closures", "tsm-actions"] {
        let mut times = Vec::new();
        for _ in 0..5 {
            let start = Instant::now();
            exchange::export_save_to(
                &cx,
                ExportSaveRequest {
                    export: ExportRequest {
                        kind: kind.into(),
                        formats: formats.clone(),
                        from: Some("2020-01-01".into()),
                        ..Default::default()
                    },
                },
                &caseload_app::support::Destination::folder(tmp.path().join("out")),
            )
            .expect("export");
            times.push(ms(start));
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{kind:>12}: all four formats, median {:.1} ms (min {:.1}, max {:.1})",
            times[2], times[0], times[4]
        );
    }
    let start = Instant::now();
    for _ in 0..3 {
        exchange::export_queue(
            &cx,
            ExportRequest {
                kind: "ward-bands".into(),
                formats: formats.clone(),
                ..Default::default()
            },
        )
        .expect("queue");
    }
    let queued = ms(start);
    let start = Instant::now();
    let report = exchange::sync(&cx, SyncRequest::default()).expect("sync");
    println!(
        "queue 3 ward exports: {queued:.1} ms; deliver them (temp, fsync, rename, verify, manifest): {:.1} ms ({} delivered)",
        ms(start),
        report.delivered
    );
    let start = Instant::now();
    let team = aggregate(&RealShare, &share, today, "bench", 5, None).expect("aggregate");
    println!(
        "aggregate {} deliveries: {:.1} ms",
        team.included.len(),
        ms(start)
    );
}
