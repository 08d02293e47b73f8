//! Shared by the rendering tests: synthetic records, the external tools that read what we
//! write (poppler, LibreOffice), and text checks. A missing tool fails the test with what to
//! install: these tests must never pass by skipping.
// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

pub mod bundle;
pub mod share_double;

use std::path::{Path, PathBuf};
use std::process::Command;

use caseload_domain::tsm::record::TsmRecord;
use caseload_domain::tsm::record::{RecordAction, RecordAttendee, RecordCarried, RecordPupil};
use chrono::NaiveDate;

fn date(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, day).expect("valid date")
}

const VERBS: [&str; 4] = [
    "Arrange a home visit with the family and agree a morning routine",
    "Refer to the school nurse",
    "Check the part-time timetable is reviewed every two weeks with the SENCo and parents",
    "Send the attendance letter",
];

/// A record big enough to run over several pages: 30 pupils with 4 actions each, 20 actions
/// carried forward, and one action long enough (about 3,000 characters) that its table row is
/// taller than a page and has to be split.
pub fn large_record(finished: bool) -> TsmRecord {
    let mut record = TsmRecord::sample();
    record.finished = finished;
    record.attendees = (1..=6)
        .map(|i| RecordAttendee {
            name: format!("Attendee {i} Demo"),
            role: format!("Role {i}"),
            organisation: "Local authority".into(),
        })
        .collect();
    record.pupils = (1..=30)
        .map(|p| RecordPupil {
            name: format!("Pupil Synthetic-{p:02}"),
            year_group: format!("Year {}", 1 + p % 11),
            attendance: format!("{}.5%", 40 + p),
            band: "41-50".into(),
            barriers: vec!["Health".into(), "SEMH / EBSA".into()],
            existing_plan: if p % 2 == 0 { "Yes" } else { "No" }.into(),
            notes: format!("Synthetic notes for pupil {p}.\nA second line of notes."),
            actions: (1..=4)
                .map(|a| RecordAction {
                    what: format!("Action {p}.{a}: {}", VERBS[a - 1]),
                    owner_agency: "Early help".into(),
                    owner_person: format!("Owner {p}-{a} Demo"),
                    lead_practitioner: "Lead Demo".into(),
                    due_on: Some(date(12, 1 + (a as u32))),
                })
                .collect(),
        })
        .collect();
    let long = "Agree the next steps with the family and every agency involved, then write down who does what. "
        .repeat(30);
    record.pupils[7].actions[1].what = format!("Action 8.2 long: {}", long.trim());
    record.carried_forward = (1..=20)
        .map(|c| RecordCarried {
            action: RecordAction {
                what: format!("Carried action {c}: {}", VERBS[c % 4]),
                owner_agency: "School".into(),
                owner_person: format!("Carrier {c} Demo"),
                lead_practitioner: "Lead Demo".into(),
                due_on: Some(date(10, c as u32)),
            },
            pupil: format!("Pupil Synthetic-{c:02}"),
            agreed_on: date(7, 10),
            status: "Not done".into(),
            status_on: Some(date(11, 23)),
        })
        .collect();
    record
}

/// What the reader of the record must find: the school, every attendee and pupil, and every
/// action with its owner.
pub fn expected_phrases(record: &TsmRecord) -> Vec<String> {
    let mut phrases = vec![record.school_name.clone(), record.school_urn.clone()];
    phrases.extend(record.attendees.iter().map(|a| a.name.clone()));
    phrases.extend(record.pupils.iter().map(|p| p.name.clone()));
    for action in record.all_actions() {
        phrases.push(action.what.clone());
        phrases.push(action.owner_person.clone());
    }
    phrases
}

/// Runs a tool and returns its standard output; panics if it is missing or fails.
pub fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "could not run {program} ({e}): install poppler-utils, qpdf and libreoffice-writer-nogui"
            )
        });
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The PDF's text in content order, with every run of whitespace made one space (wrapping
/// splits phrases over lines).
pub fn pdf_text(pdf: &Path) -> String {
    let text = run("pdftotext", &["-raw", "-enc", "UTF-8", &path(pdf), "-"]);
    normalise(&text)
}

pub fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renders every page as a PNG with pdftoppm and returns how many images it wrote.
pub fn page_images(pdf: &Path, dir: &Path) -> usize {
    let prefix = dir.join("page");
    run(
        "pdftoppm",
        &["-png", "-r", "30", &path(pdf), &path(&prefix)],
    );
    std::fs::read_dir(dir)
        .expect("read the temporary folder")
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("page") && name.ends_with(".png")
        })
        .count()
}

/// Converts a DOCX to PDF with LibreOffice, as a school opening the file would see it. Each
/// call uses its own profile folder so tests running in parallel do not share a lock.
pub fn docx_to_pdf(docx: &Path, dir: &Path) -> PathBuf {
    let profile = format!(
        "-env:UserInstallation=file://{}",
        path(&dir.join("lo-profile"))
    );
    let out = dir.join("converted");
    let args = [
        "--headless",
        profile.as_str(),
        "--convert-to",
        "pdf",
        "--outdir",
        &path(&out),
        &path(docx),
    ];
    run("libreoffice", &args);
    let stem = docx.file_stem().expect("file name").to_string_lossy();
    let pdf = out.join(format!("{stem}.pdf"));
    assert!(
        pdf.is_file(),
        "LibreOffice wrote no PDF for {}",
        docx.display()
    );
    pdf
}

/// Fails listing every phrase the text lacks, not just the first.
pub fn assert_mentions_all(text: &str, phrases: &[String]) {
    let missing: Vec<&String> = phrases
        .iter()
        .filter(|p| !text.contains(&normalise(p)))
        .collect();
    assert!(
        missing.is_empty(),
        "missing from the document: {missing:#?}"
    );
}

/// Like [`assert_mentions_all`], for a layout where a table row may break across pages: a
/// phrase may be interrupted where the page breaks (by the footer, the running header, the
/// repeated header row and the row's other cells), so it must appear word for word, in order,
/// in at most [`MAX_PIECES`] pieces within a short stretch of text.
pub fn assert_mentions_all_across_page_breaks(text: &str, phrases: &[String]) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let missing: Vec<&String> = phrases.iter().filter(|p| !in_pieces(&words, p)).collect();
    assert!(
        missing.is_empty(),
        "missing from the document: {missing:#?}"
    );
}

const MAX_PIECES: usize = 4;
/// How many words of other text may lie between a phrase's pieces, in all.
const MAX_INTERRUPTION: usize = 250;

/// Whether `phrase` is in `text` as [`assert_mentions_all_across_page_breaks`] allows.
pub fn mentions_across_page_breaks(text: &str, phrase: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    in_pieces(&words, phrase)
}

fn in_pieces(words: &[&str], phrase: &str) -> bool {
    let wanted: Vec<&str> = phrase.split_whitespace().collect();
    let Some(first) = wanted.first() else {
        return true;
    };
    (0..words.len())
        .filter(|&i| words[i] == *first)
        .any(|start| {
            let end = words.len().min(start + wanted.len() + MAX_INTERRUPTION);
            let (mut next, mut pieces, mut contiguous) = (0, 0, false);
            for word in &words[start..end] {
                if next == wanted.len() {
                    break;
                }
                if *word == wanted[next] {
                    if !contiguous {
                        pieces += 1;
                    }
                    next += 1;
                    contiguous = true;
                } else {
                    contiguous = false;
                }
            }
            next == wanted.len() && pieces <= MAX_PIECES
        })
}

/// The N of the "Page 1 of N" footer; fails if there is none.
pub fn page_count_in_footer(text: &str) -> usize {
    let after = text
        .split("Page 1 of ")
        .nth(1)
        .expect("a \"Page 1 of N\" footer");
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().expect("a page count after \"Page 1 of\"")
}

fn path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Names in Latin Extended (Polish, Romanian, Turkish, Czech, Vietnamese), Greek and Cyrillic
/// that every PDF must print exactly as typed.
pub const NAMES: [&str; 6] = [
    "Łukasz Ștefănescu-Nguyễn",
    "Şule Öztürk",
    "Zdeněk Dvořák",
    "Γιώργος Παπαδόπουλος",
    "Анна Кузнецова",
    "Nguyễn Thị Ánh",
];

/// The sample record with each of [`NAMES`] as an attendee, and the first as the first pupil
/// discussed (whose name is a heading, so it prints in bold too).
pub fn record_with_names() -> TsmRecord {
    let mut record = TsmRecord::sample();
    let template = record.attendees[0].clone();
    record.attendees = NAMES
        .iter()
        .map(|name| RecordAttendee {
            name: name.to_string(),
            ..template.clone()
        })
        .collect();
    record.pupils[0].name = NAMES[0].into();
    record
}

/// pdffonts' table: every font is embedded, and each is a subset of Noto Sans (a name like
/// "ABCDEF+NotoSans-Regular"). Returns the font names.
pub fn assert_fonts_are_embedded_noto_sans_subsets(pdf: &Path) -> Vec<String> {
    let table = run("pdffonts", &[&path(pdf)]);
    let fonts: Vec<Vec<&str>> = table
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|f| f.len() >= 6)
        .collect();
    assert!(!fonts.is_empty(), "no fonts: {table}");
    for f in &fonts {
        let (name, n) = (f[0], f.len());
        let (emb, sub) = (f[n - 5], f[n - 4]);
        assert_eq!(
            (emb, sub),
            ("yes", "yes"),
            "not an embedded subset: {table}"
        );
        let (tag, base) = name.split_once('+').unwrap_or(("", name));
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "no subset tag: {table}"
        );
        assert!(base.starts_with("NotoSans-"), "not Noto Sans: {table}");
    }
    fonts.iter().map(|f| f[0].to_string()).collect()
}

/// Runs qpdf; it exits 3 for warnings, which fail the test like errors.
pub fn run_qpdf(args: &[&str]) -> String {
    run("qpdf", args)
}

/// pdfinfo: the file is tagged (a screen reader finds its structure), titled and unencrypted.
pub fn assert_tagged_with_title(pdf: &Path, title: &str) {
    let info = run("pdfinfo", &[&path(pdf)]);
    assert!(info.contains("Tagged:          yes"), "not tagged: {info}");
    assert!(info.contains("Encrypted:       no"), "encrypted: {info}");
    let found = info
        .lines()
        .find_map(|l| l.strip_prefix("Title:"))
        .map(str::trim);
    assert_eq!(found, Some(title), "{info}");
}
