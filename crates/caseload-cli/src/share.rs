//! `caseload share`: the shared-drive settings (folder, worker identifier, team). The app picks
//! the folder in the system's folder chooser; here the worker gives it.

use std::path::PathBuf;

use caseload_app::{AppError, Caseload, exchange};
use clap::Args;

use crate::output;

#[derive(Debug, Args)]
pub struct ShareArgs {
    /// The shared-drive folder: a mapped drive, UNC path or synced folder (the app picks it in
    /// the system's folder chooser). Kept as it is when not given.
    #[arg(long, value_name = "DIR")]
    folder: Option<PathBuf>,
    /// Your worker identifier, as the council knows you. Kept as it is when not given.
    #[arg(long, value_name = "ID")]
    worker_id: Option<String>,
    /// Your team's name. Kept as it is when not given.
    #[arg(long, value_name = "TEAM")]
    team: Option<String>,
    #[arg(long)]
    json: bool,
}

/// `caseload share [--folder DIR] [--worker-id ID] [--team TEAM]`: the shared-drive settings
/// (all three shown when none is given).
pub fn share(cx: &Caseload, args: ShareArgs) -> Result<(), AppError> {
    let current = exchange::share_settings_get(cx, ())?;
    if args.folder.is_none() && args.worker_id.is_none() && args.team.is_none() {
        return output::print(args.json, &current, || print_share(&current));
    }
    let saved = exchange::share_settings_save(
        cx,
        exchange::ShareSettings {
            folder: args
                .folder
                .map_or(current.folder, |d| d.display().to_string()),
            worker_id: args.worker_id.map_or(current.worker_id, Into::into),
            team: args.team.unwrap_or(current.team),
        },
    )?;
    output::print(args.json, &saved, || {
        print_share(&saved.settings);
        if let Some(warning) = &saved.warning {
            outln!("{warning}");
        }
    })
}

fn print_share(s: &exchange::ShareSettings) {
    outln!(
        "Shared drive: {}",
        if s.folder.is_empty() {
            "not set"
        } else {
            &s.folder
        }
    );
    outln!("Worker:       {}", s.worker_id);
    outln!("Team:         {}", s.team);
}
