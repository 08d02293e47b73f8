//! The evidence bundle through the use cases: every entry, offer of support and legal step saved
//! as a PDF that poppler reads back, and a second save never replacing the first copy.

mod common;

use caseload_app::legal::EvidenceBundleSaveRequest;
use caseload_app::plan::PlanActionAddRequest;
use caseload_app::support::Destination;
use caseload_app::tsm::TsmPupilAddRequest;
use caseload_app::{chronology, legal, plan, tsm};
use common::legal::{add_step, contract, notice};
use common::tsm::{action, link, plan};
use common::*;

fn pdf_text(path: &str) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8", path, "-"])
        .output()
        .expect("pdftotext (install poppler-utils)");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `Title:` pdfinfo reads from a PDF's metadata (what viewers and file managers show).
fn pdf_title(path: &str) -> String {
    let out = std::process::Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("pdfinfo (install poppler-utils)");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Title:"))
        .map(|t| t.trim().to_string())
        .unwrap_or_default()
}

/// Neutral by default (#14): the bundle's file name and PDF title name the case reference and
/// the date, never the UPN or the pupil's name; the worker can ask for the name (`name_pupil`),
/// and still no UPN.
#[test]
fn the_bundle_is_named_by_case_and_date_and_names_the_pupil_only_when_asked() {
    let (dir, cx) = created();
    let case = add(&cx, "B801200005001", "secondary", 60);
    let out = dir.path().join("bundles");
    let save = |name_pupil| {
        legal::evidence_bundle_save_to(
            &cx,
            EvidenceBundleSaveRequest {
                case_id: case.clone(),
                name_pupil,
                purpose: None,
                format: None,
            },
            &Destination::folder(&out),
        )
        .expect("save")
    };
    let neutral = save(false);
    let file_name = |p: &str| {
        std::path::Path::new(p)
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned()
    };
    let reference: String = case
        .as_str()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<Vec<_>>()
        .iter()
        .rev()
        .take(8)
        .rev()
        .collect();
    assert_eq!(
        file_name(&neutral.path),
        format!("Evidence bundle {} case {reference}.pdf", today())
    );
    let title = pdf_title(&neutral.path);
    assert_eq!(title, format!("Evidence bundle: case {reference}"));
    let legal_name = "Testpupil Lifecycle";
    assert!(!title.contains(legal_name) && !title.contains("B801200005001"));
    // The pages still say who the bundle is about.
    assert!(pdf_text(&neutral.path).contains("UPN B801200005001"));

    let named = save(true);
    assert_eq!(
        file_name(&named.path),
        format!(
            "Evidence bundle {} case {reference} {legal_name}.pdf",
            today()
        )
    );
    assert_eq!(
        pdf_title(&named.path),
        format!("Evidence bundle: {legal_name}")
    );
    assert!(!named.path.contains("B801200005001"));
}

#[test]
fn the_evidence_bundle_holds_every_entry_offer_of_support_and_step_and_never_replaces_a_copy() {
    let (dir, cx) = created();
    link(&cx);
    let case = add(&cx, "B801200005001", "secondary", 60);
    reading(&cx, &case, 10, 82);
    let first =
        chronology::chronology_add(&cx, entry_request(&case, "Synthetic first visit", None))
            .expect("entry");
    chronology::chronology_add(
        &cx,
        entry_request(
            &case,
            "Synthetic first visit, corrected",
            Some(first[0].id.clone()),
        ),
    )
    .expect("correction");
    plan::plan_action_add(
        &cx,
        PlanActionAddRequest {
            case_id: case.clone(),
            what: "Apply for a bus pass".into(),
            owner: "A. Worker".into(),
            due_on: ago(3),
        },
    )
    .expect("plan action");
    let meeting = plan(&cx, 5).id;
    let v = tsm::tsm_pupil_add(
        &cx,
        TsmPupilAddRequest {
            id: meeting.clone(),
            case_id: Some(case.clone()),
            name: None,
            upn: None,
            year_group: None,
        },
    )
    .expect("discuss");
    action(
        &cx,
        &meeting,
        Some(v.discussions[0].id),
        "Referral to the school nurse",
        &ago(1),
    );
    add_step(&cx, contract(&case, 40));
    add_step(&cx, notice(&case, 25));

    let out = dir.path().join("bundles");
    let save = || {
        legal::evidence_bundle_save_to(
            &cx,
            EvidenceBundleSaveRequest {
                case_id: case.clone(),
                name_pupil: false,
                purpose: None,
                format: None,
            },
            &Destination::folder(&out),
        )
        .expect("save")
    };
    let saved = save();
    let again = save();
    assert_ne!(saved.path, again.path);
    let name = std::path::Path::new(&saved.path)
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with(&format!("Evidence bundle {} case ", today())),
        "{name}"
    );
    assert!(
        !name.contains("B801200005001") && !name.contains("Testpupil"),
        "{name}"
    );
    let text = pdf_text(&saved.path);
    for phrase in [
        "Testpupil Lifecycle",
        "UPN B801200005001",
        "82.0%",
        "Synthetic first visit Outcome: Agreed a morning routine [Corrected by entry 2]",
        "Synthetic first visit, corrected",
        "[Correction of entry 1]",
        "Apply for a bus pass",
        "Referral to the school nurse",
        "1. Attendance contract",
        "In school by 8:45 every day",
        "2. Notice to improve",
        "No unauthorised absence in the period",
        "Team manager Demo",
    ] {
        assert!(text.contains(phrase), "missing {phrase:?} in {text}");
    }
    let exact = dir.path().join("exact.pdf");
    let saved = legal::evidence_bundle_save_to(
        &cx,
        EvidenceBundleSaveRequest {
            case_id: case,
            name_pupil: false,
            purpose: None,
            format: None,
        },
        &Destination::file(&exact),
    )
    .expect("exact");
    assert_eq!(saved.path, exact.display().to_string());
    assert_eq!(
        std::fs::metadata(&exact).expect("written").len(),
        saved.bytes
    );
}
