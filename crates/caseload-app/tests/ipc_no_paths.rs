//! The webview names no paths (#14): no request a command takes from the webview has a field
//! that is a path, folder or share, so a compromised or careless front end cannot point the
//! backend at a file to read or overwrite. Files to read are chosen in a dialog the backend
//! opens (the webview holds an opaque token); documents go where the worker chose in the
//! backend's save dialog or into the documents folder; the CLI's `--out`, `--dir`, `--share` and
//! import files use Rust-only entries (`tsm_record_save_to`, …) that are not commands.

mod common;

use std::collections::BTreeMap;

use caseload_app::{AppError, Caseload, bindings, dispatch};
use serde_json::json;

/// Field names that say "a place on disk".
const PATHLIKE: &[&str] = &[
    "path",
    "dir",
    "folder",
    "share",
    "file",
    "out",
    "directory",
    "filename",
    "file_name",
];

/// The field names of a ts-rs declaration (`type X = { a: T, /** doc */ b?: U, };`), with the
/// doc comment of each, comments removed from the names.
fn fields(decl: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut doc = String::new();
    let mut rest = decl;
    while let Some(start) = rest.find("/**") {
        let (before, after) = rest.split_at(start);
        collect(before, &mut doc, &mut out);
        let end = after.find("*/").map_or(after.len(), |e| e + 2);
        doc = after[..end].to_string();
        rest = &after[end..];
    }
    collect(rest, &mut doc, &mut out);
    out
}

/// Identifiers directly followed by `:` or `?:` at the start of a field.
fn collect(text: &str, doc: &mut String, out: &mut Vec<(String, String)>) {
    for piece in text.split([',', '{', '\n']) {
        let piece = piece.trim();
        let Some(colon) = piece.find(':') else {
            continue;
        };
        let name = piece[..colon].trim().trim_end_matches('?');
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            out.push((name.to_string(), std::mem::take(doc)));
        }
    }
}

fn offending(decls: &BTreeMap<String, String>) -> Vec<String> {
    let mut found = Vec::new();
    for (ty, decl) in decls {
        for (field, doc) in fields(decl) {
            let doc = doc.to_lowercase();
            if PATHLIKE.contains(&field.as_str())
                || doc.contains("the path")
                || doc.contains("this folder")
                || doc.contains("this file")
            {
                found.push(format!("{ty}.{field}"));
            }
        }
    }
    found
}

#[test]
fn no_request_the_webview_sends_has_a_path_folder_or_share_field() {
    let decls = bindings::request_declarations();
    assert!(
        decls.contains_key("TsmRecordSaveRequest") && decls.contains_key("ImportRequest"),
        "the request types are walked: {:?}",
        decls.keys().collect::<Vec<_>>()
    );
    let found = offending(&decls);
    assert!(
        found.is_empty(),
        "request fields that name a place on disk: {found:?}"
    );
}

#[test]
fn the_field_scan_finds_a_path_field_when_there_is_one() {
    // The scanner itself is checked on the shapes the old requests had.
    let old = BTreeMap::from([
        (
            "TsmRecordSaveRequest".to_string(),
            "type TsmRecordSaveRequest = { id: TsmId, format: RecordFormat, \n/**\n * The folder\n */\ndir?: string, path?: string, };".to_string(),
        ),
        (
            "SyncRequest".to_string(),
            "type SyncRequest = { share?: string, due_only?: boolean, };".to_string(),
        ),
        (
            "ShareSettings".to_string(),
            "type ShareSettings = { folder: string, team: string, };".to_string(),
        ),
    ]);
    assert_eq!(
        offending(&old),
        [
            "ShareSettings.folder",
            "SyncRequest.share",
            "TsmRecordSaveRequest.dir",
            "TsmRecordSaveRequest.path"
        ]
    );
}

/// An unlocked caseload and, apart from its data folder, an empty folder for the test's files.
fn unlocked() -> (tempfile::TempDir, Caseload, tempfile::TempDir) {
    let (data, cx) = common::created();
    (data, cx, tempfile::tempdir().expect("tempdir"))
}

/// Called as the webview calls it (JSON through `dispatch`), a save naming a path is refused as
/// a malformed request: nothing is written there, and the old field is not silently ignored.
#[test]
fn a_save_asked_with_a_path_is_refused_and_writes_nothing_there() {
    let (_data, cx, dir) = unlocked();
    let target = dir.path().join("bashrc");
    std::fs::write(&target, "# the worker's own file\n").expect("write");
    for (name, request) in [
        (
            "tsm_record_save",
            json!({"id": "t-1", "format": "pdf", "path": target.display().to_string()}),
        ),
        (
            "tsm_record_save",
            json!({"id": "t-1", "format": "pdf", "dir": dir.path().display().to_string()}),
        ),
        (
            "evidence_bundle_save",
            json!({"case_id": "c-1", "path": target.display().to_string()}),
        ),
        (
            "export_save",
            json!({"export": {"kind": "funnel", "formats": ["csv"]}, "dir": dir.path().display().to_string()}),
        ),
        ("sync", json!({"share": dir.path().display().to_string()})),
        (
            "backup_now",
            json!({"folder": dir.path().display().to_string()}),
        ),
        (
            "import_marks_file",
            json!({"path": target.display().to_string()}),
        ),
        (
            "restore",
            json!({"file": target.display().to_string(), "passphrase": "x"}),
        ),
    ] {
        let e = dispatch(&cx, name, request).expect_err(name);
        let AppError::Validation { fields, .. } = &e else {
            panic!("{name}: a malformed request expected, got {e:?}")
        };
        assert!(
            fields[0].message.contains("unknown field"),
            "{name}: {}",
            fields[0].message
        );
    }
    assert_eq!(
        std::fs::read_to_string(&target).expect("read"),
        "# the worker's own file\n",
        "the file named by the webview is untouched"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["bashrc"], "nothing new beside the file");
}

/// A file to import is named by a token from the backend's file chooser; a token the backend
/// never gave (a path typed in its place) reads nothing and says to choose the file again.
#[test]
fn an_import_reads_only_a_file_the_backend_chose() {
    let (_data, cx, dir) = unlocked();
    let private = dir.path().join("private.csv");
    std::fs::write(&private, "Fixturepupil Alpha,secret\n").expect("write");
    let e = dispatch(
        &cx,
        "import_marks_file",
        json!({"chosen": private.display().to_string()}),
    )
    .expect_err("not a token the backend gave");
    let AppError::NotFound { message, .. } = &e else {
        panic!("not found expected, got {e:?}")
    };
    assert_eq!(
        message,
        "That file was not chosen in this session: choose the file again"
    );
    assert!(!format!("{e:?}").contains("Fixturepupil"));
}

/// The backend's chooser (the desktop shell's dialog; here a stand-in) picks the file; the
/// webview gets a token and the file's name, and the import reads the file by that token.
#[test]
fn a_file_chosen_in_the_backend_dialog_is_imported_by_its_token() {
    let (_data, cx, dir) = unlocked();
    let file = dir.path().join("marks.csv");
    std::fs::write(
        &file,
        "upn,date,session,code\nB801200005001,2026-11-02,AM,/\n",
    )
    .expect("write");
    let picked = file.clone();
    cx.set_chooser(move |_| Some(picked.clone()));
    let chosen = dispatch(&cx, "file_choose", json!({"purpose": "import"})).expect("chosen");
    assert_eq!(chosen["name"], "marks.csv");
    let token = chosen["token"].as_str().expect("token").to_string();
    assert!(
        !token.contains("marks"),
        "the token says nothing of the path"
    );
    let view = dispatch(&cx, "import_marks_file", json!({"chosen": token})).expect("imported");
    assert_eq!(view["file_name"], "marks.csv");
    assert_eq!(view["rows"], 1);
}

/// Cancelling the backend's save dialog saves nothing and answers `null`.
#[test]
fn cancelling_the_backend_save_dialog_saves_nothing() {
    let (_data, cx, _dir) = unlocked();
    let asked = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = asked.clone();
    cx.set_chooser(move |choice| {
        seen.lock().expect("lock").push(format!("{choice:?}"));
        None
    });
    let saved = dispatch(
        &cx,
        "export_save",
        json!({"export": {"kind": "funnel", "formats": ["csv"]}}),
    )
    .expect("no error");
    assert!(saved.is_null(), "nothing saved: {saved}");
    let asked = asked.lock().expect("lock");
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert!(asked[0].starts_with("Folder"), "{asked:?}");
}

/// The two folder settings are not in any request: the window saves the worker identifier and
/// team, and the backup rules, and a folder only by asking the backend to open its chooser and
/// save what the worker picks. A folder sent anyway is refused (share) or ignored (backup rules).
#[test]
fn a_folder_setting_is_saved_only_from_the_backends_chooser() {
    let (_data, cx, dir) = unlocked();
    let chosen = dir.path().join("share-chosen");
    let elsewhere = dir.path().join("attacker-share");
    std::fs::create_dir_all(&chosen).expect("mkdir");
    std::fs::create_dir_all(&elsewhere).expect("mkdir");

    let refused = dispatch(
        &cx,
        "share_settings_set",
        json!({"folder": elsewhere.display().to_string(), "worker_id": "aw-0042", "team": "afsw"}),
    )
    .expect_err("a folder named by the window");
    assert_eq!(refused.kind(), "validation", "{refused:?}");
    dispatch(
        &cx,
        "share_settings_set",
        json!({"worker_id": "aw-0042", "team": "afsw"}),
    )
    .expect("worker and team");
    let settings = dispatch(&cx, "share_settings_get", json!(null)).expect("get");
    assert_eq!(settings["folder"], "", "no folder yet");

    let mut all = dispatch(&cx, "settings_get", json!(null)).expect("settings");
    all["backup"]["folder"] = json!(elsewhere.display().to_string());
    let saved = dispatch(&cx, "settings_update", all).expect("the rules are saved");
    assert_eq!(
        saved["backup"]["folder"], "",
        "the folder sent is not taken"
    );

    let picked = chosen.clone();
    cx.set_chooser(move |_| Some(picked.clone()));
    let saved = dispatch(&cx, "share_folder_choose", json!(null)).expect("choose");
    assert_eq!(
        saved["settings"]["folder"],
        json!(chosen.display().to_string())
    );
    assert_eq!(saved["settings"]["worker_id"], "aw-0042", "the rest kept");
    let saved = dispatch(&cx, "backup_folder_choose", json!({})).expect("choose");
    assert_eq!(
        saved["backup"]["folder"],
        json!(chosen.display().to_string())
    );
    let saved =
        dispatch(&cx, "backup_folder_choose", json!({"use_default": true})).expect("default");
    assert_eq!(saved["backup"]["folder"], "");
}
