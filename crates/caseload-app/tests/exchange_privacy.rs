//! A default (pseudonymised) export, in every format, holds no pupil's name or UPN — not even a
//! name the worker typed into free text — and pupils appear only by pseudonymous identifier.
//! An identifiable export needs a structured reason: who receives it, the lawful basis and the
//! purpose.

mod common;

use std::io::Read;

use caseload_app::cases::CaseTransitionRequest;
use caseload_app::exchange::{ExportRequest, ExportSaveRequest, IdentifiableReason, OutboxStatus};
use caseload_app::support::Destination;
use caseload_app::tsm::{TsmActionAddRequest, TsmActionUpdateRequest};
use caseload_app::{cases, exchange, tsm};
use caseload_domain::case::TransitionKind;
use caseload_domain::disclosure::LawfulBasis;
use caseload_domain::tsm::{OwnerAgency, TsmStatus};
use caseload_exchange::summary::{Cell, read_json};
use common::share::{demo, worker};

fn unzip_all(bytes: &[u8]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("xlsx is a zip");
    let mut all = Vec::new();
    for i in 0..archive.len() {
        archive
            .by_index(i)
            .expect("entry")
            .read_to_end(&mut all)
            .expect("inflate");
    }
    all
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    let hay = String::from_utf8_lossy(haystack).to_lowercase();
    hay.contains(&needle.to_lowercase())
}

#[test]
fn a_default_export_in_every_format_holds_no_pupils_name_even_one_typed_into_an_action() {
    let (dir, cx) = demo(5);
    worker(&cx, "aw-0005", &dir.path().join("share"));
    let cases = cases::case_list(&cx, ()).expect("cases");
    let names: Vec<String> = cases
        .iter()
        .flat_map(|c| [Some(c.legal_name.clone()), c.preferred_name.clone()])
        .flatten()
        .collect();
    assert!(!names.is_empty());
    // A worker types a pupil's name into a closure reason (free text).
    let first = &cases[0];
    let rest = "801200009123";
    let upn = format!(
        "{}{rest}",
        caseload_domain::upn::check_letter(rest.as_bytes()).expect("letter")
    );
    let id = common::add(&cx, &upn, "primary", 60);
    for (kind, days) in [
        (TransitionKind::Accept, 50),
        (TransitionKind::Allocate, 49),
        (TransitionKind::StartCycle, 48),
    ] {
        common::step(&cx, &id, kind, days).expect("step");
    }
    cases::case_transition(
        &cx,
        CaseTransitionRequest {
            id: id.clone(),
            kind: TransitionKind::Close,
            on_date: common::ago(1),
            team: None,
            worker: None,
            note: Some(format!("Closed: {} moved school", first.legal_name)),
            closure_category: Some(caseload_domain::ClosureCategory::MovedSchoolOrArea),
        },
    )
    .expect("close");
    // And into an action agreed at a meeting under way.
    let today = common::today().to_string();
    let meeting = tsm::tsm_list(&cx, ())
        .expect("meetings")
        .into_iter()
        .find(|m| m.status == TsmStatus::Planned && m.meeting_date <= today)
        .expect("the demo has a meeting under way");
    let view = tsm::tsm_action_add(
        &cx,
        TsmActionAddRequest {
            id: meeting.id.clone(),
            discussion_id: None,
        },
    )
    .expect("action");
    let action = view.general_actions.last().expect("added").id;
    tsm::tsm_action_update(
        &cx,
        TsmActionUpdateRequest {
            action_id: action,
            what: format!("Phone {}'s carer about mornings", cases[1].legal_name),
            owner_agency: OwnerAgency::School,
            owner_person: "Synthetic Head".into(),
            lead_practitioner: "Synthetic Lead".into(),
            due_on: String::new(),
        },
    )
    .expect("typed");
    let out = tempfile::tempdir().expect("out");
    for kind in ["funnel", "tsm-actions", "ward-bands", "closures"] {
        let saved = exchange::export_save_to(
            &cx,
            ExportSaveRequest {
                export: ExportRequest {
                    kind: kind.into(),
                    formats: vec!["csv".into(), "xlsx".into(), "pdf".into(), "json".into()],
                    from: Some(common::ago(400)),
                    to: Some(common::ago(0)),
                    ..Default::default()
                },
            },
            &Destination::folder(out.path()),
        )
        .expect("export");
        assert_eq!(saved.files.len(), 4);
        for file in &saved.files {
            let bytes = std::fs::read(&file.path).expect("read");
            let searched = if file.path.ends_with(".xlsx") {
                unzip_all(&bytes)
            } else {
                bytes.clone()
            };
            for name in &names {
                assert!(!contains(&bytes, name), "{name:?} found in {}", file.path);
                assert!(
                    !contains(&searched, name),
                    "{name:?} found inside {}",
                    file.path
                );
                for part in name.split_whitespace().filter(|p| p.len() > 3) {
                    assert!(
                        !contains(&searched, part),
                        "{part:?} found inside {}",
                        file.path
                    );
                }
            }
            assert!(
                !contains(&searched, first.upn.as_str()),
                "a UPN found in {}",
                file.path
            );
        }
    }
    // The closure was exported, with its pupil as a pseudonym and the reason scrubbed.
    let json_path = std::fs::read_dir(out.path())
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.to_string_lossy().contains("closures") && p.extension().is_some_and(|e| e == "json")
        })
        .expect("closures json");
    let summary = read_json(&std::fs::read(json_path).expect("read")).expect("summary");
    let rows = &summary.tables[0].rows;
    assert!(!rows.is_empty(), "the closed case is in the export");
    assert!(
        rows.iter()
            .all(|r| matches!(&r[0], Cell::Text(t) if t.starts_with("P-")))
    );
    // The reason leaves as the category chosen, never as the text typed beside it.
    assert!(rows.iter().any(|r| {
        r.iter()
            .any(|c| matches!(c, Cell::Text(t) if t == "Moved school or out of area"))
    }));
    assert!(rows.iter().all(|r| {
        r.iter()
            .all(|c| !matches!(c, Cell::Text(t) if t.contains("moved school")))
    }));
    let actions_json = std::fs::read_dir(out.path())
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.to_string_lossy().contains("tsm-actions")
                && p.extension().is_some_and(|e| e == "json")
        })
        .expect("tsm-actions json");
    let summary = read_json(&std::fs::read(actions_json).expect("read")).expect("summary");
    // The action's free text (what, owner, lead practitioner) is not in a default export at all.
    let keys: Vec<&str> = summary.tables[0]
        .columns
        .iter()
        .map(|c| c.key.as_str())
        .collect();
    for free in ["action", "owner_person", "lead_practitioner"] {
        assert!(!keys.contains(&free), "{free} in {keys:?}");
    }
    assert!(keys.contains(&"owner_agency"));
    assert!(!summary.tables[0].rows.is_empty());
    assert!(summary.tables[0].rows.iter().all(|r| {
        r.iter().all(|c| {
            !matches!(c, Cell::Text(t) if t.contains("mornings") || t.contains("Synthetic Head"))
        })
    }));
}

/// Every format, over the last 400 days.
fn all_formats(kind: &str) -> ExportRequest {
    ExportRequest {
        kind: kind.into(),
        formats: ["csv", "xlsx", "pdf", "json"].map(String::from).to_vec(),
        from: Some(common::ago(400)),
        to: Some(common::ago(0)),
        ..Default::default()
    }
}

#[test]
fn an_identifiable_export_without_a_structured_reason_is_refused() {
    let (dir, cx) = demo(5);
    worker(&cx, "aw-0005", &dir.path().join("share"));
    // The old free-string reason, even as the webview would send it: refused, not exported.
    let old: ExportRequest = serde_json::from_value(serde_json::json!({
        "kind": "closures",
        "formats": ["csv"],
        "identifiable_reason": "x",
    }))
    .expect("the old request still parses");
    let e = exchange::export_queue(&cx, old).expect_err("a bare reason");
    assert_eq!(common::field_names(&e), ["identifiable_reason"], "{e:?}");
    assert!(format!("{e:?}").contains("who receives"), "{e:?}");

    // Each piece missing or too short is named.
    let thin = ExportRequest {
        identifiable: Some(IdentifiableReason {
            recipient: "x".into(),
            lawful_basis: None,
            purpose: " ".into(),
        }),
        ..all_formats("closures")
    };
    let e = exchange::export_queue(&cx, thin).expect_err("x");
    assert_eq!(
        common::field_names(&e),
        ["recipient", "purpose", "lawful_basis"],
        "{e:?}"
    );
    let e = exchange::export_preview(&cx, all_formats("closures"));
    assert!(e.is_ok(), "a pseudonymised preview needs no reason");

    // Nothing was queued by the refusals.
    assert!(
        exchange::outbox_list(&cx, ())
            .expect("outbox")
            .items
            .is_empty()
    );

    // A full reason: the export names the pupil and records who, why and under which basis.
    let item = exchange::export_queue(
        &cx,
        ExportRequest {
            identifiable: Some(IdentifiableReason {
                recipient: "Legal officer, Synthetic Council legal services".into(),
                lawful_basis: Some(LawfulBasis::LegalProceedings),
                purpose: "Prepare the prosecution file".into(),
            }),
            ..all_formats("closures")
        },
    )
    .expect("identifiable");
    assert_eq!(item.status, OutboxStatus::Queued);
    let reason = item.identifiable_reason.expect("recorded");
    assert!(reason.contains("Legal officer"), "{reason}");
    assert!(reason.contains("Education Act 1996"), "{reason}");
    assert!(reason.contains("Prepare the prosecution file"), "{reason}");
}
