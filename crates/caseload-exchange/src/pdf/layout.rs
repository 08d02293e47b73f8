//! Lays a document's blocks out on PDF pages: type sizes, spacing, keeping headings with what
//! follows, and rows that break across pages (a table's header row repeats on each page). Any
//! amount of text fits: a row taller than a page is split between its lines. Records, beside
//! the drawing, what each piece is (heading, paragraph, table cell) for the tagged structure.

use super::columns;
use super::fonts::Font;
use super::pages::{BORDER, FILL, MARGIN, Mark, Op, Pages, Paper, RED, Rgb, Style};
use super::structure::{Bookmark, Child, Element, Role, Structure};
use super::text::{Line, wrap};
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

/// One cell's text, already wrapped, where it goes, and what it is in the structure.
#[derive(Clone)]
struct Cell {
    x: f32,
    width: f32,
    lines: Vec<Line>,
    style: Style,
    mark: Mark,
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

/// The document's pages (their drawing operations), its logical structure, and the way up
/// its pages are: on their side when a table's columns cannot all show their longest word
/// upright.
pub(crate) fn lay_out(doc: &Document) -> (Vec<Vec<Op>>, Structure, Paper) {
    let upright = Paper::PORTRAIT.text_width();
    let too_wide = doc.blocks.iter().any(|b| match b {
        Block::Table(t) => columns::narrowest(t, CELL, CELL_HEAD, 2.0 * CELL_PAD_X) > upright,
        _ => false,
    });
    let paper = if too_wide {
        Paper::LANDSCAPE
    } else {
        Paper::PORTRAIT
    };
    let mut pages = Pages::new(paper);
    let mut s = Structure::default();
    for block in &doc.blocks {
        match block {
            Block::Title(text) => {
                let (slot, _) = s.heading(1, text);
                let width = pages.text_width();
                let lines = wrap(text, TITLE.font, TITLE.size, width);
                flowing(&mut pages, &lines, TITLE, Mark::Content(slot));
                pages.y -= 10.0;
            }
            Block::Marker(text) => marker(&mut pages, text, s.paragraph()),
            Block::Heading(text) => {
                pages.gap(18.0);
                heading(&mut pages, &mut s, 2, text, HEADING, 3.0 * BODY.leading);
                let y = pages.y - 3.0;
                let width = pages.text_width();
                pages.rule(MARGIN, y, width, 0.75, BORDER);
                pages.y -= 9.0;
            }
            Block::Subheading(text) => {
                pages.gap(12.0);
                heading(&mut pages, &mut s, 3, text, SUBHEADING, 4.0 * BODY.leading);
                pages.y -= 3.0;
            }
            Block::Label(text) => {
                pages.gap(6.0);
                let lines = wrap(text, LABEL.font, LABEL.size, pages.text_width());
                pages.keep(lines.len() as f32 * LABEL.leading + 3.0 * CELL.leading);
                flowing(&mut pages, &lines, LABEL, Mark::Content(s.label(text)));
                pages.y -= 2.0;
            }
            Block::Paragraph(text) => {
                let lines = wrap(text, BODY.font, BODY.size, pages.text_width());
                flowing(&mut pages, &lines, BODY, Mark::Content(s.paragraph()));
                pages.y -= 4.0;
            }
            Block::Fields(fields) => {
                let mut rows = Vec::with_capacity(fields.len());
                for (label, value) in fields {
                    let (label_slot, value_slot) = (s.slot(), s.slot());
                    let label_width = FIELD_LABEL_WIDTH - 12.0;
                    let value_width = pages.text_width() - FIELD_LABEL_WIDTH;
                    let value_x = MARGIN + FIELD_LABEL_WIDTH;
                    let cells = [
                        cell(MARGIN, label_width, label, LABEL, Mark::Content(label_slot)),
                        cell(value_x, value_width, value, BODY, Mark::Content(value_slot)),
                    ];
                    row(&mut pages, &cells, FIELD_FRAME, None);
                    rows.push(row_element(&[
                        (Role::HeaderCell { for_row: true }, label_slot),
                        (Role::Cell, value_slot),
                    ]));
                }
                let body = Element::new(Role::TableBody, rows);
                s.push(Element::new(Role::Table, vec![Child::Element(body)]));
                pages.y -= 4.0;
            }
            Block::Table(table) => self::table(&mut pages, &mut s, table),
        }
    }
    (pages.finish(&doc.title, &doc.footer), s, paper)
}

/// Lines that may break across pages anywhere.
fn flowing(pages: &mut Pages, lines: &[Line], style: Style, mark: Mark) {
    for line in lines {
        pages.keep(style.leading);
        let top = pages.y;
        pages.lines(MARGIN, top, std::slice::from_ref(line), style, mark);
        pages.y -= style.leading;
    }
}

/// A section heading kept on the same page as at least `with_next` of what follows it, and
/// marked in the outline.
fn heading(
    pages: &mut Pages,
    s: &mut Structure,
    level: u16,
    text: &str,
    style: Style,
    with_next: f32,
) {
    let lines = wrap(text, style.font, style.size, pages.text_width());
    let height = lines.len() as f32 * style.leading;
    pages.keep(height + with_next);
    let (slot, level) = s.heading(level, text);
    s.bookmarks.push(Bookmark {
        level,
        text: text.to_string(),
        page: pages.index(),
        top: pages.y,
    });
    flowing(pages, &lines, style, Mark::Content(slot));
}

/// A red-bordered box a reader cannot miss.
fn marker(pages: &mut Pages, text: &str, slot: usize) {
    let pad = 10.0;
    let width = pages.text_width();
    let lines = wrap(text, MARKER.font, MARKER.size, width - 2.0 * pad - 6.0);
    let height = lines.len() as f32 * MARKER.leading + 2.0 * pad;
    pages.keep(height);
    let bottom = pages.y - height;
    pages.stroke_rect(MARGIN, bottom, width, height, 2.5, RED);
    pages.fill_rect(MARGIN, bottom, 6.0, height, RED);
    let top = pages.y - pad;
    pages.lines(MARGIN + 6.0 + pad, top, &lines, MARKER, Mark::Content(slot));
    pages.y = bottom - 12.0;
}

fn cell(x: f32, width: f32, text: &str, style: Style, mark: Mark) -> Cell {
    Cell {
        x,
        width,
        lines: wrap(text, style.font, style.size, width),
        style,
        mark,
    }
}

/// A table row in the structure: each cell's role and slot.
fn row_element(cells: &[(Role, usize)]) -> Child {
    let cells = cells
        .iter()
        .map(|(role, slot)| Child::Element(Element::new(role.clone(), vec![Child::Content(*slot)])))
        .collect();
    Child::Element(Element::new(Role::Row, cells))
}

fn table(pages: &mut Pages, s: &mut Structure, table: &Table) {
    let mut x = MARGIN;
    let widths = columns::widths(table, CELL, CELL_HEAD, 2.0 * CELL_PAD_X, pages.text_width());
    let mut columns = Vec::with_capacity(widths.len());
    for w in &widths {
        columns.push((x, *w));
        x += w;
    }
    let mut cells = |texts: &[String], style: Style, role: Role| -> (Vec<Cell>, Child) {
        let slots: Vec<usize> = texts.iter().map(|_| s.slot()).collect();
        let cells = columns
            .iter()
            .zip(texts)
            .zip(&slots)
            .map(|(((x, w), text), slot)| {
                cell(
                    x + CELL_PAD_X,
                    w - 2.0 * CELL_PAD_X,
                    text,
                    style,
                    Mark::Content(*slot),
                )
            })
            .collect();
        let roles: Vec<(Role, usize)> = slots.iter().map(|&slot| (role.clone(), slot)).collect();
        (cells, row_element(&roles))
    };
    let headers: Vec<String> = table.columns.iter().map(|c| c.header.clone()).collect();
    let (header, head_row) = cells(&headers, CELL_HEAD, Role::HeaderCell { for_row: false });
    let rows: Vec<(Vec<Cell>, Child)> = table
        .rows
        .iter()
        .map(|texts| cells(texts, CELL, Role::Cell))
        .collect();
    // Drawn again at the top of each page a row moves to: a repeat, not new content.
    let repeated: Vec<Cell> = header
        .iter()
        .map(|c| Cell {
            mark: Mark::Repeated,
            ..c.clone()
        })
        .collect();
    let header_frame = Frame {
        fill: Some(FILL),
        ..TABLE_FRAME
    };
    // Keep the header with the start of the first row.
    let first_row = rows.first().map_or(0, |(r, _)| {
        r.iter().map(|c| c.lines.len()).max().unwrap_or(1)
    });
    let head_height = row_height(&header, TABLE_FRAME);
    pages.keep(head_height + 2.0 * CELL_PAD_Y + first_row.min(3) as f32 * CELL.leading);
    row(pages, &header, header_frame, None);
    let mut body = Vec::with_capacity(rows.len());
    for (cells, element) in rows {
        row(pages, &cells, TABLE_FRAME, Some((&repeated, header_frame)));
        body.push(element);
    }
    let parts = vec![
        Child::Element(Element::new(Role::TableHead, vec![head_row])),
        Child::Element(Element::new(Role::TableBody, body)),
    ];
    s.push(Element::new(Role::Table, parts));
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
    let fresh_lines = lines_in(pages.paper.room() - repeat_height, frame.pad, leading);
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
            // A cell's empty remainder on a later page is not new content.
            let mark = if start == end && done > 0 {
                Mark::Repeated
            } else {
                c.mark
            };
            pages.lines(c.x, top - frame.pad, &c.lines[start..end], c.style, mark);
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
