//! `caseload school …`: the worker's link schools (for Targeting Support Meetings), each with
//! its senior attendance champion and designated safeguarding lead.

use caseload_app::schools::{ContactInput, LinkSchoolSetRequest};
use caseload_app::{AppError, Caseload, schools};
use clap::{Args, Subcommand};

use crate::output;

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

pub fn run(cx: &Caseload, command: SchoolCommand) -> Result<(), AppError> {
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
            (schools::link_school_set(cx, request)?, args.json)
        }
        SchoolCommand::List { json } => (schools::link_school_list(cx, ())?, json),
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
    })
}
