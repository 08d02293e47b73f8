//! `caseload case …` and `caseload attendance record`: a pupil's case: add, list, show, move
//! through its lifecycle, edit its details, and record its attendance figures.

use caseload_app::cases::{
    AttendanceRecordRequest, CaseAddRequest, CaseDetail, CaseGetRequest, CaseSummary,
    CaseTransitionRequest, CaseUpdateRequest, PupilInput, PupilView,
};
use caseload_app::{AppError, Caseload, cases};
use caseload_domain::case::TransitionKind;
use caseload_domain::{CaseId, ClosureCategory};
use clap::{Args, Subcommand};

use crate::output::{self, display_name, london};

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Add a pupil's case.
    Add {
        #[command(flatten)]
        pupil: PupilArgs,
        #[arg(long)]
        json: bool,
    },
    /// List the cases on the caseload.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show one case.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Move a case through its lifecycle: accept, decline, family-declined, allocate,
    /// start-cycle, midpoint-check, review, close, reopen.
    Transition {
        id: String,
        #[arg(value_enum)]
        step: Step,
        /// The date it happened, YYYY-MM-DD (default: today).
        #[arg(long = "on", value_name = "YYYY-MM-DD", value_parser = crate::args::iso_date)]
        on_date: Option<String>,
        /// For allocate: the team id (see `caseload call settings_get`).
        #[arg(long)]
        team: Option<String>,
        /// For allocate: the worker's name.
        #[arg(long)]
        worker: Option<String>,
        /// The reason (needed to decline, close or reopen).
        #[arg(long)]
        note: Option<String>,
        /// For close: why it closed, as a category (exports carry this, never the note):
        /// attendance-improved, moved-school-or-area, elective-home-education,
        /// children-missing-education, legal-action-taken, referred-to-another-service,
        /// engagement-declined or other.
        #[arg(long, value_name = "CATEGORY", value_parser = closure_category)]
        category: Option<ClosureCategory>,
        #[arg(long)]
        json: bool,
    },
    /// Change some details of a case; details not given stay as they are.
    Edit {
        id: String,
        #[command(flatten)]
        changes: PupilChanges,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Step {
    Accept,
    Decline,
    FamilyDeclined,
    Allocate,
    StartCycle,
    MidpointCheck,
    Review,
    Close,
    Reopen,
}

impl Step {
    pub fn kind(self) -> TransitionKind {
        match self {
            Step::Accept => TransitionKind::Accept,
            Step::Decline => TransitionKind::Decline,
            Step::FamilyDeclined => TransitionKind::FamilyDeclined,
            Step::Allocate => TransitionKind::Allocate,
            Step::StartCycle => TransitionKind::StartCycle,
            Step::MidpointCheck => TransitionKind::MidpointCheck,
            Step::Review => TransitionKind::Review,
            Step::Close => TransitionKind::Close,
            Step::Reopen => TransitionKind::Reopen,
        }
    }
}

#[derive(Debug, Args)]
pub struct AttendanceRecordArgs {
    /// The case's id.
    id: String,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::args::iso_date)]
    as_at: String,
    #[arg(long)]
    possible: String,
    /// Present or approved educational activity.
    #[arg(long)]
    present: String,
    #[arg(long)]
    authorised: String,
    #[arg(long)]
    unauthorised: String,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct PupilArgs {
    #[arg(long, value_name = "NAME")]
    pub legal_name: String,
    #[arg(long, value_name = "NAME")]
    pub preferred_name: Option<String>,
    /// Date of birth, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::args::iso_date)]
    pub dob: String,
    #[arg(long)]
    pub upn: String,
    #[arg(long, value_name = "URN")]
    pub school_urn: String,
    #[arg(long, value_name = "NAME")]
    pub school_name: String,
    /// primary, secondary, special or alternative-provision.
    #[arg(long, value_name = "PHASE")]
    pub phase: Option<String>,
    /// 0 (Reception) to 14.
    #[arg(long, value_name = "N")]
    pub year_group: String,
    /// Who referred the case (default: not recorded).
    #[arg(long, value_name = "SOURCE")]
    pub referral_source: Option<String>,
    /// The referral date (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::args::iso_date)]
    pub referral_date: Option<String>,
}

impl PupilArgs {
    pub fn into_request(self) -> CaseAddRequest {
        CaseAddRequest {
            pupil: PupilInput {
                legal_name: self.legal_name,
                preferred_name: self.preferred_name,
                date_of_birth: self.dob,
                upn: self.upn,
                school_urn: self.school_urn,
                school_name: self.school_name,
                school_phase: self.phase,
                year_group: self.year_group,
            },
            referral_source: self.referral_source,
            referral_date: self.referral_date,
        }
    }
}

#[derive(Debug, Args)]
pub struct PupilChanges {
    #[arg(long, value_name = "NAME")]
    pub legal_name: Option<String>,
    /// An empty value removes the preferred name.
    #[arg(long, value_name = "NAME")]
    pub preferred_name: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::args::iso_date)]
    pub dob: Option<String>,
    #[arg(long)]
    pub upn: Option<String>,
    #[arg(long, value_name = "URN")]
    pub school_urn: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub school_name: Option<String>,
    /// An empty value removes the phase.
    #[arg(long, value_name = "PHASE")]
    pub phase: Option<String>,
    #[arg(long, value_name = "N")]
    pub year_group: Option<String>,
}

impl PupilChanges {
    pub fn apply_to(self, current: PupilView) -> PupilInput {
        PupilInput {
            legal_name: self.legal_name.unwrap_or(current.legal_name),
            preferred_name: match self.preferred_name {
                Some(name) if name.trim().is_empty() => None,
                Some(name) => Some(name),
                None => current.preferred_name,
            },
            date_of_birth: self.dob.unwrap_or(current.date_of_birth),
            upn: self.upn.unwrap_or(current.upn),
            school_urn: self.school_urn.unwrap_or(current.school_urn),
            school_name: self.school_name.unwrap_or(current.school_name),
            school_phase: match self.phase {
                Some(phase) => Some(phase),
                None => current.school_phase.map(|p| p.as_str().to_string()),
            },
            year_group: self
                .year_group
                .unwrap_or_else(|| current.year_group.to_string()),
        }
    }
}

pub fn run(cx: &Caseload, command: CaseCommand) -> Result<(), AppError> {
    match command {
        CaseCommand::Add { pupil, json } => {
            let detail = cases::case_add(cx, pupil.into_request())?;
            output::print(json, &detail, || outln!("Added case {}", detail.id))?;
        }
        CaseCommand::List { json } => {
            let list = cases::case_list(cx, ())?;
            output::print(json, &list, || print_table(&list))?;
        }
        CaseCommand::Show { id, json } => {
            let detail = cases::case_get(cx, CaseGetRequest { id: CaseId(id) })?;
            output::print(json, &detail, || print_detail(&detail))?;
        }
        CaseCommand::Transition {
            id,
            step,
            on_date,
            team,
            worker,
            note,
            category,
            json,
        } => {
            let today = chrono::Utc::now()
                .with_timezone(&chrono_tz::Europe::London)
                .date_naive();
            let detail = cases::case_transition(
                cx,
                CaseTransitionRequest {
                    id: CaseId(id),
                    kind: step.kind(),
                    on_date: on_date.unwrap_or_else(|| today.to_string()),
                    team: team.map(Into::into),
                    worker,
                    note,
                    closure_category: category,
                },
            )?;
            output::print(json, &detail, || {
                outln!("Case {} is now {}", detail.id, detail.status.label())
            })?;
        }
        CaseCommand::Edit { id, changes, json } => {
            let id = CaseId(id);
            let current = cases::case_get(cx, CaseGetRequest { id: id.clone() })?;
            let pupil = changes.apply_to(current.pupil);
            let detail = cases::case_update(cx, CaseUpdateRequest { id, pupil })?;
            output::print(json, &detail, || outln!("Updated case {}", detail.id))?;
        }
    }
    Ok(())
}

/// `caseload attendance record`: the figures go on the case.
pub fn attendance_record(cx: &Caseload, args: AttendanceRecordArgs) -> Result<(), AppError> {
    let AttendanceRecordArgs {
        id,
        as_at,
        possible,
        present,
        authorised,
        unauthorised,
        json,
    } = args;
    let detail = cases::attendance_record(
        cx,
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
        outln!("Recorded attendance on case {}", detail.id)
    })
}

fn print_table(list: &[CaseSummary]) {
    if list.is_empty() {
        outln!("No cases yet. Add one with `caseload case add`.");
        return;
    }
    outln!(
        "{:<36}  {:<32}  {:<13}  {:<28}  {:>4}  {:<6}  UPDATED",
        "ID",
        "PUPIL",
        "UPN",
        "SCHOOL",
        "YEAR",
        "STATUS"
    );
    for c in list {
        outln!(
            "{:<36}  {:<32}  {:<13}  {:<28}  {:>4}  {:<6}  {}",
            c.id,
            display_name(&c.legal_name, c.preferred_name.as_deref()),
            c.upn,
            c.school_name,
            c.year_group,
            c.status.label(),
            london(&c.updated_at)
        );
    }
}

fn print_detail(d: &CaseDetail) {
    let p = &d.pupil;
    outln!("Case {}", d.id);
    outln!("  Legal name:     {}", p.legal_name);
    outln!(
        "  Preferred name: {}",
        p.preferred_name.as_deref().unwrap_or("-")
    );
    outln!("  Date of birth:  {}", p.date_of_birth);
    outln!("  UPN:            {}", p.upn);
    outln!("  School:         {} (URN {})", p.school_name, p.school_urn);
    outln!("  Year group:     {}", p.year_group);
    outln!(
        "  Phase:          {}",
        p.school_phase.map(|ph| ph.as_str()).unwrap_or("-")
    );
    outln!("  Status:         {}", d.status.label());
    outln!(
        "  Referred:       {} by {}",
        d.referral_date,
        d.referral_source
    );
    if let (Some(team), Some(worker)) = (&d.team, &d.worker) {
        outln!("  Allocated:      {worker} ({team})");
    }
    if let Some(due) = &d.next_due {
        outln!(
            "  Next due:       {:?} on {}{}",
            due.kind,
            due.due_on,
            if due.overdue { " (overdue)" } else { "" }
        );
    }
    if let (Some(on), Some(category)) = (&d.closed_on, &d.closure_category_label) {
        outln!("  Closed:         {on}: {category}");
    }
    for r in &d.attendance {
        let pct = r
            .attendance_pct
            .map(|p| format!("{p:.1}%"))
            .unwrap_or_else(|| "-".into());
        outln!("  Attendance:     {pct} as at {}", r.as_at);
    }
    outln!("  Updated:        {}", london(&d.updated_at));
}

/// A closure category as typed: `moved-school-or-area` (or with `_`).
fn closure_category(value: &str) -> Result<ClosureCategory, crate::args::NotAChoice> {
    crate::args::choice(
        value,
        "closure category",
        ClosureCategory::parse,
        ClosureCategory::ALL.iter().map(|c| c.as_str()),
    )
}
