//! Locking by itself, in the desktop app: a timer asks the caseload every two seconds whether it
//! has gone unused for the worker's limit, and the system's sleep and screen-lock signals lock it
//! at once — on Linux from logind and the screensaver over D-Bus (below), on Windows from a hidden
//! window's `WM_POWERBROADCAST` / `PBT_APMSUSPEND` and `WM_WTSSESSION_CHANGE` / `WTS_SESSION_LOCK`
//! (the `caseload-lock-events` crate). Either way the window is told (`caseload-locked`) and
//! reloaded, so no case data stays in the webview and the unlock screen shows why it locked.

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
    #[cfg(windows)]
    {
        use caseload_lock_events::LockSignal;
        let handle = app.clone();
        let watching = caseload_lock_events::watch(move |signal| {
            let reason = match signal {
                LockSignal::Sleep => LockReason::Sleep,
                LockSignal::ScreenLocked => LockReason::ScreenLocked,
            };
            lock(&handle, reason);
        });
        if let Err(e) = watching {
            eprintln!("Caseload: sleep and screen lock cannot be watched: {e}");
        }
    }
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
    const LOGIN1_PATH: &str = "/org/freedesktop/login1";
    const LOGIN1_MANAGER: &str = "org.freedesktop.login1.Manager";
    /// The screensaver services that announce a locked screen, by bus name and object path.
    pub(super) const SCREENSAVERS: [(&str, &str); 2] = [
        (
            "org.freedesktop.ScreenSaver",
            "/org/freedesktop/ScreenSaver",
        ),
        ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
    ];

    pub fn watch(app: &AppHandle) {
        let on_lock = |app: &AppHandle| {
            let app = app.clone();
            move |reason| super::lock(&app, reason)
        };
        let lock = on_lock(app);
        spawn("sleep-lock", move || sleep(&Connection::system()?, lock));
        let lock = on_lock(app);
        spawn("session-lock", move || {
            session_lock(&Connection::system()?, lock)
        });
        for (name, path) in SCREENSAVERS {
            let lock = on_lock(app);
            spawn("screensaver-lock", move || {
                screensaver(&Connection::session()?, name, path, lock)
            });
        }
    }

    fn spawn(name: &str, f: impl FnOnce() -> zbus::Result<()> + Send + 'static) {
        let _ = std::thread::Builder::new().name(name.into()).spawn(f);
    }

    /// Calls `on_lock(Sleep)` each time logind says the machine is about to sleep.
    pub(super) fn sleep(bus: &Connection, on_lock: impl Fn(LockReason)) -> zbus::Result<()> {
        let manager = Proxy::new(bus, LOGIN1, LOGIN1_PATH, LOGIN1_MANAGER)?;
        for signal in manager.receive_signal("PrepareForSleep")? {
            if signal.body().deserialize::<bool>()? {
                on_lock(LockReason::Sleep);
            }
        }
        Ok(())
    }

    /// Calls `on_lock(ScreenLocked)` each time logind asks this process's session to lock.
    fn session_lock(bus: &Connection, on_lock: impl Fn(LockReason)) -> zbus::Result<()> {
        let manager = Proxy::new(bus, LOGIN1, LOGIN1_PATH, LOGIN1_MANAGER)?;
        let path: OwnedObjectPath = manager.call("GetSessionByPID", &(std::process::id()))?;
        let session = Proxy::new(bus, LOGIN1, path, "org.freedesktop.login1.Session")?;
        for _ in session.receive_signal("Lock")? {
            on_lock(LockReason::ScreenLocked);
        }
        Ok(())
    }

    /// Calls `on_lock(ScreenLocked)` each time the screensaver `name` becomes active.
    pub(super) fn screensaver(
        bus: &Connection,
        name: &'static str,
        path: &'static str,
        on_lock: impl Fn(LockReason),
    ) -> zbus::Result<()> {
        let saver = Proxy::new(bus, name, path, name)?;
        for signal in saver.receive_signal("ActiveChanged")? {
            if signal.body().deserialize::<bool>()? {
                on_lock(LockReason::ScreenLocked);
            }
        }
        Ok(())
    }
}

/// The watchers against a private D-Bus daemon (skipped where `dbus-daemon` is not installed):
/// a fake logind and a fake screensaver own their names and send their signals.
#[cfg(all(test, target_os = "linux"))]
mod tests {
    use std::io::{BufRead, BufReader};
    use std::process::{Child, Command, Stdio};
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    use caseload_app::locking::LockReason;
    use zbus::blocking::Connection;

    use super::linux;

    struct Bus {
        daemon: Child,
        address: String,
    }

    impl Drop for Bus {
        fn drop(&mut self) {
            let _ = self.daemon.kill();
            let _ = self.daemon.wait();
        }
    }

    fn private_bus() -> Option<Bus> {
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let mut address = String::new();
        BufReader::new(daemon.stdout.take()?)
            .read_line(&mut address)
            .ok()?;
        Some(Bus {
            daemon,
            address: address.trim().to_string(),
        })
    }

    fn connect(bus: &Bus) -> Connection {
        zbus::blocking::connection::Builder::address(bus.address.as_str())
            .expect("address")
            .build()
            .expect("connect to the private bus")
    }

    /// Sends the signal (first `false`, then `true` again and again, since the watcher may not
    /// have subscribed yet) until the watcher reports a lock; returns what it reported.
    fn signal_until_locked(
        owner: &Connection,
        path: &str,
        interface: &str,
        member: &str,
        locks: &mpsc::Receiver<LockReason>,
    ) -> LockReason {
        let deadline = Instant::now() + Duration::from_secs(20);
        owner
            .emit_signal(None::<&str>, path, interface, member, &(false,))
            .expect("emit false");
        loop {
            owner
                .emit_signal(None::<&str>, path, interface, member, &(true,))
                .expect("emit true");
            if let Ok(reason) = locks.recv_timeout(Duration::from_millis(200)) {
                return reason;
            }
            assert!(Instant::now() < deadline, "the watcher never locked");
        }
    }

    #[test]
    fn logind_about_to_sleep_locks_the_caseload() {
        let Some(bus) = private_bus() else {
            eprintln!("no dbus-daemon here: skipped");
            return;
        };
        let logind = connect(&bus);
        logind
            .request_name("org.freedesktop.login1")
            .expect("own login1");
        let (tx, rx) = mpsc::channel();
        let watcher = connect(&bus);
        std::thread::spawn(move || {
            let _ = linux::sleep(&watcher, move |reason| {
                let _ = tx.send(reason);
            });
        });
        let reason = signal_until_locked(
            &logind,
            "/org/freedesktop/login1",
            "org.freedesktop.login1.Manager",
            "PrepareForSleep",
            &rx,
        );
        assert_eq!(reason, LockReason::Sleep);
    }

    #[test]
    fn a_screensaver_turning_on_locks_the_caseload() {
        let Some(bus) = private_bus() else {
            eprintln!("no dbus-daemon here: skipped");
            return;
        };
        for (name, path) in linux::SCREENSAVERS {
            let saver = connect(&bus);
            saver.request_name(name).expect("own the screensaver name");
            let (tx, rx) = mpsc::channel();
            let watcher = connect(&bus);
            std::thread::spawn(move || {
                let _ = linux::screensaver(&watcher, name, path, move |reason| {
                    let _ = tx.send(reason);
                });
            });
            let reason = signal_until_locked(&saver, path, name, "ActiveChanged", &rx);
            assert_eq!(reason, LockReason::ScreenLocked, "{name}");
        }
    }
}
