//! The legal ladder on a real encrypted store: every kind of step comes back as written,
//! corrections point back, and the schema itself keeps the record append-only.

use caseload_domain::legal::{EsoStage, LegalStep, LegalStepKind, ProsecutionSection, StepDetails};
use caseload_domain::tsm::{OwnerAgency, ReviewOutcome, Term};
use caseload_domain::{CaseId, LegalStepId, Passphrase, PupilDraft};
use caseload_store::tsm_actions::{self, ActionFields, Review};
use caseload_store::tsms::{self, NewDiscussion};
use caseload_store::{Action, KdfParams, Store, cases, legal, link_schools, testing};
use chrono::{NaiveDate, Utc};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).expect("date")
}

fn setup() -> (tempfile::TempDir, Store, CaseId, CaseId) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = Store::create(
        dir.path(),
        &Passphrase::new("correct horse battery".into()),
        KdfParams::insecure_for_tests(),
    )
    .expect("create");
    let mut ids = Vec::new();
    for upn in ["B801200005001", "P207000016049"] {
        let pupil = PupilDraft {
            legal_name: "Testpupil Legal-Synthetic",
            preferred_name: None,
            date_of_birth: "2013-01-01",
            upn,
            school_urn: "100000",
            school_name: "Synthetic Secondary School",
            school_phase: Some("secondary"),
            year_group: "8",
        }
        .validate(d(11, 23))
        .expect("valid");
        let referral = cases::Referral {
            source: "School".into(),
            date: d(9, 8),
        };
        let record = store
            .write(Action::CaseAdd, |w| {
                cases::add(w, &pupil, &referral, Utc::now())
            })
            .expect("add");
        ids.push(record.id);
    }
    let second = ids.pop().expect("second");
    let first = ids.pop().expect("first");
    (dir, store, first, second)
}

fn step(on: NaiveDate, details: StepDetails) -> LegalStep {
    LegalStep {
        on,
        decided_by: "Team manager Demo".into(),
        notes: Some("Synthetic note".into()),
        reason: None,
        details,
    }
}

fn add(
    store: &mut Store,
    case: &CaseId,
    s: &LegalStep,
    corrects: Option<&LegalStepId>,
) -> LegalStepId {
    store
        .write(Action::LegalStepAdd, |w| {
            legal::add(w, case, s, corrects, Utc::now())
        })
        .expect("add step")
}

fn every_kind() -> Vec<LegalStep> {
    vec![
        step(
            d(9, 14),
            StepDetails::AttendanceContract {
                parents_present: true,
                terms: "In school by 8:45; weekly check-in".into(),
                compliance: Some("Kept for three weeks".into()),
            },
        ),
        step(
            d(10, 5),
            StepDetails::NoticeToImprove {
                improvement_ends_on: d(11, 2),
                sufficient_improvement: "No unauthorised absence".into(),
                outcome: None,
            },
        ),
        step(
            d(11, 9),
            StepDetails::PenaltyNotice {
                parent_name: "Parent Demo".into(),
                paid_on: Some(d(11, 20)),
            },
        ),
        step(
            d(11, 16),
            StepDetails::SupervisionOrder {
                stage: EsoStage::Considered,
                outcome: "Not pursued: family engaging".into(),
            },
        ),
        LegalStep {
            reason: Some("Synthetic reason".into()),
            ..step(
                d(11, 20),
                StepDetails::Prosecution {
                    section: ProsecutionSection::S444_1A,
                    outcome: None,
                },
            )
        },
    ]
}

#[test]
fn every_kind_of_step_is_read_back_as_written_in_date_order() {
    let (_dir, mut store, case, _) = setup();
    let steps = every_kind();
    for s in steps.iter().rev() {
        add(&mut store, &case, s, None);
    }
    let read = legal::for_case(&store.read(), &case).expect("read");
    let back: Vec<LegalStep> = read.iter().map(|r| r.recorded.step.clone()).collect();
    assert_eq!(back, steps);
    let kinds: Vec<LegalStepKind> = back.iter().map(LegalStep::kind).collect();
    assert_eq!(kinds, LegalStepKind::ALL.to_vec());
    assert!(read.iter().all(|r| !r.recorded_at.is_empty()));
}

#[test]
fn a_correction_is_a_new_step_that_points_back_and_the_original_is_kept() {
    let (_dir, mut store, case, _) = setup();
    let original = every_kind().swap_remove(2);
    let id = add(&mut store, &case, &original, None);
    let corrected = LegalStep {
        details: StepDetails::PenaltyNotice {
            parent_name: "Parent Demo".into(),
            paid_on: None,
        },
        ..original.clone()
    };
    let new_id = add(&mut store, &case, &corrected, Some(&id));
    let read = legal::for_case(&store.read(), &case).expect("read");
    assert_eq!(read.len(), 2);
    assert_eq!(read[0].recorded.step, original);
    assert_eq!(read[1].recorded.id, new_id);
    assert_eq!(read[1].recorded.corrects, Some(id));
}

#[test]
fn legal_steps_cannot_be_edited_deleted_or_corrected_across_cases_or_kinds() {
    let (_dir, mut store, case, other) = setup();
    let steps = every_kind();
    let contract = add(&mut store, &case, &steps[0], None);
    for sql in [
        "UPDATE legal_steps SET decided_by = 'x'".to_string(),
        "DELETE FROM legal_steps".to_string(),
    ] {
        let result = store.write(Action::LegalStepAdd, |w| testing::execute(w, &sql));
        assert!(result.is_err(), "{sql} must be refused");
    }
    let across = store.write(Action::LegalStepAdd, |w| {
        legal::add(w, &other, &steps[0], Some(&contract), Utc::now())
    });
    assert!(across.is_err(), "a correction from another case");
    let other_kind = store.write(Action::LegalStepAdd, |w| {
        legal::add(w, &case, &steps[1], Some(&contract), Utc::now())
    });
    assert!(other_kind.is_err(), "a correction of another kind");
    assert_eq!(
        legal::for_case(&store.read(), &case).expect("read").len(),
        1
    );
    assert!(
        legal::for_case(&store.read(), &other)
            .expect("read")
            .is_empty()
    );
}

#[test]
fn the_schema_refuses_a_contract_agreed_without_the_parents_present() {
    let (_dir, mut store, case, _) = setup();
    let absent = step(
        d(9, 14),
        StepDetails::AttendanceContract {
            parents_present: false,
            terms: "Terms".into(),
            compliance: None,
        },
    );
    let result = store.write(Action::LegalStepAdd, |w| {
        legal::add(w, &case, &absent, None, Utc::now())
    });
    assert!(result.is_err());
}

#[test]
fn a_pupils_tsm_actions_are_found_by_case_or_upn_with_every_review() {
    let (_dir, mut store, case, _) = setup();
    let school = caseload_domain::link_school::LinkSchoolDraft {
        urn: "100000",
        name: "Synthetic Secondary School",
        phase: "secondary",
        ..Default::default()
    }
    .validate()
    .expect("school");
    let (tsm, action) = store
        .write(Action::TsmPlan, |w| {
            link_schools::set(w, &school, Utc::now())?;
            let tsm = tsms::plan(
                w,
                "100000",
                Term::containing(d(10, 5)),
                d(10, 5),
                Utc::now(),
            )?;
            let pupil = NewDiscussion {
                name: "Testpupil Legal-Synthetic".into(),
                upn: Some("B801200005001".into()),
                ..Default::default()
            };
            let disc = tsms::add_discussion(w, &tsm, &pupil, Utc::now())?;
            let a = tsm_actions::add(w, &tsm, Some(disc), OwnerAgency::School, Utc::now())?;
            let fields = ActionFields {
                what: "Mentor check-in each morning".into(),
                owner_agency: OwnerAgency::School,
                owner_person: "Mentor Demo".into(),
                lead_practitioner: String::new(),
                due_on: Some(d(10, 19)),
            };
            tsm_actions::update(w, a, &fields, Utc::now())?;
            tsm_actions::add(w, &tsm, None, OwnerAgency::School, Utc::now())?;
            Ok((tsm, a))
        })
        .expect("tsm");
    for (outcome, on) in [
        (ReviewOutcome::Carried, d(10, 20)),
        (ReviewOutcome::Done, d(11, 3)),
    ] {
        store
            .write(Action::TsmActionReview, |w| {
                tsm_actions::review(w, action, Some(&tsm), Review { outcome, on }, Utc::now())
            })
            .expect("review");
    }
    let found = tsm_actions::for_pupil(&store.read(), &case, "B801200005001").expect("for pupil");
    assert_eq!(found.len(), 1, "the school-wide action is not the pupil's");
    assert_eq!(found[0].fields.what, "Mentor check-in each morning");
    let reviews = tsm_actions::reviews(&store.read(), action).expect("reviews");
    let outcomes: Vec<ReviewOutcome> = reviews.iter().map(|r| r.outcome).collect();
    assert_eq!(outcomes, vec![ReviewOutcome::Carried, ReviewOutcome::Done]);
    let none = tsm_actions::for_pupil(&store.read(), &case, "P207000016049").expect("by case id");
    assert_eq!(
        none.len(),
        0,
        "the discussion was not linked to the case, only the UPN matched"
    );
}
