//! `caseload commands` and `caseload call`: any command of the app by name, with a JSON
//! request and the JSON response, as the desktop app's front end calls it.

use std::path::Path;

use caseload_app::{AppError, Caseload, FieldError, session};
use clap::Args;

use crate::output;

#[derive(Debug, Args)]
pub struct CallArgs {
    /// The command's name, as listed by `caseload commands`.
    name: String,
    /// The request as JSON (omit for commands that take none).
    request: Option<String>,
}

/// `caseload commands`: every name `call` accepts.
pub fn commands() -> Result<(), AppError> {
    for name in caseload_app::COMMAND_NAMES {
        outln!("{name}");
    }
    Ok(())
}

/// `caseload call`: the caseload is opened first unless the command works without it (or
/// there is none yet, so the app can say so).
pub fn run(cx: &Caseload, passphrase_file: Option<&Path>, args: CallArgs) -> Result<(), AppError> {
    let CallArgs { name, request } = args;
    let request = match request.as_deref() {
        None => serde_json::Value::Null,
        Some(text) => serde_json::from_str(text).map_err(|e| AppError::Validation {
            message: "The request is not valid JSON".into(),
            fields: vec![FieldError {
                field: "request".into(),
                message: e.to_string(),
            }],
        })?,
    };
    if !matches!(
        name.as_str(),
        "app_status" | "about" | "caseload_create" | "unlock" | "lock"
    ) && session::app_status(cx, ())?.initialised
    {
        crate::session::open(cx, passphrase_file)?;
    }
    let response = caseload_app::dispatch(cx, &name, request)?;
    output::json(&response)
}
