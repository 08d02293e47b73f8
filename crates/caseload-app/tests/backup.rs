//! Backup and restore, and integrity on open: a restored backup is the same caseload, the
//! backup file holds no plaintext, pruning keeps the newest N, and a damaged database or a
//! wrong key is refused naming the latest verified backup.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use caseload_app::backup::{self, BackupNowRequest, RestoreRequest, index};
use caseload_app::cases::{CaseAddRequest, PupilInput};
use caseload_app::session::UnlockRequest;
use caseload_app::settings;
use caseload_app::{Caseload, KdfProfile, cases, demo, session};
use chrono::{Duration, Utc};
use common::*;
use sha2::{Digest, Sha256};

const PASS: &str = "correct horse battery";
/// A name no real pupil has, to search the backup's bytes for.
const CANARY: &str = "Quillfeather Zebedeeson";

fn with_canary() -> (tempfile::TempDir, Caseload) {
    let (d, cx) = created();
    demo::fill(&cx, 30, 7).expect("demo");
    cases::case_add(
        &cx,
        CaseAddRequest {
            pupil: PupilInput {
                legal_name: CANARY.into(),
                preferred_name: None,
                date_of_birth: "2013-05-14".into(),
                upn: "A123456789012".into(),
                school_urn: "100000".into(),
                school_name: "Synthetic School".into(),
                school_phase: Some("secondary".into()),
                year_group: "8".into(),
            },
            referral_source: Some("School".into()),
            referral_date: Some(ago(3)),
        },
    )
    .expect("canary case");
    (d, cx)
}

fn backup_into(cx: &Caseload, folder: &Path) -> backup::BackupView {
    fs::create_dir_all(folder).expect("folder");
    backup::backup_now(
        cx,
        BackupNowRequest {
            folder: Some(folder.display().to_string()),
        },
    )
    .expect("backup")
}

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
    let result = backup::restore(
        &cx,
        RestoreRequest {
            file: file.into(),
            passphrase: passphrase.into(),
        },
    )
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
fn the_backup_file_and_the_list_of_backups_hold_no_plaintext() {
    let (d, cx) = with_canary();
    let made = backup_into(&cx, &d.path().join("backups"));
    let bytes = fs::read(&made.path).expect("read backup");
    let contains =
        |hay: &[u8], needle: &str| hay.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(contains(&bytes, "manifest.json"), "the search itself works");
    for needle in [
        CANARY,
        "Quillfeather",
        "A123456789012",
        "Synthetic School",
        "CREATE TABLE",
    ] {
        assert!(!contains(&bytes, needle), "{needle} found in the backup");
    }
    let listed = fs::read(d.path().join("data").join(index::INDEX_FILE)).expect("index");
    assert!(!contains(&listed, "Quillfeather"));
    // Only the finished file is left in the folder: no .partial, no work copies.
    let names: Vec<String> = fs::read_dir(d.path().join("backups"))
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec![made.file_name.clone()]);
    let data_names: Vec<String> = fs::read_dir(d.path().join("data"))
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(data_names.is_empty(), "{data_names:?}");
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
fn only_the_newest_backups_are_kept() {
    let (d, cx) = with_canary();
    let mut s = settings::settings_get(&cx, ()).expect("settings");
    assert_eq!(
        (
            s.backup.keep,
            s.backup.remind_after_days,
            s.backup.folder.as_str()
        ),
        (5, 7, "")
    );
    s.backup.keep = 2;
    s.backup.folder = d.path().join("backups").display().to_string();
    fs::create_dir_all(&s.backup.folder).expect("mkdir");
    settings::settings_update(&cx, s).expect("keep 2");
    let made: Vec<_> = (0..3)
        .map(|_| backup::backup_now(&cx, BackupNowRequest::default()).expect("backup"))
        .collect();
    assert!(!Path::new(&made[0].path).exists(), "the oldest was deleted");
    assert!(Path::new(&made[1].path).exists() && Path::new(&made[2].path).exists());
    let overview = backup::backup_list(&cx, ()).expect("list");
    let listed: Vec<&str> = overview.backups.iter().map(|b| b.path.as_str()).collect();
    assert_eq!(listed, vec![made[2].path.as_str(), made[1].path.as_str()]);
    assert_eq!(overview.reminder, None);

    // A file the list does not name is never deleted.
    let stranger = d
        .path()
        .join("backups")
        .join("caseload-backup-1999-01-01-000000.zip");
    fs::write(&stranger, "not ours").expect("write");
    backup::backup_now(&cx, BackupNowRequest::default()).expect("backup");
    assert!(stranger.exists());
}

#[test]
fn settings_for_backups_are_checked() {
    let (_d, cx) = created();
    let mut s = settings::settings_get(&cx, ()).expect("settings");
    s.backup.keep = 0;
    s.backup.remind_after_days = 0;
    s.backup.folder = "relative/folder".into();
    let e = settings::settings_update(&cx, s).expect_err("bad");
    let caseload_app::AppError::Validation { fields, .. } = e else {
        panic!("{e:?}")
    };
    let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        names,
        vec!["backup_folder", "backup_keep", "backup_remind_after_days"]
    );
}

#[test]
fn the_reminder_counts_days_since_the_last_verified_backup() {
    let (d, cx) = with_canary();
    let s = settings::settings_get(&cx, ()).expect("settings").backup;
    let data = d.path().join("data");
    let none = backup::overview_at(&data, s.clone(), Utc::now()).expect("overview");
    assert_eq!(
        none.reminder.as_deref(),
        Some("You have not backed up this caseload yet. Back up now")
    );
    backup_into(&cx, &d.path().join("backups"));
    let now = Utc::now();
    let fresh = backup::overview_at(&data, s.clone(), now + Duration::days(7)).expect("overview");
    assert_eq!((fresh.days_since_last, fresh.reminder), (Some(7), None));
    let late = backup::overview_at(&data, s, now + Duration::days(9)).expect("overview");
    assert_eq!(
        late.reminder.as_deref(),
        Some("Your last backup was 9 days ago. Back up now")
    );
}

fn share_with(cx: &Caseload, folder: &Path) {
    caseload_app::exchange::share_settings_set(
        cx,
        caseload_app::exchange::ShareSettings {
            folder: folder.display().to_string(),
            worker_id: "aw-0042".into(),
            team: "afsw".into(),
        },
    )
    .expect("share settings");
}

#[test]
fn the_newest_backup_is_copied_to_the_shared_drive_now_or_at_the_next_sync() {
    let (d, cx) = with_canary();
    let share = d.path().join("share");
    fs::create_dir_all(&share).expect("share");
    share_with(&cx, &share);
    let made = backup_into(&cx, &d.path().join("backups"));
    let on_share = share
        .join("caseload")
        .join("backups")
        .join("aw-0042")
        .join(&made.file_name);
    assert_eq!(
        made.shared_to.as_deref(),
        Some(on_share.display().to_string().as_str())
    );
    assert_eq!(
        fs::read(&on_share).expect("copy"),
        fs::read(&made.path).expect("backup")
    );

    // The share is away: the backup is made and listed, and the next sync that reaches the
    // share copies it.
    let away = d.path().join("share-later");
    share_with(&cx, &away);
    let second = backup_into(&cx, &d.path().join("backups"));
    assert_eq!(second.shared_to, None);
    fs::create_dir_all(&away).expect("share back");
    let report = caseload_app::exchange::sync(&cx, Default::default()).expect("sync");
    assert!(
        report
            .messages
            .iter()
            .any(|m| m == "Your latest backup was copied to the shared drive"),
        "{:?}",
        report.messages
    );
    let copied = away
        .join("caseload")
        .join("backups")
        .join("aw-0042")
        .join(&second.file_name);
    assert_eq!(
        fs::read(&copied).expect("copy"),
        fs::read(&second.path).expect("backup")
    );
    let listed = backup::backup_list(&cx, ()).expect("list");
    assert_eq!(
        listed.backups[0].shared_to.as_deref(),
        Some(copied.display().to_string().as_str())
    );
    // Syncing again copies nothing more.
    let again = caseload_app::exchange::sync(&cx, Default::default()).expect("sync");
    assert!(!again.messages.iter().any(|m| m.contains("backup")));
}
