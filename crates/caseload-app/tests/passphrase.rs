//! Passphrase strength and "I think my passphrase is known", through the app's commands as the
//! window and the CLI call them.

use std::fs;
use std::path::Path;

use caseload_app::audit::AuditListRequest;
use caseload_app::session::{ChangePassphraseRequest, CreateCaseloadRequest, UnlockRequest};
use caseload_app::{AppError, Caseload, KdfProfile, audit, cases, session};

mod common;

use common::{field_names, input, new_case};

const PASS: &str = "correct horse battery";
const NEW: &str = "a brand new passphrase";

fn created() -> (tempfile::TempDir, Caseload) {
    let dir = tempfile::tempdir().expect("tmp");
    let cx = Caseload::new(dir.path().join("data"), KdfProfile::InsecureForTests);
    session::caseload_create(
        &cx,
        CreateCaseloadRequest {
            passphrase: PASS.into(),
            passphrase_confirm: PASS.into(),
        },
    )
    .expect("create");
    (dir, cx)
}

fn change(cx: &Caseload, current: &str, new: &str, known: bool) -> Result<String, AppError> {
    session::passphrase_change(
        cx,
        ChangePassphraseRequest {
            current_passphrase: current.into(),
            new_passphrase: new.into(),
            new_passphrase_confirm: new.into(),
            passphrase_known: Some(known),
        },
    )
    .map(|changed| changed.message)
}

fn unlock(cx: &Caseload, passphrase: &str) -> Result<(), AppError> {
    session::unlock(
        cx,
        UnlockRequest {
            passphrase: passphrase.into(),
        },
    )
    .map(|_| ())
}

fn add(cx: &Caseload, upn: &str) {
    cases::case_add(
        cx,
        new_case(caseload_app::cases::PupilInput {
            upn: upn.into(),
            ..input()
        }),
    )
    .expect("add");
}

fn copy_files(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        if entry.file_type().expect("type").is_file() {
            fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    }
}

fn validation_message(e: &AppError) -> String {
    match e {
        AppError::Validation { fields, .. } => fields[0].message.clone(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn after_a_known_passphrase_change_the_old_key_file_and_old_passphrase_read_nothing() {
    let (d, cx) = created();
    let data = d.path().join("data");
    add(&cx, "B801200005001");
    // Someone who knows the passphrase took a copy of the key file.
    let stolen_key = fs::read(data.join(caseload_store::KEY_FILE)).expect("key");

    let message = change(&cx, PASS, NEW, true).expect("change");
    assert!(message.contains("re-encrypted"), "{message}");
    add(&cx, "P207000016049");
    session::lock(&cx, ()).expect("lock");

    // The caseload as it is now, with the stolen key file and the old passphrase.
    let taken = d.path().join("taken");
    copy_files(&data, &taken);
    fs::write(taken.join(caseload_store::KEY_FILE), &stolen_key).expect("plant");
    let thief = Caseload::new(taken, KdfProfile::InsecureForTests);
    let refused = unlock(&thief, PASS).expect_err("the old key must open nothing");
    assert_eq!(
        refused.kind(),
        "damaged",
        "the database does not open with that key"
    );
    assert!(!session::app_status(&thief, ()).expect("status").unlocked);

    unlock(&cx, NEW).expect("the new passphrase opens it");
    assert_eq!(cases::case_list(&cx, ()).expect("list").len(), 2);
    let entries = audit::audit_list(
        &cx,
        AuditListRequest {
            action: Some("passphrase_change".into()),
            ..Default::default()
        },
    )
    .expect("audit")
    .entries;
    assert_eq!(entries.len(), 1);
    assert!(
        entries[0].detail.contains("re-keyed"),
        "{}",
        entries[0].detail
    );
}

#[test]
fn an_ordinary_passphrase_change_keeps_the_key_and_says_how_to_re_key() {
    let (d, cx) = created();
    let data = d.path().join("data");
    let old_key = fs::read(data.join(caseload_store::KEY_FILE)).expect("key");
    let message = change(&cx, PASS, NEW, false).expect("change");
    assert!(
        message.contains("I think my passphrase is known"),
        "{message}"
    );
    session::lock(&cx, ()).expect("lock");
    // Without re-keying, the old key file still holds the same database key (this is why the
    // re-key exists): the old passphrase with it still opens the data.
    let taken = d.path().join("taken");
    copy_files(&data, &taken);
    fs::write(taken.join(caseload_store::KEY_FILE), &old_key).expect("plant");
    unlock(&Caseload::new(taken, KdfProfile::InsecureForTests), PASS)
        .expect("same key, old wrapping");
}

#[test]
fn a_long_but_guessable_passphrase_is_refused_when_creating_and_when_changing() {
    for weak in ["aaaaaaaaaaaa", "password1234"] {
        let dir = tempfile::tempdir().expect("tmp");
        let cx = Caseload::new(dir.path().join("data"), KdfProfile::InsecureForTests);
        let e = session::caseload_create(
            &cx,
            CreateCaseloadRequest {
                passphrase: weak.into(),
                passphrase_confirm: weak.into(),
            },
        )
        .expect_err("weak");
        assert_eq!(field_names(&e), vec!["passphrase"]);
        let message = validation_message(&e);
        assert!(message.contains("too easy to guess"), "{message}");
        assert!(!message.contains(weak));
        assert!(!caseload_store::Store::exists(&dir.path().join("data")));

        let (_d, cx) = created();
        let e = change(&cx, PASS, weak, true).expect_err("weak");
        assert_eq!(field_names(&e), vec!["new_passphrase"]);
        session::lock(&cx, ()).expect("lock");
        unlock(&cx, PASS).expect("nothing changed");
    }
}
