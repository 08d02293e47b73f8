//! `caseload attendance …`: `compute` (a marks file in, the §5 figures out; no caseload
//! needed) here, and `record` (figures onto a case) in [`crate::cases`]. The compute output is
//! an interchange format analysts and other systems script against: its field names and types
//! are fixed (docs/cli.md).

use std::path::{Path, PathBuf};

use caseload_app::AppError;
use caseload_domain::attendance::academic_year::by_academic_year;
use caseload_domain::attendance::summary::{MarksSummary, summarise};
use caseload_exchange::import::{ColumnMapping, ImportSource, import_marks};
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::output;

#[derive(Debug, Subcommand)]
pub enum AttendanceCommand {
    /// Record a pupil's attendance counts as at a date, on their case.
    Record(crate::cases::AttendanceRecordArgs),
    /// Work out each pupil's attendance figures (docs/domain.md §5) from a session-marks file
    /// (CSV or XLSX, `upn,date,session,code`). Needs no caseload and no passphrase.
    Compute(ComputeArgs),
}

#[derive(Debug, Args)]
pub struct ComputeArgs {
    #[arg(long, value_name = "FILE")]
    marks: PathBuf,
    #[arg(long)]
    json: bool,
}

/// One pupil of `attendance compute --json`: the figures over the whole file, then the same
/// figures for each academic year the file covers (docs/data-formats.md).
#[derive(Debug, Serialize)]
pub struct Computed {
    pub upn: String,
    #[serde(flatten)]
    pub figures: Figures,
    /// One entry per academic year (1 September to 31 August), oldest first.
    pub academic_year: Vec<ComputedYear>,
}

/// The §5 figures over a set of marks.
#[derive(Debug, Serialize)]
pub struct Figures {
    pub possible_sessions: u32,
    pub present_sessions: u32,
    pub authorised_absence_sessions: u32,
    pub unauthorised_absence_sessions: u32,
    pub attendance_pct: Option<f64>,
    pub persistent_absence: bool,
    pub severe_absence: bool,
    pub attendance_band: Option<String>,
    pub fpn_threshold_met_on: Option<String>,
    pub illness_15_days_on: Option<String>,
}

/// One academic year of a pupil's marks.
#[derive(Debug, Serialize)]
pub struct ComputedYear {
    /// "2025/26".
    pub academic_year: String,
    #[serde(flatten)]
    pub figures: Figures,
}

impl From<&MarksSummary> for Figures {
    fn from(s: &MarksSummary) -> Figures {
        Figures {
            possible_sessions: s.counts.possible,
            present_sessions: s.counts.present,
            authorised_absence_sessions: s.counts.authorised_absence,
            unauthorised_absence_sessions: s.counts.unauthorised_absence,
            attendance_pct: s.attendance_pct.map(|t| t.as_f64()),
            persistent_absence: s.persistent_absence,
            severe_absence: s.severe_absence,
            attendance_band: s.band.map(|b| b.label()),
            fpn_threshold_met_on: s.fpn_threshold_met_on.map(|d| d.to_string()),
            illness_15_days_on: s.illness_15_days_on.map(|d| d.to_string()),
        }
    }
}

/// `caseload attendance compute`: prints each pupil's figures from the marks file.
pub fn compute(args: ComputeArgs) -> Result<(), AppError> {
    let rows = computed(&args.marks)?;
    print_computed(&rows, args.json)
}

/// Reads the marks file whole (refusing it with every problem found) and works out each
/// pupil's figures, sorted by UPN.
fn computed(path: &Path) -> Result<Vec<Computed>, AppError> {
    let file = import_marks(
        &ImportSource::path(path),
        &ColumnMapping::new(),
        caseload_app::support::today(),
        &mut |_| std::ops::ControlFlow::Continue(()),
    )?;
    let mut out: Vec<Computed> = file
        .pupils
        .iter()
        .map(|p| Computed {
            upn: p.upn.to_string(),
            figures: Figures::from(&summarise(&p.marks)),
            academic_year: by_academic_year(&p.marks)
                .iter()
                .map(|y| ComputedYear {
                    academic_year: y.year.label(),
                    figures: Figures::from(&y.summary),
                })
                .collect(),
        })
        .collect();
    out.sort_by(|a, b| a.upn.cmp(&b.upn));
    Ok(out)
}

fn line(label: &str, r: &Figures) {
    outln!(
        "{:<13}  {:>8}  {:>7}  {:>4}  {:>6}  {:>10}  {:<6}  {:<2}  {:<2}  {:<13}  {}",
        label,
        r.possible_sessions,
        r.present_sessions,
        r.authorised_absence_sessions,
        r.unauthorised_absence_sessions,
        r.attendance_pct
            .map(|p| format!("{p:.1}%"))
            .unwrap_or_else(|| "-".into()),
        r.attendance_band.as_deref().unwrap_or("-"),
        if r.persistent_absence { "PA" } else { "" },
        if r.severe_absence { "SA" } else { "" },
        r.fpn_threshold_met_on.as_deref().unwrap_or("-"),
        r.illness_15_days_on.as_deref().unwrap_or("-"),
    );
}

fn print_computed(rows: &[Computed], json: bool) -> Result<(), AppError> {
    output::print(json, &rows, || {
        outln!(
            "UPN            POSSIBLE  PRESENT  AUTH  UNAUTH  ATTENDANCE  BAND    PA  SA  FPN THRESHOLD  ILLNESS 15 DAYS"
        );
        for r in rows {
            line(&r.upn, &r.figures);
            // Each academic year on its own line under the pupil when the file spans more.
            if r.academic_year.len() > 1 {
                for y in &r.academic_year {
                    line(&format!("  {}", y.academic_year), &y.figures);
                }
            }
        }
    })
}
