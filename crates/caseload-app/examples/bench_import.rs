//! Benchmark (not a test): importing a whole-authority summary file of 52,000 pupils and a
//! large secondary school's year of 600,000 session marks, each set against a raw rusqlite
//! bulk insert of the same rows into an encrypted SQLCipher database (a raw 256-bit key, the
//! store's own pragmas: WAL, synchronous FULL, foreign keys, 64 MiB cache, secure delete) with
//! the same tables and indexes (one transaction, one prepared statement, no parsing or checks),
//! measured in the same run. Target (issue 17): marks at most 1.3x the baseline.
//! `cargo run --release -p caseload-app --example bench_import` (or `scripts/bench.sh`, which
//! reads the `TABLE` lines).

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use caseload_app::demo::demo_upn;
use caseload_app::session::CreateCaseloadRequest;
use caseload_app::{Caseload, KdfProfile, imports, session};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

const PUPILS: u64 = 52_000;
const SCHOOL_PUPILS: u64 = 1_000;
const SCHOOL_DAYS: usize = 300;

fn school_days() -> Vec<NaiveDate> {
    let mut d = NaiveDate::from_ymd_opt(2024, 9, 2).expect("date");
    let mut out = Vec::new();
    while out.len() < SCHOOL_DAYS {
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            out.push(d);
        }
        d += Duration::days(1);
    }
    out
}

fn summary_csv(dir: &Path) -> std::io::Result<(std::path::PathBuf, Vec<[String; 10]>)> {
    let mut text = String::from(
        "upn,possible,present,authorised,unauthorised,as_at,urn,phase,year group,ward\n",
    );
    let mut rows = Vec::new();
    for i in 0..PUPILS {
        let upn = demo_upn(i);
        let present = 150 + (i % 40) as u32;
        let auth = (i % 7) as u32;
        let unauth = (i % 5) as u32;
        let urn = (990_000 + i % 120).to_string();
        let phase = if i % 3 == 0 { "secondary" } else { "primary" };
        let year = (1 + i % 11).to_string();
        let ward = format!("Ward {}", i % 30);
        let _ = writeln!(
            text,
            "{upn},200,{present},{auth},{unauth},2025-03-28,{urn},{phase},{year},{ward}"
        );
        rows.push([
            upn,
            "200".into(),
            present.to_string(),
            auth.to_string(),
            unauth.to_string(),
            "2025-03-28".into(),
            urn,
            phase.into(),
            year,
            ward,
        ]);
    }
    let path = dir.join("authority.csv");
    std::fs::write(&path, text)?;
    Ok((path, rows))
}

/// One mark row as the baseline inserts it: UPN, date, session, code.
type MarkRow = (String, String, &'static str, &'static str);

fn marks_csv(dir: &Path) -> std::io::Result<(std::path::PathBuf, Vec<MarkRow>)> {
    let days = school_days();
    let mut text = String::from("upn,date,session,code\n");
    let mut rows = Vec::new();
    for p in 0..SCHOOL_PUPILS {
        let upn = demo_upn(100_000 + p);
        for (k, d) in days.iter().enumerate() {
            for (s, session) in ["AM", "PM"].into_iter().enumerate() {
                let code = match (p as usize + k * 2 + s) % 29 {
                    0 => "N",
                    1 => "I",
                    2 => "M",
                    _ => {
                        if s == 0 {
                            "/"
                        } else {
                            "\\"
                        }
                    }
                };
                let _ = writeln!(text, "{upn},{d},{session},{code}");
                rows.push((upn.clone(), d.to_string(), session, code));
            }
        }
    }
    let path = dir.join("marks.csv");
    std::fs::write(&path, text)?;
    Ok((path, rows))
}

/// An encrypted database set up as the store sets up its own (caseload-store's open.rs), with
/// the `imports` table the imported rows refer to and one import row.
fn encrypted_baseline(path: &Path, tables: &str) -> rusqlite::Result<rusqlite::Connection> {
    let conn = rusqlite::Connection::open(path)?;
    let key: String = (0..32)
        .map(|i| format!("{:02x}", (i * 37 + 11) % 256))
        .collect();
    conn.execute_batch(&format!("PRAGMA key = \"x'{key}'\";"))?;
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    conn.execute_batch(
        "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -65536; PRAGMA secure_delete = ON;
         CREATE TABLE imports (id INTEGER PRIMARY KEY,
           kind TEXT NOT NULL CHECK (kind IN ('marks', 'summary')), file_name TEXT NOT NULL,
           sha256 TEXT NOT NULL, rows INTEGER NOT NULL, pupils INTEGER NOT NULL,
           first_date TEXT, last_date TEXT, imported_at TEXT NOT NULL) STRICT;
         INSERT INTO imports VALUES (1, 'marks', 'f.csv', '00', 0, 0, NULL, NULL, '2025-01-01');",
    )?;
    conn.execute_batch(tables)?;
    Ok(conn)
}

fn baseline_summaries(dir: &Path, rows: &[[String; 10]]) -> rusqlite::Result<f64> {
    let mut conn = encrypted_baseline(
        &dir.join("baseline-summaries.db"),
        "CREATE TABLE s (import_id INTEGER NOT NULL REFERENCES imports(id), upn TEXT NOT NULL,
           as_at TEXT NOT NULL, possible INTEGER NOT NULL, present INTEGER NOT NULL,
           authorised INTEGER NOT NULL, unauthorised INTEGER NOT NULL, school_urn TEXT,
           school_phase TEXT, year_group INTEGER, ward TEXT, PRIMARY KEY (import_id, upn))
           STRICT, WITHOUT ROWID;
         CREATE INDEX s_upn ON s(upn, import_id);
         CREATE INDEX s_school ON s(school_urn, import_id);",
    )?;
    let t = Instant::now();
    let tx = conn.transaction()?;
    {
        let mut stmt =
            tx.prepare("INSERT INTO s VALUES (1, ?1, ?6, ?2, ?3, ?4, ?5, ?7, ?8, ?9, ?10)")?;
        for r in rows {
            stmt.execute(rusqlite::params![
                r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]
            ])?;
        }
    }
    tx.commit()?;
    Ok(t.elapsed().as_secs_f64())
}

fn baseline_marks(dir: &Path, rows: &[(String, String, &str, &str)]) -> rusqlite::Result<f64> {
    let mut conn = encrypted_baseline(
        &dir.join("baseline-marks.db"),
        "CREATE TABLE m (upn TEXT NOT NULL, date TEXT NOT NULL,
           session TEXT NOT NULL CHECK (session IN ('AM', 'PM')), code TEXT NOT NULL,
           import_id INTEGER NOT NULL REFERENCES imports(id), PRIMARY KEY (upn, date, session))
           STRICT, WITHOUT ROWID;",
    )?;
    let t = Instant::now();
    let tx = conn.transaction()?;
    {
        let mut stmt = tx.prepare("INSERT INTO m VALUES (?1, ?2, ?3, ?4, 1)")?;
        for (upn, date, session, code) in rows {
            stmt.execute(rusqlite::params![upn, date, session, code])?;
        }
    }
    tx.commit()?;
    Ok(t.elapsed().as_secs_f64())
}

/// The middle of three runs by ratio: (app seconds, baseline seconds).
fn median_run(mut runs: Vec<(f64, f64)>) -> (f64, f64) {
    runs.sort_by(|a, b| (a.0 / a.1).total_cmp(&(b.0 / b.1)));
    runs[runs.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let (summary_path, summary_rows) = summary_csv(dir.path())?;
    let (marks_path, marks_rows) = marks_csv(dir.path())?;
    println!(
        "files: {} summary rows, {} session marks",
        summary_rows.len(),
        marks_rows.len()
    );
    {
        use caseload_exchange::import::{
            ColumnMapping, ImportSource, import_marks, import_summaries,
        };
        let go = &mut |_| std::ops::ControlFlow::Continue(());
        let today = caseload_app::support::today();
        let t = Instant::now();
        import_summaries(
            &ImportSource::path(&summary_path),
            &ColumnMapping::new(),
            today,
            go,
        )?;
        let a = t.elapsed().as_secs_f64();
        let t = Instant::now();
        import_marks(
            &ImportSource::path(&marks_path),
            &ColumnMapping::new(),
            today,
            go,
        )?;
        println!(
            "reading and checking alone: summary {a:.2} s, marks {:.2} s",
            t.elapsed().as_secs_f64()
        );
    }
    let (mut summaries, mut marks_runs) = (Vec::new(), Vec::new());
    for run in 1..=3 {
        let cx = Caseload::new(
            dir.path().join(format!("caseload-{run}")),
            KdfProfile::InsecureForTests,
        );
        let pass = "benchmark passphrase".to_string();
        session::caseload_create(
            &cx,
            CreateCaseloadRequest {
                passphrase: pass.clone(),
                passphrase_confirm: pass,
            },
        )?;
        let t = Instant::now();
        imports::import_summary_file_at(&cx, &summary_path, None)?;
        let summary = t.elapsed().as_secs_f64();
        let t = Instant::now();
        imports::import_marks_file_at(&cx, &marks_path, None)?;
        let marks = t.elapsed().as_secs_f64();
        for f in ["baseline-summaries.db", "baseline-marks.db"] {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(dir.path().join(format!("{f}{suffix}")));
            }
        }
        let base_summary = baseline_summaries(dir.path(), &summary_rows)?;
        let base_marks = baseline_marks(dir.path(), &marks_rows)?;
        println!(
            "run {run}: summary import {summary:.2} s vs baseline {base_summary:.2} s ({:.2}x); marks import {marks:.2} s vs baseline {base_marks:.2} s ({:.2}x)",
            summary / base_summary,
            marks / base_marks
        );
        summaries.push((summary, base_summary));
        marks_runs.push((marks, base_marks));
    }
    let (summary, base_summary) = median_run(summaries);
    let (marks, base_marks) = median_run(marks_runs);
    println!(
        "median run: summary {:.2}x, marks {:.2}x (target: marks at most 1.3x the encrypted raw insert)",
        summary / base_summary,
        marks / base_marks
    );
    // measure, figure, baseline, its figure, ratio, goal (tab-separated, for scripts/bench.sh)
    println!(
        "TABLE\tImport 600,000 session marks (CSV)\t{marks:.2} s\traw rusqlite insert, SQLCipher, same indexes\t{base_marks:.2} s\t{:.2}x\t<= 1.3x",
        marks / base_marks
    );
    println!(
        "TABLE\tImport 52,000 pupil summaries (CSV)\t{summary:.2} s\traw rusqlite insert, SQLCipher, same indexes\t{base_summary:.2} s\t{:.2}x\t-",
        summary / base_summary
    );
    Ok(())
}
