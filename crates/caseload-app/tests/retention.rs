//! Retention on a temporary encrypted caseload, with the day given (no waiting years): which
//! closed cases are due and why, purging only those, the council's rule in Settings, and
//! delivered export bytes dropped after the rule's days.

mod common;

use caseload_app::cases::{self, CaseAddRequest, CaseGetRequest, PupilInput};
use caseload_app::retention::{self, RetentionPurgeRequest};
use caseload_app::settings;
use caseload_app::{AppError, Caseload, exchange};
use caseload_domain::CaseId;
use caseload_domain::case::TransitionKind as T;
use caseload_domain::retention::RetentionSettings;
use chrono::{Duration, NaiveDate, Utc};
use common::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn add_born(cx: &Caseload, upn: &str, dob: &str) -> CaseId {
    cases::case_add(
        cx,
        CaseAddRequest {
            pupil: PupilInput {
                legal_name: "Testpupil Retention".into(),
                preferred_name: None,
                date_of_birth: dob.into(),
                upn: upn.into(),
                school_urn: "100000".into(),
                school_name: "Synthetic School".into(),
                school_phase: Some("secondary".into()),
                year_group: "11".into(),
            },
            referral_source: Some("School".into()),
            referral_date: Some(ago(60)),
        },
    )
    .expect("add")
    .id
}

fn close(cx: &Caseload, id: &CaseId) {
    step(cx, id, T::Accept, 50).expect("accept");
    step(cx, id, T::Allocate, 40).expect("allocate");
    step(cx, id, T::Close, 30).expect("close");
}

fn purge(cx: &Caseload, ids: &[&CaseId], on: NaiveDate) -> Result<u32, AppError> {
    retention::purge_on(
        cx,
        RetentionPurgeRequest {
            ids: ids.iter().map(|id| (*id).clone()).collect(),
        },
        on,
        Utc::now(),
    )
    .map(|r| r.cases)
}

#[test]
fn only_closed_cases_due_under_the_rule_are_listed_and_purged() {
    let (_d, cx) = created();
    let closed = add_born(&cx, "B801200005001", "2014-03-27");
    close(&cx, &closed);
    let open = add_born(&cx, "Q801200005002", "2013-01-01");
    step(&cx, &open, T::Accept, 50).expect("accept");
    let reopened = add_born(&cx, "E801200005003", "2012-06-30");
    close(&cx, &reopened);
    step(&cx, &reopened, T::Reopen, 10).expect("reopen");

    // The closed pupil turns 25 on 27 March 2039 (closure + 6 years is earlier).
    assert!(
        retention::list_on(&cx, d(2039, 3, 26))
            .expect("list")
            .cases
            .is_empty()
    );
    let list = retention::list_on(&cx, d(2039, 3, 27)).expect("list");
    assert_eq!(list.rule, RetentionSettings::default());
    assert_eq!(
        list.cases.len(),
        1,
        "the open and reopened cases are never due"
    );
    assert_eq!(list.cases[0].id, closed);
    assert_eq!(list.cases[0].due_on, "2039-03-27");
    assert_eq!(list.cases[0].why, "Pupil turned 25 on 27 March 2039");
    assert_eq!(list.cases[0].closed_on, ago(30));

    // Refused: a case not closed, a case not yet due, no case at all — and nothing goes.
    let e = purge(&cx, &[&closed, &open], d(2045, 1, 1)).expect_err("open case");
    assert_eq!(e.kind(), "conflict");
    assert!(e.to_string().contains("not closed"), "{e}");
    let e = purge(&cx, &[&reopened], d(2045, 1, 1)).expect_err("reopened case");
    assert!(e.to_string().contains("not closed"), "{e}");
    let e = purge(&cx, &[&closed], d(2039, 3, 26)).expect_err("not yet due");
    assert_eq!(
        e.to_string(),
        format!(
            "Case {closed} is not due for review for deletion until 27 March 2039. Nothing was deleted"
        )
    );
    assert_eq!(
        field_names(&purge(&cx, &[], d(2045, 1, 1)).expect_err("none")),
        vec!["cases"]
    );
    assert_eq!(cases::case_list(&cx, ()).expect("list").len(), 3);

    // Due: deleted, with counts only in the report.
    let report = retention::purge_on(
        &cx,
        RetentionPurgeRequest {
            ids: vec![closed.clone(), closed.clone()],
        },
        d(2039, 3, 27),
        Utc::now(),
    )
    .expect("purge");
    assert_eq!(report.cases, 1);
    assert!(report.records >= 5, "{report:?}");
    assert_eq!(
        cases::case_get(&cx, CaseGetRequest { id: closed.clone() })
            .expect_err("gone")
            .kind(),
        "not_found"
    );
    assert!(
        retention::list_on(&cx, d(2039, 3, 27))
            .expect("list")
            .cases
            .is_empty()
    );
    assert_eq!(cases::case_list(&cx, ()).expect("list").len(), 2);
}

#[test]
fn the_council_changes_the_rule_in_settings_within_bounds() {
    let (_d, cx) = created();
    let closed = add_born(&cx, "B801200005001", "2008-01-15");
    close(&cx, &closed);
    let today = today();
    assert!(
        retention::list_on(&cx, today)
            .expect("list")
            .cases
            .is_empty()
    );
    let mut s = settings::settings_get(&cx, ()).expect("get");
    assert_eq!(s.retention, RetentionSettings::default());
    s.retention = RetentionSettings {
        age_years: 18,
        years_after_closure: 1,
        outbox_purge_days: 7,
    };
    let bad = settings::Settings {
        retention: RetentionSettings {
            age_years: 17,
            years_after_closure: 0,
            outbox_purge_days: 0,
        },
        ..s.clone()
    };
    let e = settings::settings_save(&cx, bad).expect_err("out of range");
    assert_eq!(
        field_names(&e),
        vec![
            "retention_age_years",
            "retention_years_after_closure",
            "outbox_purge_days"
        ]
    );
    assert_eq!(settings::settings_save(&cx, s.clone()).expect("saved"), s);
    // Closed 30 days ago: due a year after closure (the pupil is already over 18).
    let closed_on = today - Duration::days(30);
    let due_on = caseload_domain::retention::add_years(closed_on, 1);
    let list = retention::list_on(&cx, due_on).expect("list");
    assert_eq!(list.cases.len(), 1);
    assert_eq!(
        list.cases[0].why,
        format!(
            "Closed 1 year ago on {}",
            caseload_domain::dates::long_date(closed_on)
        )
    );
    assert_eq!(purge(&cx, &[&closed], due_on).expect("purge"), 1);
}

#[test]
fn delivered_export_bytes_are_dropped_after_the_rules_days_and_never_sent_again() {
    let (d, cx) = created();
    add_born(&cx, "B801200005001", "2014-03-27");
    let share = d.path().join("share");
    std::fs::create_dir_all(&share).expect("share");
    common::share::worker(&cx, "aw-1", &share);
    let item = common::share::queue(&cx, "funnel", &["csv"]);
    let report = exchange::sync(&cx, Default::default()).expect("sync");
    assert_eq!(report.delivered, 1);
    let delivered_at = Utc::now();
    assert_eq!(
        retention::purge_delivered_exports_at(&cx, delivered_at + Duration::days(29))
            .expect("purge"),
        0
    );
    assert_eq!(
        retention::purge_delivered_exports_at(&cx, delivered_at + Duration::days(31))
            .expect("purge"),
        1
    );
    let outbox = exchange::outbox_list(&cx, ()).expect("outbox");
    let kept = outbox
        .items
        .iter()
        .find(|i| i.export_id == item.export_id)
        .expect("the record stays");
    assert!(kept.delivered_at.is_some());
    assert!(!kept.files.is_empty());
    // A later sync delivers nothing again.
    let again = exchange::sync(&cx, Default::default()).expect("sync");
    assert_eq!(again.delivered, 0);
}
