//! The evidence bundle as PDF, read back by poppler as a panel's clerk would: every
//! chronology entry (corrections included and marked) and every legal step is in it, over as
//! many numbered pages as it takes; the register extract (week by week, with the key to the
//! codes), each academic year's figures and what is missing, in the PDF and in the DOCX.

mod common;

use caseload_exchange::evidence::{EvidenceBundle, to_docx};
use common::bundle::{bundle, write_pdf};
use common::*;

#[test]
fn every_chronology_entry_and_every_legal_step_is_in_the_pdf() {
    let b = bundle();
    let (_dir, pdf) = write_pdf(&b);
    let text = pdf_text(&pdf);
    let mut phrases: Vec<String> = Vec::new();
    for e in &b.chronology {
        phrases.push(e.what.clone());
        phrases.push(e.who.clone());
        phrases.extend(e.outcome.clone());
    }
    for s in &b.legal_steps {
        phrases.push(format!("{}. {}", s.number, s.kind));
        phrases.push(s.decided_by.clone());
        phrases.extend(s.details.iter().map(|(_, v)| v.clone()));
        phrases.extend(s.notes.clone());
    }
    phrases.extend([
        "[Corrected by entry 60]".to_string(),
        "[Correction of entry 5]".into(),
        "Corrected by step 4: kept for the record".into(),
        "Synthetic reason: the order was not appropriate".into(),
        "Referral to the school nurse".into(),
        "Carried forward, 20 October 2026".into(),
        "Apply for a bus pass".into(),
        "Mentor check-in every morning".into(),
        "Penalty notice threshold Met on 16 October 2026".into(),
        "15 days of illness Not reached".into(),
        "Bundle for Prosecution".into(),
        "What is missing No notice to improve recorded".into(),
        "2026/27 110 44 40.0% Yes Yes".into(),
        "Register extract".into(),
        "Week beginning Mon AM Mon PM Tue AM".into(),
        "5 October 2026 / \\ O O / \\ I I O O".into(),
        "O Unauthorised absence not covered by any other code".into(),
        "71.0%".into(),
        "UPN B801200005001".into(),
        "Date of birth 2 April 2013".into(),
    ]);
    assert_mentions_all(&text, &phrases);
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("no {s:?}"));
    assert!(at("Attendance record") < at("Register extract"));
    assert!(at("Register extract") < at("Chronology"));
    assert!(at("Synthetic contact number 60") < at("Support offered and its outcome"));
    assert!(at("Support offered and its outcome") < at("Legal action"));
}

#[test]
fn a_long_bundle_runs_onto_numbered_pages_that_poppler_renders() {
    let (dir, pdf) = write_pdf(&bundle());
    let text = pdf_text(&pdf);
    let pages = page_count_in_footer(&text);
    assert!(pages >= 3, "only {pages} pages");
    assert_eq!(page_images(&pdf, dir.path()), pages);
    let info = run("pdfinfo", &[&pdf.to_string_lossy()]);
    assert!(info.contains("(A4)"), "not A4: {info}");
    assert!(info.contains("Evidence bundle"), "no title: {info}");
}

/// The PDF's title (pdfinfo's `Title`, what viewers and file managers show) names the case
/// reference, not the pupil, unless the worker asked for the name (#14).
#[test]
fn the_pdf_title_names_the_case_not_the_pupil_unless_asked() {
    let (_dir, pdf) = write_pdf(&bundle());
    let info = run("pdfinfo", &[&pdf.to_string_lossy()]);
    let title = info
        .lines()
        .find_map(|l| l.strip_prefix("Title:"))
        .map(str::trim)
        .unwrap_or_else(|| panic!("no title: {info}"));
    assert_eq!(title, "Evidence bundle: case 0000a1b2");
    assert!(
        !info.contains("Testpupil"),
        "a name in the metadata: {info}"
    );
    assert!(
        !info.contains("B801200005001"),
        "a UPN in the metadata: {info}"
    );

    let named = EvidenceBundle {
        name_pupil_in_title: true,
        ..bundle()
    };
    let (_dir, pdf) = write_pdf(&named);
    let info = run("pdfinfo", &[&pdf.to_string_lossy()]);
    assert!(
        info.contains("Title:") && info.contains("Evidence bundle: Testpupil Bundle-Synthetic"),
        "the name asked for is in the title: {info}"
    );
}

/// The DOCX says the same as the PDF: LibreOffice prints the register extract, the key and each
/// academic year's figures from it.
#[test]
fn the_docx_bundle_prints_the_register_extract_and_its_key() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let docx = dir.path().join("evidence.docx");
    std::fs::write(&docx, to_docx(&bundle()).expect("render")).expect("write");
    let text = pdf_text(&docx_to_pdf(&docx, dir.path()));
    assert_mentions_all_across_page_breaks(
        &text,
        &[
            "Register extract".to_string(),
            "Week beginning".into(),
            "5 October 2026".into(),
            "Unauthorised absence not covered by any other code".into(),
            "2026/27".into(),
            "Met on 16 October 2026".into(),
            "No notice to improve recorded".into(),
        ],
    );
}
