//! Helpers for the export and shared-drive tests: a demo caseload with share settings, queued
//! exports, and the files on a share.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use caseload_app::exchange::{ExportRequest, OutboxItem, ShareSettings};
use caseload_app::{Caseload, exchange};

pub fn worker(cx: &Caseload, id: &str, folder: &Path) {
    exchange::share_settings_save(
        cx,
        ShareSettings {
            folder: folder.display().to_string(),
            worker_id: id.into(),
            team: "Attendance team (synthetic)".into(),
        },
    )
    .expect("settings");
}

pub fn demo(seed: u64) -> (tempfile::TempDir, Caseload) {
    let (dir, cx) = super::created();
    caseload_app::demo::fill(&cx, 12, seed).expect("demo");
    (dir, cx)
}

pub fn queue(cx: &Caseload, kind: &str, formats: &[&str]) -> OutboxItem {
    exchange::export_queue(
        cx,
        ExportRequest {
            kind: kind.into(),
            formats: formats.iter().map(|f| f.to_string()).collect(),
            from: Some(super::ago(400)),
            to: Some(super::ago(0)),
            ..Default::default()
        },
    )
    .expect("queue")
}

/// Every file under `root`, relative.
pub fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(root).expect("under").to_path_buf());
            }
        }
    }
    out.sort();
    out
}
