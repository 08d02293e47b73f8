//! The command line, as clap parses it: the global options and the table of subcommands.
//! Each subcommand's own arguments live in its concern's module, beside the code that runs
//! it. Passphrases never appear here as values: only the environment or a file name.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::{
    attendance, backup, call, cases, chronology, dashboard, demo, exchange, family, imports, legal,
    local_model, plan, reports, retention, schools, search, session, tsm,
};

#[derive(Debug, Parser)]
#[command(
    name = "caseload",
    // The one version: the app's Settings → About and the packages show the same.
    version = caseload_app::about::VERSION,
    about = "Caseload: an encrypted, offline caseload for school-attendance case workers"
)]
pub struct Cli {
    /// The caseload's folder (default: CASELOAD_DATA_DIR, else the operating system's app-data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Read the passphrase from the first line of this file (otherwise from CASELOAD_PASSPHRASE).
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new encrypted caseload in the data folder.
    Init,
    /// Say whether a caseload exists in the data folder.
    Status(session::StatusArgs),
    /// Make an encrypted, verified backup of the whole caseload (--out DIR), or list them (--list).
    Backup(backup::BackupArgs),
    /// Restore a backup into a new, empty data folder (--data-dir NEW), with the passphrase
    /// the caseload had when it was backed up.
    Restore(backup::RestoreArgs),
    /// Add, list, show and edit cases.
    #[command(subcommand)]
    Case(cases::CaseCommand),
    /// Change the passphrase (the new one from CASELOAD_NEW_PASSPHRASE or --new-passphrase-file).
    #[command(subcommand)]
    Passphrase(session::PassphraseCommand),
    /// Add to or read a case's chronology (entries are never edited: correct with --corrects).
    #[command(subcommand)]
    Chronology(chronology::ChronologyCommand),
    /// A pupil's family: parents and carers, siblings, other children of the household.
    #[command(subcommand)]
    Family(family::FamilyCommand),
    /// A case's plan: barriers, SMART target, interventions, review dates and actions.
    #[command(subcommand)]
    Plan(plan::PlanCommand),
    /// Record attendance figures, or compute them from a marks file.
    #[command(subcommand)]
    Attendance(attendance::AttendanceCommand),
    /// Import attendance files (session marks, pupil summaries) into the caseload.
    #[command(subcommand)]
    Import(imports::ImportCommand),
    /// The worker's link schools (for Targeting Support Meetings).
    #[command(subcommand)]
    School(schools::SchoolCommand),
    /// Targeting Support Meetings: plan, list, show, coverage, review actions, finish, record.
    #[command(subcommand)]
    Tsm(tsm::TsmCommand),
    /// The legal ladder on a case: contract, notice to improve, penalty notice, education
    /// supervision order, prosecution.
    #[command(subcommand)]
    Legal(legal::LegalCommand),
    /// Write a case's evidence bundle (for a court or panel) as a PDF.
    Evidence(legal::EvidenceArgs),
    /// Every open case with attendance, trend, flags and what is due next.
    Dashboard(dashboard::DashboardArgs),
    /// Find pupils by the start of any word of their names, UPN or school.
    Search(search::SearchArgs),
    /// Council reports from this caseload.
    #[command(subcommand)]
    Report(reports::ReportCommand),
    /// Closed cases due for review for deletion under the retention rule: list, and purge.
    #[command(subcommand)]
    Retention(retention::RetentionCommand),
    /// The council's local model (named groups over attendance ranges, like Wave 1 71–95%):
    /// show, set from a file, put back the example, or none.
    #[command(subcommand, name = "local-model")]
    LocalModel(local_model::LocalModelCommand),
    /// Add a synthetic caseload (obviously fake pupils, UPNs of LA 999) for demonstrations,
    /// training and benchmarks. Never use it on a real caseload.
    Demo(demo::DemoArgs),
    /// Export a summary (funnel, tsm-actions, ward-bands, closures): queued for the shared
    /// drive, or with --out written straight to a folder. Pseudonymised unless --identifiable.
    Export(exchange::ExportArgs),
    /// The shared-drive settings: folder, worker identifier and team (shown when none is given).
    Share(crate::share::ShareArgs),
    /// Deliver the outbox to the shared drive and take in this worker's inbox.
    Sync(exchange::SyncArgs),
    /// The inbox's proposals from allocation files: list, accept or refuse each.
    #[command(subcommand)]
    Inbox(crate::inbox::InboxCommand),
    /// The council's postcode-to-ward lookup for the ward table: load a CSV, or show its status.
    #[command(subcommand)]
    Wards(crate::wards::WardsCommand),
    /// The outbox: exports queued, failed and delivered.
    #[command(subcommand)]
    Outbox(exchange::OutboxCommand),
    /// Add up every worker's delivered summaries on the share into one team report (no
    /// caseload or passphrase needed). Only files a manifest vouches for are read; funnels are
    /// added only within one period (--from and --to choose one).
    Aggregate(crate::aggregate::AggregateArgs),
    /// The audit trail: list its entries, or check that none was edited, deleted, inserted or
    /// reordered.
    #[command(subcommand)]
    Audit(crate::audit::AuditCommand),
    /// List every command `call` accepts.
    Commands,
    /// Run any command of the app by name with a JSON request; prints the JSON response.
    Call(call::CallArgs),
}

/// A date or date and time given on the command line that is not one: says how to write it.
/// clap prints it after the argument's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NotADate {
    #[error("not a real date: write it as YYYY-MM-DD, like 2026-11-23")]
    Date,
    #[error(
        "not a real date and time: write it as \"YYYY-MM-DD HH:MM\", like \"2026-11-23 14:30\""
    )]
    DateTime,
}

/// A value typed for one of a fixed list (a closure category, a lawful basis) that is none of
/// them: names every one, as typed on the command line (`-` for `_`). clap prints it after the
/// argument's name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Choose a {what}: {}", choices.join(", "))]
pub struct NotAChoice {
    pub what: &'static str,
    pub choices: Vec<String>,
}

/// One of a fixed list, typed as `moved-school-or-area` (or with `_`): `parse` reads the
/// domain's own names, `names` lists them for the error.
pub fn choice<T>(
    value: &str,
    what: &'static str,
    parse: impl Fn(&str) -> Option<T>,
    names: impl Iterator<Item = &'static str>,
) -> Result<T, NotAChoice> {
    parse(value).ok_or_else(|| NotAChoice {
        what,
        choices: names.map(|n| n.replace('_', "-")).collect(),
    })
}

/// A date given on the command line: `YYYY-MM-DD` (the app's day, month and year boxes take
/// "23 11 2026"; the command line takes the ISO form, and says so rather than repeat the app's
/// example). Checked here so a mistyped date is refused by the argument, with its name.
pub fn iso_date(value: &str) -> Result<String, NotADate> {
    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map(|date| date.format("%Y-%m-%d").to_string())
        .map_err(|_| NotADate::Date)
}

/// A date given on the command line, as a date (`YYYY-MM-DD`), for commands that use it
/// directly rather than pass it to the app.
pub fn iso_day(value: &str) -> Result<chrono::NaiveDate, NotADate> {
    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| NotADate::Date)
}

/// A local date and time on the command line: `YYYY-MM-DD HH:MM` (24-hour clock).
pub fn iso_date_time(value: &str) -> Result<String, NotADate> {
    caseload_domain::chronology::parse_local_time(value.trim())
        .map(|at| at.format("%Y-%m-%d %H:%M").to_string())
        .ok_or(NotADate::DateTime)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_taken_as_iso_and_refused_with_the_cli_example() {
        assert_eq!(iso_date("2026-11-23").as_deref(), Ok("2026-11-23"));
        assert_eq!(iso_date(" 2026-1-5 ").as_deref(), Ok("2026-01-05"));
        for bad in ["23 11 2026", "23/11/2026", "2026-02-30", ""] {
            let message = iso_date(bad).expect_err(bad).to_string();
            assert!(message.contains("like 2026-11-23"), "{message}");
            assert!(!message.contains("23 11 2026"), "{message}");
        }
    }

    #[test]
    fn date_times_are_taken_as_iso_with_a_24_hour_time() {
        assert_eq!(
            iso_date_time("2026-11-23 14:30").as_deref(),
            Ok("2026-11-23 14:30")
        );
        let message = iso_date_time("2026-11-23 2:30pm")
            .expect_err("12-hour")
            .to_string();
        assert!(message.contains("2026-11-23 14:30"), "{message}");
    }
}
