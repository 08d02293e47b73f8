//! Text in the embedded font: cleaning what a worker typed into what can be drawn, shaping it
//! with rustybuzz (kerning, accents placed on their letters, ligatures), and greedy
//! word-wrapping to a width. A line keeps the very glyphs it was measured with, so what is
//! measured is exactly what is drawn.

use std::ops::Range;

use std::cell::RefCell;

use krilla::text::{GlyphId, KrillaGlyph};
use rustybuzz::{Direction, Script, ShapePlan};

use super::fonts::Font;

/// One line of shaped text. Glyph positions are in ems; their text ranges index `text`.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub text: String,
    pub glyphs: Vec<KrillaGlyph>,
    /// Advance width of the whole line, in ems.
    ems: f32,
}

impl Line {
    /// Width in points at a font size.
    pub fn width(&self, size: f32) -> f32 {
        self.ems * size
    }

    pub fn is_empty(&self) -> bool {
        self.glyphs.is_empty()
    }
}

/// One character as drawn. Newlines stay newlines (the wrapper breaks on them); other
/// whitespace becomes a space; other control characters vanish; a character the font cannot
/// draw becomes '?', so a missing glyph is visible rather than silently dropped.
fn clean_char(c: char, font: Font) -> Option<char> {
    match c {
        '\n' => Some('\n'),
        // A carriage return ends a line already ended by '\n'; a soft hyphen is a hint for
        // hyphenation this wrapper does not do.
        '\r' | '\u{AD}' => None,
        c if c.is_whitespace() => Some(' '),
        c if c.is_control() => None,
        c if font.has(c) => Some(c),
        _ => Some('?'),
    }
}

/// Shaped text: glyphs in visual order (left to right), each with the byte range of the
/// cluster it belongs to.
struct Shaped {
    text: String,
    glyphs: Vec<KrillaGlyph>,
}

const LTR: Direction = Direction::LeftToRight;

thread_local! {
    /// Shaping plans (the font's features compiled for a script) by font and script: making
    /// one costs far more than shaping a line with it.
    static PLANS: RefCell<Vec<(Font, Script, ShapePlan)>> = const { RefCell::new(Vec::new()) };
}

/// Noto Sans's glyph composition feature splits some accented letters it has whole (ị) into
/// a letter and a mark. Drawn that way, the letter needs an ActualText span to be read back, and
/// poppler then loses the space after it ("Thị Ánh" reads "ThịÁnh"); whole glyphs read back
/// plainly. Marks typed separately (e + ◌̂ + ◌̃) are still composed or placed by the shaper.
fn no_ccmp() -> rustybuzz::Feature {
    rustybuzz::Feature::new(rustybuzz::ttf_parser::Tag::from_bytes(b"ccmp"), 0, ..)
}

fn shape(text: &str, font: Font) -> Shaped {
    let face = font.face();
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(LTR);
    buffer.guess_segment_properties();
    let script = buffer.script();
    let output = PLANS.with_borrow_mut(|plans| {
        let at = match plans
            .iter()
            .position(|(f, s, _)| *f == font && *s == script)
        {
            Some(at) => at,
            None => {
                let plan = ShapePlan::new(&face.shaper, LTR, Some(script), None, &[no_ccmp()]);
                plans.push((font, script, plan));
                plans.len() - 1
            }
        };
        rustybuzz::shape_with_plan(&face.shaper, &plans[at].2, buffer)
    });
    let infos = output.glyph_infos();
    let em = face.units_per_em;
    let glyphs = output
        .glyph_positions()
        .iter()
        .zip(infos)
        .enumerate()
        .map(|(i, (pos, info))| {
            let start = info.cluster as usize;
            let end = infos[i..]
                .iter()
                .map(|next| next.cluster as usize)
                .find(|&c| c != start)
                .unwrap_or(text.len());
            KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                pos.x_advance as f32 / em,
                pos.x_offset as f32 / em,
                pos.y_offset as f32 / em,
                pos.y_advance as f32 / em,
                start..end,
                None,
            )
        })
        .collect();
    Shaped {
        text: text.to_string(),
        glyphs,
    }
}

impl Shaped {
    /// Index of the first glyph whose cluster starts at or after byte `at`.
    fn glyph_at(&self, at: usize) -> usize {
        self.glyphs.partition_point(|g| g.text_range.start < at)
    }

    /// Width in ems of the text in `bytes` (which start and end on cluster boundaries).
    fn ems(&self, bytes: Range<usize>) -> f32 {
        let glyphs = self.glyph_at(bytes.start)..self.glyph_at(bytes.end);
        self.glyphs[glyphs].iter().map(|g| g.x_advance).sum()
    }

    /// The text in `bytes` as a line of its own, keeping the glyphs shaped in context.
    fn line(&self, bytes: Range<usize>) -> Line {
        let glyphs: Vec<KrillaGlyph> = self.glyphs
            [self.glyph_at(bytes.start)..self.glyph_at(bytes.end)]
            .iter()
            .map(|g| {
                let mut g = g.clone();
                let end = g.text_range.end.min(bytes.end);
                g.text_range = (g.text_range.start - bytes.start)..(end - bytes.start);
                g
            })
            .collect();
        Line {
            ems: glyphs.iter().map(|g| g.x_advance).sum(),
            text: self.text[bytes].to_string(),
            glyphs,
        }
    }

    /// Byte offsets where clusters start, then the end of the text.
    fn cluster_bounds(&self) -> Vec<usize> {
        let mut bounds: Vec<usize> = self.glyphs.iter().map(|g| g.text_range.start).collect();
        bounds.dedup();
        bounds.push(self.text.len());
        bounds
    }
}

/// Text cleaned and shaped as one line, however wide.
pub(crate) fn line(text: &str, font: Font) -> Line {
    let cleaned: String = text
        .chars()
        .filter_map(|c| clean_char(c, font))
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let shaped = shape(&cleaned, font);
    shaped.line(0..cleaned.len())
}

/// Text on one line no wider than `max` points, cut with an ellipsis if it is longer (for
/// running headers built from typed names).
pub(crate) fn fit(text: &str, font: Font, size: f32, max: f32) -> Line {
    let whole = line(text, font);
    if whole.width(size) <= max {
        return whole;
    }
    let shaped = shape(&whole.text, font);
    let room = max - line("…", font).width(size);
    let cut = shaped
        .cluster_bounds()
        .into_iter()
        .take_while(|&end| shaped.ems(0..end) * size <= room)
        .last()
        .unwrap_or(0);
    line(&format!("{}…", whole.text[..cut].trim_end()), font)
}

/// Cleans, shapes and wraps text into lines no wider than `max` points. Breaks at spaces (runs
/// of spaces collapse), keeps the text's own newlines (a blank line stays blank), and splits a
/// word wider than the line between clusters. Always returns at least one line.
pub(crate) fn wrap(text: &str, font: Font, size: f32, max: f32) -> Vec<Line> {
    let cleaned: String = text.chars().filter_map(|c| clean_char(c, font)).collect();
    let max_ems = max / size;
    let mut lines = Vec::new();
    for paragraph in cleaned.split('\n') {
        let joined = paragraph
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let shaped = shape(&joined, font);
        let mut words = Vec::new();
        let mut at = 0;
        for word in joined.split(' ') {
            words.push(at..at + word.len());
            at += word.len() + 1;
        }
        let mut start: Option<usize> = None;
        let mut end = 0;
        for word in words.into_iter().filter(|w| !w.is_empty()) {
            if let Some(s) = start {
                if shaped.ems(s..word.end) <= max_ems {
                    end = word.end;
                    continue;
                }
                lines.push(shaped.line(s..end));
            }
            if shaped.ems(word.clone()) <= max_ems {
                (start, end) = (Some(word.start), word.end);
                continue;
            }
            // A word wider than the line: as many clusters as fit, ending after a hyphen if
            // one fits, then the rest.
            let mut piece = word.start;
            let bounds = shaped.cluster_bounds();
            let inner = bounds.iter().filter(|&&b| b > word.start && b <= word.end);
            let (mut last, mut hyphen) = (word.start, None);
            for &bound in inner {
                while last > piece && shaped.ems(piece..bound) > max_ems {
                    let at = hyphen.filter(|&h| h > piece && h <= last).unwrap_or(last);
                    lines.push(shaped.line(piece..at));
                    piece = at;
                }
                if joined[..bound].ends_with('-') {
                    hyphen = Some(bound);
                }
                last = bound;
            }
            (start, end) = (Some(piece), word.end);
        }
        lines.push(match start {
            Some(s) => shaped.line(s..end),
            None => shaped.line(0..0),
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn names_in_any_european_script_keep_every_letter() {
        for name in [
            "Łukasz Ștefănescu-Nguyễn",
            "Şule Öztürk",
            "Zdeněk Dvořák",
            "Γιώργος Παπαδόπουλος",
            "Анна Кузнецова",
            "Nguyễn Thị Ánh",
        ] {
            assert_eq!(texts(&wrap(name, Font::Regular, 10.0, 500.0)), vec![name]);
        }
    }

    #[test]
    fn accented_letters_are_one_glyph_each_whether_typed_whole_or_with_combining_marks() {
        let whole = line("Thị Nguyễn", Font::Regular);
        assert_eq!(whole.glyphs.len(), "Thị Nguyễn".chars().count());
        let combining = line("Thi\u{323} Nguye\u{302}\u{303}n", Font::Regular);
        assert_eq!(combining.glyphs.len(), whole.glyphs.len());
        assert!((combining.width(10.0) - whole.width(10.0)).abs() < 0.001);
    }

    #[test]
    fn characters_the_font_lacks_become_question_marks() {
        assert_eq!(line("a日b 😀", Font::Regular).text, "a?b ?");
    }

    #[test]
    fn tabs_become_spaces_and_other_control_characters_vanish() {
        assert_eq!(line("a\tb\u{7}c\r", Font::Regular).text, "a bc");
        assert_eq!(line("co\u{AD}op\u{A0}x", Font::Bold).text, "coop x");
    }

    #[test]
    fn shaping_kerns_pairs_so_a_line_is_narrower_than_its_glyphs_side_by_side() {
        let kerned = line("AVAVAV", Font::Regular).width(10.0);
        let apart: f32 = "AVAVAV"
            .chars()
            .map(|c| line(&c.to_string(), Font::Regular).width(10.0))
            .sum();
        assert!(kerned < apart, "{kerned} vs {apart}");
    }

    #[test]
    fn a_lines_glyphs_map_back_to_its_own_text() {
        let lines = wrap(
            "Zdeněk Dvořák and Nguyễn Thị Ánh",
            Font::Regular,
            10.0,
            80.0,
        );
        assert!(lines.len() > 1);
        for l in &lines {
            // Glyphs of one cluster (a letter and its accent) share its range.
            let mut ranges: Vec<_> = l.glyphs.iter().map(|g| g.text_range.clone()).collect();
            ranges.dedup();
            let covered: String = ranges.into_iter().map(|r| &l.text[r]).collect();
            assert_eq!(covered, l.text);
        }
    }

    #[test]
    fn wrapping_breaks_between_words_and_no_line_is_wider_than_asked() {
        let text = "Renew the bus pass and arrange a home visit before the end of term";
        let lines = wrap(text, Font::Regular, 10.0, 100.0);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(l.width(10.0) <= 100.0);
            assert!(!l.text.starts_with(' ') && !l.text.ends_with(' '));
        }
        assert_eq!(texts(&lines).join(" "), text);
    }

    #[test]
    fn wrapping_keeps_the_texts_own_line_breaks_including_blank_lines() {
        let lines = wrap("first\n\nsecond  word", Font::Regular, 10.0, 500.0);
        assert_eq!(texts(&lines), vec!["first", "", "second word"]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_split_between_characters() {
        let word = "W".repeat(40);
        let lines = wrap(&word, Font::Bold, 10.0, 50.0);
        assert!(lines.len() > 1);
        assert_eq!(texts(&lines).concat(), word);
        for l in &lines {
            assert!(l.width(10.0) <= 50.0);
        }
    }

    #[test]
    fn a_hyphenated_word_too_wide_for_its_column_breaks_after_a_hyphen() {
        let width = line("Synthetic-", Font::Regular).width(9.0) + 1.0;
        let lines = wrap("Pupil Synthetic-Two", Font::Regular, 9.0, width);
        assert_eq!(texts(&lines), vec!["Pupil", "Synthetic-", "Two"]);
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        let lines = wrap("", Font::Regular, 10.0, 50.0);
        assert_eq!(texts(&lines), vec![""]);
    }

    #[test]
    fn text_too_long_for_a_header_ends_in_an_ellipsis_within_the_width() {
        let cut = fit(&"Ștefănescu ".repeat(20), Font::Regular, 8.0, 100.0);
        assert!(cut.width(8.0) <= 100.0);
        assert!(cut.text.starts_with("Ștefănescu") && cut.text.ends_with('…'));
        assert_eq!(fit("Short", Font::Regular, 8.0, 100.0).text, "Short");
    }
}
