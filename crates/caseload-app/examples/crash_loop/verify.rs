//! After each kill: the caseload unlocks (which runs `quick_check` and
//! `cipher_integrity_check`), passes a full `integrity_check`, a `cipher_integrity_check` and
//! its audit chain; every write the killed process reported is there and whole; every import
//! has exactly the marks it recorded (none half there); the share holds only whole deliveries
//! and every backup reported is in its folder.

use std::collections::HashSet;

use caseload_app::session::{self, UnlockRequest};
use caseload_app::tsm::{self, TsmGetRequest};
use caseload_app::{Caseload, KdfProfile};
use caseload_domain::audit::ChainCheck;
use caseload_domain::tsm::TsmId;
use caseload_exchange::share::{RealShare, trusted_files};
use caseload_store::outbox::{self, OutboxStatus};
use caseload_store::testing::{count_rows, pragma, pragma_row_count};
use caseload_store::{Store, audit, imports};

use super::{PASS, Paths};

/// Every write a killed process said it had committed, over all runs so far.
#[derive(Debug, Default)]
pub struct Reported {
    pub cases: Vec<String>,
    pub chronology: Vec<String>,
    pub imports: Vec<(String, u64)>,
    /// The latest attendee saved on the meeting (names sort in the order they were saved).
    pub tsm: Option<String>,
    pub delivered: Vec<String>,
    pub backups: Vec<String>,
}

impl Reported {
    /// Takes one line the writer printed; `false` for one it does not know.
    pub fn take(&mut self, line: &str) -> bool {
        let Some((what, rest)) = line.split_once(' ') else {
            return false;
        };
        match what {
            "case" => self.cases.push(rest.into()),
            "chron" => self.chronology.push(rest.into()),
            "import" => {
                let Some((name, rows)) = rest.rsplit_once(' ') else {
                    return false;
                };
                self.imports
                    .push((name.into(), rows.parse().unwrap_or(u64::MAX)));
            }
            "tsm" => self.tsm = Some(rest.into()),
            "delivered" => self.delivered.push(rest.into()),
            "backup" => self.backups.push(rest.into()),
            _ => return false,
        }
        true
    }

    pub fn total(&self) -> usize {
        self.cases.len()
            + self.chronology.len()
            + self.imports.len()
            + usize::from(self.tsm.is_some())
            + self.delivered.len()
            + self.backups.len()
    }
}

/// Why a run failed its checks: the first problem found.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The caseload would not unlock: its quick_check or cipher_integrity_check failed.
    #[error("unlock (quick_check + cipher_integrity_check) failed: {0}")]
    Unlock(String),
    /// A query the check needed failed.
    #[error("database: {0}")]
    Database(String),
    /// The share or the backups folder could not be read.
    #[error("{what}: {error}")]
    Files { what: &'static str, error: String },
    /// A write reported committed is missing or not whole, or the database is damaged.
    #[error("{0}")]
    Lost(String),
}

fn check(ok: bool, what: impl FnOnce() -> String) -> Result<(), Failure> {
    if ok {
        Ok(())
    } else {
        Err(Failure::Lost(what()))
    }
}

fn db(e: impl std::fmt::Display) -> Failure {
    Failure::Database(e.to_string())
}

/// Runs every check; the first failure, in words.
pub fn verify(paths: &Paths, reported: &Reported, tsm_id: &str) -> Result<(), Failure> {
    let cx = Caseload::new(paths.data.clone(), KdfProfile::InsecureForTests);
    session::unlock(
        &cx,
        UnlockRequest {
            passphrase: PASS.into(),
        },
    )
    .map_err(|e| Failure::Unlock(e.to_string()))?;
    cx.probe_store(|store| in_database(store, reported))
        .ok_or_else(|| Failure::Lost("the caseload did not stay unlocked".into()))??;
    if let Some(expected) = &reported.tsm {
        let view = tsm::tsm_get(
            &cx,
            TsmGetRequest {
                id: TsmId(tsm_id.into()),
            },
        )
        .map_err(db)?;
        let names: Vec<&str> = view.attendees.iter().map(|a| a.name.as_str()).collect();
        check(names.len() == 1 && names[0] >= expected.as_str(), || {
            format!("the meeting's attendees are {names:?}, saved was {expected}")
        })?;
    }
    session::lock(&cx, ()).map_err(db)?;
    on_disk(paths, reported)
}

fn in_database(store: &Store, reported: &Reported) -> Result<(), Failure> {
    let integrity = pragma(store, "integrity_check").map_err(db)?;
    let rows = pragma_row_count(store, "integrity_check").map_err(db)?;
    check(integrity == "Text(\"ok\")" && rows == 1, || {
        format!("integrity_check: {integrity} ({rows} rows)")
    })?;
    let cipher = pragma_row_count(store, "cipher_integrity_check").map_err(db)?;
    check(cipher == 0, || {
        format!("cipher_integrity_check: {cipher} problems")
    })?;
    let chain = audit::verify(&store.read()).map_err(db)?;
    check(matches!(chain, ChainCheck::Intact { .. }), || {
        format!("audit chain: {chain:?}")
    })?;
    for upn in &reported.cases {
        let n = count_rows(
            store,
            "SELECT 1 FROM pupils WHERE upn = ?1 AND legal_name = 'Crashpupil Synthetic'
               AND year_group = 8 AND school_name = 'Synthetic School'",
            upn,
        )
        .map_err(db)?;
        check(n == 1, || {
            format!("case {upn} reported committed: {n} found")
        })?;
    }
    for marker in &reported.chronology {
        let n = count_rows(
            store,
            "SELECT 1 FROM chronology WHERE what = ?1 AND who = 'Parent and worker'",
            marker,
        )
        .map_err(db)?;
        check(n == 1, || {
            format!("entry {marker} reported committed: {n} found")
        })?;
    }
    // Every import in the database, reported or not, has all its marks: none half there.
    let all = imports::list(&store.read()).map_err(db)?;
    for import in &all {
        let marks = count_rows(
            store,
            "SELECT 1 FROM session_marks WHERE import_id = CAST(?1 AS INTEGER)",
            &import.id.0.to_string(),
        )
        .map_err(db)?;
        check(marks as u64 == import.rows, || {
            format!(
                "import {} records {} marks but {marks} are there",
                import.file_name, import.rows
            )
        })?;
    }
    let names: HashSet<(&str, u64)> = all.iter().map(|i| (i.file_name.as_str(), i.rows)).collect();
    for (name, rows) in &reported.imports {
        check(names.contains(&(name.as_str(), *rows)), || {
            format!("import {name} ({rows} marks) reported committed is missing")
        })?;
    }
    let outbox = outbox::list(&store.read()).map_err(db)?;
    for id in &reported.delivered {
        let delivered = outbox
            .iter()
            .any(|e| e.export_id.as_str() == id && e.status == OutboxStatus::Delivered);
        check(delivered, || {
            format!("export {id} reported delivered is not marked so")
        })?;
    }
    Ok(())
}

fn on_disk(paths: &Paths, reported: &Reported) -> Result<(), Failure> {
    if paths.share.join("caseload").exists() {
        let trust = trusted_files(&RealShare, &paths.share).map_err(|e| Failure::Files {
            what: "reading the share",
            error: e.to_string(),
        })?;
        check(trust.rejected.is_empty(), || {
            format!(
                "the share holds files no manifest vouches for: {:?}",
                trust.rejected
            )
        })?;
        let ids: HashSet<&str> = trust
            .trusted
            .iter()
            .map(|t| t.manifest.export_id.as_str())
            .collect();
        for id in &reported.delivered {
            check(ids.contains(id.as_str()), || {
                format!("export {id} reported delivered has no whole delivery on the share")
            })?;
        }
    } else {
        check(reported.delivered.is_empty(), || {
            "the share is empty".into()
        })?;
    }
    // The newest reported backup must be there, unless the keep-count rule (5) pruned it for
    // newer ones: a kill while a finished backup is copied to the share leaves it made but
    // unreported. Names sort by the time they were made.
    if let Some(name) = reported.backups.last() {
        let size = std::fs::metadata(paths.backups.join(name)).map_or(0, |m| m.len());
        let newer = std::fs::read_dir(&paths.backups)
            .map_err(|e| Failure::Files {
                what: "listing the backups",
                error: e.to_string(),
            })?
            .filter_map(|e| e.ok())
            .filter(|e| {
                let n = e.file_name().to_string_lossy().into_owned();
                n.ends_with(".zip") && n.as_str() > name.as_str()
            })
            .count();
        check(size > 0 || newer >= 5, || {
            format!("backup {name} reported made is missing ({newer} newer ones)")
        })?;
    }
    Ok(())
}
