//! The page sequence of a PDF being laid out: a cursor moving down A4 pages, page breaks,
//! drawing primitives (text lines, rules, boxes), and the running header and footer added once
//! the page count is known. Knows nothing of blocks or records.

use pdf_writer::{Content, Name, Str};

use super::text::{Font, width};

/// A4 in points.
pub(crate) const PAGE_WIDTH: f32 = 595.276;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
/// 20 mm on every side.
pub(crate) const MARGIN: f32 = 56.693;
pub(crate) const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
const TOP: f32 = PAGE_HEIGHT - MARGIN;
/// Body text stops here; the footer sits below.
const BOTTOM: f32 = MARGIN + 8.0;
const FOOTER_BASELINE: f32 = MARGIN - 20.0;
const HEADER_BASELINE: f32 = PAGE_HEIGHT - MARGIN + 22.0;
/// Height a block can use on an empty page.
pub(crate) const PAGE_ROOM: f32 = TOP - BOTTOM;

/// GOV.UK palette: text, secondary text, borders, light fill, red.
pub(crate) type Rgb = (f32, f32, f32);
pub(crate) const INK: Rgb = (0.043, 0.047, 0.047);
pub(crate) const SECONDARY: Rgb = (0.314, 0.353, 0.373);
pub(crate) const BORDER: Rgb = (0.694, 0.706, 0.714);
pub(crate) const FILL: Rgb = (0.953, 0.949, 0.945);
pub(crate) const RED: Rgb = (0.831, 0.208, 0.110);

#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub font: Font,
    pub size: f32,
    pub leading: f32,
}

impl Style {
    /// Baseline of a line whose box starts at `top`: capitals centred in the line box.
    fn baseline(self, top: f32) -> f32 {
        let cap = 0.718 * self.size;
        top - (self.leading - cap) / 2.0 - cap
    }
}

pub(crate) struct Pages {
    done: Vec<Content>,
    current: Content,
    /// Top of the free space on the current page.
    pub y: f32,
}

impl Pages {
    pub fn new() -> Pages {
        Pages {
            done: Vec::new(),
            current: Content::new(),
            y: TOP,
        }
    }

    pub fn new_page(&mut self) {
        let finished = std::mem::replace(&mut self.current, Content::new());
        self.done.push(finished);
        self.y = TOP;
    }

    /// Height left above the footer on this page.
    pub fn room(&self) -> f32 {
        self.y - BOTTOM
    }

    pub fn at_top(&self) -> bool {
        self.y >= TOP
    }

    /// Starts a new page unless `height` fits here (or this page is still empty).
    pub fn keep(&mut self, height: f32) {
        if height > self.room() && !self.at_top() {
            self.new_page();
        }
    }

    /// Moves down by `gap`, unless at the top of a page, where space above would be wasted.
    pub fn gap(&mut self, gap: f32) {
        if !self.at_top() {
            self.y -= gap;
        }
    }

    /// Draws lines one under another, the first line box starting at `top`.
    pub fn lines(&mut self, x: f32, top: f32, lines: &[Vec<u8>], style: Style, color: Rgb) {
        if lines.iter().all(|l| l.is_empty()) {
            return;
        }
        let c = &mut self.current;
        c.begin_text();
        c.set_fill_rgb(color.0, color.1, color.2);
        c.set_font(Name(style.font.resource()), style.size);
        c.next_line(x, style.baseline(top));
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                c.next_line(0.0, -style.leading);
            }
            c.show(Str(line));
        }
        c.end_text();
    }

    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        let c = &mut self.current;
        c.set_fill_rgb(color.0, color.1, color.2);
        c.rect(x, y, w, h);
        c.fill_nonzero();
    }

    pub fn stroke_rect(&mut self, x: f32, y: f32, w: f32, h: f32, line: f32, color: Rgb) {
        let c = &mut self.current;
        c.set_line_width(line);
        c.set_stroke_rgb(color.0, color.1, color.2);
        c.rect(x, y, w, h);
        c.stroke();
    }

    pub fn rule(&mut self, x: f32, y: f32, w: f32, line: f32, color: Rgb) {
        let c = &mut self.current;
        c.set_line_width(line);
        c.set_stroke_rgb(color.0, color.1, color.2);
        c.move_to(x, y);
        c.line_to(x + w, y);
        c.stroke();
    }

    /// Every page's content stream, each with `header` (from page 2 on) and `footer` beside
    /// "Page N of M". Drawn last so a text extractor reads the body first.
    pub fn finish(mut self, header: &str, footer: &str) -> Vec<Vec<u8>> {
        self.new_page();
        let total = self.done.len();
        let small = Style {
            font: Font::Regular,
            size: 8.0,
            leading: 10.0,
        };
        let header = super::text::encode(header);
        let footer = super::text::encode(footer);
        let pages = std::mem::take(&mut self.done);
        pages
            .into_iter()
            .enumerate()
            .map(|(i, content)| {
                let mut page = Pages {
                    done: Vec::new(),
                    current: content,
                    y: TOP,
                };
                if i > 0 {
                    let header = fit(&header, small, TEXT_WIDTH);
                    page.text_at(MARGIN, HEADER_BASELINE, &header, small, SECONDARY);
                }
                page.rule(MARGIN, FOOTER_BASELINE + 12.0, TEXT_WIDTH, 0.5, BORDER);
                let number = format!("Page {} of {total}", i + 1).into_bytes();
                let number_width = width(&number, small.font, small.size);
                let footer = fit(&footer, small, TEXT_WIDTH - number_width - 12.0);
                page.text_at(MARGIN, FOOTER_BASELINE, &footer, small, SECONDARY);
                let right = MARGIN + TEXT_WIDTH - number_width;
                page.text_at(right, FOOTER_BASELINE, &number, small, SECONDARY);
                page.current.finish().to_vec()
            })
            .collect()
    }

    fn text_at(&mut self, x: f32, baseline: f32, text: &[u8], style: Style, color: Rgb) {
        let c = &mut self.current;
        c.begin_text();
        c.set_fill_rgb(color.0, color.1, color.2);
        c.set_font(Name(style.font.resource()), style.size);
        c.next_line(x, baseline);
        c.show(Str(text));
        c.end_text();
    }
}

/// Text cut with an ellipsis to fit one line (for running headers built from typed names).
fn fit(text: &[u8], style: Style, max: f32) -> Vec<u8> {
    if width(text, style.font, style.size) <= max {
        return text.to_vec();
    }
    const ELLIPSIS: u8 = 0x85;
    let mut cut = text.to_vec();
    while !cut.is_empty() && width(&cut, style.font, style.size) + 8.0 > max {
        cut.pop();
    }
    cut.push(ELLIPSIS);
    cut
}
