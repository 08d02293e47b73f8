//! `caseload aggregate`: the team report a service manager builds from every worker's
//! deliveries on the shared drive. Needs no caseload. Funnels are added only within one period:
//! each period is its own table, and `--from`/`--to` keep only the funnels for exactly that
//! period, naming every other on stderr (and in the report's notes).

use std::path::PathBuf;

use caseload_app::{AppError, support};
use caseload_domain::{Field, FieldErrors};
use caseload_exchange::aggregate::{aggregate, period_text};
use caseload_exchange::share::{RealShare, escape_name};
use caseload_exchange::summary::{ExportFormat, render, suppress};
use chrono::NaiveDate;
use clap::Args;

#[derive(Debug, Args)]
pub struct AggregateArgs {
    /// The shared-drive folder holding the workers' deliveries.
    #[arg(long, value_name = "DIR")]
    share: PathBuf,
    /// The team report to write; its format follows the extension (.csv, .xlsx, .pdf, .json).
    /// An existing file is never replaced: " (2)" is added to the new name.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Hide counts below this (2 to 100; default 5, as councils publish), and others with
    /// them so no total gives one back.
    #[arg(long, value_name = "N", default_value_t = suppress::DEFAULT_THRESHOLD,
          value_parser = clap::value_parser!(u64).range(2..=100), conflicts_with = "no_suppression")]
    threshold: u64,
    /// Show every count, however small: only for a report that stays inside the service.
    #[arg(long)]
    no_suppression: bool,
    /// With --to: add only the funnels for exactly this period (its first day); every other
    /// delivery's period is named and left out. Without them, each period is reported on its own.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::args::iso_day, requires = "to")]
    from: Option<NaiveDate>,
    /// With --from: the period's last day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::args::iso_day, requires = "from")]
    to: Option<NaiveDate>,
}

pub fn run(args: AggregateArgs) -> Result<(), AppError> {
    let format = args
        .out
        .extension()
        .and_then(|e| e.to_str())
        .and_then(ExportFormat::parse)
        .ok_or_else(|| AppError::File {
            message: "Name the team report .csv, .xlsx, .pdf or .json".into(),
            path: args.out.display().to_string(),
        })?;
    let only = match (args.from, args.to) {
        (Some(from), Some(to)) if from > to => {
            return Err(AppError::validation(FieldErrors::single(
                Field::OnDate,
                "The period must end on or after its start: give --to on or after --from",
            )));
        }
        (Some(from), Some(to)) => Some((from, to)),
        _ => None,
    };
    let report = aggregate(
        &RealShare,
        &args.share,
        support::today(),
        env!("CARGO_PKG_VERSION"),
        if args.no_suppression {
            0
        } else {
            args.threshold
        },
        only,
    )
    .map_err(|e| AppError::File {
        message: e.to_string(),
        path: args.share.display().to_string(),
    })?;
    let bytes = render(&report.summary, format)?;
    let saved = support::save_file_at(&args.out, "team report", &bytes)?;
    outln!(
        "Wrote the team report to {} from {} deliveries",
        saved.path,
        report.included.len()
    );
    if report.funnel_periods.len() > 1 {
        outln!(
            "  The funnels are for {} periods, each in its own table (none added to another):",
            report.funnel_periods.len()
        );
        for period in &report.funnel_periods {
            outln!("    {}", period_text(*period));
        }
    }
    for i in report.included.iter().filter(|i| !i.added) {
        outln!(
            "  {} {}: the same attendance files as another worker's; counted once",
            escape_name(&i.worker_id),
            i.kind.as_str()
        );
    }
    for l in &report.left_out {
        eprintln!(
            "Left out {}'s {} for {}: {}",
            escape_name(&l.worker_id),
            l.kind.as_str(),
            period_text(l.period),
            l.reason
        );
    }
    if let Some(wanted) = only
        && report.funnel_periods.is_empty()
    {
        eprintln!(
            "No funnel delivered is for {}: the report has no funnel",
            period_text(wanted)
        );
    }
    for (path, reason) in &report.rejected {
        eprintln!(
            "Left out {}: {reason}",
            escape_name(&path.display().to_string())
        );
    }
    Ok(())
}
