//! `caseload --version` and `caseload call about`: the version the packages carry and the app's
//! Settings → About shows, and the third-party licences, with no caseload needed.

mod common;

use common::*;

#[test]
fn version_prints_the_workspace_version() {
    let dir = tempfile::tempdir().expect("tmp");
    caseload(dir.path())
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("caseload {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn about_answers_without_a_caseload_and_agrees_with_version() {
    let dir = tempfile::tempdir().expect("tmp");
    let about = json_of(caseload(dir.path()).args(["call", "about"]));
    assert_eq!(about["name"], "Caseload");
    assert_eq!(about["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(about["licence"], "MIT");
    let components = about["components"].as_array().expect("components");
    assert!(components.len() > 100, "only {} listed", components.len());
    assert!(
        components
            .iter()
            .any(|c| c["name"] == "rusqlite" && c["kind"] == "crate")
    );
    // Nothing was created: About reads no caseload.
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
}
