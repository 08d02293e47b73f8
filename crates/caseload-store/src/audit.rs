//! `audit_log`: the append-only, hash-chained audit trail. [`Store::write`] appends one entry per
//! write inside its transaction; nothing else writes here, and the schema refuses UPDATE and
//! DELETE. The chain's rules (hash, canonical form, checking) are in `caseload_domain::audit`.

use std::sync::OnceLock;

use caseload_domain::audit::{self, AuditFields, AuditRecord, ChainCheck, GENESIS};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::StoreError;
use crate::open::Store;
use crate::write::{Action, Reader};

/// The worker recorded on every entry: the operating-system account running Caseload, asked of
/// the operating system (the user database on Linux and macOS, `GetUserNameW` on Windows), else
/// the `USER`, `USERNAME` or `LOGNAME` variable, else "unknown"; read once per process. A
/// named-worker setting can replace it later; the column is the same.
pub fn worker() -> &'static str {
    static WORKER: OnceLock<String> = OnceLock::new();
    WORKER.get_or_init(|| {
        let from_os = whoami::fallible::username().ok();
        let from_env = ["USER", "USERNAME", "LOGNAME"]
            .iter()
            .filter_map(|k| std::env::var(k).ok());
        from_os
            .into_iter()
            .chain(from_env)
            .map(|v| v.trim().to_string())
            .find(|v| !v.is_empty())
            .unwrap_or_else(|| "unknown".to_string())
    })
}

/// What a write names for its entry (through `Writer::audit_entity` / `audit_detail`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Note {
    pub entity_type: String,
    pub entity_id: String,
    pub case_id: String,
    pub detail: String,
}

/// The name an [`Action`] is stored under: its variant in snake case (`CaseAdd` → `case_add`).
pub fn action_name(action: &Action) -> String {
    let debug = format!("{action:?}");
    let mut out = String::with_capacity(debug.len() + 4);
    for (i, c) in debug.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Appends one entry after the last (inside the caller's transaction).
pub(crate) fn append(
    conn: &Connection,
    action: &Action,
    note: Note,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let last: Option<(i64, String)> = conn
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |row| Ok((row.get("seq")?, row.get("hash")?)),
        )
        .optional()?;
    let (seq, prev_hash) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_string()),
    };
    let fields = AuditFields {
        at: timestamp(at),
        worker: worker().to_string(),
        action: action_name(action),
        entity_type: note.entity_type,
        entity_id: note.entity_id,
        case_id: note.case_id,
        detail: note.detail,
    };
    let hash = audit::entry_hash(&prev_hash, &fields);
    conn.execute(
        "INSERT INTO audit_log (seq, at, worker, action, entity_type, entity_id, case_id, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            seq,
            fields.at,
            fields.worker,
            fields.action,
            fields.entity_type,
            fields.entity_id,
            fields.case_id,
            fields.detail,
            prev_hash,
            hash
        ],
    )?;
    Ok(())
}

/// Which entries to list. Every filter is optional; dates are UTC days, inclusive.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub case_id: Option<String>,
    pub action: Option<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub limit: Option<u32>,
}

fn record(row: &Row<'_>) -> rusqlite::Result<AuditRecord> {
    Ok(AuditRecord {
        seq: row.get("seq")?,
        fields: AuditFields {
            at: row.get("at")?,
            worker: row.get("worker")?,
            action: row.get("action")?,
            entity_type: row.get("entity_type")?,
            entity_id: row.get("entity_id")?,
            case_id: row.get("case_id")?,
            detail: row.get("detail")?,
        },
        prev_hash: row.get("prev_hash")?,
        hash: row.get("hash")?,
    })
}

/// Entries matching `filter`, newest first.
pub fn list(r: &Reader<'_>, filter: &Filter) -> Result<Vec<AuditRecord>, StoreError> {
    let mut sql = String::from("SELECT * FROM audit_log WHERE 1 = 1");
    let mut args: Vec<Value> = Vec::new();
    if let Some(case_id) = &filter.case_id {
        args.push(Value::Text(case_id.clone()));
        sql.push_str(&format!(" AND case_id = ?{}", args.len()));
    }
    if let Some(action) = &filter.action {
        args.push(Value::Text(action.clone()));
        sql.push_str(&format!(" AND action = ?{}", args.len()));
    }
    if let Some(since) = filter.since {
        args.push(Value::Text(format!("{since}T00:00:00.000Z")));
        sql.push_str(&format!(" AND at >= ?{}", args.len()));
    }
    if let Some(until) = filter.until.and_then(|d| d.succ_opt()) {
        args.push(Value::Text(format!("{until}T00:00:00.000Z")));
        sql.push_str(&format!(" AND at < ?{}", args.len()));
    }
    sql.push_str(" ORDER BY seq DESC");
    if let Some(limit) = filter.limit {
        sql.push_str(&format!(" LIMIT {limit}"));
    }
    let mut stmt = r.conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args), record)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every entry, oldest first (for checking the chain).
pub fn all(r: &Reader<'_>) -> Result<Vec<AuditRecord>, StoreError> {
    let mut stmt = r.conn.prepare("SELECT * FROM audit_log ORDER BY seq")?;
    let rows = stmt.query_map([], record)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Checks the whole chain: intact with its count, or the first place it breaks and how.
pub fn verify(r: &Reader<'_>) -> Result<ChainCheck, StoreError> {
    Ok(audit::verify(&all(r)?))
}

impl Store {
    /// Appends one `unlock_failed` entry per earlier failed unlock, oldest first, each with the
    /// time it happened (in `detail`, as the entry's own time is when it was recorded). For the
    /// lock helper: failed attempts are kept in a plaintext side file while the caseload is
    /// locked (no key, so nothing can be written here), and handed over on the next successful
    /// unlock. One transaction: all are recorded or none.
    pub fn audit_failed_unlocks(&mut self, times: &[DateTime<Utc>]) -> Result<(), StoreError> {
        if times.is_empty() {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        for t in times {
            append(
                &tx,
                &Action::UnlockFailed,
                Note {
                    detail: format!("failed attempt at {}", timestamp(*t)),
                    ..Note::default()
                },
                Utc::now(),
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// Every action name that occurs in the trail, once each.
pub fn actions(r: &Reader<'_>) -> Result<Vec<String>, StoreError> {
    let mut stmt = r
        .conn
        .prepare("SELECT DISTINCT action FROM audit_log ORDER BY action")?;
    let rows = stmt.query_map([], |row| row.get::<_, String>("action"))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
