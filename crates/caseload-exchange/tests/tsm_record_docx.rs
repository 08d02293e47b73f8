//! The TSM record as DOCX: a well-formed OOXML package with real Word tables, which
//! LibreOffice opens and prints with everything the record holds. The LibreOffice tests are
//! few on purpose: each conversion costs a few seconds.

mod common;

use std::io::{Cursor, Read};

use caseload_domain::tsm::record::TsmRecord;
use caseload_exchange::to_docx;
use common::*;
use quick_xml::Reader;
use quick_xml::events::Event;

/// Every part of the package by name, as text.
fn parts(docx: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip archive");
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).expect("a zip entry");
            let mut text = String::new();
            file.read_to_string(&mut text).expect("UTF-8 XML");
            (file.name().expect("an entry name").into_owned(), text)
        })
        .collect()
}

fn part<'a>(parts: &'a [(String, String)], name: &str) -> &'a str {
    parts
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, xml)| xml.as_str())
        .unwrap_or_else(|| panic!("no part {name}"))
}

/// Parses the XML through to the end (failing on any error or mismatched tag) and returns
/// the names of its elements and its text with entities resolved.
fn parse(xml: &str) -> (Vec<String>, String) {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let (mut elements, mut text) = (Vec::new(), String::new());
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                elements.push(e.name().as_ref().to_string());
                if e.name().as_ref() == "w:p" {
                    text.push('\n');
                }
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let name: &str = &r;
                let resolved = quick_xml::escape::resolve_predefined_entity(name)
                    .unwrap_or_else(|| panic!("unknown entity &{name};"));
                text.push_str(resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (elements, text)
}

#[test]
fn the_docx_package_holds_well_formed_parts_with_real_tables_on_a4() {
    let record = TsmRecord::sample();
    let docx = to_docx(&record).expect("render the DOCX");
    let parts = parts(&docx);
    assert_eq!(
        parts[0].0, "[Content_Types].xml",
        "content types come first"
    );
    for (name, xml) in &parts {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            parse(xml);
        }
    }
    let document = part(&parts, "word/document.xml");
    let (elements, text) = parse(document);
    let count = |name: &str| elements.iter().filter(|e| *e == name).count();
    // Three lists of fields (meeting, data, the pupil) and four bordered tables.
    assert_eq!(count("w:tbl"), 7);
    assert_eq!(
        document
            .matches(r#"w:tblStyle w:val="CaseloadTable""#)
            .count(),
        4
    );
    assert_eq!(count("w:tblHeader"), 4);
    assert!(document.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
    assert_mentions_all(&normalise(&text), &expected_phrases(&record));
    assert!(text.contains("Mum says \"mornings are hard\"; bus pass expired.\nSecond line"));
    assert!(document.contains("Synthetic Primary &amp; Nursery &lt;Demo&gt;"));
    let styles = part(&parts, "word/styles.xml");
    for style in ["Heading1", "Heading2", "Title", "CaseloadTable"] {
        assert!(
            styles.contains(&format!(r#"w:styleId="{style}""#)),
            "no {style}"
        );
    }
    assert!(part(&parts, "word/footer1.xml").contains("NUMPAGES"));
}

#[test]
fn control_characters_are_left_out_of_the_docx_and_the_rest_kept() {
    let mut record = TsmRecord::sample();
    record.pupils[0].notes = "Bell\u{7} rang\u{0}; form feed\u{C} here\u{FFFF}; £ é – ‘q’".into();
    let docx = to_docx(&record).expect("render the DOCX");
    let parts = parts(&docx);
    let document = part(&parts, "word/document.xml");
    let (_, text) = parse(document);
    assert!(
        text.contains("Bell rang; form feed here; £ é – ‘q’"),
        "{text}"
    );
    assert!(
        !document
            .chars()
            .any(|c| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFF}')
    );
}

#[test]
fn libreoffice_opens_the_sample_docx_and_prints_every_name_and_action() {
    let record = TsmRecord::sample();
    let dir = tempfile::tempdir().expect("temporary folder");
    let docx = dir.path().join("tsm-record.docx");
    std::fs::write(&docx, to_docx(&record).expect("render the DOCX")).expect("write the DOCX");
    let pdf = docx_to_pdf(&docx, dir.path());
    let text = pdf_text(&pdf);
    assert_mentions_all(&text, &expected_phrases(&record));
    assert!(
        text.contains("Synthetic Primary & Nursery <Demo>"),
        "{text}"
    );
    assert!(
        text.contains("Produced 23 November 2026 by Caseload"),
        "{text}"
    );
    assert!(!text.contains("DRAFT"));
}

#[test]
fn libreoffice_prints_a_large_unfinished_docx_as_numbered_draft_pages_with_every_action() {
    let record = large_record(false);
    let dir = tempfile::tempdir().expect("temporary folder");
    let docx = dir.path().join("large.docx");
    std::fs::write(&docx, to_docx(&record).expect("render the DOCX")).expect("write the DOCX");
    let pdf = docx_to_pdf(&docx, dir.path());
    let text = pdf_text(&pdf);
    // Word tables' rows may break across pages, splitting a phrase around the page furniture.
    assert_mentions_all_across_page_breaks(&text, &expected_phrases(&record));
    let pages = page_count_in_footer(&text);
    assert!(pages >= 4, "only {pages} pages");
    assert!(text.contains(&format!("Page {pages} of {pages}")));
    let marks = text.matches("DRAFT – meeting not finished").count();
    assert_eq!(
        marks,
        pages + 1,
        "the box under the title and every page's footer"
    );
}

#[test]
fn names_in_any_european_script_come_out_exactly_from_the_docx_in_libreoffice() {
    let record = record_with_names();
    let docx_bytes = to_docx(&record).expect("render the DOCX");
    // The pupil's name is a real Word heading (navigable in Word's navigation pane), and the
    // attendees' table has a header row Word repeats on each page.
    let parts = parts(&docx_bytes);
    let document = part(&parts, "word/document.xml");
    assert!(
        document
            .split("<w:p>")
            .any(|p| p.contains(NAMES[0]) && p.contains(r#"<w:pStyle w:val="Heading2"/>"#)),
        "the pupil's name is a Heading 2"
    );
    assert!(document.contains("<w:tblHeader/>"));

    let dir = tempfile::tempdir().expect("temporary folder");
    let docx = dir.path().join("names.docx");
    std::fs::write(&docx, docx_bytes).expect("write the DOCX");
    let text = pdf_text(&docx_to_pdf(&docx, dir.path()));
    let names: Vec<String> = NAMES.iter().map(|n| n.to_string()).collect();
    assert_mentions_all(&text, &names);
    assert!(!text.contains('?'), "{text}");
}
