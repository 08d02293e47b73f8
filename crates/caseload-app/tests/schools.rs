//! The worker's link schools on a temporary encrypted store.

mod common;

use caseload_app::schools::{ContactInput, LinkSchoolSetRequest};
use caseload_app::{AppError, schools};
use common::*;

#[test]
fn a_link_school_is_added_then_updated_by_its_urn() {
    let (_d, cx) = created();
    let request = |champion: &str| LinkSchoolSetRequest {
        urn: "100321".into(),
        name: "Testschool Orchard Academy".into(),
        phase: "secondary".into(),
        attendance_champion: ContactInput {
            name: champion.into(),
            phone: None,
            email: Some("champion@example.com".into()),
        },
        dsl: ContactInput::default(),
    };
    schools::link_school_set(&cx, request("Champion One")).expect("add");
    let schools = schools::link_school_set(&cx, request("Champion Two")).expect("update");
    assert_eq!(schools.len(), 1);
    assert_eq!(
        schools[0]
            .attendance_champion
            .as_ref()
            .map(|c| c.name.as_str()),
        Some("Champion Two")
    );
    assert_eq!(schools[0].dsl, None);
    let bad = schools::link_school_set(
        &cx,
        LinkSchoolSetRequest {
            urn: "12".into(),
            ..request("x")
        },
    )
    .expect_err("bad urn");
    let AppError::Validation { fields, .. } = bad else {
        panic!("validation expected")
    };
    assert_eq!(fields[0].field, "school_urn");
    assert_eq!(schools::link_school_list(&cx, ()).expect("list").len(), 1);
}
