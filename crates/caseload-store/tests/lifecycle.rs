//! Lifecycle steps and attendance readings on a real encrypted store.

use caseload_domain::attendance::SessionCounts;
use caseload_domain::case::TransitionKind;
use caseload_domain::transition::Transition;
use caseload_domain::{CaseId, CaseStatus, Passphrase, PupilDraft, PupilId};
use caseload_store::readings::{Reading, ReadingSource};
use caseload_store::{Action, KdfParams, Store, StoreError, cases, events, readings};
use chrono::{NaiveDate, Utc};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).expect("date")
}

fn setup() -> (tempfile::TempDir, Store, CaseId, PupilId) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = Store::create(
        dir.path(),
        &Passphrase::new("correct horse battery".into()),
        KdfParams::insecure_for_tests(),
    )
    .expect("create");
    let pupil = PupilDraft {
        legal_name: "Testpupil Lifecycle",
        preferred_name: None,
        date_of_birth: "2015-01-01",
        upn: "B801200005001",
        school_urn: "100000",
        school_name: "Synthetic Primary School",
        school_phase: Some("primary"),
        year_group: "6",
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
    (dir, store, record.id, record.pupil_id)
}

fn step(
    store: &mut Store,
    id: &CaseId,
    kind: TransitionKind,
    on: NaiveDate,
    team: Option<&str>,
    note: Option<&str>,
) {
    let current = cases::get(&store.read(), id).expect("get").status;
    let next = current.after(kind).expect("allowed");
    let t = Transition {
        kind,
        on_date: on,
        team: team.map(String::from),
        worker: team.map(|_| "A. Worker".to_string()),
        note: note.map(String::from),
    };
    store
        .write(Action::CaseTransition, |w| {
            events::record(w, id, &t, current, next, Utc::now())
        })
        .expect("record");
}

#[test]
fn a_new_case_is_referred_with_its_referral_event() {
    let (_d, store, id, _) = setup();
    let case = cases::get(&store.read(), &id).expect("get");
    assert_eq!(case.status, CaseStatus::Referred);
    assert_eq!(case.referral_date, d(9, 8));
    let history = events::history(&store.read(), &id).expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].kind, None);
}

#[test]
fn each_step_updates_the_case_and_appends_a_dated_event() {
    let (_d, mut store, id, _) = setup();
    step(&mut store, &id, TransitionKind::Accept, d(9, 9), None, None);
    step(
        &mut store,
        &id,
        TransitionKind::Allocate,
        d(9, 10),
        Some("afsw"),
        None,
    );
    step(
        &mut store,
        &id,
        TransitionKind::StartCycle,
        d(9, 14),
        None,
        None,
    );
    step(
        &mut store,
        &id,
        TransitionKind::MidpointCheck,
        d(10, 5),
        None,
        None,
    );
    let case = cases::get(&store.read(), &id).expect("get");
    assert_eq!(case.status, CaseStatus::Active);
    assert_eq!(
        (case.team.as_deref(), case.worker.as_deref()),
        (Some("afsw"), Some("A. Worker"))
    );
    assert_eq!(
        (case.cycle_start, case.midpoint_done_on),
        (Some(d(9, 14)), Some(d(10, 5)))
    );
    step(
        &mut store,
        &id,
        TransitionKind::Close,
        d(10, 26),
        None,
        Some("Attendance improved"),
    );
    let closed = cases::get(&store.read(), &id).expect("get");
    assert_eq!(
        (
            closed.status,
            closed.closed_on,
            closed.closure_reason.as_deref()
        ),
        (
            CaseStatus::Closed,
            Some(d(10, 26)),
            Some("Attendance improved")
        )
    );
    step(
        &mut store,
        &id,
        TransitionKind::Reopen,
        d(11, 2),
        None,
        Some("Attendance fell again"),
    );
    let reopened = cases::get(&store.read(), &id).expect("get");
    assert_eq!(
        (reopened.status, reopened.cycle_start, reopened.closed_on),
        (CaseStatus::Active, Some(d(11, 2)), None)
    );
    let kinds: Vec<_> = events::history(&store.read(), &id)
        .expect("history")
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds.len(), 7);
    assert_eq!(kinds.last(), Some(&Some(TransitionKind::Reopen)));
}

#[test]
fn case_events_cannot_be_changed_or_deleted_even_with_sql() {
    let (_d, mut store, _, _) = setup();
    let result = store.write(Action::CaseUpdate, |w| {
        caseload_store::testing::execute(w, "UPDATE case_events SET note = 'x'")
    });
    assert!(matches!(result, Err(StoreError::Sqlite(_))));
    let result = store.write(Action::CaseUpdate, |w| {
        caseload_store::testing::execute(w, "DELETE FROM case_events")
    });
    assert!(matches!(result, Err(StoreError::Sqlite(_))));
}

#[test]
fn readings_are_kept_in_date_order_and_the_latest_two_found_per_pupil() {
    let (_d, mut store, _, pupil_id) = setup();
    for (as_at, present) in [(d(10, 1), 80), (d(9, 1), 70), (d(11, 1), 90)] {
        let reading = Reading {
            as_at,
            counts: SessionCounts::new(100, present, 100 - present, 0).expect("counts"),
        };
        store
            .write(Action::AttendanceRecord, |w| {
                readings::add(w, &pupil_id, &reading, ReadingSource::Worker, Utc::now())
            })
            .expect("add");
    }
    let all = readings::for_pupil(&store.read(), &pupil_id).expect("all");
    assert_eq!(
        all.iter().map(|r| r.counts.present).collect::<Vec<_>>(),
        vec![70, 80, 90]
    );
    let latest = readings::latest_two_by_pupil(&store.read()).expect("latest");
    assert_eq!(
        latest[&pupil_id]
            .iter()
            .map(|r| r.as_at)
            .collect::<Vec<_>>(),
        vec![d(11, 1), d(10, 1)]
    );
}

#[test]
fn search_finds_pupils_by_name_prefix_upn_and_school_and_follows_edits() {
    let (_d, mut store, id, _) = setup();
    let hit = |store: &Store, q: &str| {
        caseload_store::search::pupils(&store.read(), q, 10).expect("search")
    };
    assert_eq!(hit(&store, "lifec")[0].case_id, id);
    assert_eq!(hit(&store, "B8012000").len(), 1);
    assert_eq!(hit(&store, "synthetic prim").len(), 1);
    assert!(hit(&store, "nobody").is_empty());
    assert!(hit(&store, "\"*)(").is_empty());
    let mut renamed = cases::get(&store.read(), &id).expect("get").pupil;
    renamed.legal_name =
        caseload_domain::PersonName::parse("Testpupil Renamed", "legal name").expect("name");
    store
        .write(Action::CaseUpdate, |w| {
            cases::update_pupil(w, &id, &renamed, Utc::now())
        })
        .expect("update");
    assert!(hit(&store, "lifec").is_empty());
    assert_eq!(hit(&store, "renam").len(), 1);
}

fn entry(at: &str, what: &str) -> caseload_domain::chronology::Entry {
    caseload_domain::chronology::Entry {
        kind: caseload_domain::chronology::ContactKind::HomeVisit,
        occurred_at: caseload_domain::chronology::parse_local_time(at).expect("time"),
        who: "Parent and worker".into(),
        what: what.into(),
        outcome: None,
        next_step: None,
    }
}

#[test]
fn chronology_entries_are_listed_in_the_order_things_happened_and_corrections_point_back() {
    use caseload_store::chronology;
    let (_d, mut store, id, _) = setup();
    let later = store
        .write(Action::ChronologyAdd, |w| {
            chronology::add(
                w,
                &id,
                &entry("2026-11-20T14:00", "Second"),
                None,
                Utc::now(),
            )
        })
        .expect("add");
    store
        .write(Action::ChronologyAdd, |w| {
            chronology::add(
                w,
                &id,
                &entry("2026-11-19T09:00", "First"),
                None,
                Utc::now(),
            )
        })
        .expect("add");
    store
        .write(Action::ChronologyAdd, |w| {
            chronology::add(
                w,
                &id,
                &entry("2026-11-20T14:00", "Second, corrected"),
                Some(&later),
                Utc::now(),
            )
        })
        .expect("correct");
    let all = chronology::for_case(&store.read(), &id).expect("list");
    let whats: Vec<&str> = all.iter().map(|e| e.entry.what.as_str()).collect();
    assert_eq!(whats, vec!["First", "Second", "Second, corrected"]);
    assert_eq!(all[2].corrects.as_ref(), Some(&later));
    assert_eq!(
        chronology::case_of(&store.read(), &later).expect("case"),
        Some(id)
    );
}

#[test]
fn chronology_entries_cannot_be_edited_deleted_or_corrected_from_another_case() {
    use caseload_store::chronology;
    let (_d, mut store, id, _) = setup();
    let first = store
        .write(Action::ChronologyAdd, |w| {
            chronology::add(
                w,
                &id,
                &entry("2026-11-19T09:00", "First"),
                None,
                Utc::now(),
            )
        })
        .expect("add");
    for sql in [
        "UPDATE chronology SET what = 'rewritten'",
        "DELETE FROM chronology",
    ] {
        let result = store.write(Action::CaseUpdate, |w| {
            caseload_store::testing::execute(w, sql)
        });
        assert!(
            matches!(result, Err(StoreError::Sqlite(_))),
            "{sql} must be refused"
        );
    }
    let pupil = PupilDraft {
        legal_name: "Testpupil Other",
        preferred_name: None,
        date_of_birth: "2015-01-01",
        upn: "P207000016049",
        school_urn: "100000",
        school_name: "Synthetic Primary School",
        school_phase: None,
        year_group: "6",
    }
    .validate(d(11, 23))
    .expect("valid");
    let other = store
        .write(Action::CaseAdd, |w| {
            cases::add(
                w,
                &pupil,
                &cases::Referral {
                    source: "School".into(),
                    date: d(9, 8),
                },
                Utc::now(),
            )
        })
        .expect("add")
        .id;
    let cross = store.write(Action::ChronologyAdd, |w| {
        chronology::add(
            w,
            &other,
            &entry("2026-11-20T09:00", "x"),
            Some(&first),
            Utc::now(),
        )
    });
    assert!(cross.is_err());
    assert_eq!(
        chronology::for_case(&store.read(), &id).expect("list")[0]
            .entry
            .what,
        "First"
    );
}
