//! Formula neutralising for spreadsheet exports: text a spreadsheet could take for a formula
//! (CSV/formula injection) is kept as text and never run. A CSV has no cell styles, so there the
//! text is prefixed with `'`; an XLSX cell keeps the text exactly and carries Excel's
//! quote-prefix style instead (`summary::xlsx`), so nothing extra shows in the cell. Only text
//! passes through here; counts, percentages and dates are typed cells and are left alone.

use std::borrow::Cow;

/// The characters that make a spreadsheet treat a cell's text as a formula (or, with tab and
/// carriage return, shift it into one).
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a spreadsheet could take this text for a formula: it starts with a trigger.
pub fn looks_like_formula(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|first| TRIGGERS.contains(&first))
}

/// The text as it is safe to write into a CSV cell: unchanged unless it looks like a formula,
/// then prefixed with a single quote.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if looks_like_formula(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
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
