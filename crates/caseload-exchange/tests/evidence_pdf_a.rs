//! The evidence bundle as the court's archive takes it: every name exactly as typed, in an
//! embedded font, and the file marked and built as PDF/A-2a (tagged, titled, British English).

mod common;

use common::bundle::{bundle, write_pdf};
use common::*;

#[test]
fn names_in_any_european_script_print_exactly_in_the_bundle_and_its_title() {
    let mut b = bundle();
    b.pupil.legal_name = NAMES[0].into();
    b.name_pupil_in_title = true;
    for (entry, name) in b.chronology.iter_mut().zip(NAMES.iter().cycle()) {
        entry.who = format!("{name} and the worker");
    }
    let (_dir, pdf) = write_pdf(&b);
    let text = pdf_text(&pdf);
    let names: Vec<String> = NAMES.iter().map(|n| n.to_string()).collect();
    assert_mentions_all(&text, &names);
    assert!(!text.contains('?'), "{text}");
    assert_fonts_are_embedded_noto_sans_subsets(&pdf);
    assert_tagged_with_title(&pdf, &format!("Evidence bundle: {}", NAMES[0]));
}

/// No PDF/A validator (veraPDF is Java) is reachable from the package registries, so these stand
/// in for one: krilla checks PDF/A-2a as it writes (`pdf::tests` shows it refusing a file that
/// breaks it); here the file is read back for what an archive looks for first.
#[test]
fn the_bundle_is_marked_and_built_as_pdf_a_2a() {
    let (dir, pdf) = write_pdf(&bundle());
    let text = expanded(&pdf, dir.path());
    // XMP metadata identifies the standard: part 2, conformance A.
    assert!(
        text.contains("<pdfaid:part>2</pdfaid:part>"),
        "no pdfaid:part"
    );
    assert!(
        text.contains("<pdfaid:conformance>A</pdfaid:conformance>"),
        "no conformance"
    );
    // An sRGB output intent with its ICC profile embedded.
    assert!(text.contains("/OutputIntents"), "no output intent");
    assert!(text.contains("/S /GTS_PDFA1"), "not a PDF/A output intent");
    assert!(text.contains("/DestOutputProfile"), "no ICC profile");
    assert!(text.contains("sRGB"), "the ICC profile is not sRGB");
    // Tagged, marked as such, in British English, the title shown rather than the file name.
    assert!(text.contains("/StructTreeRoot"), "no structure tree");
    assert!(text.contains("/Marked true"), "not marked");
    assert!(text.contains("/Lang (en-GB)"), "no document language");
    assert!(
        text.contains("/DisplayDocTitle true"),
        "title not displayed"
    );
    // Nothing PDF/A forbids: no encryption, no JavaScript, no embedded files.
    for forbidden in ["/Encrypt", "/JavaScript", "/EmbeddedFiles"] {
        assert!(!text.contains(forbidden), "{forbidden} in the bundle");
    }
    // Every font embedded (pdffonts), the file well formed (qpdf --check).
    assert_fonts_are_embedded_noto_sans_subsets(&pdf);
    run_qpdf(&["--check", &pdf.to_string_lossy()]);
}

/// The TSM record and summaries are tagged PDF, not PDF/A: only the bundle goes to an archive.
#[test]
fn only_the_bundle_claims_pdf_a() {
    let record = caseload_domain::tsm::record::TsmRecord::sample();
    let dir = tempfile::tempdir().expect("temporary folder");
    let pdf = dir.path().join("record.pdf");
    let bytes = caseload_exchange::to_pdf(&record).expect("render the record");
    std::fs::write(&pdf, bytes).expect("write");
    let text = expanded(&pdf, dir.path());
    assert!(text.contains("<x:xmpmeta"), "no XMP metadata to look in");
    assert!(!text.contains("pdfaid"));
    assert!(text.contains("/StructTreeRoot"));
}

/// The PDF as text with object streams expanded and streams uncompressed (qpdf's QDF form), so
/// its dictionaries and metadata can be searched.
fn expanded(pdf: &std::path::Path, dir: &std::path::Path) -> String {
    let plain = dir.join("plain.pdf");
    let (from, to) = (pdf.to_string_lossy(), plain.to_string_lossy());
    run_qpdf(&["--qdf", "--object-streams=disable", &from, &to]);
    String::from_utf8_lossy(&std::fs::read(&plain).expect("read the expanded PDF")).into_owned()
}
