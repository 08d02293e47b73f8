//! `caseload init`, `status` and `passphrase change`: the encrypted caseload itself, and
//! opening it with the passphrase for every command that reads or writes it.

use std::path::{Path, PathBuf};

use caseload_app::session::{
    AppStatus, ChangePassphraseRequest, CreateCaseloadRequest, UnlockRequest,
};
use caseload_app::{AppError, Caseload, session};
use clap::{Args, Subcommand};

use crate::{output, secret};

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
pub enum PassphraseCommand {
    /// Change the passphrase: the caseload's key re-wrapped under the new one, or, with
    /// `--known`, the whole caseload re-encrypted under a new key as well.
    Change {
        /// Read the new passphrase from the first line of this file.
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
        /// I think my passphrase is known to someone else: re-encrypt the caseload under a new
        /// key, so the old passphrase with any copy of the old key file opens nothing.
        #[arg(long)]
        known: bool,
    },
}

/// Unlocks the caseload with the passphrase (from the file, else the environment) and hands
/// it back, for the commands that read or write it.
pub fn open<'a>(
    cx: &'a Caseload,
    passphrase_file: Option<&Path>,
) -> Result<&'a Caseload, AppError> {
    let passphrase = secret::passphrase(passphrase_file)?;
    session::unlock(
        cx,
        UnlockRequest {
            passphrase: passphrase.to_string(),
        },
    )?;
    Ok(cx)
}

/// `caseload init`: a new encrypted caseload in the data folder.
pub fn init(cx: &Caseload, passphrase_file: Option<&Path>) -> Result<(), AppError> {
    let passphrase = secret::passphrase(passphrase_file)?;
    let status = session::caseload_create(
        cx,
        CreateCaseloadRequest {
            passphrase: passphrase.to_string(),
            passphrase_confirm: passphrase.to_string(),
        },
    )?;
    outln!("Created an encrypted caseload in {}", status.data_dir);
    Ok(())
}

/// `caseload status`: the data folder and whether a caseload exists there.
pub fn status(cx: &Caseload, args: StatusArgs) -> Result<(), AppError> {
    let status = session::app_status(cx, ())?;
    output::print(args.json, &status, || print_status(&status))
}

/// `caseload passphrase change`: the key re-wrapped under the new passphrase.
pub fn passphrase(
    cx: &Caseload,
    passphrase_file: Option<&Path>,
    command: PassphraseCommand,
) -> Result<(), AppError> {
    let PassphraseCommand::Change {
        new_passphrase_file,
        known,
    } = command;
    let current = secret::passphrase(passphrase_file)?;
    let new = secret::new_passphrase(new_passphrase_file.as_deref())?;
    let changed = session::passphrase_change(
        cx,
        ChangePassphraseRequest {
            current_passphrase: current.to_string(),
            new_passphrase: new.to_string(),
            new_passphrase_confirm: new.to_string(),
            passphrase_known: Some(known),
        },
    )?;
    outln!("{}", changed.message);
    Ok(())
}

fn print_status(status: &AppStatus) {
    outln!("Data folder: {}", status.data_dir);
    outln!(
        "Caseload:    {}",
        if status.initialised {
            "exists (encrypted)"
        } else {
            "none yet: run `caseload init`"
        }
    );
}
