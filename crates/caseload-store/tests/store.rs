//! Store behaviour on real temporary SQLCipher databases.

use std::fs;
use std::path::Path;

use caseload_domain::{CaseId, Passphrase, Pupil, PupilDraft};
use caseload_store::{
    Action, DATABASE_FILE, KEY_FILE, KdfParams, SCHEMA_VERSION, Store, StoreError, cases,
};
use chrono::{NaiveDate, Utc};

const NAME: &str = "Testpupil Zebedee-Quux";

fn p(s: &str) -> Passphrase {
    Passphrase::new(s.into())
}

fn pupil(upn: &str) -> Pupil {
    PupilDraft {
        legal_name: NAME,
        preferred_name: Some("Zebby"),
        date_of_birth: "2014-03-27",
        upn,
        school_urn: "100000",
        school_name: "Synthetic Primary School",
        school_phase: Some("primary"),
        year_group: "7",
    }
    .validate(NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"))
    .expect("valid pupil")
}

fn referral() -> cases::Referral {
    cases::Referral {
        source: "School".into(),
        date: NaiveDate::from_ymd_opt(2026, 9, 8).expect("date"),
    }
}

fn create(dir: &Path) -> Store {
    Store::create(
        dir,
        &p("correct horse battery"),
        KdfParams::insecure_for_tests(),
    )
    .expect("create")
}

fn add_case(store: &mut Store, upn: &str) -> CaseId {
    store
        .write(Action::CaseAdd, |w| {
            cases::add(w, &pupil(upn), &referral(), Utc::now())
        })
        .expect("add")
        .id
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_created_caseload_unlocks_with_its_passphrase_and_keeps_its_cases() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = create(dir.path());
    let id = add_case(&mut store, "B801200005001");
    drop(store);
    let store = Store::unlock(dir.path(), &p("correct horse battery")).expect("unlock");
    let case = cases::get(&store.read(), &id).expect("get");
    assert_eq!(case.pupil.legal_name.as_str(), NAME);
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
}

#[test]
fn a_wrong_passphrase_is_refused_and_touches_no_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = create(dir.path());
    add_case(&mut store, "B801200005001");
    drop(store);
    let snapshot = |d: &Path| {
        let mut files: Vec<_> = fs::read_dir(d)
            .expect("dir")
            .map(|e| {
                let e = e.expect("entry");
                (
                    e.file_name(),
                    fs::read(e.path()).expect("read"),
                    e.metadata().expect("meta").modified().expect("mtime"),
                )
            })
            .collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    };
    let before = snapshot(dir.path());
    let result = Store::unlock(dir.path(), &p("wrong horse battery"));
    assert!(matches!(result, Err(StoreError::WrongPassphrase)));
    assert_eq!(before, snapshot(dir.path()));
}

#[test]
fn the_database_is_encrypted_and_names_never_appear_in_its_files() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = create(dir.path());
    add_case(&mut store, "B801200005001");
    // Keep the connection open so the WAL and shared-memory files still exist.
    let mut found_files = 0;
    for suffix in ["", "-wal", "-shm"] {
        let path = dir.path().join(format!("{DATABASE_FILE}{suffix}"));
        if let Ok(bytes) = fs::read(&path) {
            found_files += 1;
            assert!(
                !contains(&bytes, NAME.as_bytes()),
                "{suffix} holds the name in clear"
            );
            assert!(
                !contains(&bytes, b"B801200005001"),
                "{suffix} holds the UPN in clear"
            );
        }
    }
    assert!(found_files >= 2, "expected the database and its WAL");
    let header = fs::read(dir.path().join(DATABASE_FILE)).expect("db");
    assert!(!header.starts_with(b"SQLite format 3"));
    drop(store);
}

#[test]
fn changing_the_passphrase_rewraps_the_key_without_touching_the_database() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = create(dir.path());
    let id = add_case(&mut store, "B801200005001");
    drop(store);
    let db_before = fs::read(dir.path().join(DATABASE_FILE)).expect("db");
    Store::change_passphrase(
        dir.path(),
        &p("correct horse battery"),
        &p("a brand new passphrase"),
        KdfParams::insecure_for_tests(),
    )
    .expect("change");
    assert_eq!(
        db_before,
        fs::read(dir.path().join(DATABASE_FILE)).expect("db")
    );
    assert!(matches!(
        Store::unlock(dir.path(), &p("correct horse battery")),
        Err(StoreError::WrongPassphrase)
    ));
    let store = Store::unlock(dir.path(), &p("a brand new passphrase")).expect("unlock");
    assert!(cases::get(&store.read(), &id).is_ok());
}

#[test]
fn changing_the_passphrase_with_the_wrong_current_one_changes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    drop(create(dir.path()));
    let key_before = fs::read(dir.path().join(KEY_FILE)).expect("key");
    let result = Store::change_passphrase(
        dir.path(),
        &p("not the passphrase"),
        &p("a brand new passphrase"),
        KdfParams::insecure_for_tests(),
    );
    assert!(matches!(result, Err(StoreError::WrongPassphrase)));
    assert_eq!(
        key_before,
        fs::read(dir.path().join(KEY_FILE)).expect("key")
    );
}

#[test]
fn creating_over_an_existing_caseload_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    drop(create(dir.path()));
    let again = Store::create(
        dir.path(),
        &p("another passphrase"),
        KdfParams::insecure_for_tests(),
    );
    assert!(matches!(again, Err(StoreError::AlreadyInitialised { .. })));
}

#[test]
fn a_database_left_without_a_key_file_by_a_crash_is_replaced_on_create() {
    let dir = tempfile::tempdir().expect("tmp");
    fs::write(dir.path().join(DATABASE_FILE), b"half-created").expect("write");
    let store = create(dir.path());
    assert_eq!(cases::list(&store.read()).expect("list"), vec![]);
}

#[test]
fn unlocking_an_empty_folder_says_there_is_no_caseload() {
    let dir = tempfile::tempdir().expect("tmp");
    assert!(matches!(
        Store::unlock(dir.path(), &p("correct horse battery")),
        Err(StoreError::NotInitialised { .. })
    ));
}

#[test]
fn a_database_from_a_newer_build_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = create(dir.path());
    store
        .write(Action::CaseUpdate, |w| {
            w.reader();
            Ok(())
        })
        .expect("noop write");
    drop(store);
    bump_user_version(dir.path(), SCHEMA_VERSION + 1);
    let before = folder_bytes(dir.path());
    for _ in 0..2 {
        let result = Store::unlock(dir.path(), &p("correct horse battery"));
        let Err(e @ StoreError::NewerDatabase { found, supported }) = result else {
            panic!("a newer database must be refused");
        };
        assert_eq!((found, supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION));
        let message = e.to_string();
        assert!(
            message.contains("newer version of Caseload") && message.contains("install"),
            "{message}"
        );
        // Refused and left exactly as it was: no migration, no journal, no key file change.
        assert_eq!(folder_bytes(dir.path()), before, "the folder changed");
    }
}

/// Every file in `dir` (name and bytes), to show an open left it untouched.
fn folder_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .expect("list")
        .map(|e| {
            let path = e.expect("entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (name, fs::read(&path).unwrap_or_default())
        })
        .collect();
    files.sort();
    files
}

/// Sets user_version through the store's own unlock-time connection path.
fn bump_user_version(dir: &Path, version: i64) {
    caseload_store::testing::set_user_version(dir, &p("correct horse battery"), version)
        .expect("bump");
}

#[test]
fn a_failed_write_rolls_back_everything_it_did() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = create(dir.path());
    let result: Result<(), StoreError> = store.write(Action::CaseAdd, |w| {
        cases::add(w, &pupil("B801200005001"), &referral(), Utc::now())?;
        Err(StoreError::DuplicateUpn)
    });
    assert!(result.is_err());
    assert_eq!(cases::list(&store.read()).expect("list"), vec![]);
}

#[test]
fn a_second_pupil_with_the_same_upn_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = create(dir.path());
    add_case(&mut store, "B801200005001");
    let again = store.write(Action::CaseAdd, |w| {
        cases::add(w, &pupil("B801200005001"), &referral(), Utc::now())
    });
    assert!(matches!(again, Err(StoreError::DuplicateUpn)));
    assert_eq!(cases::list(&store.read()).expect("list").len(), 1);
}

#[test]
fn updating_a_case_replaces_its_pupil_details_and_keeps_its_id() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = create(dir.path());
    let id = add_case(&mut store, "B801200005001");
    let mut changed = pupil("P207000016049");
    changed.year_group = caseload_domain::YearGroup::new(8).expect("year");
    let updated = store
        .write(Action::CaseUpdate, |w| {
            cases::update_pupil(w, &id, &changed, Utc::now())
        })
        .expect("update");
    assert_eq!(updated.id, id);
    assert_eq!(updated.pupil, changed);
    assert!(updated.updated_at >= updated.created_at);
}

#[test]
fn updating_a_missing_case_says_not_found() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = create(dir.path());
    let missing = CaseId("no-such-case".into());
    let result = store.write(Action::CaseUpdate, |w| {
        cases::update_pupil(w, &missing, &pupil("B801200005001"), Utc::now())
    });
    assert!(matches!(result, Err(StoreError::NotFound { .. })));
}

#[test]
fn cases_are_listed_most_recently_updated_first() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = create(dir.path());
    let first = add_case(&mut store, "B801200005001");
    let second = add_case(&mut store, "P207000016049");
    let ids: Vec<_> = cases::list(&store.read())
        .expect("list")
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids, vec![second, first]);
}

#[test]
fn the_store_runs_sqlcipher_4_with_a_64_mib_page_cache() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = create(dir.path());
    let pragma = |p: &str| caseload_store::testing::pragma(&store, p).expect("pragma");
    assert!(
        pragma("cipher_version").contains("\"4."),
        "SQLCipher 4 expected"
    );
    assert_eq!(pragma("cache_size"), "Integer(-65536)");
    assert_eq!(pragma("journal_mode"), "Text(\"wal\")");
    assert_eq!(pragma("foreign_keys"), "Integer(1)");
    // FULL (2): a commit reaches the disk before it is reported. The crash loop cannot see
    // this (a killed process's writes survive in the page cache), so it is checked here.
    assert_eq!(pragma("synchronous"), "Integer(2)", "synchronous = FULL");
    let reopened = Store::unlock(dir.path(), &p("correct horse battery")).expect("unlock");
    assert_eq!(
        caseload_store::testing::pragma(&reopened, "synchronous").expect("pragma"),
        "Integer(2)",
        "synchronous = FULL after unlock too"
    );
}
