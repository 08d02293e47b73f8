//! The shared drive cannot inject (issue 14): an allocation file proposes, the worker
//! decides; a symbolic link or pipe in the inbox is named and never read, stored or shown; a
//! symlinked worker folder stops delivery with nothing written through it; file names from the
//! share are escaped in every message.
#![cfg(unix)]

mod common;

use std::os::unix::fs::symlink;
use std::path::Path;

use caseload_app::exchange::{ProposalDecideRequest, SyncReport, SyncRequest};
use caseload_app::{Caseload, audit, cases, exchange};
use common::share::{queue, worker};

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
    worker(&cx, "aw-7", &share);
    (dir, cx, share)
}

fn inbox_dir(share: &Path, sub: &str) -> std::path::PathBuf {
    let dir = share.join("caseload/inbox/aw-7").join(sub);
    std::fs::create_dir_all(&dir).expect("inbox");
    dir
}

const HEADER: &str = "upn,legal_name,date_of_birth,school_urn,school_name,year_group,school_phase,referral_date,referral_source\n";

fn sync(cx: &Caseload) -> SyncReport {
    exchange::sync(cx, SyncRequest::default()).expect("sync")
}

fn allocation(a: &str, b: &str) -> String {
    format!(
        "{HEADER}{a},Proposalpupil Alpha-Synthetic,2014-02-01,100001,Elm Primary,6,primary,,Council\n\
         {b},Proposalpupil Beta-Synthetic,2012-02-01,100002,Oak Academy,8,secondary,,\n"
    )
}

#[test]
fn an_allocation_creates_no_case_until_the_worker_accepts_and_refusing_leaves_nothing() {
    let (_dir, cx, share) = set_up();
    let (a, b) = (upn("801200009401"), upn("801200009402"));
    std::fs::write(
        inbox_dir(&share, "allocations").join("allocations-1.csv"),
        allocation(&a, &b),
    )
    .expect("drop");

    let report = sync(&cx);
    assert_eq!(report.inbox_taken, 1, "{:?}", report.messages);
    assert_eq!(report.proposals_open, 2);
    assert!(
        cases::case_list(&cx, ()).expect("cases").is_empty(),
        "no case exists until the worker accepts"
    );

    let inbox = exchange::inbox_get(&cx, ()).expect("inbox");
    assert_eq!(inbox.proposals.len(), 2);
    let alpha = inbox.proposals.iter().find(|p| p.upn == a).expect("alpha");
    let beta = inbox.proposals.iter().find(|p| p.upn == b).expect("beta");
    assert_eq!(alpha.kind, "new_case");
    assert_eq!(alpha.file_name, "allocations-1.csv");
    assert_eq!(alpha.pupil_name, "Proposalpupil Alpha-Synthetic");
    assert!(
        alpha
            .changes
            .iter()
            .any(|c| c.field == "school_name" && c.from.is_empty() && c.to == "Elm Primary")
    );

    let after = exchange::inbox_proposal_accept(&cx, ProposalDecideRequest { id: alpha.id })
        .expect("accept");
    assert_eq!(after.proposals.len(), 1);
    let list = cases::case_list(&cx, ()).expect("cases");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].upn, a);

    let after = exchange::inbox_proposal_refuse(&cx, ProposalDecideRequest { id: beta.id })
        .expect("refuse");
    assert!(after.proposals.is_empty());
    assert_eq!(
        cases::case_list(&cx, ()).expect("cases").len(),
        1,
        "refusing creates nothing"
    );

    // Both decisions are audited by the proposal's id, with no personal value in the detail.
    let trail = audit::audit_list(&cx, Default::default()).expect("audit");
    let text = format!("{trail:?}");
    assert!(text.contains("inbox_proposal_accept") && text.contains("inbox_proposal_refuse"));
    assert!(!text.contains("Proposalpupil") && !text.contains(&b));
}

#[test]
fn a_changed_detail_of_an_existing_case_waits_for_acceptance() {
    let (_dir, cx, share) = set_up();
    let (a, b) = (upn("801200009411"), upn("801200009412"));
    let allocations = inbox_dir(&share, "allocations");
    std::fs::write(allocations.join("one.csv"), allocation(&a, &b)).expect("drop");
    sync(&cx);
    exchange::inbox_proposals_accept_all(&cx, ()).expect("accept all");
    assert_eq!(cases::case_list(&cx, ()).expect("cases").len(), 2);

    std::fs::write(
        allocations.join("two.csv"),
        allocation(&a, &b).replace("Oak Academy", "Oak Academy Trust"),
    )
    .expect("drop");
    let report = sync(&cx);
    assert_eq!(report.proposals_open, 1, "{:?}", report.messages);
    let beta_case = cases::case_list(&cx, ())
        .expect("cases")
        .into_iter()
        .find(|c| c.upn == b)
        .expect("beta");
    let school = || {
        cases::case_get(
            &cx,
            cases::CaseGetRequest {
                id: beta_case.id.clone(),
            },
        )
        .expect("get")
        .pupil
        .school_name
    };
    assert_eq!(school(), "Oak Academy", "not changed before acceptance");
    let inbox = exchange::inbox_get(&cx, ()).expect("inbox");
    let p = &inbox.proposals[0];
    assert_eq!(p.kind, "update");
    assert_eq!(p.case_id.as_ref(), Some(&beta_case.id));
    assert_eq!(
        (
            p.changes[0].field.as_str(),
            p.changes[0].from.as_str(),
            p.changes[0].to.as_str()
        ),
        ("school_name", "Oak Academy", "Oak Academy Trust")
    );
    exchange::inbox_proposal_accept(&cx, ProposalDecideRequest { id: p.id }).expect("accept");
    assert_eq!(school(), "Oak Academy Trust");
}

#[test]
fn an_inbox_symlink_to_a_private_file_is_not_read_stored_or_shown() {
    let (dir, cx, share) = set_up();
    let private = dir.path().join("private.csv");
    std::fs::write(
        &private,
        "Privatefirstline Synthetic-Secret,of the worker's own file\n",
    )
    .expect("private");
    symlink(
        &private,
        inbox_dir(&share, "allocations").join("allocations.csv"),
    )
    .expect("link");

    let report = sync(&cx);
    assert_eq!((report.inbox_taken, report.inbox_refused), (0, 1));
    let shown = format!("{report:?}");
    assert!(
        shown.contains("allocations.csv") && shown.contains("symbolic link"),
        "{shown}"
    );
    assert!(!shown.contains("Privatefirstline"), "{shown}");
    let inbox = exchange::inbox_get(&cx, ()).expect("inbox");
    assert!(inbox.files.is_empty(), "nothing about it was stored");
    assert!(!format!("{inbox:?}").contains("Privatefirstline"));
}

#[test]
fn a_fifo_in_the_inbox_does_not_hang_sync_and_is_refused() {
    let (_dir, cx, share) = set_up();
    let fifo = inbox_dir(&share, "attendance").join("week-1.csv");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let report = sync(&cx);
    assert_eq!(report.inbox_refused, 1);
    assert!(
        report
            .messages
            .iter()
            .any(|m| m.starts_with("week-1.csv: ") && m.contains("not a regular file")),
        "{:?}",
        report.messages
    );
}

#[test]
fn file_names_with_terminal_escapes_are_escaped_in_the_sync_report_and_the_inbox() {
    let (_dir, cx, share) = set_up();
    std::fs::write(
        inbox_dir(&share, "allocations").join("x\u{1b}]0;owned\u{7}.csv"),
        "not,an allocation\n",
    )
    .expect("drop");
    let report = sync(&cx);
    let all = report.messages.join("\n");
    assert!(all.contains("x\\u{1b}]0;owned\\u{7}.csv"), "{all}");
    assert!(!all.contains('\u{1b}') && !all.contains('\u{7}'));
    let inbox = exchange::inbox_get(&cx, ()).expect("inbox");
    assert_eq!(inbox.files[0].file_name, "x\\u{1b}]0;owned\\u{7}.csv");
}

#[test]
fn an_unchanged_inbox_file_is_not_read_again() {
    let (_dir, cx, share) = set_up();
    let file = inbox_dir(&share, "allocations").join("bad.csv");
    std::fs::write(&file, "not,an allocation\n").expect("drop");
    assert_eq!(sync(&cx).inbox_refused, 1);
    // Same name, size and time: not read again (so not refused again either).
    let again = sync(&cx);
    assert_eq!((again.inbox_taken, again.inbox_refused), (0, 0));
}

#[test]
fn a_symlinked_worker_folder_stops_delivery_and_nothing_is_written_through_it() {
    let (dir, cx) = common::share::demo(14);
    let share = dir.path().join("share");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(share.join("caseload/deliveries")).expect("share");
    std::fs::create_dir_all(&elsewhere).expect("elsewhere");
    symlink(&elsewhere, share.join("caseload/deliveries/aw-7")).expect("link");
    worker(&cx, "aw-7", &share);
    queue(&cx, "funnel", &["csv"]);

    let report = sync(&cx);
    assert_eq!((report.delivered, report.failed), (0, 1));
    assert!(
        report
            .messages
            .iter()
            .any(|m| m.contains("caseload/deliveries/aw-7") && m.contains("symbolic link")),
        "{:?}",
        report.messages
    );
    assert_eq!(
        std::fs::read_dir(&elsewhere).expect("list").count(),
        0,
        "the link's target is untouched"
    );
}
