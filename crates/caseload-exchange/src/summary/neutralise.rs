//! Formula neutralising for spreadsheet exports: text a spreadsheet could take for a formula
//! (CSV/formula injection) is prefixed with `'` so it is shown as text and never run. Only text
//! passes through here; counts, percentages and dates are typed cells and are left alone.

use std::borrow::Cow;

/// The characters that make a spreadsheet treat a cell's text as a formula (or, with tab and
/// carriage return, shift it into one).
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The text as it is safe to write into a CSV or XLSX cell: unchanged unless it starts with a
/// formula trigger, then prefixed with a single quote.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some(first) if TRIGGERS.contains(&first) => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_starting_with_a_formula_trigger_is_prefixed_with_a_quote() {
        for text in ["=1+1", "+44 1234", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(text), format!("'{text}"));
        }
    }

    #[test]
    fn ordinary_text_and_triggers_after_the_first_character_are_left_alone() {
        for text in ["Meadow", "", "a=b", " =1", "'=already quoted", "93.5"] {
            assert!(matches!(neutralise(text), Cow::Borrowed(t) if t == text));
        }
    }
}
