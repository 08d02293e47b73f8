//! `caseload import marks|summary|list`: attendance files (session marks, pupil summaries)
//! into the caseload, and the list of imports so far.

use std::path::PathBuf;

use caseload_app::imports::ImportView;
use caseload_app::{AppError, Caseload, imports};
use clap::Subcommand;

use crate::output;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import session marks (`upn,date,session,code`, CSV or XLSX) into the caseload.
    Marks {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Import pupil attendance summaries (UPN, possible, present, authorised, unauthorised,
    /// as-at; optionally URN, phase, year group, ward), CSV or XLSX.
    Summary {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Every import so far, latest first.
    List {
        #[arg(long)]
        json: bool,
    },
}

fn print_import(view: &ImportView, json: bool) -> Result<(), AppError> {
    output::print(json, view, || {
        outln!(
            "Imported {}: {} rows, {} pupils ({} on your caseload){}",
            view.file_name,
            view.rows,
            view.pupils,
            view.on_caseload.unwrap_or(0),
            match (&view.first_date, &view.last_date) {
                (Some(a), Some(b)) if a != b => format!(", {a} to {b}"),
                (Some(a), _) => format!(", as at {a}"),
                _ => String::new(),
            }
        )
    })
}

pub fn run(cx: &Caseload, command: ImportCommand) -> Result<(), AppError> {
    match command {
        ImportCommand::Marks { file, json } => {
            print_import(&imports::import_marks_file_at(cx, &file, None)?, json)
        }
        ImportCommand::Summary { file, json } => {
            print_import(&imports::import_summary_file_at(cx, &file, None)?, json)
        }
        ImportCommand::List { json } => {
            let list = imports::import_list(cx, ())?;
            output::print(json, &list, || {
                for i in &list {
                    outln!(
                        "{}  {:?}  {}  rows: {}  pupils: {}  {}",
                        i.id,
                        i.kind,
                        i.file_name,
                        i.rows,
                        i.pupils,
                        i.imported_at
                    );
                }
            })
        }
    }
}
