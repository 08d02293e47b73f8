//! The case-record subcommands: chronology, plan and family. Each builds the app's request
//! from the arguments, calls the use case, and prints JSON or text.

use caseload_app::chronology::{ChronologyAddRequest, ChronologyListRequest};
use caseload_app::family::{
    CarerAddRequest, FamilyChildAddRequest, FamilyGetRequest, SiblingLinkRequest,
};
use caseload_app::plan::{
    PlanActionAddRequest, PlanActionStatusRequest, PlanGetRequest, PlanSetRequest,
};
use caseload_app::{AppError, Caseload, FieldError, chronology, family, plan};
use caseload_domain::CaseId;
use caseload_domain::chronology::ContactKind;
use caseload_domain::plan::{ActionStatus, Barrier};

use crate::args::{ChronologyCommand, FamilyCommand, PlanCommand};
use crate::output;

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

pub fn chronology(cx: &Caseload, command: ChronologyCommand) -> Result<(), AppError> {
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
            let entries = chronology::chronology_add(
                cx,
                ChronologyAddRequest {
                    case_id: CaseId(id),
                    kind: contact_kind(&kind)?,
                    occurred_at,
                    who,
                    what,
                    outcome,
                    next_step,
                    corrects: corrects.map(Into::into),
                },
            )?;
            output::print(json, &entries, || {
                outln!("The chronology now has {} entries", entries.len())
            })?;
        }
        ChronologyCommand::List { id, kind, json } => {
            let kind = kind.as_deref().map(contact_kind).transpose()?;
            let entries = chronology::chronology_list(
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

pub fn plan(cx: &Caseload, command: PlanCommand) -> Result<(), AppError> {
    let (plan, json) = match command {
        PlanCommand::Show { id, json } => (
            plan::plan_get(
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
            (plan::plan_set(cx, request)?, json)
        }
        PlanCommand::Action {
            id,
            what,
            owner,
            due,
            json,
        } => (
            plan::plan_action_add(
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
            let on_date = on_date.unwrap_or_else(|| caseload_app::support::today().to_string());
            (
                plan::plan_action_status(
                    cx,
                    PlanActionStatusRequest {
                        case_id: CaseId(id),
                        action_id: action_id.into(),
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

pub fn family(cx: &Caseload, command: FamilyCommand) -> Result<(), AppError> {
    let (view, json) = match command {
        FamilyCommand::Show { id, json } => (
            family::family_get(
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
            (family::carer_add(cx, request)?, json)
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
            (family::sibling_link(cx, request)?, json)
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
            (family::family_child_add(cx, request)?, json)
        }
    };
    output::print(json, &view, || output::family(&view))
}
