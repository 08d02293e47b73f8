//! How an import message shows what a file holds. A cell's value is shown only when it cannot
//! be personal (a code such as `H`, a year group such as `15`, a short count); anything else is
//! named by its kind and length, so a pupil's name typed into the wrong column never reaches a
//! message or a log. Headers are cut short and listed ten at most, and a whole message is
//! bounded, so a crafted header row cannot make an error line of any size.
//! Every message that would quote a file's text goes through here.

use super::cells::date_text;
use super::table::Cell;

/// Longest text shown as written: codes are one character, sessions and year groups two or three.
const MAX_SHOWN_CHARS: usize = 3;
/// Longest number shown as written (`150.5`); a longer one could be a phone number.
const MAX_SHOWN_NUMBER_CHARS: usize = 6;
/// A header is cut to this many characters in a message.
pub(crate) const MAX_HEADER_CHARS: usize = 40;
/// At most this many headers are listed in a message; the rest are counted.
pub(crate) const MAX_LISTED_HEADERS: usize = 10;
/// A problem or a fix is cut to this many characters.
pub(crate) const MAX_MESSAGE_CHARS: usize = 1_000;

/// A cell as a message names it: `"H"`, `15`, or `a value of 22 characters`.
pub(crate) fn shown(cell: Cell<'_>) -> String {
    match cell {
        Cell::Blank => "a blank cell".to_string(),
        Cell::Text(text) if is_plainly_a_code(text) => format!("\"{text}\""),
        Cell::Text(text) => match text.chars().count() {
            1 => "a value of 1 character".to_string(),
            n => format!("a value of {n} characters"),
        },
        Cell::Number(n) => {
            let written = n.to_string();
            if written.chars().count() <= MAX_SHOWN_NUMBER_CHARS {
                written
            } else {
                format!("a number of {} digits", written.chars().count())
            }
        }
        // A date where another value belongs may be a date of birth.
        Cell::Date(Some(_)) => "a date".to_string(),
        Cell::Date(None) => "a date that does not exist".to_string(),
        Cell::Bool(b) => if b { "TRUE" } else { "FALSE" }.to_string(),
        Cell::Error => "an Excel error value (such as #N/A)".to_string(),
    }
}

/// One printable character, or up to three of upper-case letters, digits and symbols: the
/// alphabet of register codes, sessions and year groups. A name, a UPN or a date never fits.
fn is_plainly_a_code(text: &str) -> bool {
    let n = text.chars().count();
    let code_char =
        |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c.is_ascii_punctuation();
    match n {
        1 => text.chars().all(|c| c.is_ascii_graphic()),
        2..=MAX_SHOWN_CHARS => text.chars().all(code_char),
        _ => false,
    }
}

/// A header as a message names it: one line, cut to [`MAX_HEADER_CHARS`] characters.
pub(crate) fn shown_header(header: &str) -> String {
    cut(header, MAX_HEADER_CHARS)
}

/// `"pupil", "day", and 490 more`: the non-blank headers, at most [`MAX_LISTED_HEADERS`].
pub(crate) fn header_list(headers: &[String]) -> String {
    let present: Vec<&String> = headers.iter().filter(|h| !h.trim().is_empty()).collect();
    if present.is_empty() {
        return "none".to_string();
    }
    let mut listed: Vec<String> = present
        .iter()
        .take(MAX_LISTED_HEADERS)
        .map(|h| listed_header(h))
        .collect();
    let more = present.len().saturating_sub(MAX_LISTED_HEADERS);
    if more > 0 {
        listed.push(format!("and {more} more"));
    }
    listed.join(", ")
}

/// A header in a list. A file sent without its header row has a pupil's row in its place, so
/// a "header" shaped like a UPN or a date is named by its kind, not quoted.
fn listed_header(header: &str) -> String {
    let header = header.trim();
    let b = header.as_bytes();
    if b.len() == 13 && b[0].is_ascii_alphabetic() && b[1..12].iter().all(u8::is_ascii_digit) {
        return "a UPN".to_string();
    }
    if date_text(header).is_ok() {
        return "a date".to_string();
    }
    format!("\"{}\"", shown_header(header))
}

/// A problem or fix bounded to [`MAX_MESSAGE_CHARS`]: the last guard against a huge line.
pub(crate) fn bounded(message: String) -> String {
    if message.chars().count() <= MAX_MESSAGE_CHARS && !message.contains(['\n', '\r']) {
        return message;
    }
    cut(&message, MAX_MESSAGE_CHARS)
}

/// `text` on one line (control characters become spaces), cut to `max` characters with `…`.
fn cut(text: &str, max: usize) -> String {
    let mut out: String = text
        .chars()
        .take(max)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_sessions_and_year_groups_are_shown_as_written() {
        assert_eq!(shown(Cell::Text("Q")), "\"Q\"");
        assert_eq!(shown(Cell::Text("q")), "\"q\"");
        assert_eq!(shown(Cell::Text("MID")), "\"MID\"");
        assert_eq!(shown(Cell::Text("15")), "\"15\"");
        assert_eq!(shown(Cell::Number(150.5)), "150.5");
    }

    #[test]
    fn names_upns_dates_and_long_numbers_are_named_by_kind_and_length_only() {
        assert_eq!(
            shown(Cell::Text("Zyxcanary Quillonbrook")),
            "a value of 22 characters"
        );
        assert_eq!(shown(Cell::Text("Al")), "a value of 2 characters");
        assert_eq!(
            shown(Cell::Text("B801200005001")),
            "a value of 13 characters"
        );
        assert_eq!(shown(Cell::Text("04/03/2014")), "a value of 10 characters");
        assert_eq!(
            shown(Cell::Number(7_700_900_123.0)),
            "a number of 10 digits"
        );
        let dob = chrono::NaiveDate::from_ymd_opt(2014, 3, 27);
        assert_eq!(shown(Cell::Date(dob)), "a date");
    }

    #[test]
    fn a_long_header_is_cut_to_one_short_line() {
        let header = format!("line one\n{}", "x".repeat(100_000));
        let cut = shown_header(&header);
        assert_eq!(cut.chars().count(), MAX_HEADER_CHARS + 1);
        assert!(cut.starts_with("line one x") && cut.ends_with('…'), "{cut}");
    }

    #[test]
    fn a_header_list_names_ten_and_counts_the_rest() {
        let headers: Vec<String> = (1..=500).map(|i| format!("column {i}")).collect();
        let list = header_list(&headers);
        assert!(list.starts_with("\"column 1\", \"column 2\""), "{list}");
        assert!(list.contains("\"column 10\""), "{list}");
        assert!(!list.contains("\"column 11\""), "{list}");
        assert!(list.ends_with(", and 490 more"), "{list}");
        assert_eq!(header_list(&[String::new()]), "none");
    }

    #[test]
    fn a_pupils_row_in_place_of_the_header_lists_no_upn_and_no_date() {
        let row: Vec<String> = ["B801200005001", "27/03/2014", "AM", "/"]
            .map(String::from)
            .to_vec();
        assert_eq!(header_list(&row), "a UPN, a date, \"AM\", \"/\"");
    }

    #[test]
    fn a_message_is_bounded_and_kept_to_one_line() {
        let long = "y".repeat(5_000);
        assert_eq!(bounded(long).chars().count(), MAX_MESSAGE_CHARS + 1);
        assert_eq!(bounded("a\nb".to_string()), "a b");
        assert_eq!(bounded("fine".to_string()), "fine");
    }
}
