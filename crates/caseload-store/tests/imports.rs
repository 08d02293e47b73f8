//! Attendance imports on a real encrypted store: one transaction per import, a cancel leaves
//! nothing, a later import's mark replaces an earlier one, summaries are kept per import.

use std::ops::ControlFlow;

use caseload_domain::attendance::SessionCounts;
use caseload_domain::attendance::marks::{Session, SessionMark};
use caseload_domain::{ImportId, Passphrase};
use caseload_store::imports::{self, ImportKind, ImportRecord, SummaryRecord};
use caseload_store::{Action, KdfParams, Store, StoreError};
use chrono::{Duration, NaiveDate, Utc};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tmp");
    let store = Store::create(
        dir.path(),
        &Passphrase::new("correct horse battery".into()),
        KdfParams::insecure_for_tests(),
    )
    .expect("create");
    (dir, store)
}

fn record(kind: ImportKind) -> ImportRecord {
    ImportRecord {
        id: ImportId(0),
        kind,
        file_name: "file.csv".into(),
        sha256: "0".repeat(64),
        rows: 1,
        pupils: 1,
        first_date: None,
        last_date: None,
        imported_at: String::new(),
    }
}

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 3).expect("date") + Duration::days(n)
}

fn import(
    store: &mut Store,
    marks: &[(NaiveDate, &str)],
    cancel_after: Option<usize>,
) -> Result<ImportId, StoreError> {
    let marks: Vec<SessionMark> = marks
        .iter()
        .map(|(d, code)| SessionMark::new(*d, Session::Am, code).expect("code"))
        .collect();
    store.write(Action::ImportMarks, |w| {
        let id = imports::record(w, &record(ImportKind::Marks), Utc::now())?;
        let mut progress = |n: usize| match cancel_after {
            Some(limit) if n >= limit => ControlFlow::Break(()),
            _ => ControlFlow::Continue(()),
        };
        imports::insert_marks(
            w,
            id,
            marks.iter().map(|m| ("B801200005001", m)),
            &mut progress,
        )?;
        Ok(id)
    })
}

#[test]
fn a_cancelled_import_leaves_neither_its_record_nor_any_mark() {
    let (_d, mut store) = store();
    let many: Vec<(NaiveDate, &str)> = (0..25_000).map(|i| (day(i), "/")).collect();
    let cancelled = import(&mut store, &many, Some(10_000));
    assert!(matches!(cancelled, Err(StoreError::Cancelled)));
    assert!(imports::list(&store.read()).expect("list").is_empty());
    assert!(
        imports::marks_of(&store.read(), "B801200005001")
            .expect("marks")
            .is_empty()
    );
}

#[test]
fn a_later_import_of_the_same_session_replaces_the_earlier_mark() {
    let (_d, mut store) = store();
    import(&mut store, &[(day(0), "N"), (day(1), "/")], None).expect("first");
    import(&mut store, &[(day(0), "I")], None).expect("second");
    let codes: Vec<&str> = imports::marks_of(&store.read(), "B801200005001")
        .expect("marks")
        .iter()
        .map(|m| m.code.code)
        .collect();
    assert_eq!(codes, vec!["I", "/"]);
    let listed = imports::list(&store.read()).expect("list");
    assert_eq!(listed.len(), 2);
    // The replaced mark belongs to the later import now: each import holds one of the two.
    for import in &listed {
        let held = caseload_store::testing::count_rows(
            &store,
            "SELECT 1 FROM session_marks WHERE import_id = CAST(?1 AS INTEGER)",
            &import.id.0.to_string(),
        )
        .expect("count");
        assert_eq!(held, 1, "import {}", import.id.0);
    }
    // A file that repeats a session already written in the same import: the later row wins.
    import(&mut store, &[(day(1), "M"), (day(1), "O")], None).expect("third");
    let codes: Vec<&str> = imports::marks_of(&store.read(), "B801200005001")
        .expect("marks")
        .iter()
        .map(|m| m.code.code)
        .collect();
    assert_eq!(codes, vec!["I", "O"]);
}

#[test]
fn each_summary_import_is_kept_so_the_latest_two_can_be_compared() {
    let (_d, mut store) = store();
    for (present, as_at) in [(80, day(0)), (90, day(30)), (95, day(60))] {
        store
            .write(Action::ImportSummary, |w| {
                let id = imports::record(w, &record(ImportKind::Summary), Utc::now())?;
                let row = SummaryRecord {
                    import_id: id,
                    upn: "B801200005001".into(),
                    as_at,
                    counts: SessionCounts::new(100, present, 100 - present, 0).expect("counts"),
                    school_urn: Some("100000".into()),
                    school_phase: None,
                    year_group: Some(7),
                    ward: None,
                    postcode: None,
                };
                imports::insert_summaries(w, id, [&row], &mut |_| ControlFlow::Continue(()))?;
                Ok(())
            })
            .expect("summary");
    }
    let two = imports::latest_two_of(&store.read(), "B801200005001").expect("latest");
    assert_eq!(
        two.iter().map(|s| s.counts.present).collect::<Vec<_>>(),
        vec![95, 90]
    );
    let school = imports::school_latest(&store.read(), "100000").expect("school");
    assert_eq!(school.len(), 1);
    assert_eq!(school[0].1.as_ref().map(|p| p.counts.present), Some(90));
}

fn summary_at(upn: &str, ward: Option<&str>, postcode: Option<&str>) -> SummaryRecord {
    SummaryRecord {
        import_id: ImportId(0),
        upn: upn.into(),
        as_at: day(0),
        counts: SessionCounts::new(10, 9, 1, 0).expect("counts"),
        school_urn: None,
        school_phase: None,
        year_group: None,
        ward: ward.map(String::from),
        postcode: postcode.map(String::from),
    }
}

/// The ward is looked up when a report reads the summaries: a lookup loaded after the import
/// places its pupils, the file's own ward wins, and a failed load leaves the lookup as it was.
#[test]
fn the_postcode_lookup_places_pupils_already_imported_and_the_files_ward_wins() {
    use caseload_store::postcode_wards::{self, PostcodeWard};
    use caseload_store::report_sources::latest_summaries_between;
    let (_dir, mut store) = store();
    let rows = [
        summary_at("A1", Some("Synthetic Abbey"), Some("ZZ99 1AA")),
        summary_at("A2", None, Some("ZZ99 1AA")),
        summary_at("A3", None, Some("ZZ99 9ZZ")),
        summary_at("A4", Some("  "), None),
    ];
    store
        .write(Action::ImportSummary, |w| {
            let id = imports::record(w, &record(ImportKind::Summary), Utc::now())?;
            imports::insert_summaries(w, id, &rows, &mut |_| ControlFlow::Continue(()))
        })
        .expect("import");
    let wards = |store: &Store| -> Vec<Option<String>> {
        let mut found = latest_summaries_between(&store.read(), day(0), day(0)).expect("read");
        found.sort_by_key(|s| s.ward.clone());
        found.into_iter().map(|s| s.ward).collect()
    };
    assert_eq!(
        wards(&store),
        [None, None, None, Some("Synthetic Abbey".into())]
    );
    let meadow = PostcodeWard {
        postcode: "ZZ99 1AA".into(),
        ward_code: "E05000001".into(),
        ward_name: "Synthetic Meadow".into(),
    };
    store
        .write(Action::PostcodeLookupLoad, |w| {
            postcode_wards::replace_all(w, [meadow.clone()], &mut |_| ControlFlow::Continue(()))
        })
        .expect("load");
    assert_eq!(
        wards(&store),
        [
            None,
            None,
            Some("Synthetic Abbey".into()),
            Some("Synthetic Meadow".into())
        ]
    );
    // A load that fails part-way rolls back: the lookup still has its postcode.
    let failed = store.write(Action::PostcodeLookupLoad, |w| {
        postcode_wards::clear(w)?;
        Err::<(), _>(StoreError::Cancelled)
    });
    assert!(failed.is_err());
    assert_eq!(postcode_wards::count(&store.read()).expect("count"), 1);
    assert_eq!(
        postcode_wards::ward_of(&store.read(), "ZZ99 1AA").expect("ward"),
        Some(("E05000001".into(), "Synthetic Meadow".into()))
    );
}
