//! `caseload import …` on the built binary: summaries taken in, on the dashboard and in the
//! import list.

mod common;

use common::{add, caseload, init, json_of};
use serde_json::json;

#[test]
fn imported_summaries_show_on_the_dashboard_and_in_the_import_list() {
    let tmp = tempfile::tempdir().expect("tmp");
    init(tmp.path());
    add(tmp.path(), "B801200005001");
    let path = tmp.path().join("summary.csv");
    let today = chrono::Utc::now().date_naive();
    std::fs::write(
        &path,
        format!("\u{feff}UPN,Possible Sessions,Present,Authorised Absence,Unauthorised Absence,As At\nB801200005001,120,84,20,16,{today}\n"),
    )
    .expect("write");
    let imported = json_of(caseload(tmp.path()).args([
        "import",
        "summary",
        path.to_str().expect("path"),
        "--json",
    ]));
    assert_eq!(
        (imported["rows"].as_u64(), imported["on_caseload"].as_u64()),
        (Some(1), Some(1))
    );
    let dashboard = json_of(caseload(tmp.path()).args(["dashboard", "--json"]));
    assert_eq!(dashboard["rows"][0]["attendance_pct"], json!(70.0));
    let rules: Vec<&str> = dashboard["rows"][0]["alerts"]
        .as_array()
        .expect("alerts")
        .iter()
        .map(|a| a["rule"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(rules, vec!["persistent_absence"]);
    let list = json_of(caseload(tmp.path()).args(["import", "list", "--json"]));
    assert_eq!(list[0]["file_name"], "summary.csv");
    assert_eq!(list[0]["sha256"].as_str().map(str::len), Some(64));
}
