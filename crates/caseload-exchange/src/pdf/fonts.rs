//! The fonts the PDFs embed: Noto Sans Regular and Bold (SIL Open Font License 1.1; source,
//! version and checksums in `fonts/README.md`), compiled in and parsed once. The only place
//! that knows the font files.

use std::sync::OnceLock;

static REGULAR: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/NotoSans-Bold.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Font {
    Regular,
    Bold,
}

/// One font, parsed twice over the same bytes: for shaping and measuring, and for krilla to
/// subset and embed.
pub(crate) struct Face {
    pub shaper: rustybuzz::Face<'static>,
    pub embedded: krilla::text::Font,
    pub units_per_em: f32,
    /// Height of a capital letter, as a fraction of the font size.
    pub cap_height: f32,
}

impl Font {
    pub fn face(self) -> &'static Face {
        static FACES: OnceLock<[Face; 2]> = OnceLock::new();
        let faces = FACES.get_or_init(|| [parse(REGULAR), parse(BOLD)]);
        match self {
            Font::Regular => &faces[0],
            Font::Bold => &faces[1],
        }
    }

    /// Whether the font draws this character (rather than its "missing glyph" box).
    pub fn has(self, c: char) -> bool {
        self.face().shaper.glyph_index(c).is_some()
    }
}

/// Parses a compiled-in font. The files are fixed at build time and every PDF test renders
/// with them, so a failure here is a defect in the build, not a condition to handle.
#[allow(clippy::expect_used)]
fn parse(data: &'static [u8]) -> Face {
    let shaper = rustybuzz::Face::from_slice(data, 0).expect("the bundled font parses");
    let embedded = krilla::text::Font::new(data.into(), 0).expect("krilla reads the bundled font");
    let units_per_em = shaper.units_per_em() as f32;
    let cap_height = shaper
        .capital_height()
        .map_or(0.714, |h| f32::from(h) / units_per_em);
    Face {
        shaper,
        embedded,
        units_per_em,
        cap_height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_fonts_cover_latin_extended_greek_cyrillic_and_vietnamese() {
        for font in [Font::Regular, Font::Bold] {
            for c in "ŁłóŞşȘșŢţăĂěřůĞğİıễịẢảΓγώΩЖжЁёЇї€£–—‘’“”…".chars()
            {
                assert!(font.has(c), "{font:?} lacks {c:?}");
            }
            assert!(!font.has('日'));
        }
    }

    #[test]
    fn the_fonts_are_parsed_once_and_shared() {
        assert!(std::ptr::eq(Font::Bold.face(), Font::Bold.face()));
        assert!(!std::ptr::eq(Font::Regular.face(), Font::Bold.face()));
    }
}
