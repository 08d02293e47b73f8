//! A summary as exported: its kind, who produced it, and its tables, each column and row with a
//! definition. Every format (CSV, XLSX, PDF, JSON) renders this one value, so all four say the
//! same thing. The typed figures ride along in the JSON for the team aggregation.

use caseload_domain::ExportId;
use caseload_domain::attendance::Tenths;
use caseload_domain::report::{FunnelFigures, WardFigures};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The JSON document's schema name and version; a reader refuses other versions.
pub const SCHEMA: &str = "caseload.summary";
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SummaryKind {
    Funnel,
    TsmActions,
    WardBands,
    Closures,
    /// The team report `caseload aggregate` writes.
    Team,
}

impl SummaryKind {
    pub const ALL: [SummaryKind; 5] = [
        SummaryKind::Funnel,
        SummaryKind::TsmActions,
        SummaryKind::WardBands,
        SummaryKind::Closures,
        SummaryKind::Team,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SummaryKind::Funnel => "funnel",
            SummaryKind::TsmActions => "tsm-actions",
            SummaryKind::WardBands => "ward-bands",
            SummaryKind::Closures => "closures",
            SummaryKind::Team => "team",
        }
    }

    /// What the export is called: its document's title and its name in the outbox.
    pub fn title(self) -> &'static str {
        match self {
            SummaryKind::Funnel => "Case funnel by phase",
            SummaryKind::TsmActions => "TSM action log",
            SummaryKind::WardBands => "Attendance by ward",
            SummaryKind::Closures => "Case closures",
            SummaryKind::Team => "Team report",
        }
    }

    /// Whether rows are pupils (so names, UPNs and the like must be pseudonymised).
    pub fn is_pupil_level(self) -> bool {
        matches!(self, SummaryKind::TsmActions | SummaryKind::Closures)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Pdf,
    Json,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 4] = [
        ExportFormat::Csv,
        ExportFormat::Xlsx,
        ExportFormat::Pdf,
        ExportFormat::Json,
    ];

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Pdf => "pdf",
            ExportFormat::Json => "json",
        }
    }

    pub fn parse(value: &str) -> Option<ExportFormat> {
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.extension().eq_ignore_ascii_case(value.trim()))
    }
}

/// Who produced a summary and on what terms. Carried in every format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryHeader {
    pub kind: SummaryKind,
    /// A unique id (UUID v7) for this export; delivering it again changes nothing.
    pub export_id: ExportId,
    pub title: String,
    pub produced_on: NaiveDate,
    pub worker_id: String,
    pub team: String,
    /// The period the figures cover, where the kind has one.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// `None` for a pseudonymised export; the reason the worker gave for an identifiable one.
    pub identifiable_reason: Option<String>,
    pub app_version: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnType {
    Text,
    Count,
    Percent,
    Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryColumn {
    /// Machine name, used as the JSON key: `snake_case`.
    pub key: String,
    pub header: String,
    pub definition: String,
    #[serde(rename = "type")]
    pub kind: ColumnType,
}

impl SummaryColumn {
    pub fn new(key: &str, header: &str, kind: ColumnType, definition: &str) -> SummaryColumn {
        SummaryColumn {
            key: key.into(),
            header: header.into(),
            definition: definition.into(),
            kind,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Cell {
    Count(u64),
    Percent(Tenths),
    Date(NaiveDate),
    Text(String),
    /// No value (a percentage of nothing, a date not set): an empty cell, `null` in JSON.
    Empty,
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Cell {
        Cell::Text(value.into())
    }

    pub fn percent(value: Option<Tenths>) -> Cell {
        value.map_or(Cell::Empty, Cell::Percent)
    }

    pub fn date(value: Option<NaiveDate>) -> Cell {
        value.map_or(Cell::Empty, Cell::Date)
    }

    /// The cell as a person reads it: counts as digits, percentages to one decimal, dates ISO.
    pub fn display(&self) -> String {
        match self {
            Cell::Count(n) => n.to_string(),
            Cell::Percent(t) => t.to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::Text(s) => s.clone(),
            Cell::Empty => String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryTable {
    /// Machine name (`funnel`, `ward_bands`…), also the XLSX sheet name.
    pub id: String,
    pub title: String,
    pub columns: Vec<SummaryColumn>,
    /// Every row has one cell per column.
    pub rows: Vec<Vec<Cell>>,
    /// Where rows are fixed (the funnel), what each row counts: `(label, definition)`.
    pub row_definitions: Vec<(String, String)>,
}

/// The typed figures behind a summary, for machines that add summaries up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Figures {
    Funnel(FunnelFigures),
    Wards(WardFigures),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub header: SummaryHeader,
    pub tables: Vec<SummaryTable>,
    pub figures: Option<Figures>,
}

impl Summary {
    /// Rows across all tables (the manifest's row count).
    pub fn row_count(&self) -> usize {
        self.tables.iter().map(|t| t.rows.len()).sum()
    }
}
