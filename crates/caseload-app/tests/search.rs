//! Search across the caseload's pupils on a temporary encrypted store.

mod common;

use caseload_app::search::{self, SearchRequest};
use common::*;

#[test]
fn search_answers_with_cases_matching_every_typed_word() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 3);
    add(&cx, "P207000016049", "secondary", 3);
    let hits = search::search(
        &cx,
        SearchRequest {
            query: "B80120".into(),
        },
    )
    .expect("search");
    assert_eq!(
        hits.iter().map(|h| h.case_id.clone()).collect::<Vec<_>>(),
        vec![id]
    );
    assert_eq!(
        search::search(
            &cx,
            SearchRequest {
                query: "testpupil synth".into()
            }
        )
        .expect("search")
        .len(),
        2
    );
    assert!(
        search::search(&cx, SearchRequest { query: "".into() })
            .expect("search")
            .is_empty()
    );
}
