//! The page sequence of a PDF being laid out: a cursor moving down A4 pages (upright or on their side), page breaks, and
//! what each page shows (text lines, rules, boxes), recorded as drawing operations with what
//! each is in the document's structure; the running header and footer are added once the page
//! count is known. Knows nothing of blocks or records, nor of how the file is written.

use super::fonts::Font;
use super::text::{Line, fit, line};

/// 20 mm on every side.
pub(crate) const MARGIN: f32 = 56.693;
/// Body text stops here; the footer sits below.
const BOTTOM: f32 = MARGIN + 8.0;
const FOOTER_BASELINE: f32 = MARGIN - 20.0;

/// An A4 sheet, upright or turned on its side (for a table too wide to read upright), in
/// points. Every page of a document is the same way up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Paper {
    pub width: f32,
    pub height: f32,
}

impl Paper {
    pub const PORTRAIT: Paper = Paper {
        width: 595.276,
        height: 841.89,
    };
    pub const LANDSCAPE: Paper = Paper {
        width: 841.89,
        height: 595.276,
    };

    pub fn text_width(self) -> f32 {
        self.width - 2.0 * MARGIN
    }

    fn top(self) -> f32 {
        self.height - MARGIN
    }

    fn header_baseline(self) -> f32 {
        self.height - MARGIN + 22.0
    }

    /// Height a block can use on an empty page.
    pub fn room(self) -> f32 {
        self.top() - BOTTOM
    }
}

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
        let cap = self.font.face().cap_height * self.size;
        top - (self.leading - cap) / 2.0 - cap
    }
}

/// What drawn content is to a reader: part of the document's structure (its slot, see
/// `structure.rs`), or an artifact a screen reader skips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    Content(usize),
    /// A table's header row drawn again at the top of a page.
    Repeated,
    /// Borders, fills and rules.
    Decoration,
    Header,
    Footer,
}

/// One drawing operation, in PDF coordinates (origin bottom left, y up).
#[derive(Debug, Clone)]
pub(crate) enum Op {
    Text {
        x: f32,
        baseline: f32,
        line: Line,
        style: Style,
        color: Rgb,
        mark: Mark,
    },
    /// Content with nothing to draw (an empty table cell), so its place in the structure holds.
    Empty { slot: usize },
    FillRect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
    StrokeRect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        line: f32,
        color: Rgb,
    },
    Rule {
        x: f32,
        y: f32,
        w: f32,
        line: f32,
        color: Rgb,
    },
}

pub(crate) struct Pages {
    pub paper: Paper,
    done: Vec<Vec<Op>>,
    current: Vec<Op>,
    /// Top of the free space on the current page.
    pub y: f32,
}

impl Pages {
    pub fn new(paper: Paper) -> Pages {
        Pages {
            paper,
            done: Vec::new(),
            current: Vec::new(),
            y: paper.top(),
        }
    }

    /// Width between the side margins.
    pub fn text_width(&self) -> f32 {
        self.paper.text_width()
    }

    pub fn new_page(&mut self) {
        let finished = std::mem::take(&mut self.current);
        self.done.push(finished);
        self.y = self.paper.top();
    }

    /// Index of the page being filled, from 0.
    pub fn index(&self) -> usize {
        self.done.len()
    }

    /// Height left above the footer on this page.
    pub fn room(&self) -> f32 {
        self.y - BOTTOM
    }

    pub fn at_top(&self) -> bool {
        self.y >= self.paper.top()
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
    pub fn lines(&mut self, x: f32, top: f32, lines: &[Line], style: Style, mark: Mark) {
        let mut drawn = false;
        for (i, line) in lines.iter().enumerate() {
            if line.is_empty() {
                continue;
            }
            let baseline = style.baseline(top) - i as f32 * style.leading;
            self.text_at(x, baseline, line.clone(), style, INK, mark);
            drawn = true;
        }
        if let (false, Mark::Content(slot)) = (drawn, mark) {
            self.current.push(Op::Empty { slot });
        }
    }

    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        self.current.push(Op::FillRect { x, y, w, h, color });
    }

    pub fn stroke_rect(&mut self, x: f32, y: f32, w: f32, h: f32, line: f32, color: Rgb) {
        self.current.push(Op::StrokeRect {
            x,
            y,
            w,
            h,
            line,
            color,
        });
    }

    pub fn rule(&mut self, x: f32, y: f32, w: f32, line: f32, color: Rgb) {
        self.current.push(Op::Rule {
            x,
            y,
            w,
            line,
            color,
        });
    }

    /// Every page's operations, each with `header` (from page 2 on) and `footer` beside
    /// "Page N of M". Added last so a text extractor reads the body first.
    pub fn finish(mut self, header: &str, footer: &str) -> Vec<Vec<Op>> {
        self.new_page();
        let total = self.done.len();
        let small = Style {
            font: Font::Regular,
            size: 8.0,
            leading: 10.0,
        };
        let paper = self.paper;
        let text_width = paper.text_width();
        let header = fit(header, small.font, small.size, text_width);
        let pages = std::mem::take(&mut self.done);
        pages
            .into_iter()
            .enumerate()
            .map(|(i, ops)| {
                let mut page = Pages {
                    paper,
                    done: Vec::new(),
                    current: ops,
                    y: paper.top(),
                };
                if i > 0 {
                    let header = header.clone();
                    page.text_at(
                        MARGIN,
                        paper.header_baseline(),
                        header,
                        small,
                        SECONDARY,
                        Mark::Header,
                    );
                }
                page.rule(MARGIN, FOOTER_BASELINE + 12.0, text_width, 0.5, BORDER);
                let number = line(&format!("Page {} of {total}", i + 1), small.font);
                let number_width = number.width(small.size);
                let room = text_width - number_width - 12.0;
                let footer = fit(footer, small.font, small.size, room);
                page.text_at(
                    MARGIN,
                    FOOTER_BASELINE,
                    footer,
                    small,
                    SECONDARY,
                    Mark::Footer,
                );
                let right = MARGIN + text_width - number_width;
                page.text_at(
                    right,
                    FOOTER_BASELINE,
                    number,
                    small,
                    SECONDARY,
                    Mark::Footer,
                );
                page.current
            })
            .collect()
    }

    fn text_at(&mut self, x: f32, baseline: f32, line: Line, style: Style, color: Rgb, mark: Mark) {
        self.current.push(Op::Text {
            x,
            baseline,
            line,
            style,
            color,
            mark,
        });
    }
}
