//! Targeting Support Meetings through the use cases the app and the CLI call: planning one
//! per school per term, the preparation pack, recording live, finishing and referral.

mod common;

use caseload_app::cases::{AttendanceRecordRequest, CaseGetRequest};
use caseload_app::chronology::ChronologyListRequest;
use caseload_app::tsm::{
    TsmActionAddRequest, TsmGetRequest, TsmPlanRequest, TsmPupilAddRequest, TsmPupilUpdateRequest,
    TsmReferRequest,
};
use caseload_app::{AppError, cases, chronology, tsm};
use caseload_domain::chronology::ContactKind;
use caseload_domain::plan::Barrier;
use caseload_domain::tsm::{ProblemAt, TsmStatus};
use common::tsm::*;
use common::{add, ago, created};

#[test]
fn a_school_gets_one_meeting_a_term_and_only_if_it_is_linked() {
    let (_d, cx) = created();
    let unlinked = tsm::tsm_plan(
        &cx,
        TsmPlanRequest {
            school_urn: URN.into(),
            meeting_date: ago(1),
            term: None,
        },
    );
    assert_eq!(unlinked.map_err(kind).err(), Some("not_found"));
    link(&cx);
    let v = plan(&cx, 1);
    assert_eq!(v.status, TsmStatus::Planned);
    let again = tsm::tsm_plan(
        &cx,
        TsmPlanRequest {
            school_urn: URN.into(),
            meeting_date: ago(1),
            term: None,
        },
    );
    assert_eq!(again.map_err(kind).err(), Some("conflict"));
    let wrong_term = tsm::tsm_plan(
        &cx,
        TsmPlanRequest {
            school_urn: URN.into(),
            meeting_date: ago(1),
            term: Some("2001-spring".into()),
        },
    );
    assert_eq!(wrong_term.map_err(kind).err(), Some("validation"));
}

#[test]
fn the_preparation_pack_flags_severely_absent_pupils_without_a_plan() {
    let (_d, cx) = created();
    link(&cx);
    let severe = add(&cx, "B801200005001", "secondary", 30);
    let fine = add(&cx, "P207000016049", "secondary", 30);
    for (id, present) in [(&severe, "40"), (&fine, "97")] {
        cases::attendance_record(
            &cx,
            AttendanceRecordRequest {
                id: id.clone(),
                as_at: ago(2),
                possible: "100".into(),
                present: present.into(),
                authorised: "0".into(),
                unauthorised: (100 - present.parse::<u32>().expect("n")).to_string(),
            },
        )
        .expect("reading");
    }
    let v = plan(&cx, 1);
    assert_eq!(v.prep.pupils.len(), 2);
    assert_eq!((v.prep.severe_absence, v.prep.severe_without_plan), (1, 1));
    let first = &v.prep.pupils[0];
    assert_eq!(
        (
            first.case_id.clone(),
            first.attendance_pct,
            first.needs_plan
        ),
        (Some(severe.clone()), Some(40.0), true)
    );
    assert_eq!(first.band.as_deref(), Some("31-40"));
    let v = tsm::tsm_pupil_add(
        &cx,
        TsmPupilAddRequest {
            id: v.id.clone(),
            case_id: Some(severe),
            name: None,
            upn: None,
            year_group: None,
        },
    )
    .expect("discuss");
    let d = &v.discussions[0];
    assert_eq!(
        (d.attendance_pct, d.severe_absence, d.has_plan),
        (Some(40.0), true, Some(false))
    );
    assert!(v.prep.pupils[0].discussed);
}

#[test]
fn what_is_typed_is_kept_as_typed_and_finishing_needs_it_complete() {
    let (_d, cx) = created();
    link(&cx);
    let id = plan(&cx, 1).id;
    let d = typed_pupil(&cx, &id, "Pupil Synthetic");
    let v = tsm::tsm_pupil_update(
        &cx,
        TsmPupilUpdateRequest {
            discussion_id: d.id,
            name: "Pupil Synthetic".into(),
            barriers: vec![Barrier::Transport],
            has_plan: None,
            notes: "Bus pass expired; mum wor".into(),
        },
    )
    .expect("notes");
    assert_eq!(v.discussions[0].notes, "Bus pass expired; mum wor");
    tsm::tsm_action_add(
        &cx,
        TsmActionAddRequest {
            id: id.clone(),
            discussion_id: Some(d.id),
        },
    )
    .expect("empty action");
    let refused = tsm::tsm_finish(&cx, TsmGetRequest { id: id.clone() }).expect_err("incomplete");
    match refused {
        AppError::Incomplete { problems, .. } => {
            let places: Vec<ProblemAt> = problems.iter().map(|p| p.place).collect();
            assert!(places.contains(&ProblemAt::Attendees), "{places:?}");
            assert!(
                places.iter().any(|p| matches!(p, ProblemAt::Action(_))),
                "{places:?}"
            );
        }
        other => panic!("expected incomplete, got {other:?}"),
    }
}

#[test]
fn finishing_puts_the_discussion_in_the_case_chronology_once_and_fixes_the_record() {
    let (_d, cx) = created();
    link(&cx);
    let case = add(&cx, "B801200005001", "secondary", 30);
    let id = plan(&cx, 1).id;
    attendees(&cx, &id);
    let v = tsm::tsm_pupil_add(
        &cx,
        TsmPupilAddRequest {
            id: id.clone(),
            case_id: Some(case.clone()),
            name: None,
            upn: None,
            year_group: None,
        },
    )
    .expect("discuss");
    action(
        &cx,
        &id,
        Some(v.discussions[0].id),
        "Home visit with early help",
        &ago(0),
    );
    let v = tsm::tsm_finish(&cx, TsmGetRequest { id: id.clone() }).expect("finish");
    assert_eq!(v.status, TsmStatus::Finished);
    assert!(v.discussions[0].in_chronology);
    let entries = chronology::chronology_list(
        &cx,
        ChronologyListRequest {
            case_id: case,
            kind: Some(ContactKind::TsmDiscussion),
        },
    )
    .expect("chronology");
    assert_eq!(entries.len(), 1);
    assert!(entries[0].who.contains("Champion Demo"));
    assert!(
        entries[0]
            .outcome
            .as_deref()
            .unwrap_or("")
            .contains("Home visit with early help")
    );
    let due = caseload_domain::dates::long_date(common::today());
    assert!(
        entries[0]
            .outcome
            .as_deref()
            .unwrap_or("")
            .ends_with(&format!("due {due})")),
        "the due date is written out: {:?}",
        entries[0].outcome
    );
    assert_eq!(
        entries[0].next_step.as_deref(),
        Some(format!("Home visit with early help by {due}").as_str())
    );
    let edit = tsm::tsm_action_add(
        &cx,
        TsmActionAddRequest {
            id,
            discussion_id: None,
        },
    );
    assert_eq!(edit.map_err(kind).err(), Some("conflict"));
}

#[test]
fn a_pupil_discussed_becomes_a_case_referral_from_the_meeting_in_one_step() {
    let (_d, cx) = created();
    link(&cx);
    let id = plan(&cx, 3).id;
    let d = typed_pupil(&cx, &id, "Newpupil Synthetic");
    let missing = tsm::tsm_refer(
        &cx,
        TsmReferRequest {
            discussion_id: d.id,
            date_of_birth: None,
            upn: None,
            year_group: None,
        },
    );
    assert_eq!(missing.map_err(kind).err(), Some("validation"));
    let v = tsm::tsm_refer(
        &cx,
        TsmReferRequest {
            discussion_id: d.id,
            date_of_birth: Some("2013-05-06".into()),
            upn: Some("B801200005001".into()),
            year_group: None,
        },
    )
    .expect("refer");
    let case_id = v.discussions[0].case_id.clone().expect("linked");
    let case = cases::case_get(&cx, CaseGetRequest { id: case_id }).expect("case");
    assert_eq!(
        case.referral_source,
        "TSM: Synthetic School, ".to_string() + &v.term_label
    );
    assert_eq!(case.referral_date, ago(3));
    assert_eq!(case.pupil.legal_name, "Newpupil Synthetic");
    let again = tsm::tsm_refer(
        &cx,
        TsmReferRequest {
            discussion_id: d.id,
            date_of_birth: Some("2013-05-06".into()),
            upn: None,
            year_group: None,
        },
    );
    assert_eq!(again.map_err(kind).err(), Some("conflict"));
}
