//! The canary test's search: every file under a folder, read as bytes (and, for a zip, every
//! entry inflated too: an XLSX export is deflated), for each canary in UTF-8 and UTF-16LE, as
//! typed and lower-cased.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};

/// Names and free text no real pupil, carer or school has, entered through the app's flows.
pub const LEGAL_NAME: &str = "Zyxcanary Quillonbrook";
pub const PREFERRED_NAME: &str = "Vexlark";
pub const CARER_NAME: &str = "Ombrevane Quillonbrook-Tarsk";
pub const CHRONOLOGY_TEXT: &str = "Canaryplume-Vexworth";
pub const TSM_NOTE: &str = "Canarytalon-Ormsbeck";
pub const SCHOOL_NAME: &str = "Brackenvoss Canary Academy";

/// Everything personal: none may be found in plaintext anywhere, nor in the decrypted database
/// once the case is purged.
pub const PERSONAL: [&str; 5] = [
    LEGAL_NAME,
    PREFERRED_NAME,
    CARER_NAME,
    CHRONOLOGY_TEXT,
    TSM_NOTE,
];

/// The byte patterns that betray `canary`: as typed and lower-cased, in UTF-8 and UTF-16LE.
pub fn patterns(canary: &str) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for text in [canary.to_string(), canary.to_lowercase()] {
        out.push((format!("{text:?} (UTF-8)"), text.as_bytes().to_vec()));
        let wide: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        out.push((format!("{text:?} (UTF-16LE)"), wide));
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The file's bytes, followed by every entry of it inflated if it is a zip.
fn searchable(path: &Path) -> Vec<u8> {
    let Ok(mut bytes) = std::fs::read(path) else {
        return Vec::new();
    };
    if bytes.starts_with(b"PK\x03\x04")
        && let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone()))
    {
        for i in 0..archive.len() {
            if let Ok(mut entry) = archive.by_index(i) {
                let _ = entry.read_to_end(&mut bytes);
            }
        }
    }
    bytes
}

/// Every file under `root`, symlinks not followed.
pub fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let Ok(kind) = e.file_type() else { continue };
            if kind.is_dir() {
                stack.push(e.path());
            } else if kind.is_file() {
                out.push(e.path());
            }
        }
    }
    out.sort();
    out
}

/// "`file`: `pattern`" for every canary found in a file under `root`.
pub fn found_under(root: &Path, canaries: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files_under(root) {
        let bytes = searchable(&file);
        for canary in canaries {
            for (what, needle) in patterns(canary) {
                if contains(&bytes, &needle) {
                    found.push(format!("{}: {what}", file.display()));
                }
            }
        }
    }
    found
}

/// "`table.column`: `canary`" for every canary (as typed, lower-cased, or any word of five
/// letters or more of it lower-cased, as the search index keeps it) found in any column of
/// any table of the decrypted database, the search index's shadow tables and the audit trail
/// included.
pub fn found_in_database(cx: &caseload_app::Caseload, canaries: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for canary in canaries {
        let words = canary
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 5)
            .map(str::to_lowercase);
        for text in [canary.to_string(), canary.to_lowercase()]
            .into_iter()
            .chain(words)
        {
            let hits = cx
                .probe_store(|store| caseload_store::testing::find_everywhere(store, &text))
                .expect("the caseload is unlocked")
                .expect("search");
            found.extend(hits.into_iter().map(|at| format!("{at}: {text:?}")));
        }
    }
    found.sort();
    found.dedup();
    found
}
