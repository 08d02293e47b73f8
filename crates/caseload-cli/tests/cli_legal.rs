//! The built `caseload` binary on the legal ladder and the evidence bundle: steps added in
//! order, a step out of order refused without --reason, a penalty notice without the threshold
//! met refused without --reason, the third penalty notice refused, a payment recorded as a
//! correction, and the bundle written as a PDF poppler can read (with the register extract once
//! marks are imported; refused for a prosecution without them), through no planted symlink and
//! replacing no file.

mod common;

use common::*;
use predicates::prelude::*;

fn ago(days: i64) -> String {
    (chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .date_naive()
        - chrono::Duration::days(days))
    .to_string()
}

/// Imports a week of unauthorised absence (ten `O` marks) for `upn` in the week before the one
/// `days_ago` falls in, through `caseload import marks`: the threshold is met on its Friday.
/// Returns that Friday.
fn import_threshold(dir: &std::path::Path, upn: &str, days_ago: i64) -> chrono::NaiveDate {
    use chrono::Datelike;
    let day = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .date_naive()
        - chrono::Duration::days(days_ago + 7);
    let monday = day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()));
    let mut csv = String::from("upn,date,session,code\n");
    for offset in 0..5 {
        for session in ["AM", "PM"] {
            let date = monday + chrono::Duration::days(offset);
            csv.push_str(&format!("{upn},{date},{session},O\n"));
        }
    }
    let file = dir.join(format!("marks-{days_ago}.csv"));
    std::fs::write(&file, csv).expect("marks file");
    caseload(dir)
        .args(["import", "marks"])
        .arg(&file)
        .assert()
        .success();
    monday + chrono::Duration::days(4)
}

fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (install poppler-utils)");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn legal_add(dir: &std::path::Path, id: &str, step: &str, days_ago: i64) -> assert_cmd::Command {
    let mut cmd = caseload(dir);
    cmd.args(["legal", "add", id, "--step", step, "--on"])
        .arg(ago(days_ago))
        .args(["--decided-by", "Team manager Demo"]);
    cmd
}

#[test]
fn the_ladder_is_climbed_in_order_and_the_third_penalty_notice_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let id = add(dir.path(), "B801200005001")["id"]
        .as_str()
        .expect("id")
        .to_string();
    import_threshold(dir.path(), "B801200005001", 300);
    legal_add(dir.path(), &id, "contract", 300)
        .args(["--terms", "In school by 8:45 every day"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("parents' absence"));
    legal_add(dir.path(), &id, "contract", 300)
        .args([
            "--parents-present",
            "--terms",
            "In school by 8:45 every day",
        ])
        .assert()
        .success();
    legal_add(dir.path(), &id, "notice-to-improve", 250)
        .args(["--ends-on", &ago(250 - 28)])
        .args(["--sufficient-improvement", "No unauthorised absence"])
        .assert()
        .success();
    for days in [200, 100] {
        legal_add(dir.path(), &id, "penalty-notice", days)
            .args(["--parent", "Parent Demo"])
            .assert()
            .success();
    }
    legal_add(dir.path(), &id, "penalty-notice", 5)
        .args(["--parent", "Parent Demo"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "A third penalty notice to the same parent for this child within 3 years is not allowed",
        ));
    let shown = json_of(caseload(dir.path()).args(["legal", "show", &id, "--json"]));
    let steps = shown["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 4);
    assert_eq!(steps[0]["step"], "attendance_contract");
    assert_eq!(steps[3]["details"]["kind"], "penalty_notice");
    assert_eq!(steps[3]["penalty"]["number"], 2);
    assert_eq!(steps[3]["penalty"]["amount_pence"], 16000);
    assert_eq!(shown["alerts"][0]["rule"], "penalty_notice_limit");
    assert_eq!(shown["suggested"], "supervision_order");
    caseload(dir.path())
        .args(["legal", "show", &id])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Penalty notice")
                .and(predicate::str::contains("second notice, £160, not paid"))
                .and(predicate::str::contains(
                    "! Penalty notices: limit within 3 years",
                )),
        );
}

#[test]
fn a_prosecution_needs_a_reason_without_an_order_considered_and_a_payment_corrects_a_notice() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let id = add(dir.path(), "B801200005001")["id"]
        .as_str()
        .expect("id")
        .to_string();
    legal_add(dir.path(), &id, "prosecution", 3)
        .args(["--section", "444-1a"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "reason: An education supervision order must be considered",
        ));
    let shown = json_of(legal_add(dir.path(), &id, "penalty-notice", 20).args([
        "--parent",
        "Parent Demo",
        "--reason",
        "Synthetic reason",
        "--json",
    ]));
    let notice = shown["steps"][0]["id"].as_str().expect("id").to_string();
    let corrected = json_of(
        legal_add(dir.path(), &id, "penalty-notice", 20)
            .args(["--parent", "Parent Demo", "--reason", "Synthetic reason"])
            .args(["--paid-on", &ago(2), "--corrects", &notice, "--json"]),
    );
    assert_eq!(corrected["steps"][0]["current"], false);
    assert_eq!(corrected["steps"][1]["corrects"], notice.as_str());
    assert_eq!(corrected["steps"][1]["penalty"]["amount_pence"], 8000);
}

#[test]
fn the_evidence_bundle_is_written_as_a_pdf_with_the_chronology_and_the_legal_steps() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let id = add(dir.path(), "B801200005001")["id"]
        .as_str()
        .expect("id")
        .to_string();
    caseload(dir.path())
        .args(["chronology", "add", &id, "--kind", "home-visit", "--at"])
        .arg(format!("{} 10:30", ago(3)))
        .args([
            "--who",
            "Parent and worker",
            "--what",
            "Synthetic home visit",
        ])
        .assert()
        .success();
    legal_add(dir.path(), &id, "contract", 2)
        .args(["--parents-present", "--terms", "Synthetic contract terms"])
        .assert()
        .success();
    let out = dir.path().join("bundle.pdf");
    caseload(dir.path())
        .args(["evidence", &id, "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("Wrote"));
    let bytes = std::fs::read(&out).expect("written");
    assert!(bytes.starts_with(b"%PDF"));
    let text = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&out)
        .arg("-")
        .output()
        .expect("pdftotext (install poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout);
    for phrase in [
        "Evidence bundle",
        "Synthetic home visit",
        "Attendance contract",
        "Synthetic contract terms",
    ] {
        assert!(text.contains(phrase), "missing {phrase:?}");
    }
    caseload(dir.path())
        .args(["evidence", "no-such-case", "--out"])
        .arg(dir.path().join("none.pdf"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("No case"));
}

#[cfg(unix)]
#[test]
fn evidence_out_follows_no_planted_symlink_replaces_no_file_and_writes_for_the_worker_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let id = add(dir.path(), "B801200005001")["id"]
        .as_str()
        .expect("id")
        .to_string();
    let elsewhere = tempfile::tempdir().expect("elsewhere");
    let victim = elsewhere.path().join("victim.txt");
    std::fs::write(&victim, b"not Caseload's").expect("victim");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out");
    // Where the temporary file used to be, and a symlink at the second copy's name.
    std::os::unix::fs::symlink(&victim, out.join("bundle.partial")).expect("plant");
    std::os::unix::fs::symlink(&victim, out.join("bundle (2).pdf")).expect("plant");
    let bundle = out.join("bundle.pdf");
    for wrote in ["bundle.pdf", "bundle (3).pdf"] {
        caseload(dir.path())
            .args(["evidence", &id, "--out"])
            .arg(&bundle)
            .assert()
            .success()
            .stdout(predicate::str::contains(wrote));
    }
    assert_eq!(std::fs::read(&victim).expect("victim"), b"not Caseload's");
    let third = out.join("bundle (3).pdf");
    for saved in [&bundle, &third] {
        assert!(std::fs::read(saved).expect("saved").starts_with(b"%PDF"));
        let mode = std::fs::metadata(saved)
            .expect("saved")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let mut names: Vec<_> = std::fs::read_dir(&out)
        .expect("out")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "bundle (2).pdf",
            "bundle (3).pdf",
            "bundle.partial",
            "bundle.pdf"
        ]
    );
}

/// `pdfinfo`'s `Title:` line: what viewers and file managers show for the PDF.
fn pdf_title(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("pdfinfo (install poppler-utils)");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Title:"))
        .map(|t| t.trim().to_string())
        .unwrap_or_default()
}

/// The bundle's PDF title names the case reference, not the pupil or the UPN, unless the
/// worker asks with `--name-pupil` (#14).
#[test]
fn the_evidence_pdf_title_names_the_pupil_only_with_name_pupil() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let added = add(dir.path(), "B801200005001");
    let id = added["id"].as_str().expect("id").to_string();
    let name = added["pupil"]["legal_name"]
        .as_str()
        .expect("legal name")
        .to_string();
    let neutral = dir.path().join("neutral.pdf");
    caseload(dir.path())
        .args(["evidence", &id, "--out"])
        .arg(&neutral)
        .assert()
        .success();
    let title = pdf_title(&neutral);
    assert!(title.starts_with("Evidence bundle: case "), "{title}");
    assert!(
        !title.contains(&name) && !title.contains("B801200005001"),
        "{title}"
    );
    let named = dir.path().join("named.pdf");
    caseload(dir.path())
        .args(["evidence", &id, "--name-pupil", "--out"])
        .arg(&named)
        .assert()
        .success();
    assert_eq!(pdf_title(&named), format!("Evidence bundle: {name}"));
}

/// #15: a penalty notice with no threshold met in the pupil's marks is refused until --reason
/// is given, and is then shown with "Threshold not met" and the reason under the exception.
#[test]
fn a_penalty_notice_without_the_threshold_met_is_refused_without_reason() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let id = add(dir.path(), "B801200005001")["id"]
        .as_str()
        .expect("id")
        .to_string();
    legal_add(dir.path(), &id, "contract", 90)
        .args(["--parents-present", "--terms", "Synthetic contract terms"])
        .assert()
        .success();
    legal_add(dir.path(), &id, "notice-to-improve", 60)
        .args(["--ends-on", &ago(60 - 28)])
        .args(["--sufficient-improvement", "No unauthorised absence"])
        .assert()
        .success();
    legal_add(dir.path(), &id, "penalty-notice", 10)
        .args(["--parent", "Parent Demo"])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("reason: The penalty notice threshold")
                .and(predicate::str::contains("give the reason")),
        );
    let shown = json_of(caseload(dir.path()).args(["legal", "show", &id, "--json"]));
    assert_eq!(
        shown["steps"].as_array().expect("steps").len(),
        2,
        "refused"
    );
    assert_eq!(shown["threshold"], "Threshold not met");
    legal_add(dir.path(), &id, "penalty-notice", 10)
        .args(["--parent", "Parent Demo"])
        .args(["--reason", "Synthetic: the register was late"])
        .assert()
        .success();
    caseload(dir.path())
        .args(["legal", "show", &id])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("    Threshold not met")
                .and(predicate::str::contains(
                    "Issued before the threshold was met: Synthetic: the register was late",
                ))
                .and(predicate::str::contains(
                    "Penalty notice threshold: Threshold not met",
                )),
        );
}

/// #15: the bundle for a prosecution is refused while the pupil has no session marks, saying
/// to import them; once imported, the PDF holds the register extract.
#[test]
fn the_prosecution_bundle_is_refused_without_marks_and_holds_the_register_extract_with_them() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let id = add(dir.path(), "B801200005001")["id"]
        .as_str()
        .expect("id")
        .to_string();
    let out = dir.path().join("prosecution.pdf");
    caseload(dir.path())
        .args(["evidence", &id, "--for", "prosecution", "--out"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("import the pupil's session marks first")
                .and(predicate::str::contains("caseload import marks")),
        );
    assert!(!out.exists());
    let met = import_threshold(dir.path(), "B801200005001", 0);
    caseload(dir.path())
        .args(["evidence", &id, "--for", "prosecution", "--out"])
        .arg(&out)
        .assert()
        .success();
    let text = pdf_text(&out);
    let met = caseload_domain::dates::long_date(met);
    let docx = dir.path().join("prosecution.docx");
    caseload(dir.path())
        .args([
            "evidence",
            &id,
            "--for",
            "prosecution",
            "--format",
            "docx",
            "--out",
        ])
        .arg(&docx)
        .assert()
        .success();
    let xml = std::process::Command::new("unzip")
        .args(["-p"])
        .arg(&docx)
        .arg("word/document.xml")
        .output()
        .expect("unzip");
    let xml = String::from_utf8_lossy(&xml.stdout);
    for phrase in [
        "Register extract",
        "Key to the codes used",
        "Absent in other or unknown circumstances",
    ] {
        assert!(xml.contains(phrase), "the DOCX lacks {phrase:?}");
    }
    for phrase in [
        "Bundle for Prosecution".to_string(),
        "Register extract".into(),
        "Week beginning Mon AM Mon PM".into(),
        "O O O O O O O O O O".into(),
        "O Absent in other or unknown circumstances".into(),
        format!("Penalty notice threshold Met on {met}"),
        "What is missing".into(),
        "No attendance contract recorded".into(),
    ] {
        assert!(text.contains(&phrase), "missing {phrase:?} in {text}");
    }
}
