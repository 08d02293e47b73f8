//! The export canary (issue 14): identifiers — a UPN, a date of birth, a phone number, a
//! postcode, an e-mail address, a house and street, and the pupil's own name — typed into every
//! free-text field the app has reach no default export, in any format, whether saved locally or
//! delivered to the shared drive; and free text leaves only when asked for, after the scrubbers
//! and a preview. (An identifiable export's structured reason: `exchange_privacy.rs`.)

mod common;

use std::path::{Path, PathBuf};

use caseload_app::cases::{CaseAddRequest, CaseTransitionRequest, PupilInput};
use caseload_app::chronology::ChronologyAddRequest;
use caseload_app::exchange::{ExportRequest, ExportSaveRequest, SyncRequest};
use caseload_app::family::{CarerAddRequest, PupilDetailsSetRequest};
use caseload_app::plan::{PlanActionAddRequest, PlanSetRequest};
use caseload_app::support::Destination;
use caseload_app::tsm::{TsmActionUpdateRequest, TsmPupilAddRequest, TsmPupilUpdateRequest};
use caseload_app::{Caseload, cases, chronology, exchange, family, legal, plan, tsm};
use caseload_domain::case::TransitionKind;
use caseload_domain::chronology::ContactKind;
use caseload_domain::tsm::OwnerAgency;
use caseload_domain::{CaseId, ClosureCategory};
use common::canary::{files_under, found_under};

const LEGAL_NAME: &str = "Zyxexport Quillonmere";
const PREFERRED_NAME: &str = "Vexmoor";
const DOB: &str = "2014-05-06";
const PHONE: &str = "07700 900123";
const PHONE_DIGITS: &str = "900123";
const POSTCODE: &str = "AB1 2CD";
const EMAIL: &str = "canary.carer@example.org";
const STREET: &str = "Acacia Road";
const KINDS: [&str; 4] = ["funnel", "tsm-actions", "ward-bands", "closures"];
const FORMATS: [&str; 4] = ["csv", "xlsx", "pdf", "json"];

fn upn() -> String {
    let rest = "801200007316";
    let letter = caseload_domain::upn::check_letter(rest.as_bytes()).expect("letter");
    format!("{letter}{rest}")
}

/// The identifiers a closure reason typed in the issue carried, all in one sentence.
fn identifiers() -> String {
    format!(
        "{LEGAL_NAME} ({PREFERRED_NAME}) UPN {}, DOB {DOB}, tel {PHONE}, {EMAIL}, 4 {STREET}, {POSTCODE}",
        upn()
    )
}

/// Everything that must not leave: each identifier, and each word of the pupil's names.
fn canaries() -> Vec<String> {
    vec![
        upn(),
        DOB.into(),
        "06/05/2014".into(),
        PHONE_DIGITS.into(),
        POSTCODE.into(),
        POSTCODE.replace(' ', ""),
        EMAIL.into(),
        STREET.into(),
        "Zyxexport".into(),
        "Quillonmere".into(),
        PREFERRED_NAME.into(),
    ]
}

/// A closed case whose every free-text field holds the identifiers, and a meeting about it.
fn case_typed_full_of_identifiers(cx: &Caseload) -> CaseId {
    let text = identifiers();
    let id = cases::case_add(
        cx,
        CaseAddRequest {
            pupil: PupilInput {
                legal_name: LEGAL_NAME.into(),
                preferred_name: Some(PREFERRED_NAME.into()),
                date_of_birth: DOB.into(),
                upn: upn(),
                school_urn: common::tsm::URN.into(),
                school_name: "Synthetic School".into(),
                school_phase: Some("secondary".into()),
                year_group: "7".into(),
            },
            referral_source: Some("School".into()),
            referral_date: Some(common::ago(60)),
        },
    )
    .expect("case")
    .id;
    family::pupil_details_set(
        cx,
        PupilDetailsSetRequest {
            case_id: id.clone(),
            address: Some(format!("4 {STREET}, Synthtown")),
            postcode: Some(POSTCODE.into()),
            ward: None,
            flags: vec![],
            key_professionals: vec![],
            part_time_review_on: None,
        },
    )
    .expect("pupil details");
    family::carer_add(
        cx,
        CarerAddRequest {
            case_id: id.clone(),
            name: format!(
                "Ombrecarer {}",
                LEGAL_NAME.split(' ').nth(1).expect("surname")
            ),
            relationship: "Mother".into(),
            phone: Some(PHONE.into()),
            email: Some(EMAIL.into()),
            parental_responsibility: true,
        },
    )
    .expect("carer");
    for (kind, days) in [
        (TransitionKind::Accept, 50),
        (TransitionKind::Allocate, 49),
        (TransitionKind::StartCycle, 48),
    ] {
        common::step(cx, &id, kind, days).expect("step");
    }
    chronology::chronology_add(
        cx,
        ChronologyAddRequest {
            case_id: id.clone(),
            kind: ContactKind::HomeVisit,
            occurred_at: format!("{}T10:30", common::ago(20)),
            who: text.clone(),
            what: text.clone(),
            outcome: Some(text.clone()),
            next_step: Some(text.clone()),
            corrects: None,
        },
    )
    .expect("chronology");
    plan::plan_set(
        cx,
        PlanSetRequest {
            case_id: id.clone(),
            barriers: vec![],
            other_barriers: Some(text.clone()),
            target_pct: None,
            target_by: None,
            interventions: Some(text.clone()),
            review_dates: vec![],
        },
    )
    .expect("plan");
    plan::plan_action_add(
        cx,
        PlanActionAddRequest {
            case_id: id.clone(),
            what: text.clone(),
            owner: text.clone(),
            due_on: common::ago(-10),
        },
    )
    .expect("plan action");
    let contract = caseload_app::legal::LegalStepAddRequest {
        notes: Some(text.clone()),
        terms: Some(text.clone()),
        ..common::legal::contract(&id, 15)
    };
    legal::legal_step_add(cx, contract).expect("legal step");

    // A Targeting Support Meeting at the pupil's school discussing them, with an action whose
    // every free-text field holds the identifiers.
    common::tsm::link(cx);
    let meeting = common::tsm::plan(cx, 10);
    common::tsm::attendees(cx, &meeting.id);
    let view = tsm::tsm_pupil_add(
        cx,
        TsmPupilAddRequest {
            id: meeting.id.clone(),
            case_id: Some(id.clone()),
            name: None,
            upn: None,
            year_group: None,
        },
    )
    .expect("discussed");
    let discussion = view.discussions.last().expect("discussion").clone();
    tsm::tsm_pupil_update(
        cx,
        TsmPupilUpdateRequest {
            discussion_id: discussion.id,
            name: discussion.name.clone(),
            barriers: vec![],
            has_plan: None,
            notes: text.clone(),
        },
    )
    .expect("discussion notes");
    let action = common::tsm::action(cx, &meeting.id, Some(discussion.id), "x", "");
    tsm::tsm_action_update(
        cx,
        TsmActionUpdateRequest {
            action_id: action,
            what: text.clone(),
            owner_agency: OwnerAgency::School,
            owner_person: text.clone(),
            lead_practitioner: text.clone(),
            due_on: String::new(),
        },
    )
    .expect("action");

    // Closed, with the identifiers typed as the reason (the leak).
    cases::case_transition(
        cx,
        CaseTransitionRequest {
            id: id.clone(),
            kind: TransitionKind::Close,
            on_date: common::ago(5),
            team: None,
            worker: None,
            note: Some(format!("Closed: {text}")),
            closure_category: Some(ClosureCategory::MovedSchoolOrArea),
        },
    )
    .expect("close");
    id
}

fn request(kind: &str) -> ExportRequest {
    ExportRequest {
        kind: kind.into(),
        formats: FORMATS.map(String::from).to_vec(),
        from: Some(common::ago(400)),
        to: Some(common::ago(0)),
        ..Default::default()
    }
}

fn leaks(root: &Path) -> Vec<String> {
    let canaries = canaries();
    let refs: Vec<&str> = canaries.iter().map(String::as_str).collect();
    found_under(root, &refs)
}

fn set_up() -> (tempfile::TempDir, Caseload, PathBuf) {
    let (dir, cx) = common::created();
    let share = dir.path().join("share");
    std::fs::create_dir_all(&share).expect("share");
    common::share::worker(&cx, "aw-canary", &share);
    case_typed_full_of_identifiers(&cx);
    (dir, cx, share)
}

#[test]
fn identifiers_typed_into_every_free_text_field_reach_no_default_export_saved_or_delivered() {
    let (dir, cx, share) = set_up();
    let local = dir.path().join("local");
    std::fs::create_dir_all(&local).expect("local");
    for kind in KINDS {
        let saved = exchange::export_save_to(
            &cx,
            ExportSaveRequest {
                export: request(kind),
            },
            &Destination {
                path: None,
                dir: Some(local.clone()),
            },
        )
        .expect("save");
        assert_eq!(saved.files.len(), FORMATS.len(), "{kind}");
        exchange::export_queue(&cx, request(kind)).expect("queue");
    }
    let report = exchange::sync(&cx, SyncRequest::default()).expect("sync");
    assert_eq!(report.delivered, KINDS.len() as u32, "{report:?}");

    // The search works, and the exports hold what they should: the closed case (by its
    // category), and the meeting's action (by its owner agency).
    let delivered = files_under(&share);
    assert!(
        delivered.len() >= KINDS.len() * FORMATS.len(),
        "{delivered:?}"
    );
    let all_local = files_under(&local);
    assert_eq!(all_local.len(), KINDS.len() * FORMATS.len());
    let closures_csv = all_local
        .iter()
        .find(|p| {
            p.to_string_lossy().contains("closures") && p.extension().is_some_and(|e| e == "csv")
        })
        .expect("closures csv");
    let csv = std::fs::read_to_string(closures_csv).expect("read");
    assert!(csv.contains("Moved school or out of area"), "{csv}");
    assert!(!found_under(&local, &["Moved school or out of area"]).is_empty());
    let actions_csv = all_local
        .iter()
        .find(|p| {
            p.to_string_lossy().contains("tsm-actions") && p.extension().is_some_and(|e| e == "csv")
        })
        .expect("tsm-actions csv");
    let csv = std::fs::read_to_string(actions_csv).expect("read");
    assert!(
        csv.lines()
            .any(|l| l.contains("P-") && l.contains(",School,")),
        "the action is exported by pseudonym and owner agency: {csv}"
    );

    let found: Vec<String> = leaks(&local).into_iter().chain(leaks(&share)).collect();
    assert!(
        found.is_empty(),
        "identifiers left in a default export: {found:#?}"
    );
}

#[test]
fn free_text_leaves_only_after_a_preview_with_every_identifier_scrubbed() {
    let (dir, cx, _share) = set_up();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).expect("out");
    for kind in ["closures", "tsm-actions"] {
        let asked = ExportRequest {
            free_text: Some(true),
            ..request(kind)
        };
        // Without the preview's token: refused.
        let e = exchange::export_queue(&cx, asked.clone()).expect_err("no preview");
        assert_eq!(e.kind(), "conflict", "{e:?}");
        assert!(e.to_string().contains("Preview the free text"), "{e}");
        let wrong = ExportRequest {
            preview_token: Some("0".repeat(32)),
            ..asked.clone()
        };
        assert!(exchange::export_queue(&cx, wrong).is_err());

        // The preview shows what would leave, with what was taken out marked.
        let preview = exchange::export_preview(&cx, asked.clone()).expect("preview");
        assert!(!preview.rows.is_empty(), "{kind}");
        let shown: String = preview
            .rows
            .iter()
            .map(|r| format!("{}\n", r.text))
            .collect();
        for marker in [
            "[name removed]",
            "[UPN removed]",
            "[date removed]",
            "[phone removed]",
        ] {
            assert!(shown.contains(marker), "{kind}: {marker} not in {shown}");
        }
        for marker in ["[postcode removed]", "[address removed]", "[email removed]"] {
            assert!(shown.contains(marker), "{kind}: {marker} not in {shown}");
        }
        assert!(preview.rows.iter().all(|r| r.scrubbed));
        for canary in canaries() {
            assert!(
                !shown.to_lowercase().contains(&canary.to_lowercase()),
                "{canary} in the preview: {shown}"
            );
        }

        // With it: the export carries exactly the previewed text.
        let saved = exchange::export_save_to(
            &cx,
            ExportSaveRequest {
                export: ExportRequest {
                    preview_token: Some(preview.token.clone()),
                    ..asked
                },
            },
            &Destination {
                path: None,
                dir: Some(out.clone()),
            },
        )
        .expect("export with free text");
        assert_eq!(saved.files.len(), FORMATS.len());
    }
    assert!(!found_under(&out, &["[phone removed]"]).is_empty());
    let found = leaks(&out);
    assert!(
        found.is_empty(),
        "identifiers left in free text: {found:#?}"
    );
}
