//! Search across the caseload's pupils on a temporary encrypted store.

mod common;

use caseload_app::search::{self, SearchRequest};
use caseload_domain::CaseId;
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

#[test]
fn of_two_pupils_with_the_same_name_the_open_case_comes_before_the_declined_one() {
    use caseload_domain::CaseStatus;
    use caseload_domain::case::TransitionKind;

    let (_d, cx) = created();
    let declined = add(&cx, "B801200005001", "primary", 10);
    step(&cx, &declined, TransitionKind::Decline, 9).expect("decline");
    let closed = add(&cx, "P207000016049", "primary", 10);
    step(&cx, &closed, TransitionKind::Accept, 9).expect("accept");
    step(&cx, &closed, TransitionKind::Allocate, 8).expect("allocate");
    step(&cx, &closed, TransitionKind::Close, 7).expect("close");
    let third = format!(
        "{}801200005099",
        caseload_domain::upn::check_letter(b"801200005099").expect("letter")
    );
    let active = add(&cx, &third, "primary", 10);
    step(&cx, &active, TransitionKind::Accept, 9).expect("accept");
    step(&cx, &active, TransitionKind::Allocate, 8).expect("allocate");
    step(&cx, &active, TransitionKind::StartCycle, 7).expect("start");

    let hits = search::search(
        &cx,
        SearchRequest {
            query: "Testpupil Lifecycle".into(),
        },
    )
    .expect("search");
    let order: Vec<(CaseId, CaseStatus)> =
        hits.iter().map(|h| (h.case_id.clone(), h.status)).collect();
    assert_eq!(order.len(), 3);
    assert_eq!(order[0], (active, CaseStatus::Active));
    assert!(
        order[1..].iter().all(|(_, s)| !s.is_open()),
        "the declined and closed cases come after the open one: {order:?}"
    );
}
