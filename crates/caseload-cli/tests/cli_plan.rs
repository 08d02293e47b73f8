//! The built `caseload` binary on a case's plan: target, barriers and actions.

mod common;

use common::*;
use predicates::prelude::*;

#[test]
fn a_plan_with_a_target_and_actions_is_set_and_shown_from_the_cli() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let id = case_id(dir.path(), "B801200005001");
    let plan = json_of(
        caseload(dir.path())
            .args([
                "plan",
                "set",
                &id,
                "--barrier",
                "semh-ebsa",
                "--barrier",
                "transport",
                "--target",
                "95",
                "--by",
                "2027-02-12",
            ])
            .args(["--review", "2027-01-15", "--json"]),
    );
    assert_eq!(
        plan["barriers"],
        serde_json::json!(["semh_ebsa", "transport"])
    );
    let plan = json_of(caseload(dir.path()).args([
        "plan",
        "action",
        &id,
        "--what",
        "Arrange bus pass",
        "--owner",
        "School",
        "--due",
        "2027-01-08",
        "--json",
    ]));
    let action = plan["actions"][0]["id"]
        .as_str()
        .expect("action id")
        .to_string();
    let plan = json_of(caseload(dir.path()).args([
        "plan",
        "action-status",
        &id,
        &action,
        "done",
        "--json",
    ]));
    assert_eq!(plan["actions"][0]["status"], "done");
    caseload(dir.path())
        .args(["plan", "set", &id, "--barrier", "weather"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("barriers:"));
}
