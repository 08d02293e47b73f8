//! The built `caseload` binary on a case's chronology: entries added, corrected and listed.

mod common;

use common::*;
use predicates::prelude::*;

#[test]
fn chronology_entries_are_added_corrected_and_listed_from_the_cli() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let id = case_id(dir.path(), "B801200005001");
    let first = json_of(
        caseload(dir.path())
            .args([
                "chronology",
                "add",
                &id,
                "--kind",
                "home-visit",
                "--at",
                "2026-11-20 14:30",
            ])
            .args([
                "--who",
                "Parent and worker",
                "--what",
                "Visit: mornings are hard",
                "--json",
            ]),
    );
    let original = first[0]["id"].as_str().expect("entry id").to_string();
    caseload(dir.path())
        .args([
            "chronology",
            "add",
            &id,
            "--kind",
            "home-visit",
            "--at",
            "2026-11-20 14:30",
        ])
        .args([
            "--who",
            "Parent and worker",
            "--what",
            "Visit: mornings and evenings are hard",
            "--corrects",
            &original,
        ])
        .assert()
        .success();
    let list = json_of(caseload(dir.path()).args(["chronology", "list", &id, "--json"]));
    assert_eq!(list.as_array().expect("array").len(), 2);
    assert_eq!(list[0]["what"], "Visit: mornings are hard");
    assert_eq!(list[1]["corrects"], original.as_str());
    caseload(dir.path())
        .args([
            "chronology",
            "add",
            &id,
            "--kind",
            "telepathy",
            "--at",
            "2026-11-20 14:30",
            "--who",
            "x",
            "--what",
            "y",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("kind: Use home-visit"));
}
