//! `caseload wards load|status` and `caseload export ward-bands` as the council publishes the
//! table (issue 15): each ward's share of the authority's pupils in each band, a Grand Total
//! column, an LA Total row and a "Postcode unmatched" row, with wards from postcodes.

mod common;

use common::{caseload, init, json_of, share_as};
use serde_json::Value;

const HEADER: &str = "UPN,Possible Sessions,Present,Authorised Absence,Unauthorised Absence,As At,Phase,Ward,Postcode\n";

/// A synthetic summary file: (UPN serial, present of 100, ward, postcode).
fn summary(dir: &std::path::Path, name: &str, rows: &[(u32, u32, &str, &str)]) {
    let today = chrono::Utc::now().date_naive();
    let mut text = String::from(HEADER);
    for &(serial, present, ward, postcode) in rows {
        let rest = format!("8012000{serial:05}");
        let letter = caseload_domain::upn::check_letter(rest.as_bytes()).expect("letter");
        text.push_str(&format!(
            "{letter}{rest},100,{present},{},0,{today},primary,{ward},{postcode}\n",
            100 - present
        ));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    json_of(caseload(dir).args(["import", "summary", path.to_str().expect("path"), "--json"]));
}

fn ward_bands(dir: &std::path::Path) -> Value {
    let out = dir.join(format!("out-{}", rand_suffix()));
    let saved = json_of(
        caseload(dir)
            .args(["export", "ward-bands", "--format", "json", "--out"])
            .arg(&out)
            .arg("--json"),
    );
    let path = saved["files"][0]["path"].as_str().expect("path");
    serde_json::from_slice(&std::fs::read(path).expect("read")).expect("json")
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

fn table<'a>(summary: &'a Value, id: &str) -> &'a Value {
    summary["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .find(|t| t["id"] == id)
        .expect("table")
}

fn row<'a>(table: &'a Value, ward: &str) -> &'a Value {
    table["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["ward"] == ward)
        .unwrap_or_else(|| panic!("no row {ward}: {table}"))
}

#[test]
fn ward_bands_over_two_imports_give_column_shares_a_grand_total_and_an_la_total() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    init(dir);
    share_as(dir, "aw-ward", None);
    // Two schools' files. Some pupils have a ward in the file, some only a postcode, one a
    // postcode no lookup has, one neither.
    summary(
        dir,
        "school-a.csv",
        &[
            (1, 95, "Synthetic Meadow", ""),
            (2, 95, "Synthetic Meadow", ""),
            (3, 55, "Synthetic Abbey", ""),
            (4, 95, "", "zz99 1aa"),
            (5, 25, "", "ZZ99 2AB"),
            (6, 95, "", "ZZ99 9ZZ"),
        ],
    );
    summary(
        dir,
        "school-b.csv",
        &[
            (11, 55, "Synthetic Orchard", ""),
            (12, 95, "Synthetic Orchard", ""),
            (13, 55, "", "ZZ99 1AA"),
            (14, 25, "", ""),
        ],
    );
    let before = ward_bands(dir);
    let bands = table(&before, "ward_bands");
    let unmatched = row(table(&before, "ward_counts"), "Postcode unmatched");
    assert_eq!(
        unmatched["grand_total"], 5,
        "no lookup yet: 4 postcodes + 1 with none"
    );

    // The lookup places the postcode-only pupils of both files already imported.
    let lookup = dir.join("lookup.csv");
    std::fs::write(
        &lookup,
        "pcds,wd25cd,wd25nm\nZZ99 1AA,E05000001,Synthetic Meadow\nZZ99 2AB,E05000002,Synthetic Abbey\nnot-a-postcode,E05000003,Synthetic Orchard\n",
    )
    .expect("write");
    let loaded =
        json_of(caseload(dir).args(["wards", "load", lookup.to_str().expect("p"), "--json"]));
    assert_eq!(loaded["postcodes"], 2);
    assert_eq!(loaded["malformed_postcode"], 1);
    assert_eq!(loaded["left_out_lines"], serde_json::json!([4]));
    let status = json_of(caseload(dir).args(["wards", "status", "--json"]));
    assert_eq!(
        (status["postcodes"].as_u64(), status["wards"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(status["file_name"], "lookup.csv");

    let after = ward_bands(dir);
    let bands_after = table(&after, "ward_bands");
    let counts = table(&after, "ward_counts");
    let wards: Vec<&str> = bands_after["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["ward"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        wards,
        [
            "Synthetic Abbey",
            "Synthetic Meadow",
            "Synthetic Orchard",
            "Postcode unmatched",
            "LA Total"
        ]
    );
    assert_eq!(
        row(counts, "Synthetic Meadow")["grand_total"],
        4,
        "2 by ward, 2 by postcode"
    );
    assert_eq!(row(counts, "Postcode unmatched")["grand_total"], 2);
    assert_eq!(row(counts, "LA Total")["grand_total"], 10);
    assert_eq!(row(counts, "LA Total")["band_91_100"], 5);

    // The acceptance: down the wards (the LA Total row left out) each band's shares add to 100
    // (±0.1), and so does the Grand Total column; the LA Total row is 100 in every band.
    let keys: Vec<String> = bands_after["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .map(|c| c["key"].as_str().unwrap_or("").to_string())
        .filter(|k| k.starts_with("band_") || k == "grand_total")
        .collect();
    assert_eq!(keys.len(), 11);
    assert_eq!(keys.last().map(String::as_str), Some("grand_total"));
    let la = row(bands_after, "LA Total");
    for key in &keys {
        let column: Vec<f64> = bands_after["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .filter(|r| r["ward"] != "LA Total")
            .filter_map(|r| r[key].as_f64())
            .collect();
        if la[key].is_null() {
            assert!(column.is_empty(), "{key}: a band with no pupils is blank");
            continue;
        }
        let sum: f64 = column.iter().sum();
        assert!((sum - 100.0).abs() <= 0.1 + 1e-9, "{key}: {sum}");
        assert_eq!(la[key].as_f64(), Some(100.0), "{key}");
    }
    // Meadow: 3 of the 5 pupils at 91-100 (60%), 4 of 10 pupils (40%).
    assert_eq!(
        row(bands_after, "Synthetic Meadow")["band_91_100"].as_f64(),
        Some(60.0)
    );
    assert_eq!(
        row(bands_after, "Synthetic Meadow")["grand_total"].as_f64(),
        Some(40.0)
    );
    assert_ne!(bands, bands_after);
    // Beside it, each ward's attendance this year, the LA Total included.
    let attendance = table(&after, "ward_attendance");
    assert_eq!(
        row(attendance, "LA Total")["all_this_year"].as_f64(),
        Some(69.0),
        "690 of 1,000 sessions"
    );
}

#[test]
fn a_lookup_without_a_postcode_column_is_refused_and_the_status_says_none_is_loaded() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    init(dir);
    let lookup = dir.join("lookup.csv");
    std::fs::write(&lookup, "ward code,ward name\nE05000001,Synthetic Meadow\n").expect("write");
    let out = caseload(dir)
        .args(["wards", "load", lookup.to_str().expect("p")])
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&out);
    assert!(err.contains("no column for postcode"), "{err}");
    let status = json_of(caseload(dir).args(["wards", "status", "--json"]));
    assert_eq!(status["loaded"], false);
}

#[test]
fn ward_bands_count_each_wards_pupils_in_each_group_of_the_local_model() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    init(dir);
    share_as(dir, "aw-ward", None);
    summary(
        dir,
        "groups.csv",
        &[
            (1, 80, "Abbey", ""),
            (2, 50, "Abbey", ""),
            (3, 90, "Riverside", ""),
            (4, 30, "Riverside", ""),
        ],
    );
    let bands = ward_bands(dir);
    let groups = table(&bands, "ward_model_groups");
    let abbey = row(groups, "Abbey");
    assert_eq!(
        (&abbey["group_1"], &abbey["group_2"], &abbey["group_3"]),
        (&Value::from(1), &Value::from(1), &Value::from(1))
    );
    let riverside = row(groups, "Riverside");
    assert_eq!(
        riverside["group_1"],
        Value::from(1),
        "90% is Wave 1; 30% none"
    );
    assert_eq!(riverside["group_2"], Value::from(0));
    assert_eq!(row(groups, "LA Total")["group_1"], Value::from(2));
    let headers: Vec<&str> = groups["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .filter_map(|c| c["header"].as_str())
        .collect();
    assert_eq!(headers, ["Ward", "Wave 1", "Wave 2", "Wave 3"]);
}
