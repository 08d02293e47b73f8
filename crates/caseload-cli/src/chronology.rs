//! `caseload chronology …`: add to or read a case's chronology. Entries are never edited: a
//! mistake is put right by a new entry that corrects it.

use caseload_app::chronology::{ChronologyAddRequest, ChronologyEntryView, ChronologyListRequest};
use caseload_app::{AppError, Caseload, FieldError, chronology};
use caseload_domain::CaseId;
use caseload_domain::chronology::ContactKind;
use clap::Subcommand;

use crate::output;

#[derive(Debug, Subcommand)]
pub enum ChronologyCommand {
    /// Add an entry: home-visit, phone-call, letter, school-meeting, tsm-discussion or other.
    Add {
        /// The case's id.
        id: String,
        #[arg(long)]
        kind: String,
        /// Local date and time, "YYYY-MM-DD HH:MM".
        #[arg(long = "at", value_name = "YYYY-MM-DD HH:MM", value_parser = crate::args::iso_date_time)]
        occurred_at: String,
        #[arg(long)]
        who: String,
        #[arg(long)]
        what: String,
        #[arg(long)]
        outcome: Option<String>,
        #[arg(long)]
        next_step: Option<String>,
        /// The id of the entry this one corrects.
        #[arg(long, value_name = "ENTRY-ID")]
        corrects: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A case's chronology in the order things happened.
    List {
        id: String,
        /// Only entries of this kind.
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        json: bool,
    },
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

pub fn run(cx: &Caseload, command: ChronologyCommand) -> Result<(), AppError> {
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
            output::print(json, &entries, || print_entries(&entries))?;
        }
    }
    Ok(())
}

fn print_entries(entries: &[ChronologyEntryView]) {
    if entries.is_empty() {
        outln!("No chronology entries yet.");
        return;
    }
    for e in entries {
        let corrects = e
            .corrects
            .as_deref()
            .map(|c| format!(" (corrects {c})"))
            .unwrap_or_default();
        outln!(
            "{}  {}  {}{}",
            e.occurred_at.replace('T', " "),
            e.id,
            e.kind.as_str(),
            corrects
        );
        outln!("    who:  {}", e.who);
        outln!("    what: {}", e.what);
        if let Some(outcome) = &e.outcome {
            outln!("    outcome:   {outcome}");
        }
        if let Some(next) = &e.next_step {
            outln!("    next step: {next}");
        }
        if !e.corrected_by.is_empty() {
            outln!("    corrected by: {}", e.corrected_by.join(", "));
        }
    }
}
