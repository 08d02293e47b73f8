//! What allocation files propose (a new case, changed pupil details) and the worker's answer.
//! Nothing an allocation file says changes the caseload until the worker accepts it here;
//! every accept and refuse is audited by the proposal's id, with field names only.

use std::collections::BTreeMap;

use caseload_domain::{ProposalId, PupilDraft};
use caseload_store::cases::{self, CaseRecord, Referral};
use caseload_store::inbox::{self, Proposal};
use caseload_store::{Action, Reader, Store};
use chrono::{NaiveDate, Utc};

use super::conflicts::inbox_view;
use super::merge::{Change, FIELDS, value_of, with_value};
use crate::context::Caseload;
use crate::error::AppError;
use crate::exchange::{InboxView, ProposalChangeView, ProposalDecideRequest, ProposalView};
use crate::support::today;

fn label(field: &str) -> String {
    FIELDS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(field.to_string(), |(_, l)| (*l).to_string())
}

fn values(p: &Proposal) -> BTreeMap<String, String> {
    serde_json::from_str(&p.values_json).unwrap_or_default()
}

fn changes(p: &Proposal) -> Vec<Change> {
    serde_json::from_str(&p.changes_json).unwrap_or_default()
}

fn case_of(all: &[CaseRecord], p: &Proposal) -> Option<CaseRecord> {
    all.iter()
        .filter(|c| Some(&c.pupil_id) == p.pupil_id.as_ref())
        .max_by_key(|c| c.created_at)
        .cloned()
}

/// The open proposals as the Inbox screen shows them.
pub(super) fn proposal_views(r: &Reader<'_>) -> Result<Vec<ProposalView>, AppError> {
    let all = cases::list(r)?;
    Ok(inbox::open_proposals(r)?
        .into_iter()
        .map(|p| {
            let (pupil_name, case_id, shown) = if p.kind == "new_case" {
                let v = values(&p);
                let shown = FIELDS
                    .iter()
                    .filter_map(|(f, _)| {
                        let to = v.get(*f).cloned().unwrap_or_default();
                        (!to.is_empty()).then(|| Change {
                            field: (*f).to_string(),
                            from: String::new(),
                            to,
                        })
                    })
                    .collect();
                (
                    v.get("legal_name").cloned().unwrap_or_default(),
                    None,
                    shown,
                )
            } else {
                let case = case_of(&all, &p);
                (
                    case.as_ref()
                        .map(|c| c.pupil.legal_name.as_str().to_string())
                        .unwrap_or_default(),
                    case.map(|c| c.id),
                    changes(&p),
                )
            };
            ProposalView {
                id: ProposalId(p.id),
                kind: p.kind.clone(),
                file_name: p.file_name.clone(),
                pupil_name,
                upn: p.upn.clone(),
                case_id,
                changes: shown
                    .into_iter()
                    .map(|c| ProposalChangeView {
                        field_label: label(&c.field),
                        field: c.field,
                        from: c.from,
                        to: c.to,
                    })
                    .collect(),
                raised_at: p.raised_at,
            }
        })
        .collect())
}

/// Applies one open proposal: creates the case, or sets each changed field whose value is
/// still what the proposal saw (a field the worker edited since becomes a difference for them
/// to choose, never overwritten).
fn accept(store: &mut Store, id: ProposalId) -> Result<(), AppError> {
    let p = inbox::open_proposal(&store.read(), id.0)?;
    let all = cases::list(&store.read())?;
    let now = Utc::now();
    if p.kind == "new_case" {
        if all.iter().any(|c| c.pupil.upn.as_str() == p.upn) {
            return Err(AppError::Conflict {
                message: "A case for this pupil is already on your caseload: refuse this \
                          proposal, then check the case's details against the council's file"
                    .into(),
            });
        }
        let v = values(&p);
        let get = |f: &str| v.get(f).map(String::as_str).unwrap_or_default();
        let pupil = PupilDraft {
            legal_name: get("legal_name"),
            preferred_name: Some(get("preferred_name")),
            date_of_birth: get("date_of_birth"),
            upn: &p.upn,
            school_urn: get("school_urn"),
            school_name: get("school_name"),
            school_phase: Some(get("school_phase")),
            year_group: get("year_group"),
        }
        .validate(today())
        .map_err(AppError::validation)?;
        let referral = Referral {
            source: p.referral_source.clone(),
            date: NaiveDate::parse_from_str(&p.referral_date, "%Y-%m-%d")
                .unwrap_or_else(|_| today()),
        };
        store.write(Action::InboxProposalAccept, |w| {
            let record = cases::add(w, &pupil, &referral, now)?;
            for (field, _) in FIELDS {
                inbox::set_allocated_value(w, &record.pupil_id, field, &value_of(&pupil, field))?;
            }
            w.audit_entity("case", record.id.as_str());
            w.audit_entity("inbox_proposal", &p.id.to_string());
            w.audit_detail("accepted: new case");
            inbox::decide(w, p.id, "accepted", now)
        })?;
        return Ok(());
    }
    let case = case_of(&all, &p).ok_or_else(|| AppError::NotFound {
        message: "The case this proposal belongs to was not found: refuse the proposal".into(),
        id: p.id.to_string(),
    })?;
    let mut pupil = case.pupil.clone();
    let (mut applied, mut differ) = (Vec::new(), Vec::new());
    for c in changes(&p) {
        if value_of(&pupil, &c.field) == c.from {
            pupil = with_value(&pupil, &c.field, &c.to)?;
            applied.push(c);
        } else {
            differ.push(c);
        }
    }
    store.write(Action::InboxProposalAccept, |w| {
        if !applied.is_empty() {
            cases::update_pupil(w, &case.id, &pupil, now)?;
        }
        for c in &applied {
            inbox::set_allocated_value(w, &case.pupil_id, &c.field, &c.to)?;
        }
        // Edited by the worker since the file came: theirs and the council's both wait.
        let file_id = inbox::proposal_file(&w.reader(), p.id)?;
        for c in &differ {
            let mine = value_of(&case.pupil, &c.field);
            inbox::raise(w, &case.pupil_id, &c.field, &mine, &c.to, file_id, now)?;
        }
        w.audit_entity("case", case.id.as_str());
        w.audit_entity("inbox_proposal", &p.id.to_string());
        let names: Vec<&str> = applied.iter().map(|c| c.field.as_str()).collect();
        w.audit_detail(&format!("accepted: changed: {}", names.join(", ")));
        if !differ.is_empty() {
            w.audit_detail(&format!("{} left for the worker to choose", differ.len()));
        }
        inbox::decide(w, p.id, "accepted", now)
    })?;
    Ok(())
}

pub fn inbox_proposal_accept(
    cx: &Caseload,
    req: ProposalDecideRequest,
) -> Result<InboxView, AppError> {
    cx.with_store(|store| {
        accept(store, req.id)?;
        inbox_view(store)
    })
}

/// Accepts every open proposal, oldest first; stops at the first that cannot be applied,
/// whose message says why (those before it stay accepted).
pub fn inbox_proposals_accept_all(cx: &Caseload, _: ()) -> Result<InboxView, AppError> {
    cx.with_store(|store| {
        for p in inbox::open_proposals(&store.read())? {
            accept(store, ProposalId(p.id))?;
        }
        inbox_view(store)
    })
}

/// Refuses a proposal: nothing on the caseload changes, and the council's values are not
/// kept. For changed details, the council's values are recorded as known, so the same change
/// is not proposed again by the next file.
pub fn inbox_proposal_refuse(
    cx: &Caseload,
    req: ProposalDecideRequest,
) -> Result<InboxView, AppError> {
    cx.with_store(|store| {
        let p = inbox::open_proposal(&store.read(), req.id.0)?;
        let now = Utc::now();
        store.write(Action::InboxProposalRefuse, |w| {
            if let Some(pupil_id) = &p.pupil_id {
                for c in changes(&p) {
                    inbox::set_allocated_value(w, pupil_id, &c.field, &c.to)?;
                }
            }
            w.audit_entity("inbox_proposal", &p.id.to_string());
            w.audit_detail(&format!(
                "refused: {}",
                if p.kind == "new_case" {
                    "new case"
                } else {
                    "changed details"
                }
            ));
            inbox::decide(w, p.id, "refused", now)
        })?;
        inbox_view(store)
    })
}
