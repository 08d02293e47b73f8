//! Search as you type across the caseload's pupils.

use caseload_domain::CaseStatus;
use caseload_store::{StoreError, search as store_search};

use crate::context::Caseload;
use crate::error::AppError;
use crate::types::{SearchHit, SearchRequest};

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
