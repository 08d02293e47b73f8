//! Benchmark (not a test): exports from a caseload holding a whole-authority summary import
//! (52,000 pupils in 30 wards, this year and the same point last year) and a demo caseload:
//! building the ward tables in every format, queueing them, and delivering them to a local
//! folder standing in for the shared drive, then aggregating 3 deliveries. For the table
//! (`TABLE` lines, `scripts/bench.sh`): the ward tables as XLSX and as PDF each against the same
//! tables as CSV (the same figures gathered, the plainest file), and the demo's TSM record as
//! DOCX against the same record as PDF.
//! `cargo run --release -p caseload-app --example bench_export`

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use caseload_app::demo::demo_upn;
use caseload_app::exchange::{ExportRequest, ExportSaveRequest, ShareSettings, SyncRequest};
use caseload_app::session::CreateCaseloadRequest;
use caseload_app::tsm::{self, RecordFormat, TsmRecordSaveRequest};
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

/// The median of `runs` timings of `f`, in ms.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            ms(start)
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

fn format_table(cx: &Caseload, out: &Path) {
    let ward = |format: &str| {
        median_ms(5, || {
            exchange::export_save_to(
                cx,
                ExportSaveRequest {
                    export: ExportRequest {
                        kind: "ward-bands".into(),
                        formats: vec![format.into()],
                        from: Some("2020-01-01".into()),
                        ..Default::default()
                    },
                },
                &caseload_app::support::Destination::folder(out.join(format)),
            )
            .expect("export");
        })
    };
    let csv = ward("csv");
    for (format, name) in [("xlsx", "XLSX"), ("pdf", "PDF")] {
        let t = ward(format);
        println!(
            "TABLE\tExport ward tables, 52,000 pupils ({name})\t{t:.0} ms\tthe same tables as CSV\t{csv:.0} ms\t{:.1}x\t-",
            t / csv
        );
    }
    let Some(meeting) = tsm::tsm_list(cx, ()).expect("meetings").into_iter().next() else {
        println!("TABLE\tExport TSM record (DOCX)\tno meeting in the demo\t-\t-\t-\t-");
        return;
    };
    let record = |format: RecordFormat| {
        median_ms(5, || {
            tsm::tsm_record_save_to(
                cx,
                TsmRecordSaveRequest {
                    id: meeting.id.clone(),
                    format,
                },
                &caseload_app::support::Destination::folder(out.join("record")),
            )
            .expect("record");
        })
    };
    let pdf = record(RecordFormat::Pdf);
    let docx = record(RecordFormat::Docx);
    println!(
        "TABLE\tExport TSM record (DOCX)\t{docx:.0} ms\tthe same record as PDF\t{pdf:.0} ms\t{:.1}x\t-",
        docx / pdf
    );
    println!("TABLE\tExport TSM record (PDF)\t{pdf:.0} ms\t-\t-\t-\t-");
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
    format_table(&cx, &tmp.path().join("formats"));
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
