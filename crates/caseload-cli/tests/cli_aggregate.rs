//! `caseload aggregate` never adds funnels of different periods (issue 15): without --from and
//! --to each period is its own table; with them, only the funnels for exactly that period are
//! added and every other delivery is named on stderr and in the report's notes.

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::Value;

const AUTUMN: (&str, &str) = ("2025-09-01", "2025-12-19");
const SPRING_2024: (&str, &str) = ("2024-01-02", "2024-03-28");

/// A synthetic worker who delivers one funnel for `period` to `share`.
fn worker_delivers(dir: &std::path::Path, share: &std::path::Path, id: &str, period: (&str, &str)) {
    init(dir);
    caseload(dir)
        .args(["demo", "--pupils", "10", "--seed", "31"])
        .assert()
        .success();
    share_as(dir, id, None);
    caseload(dir)
        .args([
            "export", "funnel", "--format", "json", "--from", period.0, "--to",
        ])
        .arg(period.1)
        .assert()
        .success();
    caseload(dir)
        .args(["sync", "--share"])
        .arg(share)
        .assert()
        .success()
        .stdout(predicate::str::contains("Delivered 1"));
}

fn tables(report: &Value) -> Vec<Value> {
    report["tables"].as_array().expect("tables").clone()
}

fn ids(report: &Value) -> Vec<String> {
    tables(report)
        .iter()
        .map(|t| t["id"].as_str().expect("id").to_string())
        .collect()
}

fn read(path: &std::path::Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("report")).expect("json")
}

#[test]
fn aggregate_with_from_and_to_adds_only_that_periods_funnels_and_names_the_rest() {
    let share = tempfile::tempdir().expect("share");
    let (a, b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    worker_delivers(a.path(), share.path(), "aw-a", AUTUMN);
    worker_delivers(b.path(), share.path(), "aw-b", SPRING_2024);

    // Without a period: two periods, two tables, no mixed label anywhere.
    let out = share.path().join("team-all.json");
    caseload(a.path())
        .args(["aggregate", "--no-suppression", "--share"])
        .arg(share.path())
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("The funnels are for 2 periods"));
    let all = read(&out);
    assert_eq!(
        ids(&all),
        [
            "funnel_2024-01-02_2024-03-28",
            "funnel_2025-09-01_2025-12-19",
            "notes",
            "sources"
        ]
    );
    let text = std::fs::read_to_string(&out).expect("text");
    assert!(!text.contains("2024-01-02 to 2025-12-19"), "{text}");
    assert_eq!(all["from"], Value::Null);

    // With the autumn period: only aw-a's funnel is added; aw-b's is named on stderr.
    let out = share.path().join("team-autumn.json");
    caseload(a.path())
        .args([
            "aggregate",
            "--no-suppression",
            "--from",
            AUTUMN.0,
            "--to",
            AUTUMN.1,
        ])
        .arg("--share")
        .arg(share.path())
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("from 1 deliveries"))
        .stderr(predicate::str::contains(
            "Left out aw-b's funnel for 2024-01-02 to 2024-03-28: its period is not the one \
             asked for (2025-09-01 to 2025-12-19)",
        ));
    let autumn = read(&out);
    assert_eq!(ids(&autumn), ["funnel", "notes", "sources"]);
    assert_eq!(
        (autumn["from"].as_str(), autumn["to"].as_str()),
        (Some(AUTUMN.0), Some(AUTUMN.1))
    );
    let notes = tables(&autumn)
        .into_iter()
        .find(|t| t["id"] == "notes")
        .expect("notes");
    assert!(
        notes["rows"][0]["note"]
            .as_str()
            .expect("note")
            .starts_with("Left out: aw-b's funnel for 2024-01-02 to 2024-03-28"),
        "{notes}"
    );
    let sources = tables(&autumn)
        .into_iter()
        .find(|t| t["id"] == "sources")
        .expect("sources");
    assert_eq!(sources["rows"].as_array().expect("rows").len(), 1);
    assert_eq!(sources["rows"][0]["worker_id"], "aw-a");
    assert_eq!(sources["rows"][0]["period"], "2025-09-01 to 2025-12-19");

    // --from needs --to, and a period must not end before it starts.
    caseload(a.path())
        .args(["aggregate", "--from", AUTUMN.0, "--share"])
        .arg(share.path())
        .arg("--out")
        .arg(share.path().join("x.json"))
        .assert()
        .failure();
    caseload(a.path())
        .args(["aggregate", "--from", AUTUMN.1, "--to", AUTUMN.0, "--share"])
        .arg(share.path())
        .arg("--out")
        .arg(share.path().join("y.json"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("on or after"));
    assert!(!share.path().join("y.json").exists());
}
