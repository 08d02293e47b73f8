//! `caseload family …`: a pupil's family: parents and carers, siblings, other children of the
//! household.

use caseload_app::family::{
    CarerAddRequest, FamilyChildAddRequest, FamilyGetRequest, PupilFamilyView, SiblingLinkRequest,
};
use caseload_app::{AppError, Caseload, family};
use caseload_domain::CaseId;
use clap::Subcommand;

use crate::output;

#[derive(Debug, Subcommand)]
pub enum FamilyCommand {
    /// The pupil's details and family.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Add a parent or carer to the pupil's family (created if needed).
    CarerAdd {
        id: String,
        #[arg(long)]
        name: String,
        /// e.g. mother, father, foster carer, grandparent.
        #[arg(long)]
        relationship: String,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        email: Option<String>,
        /// They hold parental responsibility.
        #[arg(long)]
        parental_responsibility: bool,
        #[arg(long)]
        json: bool,
    },
    /// Link another case's pupil as this pupil's sibling (same family).
    Sibling {
        id: String,
        sibling_case_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Add a child of the household who is not on the caseload.
    ChildAdd {
        id: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::args::iso_date)]
        dob: Option<String>,
        #[arg(long)]
        school: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cx: &Caseload, command: FamilyCommand) -> Result<(), AppError> {
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
    output::print(json, &view, || print_family(&view))
}

fn print_family(v: &PupilFamilyView) {
    outln!("Case {}", v.case_id);
    outln!(
        "  Address:  {}",
        v.address.as_deref().unwrap_or("-").replace('\n', ", ")
    );
    outln!(
        "  Postcode: {}   Ward: {}",
        v.postcode.as_deref().unwrap_or("-"),
        v.ward.as_deref().unwrap_or("-")
    );
    if !v.flags.is_empty() {
        let flags: Vec<String> = v.flags.iter().map(|f| format!("{f:?}")).collect();
        outln!("  Flags:    {}", flags.join(", "));
    }
    for kp in &v.key_professionals {
        outln!(
            "  Professional: {} ({}), {}",
            kp.name,
            kp.role,
            kp.organisation
        );
    }
    let Some(f) = &v.family else {
        outln!("  No family recorded yet.");
        return;
    };
    outln!("  Family:   {}", f.name);
    for c in &f.carers {
        let pr = if c.parental_responsibility {
            ", parental responsibility"
        } else {
            ""
        };
        outln!("    carer:   {} ({}{pr})", c.name, c.relationship);
    }
    for s in &f.siblings {
        outln!(
            "    sibling: {} ({}, year {})",
            s.legal_name,
            s.school_name,
            s.year_group
        );
    }
    for c in &f.other_children {
        outln!(
            "    child:   {} ({})",
            c.name,
            c.school_name.as_deref().unwrap_or("school not recorded")
        );
    }
}
