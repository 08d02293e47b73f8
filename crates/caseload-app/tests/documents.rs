//! Documents for other people, after saving: each save remembers its file for the session and
//! answers an opaque token; "Open" and "Show in folder" take only that token, so the webview can
//! open exactly the files Caseload saved and nothing else.

mod common;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use caseload_app::documents::{self, SavedFileRequest};
use caseload_app::exchange::{ExportRequest, ExportSaveRequest};
use caseload_app::support::Destination;
use caseload_app::{AppError, Caseload, OpenAction, exchange, session};
use common::created;
use common::share::demo;
use common::tsm::save_record;

type Calls = Arc<Mutex<Vec<(OpenAction, PathBuf)>>>;

/// An opener that records what it was asked to do instead of starting an application.
fn recording(cx: &Caseload) -> Calls {
    let calls: Calls = Arc::default();
    let seen = calls.clone();
    cx.set_opener(move |action, path| {
        seen.lock()
            .expect("calls")
            .push((action, path.to_path_buf()));
        Ok(())
    });
    calls
}

fn token(t: &str) -> SavedFileRequest {
    SavedFileRequest {
        token: t.to_string(),
    }
}

#[test]
fn a_saved_record_is_opened_and_revealed_by_its_token_at_the_path_it_was_saved_to() {
    let (dir, cx) = created();
    let calls = recording(&cx);
    let saved = save_record(&cx, None, Some(&dir.path().join("out")));
    let t = saved.token.clone().expect("a token");
    assert_eq!(t.len(), 32, "an opaque random token, not the path: {t}");
    assert!(!t.contains('/'));

    documents::saved_file_open(&cx, token(&t)).expect("open");
    documents::saved_file_reveal(&cx, token(&t)).expect("reveal");
    assert_eq!(
        *calls.lock().expect("calls"),
        vec![
            (OpenAction::Open, PathBuf::from(&saved.path)),
            (OpenAction::Reveal, PathBuf::from(&saved.path)),
        ]
    );

    let again = save_record(&cx, None, Some(&dir.path().join("out")));
    assert_ne!(again.token, saved.token, "each save has its own token");
}

#[test]
fn an_unknown_token_or_a_path_is_refused_and_nothing_is_opened() {
    let (dir, cx) = created();
    let calls = recording(&cx);
    let saved = save_record(&cx, None, Some(&dir.path().join("out")));
    for bad in [
        "0123456789abcdef0123456789abcdef",
        "",
        &saved.path,
        "/etc/passwd",
    ] {
        let e = documents::saved_file_open(&cx, token(bad)).expect_err("refused");
        assert!(matches!(e, AppError::NotFound { .. }), "{bad}: {e:?}");
        let e = documents::saved_file_reveal(&cx, token(bad)).expect_err("refused");
        assert!(matches!(e, AppError::NotFound { .. }), "{bad}: {e:?}");
    }
    assert!(calls.lock().expect("calls").is_empty());
}

#[test]
fn locking_forgets_the_saved_files() {
    let (dir, cx) = created();
    let calls = recording(&cx);
    let t = save_record(&cx, None, Some(&dir.path().join("out")))
        .token
        .expect("token");
    session::lock(&cx, ()).expect("lock");
    let e = documents::saved_file_open(&cx, token(&t)).expect_err("forgotten");
    assert!(matches!(e, AppError::NotFound { .. }), "{e:?}");
    assert!(calls.lock().expect("calls").is_empty());
}

#[test]
fn a_saved_file_that_was_moved_away_says_so_and_is_not_opened() {
    let (dir, cx) = created();
    let calls = recording(&cx);
    let saved = save_record(&cx, None, Some(&dir.path().join("out")));
    std::fs::remove_file(&saved.path).expect("remove");
    let e = documents::saved_file_open(&cx, token(saved.token.as_deref().expect("token")))
        .expect_err("gone");
    assert!(
        matches!(&e, AppError::File { message, .. } if message.contains("no longer there")),
        "{e:?}"
    );
    assert!(calls.lock().expect("calls").is_empty());
}

#[test]
fn without_an_opener_opening_says_it_is_for_the_desktop_app() {
    let (dir, cx) = created();
    let saved = save_record(&cx, None, Some(&dir.path().join("out")));
    let e = documents::saved_file_open(&cx, token(saved.token.as_deref().expect("token")))
        .expect_err("no opener");
    assert!(
        e.to_string().contains("only available in the desktop app"),
        "{e}"
    );
}

#[test]
fn every_file_of_a_saved_export_can_be_opened_by_its_own_token() {
    let (dir, cx) = demo(7);
    let calls = recording(&cx);
    let out = dir.path().join("copies");
    let saved = exchange::export_save_to(
        &cx,
        ExportSaveRequest {
            export: ExportRequest {
                kind: "funnel".into(),
                formats: vec!["csv".into(), "xlsx".into()],
                from: None,
                to: None,
                ..Default::default()
            },
        },
        &Destination::folder(&out),
    )
    .expect("export");
    assert_eq!(saved.files.len(), 2);
    for f in &saved.files {
        documents::saved_file_reveal(&cx, token(f.token.as_deref().expect("token")))
            .expect("reveal");
    }
    let revealed: Vec<PathBuf> = calls
        .lock()
        .expect("calls")
        .iter()
        .map(|(_, p)| p.clone())
        .collect();
    let paths: Vec<PathBuf> = saved.files.iter().map(|f| PathBuf::from(&f.path)).collect();
    assert_eq!(revealed, paths);
    assert!(paths.iter().all(|p| p.starts_with(&out)));
}

#[test]
fn when_the_system_cannot_open_it_the_worker_is_told_where_the_file_is() {
    let (dir, cx) = created();
    cx.set_opener(|_, _| {
        Err(std::io::Error::other(
            "Failed to connect to the session bus (os error 2)",
        ))
    });
    let saved = save_record(&cx, None, Some(&dir.path().join("out")));
    let t = saved.token.expect("token");
    let folder = dir.path().join("out").display().to_string();
    for e in [
        documents::saved_file_open(&cx, token(&t)).expect_err("open fails"),
        documents::saved_file_reveal(&cx, token(&t)).expect_err("reveal fails"),
    ] {
        let message = e.to_string();
        assert!(message.contains(&folder), "{message}");
        assert!(!message.contains("os error"), "{message}");
    }
}
