//! `caseload`: the headless front door to every Caseload use case, for scripts, analysts and
//! tests. It calls the same `caseload_app::commands` as the desktop app. Errors: one line on
//! stderr and a non-zero exit; `--json` output on stdout for every read command.

mod args;
mod output;
mod secret;

use std::path::Path;
use std::process::ExitCode;

use caseload_app::types::*;
use caseload_app::{AppError, Caseload, FieldError, KdfProfile, commands, data_dir};
use clap::Parser;

use args::{
    AttendanceCommand, CaseCommand, ChronologyCommand, Cli, Command, FamilyCommand,
    PassphraseCommand, PlanCommand, ReportCommand,
};

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
            let status = commands::caseload_create(
                &cx,
                CreateCaseloadRequest {
                    passphrase: passphrase.to_string(),
                    passphrase_confirm: passphrase.to_string(),
                },
            )?;
            println!("Created an encrypted caseload in {}", status.data_dir);
        }
        Command::Status { json } => {
            let status = commands::app_status(&cx, ())?;
            output::print(json, &status, || output::status(&status))?;
        }
        Command::Case(case) => {
            unlock(&cx, passphrase_file)?;
            run_case(&cx, case)?;
        }
        Command::Passphrase(PassphraseCommand::Change {
            new_passphrase_file,
        }) => {
            let current = secret::passphrase(passphrase_file)?;
            let new = secret::new_passphrase(new_passphrase_file.as_deref())?;
            commands::passphrase_change(
                &cx,
                ChangePassphraseRequest {
                    current_passphrase: current.to_string(),
                    new_passphrase: new.to_string(),
                    new_passphrase_confirm: new.to_string(),
                },
            )?;
            println!(
                "Passphrase changed. The data was not re-encrypted; the old passphrase no longer opens it."
            );
        }
        Command::Attendance(AttendanceCommand::Record {
            id,
            as_at,
            possible,
            present,
            authorised,
            unauthorised,
            json,
        }) => {
            unlock(&cx, passphrase_file)?;
            let detail = commands::attendance_record(
                &cx,
                AttendanceRecordRequest {
                    id: CaseId(id),
                    as_at,
                    possible,
                    present,
                    authorised,
                    unauthorised,
                },
            )?;
            output::print(json, &detail, || {
                println!("Recorded attendance on case {}", detail.id)
            })?;
        }
        Command::Chronology(command) => {
            unlock(&cx, passphrase_file)?;
            run_chronology(&cx, command)?;
        }
        Command::Family(command) => {
            unlock(&cx, passphrase_file)?;
            run_family(&cx, command)?;
        }
        Command::Plan(command) => {
            unlock(&cx, passphrase_file)?;
            run_plan(&cx, command)?;
        }
        Command::Dashboard { json } => {
            unlock(&cx, passphrase_file)?;
            let dashboard = commands::dashboard(&cx, ())?;
            output::print(json, &dashboard, || output::dashboard(&dashboard))?;
        }
        Command::Search { query, json } => {
            unlock(&cx, passphrase_file)?;
            let hits = commands::search(&cx, SearchRequest { query })?;
            output::print(json, &hits, || {
                for h in &hits {
                    println!(
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
            let report = commands::report_funnel(&cx, FunnelRequest { from, to })?;
            output::print(json, &report, || output::funnel(&report))?;
        }
        Command::Demo { pupils, seed } => {
            unlock(&cx, passphrase_file)?;
            let added = caseload_app::demo::fill(&cx, pupils, seed)?;
            println!("Added {added} synthetic pupils with cases.");
        }
        Command::Commands => {
            for name in caseload_app::COMMAND_NAMES {
                println!("{name}");
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
            ) && commands::app_status(&cx, ())?.initialised
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
    commands::unlock(
        cx,
        UnlockRequest {
            passphrase: passphrase.to_string(),
        },
    )?;
    Ok(())
}

fn run_case(cx: &Caseload, case: CaseCommand) -> Result<(), AppError> {
    match case {
        CaseCommand::Add { pupil, json } => {
            let detail = commands::case_add(cx, pupil.into_request())?;
            output::print(json, &detail, || println!("Added case {}", detail.id))?;
        }
        CaseCommand::List { json } => {
            let list = commands::case_list(cx, ())?;
            output::print(json, &list, || output::case_table(&list))?;
        }
        CaseCommand::Show { id, json } => {
            let detail = commands::case_get(cx, CaseGetRequest { id: CaseId(id) })?;
            output::print(json, &detail, || output::case_detail(&detail))?;
        }
        CaseCommand::Transition {
            id,
            step,
            on_date,
            team,
            worker,
            note,
            json,
        } => {
            let today = chrono::Utc::now()
                .with_timezone(&chrono_tz::Europe::London)
                .date_naive();
            let detail = commands::case_transition(
                cx,
                CaseTransitionRequest {
                    id: CaseId(id),
                    kind: step.kind(),
                    on_date: on_date.unwrap_or_else(|| today.to_string()),
                    team,
                    worker,
                    note,
                },
            )?;
            output::print(json, &detail, || {
                println!("Case {} is now {}", detail.id, detail.status.label())
            })?;
        }
        CaseCommand::Edit { id, changes, json } => {
            let id = CaseId(id);
            let current = commands::case_get(cx, CaseGetRequest { id: id.clone() })?;
            let pupil = changes.apply_to(current.pupil);
            let detail = commands::case_update(cx, CaseUpdateRequest { id, pupil })?;
            output::print(json, &detail, || println!("Updated case {}", detail.id))?;
        }
    }
    Ok(())
}

fn contact_kind(value: &str) -> Result<ContactKind, AppError> {
    ContactKind::parse(value).ok_or_else(|| AppError::Validation {
        message: "Unknown kind of contact".into(),
        fields: vec![FieldError {
            field: "kind".into(),
            message: "Use home-visit, phone-call, letter, school-meeting, tsm-discussion or other"
                .into(),
        }],
    })
}

fn run_chronology(cx: &Caseload, command: ChronologyCommand) -> Result<(), AppError> {
    match command {
        ChronologyCommand::Add {
            id,
            kind,
            occurred_at,
            who,
            what,
            outcome,
            next_step,
            corrects,
            json,
        } => {
            let entries = commands::chronology_add(
                cx,
                ChronologyAddRequest {
                    case_id: CaseId(id),
                    kind: contact_kind(&kind)?,
                    occurred_at,
                    who,
                    what,
                    outcome,
                    next_step,
                    corrects,
                },
            )?;
            output::print(json, &entries, || {
                println!("The chronology now has {} entries", entries.len())
            })?;
        }
        ChronologyCommand::List { id, kind, json } => {
            let kind = kind.as_deref().map(contact_kind).transpose()?;
            let entries = commands::chronology_list(
                cx,
                ChronologyListRequest {
                    case_id: CaseId(id),
                    kind,
                },
            )?;
            output::print(json, &entries, || output::chronology(&entries))?;
        }
    }
    Ok(())
}

fn barrier(value: &str) -> Result<Barrier, AppError> {
    serde_json::from_value(serde_json::Value::String(value.trim().replace('-', "_"))).map_err(|_| AppError::Validation {
        message: format!("Unknown barrier {value}"),
        fields: vec![FieldError {
            field: "barriers".into(),
            message: "Use health, semh-ebsa, send, bullying, caring-responsibilities, housing, transport, family-circumstances or school-factors".into(),
        }],
    })
}

fn run_plan(cx: &Caseload, command: PlanCommand) -> Result<(), AppError> {
    let (plan, json) = match command {
        PlanCommand::Show { id, json } => (
            commands::plan_get(
                cx,
                PlanGetRequest {
                    case_id: CaseId(id),
                },
            )?,
            json,
        ),
        PlanCommand::Set {
            id,
            barriers,
            other_barriers,
            target,
            by,
            interventions,
            reviews,
            json,
        } => {
            let barriers = barriers
                .iter()
                .map(|b| barrier(b))
                .collect::<Result<Vec<_>, _>>()?;
            let request = PlanSetRequest {
                case_id: CaseId(id),
                barriers,
                other_barriers,
                target_pct: target,
                target_by: by,
                interventions,
                review_dates: reviews,
            };
            (commands::plan_set(cx, request)?, json)
        }
        PlanCommand::Action {
            id,
            what,
            owner,
            due,
            json,
        } => (
            commands::plan_action_add(
                cx,
                PlanActionAddRequest {
                    case_id: CaseId(id),
                    what,
                    owner,
                    due_on: due,
                },
            )?,
            json,
        ),
        PlanCommand::ActionStatus {
            id,
            action_id,
            status,
            on_date,
            json,
        } => {
            let status = match status.as_str() {
                "done" => ActionStatus::Done,
                "not-done" => ActionStatus::NotDone,
                _ => ActionStatus::Open,
            };
            let on_date = on_date.unwrap_or_else(|| caseload_app::commands::today().to_string());
            (
                commands::plan_action_status(
                    cx,
                    PlanActionStatusRequest {
                        case_id: CaseId(id),
                        action_id,
                        status,
                        on_date,
                    },
                )?,
                json,
            )
        }
    };
    output::print(json, &plan, || output::plan(&plan))
}

fn run_family(cx: &Caseload, command: FamilyCommand) -> Result<(), AppError> {
    let (view, json) = match command {
        FamilyCommand::Show { id, json } => (
            commands::family_get(
                cx,
                FamilyGetRequest {
                    case_id: CaseId(id),
                },
            )?,
            json,
        ),
        FamilyCommand::CarerAdd {
            id,
            name,
            relationship,
            phone,
            email,
            parental_responsibility,
            json,
        } => {
            let request = CarerAddRequest {
                case_id: CaseId(id),
                name,
                relationship,
                phone,
                email,
                parental_responsibility,
            };
            (commands::carer_add(cx, request)?, json)
        }
        FamilyCommand::Sibling {
            id,
            sibling_case_id,
            json,
        } => {
            let request = SiblingLinkRequest {
                case_id: CaseId(id),
                sibling_case_id: CaseId(sibling_case_id),
            };
            (commands::sibling_link(cx, request)?, json)
        }
        FamilyCommand::ChildAdd {
            id,
            name,
            dob,
            school,
            json,
        } => {
            let request = FamilyChildAddRequest {
                case_id: CaseId(id),
                name,
                date_of_birth: dob,
                school_name: school,
            };
            (commands::family_child_add(cx, request)?, json)
        }
    };
    output::print(json, &view, || output::family(&view))
}
