//! Targeting Support Meetings, after the meeting: actions carried into the next meeting until
//! reviewed, the due list, term coverage, and the record saved for the school.

mod common;

use caseload_app::schools::{ContactInput, LinkSchoolSetRequest};
use caseload_app::support::Destination;
use caseload_app::tsm::{
    RecordFormat, TsmActionReviewRequest, TsmCoverageRequest, TsmGetRequest, TsmRecordSaveRequest,
};
use caseload_app::{Caseload, dashboard, schools, tsm};
use caseload_domain::tsm::{ReviewOutcome, TsmActionId, TsmId};
use common::tsm::*;
use common::{ago, created};

#[test]
fn open_actions_are_carried_into_the_next_meeting_until_reviewed_done_or_not_done() {
    let (_d, cx) = created();
    link(&cx);
    let first = plan(&cx, 400).id;
    attendees(&cx, &first);
    let d = typed_pupil(&cx, &first, "Pupil Synthetic");
    let a1 = action(&cx, &first, Some(d.id), "Early help assessment", &ago(390));
    let a2 = action(&cx, &first, None, "Send cohort list", &ago(0));
    tsm::tsm_finish(&cx, TsmGetRequest { id: first.clone() }).expect("finish first");

    let due = dashboard::dashboard(&cx, ())
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
    let not_reviewed = tsm::tsm_finish(
        &cx,
        TsmGetRequest {
            id: second.id.clone(),
        },
    );
    assert_eq!(not_reviewed.map_err(kind).err(), Some("incomplete"));
    let review = |action_id, outcome| {
        tsm::tsm_action_review(
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
    tsm::tsm_finish(
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
    let from_due_list = tsm::tsm_action_review(
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
        dashboard::dashboard(&cx, ())
            .expect("dashboard")
            .tsm_actions_due
            .is_empty()
    );
}

#[test]
fn coverage_shows_which_link_schools_have_had_their_meeting_this_term() {
    let (_d, cx) = created();
    link(&cx);
    schools::link_school_set(
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
    let c = tsm::tsm_coverage(&cx, TsmCoverageRequest { term: None }).expect("coverage");
    assert_eq!((c.held, c.planned, c.not_planned), (0, 1, 1));
    attendees(&cx, &id);
    tsm::tsm_finish(&cx, TsmGetRequest { id }).expect("finish");
    let c = tsm::tsm_coverage(&cx, TsmCoverageRequest { term: None }).expect("coverage");
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
        tsm::tsm_record_save_to(
            &cx,
            TsmRecordSaveRequest {
                id: id.clone(),
                format,
            },
            &Destination::folder(&out),
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
    let saved = tsm::tsm_record_save_to(
        &cx,
        TsmRecordSaveRequest {
            id,
            format: RecordFormat::Pdf,
        },
        &Destination::file(&exact),
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
    tsm::tsm_get(cx, TsmGetRequest { id: id.clone() })
        .expect("get")
        .term
}
