//! What an operating-system error means for a file or folder, in words a case worker can act
//! on: "it does not exist", never "No such file or directory (os error 2)". Every message that
//! reports a failed read or write of a file uses this rather than the error's own text.

use std::io;

/// The problem with the file or folder, as the end of a sentence ("… could not be read: it does
/// not exist").
pub fn io_problem(e: &io::Error) -> &'static str {
    use io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "it does not exist",
        K::PermissionDenied => "Caseload is not allowed to use it; ask IT to check your access",
        K::ReadOnlyFilesystem => "the drive is read-only",
        K::StorageFull | K::QuotaExceeded => "the disk is full",
        K::AlreadyExists => "something with that name is already there",
        K::IsADirectory => "it is a folder, not a file",
        K::NotADirectory => "part of the path is a file, not a folder",
        K::InvalidFilename => "the name is not allowed",
        K::ResourceBusy | K::ExecutableFileBusy => "it is in use by another program",
        K::NotConnected
        | K::ConnectionReset
        | K::ConnectionAborted
        | K::BrokenPipe
        | K::NetworkDown
        | K::NetworkUnreachable
        | K::HostUnreachable
        | K::StaleNetworkFileHandle
        | K::TimedOut => "the drive it is on cannot be reached",
        K::UnexpectedEof | K::InvalidData => "it could not be read to the end",
        _ => "the computer reported a problem using it",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_problem_is_in_words_without_the_system_code() {
        let missing = io::Error::from_raw_os_error(2);
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
        assert_eq!(io_problem(&missing), "it does not exist");
        for kind in [
            io::ErrorKind::PermissionDenied,
            io::ErrorKind::StorageFull,
            io::ErrorKind::Other,
        ] {
            let words = io_problem(&io::Error::from(kind));
            assert!(!words.contains("os error"), "{words}");
        }
    }
}
