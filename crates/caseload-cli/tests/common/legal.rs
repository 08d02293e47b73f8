//! Helpers for the legal ladder and evidence bundle tests: dates counted back from today, a
//! week of unauthorised absence imported through the CLI, a legal step, and what poppler reads
//! from a PDF.

use super::caseload;

/// The date `days` before today (Europe/London), as `YYYY-MM-DD`.
pub fn ago(days: i64) -> String {
    (chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .date_naive()
        - chrono::Duration::days(days))
    .to_string()
}

/// Imports a week of unauthorised absence (ten `O` marks) for `upn` in the week before the one
/// `days_ago` falls in, through `caseload import marks`: the threshold is met on its Friday.
/// Returns that Friday.
pub fn import_threshold(dir: &std::path::Path, upn: &str, days_ago: i64) -> chrono::NaiveDate {
    use chrono::Datelike;
    let day = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .date_naive()
        - chrono::Duration::days(days_ago + 7);
    let monday = day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()));
    let mut csv = String::from("upn,date,session,code\n");
    for offset in 0..5 {
        for session in ["AM", "PM"] {
            let date = monday + chrono::Duration::days(offset);
            csv.push_str(&format!("{upn},{date},{session},O\n"));
        }
    }
    let file = dir.join(format!("marks-{days_ago}.csv"));
    std::fs::write(&file, csv).expect("marks file");
    caseload(dir)
        .args(["import", "marks"])
        .arg(&file)
        .assert()
        .success();
    monday + chrono::Duration::days(4)
}

/// `caseload legal add ID --step STEP --on <days_ago>` decided by a synthetic manager.
pub fn legal_add(
    dir: &std::path::Path,
    id: &str,
    step: &str,
    days_ago: i64,
) -> assert_cmd::Command {
    let mut cmd = caseload(dir);
    cmd.args(["legal", "add", id, "--step", step, "--on"])
        .arg(ago(days_ago))
        .args(["--decided-by", "Team manager Demo"]);
    cmd
}

/// The PDF's text in reading order as `pdftotext -raw` gives it, whitespace folded.
pub fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (install poppler-utils)");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `pdfinfo`'s `Title:` line: what viewers and file managers show for the PDF.
pub fn pdf_title(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("pdfinfo (install poppler-utils)");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Title:"))
        .map(|t| t.trim().to_string())
        .unwrap_or_default()
}
