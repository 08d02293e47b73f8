//! `caseload retention …`: the closed cases due for review for deletion under the council's
//! retention rule (Settings), and deleting the ones the worker names, for ever.

use caseload_app::retention::{RetentionList, RetentionPurgeRequest};
use caseload_app::{AppError, Caseload, retention};
use caseload_domain::{CaseId, Field, FieldErrors};
use clap::Subcommand;

use crate::output;

#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// The closed cases due for review for deletion today, each with why and since when.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Delete the named cases, and everything recorded about them, for ever. Only closed cases
    /// that are due are deleted; if any named case is not, nothing is.
    Purge {
        /// The ids of the cases to delete (as `retention list` shows them).
        #[arg(value_name = "ID", required = true)]
        ids: Vec<String>,
        /// Confirm the deletion: it cannot be undone.
        #[arg(long)]
        yes: bool,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cx: &Caseload, command: RetentionCommand) -> Result<(), AppError> {
    match command {
        RetentionCommand::List { json } => {
            let list = retention::retention_list(cx, ())?;
            output::print(json, &list, || print_list(&list))
        }
        RetentionCommand::Purge { ids, yes, json } => {
            if !yes {
                return Err(AppError::validation(FieldErrors::single(
                    Field::Cases,
                    format!(
                        "This deletes {} for ever: run it again with --yes to confirm",
                        cases(ids.len())
                    ),
                )));
            }
            let ids = ids.into_iter().map(CaseId).collect();
            let report = retention::retention_purge(cx, RetentionPurgeRequest { ids })?;
            output::print(json, &report, || {
                outln!(
                    "Deleted {} ({} records in all{}).",
                    cases(report.cases as usize),
                    report.records,
                    match report.export_files {
                        0 => String::new(),
                        n => format!("; {n} export files that named them"),
                    }
                );
            })
        }
    }
}

fn cases(n: usize) -> String {
    if n == 1 {
        "1 case".to_string()
    } else {
        format!("{n} cases")
    }
}

fn print_list(list: &RetentionList) {
    let rule = &list.rule;
    if list.cases.is_empty() {
        outln!(
            "No closed cases are due for review for deletion (the rule: age {} or {} years after closure, whichever is later).",
            rule.age_years,
            rule.years_after_closure
        );
        return;
    }
    outln!(
        "{} due for review for deletion (age {} or {} years after closure, whichever is later):",
        cases(list.cases.len()),
        rule.age_years,
        rule.years_after_closure
    );
    for c in &list.cases {
        outln!(
            "{}  {}  {}  due {}  {}",
            c.id,
            c.legal_name,
            c.upn,
            c.due_on,
            c.why
        );
    }
}
