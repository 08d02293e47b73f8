//! `caseload local-model …`: the council's local model (docs/domain.md §5.11): named groups over
//! attendance ranges that the dashboard, the TSM pack and the ward export show. `show` prints it;
//! `set --file` saves one from a JSON file (the shape `show --json` prints); `example` puts back
//! the shipped example; `none` turns the model off.

use std::path::PathBuf;

use caseload_app::local_model::{self, LocalModel};
use caseload_app::{AppError, Caseload};
use caseload_domain::{Field, FieldErrors};
use clap::Subcommand;

use crate::output;

#[derive(Debug, Subcommand)]
pub enum LocalModelCommand {
    /// The model in use: its name and each group's range and criteria.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Save the model in a JSON file: {"name": "...", "groups": [{"name": "Wave 1",
    /// "from_pct": 71, "to_pct": 95, "criteria": "..."}]}.
    Set {
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Put back the shipped example (Wave 1 71–95%; Waves 2 and 3 41–70%).
    Example {
        #[arg(long)]
        json: bool,
    },
    /// No local model: no column, filter or counts.
    None {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cx: &Caseload, command: LocalModelCommand) -> Result<(), AppError> {
    let (model, json) = match command {
        LocalModelCommand::Show { json } => (local_model::local_model_get(cx, ())?, json),
        LocalModelCommand::Set { file, json } => {
            let text = std::fs::read_to_string(&file).map_err(|e| {
                AppError::validation(FieldErrors::single(
                    Field::ModelGroups,
                    format!("Could not read the model file: {e}"),
                ))
            })?;
            let model: LocalModel = serde_json::from_str(&text).map_err(|e| {
                AppError::validation(FieldErrors::single(
                    Field::ModelGroups,
                    format!(
                        "The model file is not in the shape `caseload local-model show --json` prints ({e})"
                    ),
                ))
            })?;
            (local_model::local_model_save(cx, model)?, json)
        }
        LocalModelCommand::Example { json } => (
            local_model::local_model_save(cx, LocalModel::example())?,
            json,
        ),
        LocalModelCommand::None { json } => {
            (local_model::local_model_save(cx, LocalModel::none())?, json)
        }
    };
    output::print(json, &model, || print_model(&model))
}

fn print_model(m: &LocalModel) {
    if m.groups.is_empty() {
        outln!("No local model.");
        return;
    }
    outln!("{}", m.name);
    for g in &m.groups {
        outln!("  {:<16}  {:>8}  {}", g.name, g.range_label(), g.criteria);
    }
}
