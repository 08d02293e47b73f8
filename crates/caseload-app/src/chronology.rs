//! Adding to and reading a case's chronology. Entries are never edited; a correction is a new
//! entry that names the one it corrects, and the list shows the two together.

use caseload_domain::chronology::{ContactKind, EntryDraft};
use caseload_domain::{CaseId, ChronologyEntryId, Field, FieldErrors};
use caseload_store::{Action, Store, cases, chronology};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::context::Caseload;
use crate::error::AppError;
use crate::support::now_local;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ChronologyAddRequest {
    pub case_id: CaseId,
    pub kind: ContactKind,
    /// Local (Europe/London) date and time, `YYYY-MM-DDTHH:MM`; not in the future.
    pub occurred_at: String,
    pub who: String,
    pub what: String,
    #[serde(default)]
    #[ts(optional)]
    pub outcome: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub next_step: Option<String>,
    /// The id of the entry this one corrects (same case).
    #[serde(default)]
    #[ts(optional)]
    pub corrects: Option<ChronologyEntryId>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ChronologyListRequest {
    pub case_id: CaseId,
    /// Only entries of this kind.
    #[serde(default)]
    #[ts(optional)]
    pub kind: Option<ContactKind>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChronologyEntryView {
    pub id: ChronologyEntryId,
    pub kind: ContactKind,
    pub occurred_at: String,
    pub who: String,
    pub what: String,
    pub outcome: Option<String>,
    pub next_step: Option<String>,
    /// The entry this one corrects.
    pub corrects: Option<ChronologyEntryId>,
    /// Entries that correct this one, oldest first: show them together.
    pub corrected_by: Vec<ChronologyEntryId>,
    /// RFC 3339 UTC: when it was typed.
    pub recorded_at: String,
}

fn list(
    store: &Store,
    case_id: &CaseId,
    kind: Option<ContactKind>,
) -> Result<Vec<ChronologyEntryView>, AppError> {
    let records = chronology::for_case(&store.read(), case_id)?;
    let corrections = |id: &ChronologyEntryId| -> Vec<ChronologyEntryId> {
        records
            .iter()
            .filter(|r| r.corrects.as_ref() == Some(id))
            .map(|r| r.id.clone())
            .collect()
    };
    Ok(records
        .iter()
        .filter(|r| kind.is_none_or(|k| r.entry.kind == k))
        .map(|r| ChronologyEntryView {
            id: r.id.clone(),
            kind: r.entry.kind,
            occurred_at: r.entry.occurred_at.format("%Y-%m-%dT%H:%M").to_string(),
            who: r.entry.who.clone(),
            what: r.entry.what.clone(),
            outcome: r.entry.outcome.clone(),
            next_step: r.entry.next_step.clone(),
            corrects: r.corrects.clone(),
            corrected_by: corrections(&r.id),
            recorded_at: r.recorded_at.clone(),
        })
        .collect())
}

pub fn chronology_add(
    cx: &Caseload,
    req: ChronologyAddRequest,
) -> Result<Vec<ChronologyEntryView>, AppError> {
    let draft = EntryDraft {
        occurred_at: &req.occurred_at,
        who: &req.who,
        what: &req.what,
        outcome: req.outcome.as_deref(),
        next_step: req.next_step.as_deref(),
    };
    let entry = draft
        .validate(req.kind, now_local())
        .map_err(AppError::validation)?;
    cx.with_store(|store| {
        cases::get(&store.read(), &req.case_id)?;
        let corrects = req
            .corrects
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(ChronologyEntryId::from);
        if let Some(corrected) = &corrects
            && chronology::case_of(&store.read(), corrected)?.as_ref() != Some(&req.case_id)
        {
            return Err(AppError::validation(FieldErrors::single(
                Field::Corrects,
                "The entry to correct is not in this case's chronology",
            )));
        }
        store.write(Action::ChronologyAdd, |w| {
            w.audit_entity("case", req.case_id.as_str());
            let id = chronology::add(w, &req.case_id, &entry, corrects.as_ref(), Utc::now())?;
            w.audit_entity("chronology_entry", id.as_str());
            if let Some(corrected) = &corrects {
                w.audit_detail(&format!("corrects entry {}", corrected.as_str()));
            }
            Ok(id)
        })?;
        list(store, &req.case_id, None)
    })
}

pub fn chronology_list(
    cx: &Caseload,
    req: ChronologyListRequest,
) -> Result<Vec<ChronologyEntryView>, AppError> {
    cx.with_store(|store| {
        cases::get(&store.read(), &req.case_id)?;
        list(store, &req.case_id, req.kind)
    })
}
