//! Crash harness (not a test binary of its own; `scripts/crash-loop.sh` runs it): starts a
//! writer process that unlocks a caseload and loops over committed writes — case adds,
//! chronology entries, a marks import, a TSM save, an outbox delivery to a share, a backup —
//! and SIGKILLs it at a random moment after its first reported commit (unlocking takes ~0.6 s,
//! so a kill timed from the start would mostly land in unlock and test nothing). After every
//! kill it checks the caseload (see `verify`) and stops at the first failure.
//!
//! `crash_loop [--kills N] [--seed S] [--max-delay-ms M] [--keep]`
//! (the writer is this same binary, run as `crash_loop --writer DIR RUN TSM_ID`).

mod verify;
mod writer;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use verify::Reported;

const PASS: &str = "crash harness passphrase";

/// Where one harness run keeps its caseload, share and backups.
pub struct Paths {
    pub root: PathBuf,
    pub data: PathBuf,
    pub share: PathBuf,
    pub backups: PathBuf,
}

impl Paths {
    fn under(root: &Path) -> Paths {
        Paths {
            root: root.to_path_buf(),
            data: root.join("data"),
            share: root.join("share"),
            backups: root.join("backups"),
        }
    }
}

/// xorshift64*: the kill moments, repeatable from `--seed`.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

fn arg<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> T {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--writer") {
        let [_, dir, run, tsm] = &args[..] else {
            return Err("usage: crash_loop --writer DIR RUN TSM_ID".into());
        };
        return writer::run(&Paths::under(Path::new(dir)), run.parse()?, tsm, u64::MAX);
    }
    let kills: u32 = arg(&args, "--kills", 200);
    let seed: u64 = arg(&args, "--seed", 0x5EED_CA5E);
    let max_delay: u64 = arg(&args, "--max-delay-ms", 2500);
    let keep = args.iter().any(|a| a == "--keep");

    let temp = tempfile::tempdir()?;
    let paths = Paths::under(temp.path());
    let tsm_id = writer::set_up(&paths)?;
    let mut rng = Rng(seed | 1);
    let mut reported = Reported::default();
    let mut last_kind: std::collections::BTreeMap<String, u32> = Default::default();
    let started = Instant::now();
    println!(
        "crash loop: {kills} kills, seed {seed:#x}, kill 0..{max_delay} ms after the first commit"
    );
    for run in 0..u64::from(kills) {
        let mut child = Command::new(std::env::current_exe()?)
            .arg("--writer")
            .arg(&paths.root)
            .arg(run.to_string())
            .arg(&tsm_id)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let (tx, rx) = mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut lines = Vec::new();
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(first) => lines.push(first),
            Err(_) => {
                let _ = child.kill();
                let out = child.wait_with_output()?;
                return Err(format!(
                    "run {run}: no committed write within 60 s: {}",
                    String::from_utf8_lossy(&out.stderr)
                )
                .into());
            }
        }
        std::thread::sleep(Duration::from_millis(rng.below(max_delay + 1)));
        // SIGKILL: no destructor, no flush, no rollback.
        child.kill()?;
        let status = child.wait()?;
        reader.join().map_err(|_| "reader")?;
        lines.extend(rx.try_iter());
        if status.code().is_some() {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                std::io::Read::read_to_string(&mut e, &mut err)?;
            }
            return Err(
                format!("run {run}: the writer stopped by itself ({status}): {err}").into(),
            );
        }
        for line in &lines {
            if !reported.take(line) {
                return Err(format!("run {run}: unknown line {line:?}").into());
            }
        }
        let after = lines
            .last()
            .and_then(|l| l.split(' ').next())
            .unwrap_or("?")
            .to_string();
        *last_kind.entry(after).or_default() += 1;
        if let Err(problem) = verify::verify(&paths, &reported, &tsm_id) {
            println!("FAILED after kill {} (run {run}): {problem}", run + 1);
            if keep {
                println!("caseload kept in {}", temp.keep().display());
            }
            std::process::exit(1);
        }
        if (run + 1) % 20 == 0 {
            println!(
                "  {} kills, {} writes reported and found ({:.0} s)",
                run + 1,
                reported.total(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    println!(
        "crash loop passed: {kills} SIGKILLs, each followed by integrity_check, \
         cipher_integrity_check, the audit chain and every reported write"
    );
    println!(
        "writes reported committed and found whole: {} cases, {} chronology entries, {} marks imports \
         (all {} imports whole), {} deliveries, {} backups, TSM attendees saved up to {:?}",
        reported.cases.len(),
        reported.chronology.len(),
        reported.imports.len(),
        reported.imports.len(),
        reported.delivered.len(),
        reported.backups.len(),
        reported.tsm.as_deref().unwrap_or("-"),
    );
    println!("kills by the last write reported before them: {last_kind:?}");
    println!("took {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}
