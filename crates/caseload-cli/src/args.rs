//! The command line, as clap parses it. Passphrases never appear here as values: only the
//! environment or a file name.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "caseload",
    version,
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
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Add, list, show and edit cases.
    #[command(subcommand)]
    Case(crate::cases::CaseCommand),
    /// Change the passphrase (the new one from CASELOAD_NEW_PASSPHRASE or --new-passphrase-file).
    #[command(subcommand)]
    Passphrase(PassphraseCommand),
    /// Add to or read a case's chronology (entries are never edited: correct with --corrects).
    #[command(subcommand)]
    Chronology(crate::chronology::ChronologyCommand),
    /// A pupil's family: parents and carers, siblings, other children of the household.
    #[command(subcommand)]
    Family(crate::family::FamilyCommand),
    /// A case's plan: barriers, SMART target, interventions, review dates and actions.
    #[command(subcommand)]
    Plan(crate::plan::PlanCommand),
    /// Record attendance figures, or compute them from a marks file.
    #[command(subcommand)]
    Attendance(crate::attendance::AttendanceCommand),
    /// Import attendance files (session marks, pupil summaries) into the caseload.
    #[command(subcommand)]
    Import(crate::attendance::ImportCommand),
    /// The worker's link schools (for Targeting Support Meetings).
    #[command(subcommand)]
    School(SchoolCommand),
    /// Targeting Support Meetings: plan, list, show, coverage, review actions, finish, record.
    #[command(subcommand)]
    Tsm(crate::tsm::TsmCommand),
    /// The legal ladder on a case: contract, notice to improve, penalty notice, education
    /// supervision order, prosecution.
    #[command(subcommand)]
    Legal(crate::legal::LegalCommand),
    /// Write a case's evidence bundle (for a court or panel) as a PDF.
    Evidence(crate::legal::EvidenceArgs),
    /// Every open case with attendance, trend, flags and what is due next.
    Dashboard {
        #[arg(long)]
        json: bool,
    },
    /// Find pupils by the start of any word of their names, UPN or school.
    Search {
        /// The words to look for, e.g. a surname prefix or part of a UPN.
        query: String,
        #[arg(long)]
        json: bool,
    },
    /// Council reports from this caseload.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Add a synthetic caseload (obviously fake pupils, UPNs of LA 999) for demonstrations,
    /// training and benchmarks. Never use it on a real caseload.
    Demo {
        /// How many pupils (each with a case) to add.
        #[arg(long, default_value_t = 25)]
        pupils: u32,
        /// The same seed gives the same caseload.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Export a summary (funnel, tsm-actions, ward-bands, closures): queued for the shared
    /// drive, or with --out written straight to a folder. Pseudonymised unless --identifiable.
    Export(crate::exchange::ExportArgs),
    /// Deliver the outbox to the shared drive and take in this worker's inbox.
    Sync {
        /// The shared-drive folder (default: the one in settings).
        #[arg(long, value_name = "DIR")]
        share: Option<std::path::PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The outbox: exports queued, failed and delivered.
    #[command(subcommand)]
    Outbox(crate::exchange::OutboxCommand),
    /// Add up every worker's delivered summaries on the share into one team report (no
    /// caseload or passphrase needed). Only files a manifest vouches for are read.
    Aggregate(crate::exchange::AggregateArgs),
    /// List every command `call` accepts.
    Commands,
    /// Run any command of the app by name with a JSON request; prints the JSON response.
    Call {
        /// The command's name, as listed by `caseload commands`.
        name: String,
        /// The request as JSON (omit for commands that take none).
        request: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SchoolCommand {
    /// Add a link school, or update the one with this URN.
    Set(Box<SchoolSetArgs>),
    /// List the link schools.
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct SchoolSetArgs {
    #[arg(long)]
    pub urn: String,
    #[arg(long)]
    pub name: String,
    /// primary, secondary, special or alternative-provision.
    #[arg(long)]
    pub phase: String,
    /// The senior attendance champion's name (and optionally phone and email).
    #[arg(long)]
    pub champion: Option<String>,
    #[arg(long)]
    pub champion_phone: Option<String>,
    #[arg(long)]
    pub champion_email: Option<String>,
    /// The designated safeguarding lead's name (and optionally phone and email).
    #[arg(long)]
    pub dsl: Option<String>,
    #[arg(long)]
    pub dsl_phone: Option<String>,
    #[arg(long)]
    pub dsl_email: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The case funnel by phase for a period (rows defined in docs/reports.md).
    Funnel {
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PassphraseCommand {
    /// Re-wrap the caseload's key under a new passphrase (the data is not re-encrypted).
    Change {
        /// Read the new passphrase from the first line of this file.
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
}
