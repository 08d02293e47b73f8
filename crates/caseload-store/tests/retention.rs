//! Purging under the retention rule, on a real encrypted store: the case and everything hanging
//! off it go, in one write, and afterwards a distinctive synthetic name is found in no column of
//! any table of the decrypted database (the search index's shadow tables included), no free page
//! is left and the WAL is empty; the case's id appears nowhere. Another case and its records stay, and
//! the append-only tables still refuse ordinary deletes. Delivered export bytes are dropped after
//! the configured number of days, keeping the record of the delivery.

use caseload_domain::transition::Transition;
use caseload_domain::{CaseId, CaseStatus, ExportId, Passphrase, PupilDraft, TransitionKind};
use caseload_store::{Action, KdfParams, Store, cases, events, outbox, retention, search, testing};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

const NAME: &str = "Quorvexil";

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 9, 0, 0)
        .single()
        .expect("time")
}

fn setup() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tmp");
    let store = Store::create(
        dir.path(),
        &Passphrase::new("correct horse battery".into()),
        KdfParams::insecure_for_tests(),
    )
    .expect("create");
    (dir, store)
}

fn add_case(store: &mut Store, legal: &str, preferred: &str, upn: &str) -> cases::CaseRecord {
    let today = NaiveDate::from_ymd_opt(2026, 12, 6).expect("date");
    let pupil = PupilDraft {
        legal_name: legal,
        preferred_name: Some(preferred),
        date_of_birth: "2010-02-28",
        upn,
        school_urn: "100000",
        school_name: "Synthetic Retention Academy",
        school_phase: None,
        year_group: "9",
    }
    .validate(today)
    .expect("valid pupil");
    let referral = cases::Referral {
        source: "School".into(),
        date: NaiveDate::from_ymd_opt(2019, 1, 7).expect("date"),
    };
    store
        .write(Action::CaseAdd, |w| {
            cases::add(w, &pupil, &referral, at(2019, 1, 7))
        })
        .expect("add case")
}

/// Everything that can hang off a case, each free-text column carrying `token`.
fn fill(store: &mut Store, case: &cases::CaseRecord, token: &str, n: u32) {
    let c = case.id.as_str();
    let p = case.pupil_id.as_str();
    let upn = case.pupil.upn.as_str();
    let sql = format!(
        "INSERT INTO families (id, name, created_at, updated_at) VALUES ('fam-{n}', '{token} family', 't', 't');
         UPDATE pupils SET family_id = 'fam-{n}', address = '1 {token} Street', ward = '{token} ward',
             flags = '[\"{token}\"]', key_professionals = '[\"{token} social worker\"]' WHERE id = '{p}';
         INSERT INTO carers (id, family_id, name, relationship, phone, email, parental_responsibility, created_at)
             VALUES ('carer-{n}', 'fam-{n}', '{token} Parent', 'mother', '01234', '{token}@example.invalid', 1, 't');
         INSERT INTO family_children (id, family_id, name, date_of_birth, school_name, created_at)
             VALUES ('child-{n}', 'fam-{n}', '{token} Junior', '2015-01-01', 'Synthetic Infants', 't');
         INSERT INTO chronology (id, case_id, kind, occurred_at, who, what, outcome, next_step, recorded_at)
             VALUES ('chron-{n}', '{c}', 'home_visit', '2019-02-01T10:00', '{token} worker', 'Visited {token}',
                     '{token} outcome', '{token} next', 't');
         INSERT INTO chronology (id, case_id, kind, occurred_at, who, what, corrects, recorded_at)
             VALUES ('chron-{n}b', '{c}', 'other', '2019-02-02T10:00', 'Worker', '{token} correction', 'chron-{n}', 't');
         INSERT INTO plans (case_id, other_barriers, interventions, updated_at)
             VALUES ('{c}', '{token} barrier', '{token} intervention', 't');
         INSERT INTO plan_actions (id, case_id, what, owner, due_on, status, created_at, updated_at)
             VALUES ('pa-{n}', '{c}', '{token} action', '{token} owner', '2019-03-01', 'open', 't', 't');
         INSERT INTO legal_steps (id, case_id, kind, on_date, decided_by, notes, recorded_at)
             VALUES ('ls-{n}', '{c}', 'notice_to_improve', '2019-03-01', '{token} manager', '{token} notes', 't');
         INSERT INTO attendance_readings (pupil_id, as_at, possible, present, authorised, unauthorised, source, recorded_at)
             VALUES ('{p}', '2019-03-01', 100, 80, 10, 10, 'worker', 't');
         INSERT INTO imports (id, kind, file_name, sha256, rows, pupils, imported_at)
             VALUES ({n}, 'marks', 'marks-{n}.csv', 'sha{n}', 2, 1, 't');
         INSERT INTO session_marks (upn, date, session, code, import_id) VALUES ('{upn}', '2019-03-01', 'AM', 'N', {n});
         INSERT INTO session_marks (upn, date, session, code, import_id) VALUES ('{upn}', '2019-03-01', 'PM', 'O', {n});
         INSERT INTO attendance_summaries (import_id, upn, as_at, possible, present, authorised, unauthorised, ward)
             VALUES ({n}, '{upn}', '2019-03-01', 100, 80, 10, 10, '{token} ward');
         INSERT OR IGNORE INTO link_schools (urn, name, phase, created_at, updated_at)
             VALUES ('100000', 'Synthetic Retention Academy', 'secondary', 't', 't');
         INSERT OR IGNORE INTO tsms (id, school_urn, term, meeting_date, status, created_at, updated_at)
             VALUES ('tsm-1', '100000', '2019-spring', '2019-03-05', 'planned', 't', 't');
         INSERT INTO tsm_pupils (id, tsm_id, position, upn, name, case_id, notes, chronology_id, created_at, updated_at)
             VALUES ({n}, 'tsm-1', {n}, '{upn}', '{token} Pupil', '{c}', '{token} discussed', 'chron-{n}', 't', 't');
         INSERT INTO tsm_actions (id, tsm_id, tsm_pupil_id, position, what, owner_agency, owner_person, created_at, updated_at)
             VALUES ({n}, 'tsm-1', {n}, {n}, '{token} tsm action', 'school', '{token} teacher', 't', 't');
         INSERT INTO tsm_action_reviews (action_id, tsm_id, outcome, on_date, recorded_at)
             VALUES ({n}, 'tsm-1', 'done', '2019-04-01', 't');
         INSERT INTO allocation_values (pupil_id, field, value) VALUES ('{p}', 'worker', '{token} allocated');
         INSERT INTO inbox_files (id, kind, file_name, sha256, seen_at, outcome, detail)
             VALUES ({n}, 'allocations', 'allocations-{n}.csv', 'inbox{n}', 't', 'taken', '1 added');
         INSERT INTO inbox_conflicts (pupil_id, field, worker_value, incoming_value, inbox_file_id, raised_at)
             VALUES ('{p}', 'school_name', '{token} school', 'Other school', {n}, 't');"
    );
    store
        .write(Action::DemoFill, |w| testing::execute(w, &sql))
        .expect("fill");
    let close = Transition {
        kind: TransitionKind::Close,
        on_date: NaiveDate::from_ymd_opt(2019, 6, 1).expect("date"),
        team: None,
        worker: None,
        note: Some(format!("{token} closure note")),
    };
    store
        .write(Action::CaseTransition, |w| {
            events::record(
                w,
                &case.id,
                &close,
                case.status,
                CaseStatus::Closed,
                at(2019, 6, 1),
            )
        })
        .expect("close");
}

fn export(store: &mut Store, id: &str, body: &str, delivered_at: Option<DateTime<Utc>>) {
    let export = outbox::NewExport {
        export_id: ExportId(id.into()),
        kind: "closures".into(),
        formats: vec!["csv".into()],
        period_from: None,
        period_to: None,
        identifiable_reason: Some("Synthetic reason".into()),
        files: vec![outbox::OutboxFile {
            name: format!("{id}.csv"),
            format: "csv".into(),
            rows: 1,
            sha256: "0".repeat(64),
            bytes: body.as_bytes().to_vec(),
        }],
    };
    store
        .write(Action::ExportQueue, |w| {
            outbox::queue(w, &export, at(2026, 1, 1))?;
            if let Some(when) = delivered_at {
                outbox::mark_delivered(w, &ExportId(id.into()), when, "worker/exports")?;
            }
            Ok(())
        })
        .expect("export");
}

#[test]
fn a_purge_leaves_no_trace_of_the_case_in_any_table_or_page() {
    let (_dir, mut store) = setup();
    let gone = add_case(
        &mut store,
        &format!("{NAME} Zandertop"),
        NAME,
        "B801200005001",
    );
    let kept = add_case(&mut store, "Keepme Ordinary", "Keepy", "Q801200005002");
    fill(&mut store, &gone, NAME, 1);
    fill(&mut store, &kept, "Keepme", 2);
    export(
        &mut store,
        "delivered-naming",
        &format!("upn,name\nB801200005001,{NAME} Zandertop\n"),
        Some(at(2026, 1, 2)),
    );
    export(&mut store, "queued-naming", "upn\nB801200005001\n", None);
    export(
        &mut store,
        "delivered-other",
        "upn\nQ801200005002\n",
        Some(at(2026, 1, 2)),
    );
    let gone_id = gone.id.as_str().to_string();
    let pupil_id = gone.pupil_id.as_str().to_string();
    assert!(
        !testing::find_everywhere(&store, NAME)
            .expect("scan")
            .is_empty()
    );
    assert!(
        !search::pupils(&store.read(), NAME, 10)
            .expect("search")
            .is_empty()
    );

    let counts = store
        .write(Action::Purge, |w| {
            retention::purge_cases(w, std::slice::from_ref(&gone.id), at(2026, 12, 6))
        })
        .expect("purge");
    store.vacuum().expect("vacuum");

    assert_eq!(counts.cases, 1);
    // chronology 2, legal 1, plan actions 1, plan 1, events 2 (referral, close), case 1,
    // readings 1, allocation 1, conflict 1, marks 2, summary 1, pupil 1, carer 1, child 1,
    // family 1, TSM review 1, action 1, discussion 1.
    assert_eq!(counts.records, 21);
    // The delivered export naming the pupil keeps its record, not its bytes; the queued one goes.
    assert_eq!(counts.export_files, 2);

    // The search index keeps tokens lower-cased.
    let lower = NAME.to_lowercase();
    for needle in [
        NAME,
        &lower,
        gone_id.as_str(),
        pupil_id.as_str(),
        "B801200005001",
    ] {
        assert_eq!(
            testing::find_everywhere(&store, needle).expect("scan"),
            Vec::<String>::new(),
            "{needle} is still in the database"
        );
    }
    // After the vacuum no free page is left to hold anything, and the WAL is empty.
    assert_eq!(
        testing::pragma(&store, "freelist_count").expect("pragma"),
        "Integer(0)"
    );
    let wal = store
        .dir()
        .join(format!("{}-wal", caseload_store::DATABASE_FILE));
    assert_eq!(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0), 0);
    assert!(
        search::pupils(&store.read(), NAME, 10)
            .expect("search")
            .is_empty()
    );
    assert_eq!(
        testing::pragma(&store, "secure_delete").expect("pragma"),
        "Integer(1)"
    );

    // The other case and everything of it stay.
    assert_eq!(
        cases::list(&store.read())
            .expect("list")
            .iter()
            .map(|c| c.id.clone())
            .collect::<Vec<CaseId>>(),
        vec![kept.id.clone()]
    );
    let keepme = testing::find_everywhere(&store, "Keepme").expect("scan");
    for column in [
        "chronology.what",
        "carers.name",
        "tsm_pupils.notes",
        "tsm_actions.what",
        "legal_steps.notes",
        "inbox_conflicts.worker_value",
    ] {
        assert!(
            keepme.contains(&column.to_string()),
            "{column} of the kept case went"
        );
    }
    assert_eq!(
        search::pupils(&store.read(), "Keepme", 10)
            .expect("search")
            .len(),
        1
    );

    // The outbox keeps the delivery's record without its bytes; the unrelated one is untouched.
    let list = outbox::list(&store.read()).expect("outbox");
    let ids: Vec<&str> = list.iter().map(|e| e.export_id.as_str()).collect();
    assert!(!ids.contains(&"queued-naming"));
    let naming = list
        .iter()
        .find(|e| e.export_id.as_str() == "delivered-naming")
        .expect("kept record");
    assert_eq!(naming.bytes_purged_at, Some(at(2026, 12, 6)));
    assert_eq!(naming.delivered_at, Some(at(2026, 1, 2)));
    assert!(naming.files[0].1 > 0, "the size delivered is kept");
    assert!(
        outbox::files(&store.read(), &ExportId("delivered-naming".into())).expect("files")[0]
            .bytes
            .is_empty()
    );
    assert!(
        !outbox::files(&store.read(), &ExportId("delivered-other".into())).expect("files")[0]
            .bytes
            .is_empty()
    );

    // The append-only tables still refuse an ordinary delete.
    for table in [
        "chronology",
        "case_events",
        "legal_steps",
        "tsm_action_reviews",
    ] {
        let refused = store.write(Action::DemoFill, |w| {
            testing::execute(w, &format!("DELETE FROM {table}"))
        });
        assert!(refused.is_err(), "{table} allowed a delete outside a purge");
    }
}

#[test]
fn purging_a_case_that_does_not_exist_changes_nothing() {
    let (_dir, mut store) = setup();
    let case = add_case(&mut store, "Stays Put", "Stay", "E801200005003");
    let missing = CaseId("no-such-case".into());
    let result = store.write(Action::Purge, |w| {
        retention::purge_cases(w, &[case.id.clone(), missing], at(2026, 12, 6))
    });
    assert!(result.is_err());
    // One write: the first case's deletion rolled back with the failure.
    assert_eq!(cases::list(&store.read()).expect("list").len(), 1);
}

#[test]
fn delivered_bytes_go_after_the_configured_days_and_the_record_stays() {
    let (_dir, mut store) = setup();
    export(&mut store, "old", "a,b\n1,2\n", Some(at(2026, 11, 1)));
    export(&mut store, "recent", "a,b\n3,4\n", Some(at(2026, 11, 20)));
    export(&mut store, "queued", "a,b\n5,6\n", None);
    let now = at(2026, 12, 6);
    let cutoff = caseload_domain::retention::RetentionSettings::default().outbox_purge_cutoff(now);
    let purged = store
        .write(Action::OutboxPurge, |w| {
            retention::purge_delivered_bytes(w, cutoff, now)
        })
        .expect("purge");
    assert_eq!(purged, 1);
    let bytes = |store: &Store, id: &str| {
        outbox::files(&store.read(), &ExportId(id.into())).expect("files")[0]
            .bytes
            .clone()
    };
    assert!(bytes(&store, "old").is_empty());
    assert_eq!(bytes(&store, "recent"), b"a,b\n3,4\n");
    assert_eq!(bytes(&store, "queued"), b"a,b\n5,6\n");
    let old = outbox::get(&store.read(), &ExportId("old".into())).expect("old");
    assert_eq!(old.delivered_at, Some(at(2026, 11, 1)));
    assert_eq!(old.delivered_folder.as_deref(), Some("worker/exports"));
    assert_eq!(old.bytes_purged_at, Some(now));
    assert_eq!(old.files[0].1, 8, "the size delivered is kept");
    // Running again changes nothing; a later day takes the recent one.
    let again = store
        .write(Action::OutboxPurge, |w| {
            retention::purge_delivered_bytes(w, cutoff, now)
        })
        .expect("again");
    assert_eq!(again, 0);
    let later = at(2026, 12, 20);
    let cutoff =
        caseload_domain::retention::RetentionSettings::default().outbox_purge_cutoff(later);
    let purged = store
        .write(Action::OutboxPurge, |w| {
            retention::purge_delivered_bytes(w, cutoff, later)
        })
        .expect("later");
    assert_eq!(purged, 1);
    assert!(bytes(&store, "recent").is_empty());
    assert_eq!(bytes(&store, "queued"), b"a,b\n5,6\n");
}
