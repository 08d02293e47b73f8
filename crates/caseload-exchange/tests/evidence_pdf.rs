//! The evidence bundle as PDF, read back by poppler as a panel's clerk would: every
//! chronology entry (corrections included and marked) and every legal step is in it, over as
//! many numbered pages as it takes; the register extract (week by week, with the key to the
//! codes), each academic year's figures and what is missing, in the PDF and in the DOCX.

mod common;

use caseload_exchange::evidence::{
    BundleAction, BundleCase, BundleEntry, BundleLegalStep, BundlePlan, BundlePupil, BundleReading,
    BundleRegister, BundleTsmAction, BundleYear, EvidenceBundle, RegisterRow, to_docx, to_pdf,
};
use chrono::NaiveDate;
use common::*;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).expect("date")
}

fn step(number: usize, kind: &str, on: NaiveDate, details: Vec<(&str, &str)>) -> BundleLegalStep {
    BundleLegalStep {
        number,
        kind: kind.into(),
        on,
        decided_by: format!("Decision Maker {number} Demo"),
        details: details
            .into_iter()
            .map(|(l, v)| (l.to_string(), v.to_string()))
            .collect(),
        reason: None,
        notes: Some(format!("Synthetic note for step {number}")),
        corrects: None,
        corrected_by: vec![],
    }
}

/// A bundle long enough to run over several pages: 60 chronology entries, one corrected.
fn bundle() -> EvidenceBundle {
    let mut chronology: Vec<BundleEntry> = (1..=60)
        .map(|n| BundleEntry {
            number: n,
            occurred_at: d(9, 1 + (n as u32 % 28))
                .and_hms_opt(9 + (n as u32 % 8), 30, 0)
                .expect("time"),
            kind: "Phone call".into(),
            who: format!("Parent and worker {n}"),
            what: format!(
                "Synthetic contact number {n}: talked about mornings & the bus (£0 cost)"
            ),
            outcome: Some(format!("Outcome of contact {n}")),
            next_step: None,
            corrects: None,
            corrected_by: vec![],
        })
        .collect();
    chronology[4].corrected_by = vec![60];
    chronology[59].corrects = Some(5);
    let mut legal_steps = vec![
        step(
            1,
            "Attendance contract",
            d(9, 14),
            vec![
                ("Parents present", "Yes"),
                (
                    "Terms",
                    "In school by 8:45 every day; weekly check-in with the mentor",
                ),
                ("Compliance", "Kept for the first three weeks, then lapsed"),
            ],
        ),
        step(
            2,
            "Notice to improve",
            d(10, 5),
            vec![
                ("Improvement period ends", "2 November 2026"),
                (
                    "Sufficient improvement means",
                    "No unauthorised absence in the period",
                ),
            ],
        ),
        step(
            3,
            "Penalty notice",
            d(11, 9),
            vec![
                ("Issued to", "Parent Demo-Synthetic"),
                ("Amount", "£160 (£80 if paid by 30 November 2026)"),
                ("Paid", "Not paid"),
            ],
        ),
        step(
            4,
            "Penalty notice",
            d(11, 9),
            vec![
                ("Issued to", "Parent Demo-Synthetic"),
                ("Amount", "£80"),
                ("Paid", "20 November 2026"),
            ],
        ),
        step(
            5,
            "Prosecution",
            d(11, 20),
            vec![("Offence", "Education Act 1996 s444(1A)")],
        ),
    ];
    legal_steps[2].corrected_by = vec![4];
    legal_steps[3].corrects = Some(3);
    legal_steps[4].reason = Some((
        "Reason for taking this step out of order".into(),
        "Synthetic reason: the order was not appropriate".into(),
    ));
    EvidenceBundle {
        pupil: BundlePupil {
            legal_name: "Testpupil Bundle-Synthetic".into(),
            preferred_name: None,
            date_of_birth: NaiveDate::from_ymd_opt(2013, 4, 2).expect("date"),
            upn: "B801200005001".into(),
            school_name: "Synthetic Secondary School".into(),
            school_urn: "100000".into(),
            year_group: "Year 8".into(),
        },
        case: BundleCase {
            reference: "0000a1b2".into(),
            referral_source: "School".into(),
            referral_date: d(9, 8),
            status: "Active".into(),
            worker: Some("A. Worker".into()),
        },
        attendance: vec![
            BundleReading {
                as_at: d(10, 2),
                possible: 40,
                present: 30,
                authorised: 2,
                unauthorised: 8,
                attendance: "75.0%".into(),
            },
            BundleReading {
                as_at: d(11, 20),
                possible: 100,
                present: 71,
                authorised: 4,
                unauthorised: 25,
                attendance: "71.0%".into(),
            },
        ],
        register: Some(register()),
        purpose: "Prosecution".into(),
        missing: vec!["No notice to improve recorded".into()],
        chronology,
        plan: BundlePlan {
            barriers: vec!["Transport".into(), "SEMH or EBSA".into()],
            other_barriers: None,
            target: Some("95% by 12 February 2027".into()),
            interventions: Some("Mentor check-in every morning".into()),
            review_dates: vec![d(12, 14)],
        },
        plan_actions: vec![BundleAction {
            what: "Apply for a bus pass".into(),
            owner: "A. Worker".into(),
            due_on: d(9, 28),
            status: "Done".into(),
            status_on: Some(d(9, 25)),
        }],
        tsm_actions: vec![BundleTsmAction {
            meeting_date: d(10, 5),
            school_name: "Synthetic Secondary School".into(),
            what: "Referral to the school nurse".into(),
            owner: "Health: Nurse Demo".into(),
            due_on: Some(d(10, 19)),
            reviews: vec![
                ("Carried forward".into(), d(10, 20)),
                ("Done".into(), d(11, 3)),
            ],
        }],
        legal_steps,
        produced_on: d(11, 23),
        name_pupil_in_title: false,
    }
}

/// Twelve weeks of marks over two academic years, mostly "O" in the autumn.
fn register() -> BundleRegister {
    let codes = ["/", "\\", "O", "O", "/", "\\", "I", "I", "O", "O"];
    let weeks = (0..12)
        .map(|w| RegisterRow {
            week_start: NaiveDate::from_ymd_opt(2026, 8, 24).expect("date")
                + chrono::Days::new(7 * w),
            sessions: codes
                .iter()
                .map(|c| c.to_string())
                .chain(std::iter::repeat_n(String::new(), 4))
                .collect(),
        })
        .collect();
    BundleRegister {
        from: NaiveDate::from_ymd_opt(2026, 8, 24).expect("date"),
        to: d(11, 13),
        years: vec![
            BundleYear {
                label: "2025/26".into(),
                possible: 10,
                present: 4,
                attendance: "40.0%".into(),
                persistent_absence: true,
                severe_absence: true,
            },
            BundleYear {
                label: "2026/27".into(),
                possible: 110,
                present: 44,
                attendance: "40.0%".into(),
                persistent_absence: true,
                severe_absence: true,
            },
        ],
        threshold_met_on: Some(d(10, 16)),
        illness_15_days_on: None,
        weeks,
        weekend: false,
        key: vec![
            ("/".into(), "Present (AM)".into()),
            (
                "I".into(),
                "Illness (not medical or dental appointments)".into(),
            ),
            (
                "O".into(),
                "Unauthorised absence not covered by any other code".into(),
            ),
        ],
    }
}

fn write_pdf(b: &EvidenceBundle) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("evidence.pdf");
    std::fs::write(&path, to_pdf(b).expect("render")).expect("write");
    (dir, path)
}

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
