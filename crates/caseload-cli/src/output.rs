//! How the CLI prints: JSON for machines (`--json`), short aligned text for people. Times are
//! shown in Europe/London.

use caseload_app::AppError;
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

/// A pupil's legal name, with the preferred name after it when it differs.
pub fn display_name(legal: &str, preferred: Option<&str>) -> String {
    match preferred {
        Some(p) if p != legal => format!("{legal} ({p})"),
        _ => legal.to_string(),
    }
}
