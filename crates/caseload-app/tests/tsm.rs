//! Targeting Support Meetings through the use cases the app and the CLI call: planning one
//! per school per term, recording live, finishing, referral, carrying actions forward, the due
//! list, coverage and the record for the school.

mod common;

use caseload_app::types::*;
use caseload_app::{AppError, Caseload, commands};
use common::{add, ago, created};

const URN: &str = "100000";

fn link(cx: &Caseload) {
    commands::link_school_set(
        cx,
        LinkSchoolSetRequest {
            urn: URN.into(),
            name: "Synthetic School".into(),
            phase: "secondary".into(),
            attendance_champion: ContactInput::default(),
            dsl: ContactInput::default(),
        },
    )
    .expect("link");
}

fn plan(cx: &Caseload, days_ago: i64) -> TsmView {
    commands::tsm_plan(
        cx,
        TsmPlanRequest {
            school_urn: URN.into(),
            meeting_date: ago(days_ago),
            term: None,
        },
    )
    .expect("plan")
}

fn attendees(cx: &Caseload, id: &TsmId) -> TsmView {
    let person = |name: &str, role: &str| Attendee {
        name: name.into(),
        role: role.into(),
        organisation: String::new(),
    };
    commands::tsm_attendees_set(
        cx,
        TsmAttendeesSetRequest {
            id: id.clone(),
            attendees: vec![
                person("Champion Demo", "Senior attendance champion"),
                person("Worker Demo", "Attendance officer"),
            ],
        },
    )
    .expect("attendees")
}

fn typed_pupil(cx: &Caseload, id: &TsmId, name: &str) -> DiscussionView {
    let v = commands::tsm_pupil_add(
        cx,
        TsmPupilAddRequest {
            id: id.clone(),
            case_id: None,
            name: Some(name.into()),
            upn: None,
            year_group: Some("8".into()),
        },
    )
    .expect("pupil");
    v.discussions.last().expect("added").clone()
}

fn action(
    cx: &Caseload,
    id: &TsmId,
    d: Option<DiscussionId>,
    what: &str,
    due: &str,
) -> TsmActionId {
    let v = commands::tsm_action_add(
        cx,
        TsmActionAddRequest {
            id: id.clone(),
            discussion_id: d,
        },
    )
    .expect("add action");
    let all: Vec<&TsmActionView> = v
        .discussions
        .iter()
        .flat_map(|d| d.actions.iter())
        .chain(v.general_actions.iter())
        .collect();
    let new = all.iter().map(|a| a.id).max().expect("an action");
    commands::tsm_action_update(
        cx,
        TsmActionUpdateRequest {
            action_id: new,
            what: what.into(),
            owner_agency: OwnerAgency::EarlyHelp,
            owner_person: "Officer Demo".into(),
            lead_practitioner: "Lead Demo".into(),
            due_on: due.into(),
        },
    )
    .expect("update action");
    new
}

fn kind(e: AppError) -> &'static str {
    e.kind()
}

#[test]
fn a_school_gets_one_meeting_a_term_and_only_if_it_is_linked() {
    let (_d, cx) = created();
    let unlinked = commands::tsm_plan(
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
    let again = commands::tsm_plan(
        &cx,
        TsmPlanRequest {
            school_urn: URN.into(),
            meeting_date: ago(1),
            term: None,
        },
    );
    assert_eq!(again.map_err(kind).err(), Some("conflict"));
    let wrong_term = commands::tsm_plan(
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
        commands::attendance_record(
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
        (severe.clone(), Some(40.0), true)
    );
    assert_eq!(first.band.as_deref(), Some("31-40"));
    let v = commands::tsm_pupil_add(
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
    let v = commands::tsm_pupil_update(
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
    commands::tsm_action_add(
        &cx,
        TsmActionAddRequest {
            id: id.clone(),
            discussion_id: Some(d.id),
        },
    )
    .expect("empty action");
    let refused =
        commands::tsm_finish(&cx, TsmGetRequest { id: id.clone() }).expect_err("incomplete");
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
    let v = commands::tsm_pupil_add(
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
    let v = commands::tsm_finish(&cx, TsmGetRequest { id: id.clone() }).expect("finish");
    assert_eq!(v.status, TsmStatus::Finished);
    assert!(v.discussions[0].in_chronology);
    let entries = commands::chronology_list(
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
    let edit = commands::tsm_action_add(
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
    let missing = commands::tsm_refer(
        &cx,
        TsmReferRequest {
            discussion_id: d.id,
            date_of_birth: None,
            upn: None,
            year_group: None,
        },
    );
    assert_eq!(missing.map_err(kind).err(), Some("validation"));
    let v = commands::tsm_refer(
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
    let case = commands::case_get(&cx, CaseGetRequest { id: case_id }).expect("case");
    assert_eq!(
        case.referral_source,
        "TSM: Synthetic School, ".to_string() + &v.term_label
    );
    assert_eq!(case.referral_date, ago(3));
    assert_eq!(case.pupil.legal_name, "Newpupil Synthetic");
    let again = commands::tsm_refer(
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

#[test]
fn open_actions_are_carried_into_the_next_meeting_until_reviewed_done_or_not_done() {
    let (_d, cx) = created();
    link(&cx);
    let first = plan(&cx, 400).id;
    attendees(&cx, &first);
    let d = typed_pupil(&cx, &first, "Pupil Synthetic");
    let a1 = action(&cx, &first, Some(d.id), "Early help assessment", &ago(390));
    let a2 = action(&cx, &first, None, "Send cohort list", &ago(0));
    commands::tsm_finish(&cx, TsmGetRequest { id: first.clone() }).expect("finish first");

    let due = commands::dashboard(&cx, ())
        .expect("dashboard")
        .tsm_actions_due;
    let ids: Vec<TsmActionId> = due.iter().map(|a| a.action_id).collect();
    assert_eq!(
        ids,
        vec![a1, a2],
        "both open actions are due, the first overdue"
    );
    assert!(due[0].overdue && !due[1].overdue);

    let second = plan(&cx, 200);
    let carried: Vec<TsmActionId> = second.carried.iter().map(|c| c.action.id).collect();
    assert_eq!(carried, vec![a1, a2]);
    assert_eq!(second.carried[0].pupil, "Pupil Synthetic");
    attendees(&cx, &second.id);
    let not_reviewed = commands::tsm_finish(
        &cx,
        TsmGetRequest {
            id: second.id.clone(),
        },
    );
    assert_eq!(not_reviewed.map_err(kind).err(), Some("incomplete"));
    let review = |action_id, outcome| {
        commands::tsm_action_review(
            &cx,
            TsmActionReviewRequest {
                action_id,
                outcome,
                at_meeting: Some(second.id.clone()),
                on: Some(ago(200)),
            },
        )
        .expect("review")
    };
    review(a1, ReviewOutcome::Done);
    let v = review(a2, ReviewOutcome::Carried);
    assert_eq!(
        v.carried[1].review_here.as_ref().map(|r| r.outcome),
        Some(ReviewOutcome::Carried)
    );
    commands::tsm_finish(
        &cx,
        TsmGetRequest {
            id: second.id.clone(),
        },
    )
    .expect("finish second");

    let third = plan(&cx, 5);
    let carried: Vec<TsmActionId> = third.carried.iter().map(|c| c.action.id).collect();
    assert_eq!(
        carried,
        vec![a2],
        "done actions stop; carried ones come round again"
    );
    let from_due_list = commands::tsm_action_review(
        &cx,
        TsmActionReviewRequest {
            action_id: a2,
            outcome: ReviewOutcome::NotDone,
            at_meeting: None,
            on: None,
        },
    );
    assert!(from_due_list.is_ok());
    assert!(
        commands::dashboard(&cx, ())
            .expect("dashboard")
            .tsm_actions_due
            .is_empty()
    );
}

#[test]
fn coverage_shows_which_link_schools_have_had_their_meeting_this_term() {
    let (_d, cx) = created();
    link(&cx);
    commands::link_school_set(
        &cx,
        LinkSchoolSetRequest {
            urn: "100001".into(),
            name: "Another Synthetic School".into(),
            phase: "primary".into(),
            attendance_champion: ContactInput::default(),
            dsl: ContactInput::default(),
        },
    )
    .expect("second school");
    let id = plan(&cx, 0).id;
    let c = commands::tsm_coverage(&cx, TsmCoverageRequest { term: None }).expect("coverage");
    assert_eq!((c.held, c.planned, c.not_planned), (0, 1, 1));
    attendees(&cx, &id);
    commands::tsm_finish(&cx, TsmGetRequest { id }).expect("finish");
    let c = commands::tsm_coverage(&cx, TsmCoverageRequest { term: None }).expect("coverage");
    assert_eq!((c.held, c.planned, c.not_planned), (1, 0, 1));
    assert_eq!(c.rows.iter().filter(|r| r.meeting.is_none()).count(), 1);
}

#[test]
fn the_record_is_saved_as_pdf_and_docx_without_replacing_an_earlier_copy() {
    let (dir, cx) = created();
    link(&cx);
    let id = plan(&cx, 1).id;
    let out = dir.path().join("records");
    let save = |format| {
        commands::tsm_record_save(
            &cx,
            TsmRecordSaveRequest {
                id: id.clone(),
                format,
                dir: Some(out.display().to_string()),
                path: None,
            },
        )
        .expect("save")
    };
    let pdf = save(RecordFormat::Pdf);
    let again = save(RecordFormat::Pdf);
    let docx = save(RecordFormat::Docx);
    assert_ne!(pdf.path, again.path);
    assert!(
        pdf.path.ends_with(&format!(
            "TSM record 100000-{} DRAFT.pdf",
            term_key(&cx, &id)
        )),
        "{}",
        pdf.path
    );
    assert!(std::fs::read(&pdf.path).expect("pdf").starts_with(b"%PDF"));
    assert!(std::fs::read(&docx.path).expect("docx").starts_with(b"PK"));
    let exact = dir.path().join("exact.pdf");
    let saved = commands::tsm_record_save(
        &cx,
        TsmRecordSaveRequest {
            id,
            format: RecordFormat::Pdf,
            dir: None,
            path: Some(exact.display().to_string()),
        },
    )
    .expect("exact");
    assert_eq!(saved.path, exact.display().to_string());
    assert_eq!(
        std::fs::metadata(&exact).expect("written").len(),
        saved.bytes
    );
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "partial"))
        .collect();
    assert!(leftovers.is_empty());
}

fn term_key(cx: &Caseload, id: &TsmId) -> String {
    commands::tsm_get(cx, TsmGetRequest { id: id.clone() })
        .expect("get")
        .term
}
