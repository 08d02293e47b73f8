//! `caseload retention list|purge`: the council's rule (set through `call settings_update`),
//! the closed cases it makes due, and a purge that needs --yes and refuses a case not due.

mod common;

use common::*;
use predicates::prelude::*;

fn add_born(dir: &std::path::Path, upn: &str, dob: &str) -> String {
    let added = json_of(caseload(dir).args([
        "case",
        "add",
        "--legal-name",
        "Testpupil Retention-Quux",
        "--dob",
        dob,
        "--upn",
        upn,
        "--school-urn",
        "100000",
        "--school-name",
        "Synthetic Secondary School",
        "--year-group",
        "11",
        "--referral-date",
        "2024-01-10",
        "--json",
    ]));
    added["id"].as_str().expect("id").to_string()
}

fn transition(dir: &std::path::Path, id: &str, args: &[&str]) {
    caseload(dir)
        .args(["case", "transition", id])
        .args(args)
        .assert()
        .success();
}

#[test]
fn retention_lists_closed_cases_due_and_purges_only_with_yes() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let closed = add_born(dir.path(), "B801200005001", "2008-01-15");
    transition(dir.path(), &closed, &["accept", "--on", "2024-01-11"]);
    transition(
        dir.path(),
        &closed,
        &[
            "allocate",
            "--on",
            "2024-01-12",
            "--team",
            "afsw",
            "--worker",
            "A. Worker",
        ],
    );
    transition(
        dir.path(),
        &closed,
        &[
            "close",
            "--on",
            "2024-06-01",
            "--note",
            "Attending",
            "--category",
            "attendance-improved",
        ],
    );
    let open = add_born(dir.path(), "Q801200005002", "2008-02-20");

    // Under the default rule (25, or 6 years after closure) nothing is due yet.
    caseload(dir.path())
        .args(["retention", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "No closed cases are due for review for deletion (the rule: age 25 or 6 years after closure",
        ));

    // The council's rule: 18, or a year after closure.
    let mut settings = json_of(caseload(dir.path()).args(["call", "settings_get"]));
    settings["retention"] = serde_json::json!({
        "age_years": 18, "years_after_closure": 1, "outbox_purge_days": 30
    });
    caseload(dir.path())
        .args(["call", "settings_update", &settings.to_string()])
        .assert()
        .success();

    let list = json_of(caseload(dir.path()).args(["retention", "list", "--json"]));
    let cases = list["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 1, "{list}");
    assert_eq!(cases[0]["id"], closed.as_str());
    assert_eq!(cases[0]["due_on"], "2026-01-15");
    assert_eq!(cases[0]["why"], "Pupil turned 18 on 15 January 2026");
    caseload(dir.path())
        .args(["retention", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 case due for review for deletion"))
        .stdout(predicate::str::contains(format!(
            "{closed}  Testpupil Retention-Quux  B801200005001  due 2026-01-15  Pupil turned 18 on 15 January 2026"
        )));

    // Without --yes nothing happens; an open case is refused and nothing goes.
    caseload(dir.path())
        .args(["retention", "purge", &closed])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "This deletes 1 case for ever: run it again with --yes to confirm",
        ));
    caseload(dir.path())
        .args(["retention", "purge", &closed, &open, "--yes"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not closed"))
        .stderr(predicate::str::contains("Nothing was deleted"));
    assert_eq!(
        json_of(caseload(dir.path()).args(["case", "list", "--json"]))
            .as_array()
            .expect("cases")
            .len(),
        2
    );

    caseload(dir.path())
        .args(["retention", "purge", &closed, "--yes"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Deleted 1 case ("));
    caseload(dir.path())
        .args(["case", "show", &closed])
        .assert()
        .failure();
    let left = json_of(caseload(dir.path()).args(["case", "list", "--json"]));
    assert_eq!(left.as_array().expect("cases").len(), 1);
    assert_eq!(left[0]["id"], open.as_str());
    let list = json_of(caseload(dir.path()).args(["retention", "list", "--json"]));
    assert_eq!(list["cases"].as_array().expect("cases").len(), 0);
}
