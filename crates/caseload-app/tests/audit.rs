//! The audit trail through the app's commands: each write names its action and entity, pupil
//! changes keep which fields changed (names only), unlock and lock are recorded, the list filters
//! and reads in words, and verify reports an intact chain.

mod common;

use caseload_app::audit::{AuditListRequest, audit_list, audit_verify};
use caseload_app::cases::{CaseUpdateRequest, case_add, case_update};
use caseload_app::chronology::chronology_add;
use caseload_app::family::{PupilDetailsSetRequest, pupil_details_set};
use caseload_app::session::{self, UnlockRequest};
use caseload_app::support::Destination;
use common::*;

const DISTINCT: &str = "Canarypupil Vexwhistle-Oddjob";

fn list(cx: &caseload_app::Caseload, req: AuditListRequest) -> caseload_app::audit::AuditListView {
    audit_list(cx, req).expect("audit list")
}

#[test]
fn case_writes_are_audited_with_their_entity_and_changed_field_names_only() {
    let (_d, cx) = created();
    let mut pupil = input();
    pupil.legal_name = DISTINCT.into();
    let case = case_add(&cx, new_case(pupil.clone())).expect("add");
    chronology_add(
        &cx,
        entry_request(&case.id, "Visited the family at home", None),
    )
    .expect("entry");
    pupil.legal_name = "Canarypupil Renamed-Oddjob".into();
    pupil.date_of_birth = "2014-03-28".into();
    case_update(
        &cx,
        CaseUpdateRequest {
            id: case.id.clone(),
            pupil,
        },
    )
    .expect("update");
    pupil_details_set(
        &cx,
        PupilDetailsSetRequest {
            case_id: case.id.clone(),
            address: Some("1 Synthetic Street".into()),
            postcode: Some("ZZ1 1ZZ".into()),
            ward: None,
            flags: vec![],
            key_professionals: vec![],
            part_time_review_on: None,
        },
    )
    .expect("details");

    let view = list(
        &cx,
        AuditListRequest {
            case_id: Some(case.id.to_string()),
            ..Default::default()
        },
    );
    let actions: Vec<&str> = view.entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        vec![
            "pupil_details_set",
            "case_update",
            "chronology_add",
            "case_add"
        ]
    );
    assert_eq!(view.entries[3].action_label, "Case added");
    assert_eq!(view.entries[2].action_label, "Chronology entry added");
    assert_eq!(view.entries[2].entity_type, "chronology_entry");
    assert_eq!(view.entries[1].detail, "changed: legal_name, date_of_birth");
    assert_eq!(view.entries[0].detail, "changed: address, postcode");
    assert!(
        view.entries
            .iter()
            .all(|e| e.case_id.as_deref() == Some(case.id.as_str()))
    );

    let everything = serde_json::to_string(&list(&cx, AuditListRequest::default())).expect("json");
    for personal in [
        DISTINCT,
        "Canarypupil",
        "Renamed",
        "B801200005001",
        "2014-03-2",
        "Synthetic Street",
        "ZZ1",
        "Visited",
    ] {
        assert!(
            !everything.contains(personal),
            "{personal} is in the audit trail"
        );
    }
}

#[test]
fn unlock_and_lock_are_audited_and_the_chain_checks_intact() {
    let (_d, cx) = created();
    add(&cx, "B801200005001", "primary", 3);
    session::lock(&cx, ()).expect("lock");
    session::unlock(
        &cx,
        UnlockRequest {
            passphrase: "correct horse battery".into(),
        },
    )
    .expect("unlock");
    let view = list(&cx, AuditListRequest::default());
    let actions: Vec<&str> = view.entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(&actions[..3], &["unlock", "lock", "case_add"]);
    assert_eq!(view.entries[0].action_label, "Unlocked");
    assert_eq!(view.entries[1].action_label, "Locked");
    assert!(view.entries[0].at.ends_with('Z'));
    let verify = audit_verify(&cx, ()).expect("verify");
    assert!(verify.intact, "{}", verify.message);
    assert_eq!(verify.entries as usize, view.entries.len());
    assert!(verify.message.contains("intact"));
}

#[test]
fn the_list_filters_by_action_dates_and_limit_and_offers_the_actions_found() {
    let (_d, cx) = created();
    add(&cx, "B801200005001", "primary", 3);
    add(&cx, "P207000016049", "secondary", 3);
    let adds = list(
        &cx,
        AuditListRequest {
            action: Some("case_add".into()),
            limit: Some(1),
            ..Default::default()
        },
    );
    assert_eq!(adds.entries.len(), 1);
    assert!(
        adds.actions
            .iter()
            .any(|a| a.action == "case_add" && a.label == "Case added")
    );
    let today = today().to_string();
    let since_today = list(
        &cx,
        AuditListRequest {
            since: Some(today.clone()),
            until: Some(today.clone()),
            ..Default::default()
        },
    );
    assert!(!since_today.entries.is_empty());
    let wrong = audit_list(
        &cx,
        AuditListRequest {
            since: Some(today),
            until: Some(ago(3)),
            ..Default::default()
        },
    )
    .expect_err("to before from");
    assert_eq!(field_names(&wrong), vec!["to"]);
    let not_a_date = audit_list(
        &cx,
        AuditListRequest {
            since: Some("yesterday".into()),
            ..Default::default()
        },
    )
    .expect_err("not a date");
    assert_eq!(field_names(&not_a_date), vec!["from"]);
}

#[test]
fn an_action_added_later_still_reads_in_words() {
    assert_eq!(
        caseload_app::audit::action_label("outbox_purge"),
        "Delivered exports purged"
    );
    assert_eq!(
        caseload_app::audit::action_label("some_new_thing"),
        "Some new thing"
    );
}

#[test]
fn exports_queued_delivered_and_saved_as_a_copy_are_audited_by_their_id() {
    use caseload_app::exchange::{self, ExportRequest, ExportSaveRequest, SyncRequest};
    let (dir, cx) = common::share::demo(11);
    let share = dir.path().join("share");
    std::fs::create_dir_all(&share).expect("share");
    common::share::worker(&cx, "afsw-01", &share);
    let queued = common::share::queue(&cx, "funnel", &["csv"]);
    exchange::sync(&cx, SyncRequest::default()).expect("sync");
    let out = dir.path().join("copies");
    let saved = exchange::export_save_to(
        &cx,
        ExportSaveRequest {
            export: ExportRequest {
                kind: "funnel".into(),
                formats: vec!["csv".into()],
                ..Default::default()
            },
        },
        &Destination::folder(out),
    )
    .expect("save");
    let view = list(&cx, AuditListRequest::default());
    let of_export = |id: &str| -> Vec<(String, String)> {
        view.entries
            .iter()
            .filter(|e| e.entity_type == "export" && e.entity_id == id)
            .map(|e| (e.action.clone(), e.detail.clone()))
            .collect()
    };
    assert_eq!(
        of_export(queued.export_id.as_str()),
        vec![
            ("export_delivery".to_string(), "delivered".to_string()),
            (
                "export_queue".to_string(),
                "funnel; csv,json; pseudonymised".to_string()
            ),
        ]
    );
    assert_eq!(
        of_export(saved.export_id.as_str()),
        vec![(
            "export_local_copy".to_string(),
            "funnel; csv; pseudonymised; 1 file".to_string()
        )]
    );
    assert!(
        view.entries
            .iter()
            .any(|e| e.action == "demo_fill" && e.detail == "12 synthetic cases")
    );
}
