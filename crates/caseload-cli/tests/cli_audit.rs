//! The built `caseload` binary on the audit trail: `audit list` with filters, and `audit verify`
//! exiting 0 on an intact trail and 1 naming the entry where a tampered one breaks.

mod common;

use caseload_domain::Passphrase;
use caseload_store::{Action, Store, testing};
use common::*;
use predicates::prelude::*;

#[test]
fn audit_list_shows_entries_newest_first_with_filters() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let case = add(dir.path(), "B801200005001");
    let id = case["id"].as_str().expect("id").to_string();
    let all = json_of(caseload(dir.path()).args(["audit", "list", "--json"]));
    let actions: Vec<&str> = all
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| e["action"].as_str().expect("action"))
        .collect();
    // Each CLI command unlocks the caseload, and that is recorded too.
    assert_eq!(actions, vec!["unlock", "case_add", "unlock"]);
    let of_case = json_of(caseload(dir.path()).args(["audit", "list", "--case", &id, "--json"]));
    assert_eq!(of_case.as_array().expect("entries").len(), 1);
    assert_eq!(of_case[0]["action_label"], "Case added");
    assert_eq!(of_case[0]["entity_type"], "case");
    caseload(dir.path())
        .args(["audit", "list", "--action", "case_add"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Case added").and(predicate::str::contains(&id)))
        .stdout(predicate::str::contains("Testpupil").not());
    caseload(dir.path())
        .args(["audit", "list", "--since", "2026-13-01"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("YYYY-MM-DD"));
}

#[test]
fn audit_verify_exits_0_when_intact_and_1_naming_an_edited_entry() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    add(dir.path(), "B801200005001");
    caseload(dir.path())
        .args(["audit", "verify"])
        .assert()
        .success()
        .stdout(predicate::str::contains("The audit trail is intact"));
    let mut store = Store::unlock(dir.path(), &Passphrase::new(PASS.into())).expect("unlock");
    store
        .write(Action::SettingsUpdate, |w| {
            testing::execute(
                w,
                "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET worker = 'someone else' WHERE seq = 2",
            )
        })
        .expect("tamper");
    drop(store);
    caseload(dir.path())
        .args(["audit", "verify"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("entry 2 was edited"));
    let out = caseload(dir.path())
        .args(["audit", "verify", "--json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let view: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(view["intact"], false);
    assert_eq!(view["problem"], "edited");
    assert_eq!(view["at_seq"], 2);
}
