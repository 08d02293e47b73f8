//! Text made safe for XML 1.0: markup characters escaped, and characters XML cannot carry at
//! all (control characters, U+FFFE, U+FFFF) removed, since no escape makes them legal.

/// Whether XML 1.0 allows the character in a document (production [2] `Char`).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// Escapes text for element content and attribute values alike.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|&c| allowed(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape(r#"Primary & Nursery <Demo> "a" 'b'"#),
            "Primary &amp; Nursery &lt;Demo&gt; &quot;a&quot; &apos;b&apos;"
        );
    }

    #[test]
    fn characters_illegal_in_xml_are_removed_and_the_rest_kept() {
        assert_eq!(escape("a\u{0}b\u{7}c\u{1B}d\u{FFFE}e"), "abcde");
        assert_eq!(escape("tab\tline\n£é–😀"), "tab\tline\n£é–😀");
    }
}
