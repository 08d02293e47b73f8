//! `caseload tsm …` on the built binary: the demo's meetings are listed and shown as JSON, and
//! the record is written as a PDF that poppler turns into pages containing every action, and
//! as a DOCX that LibreOffice converts to PDF (the way a school opens it in Word).

mod common;

use std::path::Path;
use std::process::Command as Process;

use common::{caseload, init, json_of};
use predicates::prelude::*;
use serde_json::Value;

fn run(program: &str, args: &[&str]) {
    let status = Process::new(program)
        .args(args)
        .status()
        .unwrap_or_else(|e| {
            panic!("{program} must be installed (scripts/setup.sh installs it): {e}")
        });
    assert!(status.success(), "{program} {args:?} failed");
}

fn pdf_text(pdf: &Path) -> String {
    let txt = pdf.with_extension("txt");
    run(
        "pdftotext",
        &[pdf.to_str().expect("path"), txt.to_str().expect("path")],
    );
    let text = std::fs::read_to_string(&txt).expect("text");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every action of the meeting (its own and those carried into it), as `show --json` lists them.
fn actions(meeting: &Value) -> Vec<String> {
    let own = meeting["discussions"]
        .as_array()
        .expect("discussions")
        .iter()
        .flat_map(|d| d["actions"].as_array().expect("actions").iter())
        .chain(
            meeting["general_actions"]
                .as_array()
                .expect("general")
                .iter(),
        );
    let carried = meeting["carried"]
        .as_array()
        .expect("carried")
        .iter()
        .map(|c| &c["action"]);
    own.chain(carried)
        .map(|a| a["what"].as_str().expect("what").to_string())
        .collect()
}

fn demo(dir: &Path) -> Vec<Value> {
    init(dir);
    caseload(dir)
        .args(["demo", "--pupils", "20"])
        .assert()
        .success();
    let list = json_of(caseload(dir).args(["tsm", "list", "--json"]));
    list.as_array().expect("list").clone()
}

#[test]
fn the_demo_meetings_are_listed_and_shown_as_json() {
    let tmp = tempfile::tempdir().expect("tmp");
    let list = demo(tmp.path());
    assert!(
        list.len() >= 6,
        "each demo school has a meeting last term, and two this term"
    );
    let finished: Vec<&Value> = list.iter().filter(|m| m["status"] == "finished").collect();
    assert!(finished.len() >= 5);
    let id = finished[0]["id"].as_str().expect("id");
    let meeting = json_of(caseload(tmp.path()).args(["tsm", "show", id, "--json"]));
    assert_eq!(meeting["id"], id);
    assert!(meeting["attendees"].as_array().expect("attendees").len() >= 2);
    assert!(!actions(&meeting).is_empty());
    let coverage = json_of(caseload(tmp.path()).args(["tsm", "coverage", "--json"]));
    assert_eq!(coverage["rows"].as_array().expect("rows").len(), 5);
}

#[test]
fn the_record_is_a_pdf_of_pages_and_a_docx_word_opens_each_with_every_action() {
    let tmp = tempfile::tempdir().expect("tmp");
    let list = demo(tmp.path());
    // The meeting under way this term: its own actions and the ones carried into it.
    let id = list
        .iter()
        .find(|m| m["status"] == "planned" && m["pupils"].as_u64() > Some(0))
        .expect("a meeting under way")["id"]
        .as_str()
        .expect("id")
        .to_string();
    let meeting = json_of(caseload(tmp.path()).args(["tsm", "show", &id, "--json"]));
    let wanted = actions(&meeting);
    assert!(wanted.len() >= 5, "{wanted:?}");

    let pdf = tmp.path().join("record.pdf");
    caseload(tmp.path())
        .args([
            "tsm",
            "record",
            &id,
            "--format",
            "pdf",
            "--out",
            pdf.to_str().expect("path"),
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Wrote"));
    run(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "40",
            pdf.to_str().expect("path"),
            tmp.path().join("page").to_str().expect("path"),
        ],
    );
    let pages = std::fs::read_dir(tmp.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("page"))
        .count();
    assert!(pages >= 1);
    let text = pdf_text(&pdf);
    for what in &wanted {
        assert!(
            text.contains(what.as_str()),
            "the PDF lacks the action {what:?}"
        );
    }
    assert!(
        text.contains("DRAFT"),
        "a meeting under way is marked as a draft"
    );

    let docx = tmp.path().join("record.docx");
    caseload(tmp.path())
        .args([
            "tsm",
            "record",
            &id,
            "--format",
            "docx",
            "--out",
            docx.to_str().expect("path"),
        ])
        .assert()
        .success();
    let converted = tmp.path().join("converted");
    let profile = format!(
        "-env:UserInstallation=file://{}",
        tmp.path().join("lo-profile").display()
    );
    run(
        "libreoffice",
        &[
            &profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            converted.to_str().expect("path"),
            docx.to_str().expect("path"),
        ],
    );
    let text = pdf_text(&converted.join("record.pdf"));
    for what in &wanted {
        assert!(
            text.contains(what.as_str()),
            "the DOCX lacks the action {what:?}"
        );
    }
}

#[test]
fn an_unfinished_meeting_cannot_be_finished_and_says_what_is_missing() {
    let tmp = tempfile::tempdir().expect("tmp");
    init(tmp.path());
    caseload(tmp.path())
        .args([
            "school",
            "set",
            "--urn",
            "100000",
            "--name",
            "Synthetic School",
            "--phase",
            "primary",
        ])
        .assert()
        .success();
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .date_naive()
        .to_string();
    let planned = json_of(caseload(tmp.path()).args([
        "tsm", "plan", "--school", "100000", "--date", &today, "--json",
    ]));
    let id = planned["id"].as_str().expect("id");
    caseload(tmp.path())
        .args(["tsm", "finish", id])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("cannot be finished yet")
                .and(predicate::str::contains("Record who attended")),
        );
    caseload(tmp.path())
        .args(["tsm", "plan", "--school", "100000", "--date", &today])
        .assert()
        .failure()
        .stderr(predicate::str::contains("already planned"));
}
