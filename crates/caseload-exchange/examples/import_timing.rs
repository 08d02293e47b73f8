//! Times the attendance importers on generated files of a city's size: 600,000 session marks
//! (3,000 pupils × 100 days × AM/PM) and 52,000 pupil summaries, as CSV and as XLSX.
//! A benchmark, not a test: `cargo run --release -p caseload-exchange --example import_timing`.

use std::ops::ControlFlow;
use std::time::Instant;

use caseload_domain::upn::check_letter;
use caseload_exchange::import::{ColumnMapping, ImportSource, import_marks, import_summaries};
use rust_xlsxwriter::Workbook;

/// A valid synthetic UPN for local authority 999.
fn upn(serial: u64) -> String {
    let body = format!(
        "999{:04}{:02}{:03}",
        serial / 1000 % 10_000,
        20 + serial / 10_000_000 % 10,
        serial % 1000
    );
    let letter = check_letter(body.as_bytes()).unwrap_or('A');
    format!("{letter}{body}")
}

fn marks_rows() -> Vec<[String; 4]> {
    let start = chrono::NaiveDate::from_ymd_opt(2024, 9, 2).unwrap_or_default();
    let dates: Vec<String> = (0..100u64)
        .map(|d| (start + chrono::Days::new(d / 5 * 7 + d % 5)).to_string())
        .collect();
    let codes = ["/", "\\", "L", "I", "N", "M", "/", "\\", "O", "C2"];
    let mut rows = Vec::with_capacity(600_000);
    for p in 0..3_000u64 {
        let upn = upn(p + 1);
        for (d, date) in dates.iter().enumerate() {
            for session in ["AM", "PM"] {
                let code = codes[(p as usize + d + rows.len()) % codes.len()];
                rows.push([
                    upn.clone(),
                    date.clone(),
                    session.to_string(),
                    code.to_string(),
                ]);
            }
        }
    }
    rows
}

fn summary_rows() -> Vec<Vec<String>> {
    (0..52_000u64)
        .map(|p| {
            let possible = 250 - p % 50;
            let present = possible - p % 40;
            let authorised = (possible - present) / 2;
            let unauthorised = possible - present - authorised;
            vec![
                upn(p + 1),
                possible.to_string(),
                present.to_string(),
                authorised.to_string(),
                unauthorised.to_string(),
                "2025-03-28".to_string(),
                format!("{}", 100_000 + p % 120),
                ["primary", "secondary"][(p % 2) as usize].to_string(),
                (p % 12).to_string(),
                format!("Ward {}", p % 20),
            ]
        })
        .collect()
}

fn as_csv(header: &str, rows: impl Iterator<Item = String>) -> Vec<u8> {
    let mut out = format!("{header}\n");
    for row in rows {
        out.push_str(&row);
        out.push('\n');
    }
    out.into_bytes()
}

fn as_xlsx(header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            match value.parse::<f64>() {
                Ok(n) if c > 0 => sheet.write_number(r as u32 + 1, c as u16, n)?,
                _ => sheet.write_string(r as u32 + 1, c as u16, value)?,
            };
        }
    }
    workbook.save_to_buffer()
}

fn time<T>(what: &str, bytes: usize, run: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = run();
    println!(
        "{what:<34} {:>7.1} MB  {:>8.0} ms",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64() * 1000.0
    );
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let today = chrono::Local::now().date_naive();
    let mapping = ColumnMapping::new();
    let mut go_on = |_| ControlFlow::Continue(());

    let marks = marks_rows();
    let csv = as_csv("upn,date,session,code", marks.iter().map(|r| r.join(",")));
    let file = time("600,000 marks from CSV", csv.len(), || {
        import_marks(
            &ImportSource::bytes("marks.csv", &csv),
            &mapping,
            today,
            &mut go_on,
        )
    })?;
    assert_eq!(file.mark_count(), 600_000);
    let marks: Vec<Vec<String>> = marks.into_iter().map(Vec::from).collect();
    let xlsx = as_xlsx(&["upn", "date", "session", "code"], &marks)?;
    let file = time("600,000 marks from XLSX", xlsx.len(), || {
        import_marks(
            &ImportSource::bytes("marks.xlsx", &xlsx),
            &mapping,
            today,
            &mut go_on,
        )
    })?;
    assert_eq!(file.mark_count(), 600_000);

    let header = [
        "upn",
        "possible_sessions",
        "present_sessions",
        "authorised_absence_sessions",
        "unauthorised_absence_sessions",
        "as_at",
        "school_urn",
        "school_phase",
        "year_group",
        "ward",
    ];
    let summaries = summary_rows();
    let csv = as_csv(&header.join(","), summaries.iter().map(|r| r.join(",")));
    let file = time("52,000 summaries from CSV", csv.len(), || {
        import_summaries(
            &ImportSource::bytes("summary.csv", &csv),
            &mapping,
            today,
            &mut go_on,
        )
    })?;
    assert_eq!(file.pupils.len(), 52_000);
    let xlsx = as_xlsx(&header, &summaries)?;
    let file = time("52,000 summaries from XLSX", xlsx.len(), || {
        import_summaries(
            &ImportSource::bytes("summary.xlsx", &xlsx),
            &mapping,
            today,
            &mut go_on,
        )
    })?;
    assert_eq!(file.pupils.len(), 52_000);
    Ok(())
}
