//! The built `caseload` binary on the evidence bundle: written as a PDF poppler can read, with
//! the chronology and the legal steps (and the register extract once marks are imported;
//! refused for a prosecution without them), titled by the case reference unless asked to name
//! the pupil, through no planted symlink and replacing no file.

mod common;

use common::legal::*;
use common::*;
use predicates::prelude::*;

#[test]
fn the_evidence_bundle_is_written_as_a_pdf_with_the_chronology_and_the_legal_steps() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let id = case_id(dir.path(), "B801200005001");
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
    let text = pdf_text(&out);
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
    let id = case_id(dir.path(), "B801200005001");
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

/// #15: the bundle for a prosecution is refused while the pupil has no session marks, saying
/// to import them; once imported, the PDF holds the register extract.
#[test]
fn the_prosecution_bundle_is_refused_without_marks_and_holds_the_register_extract_with_them() {
    let dir = tempfile::tempdir().expect("tmp");
    init(dir.path());
    let id = case_id(dir.path(), "B801200005001");
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
