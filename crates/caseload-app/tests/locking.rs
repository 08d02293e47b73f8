//! Locking by itself, on a temporary encrypted caseload with a clock the test moves: the idle
//! lock fires at the worker's limit and not before, activity starts the clock again, and wrong
//! passphrases make the next attempt wait longer and longer, across restarts, until one is right.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use caseload_app::locking::{self, LockReason};
use caseload_app::session::{self, CreateCaseloadRequest, UnlockRequest};
use caseload_app::settings;
use caseload_app::{AppError, Caseload, KdfProfile, cases, dispatch};
use caseload_store::unlock_attempts::{UNLOCK_ATTEMPTS_FILE, UnlockAttempts};
use chrono::{DateTime, TimeZone, Utc};
use serde_json::json;

const PASS: &str = "correct horse battery";

/// A clock that only moves when the test says so.
#[derive(Clone)]
struct TestClock(Arc<Mutex<DateTime<Utc>>>);

impl TestClock {
    fn start() -> Self {
        let t = Utc
            .with_ymd_and_hms(2026, 12, 7, 9, 0, 0)
            .single()
            .expect("time");
        TestClock(Arc::new(Mutex::new(t)))
    }
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().expect("clock")
    }
    fn advance(&self, seconds: i64) -> DateTime<Utc> {
        let mut t = self.0.lock().expect("clock");
        *t += chrono::Duration::seconds(seconds);
        *t
    }
    fn caseload(&self, dir: &std::path::Path) -> Caseload {
        let clock = self.clone();
        Caseload::with_clock(dir.join("data"), KdfProfile::InsecureForTests, move || {
            clock.now()
        })
    }
}

fn created(clock: &TestClock) -> (tempfile::TempDir, Caseload) {
    let dir = tempfile::tempdir().expect("tmp");
    let cx = clock.caseload(dir.path());
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

fn unlock(cx: &Caseload, passphrase: &str) -> Result<session::AppStatus, AppError> {
    session::unlock(
        cx,
        UnlockRequest {
            passphrase: passphrase.into(),
        },
    )
}

fn is_unlocked(cx: &Caseload) -> bool {
    session::app_status(cx, ()).expect("status").unlocked
}

#[test]
fn the_idle_lock_fires_at_five_minutes_by_default_and_not_a_second_before() {
    let clock = TestClock::start();
    let (_d, cx) = created(&clock);
    assert_eq!(
        settings::settings_get(&cx, ())
            .expect("settings")
            .lock_after_minutes,
        5
    );
    let almost = clock.advance(5 * 60 - 1);
    assert_eq!(cx.lock_if_idle(almost), None);
    assert!(is_unlocked(&cx));
    let due = clock.advance(1);
    assert_eq!(
        cx.lock_if_idle(due),
        Some(LockReason::Idle { seconds: 300 })
    );
    let status = session::app_status(&cx, ()).expect("status");
    assert!(!status.unlocked);
    assert_eq!(
        status.lock_notice.as_deref(),
        Some("Caseload locked after 5 minutes without use")
    );
    assert!(matches!(
        cases::case_list(&cx, ()),
        Err(AppError::Locked { .. })
    ));
    assert_eq!(cx.lock_if_idle(clock.advance(600)), None, "locks once");
}

#[test]
fn the_idle_limit_is_the_workers_setting_and_applies_at_once() {
    let clock = TestClock::start();
    let (_d, cx) = created(&clock);
    let mut s = settings::settings_get(&cx, ()).expect("settings");
    s.lock_after_minutes = 12;
    settings::settings_save(&cx, s.clone()).expect("save");
    assert_eq!(cx.lock_if_idle(clock.advance(11 * 60 + 59)), None);
    assert_eq!(
        cx.lock_if_idle(clock.advance(1)),
        Some(LockReason::Idle { seconds: 720 })
    );
    // The limit is read again at unlock: still 12 minutes.
    unlock(&cx, PASS).expect("unlock");
    assert_eq!(cx.lock_if_idle(clock.advance(11 * 60)), None);
    assert!(cx.lock_if_idle(clock.advance(60)).is_some());
}

#[test]
fn an_idle_limit_outside_one_to_thirty_minutes_is_refused_at_its_field() {
    let clock = TestClock::start();
    let (_d, cx) = created(&clock);
    for minutes in [0, 31] {
        let mut s = settings::settings_get(&cx, ()).expect("settings");
        s.lock_after_minutes = minutes;
        let err = settings::settings_save(&cx, s).expect_err("refused");
        assert_eq!(common::field_names(&err), vec!["lock_after_minutes"]);
    }
}

#[test]
fn activity_and_commands_start_the_idle_clock_again_but_background_polling_does_not() {
    let clock = TestClock::start();
    let (_d, cx) = created(&clock);
    clock.advance(4 * 60);
    locking::session_activity(&cx, ()).expect("activity");
    assert_eq!(cx.lock_if_idle(clock.advance(4 * 60 + 59)), None);
    dispatch(&cx, "case_list", json!(null)).expect("a command the worker ran");
    assert_eq!(cx.lock_if_idle(clock.advance(4 * 60 + 59)), None);
    // The Exports screen's timers keep polling; that is not the worker using the caseload.
    dispatch(&cx, "outbox_list", json!(null)).expect("polling");
    dispatch(&cx, "app_status", json!(null)).expect("status");
    assert!(cx.lock_if_idle(clock.advance(1)).is_some());
}

#[test]
fn the_idle_lock_waits_while_a_command_is_running() {
    let clock = TestClock::start();
    let (_d, cx) = created(&clock);
    let late = clock.advance(60 * 60);
    let inside = cx.clone();
    // A command holds the store (here: the probe) while the timer ticks: no lock this tick.
    let during = cx.probe_store(|_| inside.lock_if_idle(late)).expect("open");
    assert_eq!(during, None);
    assert!(cx.lock_if_idle(late).is_some());
}

#[test]
fn locking_closes_the_database_so_its_write_ahead_log_is_folded_in_and_removed() {
    let clock = TestClock::start();
    let (d, cx) = created(&clock);
    cases::case_add(&cx, common::new_case(common::input())).expect("add");
    let wal = d.path().join("data").join("caseload.db-wal");
    assert!(wal.exists(), "an open WAL database has its log");
    cx.lock_if_idle(clock.advance(300)).expect("locked");
    assert!(!wal.exists(), "the last connection closed");
}

#[test]
fn sleep_and_screen_lock_lock_at_once_with_their_own_notice() {
    let clock = TestClock::start();
    let (_d, cx) = created(&clock);
    assert!(cx.lock_because(LockReason::Sleep));
    assert!(!cx.lock_because(LockReason::Sleep), "already locked");
    assert_eq!(
        session::app_status(&cx, ())
            .expect("status")
            .lock_notice
            .as_deref(),
        Some("Caseload locked when the laptop went to sleep")
    );
    unlock(&cx, PASS).expect("unlock");
    assert_eq!(
        session::app_status(&cx, ()).expect("status").lock_notice,
        None,
        "unlocking clears the notice"
    );
    assert!(cx.lock_because(LockReason::ScreenLocked));
    unlock(&cx, PASS).expect("unlock");
    session::lock(&cx, ()).expect("lock");
    assert_eq!(
        session::app_status(&cx, ()).expect("status").lock_notice,
        None,
        "the worker's own Lock needs no notice"
    );
}

#[test]
fn a_test_override_shortens_the_idle_limit() {
    let clock = TestClock::start();
    let (_d, cx) = created(&clock);
    cx.set_idle_limit_for_tests(Some(Duration::from_secs(8)));
    assert_eq!(cx.lock_if_idle(clock.advance(7)), None);
    assert_eq!(
        cx.lock_if_idle(clock.advance(1)),
        Some(LockReason::Idle { seconds: 8 })
    );
    assert_eq!(
        session::app_status(&cx, ())
            .expect("status")
            .lock_notice
            .as_deref(),
        Some("Caseload locked after 8 seconds without use")
    );
}

fn wrong(cx: &Caseload) -> AppError {
    unlock(cx, "not the passphrase at all").expect_err("wrong")
}

fn wait_of(e: &AppError) -> u64 {
    match e {
        AppError::TooManyAttempts {
            retry_after_seconds,
            message,
        } => {
            assert!(message.starts_with("Too many wrong passphrases. Try again in "));
            *retry_after_seconds
        }
        other => panic!("expected too_many_attempts, got {other:?}"),
    }
}

#[test]
fn wrong_passphrases_make_the_next_attempt_wait_longer_and_longer() {
    let clock = TestClock::start();
    let (_d, cx) = created(&clock);
    session::lock(&cx, ()).expect("lock");
    for _ in 0..4 {
        assert_eq!(wrong(&cx).kind(), "wrong_passphrase");
    }
    // After the fourth: two seconds, refused even with the right passphrase.
    let refused = unlock(&cx, PASS).expect_err("too soon");
    assert_eq!(wait_of(&refused), 2);
    assert_eq!(
        refused.to_string(),
        "Too many wrong passphrases. Try again in 2 seconds."
    );
    clock.advance(1);
    assert_eq!(wait_of(&unlock(&cx, PASS).expect_err("still too soon")), 1);
    clock.advance(1);
    assert_eq!(wrong(&cx).kind(), "wrong_passphrase");
    assert_eq!(wait_of(&wrong(&cx)), 4, "the fifth doubles the wait");
    clock.advance(4);
    assert_eq!(wrong(&cx).kind(), "wrong_passphrase");
    assert_eq!(wait_of(&wrong(&cx)), 8);
    assert!(!is_unlocked(&cx));
}

#[test]
fn the_wait_is_kept_across_a_restart_and_a_right_passphrase_resets_it() {
    let clock = TestClock::start();
    let (d, cx) = created(&clock);
    session::lock(&cx, ()).expect("lock");
    for _ in 0..6 {
        wrong(&cx);
        clock.advance(300);
    }
    clock.advance(-300 + 3); // three seconds after the sixth failure
    drop(cx);
    let restarted = clock.caseload(d.path());
    assert_eq!(
        wait_of(&unlock(&restarted, PASS).expect_err("kept")),
        5,
        "8 seconds after the sixth, 3 gone"
    );
    let attempts = UnlockAttempts::read(&d.path().join("data"));
    assert_eq!(attempts.failures, 6);
    assert_eq!(attempts.times.len(), 6);
    clock.advance(5);
    unlock(&restarted, PASS).expect("the right passphrase once the wait is over");
    assert!(!d.path().join("data").join(UNLOCK_ATTEMPTS_FILE).exists());
    session::lock(&restarted, ()).expect("lock");
    for _ in 0..4 {
        assert_eq!(
            wrong(&restarted).kind(),
            "wrong_passphrase",
            "counting anew"
        );
    }
}

#[test]
fn a_clock_set_back_never_makes_the_wait_longer_than_its_rule() {
    let clock = TestClock::start();
    let (_d, cx) = created(&clock);
    session::lock(&cx, ()).expect("lock");
    for _ in 0..4 {
        wrong(&cx);
    }
    clock.advance(-3600);
    assert_eq!(wait_of(&unlock(&cx, PASS).expect_err("waits")), 2);
}

#[test]
fn the_cli_and_the_app_share_one_count_through_the_data_folder() {
    // Two `Caseload` values on one folder stand for the app and a CLI run.
    let clock = TestClock::start();
    let (d, app) = created(&clock);
    session::lock(&app, ()).expect("lock");
    let cli = clock.caseload(d.path());
    for _ in 0..2 {
        wrong(&app);
        wrong(&cli);
    }
    assert_eq!(wait_of(&unlock(&app, PASS).expect_err("shared count")), 2);
}

#[test]
fn a_wrong_current_passphrase_at_change_passphrase_counts_and_waits_like_unlock() {
    let clock = TestClock::start();
    let (_d, cx) = created(&clock);
    let change = |current: &str| {
        session::passphrase_change(
            &cx,
            session::ChangePassphraseRequest {
                current_passphrase: current.into(),
                new_passphrase: "a brand new passphrase".into(),
                new_passphrase_confirm: "a brand new passphrase".into(),
                passphrase_known: None,
            },
        )
    };
    for _ in 0..4 {
        let e = change("not the passphrase at all").expect_err("wrong");
        assert_eq!(common::field_names(&e), vec!["current_passphrase"]);
    }
    assert_eq!(wait_of(&change(PASS).expect_err("waits")), 2);
    clock.advance(2);
    change(PASS).expect("the right one once the wait is over");
    session::lock(&cx, ()).expect("lock");
    for _ in 0..4 {
        assert_eq!(
            wrong(&cx).kind(),
            "wrong_passphrase",
            "the count started again"
        );
    }
}
