//! Making backups: the backup file holds no plaintext, pruning keeps the newest N, the settings
//! are checked, the reminder counts days since the last verified backup, and the newest backup
//! is copied to the shared drive. Restoring them, and integrity on open, are in `restore.rs`.

mod common;

use std::fs;
use std::path::Path;

use caseload_app::Caseload;
use caseload_app::backup::{self, BackupNowRequest, index};
use caseload_app::settings;
use chrono::{Duration, Utc};
use common::backup::{CANARY, backup_into, with_canary};
use common::*;

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
    settings::settings_save(&cx, s).expect("keep 2");
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
    let e = settings::settings_save(&cx, s).expect_err("bad");
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
    caseload_app::exchange::share_settings_save(
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

#[test]
fn a_work_copy_is_removed_once_no_backup_holds_it_and_not_while_one_does() {
    let (d, cx) = common::created();
    let data = d.path().join("data");
    let work = |name: &str, locked: bool| {
        let dir = data.join(name);
        fs::create_dir(&dir).expect("work folder");
        fs::write(dir.join("caseload.db"), b"encrypted copy").expect("copy");
        let lock = fs::File::create(dir.join("in-use.lock")).expect("lock file");
        if locked {
            lock.lock().expect("held");
        }
        (dir, lock)
    };
    let (killed, _) = work(".backup-killed", false);
    let (busy, hold) = work(".backup-busy", true);
    // A backup just starting, its lock file not made yet: left alone while it is young.
    let starting = data.join(".backup-starting");
    fs::create_dir(&starting).expect("starting");
    let relock = || {
        caseload_app::session::lock(&cx, ()).expect("lock");
        caseload_app::session::unlock(
            &cx,
            caseload_app::session::UnlockRequest {
                passphrase: "correct horse battery".into(),
            },
        )
        .expect("unlock");
    };
    relock();
    assert!(!killed.exists(), "no process holds it: removed at unlock");
    assert!(busy.exists(), "a backup in another process still holds it");
    assert!(starting.exists());
    drop(hold);
    backup_into(&cx, &d.path().join("backups"));
    assert!(!busy.exists(), "removed by the next backup once let go");
    assert!(starting.exists());
    let leftovers: Vec<String> = fs::read_dir(&data)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".backup-"))
        .collect();
    assert_eq!(
        leftovers,
        [".backup-starting"],
        "the backup's own work folder is gone"
    );
}
