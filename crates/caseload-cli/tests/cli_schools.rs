//! The built `caseload` binary on the worker's link schools.

mod common;

use common::*;
use predicates::prelude::*;

#[test]
fn a_link_school_is_set_and_listed_from_the_cli() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    caseload(dir.path())
        .args([
            "school",
            "set",
            "--urn",
            "100321",
            "--name",
            "Testschool Orchard Academy",
            "--phase",
            "secondary",
        ])
        .args([
            "--champion",
            "Champion Demo",
            "--champion-email",
            "champion@example.com",
        ])
        .assert()
        .success();
    let schools = json_of(caseload(dir.path()).args(["school", "list", "--json"]));
    assert_eq!(schools[0]["urn"], "100321");
    assert_eq!(schools[0]["attendance_champion"]["name"], "Champion Demo");
    caseload(dir.path())
        .args([
            "school", "set", "--urn", "100321", "--name", "X", "--phase", "nursery",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("school_phase:"));
}
