//! Purging under the retention rule: a case and everything hanging off it — its pupil (when no
//! other case is about them), chronology, plan and actions, lifecycle events, legal steps, the
//! pupil's readings, imported marks and summaries, allocation values and conflicts, the family
//! when no other pupil is in it (with its carers and children), TSM discussions and their
//! actions and reviews, the pupil's search row, and queued or delivered export files that name
//! the pupil — and delivered export bytes dropped from the outbox after a number of days.
//!
//! Every connection runs with `PRAGMA secure_delete = ON` (see `open.rs`), so a deleted row's
//! bytes are overwritten in its page; [`Store::vacuum`] then rebuilds the file so no free page
//! or WAL frame keeps it. The counts returned are all the audit trail records: never what.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use crate::columns::timestamp;
use crate::error::StoreError;
use crate::open::Store;
use crate::write::{Reader, Writer};
use caseload_domain::CaseId;

/// What a purge deleted: how many cases, and how many rows in all (the cases' included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PurgeCounts {
    pub cases: u64,
    pub records: u64,
    /// Export files whose bytes named a purged pupil: dropped (delivered) or deleted (queued).
    pub export_files: u64,
}

struct Target {
    pupil_id: String,
    upn: String,
    legal_name: String,
    preferred_name: Option<String>,
    family_id: Option<String>,
}

fn target(w: &Writer<'_>, case_id: &CaseId) -> Result<Target, StoreError> {
    w.conn
        .query_row(
            "SELECT p.id AS pupil_id, p.upn AS upn, p.legal_name AS legal_name,
                    p.preferred_name AS preferred_name, p.family_id AS family_id
             FROM cases c JOIN pupils p ON p.id = c.pupil_id WHERE c.id = ?1",
            [case_id.as_str()],
            |row| {
                Ok(Target {
                    pupil_id: row.get("pupil_id")?,
                    upn: row.get("upn")?,
                    legal_name: row.get("legal_name")?,
                    preferred_name: row.get("preferred_name")?,
                    family_id: row.get("family_id")?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            what: "case",
            id: case_id.to_string(),
        })
}

/// Deletes each case and everything hanging off it, inside the caller's `Action::Purge` write.
/// `now` stamps delivered export files whose bytes are dropped because they named a pupil.
/// Call [`Store::vacuum`] after the write commits.
pub fn purge_cases(
    w: &Writer<'_>,
    case_ids: &[CaseId],
    now: DateTime<Utc>,
) -> Result<PurgeCounts, StoreError> {
    let mut counts = PurgeCounts::default();
    for case_id in case_ids {
        purge_case(w, case_id, now, &mut counts)?;
    }
    if counts.cases > 0 {
        // Merge the search index's segments: a deleted row's tokens otherwise stay in an older
        // segment until some later merge.
        w.conn.execute(
            "INSERT INTO pupil_search (pupil_search) VALUES ('optimize')",
            [],
        )?;
    }
    Ok(counts)
}

fn purge_case(
    w: &Writer<'_>,
    case_id: &CaseId,
    now: DateTime<Utc>,
    counts: &mut PurgeCounts,
) -> Result<(), StoreError> {
    let t = target(w, case_id)?;
    let c = case_id.as_str();
    let other_cases: i64 = w.conn.query_row(
        "SELECT count(*) FROM cases WHERE pupil_id = ?1 AND id != ?2",
        params![t.pupil_id, c],
        |row| row.get(0),
    )?;
    // The pupil goes with their only case; a pupil with another case keeps their own records.
    let pupil_goes = other_cases == 0;
    w.conn
        .execute("INSERT INTO purge_permits (case_id) VALUES (?1)", [c])?;
    let mut deleted = 0u64;
    let mut run = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<(), StoreError> {
        deleted += w.conn.execute(sql, p)? as u64;
        Ok(())
    };

    // TSM discussions of the case (and, when the pupil goes, of the pupil by UPN), with their
    // actions and those actions' reviews.
    let discussions = "SELECT id FROM tsm_pupils WHERE case_id = ?1 OR (?2 AND upn = ?3)";
    run(
        &format!(
            "DELETE FROM tsm_action_reviews WHERE action_id IN
                 (SELECT id FROM tsm_actions WHERE tsm_pupil_id IN ({discussions}))"
        ),
        &[&c, &pupil_goes, &t.upn],
    )?;
    run(
        &format!("DELETE FROM tsm_actions WHERE tsm_pupil_id IN ({discussions})"),
        &[&c, &pupil_goes, &t.upn],
    )?;
    run(
        "DELETE FROM tsm_pupils WHERE case_id = ?1 OR (?2 AND upn = ?3)",
        &[&c, &pupil_goes, &t.upn],
    )?;
    // Any other discussion that pointed at one of the case's chronology entries lets go of it.
    w.conn.execute(
        "UPDATE tsm_pupils SET chronology_id = NULL
         WHERE chronology_id IN (SELECT id FROM chronology WHERE case_id = ?1)",
        [c],
    )?;
    for table in [
        "chronology",
        "legal_steps",
        "plan_actions",
        "plans",
        "case_events",
    ] {
        run(&format!("DELETE FROM {table} WHERE case_id = ?1"), &[&c])?;
    }
    run("DELETE FROM cases WHERE id = ?1", &[&c])?;

    if pupil_goes {
        let p = t.pupil_id.as_str();
        for table in [
            "attendance_readings",
            "allocation_values",
            "inbox_conflicts",
            "inbox_proposals",
        ] {
            run(&format!("DELETE FROM {table} WHERE pupil_id = ?1"), &[&p])?;
        }
        for table in ["session_marks", "attendance_summaries", "inbox_proposals"] {
            run(&format!("DELETE FROM {table} WHERE upn = ?1"), &[&t.upn])?;
        }
        // The pupil's row (its search row goes with it, by trigger).
        run("DELETE FROM pupils WHERE id = ?1", &[&p])?;
        if let Some(family) = t.family_id.as_deref() {
            let others: i64 = w.conn.query_row(
                "SELECT count(*) FROM pupils WHERE family_id = ?1",
                [family],
                |row| row.get(0),
            )?;
            if others == 0 {
                for table in ["carers", "family_children"] {
                    run(
                        &format!("DELETE FROM {table} WHERE family_id = ?1"),
                        &[&family],
                    )?;
                }
                run("DELETE FROM families WHERE id = ?1", &[&family])?;
            }
        }
        counts.export_files += purge_exports_naming(w, &t, now)?;
    }
    w.conn
        .execute("DELETE FROM purge_permits WHERE case_id = ?1", [c])?;
    counts.cases += 1;
    counts.records += deleted;
    Ok(())
}

/// Exports with a file whose bytes contain the pupil's UPN or a name: a delivered one keeps its
/// record (what, when, where, each file's name, rows, hash and size) but loses its bytes; an
/// undelivered one is taken out of the outbox (it can no longer be sent as it was made).
fn purge_exports_naming(w: &Writer<'_>, t: &Target, now: DateTime<Utc>) -> Result<u64, StoreError> {
    let mut needles = vec![t.upn.as_str(), t.legal_name.as_str()];
    needles.extend(t.preferred_name.as_deref());
    let mut exports: Vec<(String, String)> = Vec::new();
    {
        let mut stmt = w.conn.prepare(
            "SELECT DISTINCT o.export_id, o.status FROM outbox o JOIN outbox_files f
                 ON f.export_id = o.export_id
             WHERE length(f.bytes) > 0 AND instr(f.bytes, CAST(?1 AS BLOB)) > 0",
        )?;
        for needle in needles.into_iter().filter(|n| n.len() >= 3) {
            for row in stmt.query_map([needle], |row| Ok((row.get(0)?, row.get(1)?)))? {
                let row = row?;
                if !exports.contains(&row) {
                    exports.push(row);
                }
            }
        }
    }
    let mut files = 0u64;
    for (export_id, status) in exports {
        if status == "delivered" {
            files += drop_bytes(w, &export_id, now)?;
        } else {
            files += w.conn.execute(
                "DELETE FROM outbox_files WHERE export_id = ?1",
                [&export_id],
            )? as u64;
            w.conn
                .execute("DELETE FROM outbox WHERE export_id = ?1", [&export_id])?;
        }
    }
    Ok(files)
}

/// Drops one delivered export's bytes, keeping each file's size; returns the files emptied.
fn drop_bytes(w: &Writer<'_>, export_id: &str, now: DateTime<Utc>) -> Result<u64, StoreError> {
    let files = w.conn.execute(
        "UPDATE outbox_files SET purged_size = length(bytes), bytes = X''
         WHERE export_id = ?1 AND purged_size IS NULL",
        [export_id],
    )? as u64;
    w.conn.execute(
        "UPDATE outbox SET bytes_purged_at = ?2 WHERE export_id = ?1 AND bytes_purged_at IS NULL",
        params![export_id, timestamp(now)],
    )?;
    Ok(files)
}

/// How many delivered exports still hold bytes and were delivered at or before `cutoff`.
pub fn delivered_bytes_due(r: &Reader<'_>, cutoff: DateTime<Utc>) -> Result<u64, StoreError> {
    let n: i64 = r.conn.query_row(
        "SELECT count(*) FROM outbox
         WHERE status = 'delivered' AND bytes_purged_at IS NULL AND delivered_at <= ?1",
        [timestamp(cutoff)],
        |row| row.get(0),
    )?;
    Ok(n as u64)
}

/// Drops the bytes of every export delivered at or before `cutoff` (the outbox keeps what was
/// delivered, when and where); returns how many exports lost their bytes.
pub fn purge_delivered_bytes(
    w: &Writer<'_>,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let ids: Vec<String> = {
        let mut stmt = w.conn.prepare(
            "SELECT export_id FROM outbox
             WHERE status = 'delivered' AND bytes_purged_at IS NULL AND delivered_at <= ?1",
        )?;
        stmt.query_map([timestamp(cutoff)], |row| row.get(0))?
            .collect::<Result<_, _>>()?
    };
    for id in &ids {
        drop_bytes(w, id, now)?;
    }
    Ok(ids.len() as u64)
}

impl Store {
    /// Rebuilds the database file after a purge, outside any transaction, and empties the WAL,
    /// so no free page or old frame still holds a deleted row.
    pub fn vacuum(&mut self) -> Result<(), StoreError> {
        self.conn.execute_batch("VACUUM;")?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}
