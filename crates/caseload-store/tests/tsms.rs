//! Targeting Support Meetings on a real encrypted store: one per school per term, text kept
//! as typed, append-only reviews, and which actions are carried into the next meeting.

use caseload_domain::Passphrase;
use caseload_domain::link_school::LinkSchoolDraft;
use caseload_domain::tsm::{OwnerAgency, ReviewOutcome, Term, TsmActionId, TsmId};
use caseload_store::tsm_actions::{self, ActionFields, Review};
use caseload_store::tsms::{self, DiscussionText, NewDiscussion};
use caseload_store::{Action, KdfParams, Store, link_schools, testing};
use chrono::{NaiveDate, Utc};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).expect("date")
}

fn setup() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = Store::create(
        dir.path(),
        &Passphrase::new("correct horse battery".into()),
        KdfParams::insecure_for_tests(),
    )
    .expect("create");
    let school = LinkSchoolDraft {
        urn: "100000",
        name: "Synthetic Primary School",
        phase: "primary",
        ..Default::default()
    }
    .validate()
    .expect("school");
    store
        .write(Action::LinkSchoolSet, |w| {
            link_schools::set(w, &school, Utc::now())
        })
        .expect("link");
    (dir, store)
}

fn plan(store: &mut Store, date: NaiveDate) -> TsmId {
    store
        .write(Action::TsmPlan, |w| {
            tsms::plan(w, "100000", Term::containing(date), date, Utc::now())
        })
        .expect("plan")
}

fn action(store: &mut Store, tsm: &TsmId, what: &str) -> TsmActionId {
    store
        .write(Action::TsmEdit, |w| {
            let id = tsm_actions::add(w, tsm, None, OwnerAgency::School, Utc::now())?;
            let fields = ActionFields {
                what: what.into(),
                owner_agency: OwnerAgency::Health,
                owner_person: "Nurse Demo".into(),
                lead_practitioner: String::new(),
                due_on: Some(d(12, 1)),
            };
            tsm_actions::update(w, id, &fields, Utc::now())?;
            Ok(id)
        })
        .expect("action")
}

#[test]
fn a_school_has_at_most_one_meeting_a_term() {
    let (_dir, mut store) = setup();
    plan(&mut store, d(10, 5));
    let second = store.write(Action::TsmPlan, |w| {
        tsms::plan(
            w,
            "100000",
            Term::containing(d(11, 5)),
            d(11, 5),
            Utc::now(),
        )
    });
    assert!(second.is_err(), "a second autumn meeting must be refused");
    assert!(
        tsms::find(&store.read(), "100000", Term::containing(d(11, 1)))
            .expect("find")
            .is_some()
    );
    assert!(
        tsms::find(&store.read(), "100000", Term::containing(d(1, 10)))
            .expect("find")
            .is_none()
    );
}

#[test]
fn what_is_typed_about_a_pupil_is_stored_exactly_as_typed() {
    let (_dir, mut store) = setup();
    let tsm = plan(&mut store, d(10, 5));
    let text = DiscussionText {
        name: "Pupil Synthetic ".into(),
        barriers: vec![caseload_domain::plan::Barrier::Transport],
        has_plan: None,
        notes: "half a sentence, still typi".into(),
    };
    let id = store
        .write(Action::TsmEdit, |w| {
            let id = tsms::add_discussion(w, &tsm, &NewDiscussion::default(), Utc::now())?;
            tsms::update_discussion(w, id, &text, Utc::now())?;
            Ok(id)
        })
        .expect("discuss");
    let back = tsms::get_discussion(&store.read(), id).expect("read");
    assert_eq!(back.text, text);
    assert_eq!(back.tsm_id, tsm);
}

#[test]
fn attendees_are_replaced_in_the_order_typed() {
    let (_dir, mut store) = setup();
    let tsm = plan(&mut store, d(10, 5));
    let people = |names: &[&str]| -> Vec<caseload_domain::tsm::Attendee> {
        names
            .iter()
            .map(|n| caseload_domain::tsm::Attendee {
                name: (*n).into(),
                role: "Role".into(),
                organisation: String::new(),
            })
            .collect()
    };
    for list in [
        people(&["A Demo", "B Demo", "C Demo"]),
        people(&["C Demo", "A Demo"]),
    ] {
        store
            .write(Action::TsmEdit, |w| tsms::set_attendees(w, &tsm, &list))
            .expect("set");
        assert_eq!(tsms::attendees(&store.read(), &tsm).expect("read"), list);
    }
}

#[test]
fn open_and_carried_actions_reach_the_next_meeting_and_closed_ones_do_not() {
    let (_dir, mut store) = setup();
    let autumn = plan(&mut store, d(10, 5));
    let done = action(&mut store, &autumn, "Done before spring");
    let carried = action(&mut store, &autumn, "Carried twice");
    let open = action(&mut store, &autumn, "Never reviewed");
    let review = |store: &mut Store, id, at: Option<&TsmId>, outcome| {
        store
            .write(Action::TsmActionReview, |w| {
                tsm_actions::review(
                    w,
                    id,
                    at,
                    Review {
                        outcome,
                        on: d(11, 1),
                    },
                    Utc::now(),
                )
            })
            .expect("review")
    };
    review(&mut store, done, None, ReviewOutcome::Done);
    review(&mut store, carried, None, ReviewOutcome::Carried);
    let spring = store
        .write(Action::TsmPlan, |w| {
            let date = NaiveDate::from_ymd_opt(2027, 1, 20).expect("date");
            tsms::plan(w, "100000", Term::containing(date), date, Utc::now())
        })
        .expect("spring");
    let spring_date = NaiveDate::from_ymd_opt(2027, 1, 20).expect("date");
    let into = |store: &Store| -> Vec<TsmActionId> {
        tsm_actions::carried_into(&store.read(), "100000", spring_date, &spring)
            .expect("carried")
            .iter()
            .map(|a| a.id)
            .collect()
    };
    assert_eq!(into(&store), vec![carried, open]);
    // Closed at the spring meeting: still listed there, with what that meeting found.
    review(&mut store, open, Some(&spring), ReviewOutcome::NotDone);
    assert_eq!(into(&store), vec![carried, open]);
    let found = tsm_actions::review_at(&store.read(), open, &spring).expect("review");
    assert_eq!(found.map(|r| r.outcome), Some(ReviewOutcome::NotDone));
    let due: Vec<TsmActionId> = tsm_actions::open_with_due_date(&store.read())
        .expect("due")
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(due, vec![carried]);
}

#[test]
fn reviews_cannot_be_changed_or_deleted() {
    let (_dir, mut store) = setup();
    let tsm = plan(&mut store, d(10, 5));
    let id = action(&mut store, &tsm, "Reviewed once");
    store
        .write(Action::TsmActionReview, |w| {
            let review = Review {
                outcome: ReviewOutcome::Done,
                on: d(11, 1),
            };
            tsm_actions::review(w, id, None, review, Utc::now())
        })
        .expect("review");
    for sql in [
        "UPDATE tsm_action_reviews SET outcome = 'not_done'",
        "DELETE FROM tsm_action_reviews",
    ] {
        let refused = store.write(Action::TsmEdit, |w| testing::execute(w, sql));
        assert!(refused.is_err(), "{sql} must be refused");
    }
    let a = tsm_actions::get(&store.read(), id).expect("action");
    assert!(a.reviewed && !a.is_open());
}
