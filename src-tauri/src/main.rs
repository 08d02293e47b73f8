//! Caseload's desktop shell: one window, the shared `Caseload` state, and a Tauri adapter for
//! every command of the list. No logic lives here: each adapter calls the command in its
//! `caseload_app` module. `locking` runs the idle timer and the sleep / screen-lock watchers.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;

use caseload_app::{AppError, Caseload, KdfProfile, OpenAction, data_dir};
use tauri::Manager;

mod dialogs;
mod locking;

/// One async Tauri command per line of the list. The work runs on a blocking thread so Argon2id
/// and SQLite never stall the window.
macro_rules! tauri_adapters {
    ($($module:ident :: $name:ident : $req:ty => $resp:ty,)*) => {
        $(
            #[tauri::command]
            async fn $name(state: tauri::State<'_, Caseload>, request: $req) -> Result<$resp, AppError> {
                let cx = state.inner().clone();
                // Each command the worker runs is activity, when it starts and when it ends.
                cx.note_command(stringify!($name));
                let result = tauri::async_runtime::spawn_blocking(move || {
                    let result = caseload_app::$module::$name(&cx, request);
                    cx.note_command(stringify!($name));
                    result
                })
                .await
                .map_err(|e| AppError::Storage { message: format!("The command stopped unexpectedly: {e}") })?;
                result
            }
        )*

        fn invoke_handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}

caseload_app::for_each_command!(tauri_adapters);

/// `--data-dir DIR` on the command line, for portable use; `CASELOAD_DATA_DIR` also works.
fn data_dir_argument() -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
    }
    None
}

fn main() {
    let caseload = Caseload::new(
        data_dir::resolve(data_dir_argument()),
        KdfProfile::Calibrated,
    );
    if let Err(e) = caseload.claim_data_dir() {
        eprintln!("Caseload: {e}");
        std::process::exit(1);
    }
    // Opening a saved document goes through the opener plugin's Rust functions, called by
    // `saved_file_open` / `saved_file_reveal` with a path the app itself remembered. The plugin is
    // not registered, so the webview has no opener API and cannot name a path to open.
    caseload.set_opener(|action, path| {
        match action {
            OpenAction::Open => tauri_plugin_opener::open_path(path, None::<&str>),
            OpenAction::Reveal => tauri_plugin_opener::reveal_item_in_dir(path),
        }
        .map_err(std::io::Error::other)
    });
    // Closing the app locks the caseload first, so the audit trail records the lock.
    let on_exit = caseload.clone();
    let chooser = caseload.clone();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .manage(caseload)
        .setup(move |app| {
            // The file, save and folder dialogs are opened from Rust (see `dialogs`).
            let handle = app.handle().clone();
            chooser.set_chooser(move |choice| dialogs::choose(&handle, choice));
            locking::start(app.handle());
            Ok(())
        })
        .invoke_handler(invoke_handler())
        .build(tauri::generate_context!());
    match result {
        Ok(app) => app.run(move |_app, event| {
            if let tauri::RunEvent::Exit = event {
                let _ = caseload_app::session::lock(&on_exit, ());
            }
        }),
        Err(e) => {
            eprintln!("Caseload could not start its window: {e}");
            std::process::exit(1);
        }
    }
}
