//! PDF output: the document's pages written with krilla in Noto Sans (embedded as a subset, so
//! any Latin, Greek or Cyrillic name prints as typed), tagged for screen readers (headings,
//! paragraphs, tables with header cells, in reading order; the running header and footer as
//! artifacts), in British English, titled, with an outline of its sections. The evidence bundle
//! is also PDF/A-2a for the court's archive. krilla's validators refuse to write a file that
//! breaks the chosen standards, so a non-conforming file is an error, never output.

mod columns;
mod draw;
mod fonts;
mod layout;
mod pages;
mod structure;
mod text;

use chrono::Datelike;
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder, ValidationError};
use krilla::destination::XyzDestination;
use krilla::error::KrillaError;
use krilla::geom::Point;
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::{Document as PdfDocument, SerializeSettings};

use crate::document::Document;
use crate::error::ExchangeError;
use pages::{MARGIN, Paper};
use structure::Bookmark;

const LANGUAGE: &str = "en-GB";

/// Which standards a file is written (and checked) to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Profile {
    /// Tagged PDF checked as PDF/UA-1: records and summaries.
    Accessible,
    /// PDF/UA-1 and PDF/A-2a (archival, which also demands tagging): the evidence bundle.
    Archival,
}

/// The document as an accessible, tagged PDF.
pub(crate) fn render(doc: &Document) -> Result<Vec<u8>, ExchangeError> {
    write(doc, Profile::Accessible)
}

/// The document as a tagged PDF/A-2a file, fit for a court's archive.
pub(crate) fn render_archival(doc: &Document) -> Result<Vec<u8>, ExchangeError> {
    write(doc, Profile::Archival)
}

fn write(doc: &Document, profile: Profile) -> Result<Vec<u8>, ExchangeError> {
    let (pages, structure, paper) = layout::lay_out(doc);
    let mut pdf = PdfDocument::new_with(settings(profile)?);
    let mut ids = vec![Vec::new(); structure.slots()];
    for ops in &pages {
        let size =
            PageSettings::from_wh(paper.width, paper.height).ok_or(pdf_error("page size"))?;
        let mut page = pdf.start_page_with(size);
        let mut surface = page.surface();
        draw::page(&mut surface, paper.height, ops, &mut ids);
        surface.finish();
        page.finish();
    }
    pdf.set_outline(outline(&structure.bookmarks, paper));
    pdf.set_tag_tree(structure.tag_tree(ids, LANGUAGE));
    pdf.set_metadata(metadata(doc));
    pdf.finish().map_err(|e| pdf_error_from(&e))
}

fn settings(profile: Profile) -> Result<SerializeSettings, ExchangeError> {
    let mut config = ConfigurationBuilder::new().with_accessibility_validator(Accessibility::UA1);
    if profile == Profile::Archival {
        config = config.with_archival_validator(Archival::A2_A);
    }
    Ok(SerializeSettings {
        configuration: config.finish().map_err(|_| pdf_error("configuration"))?,
        enable_tagging: true,
        xmp_metadata: true,
        compress_content_streams: true,
        ..SerializeSettings::default()
    })
}

fn metadata(doc: &Document) -> Metadata {
    let produced = doc.produced_on;
    let date = DateTime::new(u16::try_from(produced.year()).unwrap_or(0))
        .month(produced.month() as u8)
        .day(produced.day() as u8);
    Metadata::new()
        .title(doc.title.clone())
        .language(LANGUAGE.into())
        .creator("Caseload".into())
        .producer("Caseload".into())
        .creation_date(date)
}

/// Sections (level 2) at the top of the outline, their parts (level 3 and below) inside them.
fn outline(bookmarks: &[Bookmark], paper: Paper) -> Outline {
    let node = |b: &Bookmark| {
        let at = Point::from_xy(MARGIN, paper.height - b.top);
        OutlineNode::new(b.text.clone(), XyzDestination::new(b.page, at))
    };
    let mut outline = Outline::new();
    let mut section: Option<OutlineNode> = None;
    for b in bookmarks {
        match (&mut section, b.level) {
            (Some(parent), level) if level > 2 => parent.push_child(node(b)),
            _ => {
                if let Some(done) = section.replace(node(b).with_open(true)) {
                    outline.push_child(done);
                }
            }
        }
    }
    if let Some(done) = section {
        outline.push_child(done);
    }
    outline
}

fn pdf_error(reason: &str) -> ExchangeError {
    ExchangeError::Pdf {
        reason: reason.to_string(),
    }
}

/// krilla's error, named by kind only: its messages can quote the document's text.
fn pdf_error_from(e: &KrillaError) -> ExchangeError {
    let reason = match e {
        KrillaError::Font(..) => "the font could not be embedded".to_string(),
        KrillaError::Validation(errors) => {
            let kinds: Vec<&str> = errors.iter().map(|(e, _)| validation_kind(e)).collect();
            format!("it would not conform ({})", kinds.join(", "))
        }
        KrillaError::Limit(_) => "it exceeds a limit of the PDF format".to_string(),
        _ => "of an internal error".to_string(),
    };
    pdf_error(&reason)
}

fn validation_kind(e: &ValidationError) -> &'static str {
    match e {
        ValidationError::ContainsNotDefGlyph(..) => "a character the font lacks",
        ValidationError::NoCodepointMapping(..) | ValidationError::InvalidCodepointMapping(..) => {
            "a glyph without its text"
        }
        ValidationError::NoDocumentLanguage => "no language",
        ValidationError::NoDocumentTitle => "no title",
        ValidationError::MissingHeadingTitle => "a heading without a title",
        ValidationError::MissingDocumentOutline => "no outline",
        ValidationError::MissingTagging => "no tagging",
        ValidationError::MissingDocumentDate => "no date",
        _ => "another requirement",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use krilla::text::{GlyphId, KrillaGlyph};

    /// A page drawn with `glyph` standing for the text "Ł", written to `profile`.
    fn with_glyph(profile: Profile, glyph: u32) -> Result<Vec<u8>, KrillaError> {
        let mut pdf = PdfDocument::new_with(settings(profile).expect("settings"));
        let a4 = Paper::PORTRAIT;
        let size = PageSettings::from_wh(a4.width, a4.height).expect("A4");
        let mut page = pdf.start_page_with(size);
        let mut surface = page.surface();
        let glyphs = [KrillaGlyph::new(
            GlyphId::new(glyph),
            0.5,
            0.0,
            0.0,
            0.0,
            0..2,
            None,
        )];
        let font = fonts::Font::Regular.face().embedded.clone();
        let at = Point::from_xy(MARGIN, MARGIN);
        let id = surface.start_tagged(krilla::tagging::ContentTag::Span(
            krilla::tagging::SpanTag::empty(),
        ));
        surface.draw_glyphs(at, &glyphs, font, "Ł", 10.0, false);
        surface.end_tagged();
        surface.finish();
        page.finish();
        let mut p = krilla::tagging::TagGroup::new(krilla::tagging::Tag::P);
        p.push(id);
        let mut tree = krilla::tagging::TagTree::new().with_lang(Some(LANGUAGE.into()));
        tree.push(p);
        pdf.set_tag_tree(tree);
        pdf.set_outline(Outline::new());
        let date = DateTime::new(2026).month(11).day(23);
        let metadata = Metadata::new().title("T".into()).language(LANGUAGE.into());
        pdf.set_metadata(metadata.creation_date(date));
        pdf.finish()
    }

    #[test]
    fn the_validators_refuse_a_file_that_would_not_conform_and_the_error_quotes_no_text() {
        for profile in [Profile::Accessible, Profile::Archival] {
            let notdef = with_glyph(profile, 0).expect_err("a missing glyph is refused");
            assert!(matches!(notdef, KrillaError::Validation(_)), "{profile:?}");
            let message = pdf_error_from(&notdef).to_string();
            assert!(message.contains("a character the font lacks"), "{message}");
            assert!(!message.contains('Ł'), "{message}");
        }
    }

    #[test]
    fn the_same_page_with_a_real_glyph_passes_both_validators() {
        let glyph = fonts::Font::Regular
            .face()
            .shaper
            .glyph_index('Ł')
            .expect("Ł");
        for profile in [Profile::Accessible, Profile::Archival] {
            let written = with_glyph(profile, u32::from(glyph.0));
            let problem = written.as_ref().err().map(pdf_error_from);
            assert!(problem.is_none(), "{profile:?}: {problem:?}");
        }
    }
}
