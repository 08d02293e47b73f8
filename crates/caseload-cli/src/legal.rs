//! `caseload legal …` and `caseload evidence …`: the legal ladder on a case (show it, add a
//! step or a correction) and the evidence bundle written as a PDF. The rules are the app's; a
//! refused step prints the reason on stderr and exits non-zero.

use std::path::PathBuf;

use caseload_app::legal::{
    EvidenceBundleSaveRequest, LegalGetRequest, LegalStepAddRequest, LegalStepView, LegalView,
};
use caseload_app::support::Destination;
use caseload_app::tsm::RecordFormat;
use caseload_app::{AppError, Caseload, legal};
use caseload_domain::CaseId;
use caseload_domain::legal::{EsoStage, LegalStepKind, ProsecutionSection, StepDetails};
use clap::{Args, Subcommand, ValueEnum};

use crate::output;

#[derive(Debug, Subcommand)]
pub enum LegalCommand {
    /// A case's legal steps (corrections included), alerts and what may come next.
    Show {
        /// The case's id.
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Record a step on the ladder, or correct one with --corrects. A step out of the
    /// ladder's order (contract, notice to improve, penalty notice, supervision order,
    /// prosecution) needs --reason, and so does a penalty notice without the threshold met in
    /// the pupil's imported session marks or before a notice to improve's period has ended.
    Add(Box<LegalAddArgs>),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StepArg {
    Contract,
    NoticeToImprove,
    PenaltyNotice,
    SupervisionOrder,
    Prosecution,
}

impl StepArg {
    fn kind(self) -> LegalStepKind {
        match self {
            StepArg::Contract => LegalStepKind::AttendanceContract,
            StepArg::NoticeToImprove => LegalStepKind::NoticeToImprove,
            StepArg::PenaltyNotice => LegalStepKind::PenaltyNotice,
            StepArg::SupervisionOrder => LegalStepKind::SupervisionOrder,
            StepArg::Prosecution => LegalStepKind::Prosecution,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StageArg {
    Considered,
    Applied,
    Made,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SectionArg {
    #[value(name = "444-1")]
    S444_1,
    #[value(name = "444-1a")]
    S444_1A,
}

#[derive(Debug, Args)]
pub struct LegalAddArgs {
    /// The case's id.
    pub id: String,
    #[arg(long, value_enum)]
    pub step: StepArg,
    /// The date it was agreed, issued or decided.
    #[arg(long = "on", value_name = "YYYY-MM-DD", value_parser = crate::args::iso_date)]
    pub on_date: String,
    /// Who made the decision.
    #[arg(long, value_name = "NAME")]
    pub decided_by: String,
    /// Why the step is taken as an exception: out of the ladder's order, or a penalty notice
    /// without the threshold met or before the improvement period has ended.
    #[arg(long)]
    pub reason: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
    /// The id of the step this one corrects (same kind; e.g. to record a payment).
    #[arg(long, value_name = "STEP-ID")]
    pub corrects: Option<String>,
    /// Contract: the parents were present (a contract cannot be agreed without them).
    #[arg(long)]
    pub parents_present: bool,
    /// Contract: its terms.
    #[arg(long)]
    pub terms: Option<String>,
    /// Contract: how it has been kept.
    #[arg(long)]
    pub compliance: Option<String>,
    /// Notice to improve: the end of the improvement period, 3 to 6 weeks after --on.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::args::iso_date)]
    pub ends_on: Option<String>,
    /// Notice to improve: what sufficient improvement means.
    #[arg(long)]
    pub sufficient_improvement: Option<String>,
    /// Notice to improve, supervision order (required), prosecution: what came of it.
    #[arg(long)]
    pub outcome: Option<String>,
    /// Penalty notice: the parent it is issued to.
    #[arg(long, value_name = "NAME")]
    pub parent: Option<String>,
    /// Penalty notice: the date it was paid.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::args::iso_date)]
    pub paid_on: Option<String>,
    /// Supervision order: considered, applied or made.
    #[arg(long, value_enum)]
    pub stage: Option<StageArg>,
    /// Prosecution: Education Act 1996 section 444(1) or 444(1A).
    #[arg(long, value_enum)]
    pub section: Option<SectionArg>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EvidenceArgs {
    /// The case's id.
    pub id: String,
    /// The file to write (never replaced: if it exists, " (2)" is added to the new name).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Put the pupil's legal name in the PDF's title (its metadata). Off by default: the title
    /// names the case reference only. The name of the file is the one given with --out.
    #[arg(long)]
    pub name_pupil: bool,
    /// The step the bundle is for (default: the next rung of the case's ladder). A bundle for a
    /// supervision order or a prosecution is refused until the pupil's session marks are
    /// imported.
    #[arg(long = "for", value_enum, value_name = "STEP")]
    pub purpose: Option<StepArg>,
    /// pdf (the default) or docx: the same bundle, in the same order.
    #[arg(long, value_enum)]
    pub format: Option<crate::tsm::Format>,
}

fn add_request(a: LegalAddArgs) -> LegalStepAddRequest {
    LegalStepAddRequest {
        case_id: CaseId(a.id),
        step: a.step.kind(),
        on_date: a.on_date,
        decided_by: a.decided_by,
        notes: a.notes,
        reason: a.reason,
        corrects: a.corrects.map(Into::into),
        parents_present: Some(a.parents_present),
        terms: a.terms,
        compliance: a.compliance,
        improvement_ends_on: a.ends_on,
        sufficient_improvement: a.sufficient_improvement,
        outcome: a.outcome,
        parent_name: a.parent,
        paid: Some(a.paid_on.is_some()),
        paid_on: a.paid_on,
        eso_stage: a.stage.map(|s| match s {
            StageArg::Considered => EsoStage::Considered,
            StageArg::Applied => EsoStage::Applied,
            StageArg::Made => EsoStage::Made,
        }),
        section: a.section.map(|s| match s {
            SectionArg::S444_1 => ProsecutionSection::S444_1,
            SectionArg::S444_1A => ProsecutionSection::S444_1A,
        }),
    }
}

fn details(s: &LegalStepView) -> String {
    match &s.details {
        StepDetails::AttendanceContract {
            terms, compliance, ..
        } => format!(
            "terms: {terms}; compliance: {}",
            compliance.as_deref().unwrap_or("not recorded")
        ),
        StepDetails::NoticeToImprove {
            improvement_ends_on,
            outcome,
            ..
        } => format!(
            "improvement period ends {improvement_ends_on}; outcome: {}",
            outcome.as_deref().unwrap_or("not yet recorded")
        ),
        StepDetails::PenaltyNotice {
            parent_name,
            paid_on,
        } => {
            let amount = s.penalty.as_ref().map_or(String::new(), |p| {
                let number = match p.number {
                    Some(1) => "first notice, ",
                    Some(_) => "second notice, ",
                    None => "before 19 August 2024, ",
                };
                format!("{number}£{}, ", p.amount_pence / 100)
            });
            let paid = paid_on.map_or("not paid".to_string(), |d| format!("paid {d}"));
            format!("to {parent_name}; {amount}{paid}")
        }
        StepDetails::SupervisionOrder { stage, outcome } => {
            format!("{}; outcome: {outcome}", stage.label().to_lowercase())
        }
        StepDetails::Prosecution { section, outcome } => format!(
            "{}; outcome: {}",
            section.label(),
            outcome.as_deref().unwrap_or("not yet recorded")
        ),
    }
}

fn print_view(v: &LegalView) {
    if v.steps.is_empty() {
        outln!("No legal steps recorded on case {}", v.case_id);
    }
    for s in &v.steps {
        let marker = if s.current { "" } else { " [corrected]" };
        outln!(
            "{}  {}  {}  decided by {}{marker}",
            s.on_date,
            s.step.label(),
            s.id,
            s.decided_by
        );
        outln!("    {}", details(s));
        if let Some(threshold) = &s.threshold {
            outln!("    {threshold}");
        }
        if let Some(reason) = &s.reason {
            let label = s.reason_label.as_deref().unwrap_or("Reason");
            outln!("    {label}: {reason}");
        }
        if let Some(corrects) = &s.corrects {
            outln!("    corrects {corrects}");
        }
    }
    for a in &v.alerts {
        outln!("! {}: {}", a.title, a.message);
    }
    outln!("Penalty notice threshold: {}", v.threshold);
    if let Some(next) = v.suggested {
        outln!("Next on the ladder: {}", next.label());
    }
    let reasons: Vec<&str> = v
        .next
        .iter()
        .filter(|n| n.needs_reason)
        .map(|n| n.step.label())
        .collect();
    if !reasons.is_empty() {
        outln!("A reason is needed today for: {}", reasons.join(", "));
    }
}

pub fn run(cx: &Caseload, command: LegalCommand) -> Result<(), AppError> {
    let (view, json) = match command {
        LegalCommand::Show { id, json } => (
            legal::legal_get(
                cx,
                LegalGetRequest {
                    case_id: CaseId(id),
                },
            )?,
            json,
        ),
        LegalCommand::Add(args) => {
            let json = args.json;
            (legal::legal_step_add(cx, add_request(*args))?, json)
        }
    };
    output::print(json, &view, || print_view(&view))
}

pub fn evidence(cx: &Caseload, args: EvidenceArgs) -> Result<(), AppError> {
    let saved = legal::evidence_bundle_save_to(
        cx,
        EvidenceBundleSaveRequest {
            case_id: CaseId(args.id),
            name_pupil: args.name_pupil,
            purpose: args.purpose.map(StepArg::kind),
            format: args.format.map(|f| match f {
                crate::tsm::Format::Pdf => RecordFormat::Pdf,
                crate::tsm::Format::Docx => RecordFormat::Docx,
            }),
        },
        &Destination::file(args.out),
    )?;
    outln!("Wrote {} ({} bytes)", saved.path, saved.bytes);
    Ok(())
}
