//! The system's file, save and folder dialogs, opened by the backend (`Caseload::set_chooser`)
//! when a command needs the worker to choose: the webview only asks for a choice and never names
//! or is handed a path it could set. The dialog plugin is registered for Rust alone: the window's
//! capability grants none of its permissions, so the webview cannot open a dialog itself.

use std::path::PathBuf;

use caseload_app::Choice;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

/// Opens the dialog `choice` describes over the main window and answers what the worker chose,
/// `None` when they closed it. Called from a command's blocking thread, never the main thread.
pub fn choose(app: &AppHandle, choice: Choice<'_>) -> Option<PathBuf> {
    #[cfg(debug_assertions)]
    if let Some(answer) = test_answer() {
        return answer;
    }
    let mut dialog = app.dialog().file();
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    let picked = match choice {
        Choice::OpenFile {
            title,
            filter,
            extensions,
        } => dialog
            .set_title(title)
            .add_filter(filter, extensions)
            .blocking_pick_file(),
        Choice::SaveFile {
            title,
            folder,
            name,
            filter,
            extension,
        } => dialog
            .set_title(title)
            .set_directory(folder)
            .set_file_name(name)
            .add_filter(filter, &[extension])
            .blocking_save_file(),
        Choice::Folder { title, start } => {
            let dialog = dialog.set_title(title);
            match start {
                Some(start) => dialog.set_directory(start),
                None => dialog,
            }
            .blocking_pick_folder()
        }
    };
    picked.and_then(|p| p.into_path().ok())
}

/// Debug builds only (the end-to-end tests; WebDriver cannot drive a native dialog): when
/// `CASELOAD_TEST_DIALOG_ANSWER` names a file (set and not empty), no dialog opens and the answer
/// is the path in that file (the test writes it before the click), or "cancelled" when the file
/// is empty or missing.
/// The test process outside the app writes it, so the webview still names no path. Release
/// builds (`debug_assertions` off, as `tauri build` makes them) do not contain this at all.
#[cfg(debug_assertions)]
fn test_answer() -> Option<Option<PathBuf>> {
    let file = std::env::var_os("CASELOAD_TEST_DIALOG_ANSWER").filter(|f| !f.is_empty())?;
    let answer = std::fs::read_to_string(file).unwrap_or_default();
    let answer = answer.trim();
    Some((!answer.is_empty()).then(|| PathBuf::from(answer)))
}
