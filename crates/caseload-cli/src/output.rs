//! How the CLI prints: JSON for machines (`--json`), short aligned text for people. Times are
//! shown in Europe/London.

use caseload_app::AppError;
use caseload_app::cases::{CaseDetail, CaseSummary};
use caseload_app::chronology::ChronologyEntryView;
use caseload_app::dashboard::Dashboard;
use caseload_app::family::PupilFamilyView;
use caseload_app::plan::PlanView;
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

fn london(rfc3339: &str) -> String {
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

fn display_name(legal: &str, preferred: Option<&str>) -> String {
    match preferred {
        Some(p) if p != legal => format!("{legal} ({p})"),
        _ => legal.to_string(),
    }
}

pub fn case_table(list: &[CaseSummary]) {
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

pub fn case_detail(d: &CaseDetail) {
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
    for r in &d.attendance {
        let pct = r
            .attendance_pct
            .map(|p| format!("{p:.1}%"))
            .unwrap_or_else(|| "-".into());
        outln!("  Attendance:     {pct} as at {}", r.as_at);
    }
    outln!("  Updated:        {}", london(&d.updated_at));
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

pub fn chronology(entries: &[ChronologyEntryView]) {
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

pub fn plan(p: &PlanView) {
    outln!("Plan for case {}", p.case_id);
    let barriers: Vec<String> = p.barriers.iter().map(|b| format!("{b:?}")).collect();
    outln!(
        "  Barriers:      {}",
        if barriers.is_empty() {
            "-".into()
        } else {
            barriers.join(", ")
        }
    );
    if let Some(other) = &p.other_barriers {
        outln!("  Other:         {other}");
    }
    match (p.target_pct, &p.target_by) {
        (Some(t), Some(by)) => outln!("  SMART target:  {t:.1}% by {by}"),
        _ => outln!("  SMART target:  none yet"),
    }
    if let Some(i) = &p.interventions {
        outln!("  Interventions: {i}");
    }
    if !p.review_dates.is_empty() {
        outln!("  Reviews:       {}", p.review_dates.join(", "));
    }
    for a in &p.actions {
        let late = if a.overdue { " OVERDUE" } else { "" };
        outln!(
            "  - [{:?}] {} ({}; due {}{}) id {}",
            a.status,
            a.what,
            a.owner,
            a.due_on,
            late,
            a.id
        );
    }
}

pub fn family(v: &PupilFamilyView) {
    outln!("Case {}", v.case_id);
    outln!(
        "  Address:  {}",
        v.address.as_deref().unwrap_or("-").replace('\n', ", ")
    );
    outln!(
        "  Postcode: {}   Ward: {}",
        v.postcode.as_deref().unwrap_or("-"),
        v.ward.as_deref().unwrap_or("-")
    );
    if !v.flags.is_empty() {
        let flags: Vec<String> = v.flags.iter().map(|f| format!("{f:?}")).collect();
        outln!("  Flags:    {}", flags.join(", "));
    }
    for kp in &v.key_professionals {
        outln!(
            "  Professional: {} ({}), {}",
            kp.name,
            kp.role,
            kp.organisation
        );
    }
    let Some(f) = &v.family else {
        outln!("  No family recorded yet.");
        return;
    };
    outln!("  Family:   {}", f.name);
    for c in &f.carers {
        let pr = if c.parental_responsibility {
            ", parental responsibility"
        } else {
            ""
        };
        outln!("    carer:   {} ({}{pr})", c.name, c.relationship);
    }
    for s in &f.siblings {
        outln!(
            "    sibling: {} ({}, year {})",
            s.legal_name,
            s.school_name,
            s.year_group
        );
    }
    for c in &f.other_children {
        outln!(
            "    child:   {} ({})",
            c.name,
            c.school_name.as_deref().unwrap_or("school not recorded")
        );
    }
}
