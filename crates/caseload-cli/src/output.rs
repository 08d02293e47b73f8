//! How the CLI prints: JSON for machines (`--json`), short aligned text for people. Times are
//! shown in Europe/London.

use caseload_app::AppError;
use caseload_app::types::{AppStatus, CaseDetail, CaseSummary};
use serde::Serialize;

pub fn json<T: Serialize>(value: &T) -> Result<(), AppError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| AppError::Storage {
        message: e.to_string(),
    })?;
    println!("{text}");
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
    println!("Data folder: {}", status.data_dir);
    println!(
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
        println!("No cases yet. Add one with `caseload case add`.");
        return;
    }
    println!(
        "{:<36}  {:<32}  {:<13}  {:<28}  {:>4}  {:<6}  UPDATED",
        "ID", "PUPIL", "UPN", "SCHOOL", "YEAR", "STATUS"
    );
    for c in list {
        println!(
            "{:<36}  {:<32}  {:<13}  {:<28}  {:>4}  {:<6}  {}",
            c.id,
            display_name(&c.legal_name, c.preferred_name.as_deref()),
            c.upn,
            c.school_name,
            c.year_group,
            c.status.as_str(),
            london(&c.updated_at)
        );
    }
}

pub fn case_detail(d: &CaseDetail) {
    let p = &d.pupil;
    println!("Case {}", d.id);
    println!("  Legal name:     {}", p.legal_name);
    println!(
        "  Preferred name: {}",
        p.preferred_name.as_deref().unwrap_or("-")
    );
    println!("  Date of birth:  {}", p.date_of_birth);
    println!("  UPN:            {}", p.upn);
    println!("  School:         {} (URN {})", p.school_name, p.school_urn);
    println!("  Year group:     {}", p.year_group);
    println!("  Status:         {}", d.status.as_str());
    println!("  Updated:        {}", london(&d.updated_at));
}
