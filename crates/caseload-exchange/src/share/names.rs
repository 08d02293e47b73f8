//! Which names may become a folder or file name on the shared drive. A name from an export
//! or a manifest is one path segment that is the same file on Windows, macOS and Linux; it
//! can never climb out of its folder, hide itself, or look like Caseload's own temp files.

use super::error::{DeliveryError, FailureKind};

/// Longest name accepted, in bytes, below every common file system's 255.
const MAX_NAME_BYTES: usize = 200;

/// Characters Windows refuses in names, plus both separators.
const FORBIDDEN: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

/// Device names Windows reserves whatever the extension (`CON.csv` is the console).
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Why `name` is not a safe path segment, or `None` when it is.
pub(crate) fn segment_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        return Some("is empty");
    }
    if name.len() > MAX_NAME_BYTES {
        return Some("is too long");
    }
    if name.starts_with('.') {
        return Some("starts with a dot (hidden, or a parent folder)");
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Some("ends with a dot or a space");
    }
    if name
        .chars()
        .any(|c| FORBIDDEN.contains(&c) || c.is_control())
    {
        return Some("contains a folder separator or a character Windows refuses");
    }
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
        return Some("is a name Windows reserves for a device");
    }
    None
}

/// `Ok` when `name` is a safe path segment; otherwise a `Refused` error naming `what`.
pub(crate) fn check_segment(what: &str, name: &str) -> Result<(), DeliveryError> {
    match segment_problem(name) {
        None => Ok(()),
        Some(problem) => Err(DeliveryError::new(
            FailureKind::Refused,
            format!("the {what} {name:?} {problem}"),
        )),
    }
}

/// A name from the share made safe to print or show: every control character (ESC, CR, LF,
/// BEL, the C1 controls…) and every bidirectional override or isolate (U+202A–U+202E,
/// U+2066–U+2069, and the marks U+200E/U+200F, U+061C) is written as `\u{..}`, so a file name
/// cannot move the cursor, retitle a terminal, start a new line in a message or reverse text
/// on screen. This is the one place that does it: every message naming a file or folder on
/// the shared drive goes through it.
pub fn escape_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if must_escape(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

fn must_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
        )
}

/// Whether `name` is one of Caseload's temp files: `.<final name>.part-<pid>-<hex>` (or, from
/// versions before the process id, `.<final name>.part-<hex>`).
pub(crate) fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.contains(".part-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_export_names_are_safe_segments() {
        for name in [
            "attendance.csv",
            "W-1042",
            "summary 2026-03.xlsx",
            "tsm_record.pdf",
        ] {
            assert_eq!(segment_problem(name), None, "{name}");
        }
    }

    #[test]
    fn names_that_climb_hide_or_break_windows_are_refused() {
        for name in [
            "", ".", "..", "../x", "a/b", "a\\b", ".hidden", "C:", "x.", "x ", "a\nb", "CON",
            "nul.csv", "what?",
        ] {
            assert!(
                segment_problem(name).is_some(),
                "{name:?} should be refused"
            );
        }
    }

    #[test]
    fn control_and_bidi_characters_are_escaped_and_ordinary_names_kept() {
        assert_eq!(
            escape_name("\u{1b}]0;owned\u{7}x.csv"),
            "\\u{1b}]0;owned\\u{7}x.csv"
        );
        assert_eq!(escape_name("a\r\nb\u{9b}c"), "a\\u{d}\\u{a}b\\u{9b}c");
        assert_eq!(
            escape_name("invoice\u{202e}vsc.exe"),
            "invoice\\u{202e}vsc.exe"
        );
        assert_eq!(escape_name("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
        assert_eq!(
            escape_name("allocations Zoë 2026.csv"),
            "allocations Zoë 2026.csv"
        );
    }

    #[test]
    fn temp_names_are_recognised_by_their_leading_dot_and_part_marker() {
        assert!(is_temp_name(".attendance.csv.part-0a1b"));
        assert!(!is_temp_name("attendance.csv.part-0a1b"));
        assert!(!is_temp_name(".DS_Store"));
    }
}
