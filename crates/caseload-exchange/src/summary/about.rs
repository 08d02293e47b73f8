//! The "About" lines every format writes before the tables: what the summary is, who produced
//! it, for what period, and whether it is pseudonymised. Plain label/value pairs; each format
//! lays them out (and neutralises them where a spreadsheet reads them).

use chrono::NaiveDate;

use super::model::{SummaryHeader, SummaryKind};

/// The label of the line that says the export is identifiable; its value is the reason given.
pub(crate) const IDENTIFIABLE: &str = "Identifiable export";

/// The header as `(label, value)` lines, dates written by `date`.
pub(crate) fn about_fields(
    header: &SummaryHeader,
    date: fn(NaiveDate) -> String,
) -> Vec<(String, String)> {
    let period = match (header.from, header.to) {
        (Some(from), Some(to)) => format!("{} to {}", date(from), date(to)),
        (Some(from), None) => format!("From {}", date(from)),
        (None, Some(to)) => format!("Up to {}", date(to)),
        // A team report of several periods: each funnel table's title names its own.
        (None, None) if header.kind == SummaryKind::Team => {
            "Each table names its own period".to_string()
        }
        (None, None) => "Not applicable".to_string(),
    };
    let privacy = match &header.identifiable_reason {
        None => ("Pseudonymised".to_string(), "yes".to_string()),
        Some(reason) => (IDENTIFIABLE.to_string(), reason.clone()),
    };
    vec![
        ("Title".into(), header.title.clone()),
        ("Kind".into(), header.kind.as_str().into()),
        ("Worker id".into(), header.worker_id.clone()),
        ("Team".into(), header.team.clone()),
        ("Period".into(), period),
        ("Produced on".into(), date(header.produced_on)),
        privacy,
        ("Export id".into(), header.export_id.to_string()),
        ("App version".into(), header.app_version.clone()),
    ]
}

/// A date as ISO `YYYY-MM-DD`, the form spreadsheets and machines read.
pub(crate) fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::fixture;

    #[test]
    fn a_pseudonymised_summary_says_so_and_an_identifiable_one_gives_its_reason() {
        let mut summary = fixture::summary();
        let fields = about_fields(&summary.header, iso);
        assert!(fields.contains(&("Pseudonymised".into(), "yes".into())));
        assert!(fields.contains(&("Period".into(), "2026-09-01 to 2026-12-18".into())));
        summary.header.identifiable_reason = Some("Panel request".into());
        let fields = about_fields(&summary.header, iso);
        assert!(fields.contains(&(IDENTIFIABLE.into(), "Panel request".into())));
        assert!(!fields.iter().any(|(label, _)| label == "Pseudonymised"));
    }
}
