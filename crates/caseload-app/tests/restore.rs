//! Restore, and integrity on open: a restored backup is the same caseload, a wrong passphrase,
//! a non-empty folder or a tampered file restores nothing, and a damaged database or key file or
//! a wrong key is refused naming the latest verified backup.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use caseload_app::backup::{self, index};
use caseload_app::session::UnlockRequest;
use caseload_app::{Caseload, KdfProfile, session};
use common::backup::{PASS, backup_into, with_canary};
use common::*;
use sha2::{Digest, Sha256};

/// Every table's row count and a SHA-256 of its canonical dump. Audit tables are left out: the
/// audit trail (when present) records the backup and the restore themselves, which is the one
/// intended difference.
fn fingerprint(cx: &Caseload) -> BTreeMap<String, (usize, String)> {
    let dump = cx
        .probe_store(caseload_store::testing::canonical_dump)
        .expect("unlocked")
        .expect("dump");
    dump.into_iter()
        .filter(|(table, _)| !table.starts_with("audit"))
        .map(|(table, rows)| {
            let digest = hex::encode(Sha256::digest(rows.join("\n").as_bytes()));
            (table, (rows.len(), digest))
        })
        .collect()
}

fn restore_to(
    file: &str,
    data: PathBuf,
    passphrase: &str,
) -> (Caseload, Result<(), caseload_app::AppError>) {
    let cx = Caseload::new(data, KdfProfile::InsecureForTests);
    let result = backup::restore_from(&cx, Path::new(file), passphrase.into())
        .map(|status| assert!(status.unlocked && status.initialised));
    (cx, result)
}

#[test]
fn a_backup_restored_into_an_empty_folder_gives_the_same_caseload() {
    let (d, cx) = with_canary();
    let made = backup_into(&cx, &d.path().join("backups"));
    assert!(made.verified && made.size > 0 && made.file_name.ends_with(".zip"));
    let before = fingerprint(&cx);
    assert!(
        before.len() > 10,
        "every table is compared: {:?}",
        before.keys()
    );
    assert!(before["pupils"].0 >= 31);

    let (restored, result) = restore_to(&made.path, d.path().join("new-laptop"), PASS);
    result.expect("restore");
    assert_eq!(fingerprint(&restored), before);

    // It is a working caseload: it locks and unlocks with the same passphrase.
    session::lock(&restored, ()).expect("lock");
    session::unlock(
        &restored,
        UnlockRequest {
            passphrase: PASS.into(),
        },
    )
    .expect("unlock");
    // The new laptop's list names the backup it came from, for the restore hint.
    let listed = index::read(&d.path().join("new-laptop"));
    assert_eq!(listed.backups.len(), 1);
    assert!(listed.backups[0].restored_from && listed.backups[0].verified);
}

#[test]
fn a_wrong_passphrase_or_a_non_empty_folder_restores_nothing() {
    let (d, cx) = with_canary();
    let made = backup_into(&cx, &d.path().join("backups"));
    let target = d.path().join("new-laptop");
    let (_, result) = restore_to(&made.path, target.clone(), "not the passphrase");
    assert_eq!(result.expect_err("wrong").kind(), "wrong_passphrase");
    assert!(!target.exists(), "nothing was written");

    // Into the folder of an existing caseload.
    let (_, result) = restore_to(&made.path, d.path().join("data"), PASS);
    assert_eq!(result.expect_err("exists").kind(), "already_initialised");

    // Into a folder with someone's files in it.
    let busy = d.path().join("busy");
    fs::create_dir_all(&busy).expect("mkdir");
    fs::write(busy.join("notes.txt"), "x").expect("write");
    let (_, result) = restore_to(&made.path, busy.clone(), PASS);
    let e = result.expect_err("not empty");
    assert!(e.to_string().contains("not empty"), "{e}");
}

#[test]
fn a_tampered_backup_file_is_refused_and_restores_nothing() {
    let (d, cx) = with_canary();
    let made = backup_into(&cx, &d.path().join("backups"));
    let mut bytes = fs::read(&made.path).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    let tampered = d.path().join("tampered.zip");
    fs::write(&tampered, &bytes).expect("write");
    let target = d.path().join("new-laptop");
    let (_, result) = restore_to(&tampered.display().to_string(), target.clone(), PASS);
    let e = result.expect_err("tampered");
    assert_eq!(e.kind(), "file", "{e}");
    assert!(!caseload_store::Store::exists(&target));
}

fn flip_byte(path: &Path, offset: u64) {
    let mut bytes = fs::read(path).expect("read db");
    assert!(
        (offset as usize) < bytes.len(),
        "the database is {} bytes",
        bytes.len()
    );
    bytes[offset as usize] ^= 0x01;
    fs::write(path, bytes).expect("write db");
}

fn unlock_error(cx: &Caseload) -> caseload_app::AppError {
    session::unlock(
        cx,
        UnlockRequest {
            passphrase: PASS.into(),
        },
    )
    .expect_err("refused")
}

#[test]
fn a_flipped_byte_in_the_database_is_refused_naming_the_latest_backup() {
    let (d, cx) = with_canary();
    let made = backup_into(&cx, &d.path().join("backups"));
    session::lock(&cx, ()).expect("lock");
    let db = d.path().join("data").join(caseload_store::DATABASE_FILE);
    let len = fs::metadata(&db).expect("db").len();
    // A byte in the middle of a later page, and one in page 1.
    for offset in [len / 2 + 100, 40] {
        let original = fs::read(&db).expect("read");
        flip_byte(&db, offset);
        let e = unlock_error(&cx);
        assert_eq!(e.kind(), "damaged", "offset {offset}: {e}");
        let message = e.to_string();
        assert!(
            message.contains("Restore your latest backup, made ") && message.contains(&made.path),
            "{message}"
        );
        let caseload_app::AppError::Damaged { backup_path, .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(backup_path.as_deref(), Some(made.path.as_str()));
        fs::write(&db, original).expect("put back");
    }
    // Put back, it opens again: the check refused the damage, not the caseload.
    session::unlock(
        &cx,
        UnlockRequest {
            passphrase: PASS.into(),
        },
    )
    .expect("unlocks again");
}

#[test]
fn a_key_file_that_does_not_match_the_database_is_refused_with_the_restore_hint() {
    let (d, cx) = with_canary();
    backup_into(&cx, &d.path().join("backups"));
    session::lock(&cx, ()).expect("lock");
    // Another caseload's key file, wrapped under the same passphrase: it unwraps, but its key
    // does not open this database.
    let (other_dir, _other) = created();
    fs::copy(
        other_dir.path().join("data").join(caseload_store::KEY_FILE),
        d.path().join("data").join(caseload_store::KEY_FILE),
    )
    .expect("swap key");
    let e = unlock_error(&cx);
    assert_eq!(e.kind(), "damaged");
    assert!(e.to_string().contains("does not match its key"), "{e}");
    assert!(e.to_string().contains("Restore your latest backup"), "{e}");
}

#[test]
fn with_no_backup_listed_the_damage_message_says_where_else_to_look() {
    let (d, cx) = with_canary();
    session::lock(&cx, ()).expect("lock");
    let db = d.path().join("data").join(caseload_store::DATABASE_FILE);
    let len = fs::metadata(&db).expect("db").len();
    flip_byte(&db, len / 2 + 7);
    let e = unlock_error(&cx);
    assert_eq!(e.kind(), "damaged");
    assert!(
        e.to_string().contains("No verified backup is listed"),
        "{e}"
    );
}

#[test]
fn a_key_file_with_out_of_bounds_argon2_parameters_is_refused_with_the_restore_hint() {
    let (d, cx) = with_canary();
    let made = backup_into(&cx, &d.path().join("backups"));
    session::lock(&cx, ()).expect("lock");
    let key_file = d.path().join("data").join(caseload_store::KEY_FILE);
    let original = fs::read(&key_file).expect("read key file");
    let mut json: serde_json::Value = serde_json::from_slice(&original).expect("json");
    // 16 GiB: deriving with it would abort the process.
    json["params"]["m_cost_kib"] = serde_json::json!(16u64 * 1024 * 1024);
    fs::write(&key_file, serde_json::to_vec(&json).expect("json")).expect("tamper");
    let e = unlock_error(&cx);
    assert_eq!(e.kind(), "damaged");
    let message = e.to_string();
    assert!(
        message.contains("key file (caseload.key) is damaged"),
        "{message}"
    );
    assert!(message.contains(&made.path), "{message}");
    fs::write(&key_file, original).expect("put back");
    session::unlock(
        &cx,
        UnlockRequest {
            passphrase: PASS.into(),
        },
    )
    .expect("unlocks again");
}
