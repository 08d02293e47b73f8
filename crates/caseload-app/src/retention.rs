//! Retention: which closed cases are due for review for deletion under the council's rule (in
//! Settings), and purging the ones the worker confirms, with everything hanging off them. The
//! rule is the domain's ([`caseload_domain::retention`]); the deletion is the store's, in one
//! `Action::Purge` write, then a vacuum. Also drops delivered export bytes from the outbox after
//! the rule's number of days (on unlock and on each sync).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use caseload_domain::dates::long_date;
use caseload_domain::retention::{RetentionDue, RetentionSettings};
use caseload_domain::{CaseId, CaseStatus, Field, FieldErrors};
use caseload_store::{Action, Store, cases, retention};

use crate::context::Caseload;
use crate::error::AppError;
use crate::support::today;

/// A closed case due for review for deletion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RetentionCase {
    pub id: CaseId,
    pub legal_name: String,
    pub preferred_name: Option<String>,
    pub upn: String,
    pub school_name: String,
    /// ISO date the case closed.
    pub closed_on: String,
    /// ISO date it became due.
    pub due_on: String,
    /// "Pupil turned 25 on 3 April 2035" or "Closed 6 years ago on 15 July 2020".
    pub why: String,
}

/// The cases due today, oldest due first, and the rule that made them due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RetentionList {
    pub rule: RetentionSettings,
    pub cases: Vec<RetentionCase>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RetentionPurgeRequest {
    /// The cases the worker confirmed.
    pub ids: Vec<CaseId>,
}

/// What was deleted: counts only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RetentionPurgeReport {
    pub cases: u32,
    /// Every row deleted, the cases' own included.
    pub records: u32,
    /// Export files that named a deleted pupil: emptied (delivered) or taken out of the outbox.
    pub export_files: u32,
}

fn due_cases(
    store: &Store,
    today: NaiveDate,
) -> Result<Vec<(cases::CaseRecord, RetentionDue)>, AppError> {
    let rule = crate::settings::retention(store)?;
    let mut due: Vec<_> = cases::list(&store.read())?
        .into_iter()
        .filter_map(|c| {
            let d = rule.review_due(c.pupil.date_of_birth, c.status, c.closed_on)?;
            d.is_due(today).then_some((c, d))
        })
        .collect();
    due.sort_by(|a, b| (a.1.due_on, a.0.id.as_str()).cmp(&(b.1.due_on, b.0.id.as_str())));
    Ok(due)
}

/// The closed cases due for review for deletion on `today`.
pub fn list_on(cx: &Caseload, today: NaiveDate) -> Result<RetentionList, AppError> {
    cx.with_store(|store| {
        let rule = crate::settings::retention(store)?;
        let cases = due_cases(store, today)?
            .into_iter()
            .map(|(c, d)| RetentionCase {
                id: c.id,
                legal_name: c.pupil.legal_name.as_str().to_string(),
                preferred_name: c.pupil.preferred_name.map(|n| n.as_str().to_string()),
                upn: c.pupil.upn.as_str().to_string(),
                school_name: c.pupil.school_name.as_str().to_string(),
                closed_on: c.closed_on.map(|d| d.to_string()).unwrap_or_default(),
                due_on: d.due_on.to_string(),
                why: d.why(),
            })
            .collect();
        Ok(RetentionList { rule, cases })
    })
}

pub fn retention_list(cx: &Caseload, _: ()) -> Result<RetentionList, AppError> {
    list_on(cx, today())
}

/// Deletes the confirmed cases for ever, if each is closed and due on `today`; refuses the lot
/// otherwise (nothing is deleted).
pub fn purge_on(
    cx: &Caseload,
    req: RetentionPurgeRequest,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<RetentionPurgeReport, AppError> {
    let mut ids: Vec<CaseId> = Vec::new();
    for id in req.ids {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err(AppError::validation(FieldErrors::single(
            Field::Cases,
            "Choose at least one case to delete",
        )));
    }
    cx.with_store(|store| {
        let rule = crate::settings::retention(store)?;
        for id in &ids {
            let case = cases::get(&store.read(), id)?;
            if case.status != CaseStatus::Closed {
                return Err(AppError::Conflict {
                    message: format!(
                        "Case {id} is {}, not closed: only closed cases are deleted under the retention rule. Nothing was deleted",
                        case.status.label()
                    ),
                });
            }
            match rule.review_due(case.pupil.date_of_birth, case.status, case.closed_on) {
                Some(due) if due.is_due(today) => {}
                Some(due) => {
                    return Err(AppError::Conflict {
                        message: format!(
                            "Case {id} is not due for review for deletion until {}. Nothing was deleted",
                            long_date(due.due_on)
                        ),
                    });
                }
                None => {
                    return Err(AppError::Conflict {
                        message: format!(
                            "Case {id} has no closure date, so it is never due under the retention rule. Nothing was deleted"
                        ),
                    });
                }
            }
        }
        let counts = store.write(Action::Purge, |w| {
            let counts = retention::purge_cases(w, &ids, now)?;
            // Counts only, never who: the audit trail says a purge happened and how much went.
            w.audit_detail(&format!(
                "{} cases, {} records, {} export files",
                counts.cases, counts.records, counts.export_files
            ));
            Ok(counts)
        })?;
        // Outside the transaction: rebuild the file so no free page keeps a deleted row.
        store.vacuum()?;
        let n = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
        Ok(RetentionPurgeReport {
            cases: n(counts.cases),
            records: n(counts.records),
            export_files: n(counts.export_files),
        })
    })
}

pub fn retention_purge(
    cx: &Caseload,
    req: RetentionPurgeRequest,
) -> Result<RetentionPurgeReport, AppError> {
    purge_on(cx, req, today(), Utc::now())
}

/// Drops the bytes of exports delivered `outbox_purge_days` or more before `now`; the record of
/// each delivery stays. Writes (and so audits) only when there is something to drop.
pub(crate) fn purge_delivered_exports(
    store: &mut Store,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let rule: RetentionSettings = crate::settings::retention(store)?;
    let cutoff = rule.outbox_purge_cutoff(now);
    if retention::delivered_bytes_due(&store.read(), cutoff)? == 0 {
        return Ok(0);
    }
    let dropped = store.write(Action::OutboxPurge, |w| {
        let dropped = retention::purge_delivered_bytes(w, cutoff, now)?;
        w.audit_detail(&format!("{dropped} delivered exports' bytes dropped"));
        Ok(dropped)
    })?;
    Ok(dropped)
}

/// [`purge_delivered_exports`] on the unlocked caseload, at `now` (tests give the time).
pub fn purge_delivered_exports_at(cx: &Caseload, now: DateTime<Utc>) -> Result<u64, AppError> {
    cx.with_store(|store| purge_delivered_exports(store, now))
}
