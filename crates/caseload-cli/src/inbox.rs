//! `caseload inbox proposals|accept|refuse`: what the council's allocation files propose (new
//! cases, changed details), which nothing takes until the worker accepts it.

use caseload_app::exchange::{InboxView, ProposalDecideRequest};
use caseload_app::{AppError, Caseload, exchange};
use caseload_domain::ProposalId;
use clap::Subcommand;

use crate::output;

#[derive(Debug, Subcommand)]
pub enum InboxCommand {
    /// What allocation files propose (new cases, changed details), waiting for you.
    Proposals {
        #[arg(long)]
        json: bool,
    },
    /// Accept a proposal by its number (or every open one with --all): the case is created or
    /// its details changed.
    Accept {
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        id: Option<i64>,
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Refuse a proposal by its number: nothing on your caseload changes.
    Refuse {
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

fn print_proposals(json: bool, view: &InboxView) -> Result<(), AppError> {
    output::print(json, &view.proposals, || {
        if view.proposals.is_empty() {
            outln!("No proposals waiting");
        }
        for p in &view.proposals {
            let what = if p.kind == "new_case" {
                "new case"
            } else {
                "changed details"
            };
            outln!(
                "{}  {what}: {} ({})  from {}",
                p.id,
                p.pupil_name,
                p.upn,
                p.file_name
            );
            for c in &p.changes {
                if c.from.is_empty() {
                    outln!("      {}: {}", c.field_label, c.to);
                } else {
                    outln!("      {}: {} → {}", c.field_label, c.from, c.to);
                }
            }
        }
    })
}

pub fn inbox(cx: &Caseload, command: InboxCommand) -> Result<(), AppError> {
    match command {
        InboxCommand::Proposals { json } => print_proposals(json, &exchange::inbox_get(cx, ())?),
        InboxCommand::Accept { id, all, json } => {
            let view = match id {
                Some(id) if !all => exchange::inbox_proposal_accept(
                    cx,
                    ProposalDecideRequest { id: ProposalId(id) },
                )?,
                _ => exchange::inbox_proposals_accept_all(cx, ())?,
            };
            if !json {
                outln!("Accepted");
            }
            print_proposals(json, &view)
        }
        InboxCommand::Refuse { id, json } => {
            let view =
                exchange::inbox_proposal_refuse(cx, ProposalDecideRequest { id: ProposalId(id) })?;
            if !json {
                outln!("Refused; nothing on your caseload changed");
            }
            print_proposals(json, &view)
        }
    }
}
