//! Every checked-in fuzz seed (`fuzz/seeds/<target>/`) run through the same code as its
//! libFuzzer target (`fuzz/src/lib.rs`, included here), on stable, in the normal test run: a seed
//! or a regression input (`fuzz/regressions/<target>/`) that panics fails here without nightly.
//! The seeds must also reach past the first refusal: the Caseload-shaped files import.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use caseload_exchange::import::{ColumnMapping, ImportSource, import_allocations, import_marks};

#[path = "../../../fuzz/src/lib.rs"]
mod harness;

/// A target's name (its seed folder) and what it runs on one input.
type Target = (&'static str, fn(&[u8]));

const TARGETS: [Target; 7] = [
    ("csv_import", harness::csv_import),
    ("xlsx_import", harness::xlsx_import),
    ("allocation_import", harness::allocation_import),
    ("summary_json", harness::summary_json),
    ("upn", harness::upn),
    ("postcode", harness::postcode),
    ("inbox_walk", harness::inbox_walk),
];

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a seed entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_seed_and_regression_input_runs_through_its_target() {
    for (target, run) in TARGETS {
        let seeds = files(&fuzz_dir().join("seeds").join(target));
        assert!(!seeds.is_empty(), "no seeds for {target}");
        let regressions = files(&fuzz_dir().join("regressions").join(target));
        for file in seeds.iter().chain(&regressions) {
            let bytes = std::fs::read(file).expect("read seed");
            run(&bytes);
        }
    }
}

#[test]
fn the_table_seeds_are_files_caseload_takes() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
    let mut go_on = |_| ControlFlow::Continue(());
    for target in ["csv_import", "xlsx_import"] {
        let dir = fuzz_dir().join("seeds").join(target);
        for name in ["marks", "allocations"] {
            let ext = if target == "csv_import" {
                "csv"
            } else {
                "xlsx"
            };
            let file = format!("{name}.{ext}");
            let bytes = std::fs::read(dir.join(&file)).expect("seed");
            let source = ImportSource::bytes(&file, &bytes);
            let taken = if name == "marks" {
                import_marks(&source, &ColumnMapping::new(), today, &mut go_on)
                    .map(|m| m.mark_count())
            } else {
                import_allocations(&source, &ColumnMapping::new(), today, &mut go_on)
                    .map(|a| a.cases.len())
            };
            assert!(
                matches!(taken, Ok(n) if n >= 2),
                "{target}/{file} is refused: {taken:?}"
            );
        }
    }
}
