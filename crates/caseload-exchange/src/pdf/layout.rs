//! Lays a document's blocks out on PDF pages: type sizes, spacing, keeping headings with what
//! follows, and rows that break across pages (a table's header row repeats on each page). Any
//! amount of text fits: a row taller than a page is split between its lines.

use super::pages::{BORDER, FILL, INK, MARGIN, PAGE_ROOM, Pages, RED, Rgb, Style, TEXT_WIDTH};
use super::text::{Font, wrap};
use crate::document::{Block, Document, Table};

const TITLE: Style = style(Font::Bold, 22.0, 27.0);
const HEADING: Style = style(Font::Bold, 15.0, 19.0);
const SUBHEADING: Style = style(Font::Bold, 12.0, 15.0);
const LABEL: Style = style(Font::Bold, 10.0, 14.0);
const BODY: Style = style(Font::Regular, 10.0, 14.0);
const CELL: Style = style(Font::Regular, 9.0, 11.5);
const CELL_HEAD: Style = style(Font::Bold, 9.0, 11.5);
const MARKER: Style = style(Font::Bold, 13.0, 16.0);
/// Width of the label column of a list of fields.
const FIELD_LABEL_WIDTH: f32 = 170.0;
const CELL_PAD_X: f32 = 4.5;
const CELL_PAD_Y: f32 = 3.5;
/// A row is split only if at least this many of its lines fit on the page.
const MIN_SPLIT_LINES: usize = 2;

const fn style(font: Font, size: f32, leading: f32) -> Style {
    Style {
        font,
        size,
        leading,
    }
}

/// One cell's text, already wrapped, and where it goes.
struct Cell {
    x: f32,
    width: f32,
    lines: Vec<Vec<u8>>,
    style: Style,
}

/// How a row is framed: a table row has borders and padding, a field row has neither.
#[derive(Clone, Copy)]
struct Frame {
    pad: f32,
    bordered: bool,
    fill: Option<Rgb>,
}

const TABLE_FRAME: Frame = Frame {
    pad: CELL_PAD_Y,
    bordered: true,
    fill: None,
};
const FIELD_FRAME: Frame = Frame {
    pad: 2.0,
    bordered: false,
    fill: None,
};

/// The document's content streams, one per page.
pub(crate) fn lay_out(doc: &Document) -> Vec<Vec<u8>> {
    let mut pages = Pages::new();
    for block in &doc.blocks {
        match block {
            Block::Title(text) => {
                let lines = wrap(text, TITLE.font, TITLE.size, TEXT_WIDTH);
                flowing(&mut pages, &lines, TITLE, 0.0);
                pages.y -= 10.0;
            }
            Block::Marker(text) => marker(&mut pages, text),
            Block::Heading(text) => {
                pages.gap(18.0);
                heading(&mut pages, text, HEADING, 3.0 * BODY.leading);
                let y = pages.y - 3.0;
                pages.rule(MARGIN, y, TEXT_WIDTH, 0.75, BORDER);
                pages.y -= 9.0;
            }
            Block::Subheading(text) => {
                pages.gap(12.0);
                heading(&mut pages, text, SUBHEADING, 4.0 * BODY.leading);
                pages.y -= 3.0;
            }
            Block::Label(text) => {
                pages.gap(6.0);
                heading(&mut pages, text, LABEL, 3.0 * CELL.leading);
                pages.y -= 2.0;
            }
            Block::Paragraph(text) => {
                let lines = wrap(text, BODY.font, BODY.size, TEXT_WIDTH);
                flowing(&mut pages, &lines, BODY, 0.0);
                pages.y -= 4.0;
            }
            Block::Fields(fields) => {
                for (label, value) in fields {
                    let label_width = FIELD_LABEL_WIDTH - 12.0;
                    let value_width = TEXT_WIDTH - FIELD_LABEL_WIDTH;
                    let cells = [
                        cell(MARGIN, label_width, label, LABEL),
                        cell(MARGIN + FIELD_LABEL_WIDTH, value_width, value, BODY),
                    ];
                    row(&mut pages, &cells, FIELD_FRAME, None);
                }
                pages.y -= 4.0;
            }
            Block::Table(table) => self::table(&mut pages, table),
        }
    }
    pages.finish(&doc.title, &doc.footer)
}

/// Lines that may break across pages anywhere, indented by `indent`.
fn flowing(pages: &mut Pages, lines: &[Vec<u8>], style: Style, indent: f32) {
    for line in lines {
        pages.keep(style.leading);
        let top = pages.y;
        pages.lines(MARGIN + indent, top, std::slice::from_ref(line), style, INK);
        pages.y -= style.leading;
    }
}

/// A heading kept on the same page as at least `with_next` of what follows it.
fn heading(pages: &mut Pages, text: &str, style: Style, with_next: f32) {
    let lines = wrap(text, style.font, style.size, TEXT_WIDTH);
    let height = lines.len() as f32 * style.leading;
    pages.keep(height + with_next);
    flowing(pages, &lines, style, 0.0);
}

/// A red-bordered box a reader cannot miss.
fn marker(pages: &mut Pages, text: &str) {
    let pad = 10.0;
    let lines = wrap(text, MARKER.font, MARKER.size, TEXT_WIDTH - 2.0 * pad - 6.0);
    let height = lines.len() as f32 * MARKER.leading + 2.0 * pad;
    pages.keep(height);
    let bottom = pages.y - height;
    pages.stroke_rect(MARGIN, bottom, TEXT_WIDTH, height, 2.5, RED);
    pages.fill_rect(MARGIN, bottom, 6.0, height, RED);
    let top = pages.y - pad;
    pages.lines(MARGIN + 6.0 + pad, top, &lines, MARKER, INK);
    pages.y = bottom - 12.0;
}

fn cell(x: f32, width: f32, text: &str, style: Style) -> Cell {
    Cell {
        x,
        width,
        lines: wrap(text, style.font, style.size, width),
        style,
    }
}

fn table(pages: &mut Pages, table: &Table) {
    let mut x = MARGIN;
    let widths: Vec<f32> = table.fractions().iter().map(|f| f * TEXT_WIDTH).collect();
    let mut columns = Vec::with_capacity(widths.len());
    for w in &widths {
        columns.push((x, *w));
        x += w;
    }
    let cells = |texts: &[String], style: Style| -> Vec<Cell> {
        columns
            .iter()
            .zip(texts)
            .map(|((x, w), text)| cell(x + CELL_PAD_X, w - 2.0 * CELL_PAD_X, text, style))
            .collect()
    };
    let headers: Vec<String> = table.columns.iter().map(|c| c.header.clone()).collect();
    let header = cells(&headers, CELL_HEAD);
    let header_frame = Frame {
        fill: Some(FILL),
        ..TABLE_FRAME
    };
    // Keep the header with the start of the first row.
    let first_row = table.rows.first().map_or(0, |r| {
        cells(r, CELL)
            .iter()
            .map(|c| c.lines.len())
            .max()
            .unwrap_or(1)
    });
    let head_height = row_height(&header, TABLE_FRAME);
    pages.keep(head_height + 2.0 * CELL_PAD_Y + first_row.min(3) as f32 * CELL.leading);
    row(pages, &header, header_frame, None);
    for texts in &table.rows {
        row(
            pages,
            &cells(texts, CELL),
            TABLE_FRAME,
            Some((&header, header_frame)),
        );
    }
    pages.y -= 6.0;
}

fn row_height(cells: &[Cell], frame: Frame) -> f32 {
    let lines = cells.iter().map(|c| c.lines.len()).max().unwrap_or(0);
    lines as f32 * leading(cells) + 2.0 * frame.pad
}

fn leading(cells: &[Cell]) -> f32 {
    cells.iter().map(|c| c.style.leading).fold(0.0, f32::max)
}

/// Draws a row of cells, moving to a new page first if the row does not fit but would on a new
/// page, and otherwise splitting it between lines. `repeat` is drawn at the top of each page
/// the row moves to (a table's header row).
fn row(pages: &mut Pages, cells: &[Cell], frame: Frame, repeat: Option<(&[Cell], Frame)>) {
    let leading = leading(cells);
    let total = cells.iter().map(|c| c.lines.len()).max().unwrap_or(0);
    let repeat_height = repeat.map_or(0.0, |(r, f)| row_height(r, f));
    let fresh_lines = lines_in(PAGE_ROOM - repeat_height, frame.pad, leading);
    let mut done = 0;
    let mut fresh = false;
    while done < total {
        let left = total - done;
        let here = lines_in(pages.room(), frame.pad, leading);
        let split_worthwhile = here >= MIN_SPLIT_LINES && left > fresh_lines;
        if here < left && !split_worthwhile && !fresh && !pages.at_top() {
            pages.new_page();
            if let Some((cells, frame)) = repeat {
                row(pages, cells, frame, None);
            }
            fresh = true;
            continue;
        }
        let count = left.min(here.max(1));
        let height = count as f32 * leading + 2.0 * frame.pad;
        let top = pages.y;
        for c in cells {
            let (x, w) = (c.x - CELL_PAD_X, c.width + 2.0 * CELL_PAD_X);
            if let Some(fill) = frame.fill {
                pages.fill_rect(x, top - height, w, height, fill);
            }
            if frame.bordered {
                pages.stroke_rect(x, top - height, w, height, 0.5, BORDER);
            }
        }
        for c in cells {
            let end = c.lines.len().min(done + count);
            let start = done.min(end);
            pages.lines(c.x, top - frame.pad, &c.lines[start..end], c.style, INK);
        }
        pages.y -= height;
        done += count;
        fresh = false;
    }
}

/// How many lines of a row fit in `room`, with padding above and below.
fn lines_in(room: f32, pad: f32, leading: f32) -> usize {
    let usable = (room - 2.0 * pad).max(0.0);
    (usable / leading).floor() as usize
}
