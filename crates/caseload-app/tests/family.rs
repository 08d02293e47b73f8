//! A pupil's family on a temporary encrypted store: carers, siblings on the caseload, details.

mod common;

use caseload_app::family::{
    CarerAddRequest, FamilyGetRequest, PupilDetailsSetRequest, SiblingLinkRequest,
};
use caseload_app::search::SearchRequest;
use caseload_app::{family, search};
use caseload_domain::family::{KeyProfessional, PupilFlag};
use common::*;

#[test]
fn a_pupil_with_two_parents_and_a_sibling_at_another_school_is_seen_as_one_family() {
    let (_d, cx) = created();
    let pupil = add(&cx, "B801200005001", "primary", 5);
    let sibling = add(&cx, "P207000016049", "secondary", 5);
    let details = family::pupil_details_set(
        &cx,
        PupilDetailsSetRequest {
            case_id: pupil.clone(),
            address: Some("1 Synthetic Row\nDemo Town".into()),
            postcode: Some("zz9 9zz".into()),
            ward: Some("Demo Ward".into()),
            flags: vec![PupilFlag::Fsm, PupilFlag::Ebsa],
            key_professionals: vec![KeyProfessional {
                role: "School nurse".into(),
                name: "Nurse Demo".into(),
                organisation: "Demo NHS".into(),
                contact: String::new(),
            }],
            part_time_review_on: None,
        },
    )
    .expect("details");
    assert_eq!(details.postcode.as_deref(), Some("ZZ9 9ZZ"));
    for (name, relationship, pr) in [
        ("Parentone Demofam", "Mother", true),
        ("Parenttwo Demofam", "Stepfather", false),
    ] {
        family::carer_add(
            &cx,
            CarerAddRequest {
                case_id: pupil.clone(),
                name: name.into(),
                relationship: relationship.into(),
                phone: None,
                email: None,
                parental_responsibility: pr,
            },
        )
        .expect("carer");
    }
    family::sibling_link(
        &cx,
        SiblingLinkRequest {
            case_id: pupil.clone(),
            sibling_case_id: sibling.clone(),
        },
    )
    .expect("link");
    let from_sibling = family::family_get(
        &cx,
        FamilyGetRequest {
            case_id: sibling.clone(),
        },
    )
    .expect("family");
    let family = from_sibling.family.expect("family");
    assert_eq!(family.carers.len(), 2);
    assert!(family.carers[0].parental_responsibility && !family.carers[1].parental_responsibility);
    assert_eq!(
        family
            .siblings
            .iter()
            .map(|s| s.case_id.clone())
            .collect::<Vec<_>>(),
        vec![Some(pupil.clone())]
    );
    let hits = search::search(
        &cx,
        SearchRequest {
            query: "parentone".into(),
        },
    )
    .expect("search");
    assert_eq!(hits.len(), 2, "both children are found by a carer's name");
    let e = family::sibling_link(
        &cx,
        SiblingLinkRequest {
            case_id: pupil.clone(),
            sibling_case_id: pupil,
        },
    )
    .expect_err("self");
    assert_eq!(e.kind(), "validation");
}
