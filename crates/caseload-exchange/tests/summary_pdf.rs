//! A summary as PDF, read back by poppler: names typed in any European script come through
//! exactly, in an embedded subset of Noto Sans, in a tagged and titled file.

mod common;

use caseload_exchange::summary::{
    Cell, ColumnType, Summary, SummaryColumn, SummaryHeader, SummaryKind, SummaryTable, render_pdf,
};
use chrono::NaiveDate;
use common::*;

/// An identifiable closures summary listing one pupil per synthetic name.
fn summary() -> Summary {
    let on = NaiveDate::from_ymd_opt(2026, 12, 19).expect("date");
    let column =
        |key: &str, header: &str, kind| SummaryColumn::new(key, header, kind, "Synthetic.");
    let rows = NAMES
        .iter()
        .enumerate()
        .map(|(i, name)| {
            vec![
                Cell::text(*name),
                Cell::text("Attendance improved"),
                Cell::Count(i as u64 + 1),
            ]
        })
        .collect();
    Summary {
        header: SummaryHeader {
            kind: SummaryKind::Closures,
            export_id: "0190a0b2-0000-7000-8000-000000000002".into(),
            title: "Case closures: Řehoř Ďuriš".into(),
            produced_on: on,
            worker_id: "w-042".into(),
            team: "Северный отдел".into(),
            from: None,
            to: None,
            identifiable_reason: Some("Panel request".into()),
            app_version: "0.1.0".into(),
        },
        tables: vec![SummaryTable {
            id: "closures".into(),
            title: "Closures".into(),
            columns: vec![
                column("pupil", "Pupil", ColumnType::Text),
                column("reason", "Reason", ColumnType::Text),
                column("weeks", "Weeks open", ColumnType::Count),
            ],
            rows,
            row_definitions: vec![],
        }],
        figures: None,
    }
}

#[test]
fn names_in_any_european_script_print_exactly_in_a_summary() {
    let summary = summary();
    let dir = tempfile::tempdir().expect("temporary folder");
    let pdf = dir.path().join("summary.pdf");
    std::fs::write(&pdf, render_pdf(&summary).expect("render")).expect("write");
    let text = pdf_text(&pdf);
    let mut phrases: Vec<String> = NAMES.iter().map(|n| n.to_string()).collect();
    phrases.extend(["Case closures: Řehoř Ďuriš".into(), "Северный отдел".into()]);
    assert_mentions_all(&text, &phrases);
    assert!(!text.contains('?'), "{text}");
    assert_fonts_are_embedded_noto_sans_subsets(&pdf);
    assert_tagged_with_title(&pdf, "Case closures: Řehoř Ďuriš");
}
