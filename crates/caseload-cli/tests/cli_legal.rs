//! The built `caseload` binary on the legal ladder: steps added in order, a step out of order
//! refused without --reason, a penalty notice without the threshold met refused without
//! --reason, the third penalty notice refused, and a payment recorded as a correction. The
//! evidence bundle's tests are in `cli_legal_evidence.rs`.

mod common;

use common::legal::*;
use common::*;
use predicates::prelude::*;

#[test]
fn the_ladder_is_climbed_in_order_and_the_third_penalty_notice_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let id = case_id(dir.path(), "B801200005001");
    import_threshold(dir.path(), "B801200005001", 300);
    legal_add(dir.path(), &id, "contract", 300)
        .args(["--terms", "In school by 8:45 every day"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("parents' absence"));
    legal_add(dir.path(), &id, "contract", 300)
        .args([
            "--parents-present",
            "--terms",
            "In school by 8:45 every day",
        ])
        .assert()
        .success();
    legal_add(dir.path(), &id, "notice-to-improve", 250)
        .args(["--ends-on", &ago(250 - 28)])
        .args(["--sufficient-improvement", "No unauthorised absence"])
        .assert()
        .success();
    for days in [200, 100] {
        legal_add(dir.path(), &id, "penalty-notice", days)
            .args(["--parent", "Parent Demo"])
            .assert()
            .success();
    }
    legal_add(dir.path(), &id, "penalty-notice", 5)
        .args(["--parent", "Parent Demo"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "A third penalty notice to the same parent for this child within 3 years is not allowed",
        ));
    let shown = json_of(caseload(dir.path()).args(["legal", "show", &id, "--json"]));
    let steps = shown["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 4);
    assert_eq!(steps[0]["step"], "attendance_contract");
    assert_eq!(steps[3]["details"]["kind"], "penalty_notice");
    assert_eq!(steps[3]["penalty"]["number"], 2);
    assert_eq!(steps[3]["penalty"]["amount_pence"], 16000);
    assert_eq!(shown["alerts"][0]["rule"], "penalty_notice_limit");
    assert_eq!(shown["suggested"], "supervision_order");
    caseload(dir.path())
        .args(["legal", "show", &id])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Penalty notice")
                .and(predicate::str::contains("second notice, £160, not paid"))
                .and(predicate::str::contains(
                    "! Penalty notices: limit within 3 years",
                )),
        );
}

#[test]
fn a_prosecution_needs_a_reason_without_an_order_considered_and_a_payment_corrects_a_notice() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let id = case_id(dir.path(), "B801200005001");
    legal_add(dir.path(), &id, "prosecution", 3)
        .args(["--section", "444-1a"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "reason: An education supervision order must be considered",
        ));
    let shown = json_of(legal_add(dir.path(), &id, "penalty-notice", 20).args([
        "--parent",
        "Parent Demo",
        "--reason",
        "Synthetic reason",
        "--json",
    ]));
    let notice = shown["steps"][0]["id"].as_str().expect("id").to_string();
    let corrected = json_of(
        legal_add(dir.path(), &id, "penalty-notice", 20)
            .args(["--parent", "Parent Demo", "--reason", "Synthetic reason"])
            .args(["--paid-on", &ago(2), "--corrects", &notice, "--json"]),
    );
    assert_eq!(corrected["steps"][0]["current"], false);
    assert_eq!(corrected["steps"][1]["corrects"], notice.as_str());
    assert_eq!(corrected["steps"][1]["penalty"]["amount_pence"], 8000);
}

/// #15: a penalty notice with no threshold met in the pupil's marks is refused until --reason
/// is given, and is then shown with "Threshold not met" and the reason under the exception.
#[test]
fn a_penalty_notice_without_the_threshold_met_is_refused_without_reason() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let id = case_id(dir.path(), "B801200005001");
    legal_add(dir.path(), &id, "contract", 90)
        .args(["--parents-present", "--terms", "Synthetic contract terms"])
        .assert()
        .success();
    legal_add(dir.path(), &id, "notice-to-improve", 60)
        .args(["--ends-on", &ago(60 - 28)])
        .args(["--sufficient-improvement", "No unauthorised absence"])
        .assert()
        .success();
    legal_add(dir.path(), &id, "penalty-notice", 10)
        .args(["--parent", "Parent Demo"])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("reason: The penalty notice threshold")
                .and(predicate::str::contains("give the reason")),
        );
    let shown = json_of(caseload(dir.path()).args(["legal", "show", &id, "--json"]));
    assert_eq!(
        shown["steps"].as_array().expect("steps").len(),
        2,
        "refused"
    );
    assert_eq!(shown["threshold"], "Threshold not met");
    legal_add(dir.path(), &id, "penalty-notice", 10)
        .args(["--parent", "Parent Demo"])
        .args(["--reason", "Synthetic: the register was late"])
        .assert()
        .success();
    caseload(dir.path())
        .args(["legal", "show", &id])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("    Threshold not met")
                .and(predicate::str::contains(
                    "Issued before the threshold was met: Synthetic: the register was late",
                ))
                .and(predicate::str::contains(
                    "Penalty notice threshold: Threshold not met",
                )),
        );
}
