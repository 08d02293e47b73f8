//! Summaries the worker exports (docs/domain.md §9 and the TSM action log, case closures) and the
//! one model every export format renders: CSV, XLSX, PDF and JSON say the same thing, and the
//! JSON reads back for the team aggregation. Nothing here touches files or the database.

mod about;
mod csv;
#[cfg(test)]
mod fixture;
mod json;
mod json_read;
pub mod model;
mod model_groups;
mod neutralise;
mod pdf;
pub mod suppress;
mod tables;
mod xlsx;

pub use self::csv::render_csv;
pub use self::json::render_json;
pub use self::json_read::read_json;
pub use self::model_groups::{funnel_by_model_group_table, ward_model_groups_table};
pub use self::neutralise::neutralise;
pub use self::pdf::render_pdf;
pub use self::tables::{funnel_table, ward_tables};
pub use self::xlsx::render_xlsx;
pub use model::*;

use crate::error::ExchangeError;

/// The summary in an export format, as the bytes of the file.
pub fn render(summary: &Summary, format: ExportFormat) -> Result<Vec<u8>, ExchangeError> {
    match format {
        ExportFormat::Csv => render_csv(summary),
        ExportFormat::Xlsx => render_xlsx(summary),
        ExportFormat::Pdf => render_pdf(summary),
        ExportFormat::Json => render_json(summary),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_renders_and_json_reads_back_through_render() {
        let summary = fixture::summary();
        for format in ExportFormat::ALL {
            assert!(!render(&summary, format).expect("renders").is_empty());
        }
        let json = render(&summary, ExportFormat::Json).expect("json");
        assert_eq!(read_json(&json).expect("reads"), summary);
    }
}
