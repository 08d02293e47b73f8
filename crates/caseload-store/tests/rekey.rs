//! "I think my passphrase is known": re-keying the database, and unlocking after a re-key that
//! a crash interrupted. Real temporary SQLCipher databases.

use std::fs;
use std::path::Path;

use caseload_domain::{Passphrase, Pupil, PupilDraft};
use caseload_store::{
    Action, DATABASE_FILE, KEY_FILE, KdfParams, NEXT_KEY_FILE, Store, StoreError, cases,
};
use chrono::{NaiveDate, Utc};

const OLD: &str = "correct horse battery";
const NEW: &str = "a brand new passphrase";

fn p(s: &str) -> Passphrase {
    Passphrase::new(s.into())
}

fn pupil(upn: &str) -> Pupil {
    PupilDraft {
        legal_name: "Fixturepupil Rekey",
        preferred_name: None,
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

fn add_case(store: &mut Store, upn: &str) {
    store
        .write(Action::CaseAdd, |w| {
            cases::add(
                w,
                &pupil(upn),
                &cases::Referral {
                    source: "School".into(),
                    date: NaiveDate::from_ymd_opt(2026, 9, 8).expect("date"),
                },
                Utc::now(),
            )
        })
        .expect("add");
}

fn case_count(store: &Store) -> usize {
    cases::list(&store.read()).expect("list").len()
}

/// A copy of the data folder as it is now (database and key file; the WAL is checkpointed
/// into the database by dropping the store first).
fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        if entry.file_type().expect("type").is_file() {
            fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    }
}

fn rekey(store: &mut Store) {
    store
        .rekey(&p(OLD), &p(NEW), KdfParams::insecure_for_tests())
        .expect("rekey");
}

#[test]
fn after_a_rekey_the_old_key_file_and_old_passphrase_open_nothing_old_or_new() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let mut store = Store::create(&data, &p(OLD), KdfParams::insecure_for_tests()).expect("create");
    add_case(&mut store, "B801200005001");
    // The thief's copy of the key file, taken while the old passphrase was in use.
    let stolen_key = fs::read(data.join(KEY_FILE)).expect("key");

    rekey(&mut store);
    add_case(&mut store, "P207000016049");
    assert_eq!(case_count(&store), 2, "nothing lost, and writes go on");
    drop(store);

    // The database as it is now, with the stolen key file and the old passphrase.
    let attacker = dir.path().join("attacker");
    copy_folder(&data, &attacker);
    fs::write(attacker.join(KEY_FILE), &stolen_key).expect("plant old key");
    let old = Store::unlock(&attacker, &p(OLD));
    assert!(
        matches!(old, Err(StoreError::DatabaseKeyMismatch)),
        "the old key must not open the re-keyed database: {old:?}"
    );
    assert!(matches!(
        Store::unlock(&data, &p(OLD)),
        Err(StoreError::WrongPassphrase)
    ));

    let store = Store::unlock(&data, &p(NEW)).expect("the new passphrase opens it");
    assert_eq!(case_count(&store), 2);
    assert!(!data.join(NEXT_KEY_FILE).exists());
    assert!(
        data.join(format!("{DATABASE_FILE}-wal")).exists(),
        "back in WAL mode after the re-key"
    );
}

#[test]
fn a_rekey_with_the_wrong_current_passphrase_changes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store =
        Store::create(dir.path(), &p(OLD), KdfParams::insecure_for_tests()).expect("create");
    add_case(&mut store, "B801200005001");
    let key_before = fs::read(dir.path().join(KEY_FILE)).expect("key");
    let result = store.rekey(
        &p("not the passphrase"),
        &p(NEW),
        KdfParams::insecure_for_tests(),
    );
    assert!(matches!(result, Err(StoreError::WrongPassphrase)));
    assert_eq!(
        key_before,
        fs::read(dir.path().join(KEY_FILE)).expect("key")
    );
    assert!(!dir.path().join(NEXT_KEY_FILE).exists());
    drop(store);
    let store = Store::unlock(dir.path(), &p(OLD)).expect("old passphrase still opens it");
    assert_eq!(case_count(&store), 1);
}

#[test]
fn a_crash_after_the_database_was_reencrypted_but_before_the_key_file_was_replaced_keeps_the_new_key()
 {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let mut store = Store::create(&data, &p(OLD), KdfParams::insecure_for_tests()).expect("create");
    add_case(&mut store, "B801200005001");
    let old_key = fs::read(data.join(KEY_FILE)).expect("key");
    rekey(&mut store);
    drop(store);
    // As the crash would leave it: the new key file still under its temporary name, the old one
    // in place.
    fs::rename(data.join(KEY_FILE), data.join(NEXT_KEY_FILE)).expect("rename");
    fs::write(data.join(KEY_FILE), &old_key).expect("old key back");

    assert!(
        matches!(
            Store::unlock(&data, &p(OLD)),
            Err(StoreError::WrongPassphrase)
        ),
        "the old passphrase is simply wrong now"
    );
    assert!(
        data.join(NEXT_KEY_FILE).exists(),
        "a wrong passphrase settles nothing"
    );
    let store = Store::unlock(&data, &p(NEW)).expect("the new passphrase opens it");
    assert_eq!(case_count(&store), 1);
    drop(store);
    assert!(!data.join(NEXT_KEY_FILE).exists());
    assert!(matches!(
        Store::unlock(&data, &p(OLD)),
        Err(StoreError::WrongPassphrase)
    ));
    Store::unlock(&data, &p(NEW)).expect("the key file in place is the new one");
}

#[test]
fn a_crash_before_the_database_was_reencrypted_keeps_the_old_key() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let scratch = dir.path().join("scratch");
    let mut store = Store::create(&data, &p(OLD), KdfParams::insecure_for_tests()).expect("create");
    add_case(&mut store, "B801200005001");
    drop(store);
    // A new key file as the first step writes it (another caseload's key under the new
    // passphrase: it opens nothing here), with the database not yet re-encrypted.
    drop(Store::create(&scratch, &p(NEW), KdfParams::insecure_for_tests()).expect("create"));
    fs::copy(scratch.join(KEY_FILE), data.join(NEXT_KEY_FILE)).expect("plant next");

    let store = Store::unlock(&data, &p(OLD)).expect("the old passphrase still opens it");
    assert_eq!(case_count(&store), 1);
    drop(store);
    assert!(
        !data.join(NEXT_KEY_FILE).exists(),
        "the unused new key file goes"
    );
}
