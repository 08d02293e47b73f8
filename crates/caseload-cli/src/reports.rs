//! `caseload report …`: council reports from this caseload (the case funnel, the open caseload
//! by attendance band).

use caseload_app::reports::{CaseloadBandsReport, FunnelReport, FunnelRequest};
use caseload_app::{AppError, Caseload, reports};
use clap::Subcommand;

use crate::output;

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The case funnel by phase for a period (rows defined in docs/reports.md).
    Funnel {
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::args::iso_date)]
        from: String,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::args::iso_date)]
        to: String,
        #[arg(long)]
        json: bool,
    },
    /// The open caseload by the band of each case's current attendance.
    Bands {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cx: &Caseload, command: ReportCommand) -> Result<(), AppError> {
    match command {
        ReportCommand::Funnel { from, to, json } => {
            let report = reports::report_funnel(cx, FunnelRequest { from, to })?;
            output::print(json, &report, || print_funnel(&report))
        }
        ReportCommand::Bands { json } => {
            let report = reports::report_caseload_bands(cx, ())?;
            output::print(json, &report, || print_bands(&report))
        }
    }
}

fn print_bands(b: &CaseloadBandsReport) {
    outln!("Open cases by attendance band ({} open)", b.open_cases);
    for row in &b.bands {
        outln!("{:>8}%  {:>5}", row.band, row.cases);
    }
    outln!("{:>9}  {:>5}", "no figure", b.no_figure);
}

fn print_funnel(f: &FunnelReport) {
    outln!("Case funnel {} to {}", f.from, f.to);
    let width = f
        .rows
        .iter()
        .map(|r| r.label.chars().count())
        .chain([f.improved_pct_label.chars().count()])
        .max()
        .unwrap_or(0);
    outln!(
        "{:<width$}  {:>7}  {:>9}  {:>5}",
        "",
        "PRIMARY",
        "SECONDARY",
        "TOTAL"
    );
    for r in &f.rows {
        outln!(
            "{:<width$}  {:>7}  {:>9}  {:>5}",
            r.label,
            r.primary,
            r.secondary,
            r.total
        );
    }
    let pct = |p: &Option<f64>| p.map(|v| format!("{v:.1}%")).unwrap_or_else(|| "-".into());
    if let [p, s, t] = f.improved_pct.as_slice() {
        outln!(
            "{:<width$}  {:>7}  {:>9}  {:>5}",
            f.improved_pct_label,
            pct(p),
            pct(s),
            pct(t)
        );
    }
}
