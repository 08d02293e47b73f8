//! The built `caseload` binary on a pupil's family: carers, siblings, other children.

mod common;

use common::*;

#[test]
fn a_family_with_carers_and_a_sibling_is_recorded_from_the_cli() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let pupil = case_id(dir.path(), "B801200005001");
    let sibling = case_id(dir.path(), "P207000016049");
    caseload(dir.path())
        .args([
            "family",
            "carer-add",
            &pupil,
            "--name",
            "Parentone Demofam",
            "--relationship",
            "Mother",
            "--parental-responsibility",
        ])
        .assert()
        .success();
    caseload(dir.path())
        .args(["family", "sibling", &pupil, &sibling])
        .assert()
        .success();
    caseload(dir.path())
        .args([
            "family",
            "child-add",
            &pupil,
            "--name",
            "Littleone Demofam",
            "--school",
            "Demo Nursery",
        ])
        .assert()
        .success();
    let view = json_of(caseload(dir.path()).args(["family", "show", &sibling, "--json"]));
    assert_eq!(view["family"]["carers"][0]["parental_responsibility"], true);
    assert_eq!(view["family"]["siblings"][0]["case_id"], pupil.as_str());
    assert_eq!(
        view["family"]["other_children"][0]["name"],
        "Littleone Demofam"
    );
}
