//! The team report never mixes periods (issue 15): a spring 2024 funnel and two autumn 2026
//! funnels delivered to one share are reported as two periods, each in its own table with its
//! own period, never one table labelled "2024-01-02 to 2026-12-06"; asked for one period, the
//! report adds only the funnels for it and names the other. Worker ids are synthetic.

use std::path::{Path, PathBuf};

use caseload_domain::ExportId;
use caseload_domain::funnel::FunnelRowKey;
use caseload_domain::report::{FunnelFigureRow, FunnelFigures};
use caseload_exchange::aggregate::{TeamReport, aggregate};
use caseload_exchange::share::{Delivery, DeliveryFile, RealShare, deliver};
use caseload_exchange::summary::{
    Cell, ExportFormat, Figures, Summary, SummaryHeader, SummaryKind, funnel_table, render,
    render_json,
};
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

const SPRING_2024: (i32, u32, u32, i32, u32, u32) = (2024, 1, 2, 2024, 3, 28);
const AUTUMN_2026: (i32, u32, u32, i32, u32, u32) = (2026, 9, 1, 2026, 12, 6);
const MIXED: &str = "2024-01-02 to 2026-12-06";

fn period(p: (i32, u32, u32, i32, u32, u32)) -> (NaiveDate, NaiveDate) {
    (d(p.0, p.1, p.2), d(p.3, p.4, p.5))
}

/// A funnel with every row's counts `n` primary, `n` secondary and `2n` total.
fn funnel(p: (NaiveDate, NaiveDate), n: u32) -> FunnelFigures {
    FunnelFigures {
        from: p.0,
        to: p.1,
        rows: FunnelRowKey::ALL
            .into_iter()
            .map(|key| FunnelFigureRow {
                key,
                primary: n,
                secondary: n,
                total: 2 * n,
            })
            .collect(),
        cycle_weeks: 6,
    }
}

fn deliver_funnel(root: &Path, worker: &str, export_id: &str, figures: FunnelFigures) {
    let summary = Summary {
        header: SummaryHeader {
            kind: SummaryKind::Funnel,
            export_id: ExportId(export_id.into()),
            title: "Case funnel by phase".into(),
            produced_on: figures.to,
            worker_id: worker.into(),
            team: "Synthetic team".into(),
            from: Some(figures.from),
            to: Some(figures.to),
            identifiable_reason: None,
            app_version: "test".into(),
        },
        tables: vec![funnel_table(&figures)],
        figures: Some(Figures::Funnel(figures)),
    };
    let bytes = render_json(&summary).expect("json");
    deliver(
        &RealShare,
        root,
        &Delivery {
            export_id: export_id.into(),
            kind: "funnel".into(),
            worker_id: worker.into(),
            team: "Synthetic team".into(),
            app_version: "test".into(),
            schema_version: 1,
            created_at: "2026-12-06T10:00:00Z".into(),
            files: vec![DeliveryFile {
                name: "funnel.json".into(),
                format: "json".into(),
                rows: 8,
                bytes,
            }],
        },
    )
    .expect("delivered");
}

/// Worker A and C: autumn 2026 (5 and 7 a cell); worker B: the council's spring 2024 (9).
fn share() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("share");
    std::fs::create_dir(&root).expect("share root");
    deliver_funnel(&root, "aw-a", "exp-a", funnel(period(AUTUMN_2026), 5));
    deliver_funnel(&root, "aw-b", "exp-b", funnel(period(SPRING_2024), 9));
    deliver_funnel(&root, "aw-c", "exp-c", funnel(period(AUTUMN_2026), 7));
    (dir, root)
}

fn team(root: &Path, suppress_below: u64, only: Option<(NaiveDate, NaiveDate)>) -> TeamReport {
    aggregate(
        &RealShare,
        root,
        d(2026, 12, 6),
        "test",
        suppress_below,
        only,
    )
    .expect("aggregate")
}

fn totals(report: &TeamReport, id: &str) -> Vec<Cell> {
    let table = report
        .summary
        .tables
        .iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("no table {id}"));
    table.rows.iter().take(7).map(|r| r[3].clone()).collect()
}

fn every_text(report: &TeamReport) -> String {
    let mut text = String::new();
    for format in [ExportFormat::Csv, ExportFormat::Json] {
        let bytes = render(&report.summary, format).expect("renders");
        text.push_str(&String::from_utf8_lossy(&bytes));
    }
    text
}

#[test]
fn funnels_of_two_periods_are_reported_as_two_periods_and_never_under_a_mixed_label() {
    let (_dir, root) = share();
    let report = team(&root, 0, None);
    let ids: Vec<&str> = report
        .summary
        .tables
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "funnel_2024-01-02_2024-03-28",
            "funnel_2026-09-01_2026-12-06",
            "notes",
            "sources"
        ]
    );
    assert_eq!(
        report.funnel_periods,
        [period(SPRING_2024), period(AUTUMN_2026)]
    );
    // Each period's own sum: spring is worker B's alone; autumn is A's and C's.
    assert_eq!(
        totals(&report, "funnel_2024-01-02_2024-03-28"),
        vec![Cell::Count(18); 7]
    );
    assert_eq!(
        totals(&report, "funnel_2026-09-01_2026-12-06"),
        vec![Cell::Count(24); 7]
    );
    let titles: Vec<&str> = report
        .summary
        .tables
        .iter()
        .map(|t| t.title.as_str())
        .collect();
    assert!(
        titles[0].ends_with("2024-01-02 to 2024-03-28"),
        "{titles:?}"
    );
    assert!(
        titles[1].ends_with("2026-09-01 to 2026-12-06"),
        "{titles:?}"
    );
    // No single period in the header: the tables carry their own.
    assert_eq!(
        (report.summary.header.from, report.summary.header.to),
        (None, None)
    );
    let text = every_text(&report);
    assert!(!text.contains(MIXED), "a mixed period label: {text}");
    assert!(text.contains("Each table names its own period"));
    assert!(text.contains("2 different periods"));
    assert!(report.left_out.is_empty());
    // Every format still renders the report (XLSX: a sheet per period; PDF: a section each).
    for format in ExportFormat::ALL {
        assert!(!render(&report.summary, format).expect("renders").is_empty());
    }
}

#[test]
fn asked_for_one_period_only_its_funnels_are_added_and_the_others_are_named() {
    let (_dir, root) = share();
    let report = team(&root, 0, Some(period(AUTUMN_2026)));
    let ids: Vec<&str> = report
        .summary
        .tables
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(ids, ["funnel", "notes", "sources"]);
    assert_eq!(totals(&report, "funnel"), vec![Cell::Count(24); 7]);
    assert_eq!(
        (report.summary.header.from, report.summary.header.to),
        (Some(d(2026, 9, 1)), Some(d(2026, 12, 6)))
    );
    assert_eq!(report.left_out.len(), 1);
    let left = &report.left_out[0];
    assert_eq!(
        (left.worker_id.as_str(), left.period),
        ("aw-b", period(SPRING_2024))
    );
    assert_eq!(
        report
            .included
            .iter()
            .map(|i| i.worker_id.as_str())
            .collect::<Vec<_>>(),
        ["aw-a", "aw-c"]
    );
    let text = every_text(&report);
    assert!(
        text.contains("Left out: aw-b's funnel for 2024-01-02 to 2024-03-28"),
        "{text}"
    );
    assert!(!text.contains(MIXED));

    // A period no one delivered: no funnel, and the notes say so.
    let none = team(&root, 0, Some((d(2025, 1, 6), d(2025, 3, 28))));
    assert!(
        none.summary
            .tables
            .iter()
            .all(|t| !t.id.starts_with("funnel"))
    );
    assert_eq!(none.left_out.len(), 3);
    assert!(every_text(&none).contains("No funnel delivered is for 2025-01-06 to 2025-03-28"));
}

#[test]
fn each_periods_funnel_is_suppressed_on_its_own() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("share");
    std::fs::create_dir(&root).expect("share root");
    deliver_funnel(&root, "aw-a", "exp-a", funnel(period(AUTUMN_2026), 2));
    deliver_funnel(&root, "aw-b", "exp-b", funnel(period(SPRING_2024), 9));
    let report = team(&root, 5, None);
    // Autumn's 2s are hidden; spring's 9s and 18s are not small and stay.
    assert!(
        totals(&report, "funnel_2026-09-01_2026-12-06")
            .iter()
            .all(|c| *c == Cell::text("[c]")),
        "{:?}",
        totals(&report, "funnel_2026-09-01_2026-12-06")
    );
    assert_eq!(
        totals(&report, "funnel_2024-01-02_2024-03-28"),
        vec![Cell::Count(18); 7]
    );
}
