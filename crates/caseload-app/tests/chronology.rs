//! The case-record use cases (chronology, plan, family) on a temporary encrypted store.

mod common;

use caseload_app::cases::CaseGetRequest;
use caseload_app::chronology::ChronologyListRequest;
use caseload_app::family::{
    CarerAddRequest, FamilyGetRequest, PupilDetailsSetRequest, SiblingLinkRequest,
};
use caseload_app::plan::{
    PlanActionAddRequest, PlanActionStatusRequest, PlanGetRequest, PlanSetRequest,
};
use caseload_app::schools::{ContactInput, LinkSchoolSetRequest};
use caseload_app::search::SearchRequest;
use caseload_app::{AppError, cases, chronology, dashboard, family, plan, schools, search};
use caseload_domain::chronology::ContactKind;
use caseload_domain::due::DueKind;
use caseload_domain::family::{KeyProfessional, PupilFlag};
use caseload_domain::plan::{ActionStatus, Barrier};
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

#[test]
fn a_plan_with_a_smart_target_and_two_actions_makes_the_earliest_open_action_next_due() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 10);
    let plan = plan::plan_set(
        &cx,
        PlanSetRequest {
            case_id: id.clone(),
            barriers: vec![Barrier::SemhEbsa, Barrier::Transport],
            other_barriers: Some("Sibling's hospital appointments".into()),
            target_pct: Some("92.5".into()),
            target_by: Some((today() + Duration::days(60)).to_string()),
            interventions: Some("Morning check-in with a trusted adult".into()),
            review_dates: vec![(today() + Duration::days(20)).to_string()],
        },
    )
    .expect("plan");
    assert_eq!(plan.target_pct, Some(92.5));
    for (what, days) in [("Arrange bus pass", 3), ("Refer to EBSA service", -2)] {
        plan::plan_action_add(
            &cx,
            PlanActionAddRequest {
                case_id: id.clone(),
                what: what.into(),
                owner: "LA attendance team".into(),
                due_on: (today() + Duration::days(days)).to_string(),
            },
        )
        .expect("action");
    }
    let detail = cases::case_get(&cx, CaseGetRequest { id: id.clone() }).expect("case");
    let due = detail.next_due.expect("due");
    assert_eq!(
        (due.kind, due.what.as_deref(), due.overdue),
        (DueKind::Action, Some("Refer to EBSA service"), true)
    );
    let plan = plan::plan_get(
        &cx,
        PlanGetRequest {
            case_id: id.clone(),
        },
    )
    .expect("plan");
    let overdue = plan
        .actions
        .iter()
        .find(|a| a.overdue)
        .expect("overdue action")
        .id
        .clone();
    plan::plan_action_status(
        &cx,
        PlanActionStatusRequest {
            case_id: id.clone(),
            action_id: overdue,
            status: ActionStatus::Done,
            on_date: ago(0),
        },
    )
    .expect("done");
    let dash = dashboard::dashboard(&cx, ()).expect("dashboard");
    let next = dash.rows[0].next_due.clone().expect("due");
    assert_eq!(next.what.as_deref(), Some("Arrange bus pass"));
    assert_eq!(
        dash.due_this_week.len(),
        usize::from(today() + Duration::days(3) <= caseload_domain::due::end_of_week(today()))
    );
}

#[test]
fn a_target_without_a_date_and_an_action_without_an_owner_are_refused_at_their_fields() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 10);
    let e = plan::plan_set(
        &cx,
        PlanSetRequest {
            case_id: id.clone(),
            barriers: vec![],
            other_barriers: None,
            target_pct: Some("95".into()),
            target_by: None,
            interventions: None,
            review_dates: vec![],
        },
    )
    .expect_err("no date");
    let AppError::Validation { fields, .. } = e else {
        panic!("validation expected")
    };
    assert_eq!(fields[0].field, "target_by");
    let e = plan::plan_action_add(
        &cx,
        PlanActionAddRequest {
            case_id: id,
            what: "Call".into(),
            owner: " ".into(),
            due_on: ago(0),
        },
    )
    .expect_err("no owner");
    let AppError::Validation { fields, .. } = e else {
        panic!("validation expected")
    };
    assert_eq!(fields[0].field, "owner");
}

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
