//! word/styles.xml: Arial throughout (Word's Helvetica), GOV.UK colours, Title and Heading 1–3
//! styles a school can restyle, the draft marker, and the bordered table style. Sizes are in
//! half-points, spacing in twentieths of a point, borders in eighths of a point.

use super::body::{CELL_MARGIN, NS, TEXT_WIDTH};

pub(crate) fn styles_xml() -> String {
    let paragraph = |id: &str, name: &str, extra: &str| {
        format!(
            concat!(
                r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/>"#,
                r#"<w:basedOn w:val="Normal"/><w:qFormat/>{extra}</w:style>"#
            ),
            id = id,
            name = name,
            extra = extra,
        )
    };
    let heading = |level: u8, size: u8, before: u16, after: u16, border: &str| {
        paragraph(
            &format!("Heading{level}"),
            &format!("heading {level}"),
            &format!(
                concat!(
                    r#"<w:next w:val="Normal"/><w:pPr><w:keepNext/><w:keepLines/>"#,
                    r#"{border}<w:spacing w:before="{before}" w:after="{after}"/>"#,
                    r#"<w:outlineLvl w:val="{outline}"/></w:pPr>"#,
                    r#"<w:rPr><w:b/><w:bCs/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>"#
                ),
                border = border,
                before = before,
                after = after,
                outline = level - 1,
                size = size,
            ),
        )
    };
    let small = |id: &str, name: &str| {
        paragraph(
            id,
            name,
            &format!(
                concat!(
                    r#"<w:pPr><w:tabs><w:tab w:val="right" w:pos="{tab}"/></w:tabs>"#,
                    r#"<w:spacing w:after="0"/></w:pPr>"#,
                    r#"<w:rPr><w:color w:val="505A5F"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>"#
                ),
                tab = TEXT_WIDTH,
            ),
        )
    };
    let mut out = String::with_capacity(8 * 1024);
    out.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    out.push_str(&format!("<w:styles {NS}>"));
    out.push_str(concat!(
        r#"<w:docDefaults><w:rPrDefault><w:rPr>"#,
        r#"<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/>"#,
        r#"<w:color w:val="0B0C0C"/><w:sz w:val="20"/><w:szCs w:val="20"/>"#,
        r#"<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>"#,
        r#"<w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="264" w:lineRule="auto"/>"#,
        r#"</w:pPr></w:pPrDefault></w:docDefaults>"#,
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal">"#,
        r#"<w:name w:val="Normal"/><w:qFormat/></w:style>"#,
        r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal">"#,
        r#"<w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>"#,
        r#"<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>"#,
        r#"<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>"#,
        r#"</w:tblPr></w:style>"#,
    ));
    out.push_str(&paragraph(
        "Title",
        "Title",
        concat!(
            r#"<w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:after="200"/></w:pPr>"#,
            r#"<w:rPr><w:b/><w:bCs/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr>"#
        ),
    ));
    let rule =
        r#"<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="2" w:color="B1B4B6"/></w:pBdr>"#;
    out.push_str(&heading(1, 30, 360, 160, rule));
    out.push_str(&heading(2, 24, 240, 80, ""));
    out.push_str(&heading(3, 20, 120, 60, ""));
    out.push_str(&paragraph(
        "DraftMarker",
        "Draft marker",
        concat!(
            r#"<w:pPr><w:keepNext/><w:pBdr>"#,
            r#"<w:top w:val="single" w:sz="18" w:space="6" w:color="D4351C"/>"#,
            r#"<w:left w:val="single" w:sz="48" w:space="8" w:color="D4351C"/>"#,
            r#"<w:bottom w:val="single" w:sz="18" w:space="6" w:color="D4351C"/>"#,
            r#"<w:right w:val="single" w:sz="18" w:space="6" w:color="D4351C"/></w:pBdr>"#,
            r#"<w:spacing w:before="120" w:after="280"/><w:ind w:left="200" w:right="140"/>"#,
            r#"</w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>"#
        ),
    ));
    out.push_str(&paragraph(
        "TableText",
        "Table text",
        r#"<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>"#,
    ));
    out.push_str(&paragraph(
        "FieldText",
        "Field text",
        r#"<w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>"#,
    ));
    out.push_str(&paragraph(
        "AfterTable",
        "After table",
        r#"<w:pPr><w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/></w:pPr><w:rPr><w:sz w:val="8"/></w:rPr>"#,
    ));
    out.push_str(&small("Header", "header"));
    out.push_str(&small("Footer", "footer"));
    out.push_str(concat!(
        r#"<w:style w:type="table" w:styleId="CaseloadTable"><w:name w:val="Caseload table"/>"#,
        r#"<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>"#,
        r#"<w:top w:val="single" w:sz="4" w:space="0" w:color="B1B4B6"/>"#,
        r#"<w:left w:val="single" w:sz="4" w:space="0" w:color="B1B4B6"/>"#,
        r#"<w:bottom w:val="single" w:sz="4" w:space="0" w:color="B1B4B6"/>"#,
        r#"<w:right w:val="single" w:sz="4" w:space="0" w:color="B1B4B6"/>"#,
        r#"<w:insideH w:val="single" w:sz="4" w:space="0" w:color="B1B4B6"/>"#,
        r#"<w:insideV w:val="single" w:sz="4" w:space="0" w:color="B1B4B6"/></w:tblBorders>"#,
    ));
    out.push_str(&format!(
        concat!(
            r#"<w:tblCellMar><w:top w:w="70" w:type="dxa"/><w:left w:w="{m}" w:type="dxa"/>"#,
            r#"<w:bottom w:w="70" w:type="dxa"/><w:right w:w="{m}" w:type="dxa"/></w:tblCellMar>"#,
            r#"</w:tblPr></w:style>"#
        ),
        m = CELL_MARGIN
    ));
    out.push_str(concat!(
        r#"<w:style w:type="table" w:styleId="FieldList"><w:name w:val="Field list"/>"#,
        r#"<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblCellMar>"#,
        r#"<w:top w:w="40" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>"#,
        r#"<w:bottom w:w="40" w:type="dxa"/><w:right w:w="120" w:type="dxa"/></w:tblCellMar>"#,
        r#"</w:tblPr></w:style>"#,
    ));
    out.push_str("</w:styles>");
    out
}
