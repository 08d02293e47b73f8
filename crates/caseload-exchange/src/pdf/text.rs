//! Text for the standard-14 Helvetica fonts: Unicode to WinAnsi (cp1252) bytes, widths from the
//! committed metrics, and greedy word-wrapping to a width. Works on encoded bytes, so what is
//! measured is exactly what is drawn.

use super::metrics::{HELVETICA, HELVETICA_BOLD};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Font {
    Regular,
    Bold,
}

impl Font {
    /// The resource name the page's font dictionary gives this font.
    pub fn resource(self) -> &'static [u8] {
        match self {
            Font::Regular => b"F1",
            Font::Bold => b"F2",
        }
    }

    fn widths(self) -> &'static [u16; 256] {
        match self {
            Font::Regular => &HELVETICA,
            Font::Bold => &HELVETICA_BOLD,
        }
    }
}

/// cp1252's assignments in 0x80..=0x9F (the rest of 0xA0..=0xFF is Latin-1 as is).
const CP1252_HIGH: [(char, u8); 27] = [
    ('€', 0x80),
    ('‚', 0x82),
    ('ƒ', 0x83),
    ('„', 0x84),
    ('…', 0x85),
    ('†', 0x86),
    ('‡', 0x87),
    ('ˆ', 0x88),
    ('‰', 0x89),
    ('Š', 0x8A),
    ('‹', 0x8B),
    ('Œ', 0x8C),
    ('Ž', 0x8E),
    ('\u{2018}', 0x91),
    ('\u{2019}', 0x92),
    ('\u{201C}', 0x93),
    ('\u{201D}', 0x94),
    ('•', 0x95),
    ('–', 0x96),
    ('—', 0x97),
    ('˜', 0x98),
    ('™', 0x99),
    ('š', 0x9A),
    ('›', 0x9B),
    ('œ', 0x9C),
    ('ž', 0x9E),
    ('Ÿ', 0x9F),
];

/// One character as a WinAnsi byte. Newlines stay newlines (the wrapper breaks on them); other
/// whitespace becomes a space; other control characters vanish; anything cp1252 cannot show
/// becomes '?', so a missing glyph is visible rather than silently dropped.
fn encode_char(c: char) -> Option<u8> {
    match c {
        '\n' => Some(b'\n'),
        // A carriage return ends a line already ended by '\n'; a soft hyphen is a hint for
        // hyphenation this wrapper does not do, and WinAnsi would draw it as a hard hyphen.
        '\r' | '\u{AD}' => None,
        c if c.is_whitespace() => Some(b' '),
        c if c.is_control() => None,
        ' '..='~' | '\u{A1}'..='\u{FF}' => u8::try_from(u32::from(c)).ok(),
        c => Some(
            CP1252_HIGH
                .iter()
                .find(|(ch, _)| *ch == c)
                .map_or(b'?', |(_, b)| *b),
        ),
    }
}

/// Text as WinAnsi bytes (see [`encode_char`]).
pub(crate) fn encode(text: &str) -> Vec<u8> {
    text.chars().filter_map(encode_char).collect()
}

/// Width in points of encoded text at a size.
pub(crate) fn width(bytes: &[u8], font: Font, size: f32) -> f32 {
    let widths = font.widths();
    let units: u32 = bytes
        .iter()
        .map(|&b| u32::from(widths[usize::from(b)]))
        .sum();
    units as f32 * size / 1000.0
}

/// Encodes and wraps text into lines no wider than `max` points. Breaks at spaces (runs of
/// spaces collapse), keeps the text's own newlines (a blank line stays blank), and splits a
/// word wider than the line between characters. Always returns at least one line.
pub(crate) fn wrap(text: &str, font: Font, size: f32, max: f32) -> Vec<Vec<u8>> {
    let encoded = encode(text);
    let space = width(b" ", font, size);
    let mut lines = Vec::new();
    for paragraph in encoded.split(|&b| b == b'\n') {
        let mut line: Vec<u8> = Vec::new();
        let mut line_width = 0.0;
        for word in paragraph.split(|&b| b == b' ').filter(|w| !w.is_empty()) {
            let word_width = width(word, font, size);
            if !line.is_empty() && line_width + space + word_width <= max {
                line.push(b' ');
                line.extend_from_slice(word);
                line_width += space + word_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word_width <= max {
                line.extend_from_slice(word);
                line_width = word_width;
                continue;
            }
            // A word wider than the line: as many characters as fit, then the rest.
            line_width = 0.0;
            for &b in word {
                let w = width(&[b], font, size);
                if !line.is_empty() && line_width + w > max {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                line.push(b);
                line_width += w;
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pound_accents_dashes_and_curly_quotes_map_to_their_cp1252_bytes() {
        assert_eq!(encode("£é–—€"), vec![0xA3, 0xE9, 0x96, 0x97, 0x80]);
        assert_eq!(
            encode("\u{2018}a\u{2019} \u{201C}b\u{201D}"),
            vec![0x91, b'a', 0x92, b' ', 0x93, b'b', 0x94]
        );
        assert_eq!(encode("Óne"), vec![0xD3, b'n', b'e']);
    }

    #[test]
    fn characters_outside_cp1252_become_question_marks() {
        assert_eq!(encode("a→b 日"), b"a?b ?".to_vec());
        assert_eq!(encode("😀"), b"?".to_vec());
    }

    #[test]
    fn tabs_become_spaces_and_other_control_characters_vanish() {
        assert_eq!(encode("a\tb\u{7}c\r\nd"), b"a bc\nd".to_vec());
        assert_eq!(encode("co\u{AD}op\u{A0}x"), b"coop x".to_vec());
    }

    #[test]
    fn widths_follow_helvetica_metrics() {
        // Helvetica: "A" is 667 units, space 278; Helvetica-Bold "A" is 722.
        assert!((width(b"A A", Font::Regular, 10.0) - 16.12).abs() < 0.001);
        assert!((width(b"A", Font::Bold, 10.0) - 7.22).abs() < 0.001);
        assert_eq!(width(&encode("£"), Font::Regular, 1000.0), 556.0);
    }

    #[test]
    fn wrapping_breaks_between_words_and_no_line_is_wider_than_asked() {
        let text = "Renew the bus pass and arrange a home visit before the end of term";
        let lines = wrap(text, Font::Regular, 10.0, 100.0);
        assert!(lines.len() > 1);
        for line in &lines {
            assert!(width(line, Font::Regular, 10.0) <= 100.0);
            assert!(!line.starts_with(b" ") && !line.ends_with(b" "));
        }
        let joined: Vec<String> = lines
            .iter()
            .map(|l| String::from_utf8_lossy(l).into_owned())
            .collect();
        assert_eq!(joined.join(" "), text);
    }

    #[test]
    fn wrapping_keeps_the_texts_own_line_breaks_including_blank_lines() {
        let lines = wrap("first\n\nsecond", Font::Regular, 10.0, 500.0);
        assert_eq!(lines, vec![b"first".to_vec(), vec![], b"second".to_vec()]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_split_between_characters() {
        let word = "W".repeat(40);
        let lines = wrap(&word, Font::Bold, 10.0, 50.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), word.into_bytes());
        for line in &lines {
            assert!(width(line, Font::Bold, 10.0) <= 50.0);
        }
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrap("", Font::Regular, 10.0, 50.0), vec![Vec::<u8>::new()]);
    }
}
