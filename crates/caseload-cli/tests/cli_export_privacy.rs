//! `caseload case transition … close --category` and `caseload export` with --free-text
//! (--preview, then --preview-seen) and --identifiable (--recipient, --lawful-basis, --purpose),
//! run as a script would run them (issue 14).

mod common;

use common::*;
use predicates::prelude::*;

const REASON: &str = "Moved; tel 07700 900123, DOB 2014-03-27, 4 Acacia Road";

#[test]
fn closing_needs_a_category_and_free_text_leaves_only_scrubbed_after_its_preview() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    init(d);
    let id = case_id(d, "B801200005001");
    let step = |args: &[&str]| {
        caseload(d)
            .args(["case", "transition", &id])
            .args(args)
            .assert()
    };
    step(&["accept"]).success();
    step(&["allocate", "--team", "afsw", "--worker", "A. Worker"]).success();
    step(&["close", "--note", REASON])
        .failure()
        .stderr(predicate::str::contains("Choose why the case closed"));
    step(&["close", "--note", REASON, "--category", "moved"])
        .failure()
        .stderr(predicate::str::contains("moved-school-or-area"));
    step(&[
        "close",
        "--note",
        REASON,
        "--category",
        "moved-school-or-area",
    ])
    .success();
    caseload(d)
        .args(["case", "show", &id])
        .assert()
        .success()
        .stdout(predicate::str::contains("Moved school or out of area"));

    let share = tempfile::tempdir().expect("share");
    caseload(d)
        .args([
            "share",
            "--worker-id",
            "aw-cli",
            "--team",
            "afsw",
            "--folder",
        ])
        .arg(share.path())
        .assert()
        .success();
    let out = tempfile::tempdir().expect("out");
    let export = |extra: &[&str]| {
        let mut cmd = caseload(d);
        cmd.args(["export", "closures", "--out"])
            .arg(out.path())
            .args(extra);
        cmd
    };
    export(&["--free-text"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("Preview the free text"));
    let preview = json_of(&mut export(&["--free-text", "--preview", "--json"]));
    let text = preview["rows"][0]["text"].as_str().expect("a row");
    assert!(text.contains("[phone removed]"), "{text}");
    assert!(
        !text.contains("900123") && !text.contains("Acacia"),
        "{text}"
    );
    assert_eq!(
        std::fs::read_dir(out.path()).expect("out").count(),
        0,
        "a preview writes nothing"
    );
    let token = preview["token"].as_str().expect("token");
    let saved = json_of(&mut export(&[
        "--free-text",
        "--preview-seen",
        token,
        "--json",
    ]));
    let csv =
        std::fs::read_to_string(saved["files"][0]["path"].as_str().expect("path")).expect("csv");
    assert!(csv.contains("[phone removed]"), "{csv}");
    assert!(csv.contains("Moved school or out of area"), "{csv}");
    assert!(
        !csv.contains("900123") && !csv.contains("2014-03-27"),
        "{csv}"
    );

    // Names need who receives them, the lawful basis and the purpose.
    export(&["--identifiable", "--recipient", "x"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("lawful basis"));
    export(&["--recipient", "Legal officer"]).assert().failure();
    let named = json_of(&mut export(&[
        "--identifiable",
        "--recipient",
        "Legal officer, council legal services",
        "--lawful-basis",
        "legal-proceedings",
        "--purpose",
        "Prepare the prosecution file",
        "--json",
    ]));
    let csv =
        std::fs::read_to_string(named["files"][0]["path"].as_str().expect("path")).expect("csv");
    assert!(
        csv.contains("Testpupil Zebedee-Quux"),
        "an identifiable export names the pupil"
    );
}
