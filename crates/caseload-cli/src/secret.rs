//! Where the CLI gets passphrases: an environment variable or a file, never an argument (which
//! any user of the machine could read from the process list).

use std::path::Path;

use caseload_app::AppError;
use zeroize::Zeroizing;

pub const PASSPHRASE_ENV: &str = "CASELOAD_PASSPHRASE";
pub const NEW_PASSPHRASE_ENV: &str = "CASELOAD_NEW_PASSPHRASE";

/// A passphrase read for one command, wiped from memory when dropped.
pub type Secret = Zeroizing<String>;

fn from_file(path: &Path) -> Result<Secret, AppError> {
    let text = std::fs::read_to_string(path).map_err(|e| AppError::Storage {
        message: format!(
            "The passphrase file {} could not be read: {e}",
            path.display()
        ),
    })?;
    Ok(Zeroizing::new(
        text.lines().next().unwrap_or("").to_string(),
    ))
}

fn missing(env: &str, flag: &str) -> AppError {
    AppError::Validation {
        message: format!("No passphrase given: set {env} or pass {flag} FILE"),
        fields: vec![],
    }
}

pub fn passphrase(file: Option<&Path>) -> Result<Secret, AppError> {
    if let Some(path) = file {
        return from_file(path);
    }
    std::env::var(PASSPHRASE_ENV)
        .map(Zeroizing::new)
        .map_err(|_| missing(PASSPHRASE_ENV, "--passphrase-file"))
}

pub fn new_passphrase(file: Option<&Path>) -> Result<Secret, AppError> {
    if let Some(path) = file {
        return from_file(path);
    }
    std::env::var(NEW_PASSPHRASE_ENV)
        .map(Zeroizing::new)
        .map_err(|_| missing(NEW_PASSPHRASE_ENV, "--new-passphrase-file"))
}
