//! Helpers shared by the CLI test files: run the built binary on a temporary caseload.
#![allow(dead_code)]

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

pub mod legal;

pub const PASS: &str = "correct horse battery";

pub fn caseload(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("caseload").expect("binary");
    cmd.arg("--data-dir")
        .arg(dir)
        .env("CASELOAD_PASSPHRASE", PASS)
        .env_remove("CASELOAD_DATA_DIR");
    cmd
}

pub fn init(dir: &std::path::Path) {
    caseload(dir)
        .arg("init")
        .assert()
        .success()
        .stdout(predicate::str::contains("Created an encrypted caseload"));
}

pub fn add(dir: &std::path::Path, upn: &str) -> Value {
    let out = caseload(dir)
        .args([
            "case",
            "add",
            "--legal-name",
            "Testpupil Zebedee-Quux",
            "--preferred-name",
            "Zeb",
            "--dob",
            "2014-03-27",
        ])
        .args([
            "--upn",
            upn,
            "--school-urn",
            "100000",
            "--school-name",
            "Synthetic Primary School",
            "--year-group",
            "7",
            "--json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("json")
}

/// Sets the worker's id and team (`caseload share`), with the shared drive's folder if given.
pub fn share_as(dir: &std::path::Path, worker_id: &str, folder: Option<&std::path::Path>) {
    let mut cmd = caseload(dir);
    cmd.args([
        "share",
        "--worker-id",
        worker_id,
        "--team",
        "Synthetic team",
    ]);
    if let Some(folder) = folder {
        cmd.arg("--folder").arg(folder);
    }
    cmd.assert().success();
}

/// Adds a case for `upn` (as [`add`]) and gives its id.
pub fn case_id(dir: &std::path::Path, upn: &str) -> String {
    add(dir, upn)["id"].as_str().expect("id").to_string()
}

pub fn json_of(cmd: &mut Command) -> Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("json")
}
