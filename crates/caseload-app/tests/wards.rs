//! The postcode-to-ward lookup from Settings (#15): the file is chosen in the backend's dialog
//! and loaded by its token; a second load replaces the first; a refused file leaves the lookup
//! as it was; the status says what it holds.

mod common;

use caseload_app::dispatch;
use serde_json::json;

#[test]
fn a_lookup_chosen_in_the_backend_dialog_is_loaded_by_its_token_and_replaces_the_last() {
    let (dir, cx) = common::created();
    let status = dispatch(&cx, "postcode_lookup_status", json!(null)).expect("status");
    assert_eq!(status["loaded"], false);

    let first = dir.path().join("council-wards.csv");
    std::fs::write(
        &first,
        "Postcode,Ward Code,Ward Name\nZZ99 1AA,E05000001,Synthetic Meadow\nZZ99 2AB,E05000002,Synthetic Abbey\nZZ9,E05000002,Synthetic Abbey\n",
    )
    .expect("write");
    let second = dir.path().join("national.csv");
    std::fs::write(
        &second,
        "pcd,wd25cd,wd25nm\nZZ991AA,E05000009,Synthetic Orchard\n",
    )
    .expect("write");
    let bad = dir.path().join("no-postcodes.csv");
    std::fs::write(&bad, "ward code,ward name\nE05000001,Synthetic Meadow\n").expect("write");

    // The chooser is set once; it answers whichever file the test picks next.
    let next = std::sync::Arc::new(std::sync::Mutex::new(first.clone()));
    let answer = next.clone();
    cx.set_chooser(move |_| Some(answer.lock().expect("lock").clone()));
    let load = |path: &std::path::Path| {
        *next.lock().expect("lock") = path.to_path_buf();
        let chosen =
            dispatch(&cx, "file_choose", json!({"purpose": "postcode_lookup"})).expect("chosen");
        dispatch(
            &cx,
            "postcode_lookup_load",
            json!({"chosen": chosen["token"]}),
        )
    };
    let loaded = load(&first).expect("loaded");
    assert_eq!(loaded["postcodes"], 2);
    assert_eq!(loaded["wards"], 2);
    assert_eq!(loaded["malformed_postcode"], 1);
    assert_eq!(loaded["left_out_lines"], json!([4]));
    let text = loaded.to_string();
    assert!(
        !text.contains("ZZ9,"),
        "no left-out value is echoed: {text}"
    );

    let refused = load(&bad).expect_err("no postcode column");
    assert_eq!(refused.kind(), "import");
    assert!(
        refused.to_string().contains("no column for postcode"),
        "{refused}"
    );
    let status = dispatch(&cx, "postcode_lookup_status", json!(null)).expect("status");
    assert_eq!(
        (status["postcodes"].as_u64(), status["file_name"].as_str()),
        (Some(2), Some("council-wards.csv")),
        "a refused file leaves the lookup as it was"
    );

    load(&second).expect("replaced");
    let status = dispatch(&cx, "postcode_lookup_status", json!(null)).expect("status");
    assert_eq!(status["postcodes"], 1);
    assert_eq!(status["wards"], 1);
    assert_eq!(status["file_name"], "national.csv");
}
