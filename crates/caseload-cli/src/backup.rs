//! `caseload backup` and `caseload restore`: an encrypted, checked backup file of the whole
//! caseload, and a caseload restored from one into a new, empty data folder.

use std::path::{Path, PathBuf};

use caseload_app::backup::{self, BackupNowRequest, BackupOverview, BackupView};
use caseload_app::{AppError, Caseload};
use clap::Args;

use crate::{output, secret};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Write the backup into this folder (default: the folder in Settings, else
    /// Documents/Caseload/Backups). Only the newest backups are kept (Settings: keep, 5).
    #[arg(long, value_name = "DIR", conflicts_with = "list")]
    out: Option<PathBuf>,
    /// List the backups made (newest first) instead of making one.
    #[arg(long)]
    list: bool,
    /// Set the folder backups go to from now on, instead of making one (the app picks it in
    /// the system's folder chooser).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["list", "out", "default_folder"])]
    set_folder: Option<PathBuf>,
    /// Go back to the default backup folder (Documents/Caseload/Backups), instead of making one.
    #[arg(long, conflicts_with_all = ["list", "out"])]
    default_folder: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file (`caseload-backup-….zip`).
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

/// `caseload backup [--out DIR] [--list] [--set-folder DIR | --default-folder]`.
pub fn run(cx: &Caseload, args: BackupArgs) -> Result<(), AppError> {
    if args.set_folder.is_some() || args.default_folder {
        let mut all = caseload_app::settings::settings_get(cx, ())?;
        all.backup.folder = args
            .set_folder
            .map(|d| d.display().to_string())
            .unwrap_or_default();
        let saved = caseload_app::settings::settings_save(cx, all)?;
        let overview = backup::backup_list(cx, ())?;
        return output::print(args.json, &saved.backup, || {
            outln!("Backups go to {} from now on", overview.folder);
        });
    }
    if args.list {
        let overview = backup::backup_list(cx, ())?;
        return output::print(args.json, &overview, || print_list(&overview));
    }
    let made = backup::backup_now_to(cx, BackupNowRequest {}, args.out.as_deref())?;
    output::print(args.json, &made, || {
        outln!(
            "Backed up and verified: {} ({})",
            made.path,
            size_words(made.size)
        );
        outln!("Restore it with: caseload restore FILE --data-dir NEW_FOLDER");
    })
}

/// `caseload restore FILE --data-dir NEW`: the passphrase the caseload had when it was backed up.
pub fn restore(
    cx: &Caseload,
    passphrase_file: Option<&Path>,
    args: RestoreArgs,
) -> Result<(), AppError> {
    let passphrase = secret::passphrase(passphrase_file)?;
    let status = backup::restore_from(cx, &args.file, passphrase.to_string())?;
    outln!(
        "Restored {} into {}: checked, and unlocks with the backed-up caseload's passphrase",
        args.file.display(),
        status.data_dir
    );
    Ok(())
}

fn size_words(bytes: u64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{} KB", b.div_ceil(1024)),
        b => format!("{b} bytes"),
    }
}

fn print_list(overview: &BackupOverview) {
    outln!("Backup folder: {}", overview.folder);
    if overview.backups.is_empty() {
        outln!("No backups yet.");
    }
    for b in &overview.backups {
        outln!("{}", line(b));
    }
    if let Some(reminder) = &overview.reminder {
        outln!("{reminder}.");
    }
}

fn line(b: &BackupView) -> String {
    let state = match (b.verified, b.present, b.restored_from) {
        (_, false, _) => "missing",
        (_, _, true) => "restored from",
        (true, _, _) => "verified",
        (false, _, _) => "not verified",
    };
    format!(
        "{}  {:>9}  {:<13}  {}",
        output::london(&b.created_at),
        size_words(b.size),
        state,
        b.path
    )
}
