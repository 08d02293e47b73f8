//! The Win32 side: a hidden window on a thread of its own, registered for session notifications,
//! whose window procedure hands the messages [`signal_for`] recognises to the callback.
#![allow(unsafe_code)]

use std::cell::RefCell;
use std::io;
use std::ptr::{null, null_mut};

use windows_sys::Win32::Foundation::{HWND, LPARAM, LRESULT, WPARAM};
use windows_sys::Win32::System::LibraryLoader::GetModuleHandleW;
use windows_sys::Win32::System::RemoteDesktop::{
    NOTIFY_FOR_THIS_SESSION, WTSRegisterSessionNotification,
};
use windows_sys::Win32::UI::WindowsAndMessaging::{
    CreateWindowExW, DefWindowProcW, DispatchMessageW, GetMessageW, MSG, RegisterClassW,
    TranslateMessage, WNDCLASSW,
};

use crate::{LockSignal, signal_for};

type Callback = Box<dyn Fn(LockSignal)>;

thread_local! {
    /// The callback, for the window procedure, which runs on the thread that owns the window.
    static ON_SIGNAL: RefCell<Option<Callback>> = const { RefCell::new(None) };
}

/// Starts watching on a thread of its own; `on_signal` is called on that thread for each sleep
/// or session lock. Errors only if the thread cannot start; if Windows refuses the window or the
/// session notifications, a line on stderr says so and the idle lock still applies.
pub fn watch(on_signal: impl Fn(LockSignal) + Send + 'static) -> io::Result<()> {
    std::thread::Builder::new()
        .name("windows-lock-signals".into())
        .spawn(move || {
            ON_SIGNAL.with(|cell| *cell.borrow_mut() = Some(Box::new(on_signal)));
            if let Err(e) = run() {
                eprintln!("Caseload: sleep and screen lock cannot be watched: {e}");
            }
        })?;
    Ok(())
}

/// `text` as a NUL-terminated UTF-16 string for the W functions.
fn wide(text: &str) -> Vec<u16> {
    text.encode_utf16().chain(Some(0)).collect()
}

/// Creates the hidden window and runs its message loop until the process ends.
fn run() -> io::Result<()> {
    let class = wide("CaseloadLockSignals");
    // SAFETY: every pointer passed lives until the call returns (`class` for the whole loop, as
    // the class and window keep using its name); `msg` is plain data Windows fills in; the window
    // procedure is an `extern "system"` function with the signature WNDPROC requires.
    unsafe {
        let instance = GetModuleHandleW(null());
        let window_class = WNDCLASSW {
            style: 0,
            lpfnWndProc: Some(window_proc),
            cbClsExtra: 0,
            cbWndExtra: 0,
            hInstance: instance,
            hIcon: null_mut(),
            hCursor: null_mut(),
            hbrBackground: null_mut(),
            lpszMenuName: null(),
            lpszClassName: class.as_ptr(),
        };
        if RegisterClassW(&window_class) == 0 {
            return Err(io::Error::last_os_error());
        }
        // A top-level window that is never shown (no WS_VISIBLE), not a message-only window:
        // only top-level windows receive broadcast messages such as WM_POWERBROADCAST.
        let window = CreateWindowExW(
            0,
            class.as_ptr(),
            class.as_ptr(),
            0,
            0,
            0,
            0,
            0,
            null_mut(),
            null_mut(),
            instance,
            null(),
        );
        if window.is_null() {
            return Err(io::Error::last_os_error());
        }
        if WTSRegisterSessionNotification(window, NOTIFY_FOR_THIS_SESSION) == 0 {
            eprintln!(
                "Caseload: screen lock cannot be watched ({}); sleep still is",
                io::Error::last_os_error()
            );
        }
        let mut msg: MSG = std::mem::zeroed();
        while GetMessageW(&mut msg, null_mut(), 0, 0) > 0 {
            TranslateMessage(&msg);
            DispatchMessageW(&msg);
        }
    }
    Ok(())
}

/// The window procedure: a recognised message is handed to the callback, and every message then
/// gets Windows' default handling (so a suspend is never delayed or refused).
unsafe extern "system" fn window_proc(
    window: HWND,
    message: u32,
    wparam: WPARAM,
    lparam: LPARAM,
) -> LRESULT {
    if let Some(signal) = signal_for(message, wparam) {
        ON_SIGNAL.with(|cell| {
            if let Some(on_signal) = cell.borrow().as_ref() {
                on_signal(signal);
            }
        });
    }
    // SAFETY: the arguments are the ones Windows passed to this window procedure.
    unsafe { DefWindowProcW(window, message, wparam, lparam) }
}
