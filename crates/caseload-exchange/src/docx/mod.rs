//! DOCX output: the OOXML package written by hand and deflated with `zip`. Only the parts
//! Word needs: content types, relationships, the document, styles, header, footers, and the
//! core properties. The output depends only on the document (no clock), so it is repeatable.

mod body;
mod styles;
mod xml;

use std::io::{Cursor, Write};

use chrono::Datelike;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::document::Document;
use crate::error::ExchangeError;
use body::{NS, paragraphs, run};
use xml::escape;

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    r#"<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>"#,
    r#"<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>"#,
    r#"<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>"#,
    r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
    r#"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#,
    r#"</Types>"#
);

const PACKAGE_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#,
    r#"</Relationships>"#
);

const DOCUMENT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    r#"<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>"#,
    r#"<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>"#,
    r#"<Relationship Id="rIdFooterFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>"#,
    r#"</Relationships>"#
);

const APP: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">"#,
    r#"<Application>Caseload</Application></Properties>"#
);

pub(crate) fn render(doc: &Document) -> Result<Vec<u8>, ExchangeError> {
    let footer = footer_xml(&doc.footer);
    let parts: [(&'static str, String); 9] = [
        ("[Content_Types].xml", CONTENT_TYPES.into()),
        ("_rels/.rels", PACKAGE_RELS.into()),
        ("docProps/core.xml", core_xml(doc)),
        ("docProps/app.xml", APP.into()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.into()),
        ("word/document.xml", body::document_xml(doc)),
        ("word/styles.xml", styles::styles_xml()),
        ("word/header1.xml", header_xml(&doc.title)),
        ("word/footer1.xml", footer.clone()),
    ];
    let produced = doc.produced_on;
    let modified = DateTime::from_date_and_time(
        u16::try_from(produced.year()).unwrap_or(1980),
        produced.month() as u8,
        produced.day() as u8,
        0,
        0,
        0,
    )
    .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(modified);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let footer_first = [("word/footer2.xml", footer)];
    for (part, xml) in parts.iter().chain(&footer_first) {
        let part: &'static str = part;
        let failed = |source| ExchangeError::DocxPackage { part, source };
        zip.start_file(part, options).map_err(failed)?;
        zip.write_all(xml.as_bytes())
            .map_err(|e| failed(zip::result::ZipError::Io(e)))?;
    }
    let cursor = zip.finish().map_err(|source| ExchangeError::DocxPackage {
        part: "the central directory",
        source,
    })?;
    Ok(cursor.into_inner())
}

fn core_xml(doc: &Document) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<dc:title>{title}</dc:title><dc:creator>Caseload</dc:creator>"#,
            r#"<dc:language>en-GB</dc:language>"#,
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}T00:00:00Z</dcterms:created>"#,
            r#"</cp:coreProperties>"#
        ),
        title = escape(&doc.title),
        date = doc.produced_on.format("%Y-%m-%d"),
    )
}

/// The running header: the record's title with the school, on every page but the first.
fn header_xml(title: &str) -> String {
    let mut out = format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {NS}>"#);
    paragraphs(&mut out, title, Some("Header"), false);
    out.push_str("</w:hdr>");
    out
}

/// The footer: who produced the record and when, then "Page N of M" at the right margin.
fn footer_xml(text: &str) -> String {
    let field = |instr: &str| {
        format!(r#"<w:fldSimple w:instr=" {instr} "><w:r><w:t>1</w:t></w:r></w:fldSimple>"#)
    };
    let mut out = format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr {NS}>"#);
    out.push_str(r#"<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>"#);
    run(&mut out, &text.replace('\n', " "), false);
    run(&mut out, "\tPage ", false);
    out.push_str(&field("PAGE"));
    run(&mut out, " of ", false);
    out.push_str(&field("NUMPAGES"));
    out.push_str("</w:p></w:ftr>");
    out
}
