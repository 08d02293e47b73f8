//! The shared drive's inbox and the ward export: allocation files propose cases and updates
//! to details the worker has not touched (applied once the worker accepts them), but a value
//! the worker edited is never overwritten — both are shown and the worker chooses; the same file is never taken twice; attendance files
//! go through the validated importers; the ward export counts pupils by ward and band.

mod common;

use std::path::Path;

use caseload_app::cases::{CaseGetRequest, CaseUpdateRequest, PupilInput};
use caseload_app::exchange::{
    ConflictChoice, ConflictResolveRequest, ExportRequest, ExportSaveRequest, ShareSettings,
    SyncReport, SyncRequest,
};
use caseload_app::support::Destination;
use caseload_app::{Caseload, cases, exchange};
use caseload_domain::CaseId;
use caseload_exchange::summary::{Cell, read_json};

fn upn(rest: &str) -> String {
    format!(
        "{}{rest}",
        caseload_domain::upn::check_letter(rest.as_bytes()).expect("letter")
    )
}

fn set_up() -> (tempfile::TempDir, Caseload, std::path::PathBuf) {
    let (dir, cx) = common::created();
    let share = dir.path().join("share");
    std::fs::create_dir_all(&share).expect("share");
    exchange::share_settings_save(
        &cx,
        ShareSettings {
            folder: share.display().to_string(),
            worker_id: "aw-7".into(),
            team: "Team".into(),
        },
    )
    .expect("settings");
    (dir, cx, share)
}

fn drop_file(share: &Path, sub: &str, name: &str, text: &str) {
    let dir = share.join("caseload/inbox/aw-7").join(sub);
    std::fs::create_dir_all(&dir).expect("inbox");
    std::fs::write(dir.join(name), text).expect("write");
}

const HEADER: &str = "upn,legal_name,date_of_birth,school_urn,school_name,year_group,school_phase,referral_date,referral_source\n";

fn sync(cx: &Caseload) -> SyncReport {
    exchange::sync(cx, SyncRequest::default()).expect("sync")
}

#[test]
fn an_allocation_adds_cases_and_an_edited_field_waits_for_the_worker_to_choose() {
    let (_dir, cx, share) = set_up();
    let (a, b) = (upn("801200009201"), upn("801200009202"));
    drop_file(
        &share,
        "allocations",
        "allocations-1.csv",
        &format!(
            "{HEADER}{a},Inboxpupil Alpha-Synthetic,2014-02-01,100001,Elm Primary,6,primary,{},Council\n\
             {b},Inboxpupil Beta-Synthetic,2012-02-01,100002,Oak Academy,8,secondary,,\n",
            common::ago(3)
        ),
    );
    let report = sync(&cx);
    assert_eq!(
        (report.inbox_taken, report.inbox_refused),
        (1, 0),
        "{:?}",
        report.messages
    );
    assert!(cases::case_list(&cx, ()).expect("cases").is_empty());
    exchange::inbox_proposals_accept_all(&cx, ()).expect("accept");
    let cases = cases::case_list(&cx, ()).expect("cases");
    assert_eq!(cases.len(), 2);

    // The same file again is not taken twice.
    assert_eq!(sync(&cx).inbox_taken, 0);
    assert_eq!(cases::case_list(&cx, ()).expect("cases").len(), 2);

    // The worker corrects Alpha's school name; the council later changes both pupils' schools.
    let alpha = cases.iter().find(|c| c.upn == a).expect("alpha");
    let detail = cases::case_get(
        &cx,
        CaseGetRequest {
            id: alpha.id.clone(),
        },
    )
    .expect("get");
    let p = &detail.pupil;
    cases::case_update(
        &cx,
        CaseUpdateRequest {
            id: alpha.id.clone(),
            pupil: PupilInput {
                legal_name: p.legal_name.clone(),
                preferred_name: p.preferred_name.clone(),
                date_of_birth: p.date_of_birth.clone(),
                upn: p.upn.clone(),
                school_urn: p.school_urn.clone(),
                school_name: "Elm Primary School (worker's spelling)".into(),
                school_phase: Some("primary".into()),
                year_group: p.year_group.to_string(),
            },
        },
    )
    .expect("worker edits");
    drop_file(
        &share,
        "allocations",
        "allocations-2.csv",
        &format!(
            "{HEADER}{a},Inboxpupil Alpha-Synthetic,2014-02-01,100001,Elm Primary Academy,6,primary,,\n\
             {b},Inboxpupil Beta-Synthetic,2012-02-01,100002,Oak Academy Trust,8,secondary,,\n"
        ),
    );
    let report = sync(&cx);
    assert_eq!(report.conflicts_open, 1, "{:?}", report.messages);
    assert_eq!(report.proposals_open, 1, "{:?}", report.messages);
    exchange::inbox_proposals_accept_all(&cx, ()).expect("accept");
    let school = |id: &CaseId| {
        cases::case_get(&cx, CaseGetRequest { id: id.clone() })
            .expect("get")
            .pupil
            .school_name
    };
    let beta = cases.iter().find(|c| c.upn == b).expect("beta");
    assert_eq!(
        school(&beta.id),
        "Oak Academy Trust",
        "untouched fields take the update"
    );
    assert_eq!(
        school(&alpha.id),
        "Elm Primary School (worker's spelling)",
        "what the worker entered is never overwritten"
    );
    let inbox = exchange::inbox_get(&cx, ()).expect("inbox");
    let conflict = &inbox.conflicts[0];
    assert_eq!(conflict.field, "school_name");
    assert_eq!(
        conflict.worker_value,
        "Elm Primary School (worker's spelling)"
    );
    assert_eq!(conflict.incoming_value, "Elm Primary Academy");
    assert_eq!(conflict.case_id.as_ref(), Some(&alpha.id));

    let after = exchange::inbox_conflict_resolve(
        &cx,
        ConflictResolveRequest {
            id: conflict.id,
            keep: ConflictChoice::Incoming,
        },
    )
    .expect("choose");
    assert!(after.conflicts.is_empty());
    assert_eq!(school(&alpha.id), "Elm Primary Academy");
    assert_eq!(after.files.len(), 2);
}

#[test]
fn a_bad_allocation_file_is_refused_whole_with_the_reason_and_takes_nothing() {
    let (_dir, cx, share) = set_up();
    drop_file(
        &share,
        "allocations",
        "bad.csv",
        &format!(
            "{HEADER}{},Inboxpupil Gamma-Synthetic,2014-02-01,100001,Elm Primary,6,,,\nNOT-A-UPN,X Y,2014-02-01,100001,Elm,6,,,\n",
            upn("801200009203")
        ),
    );
    let report = sync(&cx);
    assert_eq!((report.inbox_taken, report.inbox_refused), (0, 1));
    assert!(
        report
            .messages
            .iter()
            .any(|m| m.contains("bad.csv") && m.contains("row 3")),
        "{:?}",
        report.messages
    );
    assert!(cases::case_list(&cx, ()).expect("cases").is_empty());
    let inbox = exchange::inbox_get(&cx, ()).expect("inbox");
    assert_eq!(inbox.files[0].outcome, "refused");
}

#[test]
fn attendance_files_from_the_inbox_feed_the_ward_export_by_ward_and_band() {
    let (dir, cx, share) = set_up();
    let rows = [
        ("801200009301", "Meadow", "primary", 100, 95),
        ("801200009302", "Meadow", "secondary", 100, 45),
        ("801200009303", "Abbey", "primary", 200, 21),
    ];
    let mut text = String::from(
        "upn,possible_sessions,present_sessions,authorised_absence_sessions,unauthorised_absence_sessions,as_at,school_phase,ward\n",
    );
    for (rest, ward, phase, possible, present) in rows {
        text.push_str(&format!(
            "{},{possible},{present},{},0,{},{phase},{ward}\n",
            upn(rest),
            possible - present,
            common::ago(2)
        ));
    }
    drop_file(&share, "attendance", "la-summary.csv", &text);
    drop_file(
        &share,
        "attendance",
        "~$la-summary.csv",
        "an Office lock file",
    );
    let report = sync(&cx);
    assert_eq!(
        (report.inbox_taken, report.inbox_refused),
        (1, 0),
        "{:?}",
        report.messages
    );
    let out = dir.path().join("out");
    let saved = exchange::export_save_to(
        &cx,
        ExportSaveRequest {
            export: ExportRequest {
                kind: "ward-bands".into(),
                formats: vec!["json".into()],
                ..Default::default()
            },
        },
        &Destination::folder(out),
    )
    .expect("export");
    let summary = read_json(&std::fs::read(&saved.files[0].path).expect("read")).expect("json");
    let counts = summary
        .tables
        .iter()
        .find(|t| t.id == "ward_counts")
        .expect("counts");
    let row = |ward: &str| {
        counts
            .rows
            .iter()
            .find(|r| r[0] == Cell::text(ward))
            .expect("ward")
            .clone()
    };
    let meadow = row("Meadow");
    let col = |key: &str| {
        counts
            .columns
            .iter()
            .position(|c| c.key == key)
            .expect("column")
    };
    assert_eq!(meadow[col("band_91_100")], Cell::Count(1));
    assert_eq!(meadow[col("band_41_50")], Cell::Count(1));
    assert_eq!(
        row("Abbey")[col("band_11_20")],
        Cell::Count(1),
        "10.5% rounds to 11"
    );
}
