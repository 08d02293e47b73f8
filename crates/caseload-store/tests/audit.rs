//! The audit trail on real SQLCipher databases: one entry per write, append-only in the schema,
//! a hash chain whose check names an edited, deleted, inserted or reordered entry, and no
//! personal data in any column.

use caseload_domain::audit::{ChainBreak, ChainCheck, GENESIS};
use caseload_domain::{Passphrase, PupilDraft};
use caseload_store::{Action, KdfParams, Store, StoreError, audit, cases, testing};
use chrono::{NaiveDate, TimeZone, Utc};

const NAME: &str = "Auditpupil Quillfeather-Xyzzy";
const UPN: &str = "B801200005001";
const DOB: &str = "2014-03-27";

fn setup(cases_to_add: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = Store::create(
        dir.path(),
        &Passphrase::new("correct horse battery".into()),
        KdfParams::insecure_for_tests(),
    )
    .expect("create");
    let upns = [
        "B801200005001",
        "P207000016049",
        "A123456789012",
        "H801200001001",
        "U801200002001",
    ];
    for upn in upns.iter().take(cases_to_add) {
        let pupil = PupilDraft {
            legal_name: NAME,
            preferred_name: Some("Quill"),
            date_of_birth: DOB,
            upn,
            school_urn: "100000",
            school_name: "Synthetic Primary School",
            school_phase: Some("primary"),
            year_group: "7",
        }
        .validate(NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"))
        .expect("valid pupil");
        let referral = cases::Referral {
            source: "School".into(),
            date: NaiveDate::from_ymd_opt(2026, 9, 8).expect("date"),
        };
        store
            .write(Action::CaseAdd, |w| {
                let record = cases::add(w, &pupil, &referral, Utc::now())?;
                w.audit_entity("case", record.id.as_str());
                Ok(record)
            })
            .expect("add");
    }
    (dir, store)
}

fn check(store: &Store) -> ChainCheck {
    audit::verify(&store.read()).expect("verify")
}

/// Tampers as someone holding the key could: the triggers dropped first, inside a write (whose
/// own entry is appended after the tampering, at the end of the trail).
fn tamper(store: &mut Store, sql: &str) {
    store
        .write(Action::SettingsUpdate, |w| {
            testing::execute(
                w,
                &format!(
                    "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; {sql}"
                ),
            )
        })
        .expect("tamper");
}

#[test]
fn every_write_appends_one_chained_entry_naming_its_action_and_entity() {
    let (_d, mut store) = setup(2);
    store
        .write(Action::Unlock, |_w| Ok(()))
        .expect("a write that changes no rows");
    let all = audit::all(&store.read()).expect("all");
    assert_eq!(all.len(), 3);
    assert_eq!(all[0].seq, 1);
    assert_eq!(all[0].prev_hash, GENESIS);
    assert_eq!(all[1].prev_hash, all[0].hash);
    assert_eq!(all[0].fields.action, "case_add");
    assert_eq!(all[0].fields.entity_type, "case");
    assert_eq!(all[0].fields.case_id, all[0].fields.entity_id);
    assert!(!all[0].fields.worker.is_empty());
    assert!(all[0].fields.at.ends_with('Z'), "{}", all[0].fields.at);
    assert_eq!(all[2].fields.action, "unlock");
    assert_eq!(all[2].fields.entity_type, "");
    assert_eq!(check(&store), ChainCheck::Intact { entries: 3 });
}

#[test]
fn a_write_that_fails_leaves_no_entry() {
    let (_d, mut store) = setup(1);
    let failed: Result<(), StoreError> = store.write(Action::CaseUpdate, |w| {
        w.audit_entity("case", "x");
        Err(StoreError::Cancelled)
    });
    assert!(failed.is_err());
    assert_eq!(audit::all(&store.read()).expect("all").len(), 1);
}

#[test]
fn the_schema_refuses_to_update_or_delete_an_entry() {
    let (_d, mut store) = setup(2);
    for (sql, words) in [
        (
            "UPDATE audit_log SET detail = 'x' WHERE seq = 1",
            "cannot be changed",
        ),
        ("DELETE FROM audit_log WHERE seq = 1", "cannot be deleted"),
    ] {
        let result = store.write(Action::SettingsUpdate, |w| testing::execute(w, sql));
        let message = result.expect_err(sql).to_string();
        assert!(
            message.contains("append-only") && message.contains(words),
            "{message}"
        );
    }
    assert_eq!(check(&store), ChainCheck::Intact { entries: 2 });
}

#[test]
fn verify_names_an_edited_entry() {
    let (_d, mut store) = setup(5);
    tamper(
        &mut store,
        "UPDATE audit_log SET action = 'case_update' WHERE seq = 3",
    );
    assert_eq!(
        check(&store),
        ChainCheck::Broken {
            entries: 6,
            problem: ChainBreak::Edited { seq: 3 }
        }
    );
}

#[test]
fn verify_names_a_deleted_entry() {
    let (_d, mut store) = setup(5);
    tamper(&mut store, "DELETE FROM audit_log WHERE seq = 3");
    assert_eq!(
        check(&store),
        ChainCheck::Broken {
            entries: 5,
            problem: ChainBreak::Deleted { from: 3, to: 3 }
        }
    );
}

#[test]
fn verify_names_an_inserted_entry() {
    let (_d, mut store) = setup(5);
    // Make room at 3 by moving 3..5 up one, and put a forged entry there.
    tamper(
        &mut store,
        "UPDATE audit_log SET seq = seq + 100 WHERE seq >= 3;
         UPDATE audit_log SET seq = seq - 99 WHERE seq >= 100;
         INSERT INTO audit_log (seq, at, worker, action, prev_hash, hash)
         VALUES (3, '2026-12-06T10:00:00.000Z', 'someone', 'case_add',
                 (SELECT hash FROM audit_log WHERE seq = 2), 'forged');",
    );
    assert_eq!(
        check(&store),
        ChainCheck::Broken {
            entries: 7,
            problem: ChainBreak::Inserted { seq: 3 }
        }
    );
}

#[test]
fn verify_names_reordered_entries() {
    let (_d, mut store) = setup(5);
    tamper(
        &mut store,
        "UPDATE audit_log SET seq = 100 WHERE seq = 2;
         UPDATE audit_log SET seq = 2 WHERE seq = 4;
         UPDATE audit_log SET seq = 4 WHERE seq = 100;",
    );
    assert_eq!(
        check(&store),
        ChainCheck::Broken {
            entries: 6,
            problem: ChainBreak::Reordered {
                seq: 2,
                belongs_after: 3
            }
        }
    );
}

#[test]
fn an_entry_holds_no_personal_data() {
    let (_d, store) = setup(1);
    for r in audit::all(&store.read()).expect("all") {
        let f = &r.fields;
        for column in [
            &f.at,
            &f.worker,
            &f.action,
            &f.entity_type,
            &f.entity_id,
            &f.case_id,
            &f.detail,
            &r.prev_hash,
            &r.hash,
        ] {
            for personal in [NAME, "Quillfeather", "Quill", UPN, DOB] {
                assert!(!column.contains(personal), "{personal} in the audit trail");
            }
        }
    }
}

#[test]
fn entries_are_listed_newest_first_and_filtered() {
    let (_d, mut store) = setup(3);
    store.write(Action::Lock, |_w| Ok(())).expect("lock");
    let all = audit::list(&store.read(), &audit::Filter::default()).expect("list");
    assert_eq!(
        all.iter().map(|r| r.seq).collect::<Vec<_>>(),
        vec![4, 3, 2, 1]
    );
    let case_id = all[1].fields.case_id.clone();
    let of_case = audit::Filter {
        case_id: Some(case_id),
        ..Default::default()
    };
    assert_eq!(audit::list(&store.read(), &of_case).expect("case").len(), 1);
    let locks = audit::Filter {
        action: Some("lock".into()),
        ..Default::default()
    };
    assert_eq!(audit::list(&store.read(), &locks).expect("lock").len(), 1);
    let today = Utc::now().date_naive();
    let window = audit::Filter {
        since: Some(today),
        until: Some(today),
        limit: Some(2),
        ..Default::default()
    };
    assert_eq!(
        audit::list(&store.read(), &window).expect("window").len(),
        2
    );
    let past = audit::Filter {
        until: today.pred_opt(),
        ..Default::default()
    };
    assert!(audit::list(&store.read(), &past).expect("past").is_empty());
}

#[test]
fn failed_unlocks_are_recorded_with_their_times_on_the_next_unlock() {
    let (_d, mut store) = setup(0);
    let at = Utc
        .with_ymd_and_hms(2026, 12, 6, 9, 15, 0)
        .single()
        .expect("time");
    store
        .audit_failed_unlocks(&[at, at + chrono::Duration::seconds(4)])
        .expect("record");
    let all = audit::all(&store.read()).expect("all");
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].fields.action, "unlock_failed");
    assert_eq!(
        all[0].fields.detail,
        "failed attempt at 2026-12-06T09:15:00.000Z"
    );
    assert_eq!(check(&store), ChainCheck::Intact { entries: 2 });
}

#[test]
fn a_named_entity_and_its_case_are_both_kept_with_detail() {
    let (_d, mut store) = setup(0);
    store
        .write(Action::ChronologyAdd, |w| {
            w.audit_entity("case", "case-1");
            w.audit_entity("chronology_entry", "entry-9");
            w.audit_detail("changed: legal_name");
            w.audit_detail("1 record");
            Ok(())
        })
        .expect("write");
    let all = audit::all(&store.read()).expect("all");
    let f = &all[0].fields;
    assert_eq!(
        (
            f.entity_type.as_str(),
            f.entity_id.as_str(),
            f.case_id.as_str()
        ),
        ("chronology_entry", "entry-9", "case-1")
    );
    assert_eq!(f.detail, "changed: legal_name; 1 record");
    assert_eq!(
        audit::action_name(&Action::InboxConflictResolve),
        "inbox_conflict_resolve"
    );
}
