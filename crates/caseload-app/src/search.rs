//! Search as you type across the caseload's pupils.

use caseload_domain::{CaseId, CaseStatus};
use caseload_store::{StoreError, search as store_search};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::context::Caseload;
use crate::error::AppError;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SearchRequest {
    /// What the worker typed: each word matches the start of a word in a pupil's names, UPN
    /// or school.
    pub query: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    pub case_id: CaseId,
    pub legal_name: String,
    pub preferred_name: Option<String>,
    pub upn: String,
    pub school_name: String,
    pub status: CaseStatus,
}

/// Enough to fill a results list; the worker types more to narrow it.
const LIMIT: u32 = 20;

pub fn search(cx: &Caseload, req: SearchRequest) -> Result<Vec<SearchHit>, AppError> {
    cx.with_store(|store| {
        store_search::pupils(&store.read(), &req.query, LIMIT)?
            .into_iter()
            .map(|hit| {
                let status = CaseStatus::parse(&hit.status).ok_or(StoreError::Corrupt {
                    what: "case",
                    reason: "unknown status".into(),
                })?;
                Ok(SearchHit {
                    case_id: hit.case_id,
                    legal_name: hit.legal_name,
                    preferred_name: hit.preferred_name,
                    upn: hit.upn,
                    school_name: hit.school_name,
                    status,
                })
            })
            .collect()
    })
}
