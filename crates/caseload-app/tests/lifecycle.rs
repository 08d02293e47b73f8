//! The lifecycle, attendance, dashboard and funnel use cases on a temporary encrypted store.

use caseload_app::types::*;
use caseload_app::{AppError, Caseload, KdfProfile, commands};
use chrono::{Duration, NaiveDate, Utc};

fn today() -> NaiveDate {
    Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .date_naive()
}

fn ago(days: i64) -> String {
    (today() - Duration::days(days)).to_string()
}

fn created() -> (tempfile::TempDir, Caseload) {
    let dir = tempfile::tempdir().expect("tmp");
    let cx = Caseload::new(dir.path().join("data"), KdfProfile::InsecureForTests);
    let pass = "correct horse battery".to_string();
    commands::caseload_create(
        &cx,
        CreateCaseloadRequest {
            passphrase: pass.clone(),
            passphrase_confirm: pass,
        },
    )
    .expect("create");
    (dir, cx)
}

fn add(cx: &Caseload, upn: &str, phase: &str, referred_days_ago: i64) -> CaseId {
    commands::case_add(
        cx,
        CaseAddRequest {
            pupil: PupilInput {
                legal_name: "Testpupil Lifecycle".into(),
                preferred_name: None,
                date_of_birth: "2014-03-27".into(),
                upn: upn.into(),
                school_urn: "100000".into(),
                school_name: "Synthetic School".into(),
                school_phase: Some(phase.into()),
                year_group: "7".into(),
            },
            referral_source: Some("School".into()),
            referral_date: Some(ago(referred_days_ago)),
        },
    )
    .expect("add")
    .id
}

fn step(
    cx: &Caseload,
    id: &CaseId,
    kind: TransitionKind,
    days_ago: i64,
) -> Result<CaseDetail, AppError> {
    let allocate = kind == TransitionKind::Allocate;
    commands::case_transition(
        cx,
        CaseTransitionRequest {
            id: id.clone(),
            kind,
            on_date: ago(days_ago),
            team: allocate.then(|| "afsw".to_string()),
            worker: allocate.then(|| "A. Worker".to_string()),
            note: matches!(
                kind,
                TransitionKind::Close
                    | TransitionKind::Decline
                    | TransitionKind::FamilyDeclined
                    | TransitionKind::Reopen
            )
            .then(|| "Reason given".to_string()),
        },
    )
}

fn reading(cx: &Caseload, id: &CaseId, days_ago: i64, present: u32) {
    commands::attendance_record(
        cx,
        AttendanceRecordRequest {
            id: id.clone(),
            as_at: ago(days_ago),
            possible: "100".into(),
            present: present.to_string(),
            authorised: (100 - present).to_string(),
            unauthorised: "0".into(),
        },
    )
    .expect("reading");
}

#[test]
fn a_case_accepted_allocated_and_started_shows_its_midpoint_check_as_next_due() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 30);
    step(&cx, &id, TransitionKind::Accept, 29).expect("accept");
    step(&cx, &id, TransitionKind::Allocate, 28).expect("allocate");
    let detail = step(&cx, &id, TransitionKind::StartCycle, 25).expect("start");
    assert_eq!(detail.status, CaseStatus::Active);
    let due = detail.next_due.expect("due");
    assert_eq!(
        (due.kind, due.due_on.clone(), due.overdue),
        (DueKind::MidpointCheck, ago(4), true)
    );
    assert_eq!(detail.history.len(), 4);
    assert!(
        detail
            .allowed_transitions
            .contains(&TransitionKind::MidpointCheck)
    );
}

#[test]
fn a_step_out_of_order_is_refused_with_what_must_happen_first() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 3);
    let e = step(&cx, &id, TransitionKind::Allocate, 1).expect_err("refused");
    assert_eq!(e.kind(), "invalid_transition");
    assert!(e.to_string().contains("Accept the case"));
    let before_referral = step(&cx, &id, TransitionKind::Accept, 5).expect_err("before referral");
    assert_eq!(before_referral.kind(), "validation");
}

#[test]
fn the_dashboard_shows_open_cases_with_attendance_trend_flags_and_due_items() {
    let (_d, cx) = created();
    let active = add(&cx, "B801200005001", "primary", 30);
    for (kind, days) in [
        (TransitionKind::Accept, 29),
        (TransitionKind::Allocate, 28),
        (TransitionKind::StartCycle, 22),
    ] {
        step(&cx, &active, kind, days).expect("step");
    }
    reading(&cx, &active, 20, 85);
    reading(&cx, &active, 2, 70);
    let declined = add(&cx, "P207000016049", "secondary", 10);
    step(&cx, &declined, TransitionKind::Decline, 9).expect("decline");
    let dash = commands::dashboard(&cx, ()).expect("dashboard");
    assert_eq!(dash.rows.len(), 1, "declined cases are not open");
    let row = &dash.rows[0];
    assert_eq!(row.attendance_pct, Some(70.0));
    assert_eq!(row.trend, Some(Trend::Down));
    assert!(row.persistent_absence && !row.severe_absence);
    assert_eq!(dash.due_this_week, vec![active]);
}

#[test]
fn the_funnel_counts_the_worked_cases_of_the_period_by_phase() {
    let (_d, cx) = created();
    let improved = add(&cx, "B801200005001", "primary", 60);
    reading(&cx, &improved, 60, 70);
    for (kind, days) in [
        (TransitionKind::Accept, 59),
        (TransitionKind::Allocate, 58),
        (TransitionKind::StartCycle, 55),
        (TransitionKind::Close, 10),
    ] {
        step(&cx, &improved, kind, days).expect("step");
    }
    reading(&cx, &improved, 11, 90);
    let family = add(&cx, "P207000016049", "secondary", 40);
    step(&cx, &family, TransitionKind::Accept, 39).expect("accept");
    step(&cx, &family, TransitionKind::FamilyDeclined, 30).expect("family declined");
    let report = commands::report_funnel(
        &cx,
        FunnelRequest {
            from: ago(90),
            to: ago(0),
        },
    )
    .expect("funnel");
    let row = |key: &str| {
        report
            .rows
            .iter()
            .find(|r| r.key == key)
            .expect("row")
            .clone()
    };
    assert_eq!(
        (
            row("cases_accepted").primary,
            row("cases_accepted").secondary,
            row("cases_accepted").total
        ),
        (1, 1, 2)
    );
    assert_eq!(row("assigned_afsw").total, 1);
    assert_eq!(row("closed_after_cycle").primary, 1);
    assert_eq!(row("closed_improved").primary, 1);
    assert_eq!(row("families_declined").secondary, 1);
    assert_eq!(report.improved_pct, vec![Some(100.0), None, Some(100.0)]);
}

#[test]
fn attendance_figures_that_do_not_add_up_are_refused_at_the_sessions_field() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 3);
    let e = commands::attendance_record(
        &cx,
        AttendanceRecordRequest {
            id,
            as_at: ago(1),
            possible: "10".into(),
            present: "9".into(),
            authorised: "2".into(),
            unauthorised: "x".into(),
        },
    )
    .expect_err("invalid");
    let AppError::Validation { fields, .. } = e else {
        panic!("validation expected")
    };
    assert!(fields.iter().all(|f| f.field == "sessions"));
}

#[test]
fn settings_default_to_the_two_funnel_teams_and_a_six_week_cycle_and_can_change() {
    let (_d, cx) = created();
    let s = commands::settings_get(&cx, ()).expect("get");
    assert_eq!(
        s.teams.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        vec!["afsw", "taskforce"]
    );
    assert_eq!((s.cycle.cycle_weeks, s.cycle.midpoint_week), (6, 3));
    let mut changed = s.clone();
    changed.cycle = CycleSettings {
        cycle_weeks: 8,
        midpoint_week: 4,
    };
    changed.teams.push(Team {
        id: "early-help".into(),
        name: "Early help".into(),
    });
    assert_eq!(
        commands::settings_update(&cx, changed.clone()).expect("update"),
        changed
    );
    let bad = Settings {
        cycle: CycleSettings {
            cycle_weeks: 6,
            midpoint_week: 6,
        },
        ..changed
    };
    assert_eq!(
        commands::settings_update(&cx, bad).expect_err("bad").kind(),
        "validation"
    );
}

#[test]
fn search_answers_with_cases_matching_every_typed_word() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 3);
    add(&cx, "P207000016049", "secondary", 3);
    let hits = commands::search(
        &cx,
        SearchRequest {
            query: "B80120".into(),
        },
    )
    .expect("search");
    assert_eq!(
        hits.iter().map(|h| h.case_id.clone()).collect::<Vec<_>>(),
        vec![id]
    );
    assert_eq!(
        commands::search(
            &cx,
            SearchRequest {
                query: "testpupil synth".into()
            }
        )
        .expect("search")
        .len(),
        2
    );
    assert!(
        commands::search(&cx, SearchRequest { query: "".into() })
            .expect("search")
            .is_empty()
    );
}

fn entry_request(case_id: &CaseId, what: &str, corrects: Option<String>) -> ChronologyAddRequest {
    ChronologyAddRequest {
        case_id: case_id.clone(),
        kind: ContactKind::HomeVisit,
        occurred_at: format!("{}T10:30", ago(2)),
        who: "Parent and worker".into(),
        what: what.into(),
        outcome: Some("Agreed a morning routine".into()),
        next_step: None,
        corrects,
    }
}

#[test]
fn a_correction_is_a_new_entry_shown_with_the_one_it_corrects() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 5);
    let first = commands::chronology_add(&cx, entry_request(&id, "Visited; pupil at home", None))
        .expect("add");
    let original = first[0].id.clone();
    let after = commands::chronology_add(
        &cx,
        entry_request(&id, "Visited; pupil was at school", Some(original.clone())),
    )
    .expect("correct");
    assert_eq!(after.len(), 2);
    assert_eq!(
        after[0].what, "Visited; pupil at home",
        "the original is kept as it was"
    );
    assert_eq!(after[0].corrected_by, vec![after[1].id.clone()]);
    assert_eq!(after[1].corrects, Some(original));
    let calls = commands::chronology_list(
        &cx,
        ChronologyListRequest {
            case_id: id,
            kind: Some(ContactKind::PhoneCall),
        },
    )
    .expect("filter");
    assert!(calls.is_empty());
}

#[test]
fn a_correction_must_point_at_an_entry_of_the_same_case() {
    let (_d, cx) = created();
    let a = add(&cx, "B801200005001", "primary", 5);
    let b = add(&cx, "P207000016049", "primary", 5);
    let entry_of_a = commands::chronology_add(&cx, entry_request(&a, "Call", None)).expect("add")
        [0]
    .id
    .clone();
    let e = commands::chronology_add(&cx, entry_request(&b, "Call", Some(entry_of_a)))
        .expect_err("cross-case");
    let AppError::Validation { fields, .. } = e else {
        panic!("validation expected")
    };
    assert_eq!(fields[0].field, "corrects");
}

#[test]
fn an_entry_in_the_future_or_without_what_happened_is_refused() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 5);
    let mut future = entry_request(&id, "", None);
    future.occurred_at = format!("{}T10:30", (today() + Duration::days(2)));
    let AppError::Validation { fields, .. } =
        commands::chronology_add(&cx, future).expect_err("invalid")
    else {
        panic!("validation expected")
    };
    let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(names, vec!["occurred_at", "what"]);
}

#[test]
fn a_plan_with_a_smart_target_and_two_actions_makes_the_earliest_open_action_next_due() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 10);
    let plan = commands::plan_set(
        &cx,
        PlanSetRequest {
            case_id: id.clone(),
            barriers: vec![Barrier::SemhEbsa, Barrier::Transport],
            other_barriers: Some("Sibling's hospital appointments".into()),
            target_pct: Some("92.5".into()),
            target_by: Some((today() + Duration::days(60)).to_string()),
            interventions: Some("Morning check-in with a trusted adult".into()),
            review_dates: vec![(today() + Duration::days(20)).to_string()],
        },
    )
    .expect("plan");
    assert_eq!(plan.target_pct, Some(92.5));
    for (what, days) in [("Arrange bus pass", 3), ("Refer to EBSA service", -2)] {
        commands::plan_action_add(
            &cx,
            PlanActionAddRequest {
                case_id: id.clone(),
                what: what.into(),
                owner: "LA attendance team".into(),
                due_on: (today() + Duration::days(days)).to_string(),
            },
        )
        .expect("action");
    }
    let detail = commands::case_get(&cx, CaseGetRequest { id: id.clone() }).expect("case");
    let due = detail.next_due.expect("due");
    assert_eq!(
        (due.kind, due.what.as_deref(), due.overdue),
        (DueKind::Action, Some("Refer to EBSA service"), true)
    );
    let plan = commands::plan_get(
        &cx,
        PlanGetRequest {
            case_id: id.clone(),
        },
    )
    .expect("plan");
    let overdue = plan
        .actions
        .iter()
        .find(|a| a.overdue)
        .expect("overdue action")
        .id
        .clone();
    commands::plan_action_status(
        &cx,
        PlanActionStatusRequest {
            case_id: id.clone(),
            action_id: overdue,
            status: ActionStatus::Done,
            on_date: ago(0),
        },
    )
    .expect("done");
    let dash = commands::dashboard(&cx, ()).expect("dashboard");
    let next = dash.rows[0].next_due.clone().expect("due");
    assert_eq!(next.what.as_deref(), Some("Arrange bus pass"));
    assert_eq!(
        dash.due_this_week.len(),
        usize::from(today() + Duration::days(3) <= caseload_domain::due::end_of_week(today()))
    );
}

#[test]
fn a_target_without_a_date_and_an_action_without_an_owner_are_refused_at_their_fields() {
    let (_d, cx) = created();
    let id = add(&cx, "B801200005001", "primary", 10);
    let e = commands::plan_set(
        &cx,
        PlanSetRequest {
            case_id: id.clone(),
            barriers: vec![],
            other_barriers: None,
            target_pct: Some("95".into()),
            target_by: None,
            interventions: None,
            review_dates: vec![],
        },
    )
    .expect_err("no date");
    let AppError::Validation { fields, .. } = e else {
        panic!("validation expected")
    };
    assert_eq!(fields[0].field, "target_by");
    let e = commands::plan_action_add(
        &cx,
        PlanActionAddRequest {
            case_id: id,
            what: "Call".into(),
            owner: " ".into(),
            due_on: ago(0),
        },
    )
    .expect_err("no owner");
    let AppError::Validation { fields, .. } = e else {
        panic!("validation expected")
    };
    assert_eq!(fields[0].field, "owner");
}

#[test]
fn a_pupil_with_two_parents_and_a_sibling_at_another_school_is_seen_as_one_family() {
    let (_d, cx) = created();
    let pupil = add(&cx, "B801200005001", "primary", 5);
    let sibling = add(&cx, "P207000016049", "secondary", 5);
    let details = commands::pupil_details_set(
        &cx,
        PupilDetailsSetRequest {
            case_id: pupil.clone(),
            address: Some("1 Synthetic Row\nDemo Town".into()),
            postcode: Some("zz9 9zz".into()),
            ward: Some("Demo Ward".into()),
            flags: vec![PupilFlag::Fsm, PupilFlag::Ebsa],
            key_professionals: vec![KeyProfessional {
                role: "School nurse".into(),
                name: "Nurse Demo".into(),
                organisation: "Demo NHS".into(),
                contact: String::new(),
            }],
        },
    )
    .expect("details");
    assert_eq!(details.postcode.as_deref(), Some("ZZ9 9ZZ"));
    for (name, relationship, pr) in [
        ("Parentone Demofam", "Mother", true),
        ("Parenttwo Demofam", "Stepfather", false),
    ] {
        commands::carer_add(
            &cx,
            CarerAddRequest {
                case_id: pupil.clone(),
                name: name.into(),
                relationship: relationship.into(),
                phone: None,
                email: None,
                parental_responsibility: pr,
            },
        )
        .expect("carer");
    }
    commands::sibling_link(
        &cx,
        SiblingLinkRequest {
            case_id: pupil.clone(),
            sibling_case_id: sibling.clone(),
        },
    )
    .expect("link");
    let from_sibling = commands::family_get(
        &cx,
        FamilyGetRequest {
            case_id: sibling.clone(),
        },
    )
    .expect("family");
    let family = from_sibling.family.expect("family");
    assert_eq!(family.carers.len(), 2);
    assert!(family.carers[0].parental_responsibility && !family.carers[1].parental_responsibility);
    assert_eq!(
        family
            .siblings
            .iter()
            .map(|s| s.case_id.clone())
            .collect::<Vec<_>>(),
        vec![Some(pupil.clone())]
    );
    let hits = commands::search(
        &cx,
        SearchRequest {
            query: "parentone".into(),
        },
    )
    .expect("search");
    assert_eq!(hits.len(), 2, "both children are found by a carer's name");
    let e = commands::sibling_link(
        &cx,
        SiblingLinkRequest {
            case_id: pupil.clone(),
            sibling_case_id: pupil,
        },
    )
    .expect_err("self");
    assert_eq!(e.kind(), "validation");
}
