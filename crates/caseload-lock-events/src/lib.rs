//! What Windows says when the laptop is about to sleep or its screen is locked, turned into a
//! [`LockSignal`] for the desktop app, which locks the caseload at once (the Linux equivalents,
//! logind and the screensaver over D-Bus, are in `src-tauri/src/locking.rs`).
//!
//! On Windows, [`watch`] starts a thread with a hidden top-level window (hidden windows still
//! receive the broadcast `WM_POWERBROADCAST`, which message-only windows do not) registered for
//! session notifications with `WTSRegisterSessionNotification`, and calls back on
//! `WM_POWERBROADCAST` / `PBT_APMSUSPEND` (about to sleep or hibernate) and on
//! `WM_WTSSESSION_CHANGE` / `WTS_SESSION_LOCK` (Windows+L, the lock screen, switching user).
//! Which messages mean what is [`signal_for`], plain code tested on every platform; the Windows
//! calls themselves are built for Windows only.

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub use windows::watch;

/// Why the operating system asked for the caseload to lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockSignal {
    /// The laptop is about to sleep or hibernate.
    Sleep,
    /// The worker's session was locked.
    ScreenLocked,
}

/// `WM_POWERBROADCAST` (WinUser.h): a power-management event; `wParam` says which.
pub const WM_POWERBROADCAST: u32 = 0x0218;
/// `PBT_APMSUSPEND`: the system is suspending.
pub const PBT_APMSUSPEND: usize = 0x0004;
/// `WM_WTSSESSION_CHANGE` (WinUser.h): the session's state changed; `wParam` says how.
pub const WM_WTSSESSION_CHANGE: u32 = 0x02B1;
/// `WTS_SESSION_LOCK`: the session was locked.
pub const WTS_SESSION_LOCK: usize = 0x0007;

/// The lock a window message asks for, if any. Every other message (resume, unlock, logon,
/// battery changes …) asks for none.
pub fn signal_for(message: u32, wparam: usize) -> Option<LockSignal> {
    match (message, wparam) {
        (WM_POWERBROADCAST, PBT_APMSUSPEND) => Some(LockSignal::Sleep),
        (WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK) => Some(LockSignal::ScreenLocked),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suspending_and_a_locked_session_ask_for_a_lock() {
        assert_eq!(
            signal_for(WM_POWERBROADCAST, PBT_APMSUSPEND),
            Some(LockSignal::Sleep)
        );
        assert_eq!(
            signal_for(WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK),
            Some(LockSignal::ScreenLocked)
        );
    }

    #[test]
    fn resuming_unlocking_and_other_messages_do_not() {
        const PBT_APMRESUMEAUTOMATIC: usize = 0x0012;
        const PBT_APMPOWERSTATUSCHANGE: usize = 0x000A;
        const WTS_SESSION_UNLOCK: usize = 0x0008;
        const WTS_SESSION_LOGON: usize = 0x0005;
        const WM_TIMER: u32 = 0x0113;
        assert_eq!(signal_for(WM_POWERBROADCAST, PBT_APMRESUMEAUTOMATIC), None);
        assert_eq!(
            signal_for(WM_POWERBROADCAST, PBT_APMPOWERSTATUSCHANGE),
            None
        );
        assert_eq!(signal_for(WM_WTSSESSION_CHANGE, WTS_SESSION_UNLOCK), None);
        assert_eq!(signal_for(WM_WTSSESSION_CHANGE, WTS_SESSION_LOGON), None);
        assert_eq!(signal_for(WM_TIMER, PBT_APMSUSPEND), None);
        assert_eq!(signal_for(WM_TIMER, WTS_SESSION_LOCK), None);
    }

    /// The numbers above are the SDK's, as Microsoft's own bindings have them.
    #[cfg(windows)]
    #[test]
    fn the_message_numbers_are_the_sdks() {
        use windows_sys::Win32::UI::WindowsAndMessaging as wm;
        assert_eq!(WM_POWERBROADCAST, wm::WM_POWERBROADCAST);
        assert_eq!(PBT_APMSUSPEND, wm::PBT_APMSUSPEND as usize);
        assert_eq!(WM_WTSSESSION_CHANGE, wm::WM_WTSSESSION_CHANGE);
        assert_eq!(WTS_SESSION_LOCK, wm::WTS_SESSION_LOCK as usize);
    }
}
