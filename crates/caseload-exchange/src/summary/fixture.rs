//! Synthetic summaries for the summary tests: invented wards, worker ids and actions, no real
//! pupil or person.

use caseload_domain::attendance::{SessionCounts, Tenths};
use caseload_domain::funnel::FunnelRowKey;
use caseload_domain::report::{FunnelFigureRow, FunnelFigures, WardFigures, WardPupil};
use caseload_domain::school::SchoolPhase;
use chrono::NaiveDate;

use super::model::{
    Cell, ColumnType, Figures, Summary, SummaryColumn, SummaryHeader, SummaryKind, SummaryTable,
};
use super::tables::funnel_table;

/// An action text that a spreadsheet would run as a formula if written as it is.
pub(crate) const FORMULA: &str = "=HYPERLINK(\"http://x\",\"click\")";

pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

/// Closed after the cycle 2 primary, 0 secondary, 3 total; improved 1, 0, 2.
pub(crate) fn funnel_figures() -> FunnelFigures {
    let counts = [
        (5, 3, 9),
        (4, 2, 7),
        (2, 1, 3),
        (1, 1, 2),
        (2, 0, 3),
        (1, 0, 2),
        (0, 1, 1),
    ];
    FunnelFigures {
        from: d(2026, 9, 1),
        to: d(2026, 12, 18),
        rows: FunnelRowKey::ALL
            .into_iter()
            .zip(counts)
            .map(|(key, (primary, secondary, total))| FunnelFigureRow {
                key,
                primary,
                secondary,
                total,
            })
            .collect(),
        cycle_weeks: 6,
    }
}

fn pupil(ward: Option<&str>, phase: SchoolPhase, possible: u32, present: u32) -> WardPupil {
    WardPupil {
        ward: ward.map(String::from),
        phase: Some(phase),
        counts: SessionCounts::new(possible, present, possible - present, 0).expect("counts"),
    }
}

/// Meadow: one primary pupil at 95%, one secondary at 45%; Orchard: one at 60%.
pub(crate) fn ward_figures() -> WardFigures {
    let this_year = [
        pupil(Some("Meadow"), SchoolPhase::Primary, 100, 95),
        pupil(Some("Meadow"), SchoolPhase::Secondary, 100, 45),
        pupil(Some("Orchard"), SchoolPhase::Primary, 200, 120),
        pupil(None, SchoolPhase::Primary, 0, 0),
    ];
    caseload_domain::report::ward_figures(
        &this_year,
        &[],
        Some(d(2026, 12, 18)),
        None,
        vec!["abc".into()],
    )
}

/// A table with every kind of cell, including a text a spreadsheet would run as a formula.
pub(crate) fn actions_table() -> SummaryTable {
    SummaryTable {
        id: "tsm_actions".into(),
        title: "TSM actions".into(),
        columns: vec![
            SummaryColumn::new(
                "pupil",
                "Pupil",
                ColumnType::Text,
                "Pseudonymised pupil id.",
            ),
            SummaryColumn::new("action", "Action", ColumnType::Text, "What was agreed."),
            SummaryColumn::new("due", "Due", ColumnType::Date, "When it is due."),
            SummaryColumn::new("days", "Days open", ColumnType::Count, "Days since agreed."),
            SummaryColumn::new(
                "attendance",
                "Attendance",
                ColumnType::Percent,
                "At the TSM.",
            ),
        ],
        rows: vec![
            vec![
                Cell::text("P-0001"),
                Cell::text(FORMULA),
                Cell::Date(d(2026, 11, 30)),
                Cell::Count(12),
                Cell::Percent(Tenths(935)),
            ],
            vec![
                Cell::text("P-0002"),
                Cell::text("Call home, then \"visit\", if no answer"),
                Cell::Empty,
                Cell::Count(0),
                Cell::Percent(Tenths(1000)),
            ],
            vec![
                Cell::text("P-0003"),
                Cell::text("Line one\nline two"),
                Cell::Date(d(2027, 1, 4)),
                Cell::Count(3),
                Cell::Empty,
            ],
        ],
        row_definitions: vec![],
    }
}

/// A worker's funnel summary with a second, mixed table.
pub(crate) fn summary() -> Summary {
    let figures = funnel_figures();
    Summary {
        header: SummaryHeader {
            kind: SummaryKind::Funnel,
            export_id: "0190a0b2-0000-7000-8000-000000000001".into(),
            title: "Case funnel".into(),
            produced_on: d(2026, 12, 19),
            worker_id: "w-042".into(),
            team: "North locality".into(),
            from: Some(figures.from),
            to: Some(figures.to),
            identifiable_reason: None,
            app_version: "0.1.0".into(),
        },
        tables: vec![funnel_table(&figures), actions_table()],
        figures: Some(Figures::Funnel(figures)),
    }
}
