//! Locking by itself, in the desktop app: a timer asks the caseload every two seconds whether it
//! has gone unused for the worker's limit, and on Linux the system's sleep and screen-lock signals
//! lock it at once. Either way the window is told (`caseload-locked`) and reloaded, so no case
//! data stays in the webview and the unlock screen shows why it locked.
//!
//! Windows is not wired here: the same `Caseload::lock_because` would be called from the main
//! window's `WM_POWERBROADCAST` (`PBT_APMSUSPEND`) and from WTS session notifications
//! (`WTSRegisterSessionNotification`, `WM_WTSSESSION_CHANGE` with `WTS_SESSION_LOCK`). The idle
//! lock works there as everywhere.

use std::time::Duration;

use caseload_app::Caseload;
use caseload_app::locking::LockReason;
use tauri::{AppHandle, Emitter, Manager};

/// The event the window receives when the caseload locks itself; its payload is the notice.
pub const LOCKED_EVENT: &str = "caseload-locked";
const TICK: Duration = Duration::from_secs(2);
/// A test-only override of the idle limit, in seconds, honoured by debug builds only (the
/// end-to-end tests run a debug build; a release build ignores it).
pub const TEST_IDLE_LOCK_ENV: &str = "CASELOAD_IDLE_LOCK_SECONDS";

/// Starts the idle timer and, where the platform reports them, the sleep and screen-lock watchers.
pub fn start(app: &AppHandle) {
    let cx = app.state::<Caseload>().inner().clone();
    if let Some(limit) = test_idle_limit() {
        cx.set_idle_limit_for_tests(Some(limit));
    }
    let handle = app.clone();
    let timer = std::thread::Builder::new()
        .name("idle-lock".into())
        .spawn(move || {
            loop {
                std::thread::sleep(TICK);
                if let Some(reason) = cx.lock_if_idle(cx.now()) {
                    clear_window(&handle, reason);
                }
            }
        });
    if let Err(e) = timer {
        eprintln!("Caseload: the idle lock could not start: {e}");
    }
    #[cfg(target_os = "linux")]
    linux::watch(app);
}

fn lock(app: &AppHandle, reason: LockReason) {
    if app.state::<Caseload>().lock_because(reason) {
        clear_window(app, reason);
    }
}

fn clear_window(app: &AppHandle, reason: LockReason) {
    let _ = app.emit(LOCKED_EVENT, reason.notice());
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.reload();
    }
}

fn test_idle_limit() -> Option<Duration> {
    if !cfg!(debug_assertions) {
        return None;
    }
    let seconds: u64 = std::env::var(TEST_IDLE_LOCK_ENV)
        .ok()?
        .trim()
        .parse()
        .ok()?;
    (seconds > 0).then(|| Duration::from_secs(seconds))
}

/// logind over D-Bus: `PrepareForSleep(true)` on the manager, `Lock` on this process's session,
/// and the desktop's screensaver `ActiveChanged(true)`. Best effort: without a bus, logind or a
/// screensaver service, the watcher ends quietly and only the idle lock remains.
#[cfg(target_os = "linux")]
mod linux {
    use caseload_app::locking::LockReason;
    use tauri::AppHandle;
    use zbus::blocking::{Connection, Proxy};
    use zbus::zvariant::OwnedObjectPath;

    const LOGIN1: &str = "org.freedesktop.login1";

    pub fn watch(app: &AppHandle) {
        spawn(app, "sleep-lock", sleep);
        spawn(app, "session-lock", session_lock);
        spawn(app, "screensaver-lock", |app| {
            screensaver(
                app,
                "org.freedesktop.ScreenSaver",
                "/org/freedesktop/ScreenSaver",
            )
        });
        spawn(app, "gnome-screensaver-lock", |app| {
            screensaver(app, "org.gnome.ScreenSaver", "/org/gnome/ScreenSaver")
        });
    }

    fn spawn(app: &AppHandle, name: &str, f: fn(&AppHandle) -> zbus::Result<()>) {
        let app = app.clone();
        let _ = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || f(&app));
    }

    fn sleep(app: &AppHandle) -> zbus::Result<()> {
        let bus = Connection::system()?;
        let manager = Proxy::new(
            &bus,
            LOGIN1,
            "/org/freedesktop/login1",
            "org.freedesktop.login1.Manager",
        )?;
        for signal in manager.receive_signal("PrepareForSleep")? {
            if signal.body().deserialize::<bool>()? {
                super::lock(app, LockReason::Sleep);
            }
        }
        Ok(())
    }

    fn session_lock(app: &AppHandle) -> zbus::Result<()> {
        let bus = Connection::system()?;
        let manager = Proxy::new(
            &bus,
            LOGIN1,
            "/org/freedesktop/login1",
            "org.freedesktop.login1.Manager",
        )?;
        let path: OwnedObjectPath = manager.call("GetSessionByPID", &(std::process::id()))?;
        let session = Proxy::new(&bus, LOGIN1, path, "org.freedesktop.login1.Session")?;
        for _ in session.receive_signal("Lock")? {
            super::lock(app, LockReason::ScreenLocked);
        }
        Ok(())
    }

    fn screensaver(app: &AppHandle, name: &'static str, path: &'static str) -> zbus::Result<()> {
        let bus = Connection::session()?;
        let saver = Proxy::new(&bus, name, path, name)?;
        for signal in saver.receive_signal("ActiveChanged")? {
            if signal.body().deserialize::<bool>()? {
                super::lock(app, LockReason::ScreenLocked);
            }
        }
        Ok(())
    }
}
