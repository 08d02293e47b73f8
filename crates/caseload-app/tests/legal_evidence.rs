//! Legal steps that check their evidence (#15): a penalty notice without the threshold met in
//! the pupil's session marks, or during a notice to improve's improvement period, is refused
//! until a reason is given, and then shows which exception its reason answers (in the legal
//! view, the audit trail and the bundle); a bundle for a prosecution with no session marks is
//! refused with what to import, and with marks it holds the register extract.

mod common;

use caseload_app::audit::{self, AuditListRequest};
use caseload_app::legal::{EvidenceBundleSaveRequest, LegalStepAddRequest};
use caseload_app::support::Destination;
use caseload_app::{AppError, legal};
use caseload_domain::dates::long_date;
use caseload_domain::legal::LegalStepKind;
use common::legal::*;
use common::*;

const UPN: &str = "B801200005001";

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

fn with_reason(req: LegalStepAddRequest, reason: &str) -> LegalStepAddRequest {
    LegalStepAddRequest {
        reason: Some(reason.into()),
        ..req
    }
}

#[test]
fn a_penalty_notice_without_the_threshold_met_needs_a_reason_and_shows_the_exception() {
    let (_d, cx) = created();
    let case = add(&cx, UPN, "secondary", 90);
    add_step(&cx, contract(&case, 80));
    let v = add_step(&cx, notice(&case, 60));
    assert_eq!(v.threshold, "Threshold not met");
    assert_eq!(v.threshold_met_on, None);
    let pn_next = v
        .next
        .iter()
        .find(|n| n.step == LegalStepKind::PenaltyNotice)
        .expect("penalty notice");
    assert!(pn_next.needs_reason, "no marks: the threshold is not met");

    let e = legal::legal_step_add(&cx, penalty(&case, 10, "Parent Demo")).expect_err("no marks");
    let f = fields(e);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "reason");
    assert!(f[0].1.contains("threshold"), "{}", f[0].1);
    assert!(f[0].1.contains("give the reason"), "{}", f[0].1);

    let v = add_step(
        &cx,
        with_reason(
            penalty(&case, 10, "Parent Demo"),
            "Synthetic: the school's register was not yet shared",
        ),
    );
    let notice = &v.steps[2];
    assert_eq!(notice.threshold.as_deref(), Some("Threshold not met"));
    assert_eq!(
        notice.reason_label.as_deref(),
        Some("Issued before the threshold was met")
    );
    assert_eq!(v.steps[1].threshold, None, "only a penalty notice shows it");

    let trail = audit::audit_list(
        &cx,
        AuditListRequest {
            case_id: Some(case.as_str().into()),
            action: Some("legal_step_add".into()),
            ..Default::default()
        },
    )
    .expect("audit");
    assert!(
        trail
            .entries
            .iter()
            .any(|e| e.detail == "issued before the threshold was met, with a recorded reason"),
        "{:?}",
        trail.entries
    );
    assert!(
        !trail.entries.iter().any(|e| e.detail.contains("Synthetic")),
        "the reason's text stays out of the audit trail"
    );
}

#[test]
fn a_penalty_notice_before_the_improvement_period_ends_needs_a_reason() {
    let (_d, cx) = created();
    let case = add(&cx, UPN, "secondary", 90);
    threshold_met(&cx, UPN, 60);
    add_step(&cx, contract(&case, 60));
    // Issued 10 days ago: its 3-week period ends in 11 days.
    add_step(&cx, notice(&case, 10));
    let e = legal::legal_step_add(&cx, penalty(&case, 2, "Parent Demo")).expect_err("running");
    let f = fields(e);
    assert_eq!(f[0].0, "reason");
    assert!(
        f[0].1
            .contains("The improvement period of the notice to improve runs until"),
        "{}",
        f[0].1
    );
    let v = add_step(
        &cx,
        with_reason(
            penalty(&case, 2, "Parent Demo"),
            "Synthetic: no engagement at all",
        ),
    );
    assert!(
        v.steps[2].reason_label.as_deref().is_some_and(
            |l| l.starts_with("Issued before the notice to improve's improvement period ended")
        ),
        "{:?}",
        v.steps[2].reason_label
    );
}

#[test]
fn with_the_threshold_met_a_notice_after_the_period_shows_the_date_and_needs_no_reason() {
    let (_d, cx) = created();
    let case = add(&cx, UPN, "secondary", 90);
    let met = threshold_met(&cx, UPN, 60);
    add_step(&cx, contract(&case, 60));
    add_step(&cx, notice(&case, 40));
    let v = add_step(&cx, penalty(&case, 5, "Parent Demo"));
    let expected = format!("Threshold met on {}", long_date(met));
    assert_eq!(v.threshold, expected);
    assert_eq!(v.threshold_met_on, Some(met.to_string()));
    assert_eq!(v.steps[2].threshold.as_deref(), Some(expected.as_str()));
    assert_eq!(v.steps[2].reason, None);
    assert_eq!(v.steps[2].reason_label, None);
}

fn save(
    cx: &caseload_app::Caseload,
    case: &caseload_domain::CaseId,
    purpose: Option<LegalStepKind>,
    out: &std::path::Path,
) -> Result<caseload_app::support::SavedFile, AppError> {
    legal::evidence_bundle_save_to(
        cx,
        EvidenceBundleSaveRequest {
            case_id: case.clone(),
            name_pupil: false,
            purpose,
            format: None,
        },
        &Destination::file(out),
    )
}

#[test]
fn a_prosecution_bundle_without_marks_is_refused_and_with_marks_holds_the_register_extract() {
    let (dir, cx) = created();
    let case = add(&cx, UPN, "secondary", 90);
    add_step(
        &cx,
        with_reason(
            penalty(&case, 30, "Parent Demo"),
            "Synthetic reason for the bundle",
        ),
    );
    let out = dir.path().join("bundle.pdf");
    for purpose in [Some(LegalStepKind::Prosecution), None] {
        let e = save(&cx, &case, purpose, &out).expect_err("no marks");
        let f = fields(e);
        assert_eq!(f[0].0, "purpose");
        assert!(
            f[0].1.contains("import the pupil's session marks first"),
            "{}",
            f[0].1
        );
        assert!(f[0].1.contains("caseload import marks"), "{}", f[0].1);
    }
    assert!(!out.exists(), "nothing is written when refused");
    // A bundle for a penalty notice may go without marks, and says what is missing.
    let saved = save(&cx, &case, Some(LegalStepKind::PenaltyNotice), &out).expect("penalty");
    let text = pdf_text(&saved.path);
    assert!(
        text.contains("What is missing No session marks imported"),
        "{text}"
    );

    // Marks whose threshold is met after the notice was issued.
    let met = threshold_met(&cx, UPN, 0);
    let out = dir.path().join("prosecution.pdf");
    let saved = save(&cx, &case, Some(LegalStepKind::Prosecution), &out).expect("with marks");
    let text = pdf_text(&saved.path);
    let year = caseload_domain::attendance::academic_year::AcademicYear::of(met).label();
    for phrase in [
        "Bundle for Prosecution".to_string(),
        "Attendance per academic year".into(),
        format!("{year} 10 0 0.0% Yes Yes"),
        format!("Penalty notice threshold Met on {}", long_date(met)),
        "15 days of illness Not reached".into(),
        "Register extract".into(),
        "Week beginning Mon AM Mon PM Tue AM Tue PM Wed AM Wed PM Thu AM Thu PM Fri AM Fri PM"
            .into(),
        "O O O O O O O O O O".into(),
        "Key to the codes used".into(),
        "O Absent in other or unknown circumstances".into(),
        format!("Attendance evidence Threshold met on {}", long_date(met)),
        "Taken out of the ladder's order; issued before the threshold was met Synthetic reason for the bundle".into(),
        "No notice to improve recorded".into(),
    ] {
        assert!(text.contains(&phrase), "missing {phrase:?} in {text}");
    }
    assert!(
        !text.contains("No session marks imported"),
        "the marks are no longer missing"
    );
}
