//! A summary as JSON for machines (the team aggregation, analysts' scripts): the header, each
//! table with its columns, row definitions and rows as objects keyed by column key, and the
//! typed figures. Counts are integers, percentages numbers with one decimal (93.5), dates ISO
//! strings, empty cells `null`. Reading it back is in `json_read`.

use caseload_domain::ExportId;
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::about::iso;
use super::model::{Cell, Figures, SCHEMA, SCHEMA_VERSION, Summary, SummaryColumn, SummaryKind};
use crate::error::ExchangeError;

/// The document as written; field order is the order a reader sees.
#[derive(serde::Serialize)]
struct SummaryOut<'a> {
    schema: &'static str,
    schema_version: u32,
    kind: SummaryKind,
    export_id: &'a ExportId,
    title: &'a str,
    produced_on: String,
    worker_id: &'a str,
    team: &'a str,
    from: Option<String>,
    to: Option<String>,
    pseudonymised: bool,
    identifiable_reason: Option<&'a str>,
    app_version: &'a str,
    tables: Vec<TableOut<'a>>,
    figures: Option<&'a Figures>,
}

#[derive(serde::Serialize)]
struct TableOut<'a> {
    id: &'a str,
    title: &'a str,
    columns: &'a [SummaryColumn],
    row_definitions: Vec<RowDefinitionOut<'a>>,
    rows: Vec<RowOut<'a>>,
}

#[derive(serde::Serialize)]
struct RowDefinitionOut<'a> {
    label: &'a str,
    definition: &'a str,
}

/// A row as an object keyed by column key, in column order.
struct RowOut<'a> {
    columns: &'a [SummaryColumn],
    cells: &'a [Cell],
}

impl Serialize for RowOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.columns.len()))?;
        for (column, cell) in self.columns.iter().zip(self.cells) {
            map.serialize_entry(&column.key, &CellOut(cell))?;
        }
        map.end()
    }
}

struct CellOut<'a>(&'a Cell);

impl Serialize for CellOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Cell::Count(n) => serializer.serialize_u64(*n),
            // Tenths / 10 as f64 prints as the shortest decimal that reads back the same, so
            // 935 tenths is written 93.5 (and 930 as 93.0, keeping it a float).
            Cell::Percent(t) => serializer.serialize_f64(t.as_f64()),
            Cell::Date(d) => serializer.serialize_str(&iso(*d)),
            Cell::Text(s) => serializer.serialize_str(s),
            Cell::Empty => serializer.serialize_none(),
        }
    }
}

/// The summary as pretty-printed JSON bytes, ending with a newline.
pub fn render_json(summary: &Summary) -> Result<Vec<u8>, ExchangeError> {
    let h = &summary.header;
    let out = SummaryOut {
        schema: SCHEMA,
        schema_version: SCHEMA_VERSION,
        kind: h.kind,
        export_id: &h.export_id,
        title: &h.title,
        produced_on: iso(h.produced_on),
        worker_id: &h.worker_id,
        team: &h.team,
        from: h.from.map(iso),
        to: h.to.map(iso),
        pseudonymised: h.identifiable_reason.is_none(),
        identifiable_reason: h.identifiable_reason.as_deref(),
        app_version: &h.app_version,
        tables: summary
            .tables
            .iter()
            .map(|t| TableOut {
                id: &t.id,
                title: &t.title,
                columns: &t.columns,
                row_definitions: t
                    .row_definitions
                    .iter()
                    .map(|(label, definition)| RowDefinitionOut { label, definition })
                    .collect(),
                rows: t
                    .rows
                    .iter()
                    .map(|cells| RowOut {
                        columns: &t.columns,
                        cells,
                    })
                    .collect(),
            })
            .collect(),
        figures: summary.figures.as_ref(),
    };
    let mut bytes = serde_json::to_vec_pretty(&out)
        .map_err(|source| ExchangeError::SummaryJsonWrite { source })?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::summary::fixture;
    use crate::summary::json_read::read_json;
    use crate::summary::model::Figures;
    use crate::summary::tables::ward_tables;

    fn value(summary: &Summary) -> Value {
        serde_json::from_slice(&render_json(summary).expect("json")).expect("valid JSON")
    }

    #[test]
    fn json_carries_the_schema_header_and_rows_keyed_by_column() {
        let v = value(&fixture::summary());
        assert_eq!(v["schema"], SCHEMA);
        assert_eq!(v["schema_version"], SCHEMA_VERSION);
        assert_eq!(v["kind"], "funnel");
        assert_eq!(v["from"], "2026-09-01");
        assert_eq!(v["pseudonymised"], true);
        assert_eq!(v["identifiable_reason"], Value::Null);
        let funnel = &v["tables"][0];
        assert_eq!(funnel["columns"][3]["type"], "count");
        assert_eq!(
            funnel["rows"][0],
            json!({"row": "Cases triaged", "primary": 5, "secondary": 3, "total": 9})
        );
        assert_eq!(funnel["rows"][7]["secondary"], Value::Null);
        assert_eq!(
            funnel["row_definitions"][6]["label"],
            "Families declining support"
        );
        let action = &v["tables"][1]["rows"][0];
        assert_eq!(action["due"], "2026-11-30");
        assert_eq!(action["attendance"], json!(93.5));
        assert!(v["figures"]["funnel"].is_object());
    }

    #[test]
    fn percentages_are_written_as_numbers_with_one_decimal() {
        let text =
            String::from_utf8(render_json(&fixture::summary()).expect("json")).expect("utf-8");
        assert!(text.contains("\"attendance\": 93.5"));
        assert!(text.contains("\"attendance\": 100.0"));
        assert!(text.contains("\"total\": 66.7"));
    }

    #[test]
    fn a_summary_read_back_from_its_json_is_the_same_summary() {
        let summary = fixture::summary();
        let back = read_json(&render_json(&summary).expect("json")).expect("reads");
        assert_eq!(back, summary);
    }

    #[test]
    fn a_ward_summary_with_an_identifiable_reason_round_trips_too() {
        let mut summary = fixture::summary();
        let wards = fixture::ward_figures();
        summary.tables = ward_tables(&wards);
        summary.figures = Some(Figures::Wards(wards));
        summary.header.from = None;
        summary.header.identifiable_reason = Some("Panel request".into());
        let back = read_json(&render_json(&summary).expect("json")).expect("reads");
        assert_eq!(back, summary);
    }
}
