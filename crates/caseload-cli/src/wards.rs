//! `caseload wards load|status`: the council's postcode-to-ward lookup, which places pupils whose
//! attendance file gives a postcode but no ward in the ward table (docs/reports.md).

use std::ops::ControlFlow;
use std::path::PathBuf;

use caseload_app::{AppError, Caseload, wards};
use clap::Subcommand;

use crate::output;

#[derive(Debug, Subcommand)]
pub enum WardsCommand {
    /// Replace the postcode-to-ward lookup with a CSV of postcode, ward code and ward name
    /// (a council's file, or the national postcode lookup: pcds, wd25cd, wd25nm, …).
    Load {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// What the lookup holds: the file loaded, when, and how many postcodes and wards.
    Status {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cx: &Caseload, command: WardsCommand) -> Result<(), AppError> {
    match command {
        WardsCommand::Load { file, json } => {
            let mut progress = |rows: u64| {
                if !json {
                    eprintln!("… {rows} postcodes loaded");
                }
                ControlFlow::Continue(())
            };
            let loaded = wards::load_postcode_lookup_from(cx, &file, &mut progress)?;
            output::print(json, &loaded, || {
                outln!(
                    "Loaded {}: {} postcodes in {} wards, from {} rows",
                    loaded.file_name,
                    loaded.postcodes,
                    loaded.wards,
                    loaded.rows
                );
                let left_out = loaded.malformed_postcode + loaded.no_ward;
                if left_out > 0 {
                    let lines: Vec<String> =
                        loaded.left_out_lines.iter().map(u64::to_string).collect();
                    outln!(
                        "Left out {left_out} rows ({} with a malformed postcode, {} with no ward \
                         code), at lines {}{}: correct them in the file and load it again to \
                         include them",
                        loaded.malformed_postcode,
                        loaded.no_ward,
                        lines.join(", "),
                        if left_out > lines.len() as u64 {
                            ", …"
                        } else {
                            ""
                        }
                    );
                }
            })
        }
        WardsCommand::Status { json } => {
            let status = wards::postcode_lookup_status(cx, ())?;
            output::print(json, &status, || {
                match (&status.file_name, &status.loaded_at) {
                    (Some(file), Some(at)) => outln!(
                        "Postcode-to-ward lookup: {} postcodes in {} wards, from {file} (loaded {at}; {} rows left out)",
                        status.postcodes,
                        status.wards,
                        status.left_out
                    ),
                    _ => outln!(
                        "No postcode-to-ward lookup loaded: pupils whose attendance file gives no \
                         ward count as \"Postcode unmatched\". Load one with `caseload wards load FILE`"
                    ),
                }
            })
        }
    }
}
