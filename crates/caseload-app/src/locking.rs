//! Locking an open caseload by itself: after a spell without use, and when the laptop sleeps or
//! its screen locks. The backend measures inactivity (every command a worker runs counts, and the
//! UI sends `session_activity` while the worker types or points); a shell's timer asks
//! [`Caseload::lock_if_idle`] every few seconds. Locking closes the database (the key goes with
//! the connection) and remembers why, so the unlock screen can say so.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::context::Caseload;
use crate::error::AppError;

/// Commands a screen runs on a timer or on opening, not because the worker did something: they
/// do not count as activity, or a caseload left open on the Exports screen would never lock.
pub const BACKGROUND_COMMANDS: &[&str] = &["app_status", "outbox_list", "sync", "import_progress"];

/// Why the caseload was last locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum LockReason {
    /// The worker chose Lock (or the CLI finished).
    Worker,
    /// Nobody used it for `seconds` (the idle limit).
    Idle {
        #[ts(type = "number")]
        seconds: u64,
    },
    /// The laptop was about to sleep.
    Sleep,
    /// The screen was locked.
    ScreenLocked,
}

impl LockReason {
    /// Why, for the `Lock` entry in the audit trail (no personal data).
    pub fn audit_detail(self) -> &'static str {
        match self {
            LockReason::Worker => "locked by the worker",
            LockReason::Idle { .. } => "locked after inactivity",
            LockReason::Sleep => "locked as the laptop went to sleep",
            LockReason::ScreenLocked => "locked as the screen was locked",
        }
    }

    /// What the unlock screen says afterwards (nothing when the worker locked it).
    pub fn notice(self) -> Option<String> {
        match self {
            LockReason::Worker => None,
            LockReason::Idle { seconds } if seconds % 60 == 0 => Some(format!(
                "Caseload locked after {} without use",
                plural(seconds / 60, "minute")
            )),
            LockReason::Idle { seconds } => Some(format!(
                "Caseload locked after {} without use",
                plural(seconds, "second")
            )),
            LockReason::Sleep => Some("Caseload locked when the laptop went to sleep".into()),
            LockReason::ScreenLocked => Some("Caseload locked when the screen was locked".into()),
        }
    }
}

pub(crate) fn plural(n: u64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// Inactivity bookkeeping, kept beside the store in [`Caseload`].
#[derive(Debug)]
pub(crate) struct Idle {
    pub(crate) last_activity: DateTime<Utc>,
    /// The worker's setting, read when the caseload is unlocked or the settings are saved.
    pub(crate) limit: Duration,
    /// A shorter limit for end-to-end tests (see the desktop shell's `CASELOAD_IDLE_LOCK_SECONDS`).
    pub(crate) test_override: Option<Duration>,
    pub(crate) last_lock: Option<LockReason>,
}

impl Idle {
    pub(crate) fn new(now: DateTime<Utc>) -> Self {
        Idle {
            last_activity: now,
            limit: minutes(caseload_domain::locking::DEFAULT_LOCK_AFTER_MINUTES),
            test_override: None,
            last_lock: None,
        }
    }

    pub(crate) fn effective_limit(&self) -> Duration {
        self.test_override.unwrap_or(self.limit)
    }
}

pub(crate) fn minutes(m: u32) -> Duration {
    Duration::from_secs(u64::from(m) * 60)
}

/// `session_activity`: the worker is typing or pointing in the window (the UI sends this at most
/// every half minute), so the idle clock starts again. Costs nothing else.
pub fn session_activity(cx: &Caseload, _: ()) -> Result<(), AppError> {
    cx.note_activity();
    Ok(())
}

impl Caseload {
    /// Locks the caseload if it has not been used for the idle limit at `now`, and says why it
    /// did (`None`: still in use, already locked, or a command is running right now).
    pub fn lock_if_idle(&self, now: DateTime<Utc>) -> Option<LockReason> {
        let (idle_for, limit) = {
            let idle = self.idle();
            let idle_for = (now - idle.last_activity)
                .to_std()
                .unwrap_or(Duration::ZERO);
            (idle_for, idle.effective_limit())
        };
        if idle_for < limit {
            return None;
        }
        let reason = LockReason::Idle {
            seconds: limit.as_secs(),
        };
        // A command holding the store is use: try again on the next tick rather than wait.
        let mut guard = self.try_store()?;
        if guard.is_none() {
            return None;
        }
        self.close(&mut guard, reason);
        Some(reason)
    }

    /// Locks the caseload at once for `reason` (sleep, screen lock); true if it was open.
    pub fn lock_because(&self, reason: LockReason) -> bool {
        let mut guard = self.store();
        if guard.is_none() {
            return false;
        }
        self.close(&mut guard, reason);
        true
    }

    /// Sets a shorter idle limit for end-to-end tests; `None` goes back to the worker's setting.
    pub fn set_idle_limit_for_tests(&self, limit: Option<Duration>) {
        self.idle().test_override = limit;
    }

    /// Why the caseload was last locked, until it is unlocked again.
    pub fn last_lock(&self) -> Option<LockReason> {
        self.idle().last_lock
    }

    /// Counts a command as activity unless it is one of the [`BACKGROUND_COMMANDS`].
    pub fn note_command(&self, name: &str) {
        if !BACKGROUND_COMMANDS.contains(&name) {
            self.note_activity();
        }
    }
}
