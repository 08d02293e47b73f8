//! `caseload`: the headless front door to every Caseload use case, for scripts, analysts and
//! tests. It calls the same `caseload_app` use cases as the desktop app. Errors: one line on
//! stderr and a non-zero exit; `--json` output on stdout for every read command.

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

mod args;
mod attendance;
mod cases;
mod chronology;
mod exchange;
mod family;
mod legal;
mod output;
mod plan;
mod secret;
mod tsm;

use std::path::Path;
use std::process::ExitCode;

use caseload_app::reports::FunnelRequest;
use caseload_app::schools::{ContactInput, LinkSchoolSetRequest};
use caseload_app::search::SearchRequest;
use caseload_app::session::{ChangePassphraseRequest, CreateCaseloadRequest, UnlockRequest};
use caseload_app::{
    AppError, Caseload, FieldError, KdfProfile, dashboard, data_dir, reports, schools, search,
    session,
};
use clap::Parser;

use attendance::AttendanceCommand;

use args::{Cli, Command, PassphraseCommand, ReportCommand, SchoolCommand};

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
    match command {
        Command::Init => {
            let passphrase = secret::passphrase(passphrase_file)?;
            let status = session::caseload_create(
                &cx,
                CreateCaseloadRequest {
                    passphrase: passphrase.to_string(),
                    passphrase_confirm: passphrase.to_string(),
                },
            )?;
            outln!("Created an encrypted caseload in {}", status.data_dir);
        }
        Command::Status { json } => {
            let status = session::app_status(&cx, ())?;
            output::print(json, &status, || output::status(&status))?;
        }
        Command::Case(case) => {
            unlock(&cx, passphrase_file)?;
            cases::run(&cx, case)?;
        }
        Command::Passphrase(PassphraseCommand::Change {
            new_passphrase_file,
        }) => {
            let current = secret::passphrase(passphrase_file)?;
            let new = secret::new_passphrase(new_passphrase_file.as_deref())?;
            session::passphrase_change(
                &cx,
                ChangePassphraseRequest {
                    current_passphrase: current.to_string(),
                    new_passphrase: new.to_string(),
                    new_passphrase_confirm: new.to_string(),
                },
            )?;
            outln!(
                "Passphrase changed. The data was not re-encrypted; the old passphrase no longer opens it."
            );
        }
        Command::Attendance(AttendanceCommand::Compute(args)) => attendance::compute(args)?,
        Command::Import(command) => {
            unlock(&cx, passphrase_file)?;
            attendance::import(&cx, command)?;
        }
        Command::Attendance(AttendanceCommand::Record(args)) => {
            unlock(&cx, passphrase_file)?;
            cases::attendance_record(&cx, args)?;
        }
        Command::Chronology(command) => {
            unlock(&cx, passphrase_file)?;
            chronology::run(&cx, command)?;
        }
        Command::Family(command) => {
            unlock(&cx, passphrase_file)?;
            family::run(&cx, command)?;
        }
        Command::Plan(command) => {
            unlock(&cx, passphrase_file)?;
            plan::run(&cx, command)?;
        }
        Command::School(command) => {
            unlock(&cx, passphrase_file)?;
            let (schools, json) = match command {
                SchoolCommand::Set(args) => {
                    let args = *args;
                    let contact = |name: Option<String>, phone, email| ContactInput {
                        name: name.unwrap_or_default(),
                        phone,
                        email,
                    };
                    let request = LinkSchoolSetRequest {
                        urn: args.urn,
                        name: args.name,
                        phase: args.phase.replace('-', "_"),
                        attendance_champion: contact(
                            args.champion,
                            args.champion_phone,
                            args.champion_email,
                        ),
                        dsl: contact(args.dsl, args.dsl_phone, args.dsl_email),
                    };
                    (schools::link_school_set(&cx, request)?, args.json)
                }
                SchoolCommand::List { json } => (schools::link_school_list(&cx, ())?, json),
            };
            output::print(json, &schools, || {
                for s in &schools {
                    let champion = s
                        .attendance_champion
                        .as_ref()
                        .map(|c| c.name.as_str())
                        .unwrap_or("-");
                    outln!(
                        "{}  {}  {}  champion: {champion}",
                        s.urn,
                        s.name,
                        s.phase.as_str()
                    );
                }
            })?;
        }
        Command::Legal(command) => {
            unlock(&cx, passphrase_file)?;
            legal::run(&cx, command)?;
        }
        Command::Evidence(args) => {
            unlock(&cx, passphrase_file)?;
            legal::evidence(&cx, args)?;
        }
        Command::Tsm(command) => {
            unlock(&cx, passphrase_file)?;
            tsm::run(&cx, command)?;
        }
        Command::Dashboard { json } => {
            unlock(&cx, passphrase_file)?;
            let dashboard = dashboard::dashboard(&cx, ())?;
            output::print(json, &dashboard, || output::dashboard(&dashboard))?;
        }
        Command::Search { query, json } => {
            unlock(&cx, passphrase_file)?;
            let hits = search::search(&cx, SearchRequest { query })?;
            output::print(json, &hits, || {
                for h in &hits {
                    outln!(
                        "{}  {}  {}  {}  {}",
                        h.case_id,
                        h.legal_name,
                        h.upn,
                        h.school_name,
                        h.status.label()
                    );
                }
            })?;
        }
        Command::Report(ReportCommand::Funnel { from, to, json }) => {
            unlock(&cx, passphrase_file)?;
            let report = reports::report_funnel(&cx, FunnelRequest { from, to })?;
            output::print(json, &report, || output::funnel(&report))?;
        }
        Command::Demo { pupils, seed } => {
            unlock(&cx, passphrase_file)?;
            let added = caseload_app::demo::fill(&cx, pupils, seed)?;
            outln!("Added {added} synthetic pupils with cases.");
        }
        Command::Export(args) => {
            unlock(&cx, passphrase_file)?;
            exchange::export(&cx, args)?;
        }
        Command::Sync { share, json } => {
            unlock(&cx, passphrase_file)?;
            exchange::sync(&cx, share, json)?;
        }
        Command::Outbox(command) => {
            unlock(&cx, passphrase_file)?;
            exchange::outbox(&cx, command)?;
        }
        Command::Aggregate(args) => exchange::run_aggregate(args)?,
        Command::Commands => {
            for name in caseload_app::COMMAND_NAMES {
                outln!("{name}");
            }
        }
        Command::Call { name, request } => {
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
                "app_status" | "caseload_create" | "unlock" | "lock"
            ) && session::app_status(&cx, ())?.initialised
            {
                unlock(&cx, passphrase_file)?;
            }
            let response = caseload_app::dispatch(&cx, &name, request)?;
            output::json(&response)?;
        }
    }
    Ok(())
}

fn unlock(cx: &Caseload, passphrase_file: Option<&Path>) -> Result<(), AppError> {
    let passphrase = secret::passphrase(passphrase_file)?;
    session::unlock(
        cx,
        UnlockRequest {
            passphrase: passphrase.to_string(),
        },
    )?;
    Ok(())
}
