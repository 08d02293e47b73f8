//! `caseload search`: find pupils by the start of any word of their names, UPN or school.

use caseload_app::search::SearchRequest;
use caseload_app::{AppError, Caseload, search};
use clap::Args;

use crate::output;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The words to look for, e.g. a surname prefix or part of a UPN.
    query: String,
    #[arg(long)]
    json: bool,
}

pub fn run(cx: &Caseload, args: SearchArgs) -> Result<(), AppError> {
    let SearchArgs { query, json } = args;
    let hits = search::search(cx, SearchRequest { query })?;
    output::print(json, &hits, || {
        for h in &hits {
            outln!(
                "{}  {}  {}  {}  {}",
                h.case_id,
                h.legal_name,
                h.upn,
                h.school_name,
                h.status.label()
            );
        }
    })
}
