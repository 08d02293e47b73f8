//! PDF output: the document's pages written with pdf-writer, in the standard-14 Helvetica
//! fonts with WinAnsiEncoding, so no font file is embedded and every reader has the glyphs.
//! Text is measured with the same metrics the reader uses, so wrapped lines never overflow.

mod layout;
mod metrics;
mod pages;
mod text;

use chrono::Datelike;
use pdf_writer::{Date, Finish, Name, Pdf, Rect, Ref, TextStr};

use crate::document::Document;
use pages::{PAGE_HEIGHT, PAGE_WIDTH};

const CATALOG: Ref = Ref::new(1);
const PAGE_TREE: Ref = Ref::new(2);
const INFO: Ref = Ref::new(3);
const REGULAR: Ref = Ref::new(4);
const BOLD: Ref = Ref::new(5);
/// Page i is object FIRST_PAGE + 2i, its content stream the next.
const FIRST_PAGE: i32 = 6;

pub(crate) fn render(doc: &Document) -> Vec<u8> {
    let streams = layout::lay_out(doc);
    let page_ids: Vec<Ref> = (0..streams.len())
        .map(|i| Ref::new(FIRST_PAGE + 2 * i as i32))
        .collect();

    let mut pdf = Pdf::new();
    {
        let mut catalog = pdf.catalog(CATALOG);
        catalog.pages(PAGE_TREE).lang(TextStr("en-GB"));
        catalog.viewer_preferences().display_doc_title(true);
    }
    pdf.pages(PAGE_TREE)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);
    for (id, name) in [(REGULAR, "Helvetica"), (BOLD, "Helvetica-Bold")] {
        pdf.type1_font(id)
            .base_font(Name(name.as_bytes()))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    for (page_id, stream) in page_ids.iter().zip(&streams) {
        let content_id = Ref::new(page_id.get() + 1);
        let mut page = pdf.page(*page_id);
        page.parent(PAGE_TREE)
            .media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .contents(content_id);
        page.resources()
            .fonts()
            .pair(Name(b"F1"), REGULAR)
            .pair(Name(b"F2"), BOLD);
        page.finish();
        pdf.stream(content_id, stream);
    }
    let produced = doc.produced_on;
    pdf.document_info(INFO)
        .title(TextStr(&doc.title))
        .creator(TextStr("Caseload"))
        .producer(TextStr("Caseload"))
        .creation_date(
            Date::new(u16::try_from(produced.year()).unwrap_or(0))
                .month(produced.month() as u8)
                .day(produced.day() as u8),
        );
    pdf.finish()
}
