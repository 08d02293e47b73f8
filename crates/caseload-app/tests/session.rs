//! Creating, unlocking, locking and re-keying a caseload on a temporary encrypted store, and how
//! a front end calls the use cases: the error's JSON shape and dispatch by name.

use caseload_app::cases::PupilInput;
use caseload_app::session::{ChangePassphraseRequest, CreateCaseloadRequest, UnlockRequest};
use caseload_app::{AppError, Caseload, KdfProfile, cases, dispatch, session};
use serde_json::json;

mod common;

use common::{field_names, input, new_case};

const PASS: &str = "correct horse battery";

fn fresh() -> (tempfile::TempDir, Caseload) {
    let dir = tempfile::tempdir().expect("tmp");
    let cx = Caseload::new(dir.path().join("data"), KdfProfile::InsecureForTests);
    (dir, cx)
}

fn created() -> (tempfile::TempDir, Caseload) {
    let (dir, cx) = fresh();
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

#[test]
fn status_reports_a_new_folder_as_not_initialised_and_locked() {
    let (_d, cx) = fresh();
    let status = session::app_status(&cx, ()).expect("status");
    assert!(!status.initialised && !status.unlocked);
    assert_eq!(status.min_passphrase_length, 12);
}

#[test]
fn creating_a_caseload_leaves_it_unlocked_and_initialised() {
    let (_d, cx) = created();
    let status = session::app_status(&cx, ()).expect("status");
    assert!(status.initialised && status.unlocked);
}

#[test]
fn a_short_or_mismatched_new_passphrase_is_refused_at_the_right_field() {
    let (_d, cx) = fresh();
    let short = session::caseload_create(
        &cx,
        CreateCaseloadRequest {
            passphrase: "short".into(),
            passphrase_confirm: "short".into(),
        },
    )
    .expect_err("short");
    assert_eq!(field_names(&short), vec!["passphrase"]);
    let mismatch = session::caseload_create(
        &cx,
        CreateCaseloadRequest {
            passphrase: PASS.into(),
            passphrase_confirm: "something else entirely".into(),
        },
    )
    .expect_err("mismatch");
    assert_eq!(field_names(&mismatch), vec!["passphrase_confirm"]);
    assert!(!session::app_status(&cx, ()).expect("status").initialised);
}

#[test]
fn an_added_case_is_listed_and_survives_lock_and_unlock() {
    let (_d, cx) = created();
    let added = cases::case_add(&cx, new_case(input())).expect("add");
    session::lock(&cx, ()).expect("lock");
    assert!(matches!(
        cases::case_list(&cx, ()),
        Err(AppError::Locked { .. })
    ));
    session::unlock(
        &cx,
        UnlockRequest {
            passphrase: PASS.into(),
        },
    )
    .expect("unlock");
    let list = cases::case_list(&cx, ()).expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, added.id);
    assert_eq!(list[0].legal_name, "Testpupil Zebedee-Quux");
    assert_eq!(list[0].year_group, 7);
}

#[test]
fn a_wrong_passphrase_gives_the_wrong_passphrase_kind_and_stays_locked() {
    let (_d, cx) = created();
    session::lock(&cx, ()).expect("lock");
    let e = session::unlock(
        &cx,
        UnlockRequest {
            passphrase: "not my passphrase".into(),
        },
    )
    .expect_err("wrong");
    assert_eq!(e.kind(), "wrong_passphrase");
    assert!(!session::app_status(&cx, ()).expect("status").unlocked);
}

#[test]
fn changing_the_passphrase_needs_the_current_one() {
    let (_d, cx) = created();
    let wrong = session::passphrase_change(
        &cx,
        ChangePassphraseRequest {
            current_passphrase: "not my passphrase".into(),
            new_passphrase: "a brand new passphrase".into(),
            new_passphrase_confirm: "a brand new passphrase".into(),
            passphrase_known: None,
        },
    )
    .expect_err("wrong current");
    assert_eq!(field_names(&wrong), vec!["current_passphrase"]);
    session::passphrase_change(
        &cx,
        ChangePassphraseRequest {
            current_passphrase: PASS.into(),
            new_passphrase: "a brand new passphrase".into(),
            new_passphrase_confirm: "a brand new passphrase".into(),
            passphrase_known: None,
        },
    )
    .expect("change");
    session::lock(&cx, ()).expect("lock");
    assert!(
        session::unlock(
            &cx,
            UnlockRequest {
                passphrase: PASS.into()
            }
        )
        .is_err()
    );
    session::unlock(
        &cx,
        UnlockRequest {
            passphrase: "a brand new passphrase".into(),
        },
    )
    .expect("unlock with new");
}

#[test]
fn errors_serialise_as_a_kind_tagged_object() {
    let (_d, cx) = created();
    let e = cases::case_add(
        &cx,
        new_case(PupilInput {
            upn: "A801200005001".into(),
            ..input()
        }),
    )
    .expect_err("bad upn");
    let value = serde_json::to_value(&e).expect("json");
    assert_eq!(value["kind"], "validation");
    assert_eq!(value["fields"][0]["field"], "upn");
    assert!(
        value["message"]
            .as_str()
            .expect("message")
            .contains("problem")
    );
}

#[test]
fn dispatch_runs_any_listed_command_from_json() {
    let (_d, cx) = created();
    let added = dispatch(
        &cx,
        "case_add",
        serde_json::to_value(input()).expect("json"),
    )
    .expect("add");
    let list = dispatch(&cx, "case_list", json!(null)).expect("list");
    assert_eq!(list[0]["id"], added["id"]);
    let unknown = dispatch(&cx, "no_such_command", json!(null)).expect_err("unknown");
    assert_eq!(unknown.kind(), "not_found");
    let malformed = dispatch(&cx, "case_get", json!({"nope": 1})).expect_err("malformed");
    assert_eq!(malformed.kind(), "validation");
}

#[test]
fn a_second_desktop_instance_cannot_claim_the_same_data_folder() {
    let (_d, cx) = fresh();
    cx.claim_data_dir().expect("first claim");
    let other = Caseload::new(cx.data_dir().to_path_buf(), KdfProfile::InsecureForTests);
    assert_eq!(
        other.claim_data_dir().expect_err("second claim").kind(),
        "in_use"
    );
}
