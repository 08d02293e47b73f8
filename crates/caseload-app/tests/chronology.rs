//! A case's chronology on a temporary encrypted store: entries, corrections and what is refused.

mod common;

use caseload_app::chronology::ChronologyListRequest;
use caseload_app::{AppError, chronology};
use caseload_domain::chronology::ContactKind;
use chrono::Duration;
use common::*;

#[test]
fn a_correction_is_a_new_entry_shown_with_the_one_it_corrects() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 5);
    let first = chronology::chronology_add(&cx, entry_request(&id, "Visited; pupil at home", None))
        .expect("add");
    let original = first[0].id.clone();
    let after = chronology::chronology_add(
        &cx,
        entry_request(&id, "Visited; pupil was at school", Some(original.clone())),
    )
    .expect("correct");
    assert_eq!(after.len(), 2);
    assert_eq!(
        after[0].what, "Visited; pupil at home",
        "the original is kept as it was"
    );
    assert_eq!(after[0].corrected_by, vec![after[1].id.clone()]);
    assert_eq!(after[1].corrects, Some(original));
    let calls = chronology::chronology_list(
        &cx,
        ChronologyListRequest {
            case_id: id,
            kind: Some(ContactKind::PhoneCall),
        },
    )
    .expect("filter");
    assert!(calls.is_empty());
}

#[test]
fn a_correction_must_point_at_an_entry_of_the_same_case() {
    let (_d, cx) = created();
    let a = add(&cx, "B801200005001", "primary", 5);
    let b = add(&cx, "P207000016049", "primary", 5);
    let entry_of_a = chronology::chronology_add(&cx, entry_request(&a, "Call", None)).expect("add")
        [0]
    .id
    .clone();
    let e = chronology::chronology_add(&cx, entry_request(&b, "Call", Some(entry_of_a)))
        .expect_err("cross-case");
    let AppError::Validation { fields, .. } = e else {
        panic!("validation expected")
    };
    assert_eq!(fields[0].field, "corrects");
}

#[test]
fn an_entry_in_the_future_or_without_what_happened_is_refused() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 5);
    let mut future = entry_request(&id, "", None);
    future.occurred_at = format!("{}T10:30", (today() + Duration::days(2)));
    let AppError::Validation { fields, .. } =
        chronology::chronology_add(&cx, future).expect_err("invalid")
    else {
        panic!("validation expected")
    };
    let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(names, vec!["occurred_at", "what"]);
}
