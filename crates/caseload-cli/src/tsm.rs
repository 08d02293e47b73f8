//! `caseload tsm …`: Targeting Support Meetings from the command line: plan, list, show, the
//! term's coverage, review an action, finish, and write the record as PDF or DOCX. Live
//! recording of a meeting's details is done in the app (or `caseload call tsm_…`).

use std::path::PathBuf;

use caseload_app::support::Destination;
use caseload_app::tsm::{
    RecordFormat, TsmActionReviewRequest, TsmCoverageRequest, TsmGetRequest, TsmPlanRequest,
    TsmRecordSaveRequest, TsmSummary, TsmView,
};
use caseload_app::{AppError, Caseload, tsm};
use caseload_domain::tsm::{ReviewOutcome, TsmActionId, TsmId};
use clap::{Subcommand, ValueEnum};

use crate::output;

#[derive(Debug, Subcommand)]
pub enum TsmCommand {
    /// Plan a meeting with a link school (one per school per term).
    Plan {
        /// The school's URN (it must be a link school).
        #[arg(long)]
        school: String,
        /// The meeting's date, YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::args::iso_date)]
        date: String,
        /// The term, e.g. 2026-autumn; by default the term the date falls in.
        #[arg(long)]
        term: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Every meeting, latest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// One meeting in full: attendees, pupils discussed, actions, carried actions, the pack.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Which link schools have had their meeting this term (or --term).
    Coverage {
        #[arg(long)]
        term: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Mark an open action done, not done or carried.
    Review {
        action_id: i64,
        #[arg(long, value_enum)]
        outcome: Outcome,
        /// The meeting it is reviewed at (one the action is carried into).
        #[arg(long)]
        at: Option<String>,
        /// The date, YYYY-MM-DD; today by default.
        #[arg(long)]
        on: Option<String>,
    },
    /// Finish the meeting: its record is fixed and discussions go into the cases' chronologies.
    Finish { id: String },
    /// Write the meeting's record for the school.
    Record {
        id: String,
        #[arg(long, value_enum)]
        format: Format,
        /// The file to write (never replaced: if it exists, " (2)" is added to the new name).
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Outcome {
    Done,
    NotDone,
    Carried,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Pdf,
    Docx,
}

fn print_summary(t: &TsmSummary) {
    outln!(
        "{}  {}  {}  {}  {}  pupils: {}  actions: {} ({} open)",
        t.id,
        t.meeting_date,
        t.term,
        t.school_name,
        t.status.as_str(),
        t.pupils,
        t.actions,
        t.open_actions
    );
}

fn print_view(v: &TsmView) {
    outln!(
        "{} — {} ({}), {}",
        v.school_name,
        v.term_label,
        v.meeting_date,
        v.status.as_str()
    );
    for a in &v.attendees {
        outln!("  attendee: {} ({}) {}", a.name, a.role, a.organisation);
    }
    for d in &v.discussions {
        let pct = d
            .attendance_pct
            .map(|p| format!("{p:.1}%"))
            .unwrap_or_else(|| "-".into());
        outln!("  pupil: {}  {pct}  actions: {}", d.name, d.actions.len());
        for a in &d.actions {
            outln!(
                "    action {}: {} ({}, due {})",
                a.id.0,
                a.what,
                a.owner_person,
                a.due_on
            );
        }
    }
    for a in &v.general_actions {
        outln!(
            "  school action {}: {} ({}, due {})",
            a.id.0,
            a.what,
            a.owner_person,
            a.due_on
        );
    }
    for c in &v.carried {
        let status = c
            .review_here
            .as_ref()
            .map(|r| format!("{} {}", r.outcome.label(), r.on))
            .unwrap_or_else(|| "not yet reviewed".into());
        outln!(
            "  carried {}: {} (from {}) — {status}",
            c.action.id.0,
            c.action.what,
            c.from_meeting_date
        );
    }
    for p in &v.problems {
        outln!("  to finish: {}", p.message);
    }
}

pub fn run(cx: &Caseload, command: TsmCommand) -> Result<(), AppError> {
    match command {
        TsmCommand::Plan {
            school,
            date,
            term,
            json,
        } => {
            let v = tsm::tsm_plan(
                cx,
                TsmPlanRequest {
                    school_urn: school,
                    meeting_date: date,
                    term,
                },
            )?;
            output::print(json, &v, || outln!("Planned meeting {}", v.id))
        }
        TsmCommand::List { json } => {
            let list = tsm::tsm_list(cx, ())?;
            output::print(json, &list, || list.iter().for_each(print_summary))
        }
        TsmCommand::Show { id, json } => {
            let v = tsm::tsm_get(cx, TsmGetRequest { id: TsmId(id) })?;
            output::print(json, &v, || print_view(&v))
        }
        TsmCommand::Coverage { term, json } => {
            let c = tsm::tsm_coverage(cx, TsmCoverageRequest { term })?;
            output::print(json, &c, || {
                outln!(
                    "{}: {} held, {} planned, {} not planned",
                    c.term_label,
                    c.held,
                    c.planned,
                    c.not_planned
                );
                for row in &c.rows {
                    let state = row
                        .meeting
                        .as_ref()
                        .map(|m| format!("{} {}", m.status.as_str(), m.meeting_date))
                        .unwrap_or_else(|| "not planned".into());
                    outln!("  {}  {}  {state}", row.school_urn, row.school_name);
                }
            })
        }
        TsmCommand::Review {
            action_id,
            outcome,
            at,
            on,
        } => {
            let outcome = match outcome {
                Outcome::Done => ReviewOutcome::Done,
                Outcome::NotDone => ReviewOutcome::NotDone,
                Outcome::Carried => ReviewOutcome::Carried,
            };
            tsm::tsm_action_review(
                cx,
                TsmActionReviewRequest {
                    action_id: TsmActionId(action_id),
                    outcome,
                    at_meeting: at.map(TsmId),
                    on,
                },
            )?;
            outln!("Action {action_id}: {}", outcome.label());
            Ok(())
        }
        TsmCommand::Finish { id } => {
            let v = tsm::tsm_finish(cx, TsmGetRequest { id: TsmId(id) })?;
            outln!("Finished meeting {} with {}", v.id, v.school_name);
            Ok(())
        }
        TsmCommand::Record { id, format, out } => {
            let format = match format {
                Format::Pdf => RecordFormat::Pdf,
                Format::Docx => RecordFormat::Docx,
            };
            let saved = tsm::tsm_record_save_to(
                cx,
                TsmRecordSaveRequest {
                    id: TsmId(id),
                    format,
                },
                &Destination::file(out),
            )?;
            outln!("Wrote {} ({} bytes)", saved.path, saved.bytes);
            Ok(())
        }
    }
}
