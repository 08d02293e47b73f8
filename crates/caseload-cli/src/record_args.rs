//! Arguments of the case-record subcommands (chronology, family, plan), as clap parses them.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum ChronologyCommand {
    /// Add an entry: home-visit, phone-call, letter, school-meeting, tsm-discussion or other.
    Add {
        /// The case's id.
        id: String,
        #[arg(long)]
        kind: String,
        /// Local date and time, "YYYY-MM-DD HH:MM".
        #[arg(long = "at", value_name = "YYYY-MM-DD HH:MM")]
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
        #[arg(long, value_name = "YYYY-MM-DD")]
        dob: Option<String>,
        #[arg(long)]
        school: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Show a case's plan and its actions.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Set (replace) a case's plan. Barriers: health, semh-ebsa, send, bullying,
    /// caring-responsibilities, housing, transport, family-circumstances, school-factors.
    Set {
        id: String,
        #[arg(long = "barrier")]
        barriers: Vec<String>,
        #[arg(long)]
        other_barriers: Option<String>,
        /// Attendance % to reach (one decimal), with --by.
        #[arg(long)]
        target: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        by: Option<String>,
        #[arg(long)]
        interventions: Option<String>,
        #[arg(long = "review", value_name = "YYYY-MM-DD")]
        reviews: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Add an action to a case's plan.
    Action {
        id: String,
        #[arg(long)]
        what: String,
        #[arg(long)]
        owner: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        due: String,
        #[arg(long)]
        json: bool,
    },
    /// Mark an action open, done or not-done.
    ActionStatus {
        id: String,
        action_id: String,
        #[arg(value_parser = ["open", "done", "not-done"])]
        status: String,
        /// The date it changed (default today).
        #[arg(long = "on", value_name = "YYYY-MM-DD")]
        on_date: Option<String>,
        #[arg(long)]
        json: bool,
    },
}
