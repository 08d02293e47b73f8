//! `caseload sync` and `caseload inbox` with a shared drive that tries to inject: file names
//! with terminal escape sequences are printed escaped, and an allocation file only proposes
//! until `caseload inbox accept` (or `refuse`).
#![cfg(unix)]

mod common;

use common::*;
use serde_json::Value;

fn set_up(dir: &std::path::Path, share: &std::path::Path) {
    init(dir);
    share_as(dir, "aw-cli", Some(share));
}

fn allocations(share: &std::path::Path) -> std::path::PathBuf {
    let dir = share.join("caseload/inbox/aw-cli/allocations");
    std::fs::create_dir_all(&dir).expect("inbox");
    dir
}

#[test]
fn sync_prints_a_share_file_name_with_terminal_escapes_escaped() {
    let (dir, share) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("share"),
    );
    set_up(dir.path(), share.path());
    std::fs::write(
        allocations(share.path()).join("x\u{1b}]0;owned\u{7}.csv"),
        "not,an allocation\n",
    )
    .expect("drop");
    let out = caseload(dir.path()).arg("sync").output().expect("sync");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The file is refused (it is no allocation file): named, and the exit code says so.
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stderr.contains("1 inbox entry was refused"), "{stderr}");
    assert!(
        !out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b),
        "no raw ESC: {stdout:?}"
    );
    assert!(!out.stdout.contains(&0x07), "no raw BEL: {stdout:?}");
    assert!(stdout.contains("x\\u{1b}]0;owned\\u{7}.csv"), "{stdout}");
}

#[test]
fn an_allocation_is_proposed_by_sync_and_taken_only_by_inbox_accept() {
    let (dir, share) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("share"),
    );
    set_up(dir.path(), share.path());
    let upn = |rest: &str| {
        format!(
            "{}{rest}",
            caseload_domain::upn::check_letter(rest.as_bytes()).expect("letter")
        )
    };
    let (a, b) = (upn("801200009501"), upn("801200009502"));
    std::fs::write(
        allocations(share.path()).join("allocations-cli.csv"),
        format!(
            "upn,legal_name,date_of_birth,school_urn,school_name,year_group\n\
             {a},Clipupil Alpha-Synthetic,2014-02-01,100001,Elm Primary,6\n\
             {b},Clipupil Beta-Synthetic,2012-02-01,100002,Oak Academy,8\n"
        ),
    )
    .expect("drop");
    caseload(dir.path()).arg("sync").assert().success();
    let cases = || json_of(caseload(dir.path()).args(["case", "list", "--json"]));
    assert_eq!(
        cases().as_array().map(Vec::len),
        Some(0),
        "nothing until accepted"
    );

    let proposals = json_of(caseload(dir.path()).args(["inbox", "proposals", "--json"]));
    let list = proposals.as_array().expect("proposals");
    assert_eq!(list.len(), 2);
    let id_of = |upn: &str| -> String {
        list.iter()
            .find(|p| p["upn"] == upn)
            .map(|p| p["id"].to_string())
            .expect("proposal")
    };
    caseload(dir.path())
        .args(["inbox", "accept", &id_of(&a)])
        .assert()
        .success();
    caseload(dir.path())
        .args(["inbox", "refuse", &id_of(&b)])
        .assert()
        .success();
    let after: Value = cases();
    let upns: Vec<&str> = after
        .as_array()
        .expect("cases")
        .iter()
        .filter_map(|c| c["upn"].as_str())
        .collect();
    assert_eq!(upns, [a.as_str()]);
    let left = json_of(caseload(dir.path()).args(["inbox", "proposals", "--json"]));
    assert_eq!(left.as_array().map(Vec::len), Some(0));
}
