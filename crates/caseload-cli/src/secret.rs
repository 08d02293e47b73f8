//! Where the CLI gets passphrases: an environment variable or a file, never an argument (which
//! any user of the machine could read from the process list).

use std::io::Read;
use std::path::Path;

use caseload_app::AppError;
use zeroize::Zeroizing;

pub const PASSPHRASE_ENV: &str = "CASELOAD_PASSPHRASE";
pub const NEW_PASSPHRASE_ENV: &str = "CASELOAD_NEW_PASSPHRASE";

/// A passphrase read for one command, wiped from memory when dropped.
pub type Secret = Zeroizing<String>;

/// Reads the first line of a passphrase file. The whole file is read into one buffer sized
/// from the file's length, so it does not grow (growing would copy the passphrase and free the
/// old buffer unwiped), and the line is cut in place: the only copy is the one returned, wiped
/// on drop with the rest of the buffer's capacity.
fn from_file(path: &Path) -> Result<Secret, AppError> {
    let unreadable = |e: std::io::Error| AppError::Storage {
        message: format!(
            "The passphrase file {} could not be read: {e}",
            path.display()
        ),
    };
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut text = Zeroizing::new(String::with_capacity(
        usize::try_from(len).unwrap_or(0).saturating_add(1),
    ));
    file.read_to_string(&mut text).map_err(unreadable)?;
    first_line_in_place(&mut text);
    Ok(text)
}

/// Cuts `text` to its first line (without its `\n` or `\r\n`) without moving it.
fn first_line_in_place(text: &mut Zeroizing<String>) {
    let end = text.find('\n').unwrap_or(text.len());
    text.truncate(end);
    if text.ends_with('\r') {
        text.pop();
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passphrase_file_yields_its_first_line_in_a_buffer_wiped_on_drop() {
        fn wiped_on_drop<T: zeroize::ZeroizeOnDrop>(_: &T) {}
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("pass.txt");
        std::fs::write(&path, "correct horse battery\r\nsecond line\n").expect("write");
        let secret = from_file(&path).expect("read");
        wiped_on_drop(&secret);
        assert_eq!(secret.as_str(), "correct horse battery");
        // The line is the buffer the whole file was read into, cut in place (a copy of the line
        // would leave that buffer, and the passphrase in it, freed unwiped); and that buffer was
        // sized once and never grew (growing leaves an unwiped old buffer behind).
        let file_len = "correct horse battery\r\nsecond line\n".len();
        assert!(
            (file_len..=file_len + 1).contains(&secret.capacity()),
            "capacity {}",
            secret.capacity()
        );
    }

    #[test]
    fn a_passphrase_file_without_a_newline_is_taken_whole() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("pass.txt");
        std::fs::write(&path, "correct horse battery").expect("write");
        assert_eq!(
            from_file(&path).expect("read").as_str(),
            "correct horse battery"
        );
    }
}
