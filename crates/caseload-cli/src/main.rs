//! `caseload`: the headless front door to every Caseload use case, for scripts, analysts and
//! tests. It calls the same `caseload_app` use cases as the desktop app. Errors: one line on
//! stderr and a non-zero exit; `--json` output on stdout for every read command.
//!
//! Each concern is one module holding its clap arguments, its `run` and its printing, named as
//! in `caseload_app`; this file parses, opens the caseload and dispatches.

/// `println!` for the CLI's human output, through [`output::line`]: a reader that stops
/// reading (`caseload case list | head -1`) ends the output quietly instead of panicking.
macro_rules! outln {
    () => {
        $crate::output::line(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::output::line(format_args!($($arg)*))
    };
}

mod aggregate;
mod args;
mod attendance;
mod audit;
mod backup;
mod call;
mod cases;
mod chronology;
mod dashboard;
mod demo;
mod exchange;
mod family;
mod imports;
mod inbox;
mod legal;
mod local_model;
mod output;
mod plan;
mod reports;
mod retention;
mod schools;
mod search;
mod secret;
mod session;
mod share;
mod tsm;
mod wards;

use std::process::ExitCode;

use caseload_app::{AppError, Caseload, KdfProfile, data_dir};
use clap::Parser;

use args::{Cli, Command};
use attendance::AttendanceCommand;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("caseload: {}", e.one_line());
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), AppError> {
    let Cli {
        data_dir,
        passphrase_file,
        command,
    } = cli;
    let passphrase_file = passphrase_file.as_deref();
    let cx = Caseload::new(data_dir::resolve(data_dir), KdfProfile::Calibrated);
    // The commands that read or write the caseload unlock it first.
    let open = || session::open(&cx, passphrase_file);
    match command {
        Command::Init => session::init(&cx, passphrase_file),
        Command::Status(args) => session::status(&cx, args),
        Command::Passphrase(command) => session::passphrase(&cx, passphrase_file, command),
        Command::Backup(args) => backup::run(open()?, args),
        Command::Restore(args) => backup::restore(&cx, passphrase_file, args),
        Command::Case(command) => cases::run(open()?, command),
        Command::Attendance(AttendanceCommand::Record(args)) => {
            cases::attendance_record(open()?, args)
        }
        Command::Attendance(AttendanceCommand::Compute(args)) => attendance::compute(args),
        Command::Import(command) => imports::run(open()?, command),
        Command::Chronology(command) => chronology::run(open()?, command),
        Command::Family(command) => family::run(open()?, command),
        Command::Plan(command) => plan::run(open()?, command),
        Command::School(command) => schools::run(open()?, command),
        Command::Legal(command) => legal::run(open()?, command),
        Command::Evidence(args) => legal::evidence(open()?, args),
        Command::Tsm(command) => tsm::run(open()?, command),
        Command::Dashboard(args) => dashboard::run(open()?, args),
        Command::Search(args) => search::run(open()?, args),
        Command::Report(command) => reports::run(open()?, command),
        Command::Retention(command) => retention::run(open()?, command),
        Command::LocalModel(command) => local_model::run(open()?, command),
        Command::Demo(args) => demo::run(open()?, args),
        Command::Export(args) => exchange::export(open()?, args),
        Command::Share(args) => share::share(open()?, args),
        Command::Sync(args) => exchange::sync(open()?, args),
        Command::Outbox(command) => exchange::outbox(open()?, command),
        Command::Inbox(command) => inbox::inbox(open()?, command),
        Command::Aggregate(args) => aggregate::run(args),
        Command::Wards(command) => wards::run(open()?, command),
        Command::Audit(command) => audit::run(open()?, command),
        Command::Commands => call::commands(),
        Command::Call(args) => call::run(&cx, passphrase_file, args),
    }
}
