//! How the CLI prints: JSON for machines (`--json`), short aligned text for people. Times are
//! shown in Europe/London.

use caseload_app::AppError;
use caseload_app::dashboard::Dashboard;
use caseload_app::reports::FunnelReport;
use caseload_app::session::AppStatus;
use serde::Serialize;

/// Writes one line to stdout. A closed pipe (`caseload case list | head -1`) is a normal end
/// of the output, as for other Unix tools: the process exits 0 at once, quietly. Any other
/// write failure (a full disk behind a redirect) is reported and exits 1.
pub fn line(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let written = out
        .write_fmt(args)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            eprintln!("caseload: could not write the output: {e}");
            std::process::exit(1)
        }
    }
}

/// Prints JSON, through [`line`].
pub fn json<T: Serialize>(value: &T) -> Result<(), AppError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| AppError::Storage {
        message: e.to_string(),
    })?;
    line(format_args!("{text}"));
    Ok(())
}

pub fn print<T: Serialize>(as_json: bool, value: &T, human: impl FnOnce()) -> Result<(), AppError> {
    if as_json {
        json(value)
    } else {
        human();
        Ok(())
    }
}

/// An RFC 3339 time as shown to people: Europe/London, to the minute.
pub fn london(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            t.with_timezone(&chrono_tz::Europe::London)
                .format("%d %b %Y %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| rfc3339.to_string())
}

pub fn status(status: &AppStatus) {
    outln!("Data folder: {}", status.data_dir);
    outln!(
        "Caseload:    {}",
        if status.initialised {
            "exists (encrypted)"
        } else {
            "none yet: run `caseload init`"
        }
    );
}

/// A pupil's legal name, with the preferred name after it when it differs.
pub fn display_name(legal: &str, preferred: Option<&str>) -> String {
    match preferred {
        Some(p) if p != legal => format!("{legal} ({p})"),
        _ => legal.to_string(),
    }
}

pub fn dashboard(d: &Dashboard) {
    if d.rows.is_empty() {
        outln!("No open cases.");
        return;
    }
    outln!(
        "{:<32}  {:<28}  {:>4}  {:>6}  {:<5}  {:<5}  {:<10}  NEXT DUE",
        "PUPIL",
        "SCHOOL",
        "YEAR",
        "ATT%",
        "TREND",
        "FLAGS",
        "STATUS"
    );
    for r in &d.rows {
        let pct = r
            .attendance_pct
            .map(|p| format!("{p:.1}"))
            .unwrap_or_else(|| "-".into());
        let trend = match r.trend {
            Some(caseload_domain::attendance::Trend::Up) => "up",
            Some(caseload_domain::attendance::Trend::Down) => "down",
            Some(caseload_domain::attendance::Trend::Level) => "level",
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
            "{:<32}  {:<28}  {:>4}  {:>6}  {:<5}  {:<5}  {:<10}  {}",
            display_name(&r.legal_name, r.preferred_name.as_deref()),
            r.school_name,
            r.year_group,
            pct,
            trend,
            flags,
            r.status.as_str(),
            due
        );
    }
    outln!(
        "{} due by Sunday (overdue included).",
        d.due_this_week.len()
    );
}

pub fn funnel(f: &FunnelReport) {
    outln!("Case funnel {} to {}", f.from, f.to);
    outln!(
        "{:<52}  {:>7}  {:>9}  {:>5}",
        "",
        "PRIMARY",
        "SECONDARY",
        "TOTAL"
    );
    for r in &f.rows {
        outln!(
            "{:<52}  {:>7}  {:>9}  {:>5}",
            r.label,
            r.primary,
            r.secondary,
            r.total
        );
    }
    let pct = |p: &Option<f64>| p.map(|v| format!("{v:.1}%")).unwrap_or_else(|| "-".into());
    if let [p, s, t] = f.improved_pct.as_slice() {
        outln!(
            "{:<52}  {:>7}  {:>9}  {:>5}",
            "Improved, as % of closed",
            pct(p),
            pct(s),
            pct(t)
        );
    }
}
