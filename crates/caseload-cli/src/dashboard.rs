//! `caseload dashboard`: every open case with attendance, trend, flags and what is due next.

use caseload_app::dashboard::Dashboard;
use caseload_app::{AppError, Caseload, dashboard};
use caseload_domain::attendance::Trend;
use caseload_domain::{Field, FieldErrors};
use clap::Args;

use crate::output::{self, display_name};

#[derive(Debug, Args)]
pub struct DashboardArgs {
    #[arg(long)]
    json: bool,
    /// Only pupils in range for this group of the local model (`caseload local-model show`).
    #[arg(long, value_name = "GROUP")]
    group: Option<String>,
}

pub fn run(cx: &Caseload, args: DashboardArgs) -> Result<(), AppError> {
    let mut dashboard = dashboard::dashboard(cx, ())?;
    if let Some(group) = &args.group {
        let names: Vec<&str> = dashboard
            .local_model
            .groups
            .iter()
            .map(|g| g.name.as_str())
            .collect();
        let Some(name) = names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(group.trim()))
            .map(|n| n.to_string())
        else {
            return Err(AppError::validation(FieldErrors::single(
                Field::ModelGroups,
                if names.is_empty() {
                    "The local model has no groups: set one with `caseload local-model`".to_string()
                } else {
                    format!("Choose a local model group: {}", names.join(", "))
                },
            )));
        };
        dashboard.rows.retain(|r| r.model_groups.contains(&name));
    }
    output::print(args.json, &dashboard, || print_dashboard(&dashboard))
}

fn print_dashboard(d: &Dashboard) {
    if d.rows.is_empty() {
        outln!("No open cases.");
        return;
    }
    outln!("Attendance is for {} to date.", d.academic_year);
    outln!(
        "{:<32}  {:<28}  {:>4}  {:>6}  {:<5}  {:<5}  {:<14}  {:<10}  NEXT DUE",
        "PUPIL",
        "SCHOOL",
        "YEAR",
        "ATT%",
        "TREND",
        "FLAGS",
        "MODEL",
        "STATUS"
    );
    for r in &d.rows {
        let pct = r
            .attendance_pct
            .map(|p| format!("{p:.1}"))
            .unwrap_or_else(|| "-".into());
        let trend = match r.trend {
            Some(Trend::Up) => "up",
            Some(Trend::Down) => "down",
            Some(Trend::Level) => "level",
            None => "-",
        };
        let flags = if r.severe_absence {
            "SA"
        } else if r.persistent_absence {
            "PA"
        } else {
            ""
        };
        let due = r
            .next_due
            .as_ref()
            .map(|due| {
                format!(
                    "{:?} {}{}",
                    due.kind,
                    due.due_on,
                    if due.overdue { " OVERDUE" } else { "" }
                )
            })
            .unwrap_or_default();
        outln!(
            "{:<32}  {:<28}  {:>4}  {:>6}  {:<5}  {:<5}  {:<14}  {:<10}  {}",
            display_name(&r.legal_name, r.preferred_name.as_deref()),
            r.school_name,
            r.year_group,
            pct,
            trend,
            flags,
            r.model_groups.join(", "),
            r.status.as_str(),
            due
        );
    }
    outln!(
        "{} due by Sunday (overdue included).",
        d.due_this_week.len()
    );
}
