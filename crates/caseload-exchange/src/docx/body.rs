//! word/document.xml: the document's blocks as WordprocessingML paragraphs and real tables
//! (w:tbl with a repeating header row), on A4 with 20 mm margins. Every piece of text passes
//! through [`escape`]; a newline in the text starts a new paragraph.

use super::xml::escape;
use crate::document::{Block, Document, Table};

/// A4 and its margins in twentieths of a point.
pub(crate) const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
const MARGIN: u32 = 1134;
pub(crate) const TEXT_WIDTH: u32 = PAGE_WIDTH - 2 * MARGIN;
/// Left and right padding inside a bordered table's cells (the CaseloadTable style's).
pub(crate) const CELL_MARGIN: u32 = 90;
/// Label column of a list of fields (170 pt, as in the PDF).
const FIELD_LABEL_WIDTH: u32 = 3400;

pub(crate) const NS: &str = concat!(
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#
);

pub(crate) fn document_xml(doc: &Document) -> String {
    let mut out = String::with_capacity(16 * 1024);
    out.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    out.push_str(&format!("<w:document {NS}><w:body>"));
    for block in &doc.blocks {
        match block {
            Block::Title(text) => paragraphs(&mut out, text, Some("Title"), false),
            Block::Marker(text) => paragraphs(&mut out, text, Some("DraftMarker"), false),
            Block::Heading(text) => paragraphs(&mut out, text, Some("Heading1"), false),
            Block::Subheading(text) => paragraphs(&mut out, text, Some("Heading2"), false),
            Block::Label(text) => paragraphs(&mut out, text, Some("Heading3"), false),
            Block::Paragraph(text) => paragraphs(&mut out, text, None, false),
            Block::Fields(fields) => {
                let widths = [FIELD_LABEL_WIDTH, TEXT_WIDTH - FIELD_LABEL_WIDTH];
                open_table(&mut out, "FieldList", 0, &widths);
                for (label, value) in fields {
                    out.push_str("<w:tr>");
                    cell(&mut out, widths[0], label, "FieldText", true, false);
                    cell(&mut out, widths[1], value, "FieldText", false, false);
                    out.push_str("</w:tr>");
                }
                close_table(&mut out);
            }
            Block::Table(table) => self::table(&mut out, table),
        }
    }
    out.push_str(&section());
    out.push_str("</w:body></w:document>");
    out
}

/// One paragraph per line of `text`, in a paragraph style (Normal if none).
pub(crate) fn paragraphs(out: &mut String, text: &str, style: Option<&str>, bold: bool) {
    for line in text.split('\n') {
        out.push_str("<w:p>");
        if let Some(style) = style {
            out.push_str(&format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#));
        }
        run(out, line, bold);
        out.push_str("</w:p>");
    }
}

/// A run of text; tabs become w:tab so Word does not collapse them.
pub(crate) fn run(out: &mut String, text: &str, bold: bool) {
    let text = text.trim_end_matches('\r');
    if text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    if bold {
        out.push_str("<w:rPr><w:b/></w:rPr>");
    }
    for (i, piece) in text.split('\t').enumerate() {
        if i > 0 {
            out.push_str("<w:tab/>");
        }
        if !piece.is_empty() {
            out.push_str(r#"<w:t xml:space="preserve">"#);
            out.push_str(&escape(piece));
            out.push_str("</w:t>");
        }
    }
    out.push_str("</w:r>");
}

fn table(out: &mut String, table: &Table) {
    let widths: Vec<u32> = table
        .fractions()
        .iter()
        .map(|f| (f * TEXT_WIDTH as f32).round() as u32)
        .collect();
    // Indented by the cell margin so the borders, not the text, line up with the margin.
    open_table(out, "CaseloadTable", CELL_MARGIN, &widths);
    // The header row repeats at the top of each page the table runs onto.
    out.push_str("<w:tr><w:trPr><w:tblHeader/></w:trPr>");
    for (column, width) in table.columns.iter().zip(&widths) {
        cell(out, *width, &column.header, "TableText", true, true);
    }
    out.push_str("</w:tr>");
    // Rows may break across pages (no w:cantSplit): a row that may not split but is taller
    // than a page can be cut off, and LibreOffice 7.4 drops the rows after a page break in a
    // table with a repeated header and unsplittable rows (the large-record test caught it).
    for row in &table.rows {
        out.push_str("<w:tr>");
        for (text, width) in row.iter().zip(&widths) {
            cell(out, *width, text, "TableText", false, false);
        }
        out.push_str("</w:tr>");
    }
    close_table(out);
}

fn open_table(out: &mut String, style: &str, indent: u32, widths: &[u32]) {
    out.push_str(&format!(
        concat!(
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/>"#,
            r#"<w:tblW w:w="{width}" w:type="dxa"/><w:tblInd w:w="{indent}" w:type="dxa"/>"#,
            r#"<w:tblLayout w:type="fixed"/>"#,
            r#"<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" "#,
            r#"w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>"#
        ),
        style = style,
        width = widths.iter().sum::<u32>(),
        indent = indent,
    ));
    for w in widths {
        out.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    out.push_str("</w:tblGrid>");
}

/// Closes a table and adds the small paragraph Word needs between a table and what follows
/// (two tables in a row would otherwise merge into one).
fn close_table(out: &mut String) {
    out.push_str(r#"</w:tbl><w:p><w:pPr><w:pStyle w:val="AfterTable"/></w:pPr></w:p>"#);
}

fn cell(out: &mut String, width: u32, text: &str, style: &str, bold: bool, shaded: bool) {
    out.push_str(&format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#
    ));
    if shaded {
        out.push_str(r#"<w:shd w:val="clear" w:color="auto" w:fill="F3F2F1"/>"#);
    }
    out.push_str("</w:tcPr>");
    // A cell must hold at least one paragraph; `paragraphs` writes one per line, so always one.
    paragraphs(out, text, Some(style), bold);
    out.push_str("</w:tc>");
}

/// A4 portrait; the header (the title, from page 2) and footer (with page numbers).
fn section() -> String {
    format!(
        concat!(
            r#"<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>"#,
            r#"<w:footerReference w:type="default" r:id="rIdFooter"/>"#,
            r#"<w:footerReference w:type="first" r:id="rIdFooterFirst"/>"#,
            r#"<w:pgSz w:w="{w}" w:h="{h}"/>"#,
            r#"<w:pgMar w:top="{m}" w:right="{m}" w:bottom="{m}" w:left="{m}" "#,
            r#"w:header="567" w:footer="567" w:gutter="0"/><w:titlePg/></w:sectPr>"#
        ),
        w = PAGE_WIDTH,
        h = PAGE_HEIGHT,
        m = MARGIN,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_of_text_is_its_own_escaped_paragraph() {
        let mut out = String::new();
        paragraphs(&mut out, "Mum & \"dad\"\nSecond <line>", None, false);
        assert_eq!(out.matches("<w:p>").count(), 2);
        assert!(out.contains("Mum &amp; &quot;dad&quot;"));
        assert!(out.contains("Second &lt;line&gt;"));
    }

    #[test]
    fn a_blank_line_is_an_empty_paragraph_and_tabs_are_word_tabs() {
        let mut out = String::new();
        paragraphs(&mut out, "a\n\nb\tc", None, true);
        assert_eq!(out.matches("<w:p>").count(), 3);
        assert!(out.contains("<w:p></w:p>"));
        assert!(out.contains("<w:tab/>"));
        assert!(out.contains("<w:b/>"));
    }
}
