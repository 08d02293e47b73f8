//! Every past schema has a fixture caseload (made by the build that introduced it) that this
//! build must open, upgrade and read without loss. When a migration is added, generate the new
//! version's fixture with:
//! `CASELOAD_WRITE_FIXTURE=1 cargo test -p caseload-store --test fixtures -- --ignored`

use std::fs;
use std::path::{Path, PathBuf};

use caseload_domain::tsm::{Attendee, OwnerAgency, Term};
use caseload_domain::{Passphrase, PupilDraft};
use caseload_store::{
    Action, KdfParams, SCHEMA_VERSION, Store, cases, imports, legal, tsm_actions, tsms,
};
use chrono::{NaiveDate, TimeZone, Utc};

/// The fixtures' passphrase (they hold only synthetic data and use cheap test KDF parameters).
const FIXTURE_PASSPHRASE: &str = "fixture passphrase only";

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

#[test]
fn every_past_schema_fixture_upgrades_to_the_current_schema_without_loss() {
    for version in 1..=SCHEMA_VERSION {
        let fixture = fixtures_root().join(format!("schema-{version}"));
        assert!(
            fixture.is_dir(),
            "missing fixture for schema {version}: generate it (see this file's header)"
        );
        let tmp = tempfile::tempdir().expect("tmp");
        copy_dir(&fixture, tmp.path());
        let store = Store::unlock(tmp.path(), &Passphrase::new(FIXTURE_PASSPHRASE.into()))
            .expect("unlock fixture");
        assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
        let list = cases::list(&store.read()).expect("list");
        assert_eq!(list.len(), 2, "schema {version} fixture lost cases");
        let upns: Vec<&str> = list.iter().map(|c| c.pupil.upn.as_str()).collect();
        assert!(upns.contains(&"B801200005001") && upns.contains(&"P207000016049"));
        let first = list
            .iter()
            .find(|c| c.pupil.upn.as_str() == "B801200005001")
            .expect("case");
        assert_eq!(
            first.pupil.legal_name.as_str(),
            "Fixturepupil Alpha-Synthetic"
        );
        assert_eq!(
            first.pupil.preferred_name.as_ref().map(|n| n.as_str()),
            Some("Alf")
        );
        if version >= 8 {
            let meetings = tsms::list(&store.read()).expect("meetings");
            assert_eq!(meetings.len(), 1, "schema {version} fixture lost its TSM");
            let actions = tsm_actions::of_meeting(&store.read(), &meetings[0].id).expect("actions");
            assert_eq!(actions[0].fields.what, "Fixture action");
        }
        if version >= 10 {
            let steps = legal::for_case(&store.read(), &first.id).expect("legal steps");
            assert_eq!(
                steps.len(),
                1,
                "schema {version} fixture lost its legal step"
            );
            assert_eq!(steps[0].recorded.step.decided_by, "Fixture Manager");
        }
        if version >= 12 {
            let outbox = caseload_store::outbox::list(&store.read()).expect("outbox");
            assert_eq!(outbox.len(), 1, "schema {version} fixture lost its export");
            assert_eq!(outbox[0].files[0].0, "fixture-funnel.csv");
            let conflicts =
                caseload_store::inbox::open_conflicts(&store.read()).expect("conflicts");
            assert_eq!(conflicts[0].incoming_value, "Council School");
        }
        if version >= 13 {
            let check = caseload_store::audit::verify(&store.read()).expect("audit");
            assert!(
                matches!(check, caseload_domain::audit::ChainCheck::Intact { entries } if entries >= 5),
                "schema {version} fixture's audit trail: {check:?}"
            );
        }
        if version >= 11 {
            let marks = imports::marks_of(&store.read(), "B801200005001").expect("marks");
            assert_eq!(
                marks.iter().map(|m| m.code.code).collect::<Vec<_>>(),
                vec!["N"]
            );
            let reviews =
                caseload_store::families::part_time_reviews(&store.read()).expect("reviews");
            assert_eq!(
                reviews
                    .get(&first.pupil_id)
                    .map(|d| d.to_string())
                    .as_deref(),
                Some("2026-10-05")
            );
        }
    }
}

#[test]
#[ignore = "writes the fixture for the current schema; run by hand when adding a migration"]
fn write_fixture_for_the_current_schema() {
    if std::env::var_os("CASELOAD_WRITE_FIXTURE").is_none() {
        return;
    }
    let dir = fixtures_root().join(format!("schema-{SCHEMA_VERSION}"));
    let _ = fs::remove_dir_all(&dir);
    let mut store = Store::create(
        &dir,
        &Passphrase::new(FIXTURE_PASSPHRASE.into()),
        KdfParams::insecure_for_tests(),
    )
    .expect("create");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let at = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("time");
    for (name, preferred, upn) in [
        ("Fixturepupil Alpha-Synthetic", Some("Alf"), "B801200005001"),
        ("Fixturepupil Beta-Synthetic", None, "P207000016049"),
    ] {
        let pupil = PupilDraft {
            legal_name: name,
            preferred_name: preferred,
            date_of_birth: "2013-09-01",
            upn,
            school_urn: "100000",
            school_name: "Synthetic Fixture Academy",
            school_phase: None,
            year_group: "8",
        }
        .validate(today)
        .expect("valid");
        let referral = cases::Referral {
            source: "Fixture".into(),
            date: today,
        };
        store
            .write(Action::CaseAdd, |w| cases::add(w, &pupil, &referral, at))
            .expect("add");
    }
    let school = caseload_domain::link_school::LinkSchoolDraft {
        urn: "100000",
        name: "Synthetic Fixture Academy",
        phase: "secondary",
        ..Default::default()
    }
    .validate()
    .expect("link school");
    store
        .write(Action::LinkSchoolSet, |w| {
            caseload_store::link_schools::set(w, &school, at)
        })
        .expect("school");
    let meeting = NaiveDate::from_ymd_opt(2026, 10, 5).expect("date");
    store
        .write(Action::TsmPlan, |w| {
            let id = tsms::plan(w, "100000", Term::containing(meeting), meeting, at)?;
            tsms::set_attendees(
                w,
                &id,
                &[Attendee {
                    name: "Fixture Champion".into(),
                    role: "Senior attendance champion".into(),
                    organisation: "School".into(),
                }],
            )?;
            let pupil = tsms::NewDiscussion {
                name: "Fixturepupil Beta-Synthetic".into(),
                upn: Some("P207000016049".into()),
                ..Default::default()
            };
            let d = tsms::add_discussion(w, &id, &pupil, at)?;
            let a = tsm_actions::add(w, &id, Some(d), OwnerAgency::EarlyHelp, at)?;
            tsm_actions::update(
                w,
                a,
                &tsm_actions::ActionFields {
                    what: "Fixture action".into(),
                    owner_agency: OwnerAgency::EarlyHelp,
                    owner_person: "Fixture Officer".into(),
                    lead_practitioner: String::new(),
                    due_on: Some(meeting),
                },
                at,
            )
        })
        .expect("tsm");
    let first = cases::list(&store.read())
        .expect("list")
        .into_iter()
        .find(|c| c.pupil.upn.as_str() == "B801200005001")
        .expect("case");
    let contract = caseload_domain::legal::LegalStep {
        on: meeting,
        decided_by: "Fixture Manager".into(),
        notes: None,
        reason: None,
        details: caseload_domain::legal::StepDetails::AttendanceContract {
            parents_present: true,
            terms: "Fixture terms".into(),
            compliance: None,
        },
    };
    store
        .write(Action::LegalStepAdd, |w| {
            legal::add(w, &first.id, &contract, None, at)
        })
        .expect("legal step");
    // Schema 9: an import of one session mark; schema 11: a part-time timetable review date.
    let mark = caseload_domain::attendance::marks::SessionMark::new(
        meeting,
        caseload_domain::attendance::marks::Session::Am,
        "N",
    )
    .expect("code");
    store
        .write(Action::ImportMarks, |w| {
            let record = imports::ImportRecord {
                id: caseload_domain::ImportId(0),
                kind: imports::ImportKind::Marks,
                file_name: "fixture-marks.csv".into(),
                sha256: "0".repeat(64),
                rows: 1,
                pupils: 1,
                first_date: Some(meeting),
                last_date: Some(meeting),
                imported_at: String::new(),
            };
            let id = imports::record(w, &record, at)?;
            imports::insert_marks(w, id, [("B801200005001", &mark)], &mut |_| {
                std::ops::ControlFlow::Continue(())
            })?;
            let details = caseload_domain::family::PupilDetails {
                flags: vec![caseload_domain::family::PupilFlag::PartTimeTimetable],
                part_time_review_on: Some(meeting),
                ..Default::default()
            };
            caseload_store::families::set_details(w, &first.pupil_id, &details, at)
        })
        .expect("import and details");
    // Schema 12: one queued export and one inbox file with an open conflict.
    store
        .write(Action::ExportQueue, |w| {
            caseload_store::outbox::queue(
                w,
                &caseload_store::outbox::NewExport {
                    export_id: "0190a000-0000-7000-8000-000000000001".into(),
                    kind: "funnel".into(),
                    formats: vec!["csv".into()],
                    period_from: Some(meeting),
                    period_to: Some(meeting),
                    identifiable_reason: None,
                    files: vec![caseload_store::outbox::OutboxFile {
                        name: "fixture-funnel.csv".into(),
                        format: "csv".into(),
                        rows: 1,
                        sha256: "1".repeat(64),
                        bytes: b"row\r\n".to_vec(),
                    }],
                },
                at,
            )?;
            let file = caseload_store::inbox::record(
                w,
                "allocations",
                "fixture-allocations.csv",
                &"2".repeat(64),
                "taken",
                "1 case",
                at,
            )?;
            caseload_store::inbox::raise(
                w,
                &first.pupil_id,
                "school_name",
                "Worker School",
                "Council School",
                file,
                at,
            )
        })
        .expect("outbox and inbox");
    drop(store);
    let _ = fs::remove_file(dir.join("caseload.lock"));
}
