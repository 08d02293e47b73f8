//! Where a caseload lives: `--data-dir` (CLI), else `CASELOAD_DATA_DIR`, else the operating
//! system's application-data folder (the same one the desktop app uses).

use std::path::PathBuf;

pub const DATA_DIR_ENV: &str = "CASELOAD_DATA_DIR";
/// The application identifier; also the Tauri identifier, so both front doors agree.
pub const APP_IDENTIFIER: &str = "org.caseload.desktop";

/// Resolves the data folder. `explicit` wins, then the environment, then the OS default
/// (e.g. `~/.local/share/org.caseload.desktop`, `%APPDATA%\org.caseload.desktop`).
pub fn resolve(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| {
            std::env::var_os(DATA_DIR_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| {
            dirs::data_dir()
                .unwrap_or_else(|| PathBuf::from("."))
                .join(APP_IDENTIFIER)
        })
}

pub const DOCUMENTS_DIR_ENV: &str = "CASELOAD_DOCUMENTS_DIR";

/// Where documents for other people (a TSM record for a school) are saved unless the worker
/// names a folder: `CASELOAD_DOCUMENTS_DIR`, else `Documents/Caseload` in the user's home.
/// These files leave the encrypted store by design, so they hold only what the recipient needs.
pub fn documents() -> PathBuf {
    std::env::var_os(DOCUMENTS_DIR_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            dirs::document_dir()
                .or_else(dirs::home_dir)
                .unwrap_or_else(|| PathBuf::from("."))
                .join("Caseload")
        })
}

/// Whether `CASELOAD_DOCUMENTS_DIR` fixes the documents folder for this machine (a managed
/// set-up, or the end-to-end tests): then documents are saved there without a save dialog.
pub fn documents_dir_fixed() -> bool {
    std::env::var_os(DOCUMENTS_DIR_ENV).is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_folder_wins_over_everything() {
        assert_eq!(
            resolve(Some(PathBuf::from("/tmp/x"))),
            PathBuf::from("/tmp/x")
        );
    }

    #[test]
    fn the_default_folder_is_named_after_the_app_identifier() {
        if std::env::var_os(DATA_DIR_ENV).is_none() {
            assert!(resolve(None).ends_with(APP_IDENTIFIER));
        }
    }
}
