//! The TSM record as PDF, read back by poppler (pdftoppm, pdftotext, pdfinfo) as a reader
//! would: it renders, says everything the record holds, and paginates.

mod common;

use caseload_domain::tsm::record::TsmRecord;
use caseload_exchange::to_pdf;
use common::*;

/// Writes the record's PDF into a fresh temporary folder.
fn write_pdf(record: &TsmRecord) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("tsm-record.pdf");
    std::fs::write(&path, to_pdf(record).expect("render the PDF")).expect("write the PDF");
    (dir, path)
}

#[test]
fn the_sample_record_renders_as_a4_pages_that_poppler_rasterises() {
    let (dir, pdf) = write_pdf(&TsmRecord::sample());
    assert!(page_images(&pdf, dir.path()) >= 1);
    let info = run("pdfinfo", &[&pdf.to_string_lossy()]);
    assert!(info.contains("(A4)"), "not A4: {info}");
    assert!(
        info.contains("Targeting Support Meeting record"),
        "no title: {info}"
    );
}

#[test]
fn the_sample_pdf_names_the_school_every_attendee_pupil_action_and_owner() {
    let record = TsmRecord::sample();
    let (_dir, pdf) = write_pdf(&record);
    let text = pdf_text(&pdf);
    assert_mentions_all(&text, &expected_phrases(&record));
    // Characters that need escaping in PDF strings, and accented ones, come through as typed.
    for phrase in [
        "Synthetic Primary & Nursery <Demo>",
        "Pupil Synthetic-Óne",
        "Renew bus pass (£0 cost)",
        "Mum says \"mornings are hard\"; bus pass expired. Second line of notes.",
        "Meeting date 23 November 2026",
        "Produced 23 November 2026 by Caseload",
    ] {
        assert!(text.contains(phrase), "missing {phrase:?} in {text}");
    }
    assert!(!text.contains("DRAFT"));
}

#[test]
fn a_large_record_runs_onto_numbered_pages_without_losing_any_action() {
    let record = large_record(true);
    let (dir, pdf) = write_pdf(&record);
    let text = pdf_text(&pdf);
    // A row moves whole to the next page when it fits on one, so its phrases stay unbroken;
    // only the action taller than a page is split, around the page furniture.
    let (long, whole): (Vec<String>, Vec<String>) = expected_phrases(&record)
        .into_iter()
        .partition(|p| p.starts_with("Action 8.2 long"));
    assert_eq!(long.len(), 1);
    assert_mentions_all(&text, &whole);
    assert_mentions_all_across_page_breaks(&text, &long);
    let pages = page_count_in_footer(&text);
    assert!(pages >= 4, "only {pages} pages");
    assert!(text.contains(&format!("Page {pages} of {pages}")));
    assert_eq!(page_images(&pdf, dir.path()), pages);
    // Sections stay in order across the page breaks.
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("no {s:?}"));
    assert!(at("Attendees") < at("Pupils discussed"));
    assert!(at("Pupil Synthetic-30") < at("Actions for the school"));
    assert!(at("Actions for the school") < at("Actions carried forward"));
    assert!(at("Actions carried forward") < at("Carried action 20"));
}

#[test]
fn an_unfinished_meeting_is_marked_as_a_draft_on_the_first_and_every_page() {
    let mut record = TsmRecord::sample();
    record.finished = false;
    let (_dir, pdf) = write_pdf(&record);
    let text = pdf_text(&pdf);
    let pages = page_count_in_footer(&text);
    let marks = text.matches("DRAFT – meeting not finished").count();
    // The box under the title, then the footer of each page.
    assert_eq!(marks, pages + 1, "{text}");
    let title = text
        .find("Targeting Support Meeting record")
        .expect("title");
    let marker = text.find("DRAFT").expect("draft marker");
    let school = text.find("Synthetic Primary").expect("school");
    assert!(title < marker && marker < school);
}

#[test]
fn sections_with_nothing_in_them_say_none() {
    let mut record = TsmRecord::sample();
    record.attendees.clear();
    record.pupils.clear();
    record.general_actions.clear();
    record.carried_forward.clear();
    let (_dir, pdf) = write_pdf(&record);
    let text = pdf_text(&pdf);
    for section in [
        "Attendees None",
        "Pupils discussed None",
        "Actions for the school None",
        "Actions carried forward None",
    ] {
        assert!(text.contains(section), "missing {section:?} in {text}");
    }
}

#[test]
fn names_in_any_european_script_print_exactly_in_an_embedded_subset_font() {
    let mut record = record_with_names();
    record.school_name = "Școala Gimnazială Nr. 1 Демо".into();
    let (_dir, pdf) = write_pdf(&record);
    let text = pdf_text(&pdf);
    let mut names: Vec<String> = NAMES.iter().map(|n| n.to_string()).collect();
    names.push(record.school_name.clone());
    assert_mentions_all(&text, &names);
    assert_eq!(text.matches(NAMES[0]).count(), 2, "{text}");
    assert!(!text.contains('?'), "{text}");
    let fonts = assert_fonts_are_embedded_noto_sans_subsets(&pdf);
    assert!(fonts.iter().any(|f| f.ends_with("+NotoSans-Regular")));
    assert!(fonts.iter().any(|f| f.ends_with("+NotoSans-Bold")));
    let title = format!("Targeting Support Meeting record: {}", record.school_name);
    assert_tagged_with_title(&pdf, &title);
}

#[test]
fn the_same_record_renders_to_the_same_bytes() {
    let record = large_record(false);
    assert_eq!(
        to_pdf(&record).expect("render"),
        to_pdf(&record).expect("render")
    );
}

#[test]
fn parentheses_backslashes_and_characters_the_font_lacks_survive_as_text() {
    let mut record = TsmRecord::sample();
    record.general_actions[0].what = r"Call (urgent)) back \ check ((2) → office".into();
    record.pupils[0].name = "Pupil Synthetic 日本".into();
    let (_dir, pdf) = write_pdf(&record);
    let text = pdf_text(&pdf);
    assert!(
        text.contains(r"Call (urgent)) back \ check ((2) ? office"),
        "{text}"
    );
    assert!(text.contains("Pupil Synthetic ??"), "{text}");
}

#[test]
fn the_page_break_tolerant_check_still_wants_every_word_in_order() {
    let text = "Action 9.3: Check the part-time timetable is reviewed every two weeks \
                Early help Owner 9-3 Demo Produced 23 November 2026 by Caseload Page 5 of 19 \
                Action Owner agency Owner with the SENCo and parents";
    let phrase = "Action 9.3: Check the part-time timetable is reviewed every two weeks with the SENCo and parents";
    assert!(mentions_across_page_breaks(text, phrase));
    assert!(!mentions_across_page_breaks(
        text,
        &phrase.replace("SENCo", "SENDCo")
    ));
    assert!(!mentions_across_page_breaks(
        text,
        "with the SENCo and parents Action 9.3:"
    ));
    let scattered = "Action a 9.3: b Check c the d part-time";
    assert!(!mentions_across_page_breaks(
        scattered,
        "Action 9.3: Check the part-time"
    ));
}
