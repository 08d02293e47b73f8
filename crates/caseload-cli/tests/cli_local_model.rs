//! `caseload local-model …` and the dashboard's model column and `--group` filter (docs/domain.md
//! §5.11): the shipped example until the council changes it, a model from a file, none.

mod common;

use common::{case_id, caseload, init, json_of};
use serde_json::json;

fn record(dir: &std::path::Path, id: &str, present: u32) {
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .date_naive()
        .to_string();
    caseload(dir)
        .args([
            "attendance",
            "record",
            id,
            "--as-at",
            &today,
            "--possible",
            "100",
            "--present",
            &present.to_string(),
            "--authorised",
            &(100 - present).to_string(),
            "--unauthorised",
            "0",
        ])
        .assert()
        .success();
}

#[test]
fn the_dashboard_shows_and_filters_by_the_local_models_groups() {
    let tmp = tempfile::tempdir().expect("tmp");
    init(tmp.path());
    let a = case_id(tmp.path(), "B801200005001");
    let b = case_id(tmp.path(), "P207000016049");
    record(tmp.path(), &a, 80);
    record(tmp.path(), &b, 50);

    // The shipped example until a council changes it.
    let model = json_of(caseload(tmp.path()).args(["local-model", "show", "--json"]));
    assert_eq!(model["groups"][0]["name"], json!("Wave 1"));
    assert_eq!(model["groups"][0]["from_pct"], json!(71));

    let dashboard = json_of(caseload(tmp.path()).args(["dashboard", "--json"]));
    let groups_of = |id: &str| {
        dashboard["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r["id"] == json!(id))
            .expect("row")["model_groups"]
            .clone()
    };
    assert_eq!(groups_of(&a), json!(["Wave 1"]));
    assert_eq!(groups_of(&b), json!(["Wave 2", "Wave 3"]));

    let wave3 = json_of(caseload(tmp.path()).args(["dashboard", "--group", "wave 3", "--json"]));
    assert_eq!(wave3["rows"].as_array().map(Vec::len), Some(1));
    assert_eq!(wave3["rows"][0]["id"], json!(b));
    caseload(tmp.path())
        .args(["dashboard", "--group", "Wave 9"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("Wave 1, Wave 2, Wave 3"));

    // A council's own model, from a file.
    let file = tmp.path().join("model.json");
    std::fs::write(
        &file,
        r#"{"name": "Support tiers", "groups": [{"name": "Tier A", "from_pct": 0, "to_pct": 60, "criteria": ""}]}"#,
    )
    .expect("write");
    caseload(tmp.path())
        .args(["local-model", "set", "--file", file.to_str().expect("path")])
        .assert()
        .success();
    let dashboard = json_of(caseload(tmp.path()).args(["dashboard", "--json"]));
    let tiers: Vec<_> = dashboard["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["model_groups"].clone())
        .collect();
    assert!(tiers.contains(&json!(["Tier A"])) && tiers.contains(&json!([])));

    // A backwards range is refused, and the saved model stays.
    std::fs::write(
        &file,
        r#"{"name": "Bad", "groups": [{"name": "X", "from_pct": 90, "to_pct": 10, "criteria": ""}]}"#,
    )
    .expect("write");
    caseload(tmp.path())
        .args(["local-model", "set", "--file", file.to_str().expect("path")])
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "the start must not be above the end",
        ));
    let model = json_of(caseload(tmp.path()).args(["local-model", "show", "--json"]));
    assert_eq!(model["name"], json!("Support tiers"));

    // None: no groups anywhere.
    caseload(tmp.path())
        .args(["local-model", "none"])
        .assert()
        .success();
    let dashboard = json_of(caseload(tmp.path()).args(["dashboard", "--json"]));
    assert!(
        dashboard["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .all(|r| r["model_groups"] == json!([]))
    );
}

/// The funnel export's table for the local model, read back from its JSON file.
fn model_table(dir: &std::path::Path, out: &std::path::Path) -> Option<serde_json::Value> {
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .date_naive();
    let from = (today - chrono::Days::new(120)).to_string();
    caseload(dir)
        .args([
            "export", "funnel", "--format", "json", "--from", &from, "--out",
        ])
        .arg(out)
        .assert()
        .success();
    let file = std::fs::read_dir(out)
        .expect("out")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .expect("a file");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).expect("read")).expect("json");
    json["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .find(|t| t["id"] == json!("model_groups"))
        .cloned()
}

#[test]
fn the_funnel_export_counts_each_group_of_the_model_and_none_without_one() {
    let tmp = tempfile::tempdir().expect("tmp");
    init(tmp.path());
    caseload(tmp.path())
        .args(["demo", "--pupils", "12"])
        .assert()
        .success();
    let out = tempfile::tempdir().expect("out");
    let table = model_table(tmp.path(), out.path()).expect("a model table");
    let headers: Vec<&str> = table["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .filter_map(|c| c["header"].as_str())
        .collect();
    assert_eq!(headers, ["Row", "Wave 1", "Wave 2", "Wave 3"]);
    assert_eq!(table["rows"][0]["row"], json!("Cases triaged"));
    // The overlapping waves hold the same cases.
    assert_eq!(table["rows"][0]["group_2"], table["rows"][0]["group_3"]);

    caseload(tmp.path())
        .args(["local-model", "none"])
        .assert()
        .success();
    let out = tempfile::tempdir().expect("out");
    assert!(model_table(tmp.path(), out.path()).is_none());
}
