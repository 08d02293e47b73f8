//! Reads a summary's JSON back (the team aggregation reads workers' exports). The schema name
//! and version are checked before anything else. Rows are parsed by their columns' types, not
//! guessed from the values, so a percentage of 93.0 stays a percentage. Errors name the field
//! by its path (`tables[0].rows[3].total`), never quote the file's content.
//!
//! Round trip: `read_json(render_json(s)) == s` for every summary whose cells match their
//! columns' types (text and empty cells may sit in any column). A cell that does not match is
//! read as its JSON value suggests: a string as text, an integer as a count.

use caseload_domain::ExportId;
use caseload_domain::attendance::Tenths;
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};

use super::model::{
    Cell, ColumnType, SCHEMA, SCHEMA_VERSION, Summary, SummaryColumn, SummaryHeader, SummaryTable,
};
use crate::error::ExchangeError;

/// How much of a foreign schema name an error repeats.
const SCHEMA_ECHO_MAX: usize = 60;

type Object = Map<String, Value>;

fn wrong(path: impl Into<String>, expected: &'static str) -> ExchangeError {
    ExchangeError::SummaryField {
        path: path.into(),
        expected,
    }
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

fn get<'a>(obj: &'a Object, parent: &str, key: &str) -> Result<&'a Value, ExchangeError> {
    obj.get(key)
        .ok_or_else(|| wrong(join(parent, key), "present"))
}

fn string(obj: &Object, parent: &str, key: &str) -> Result<String, ExchangeError> {
    get(obj, parent, key)?
        .as_str()
        .map(String::from)
        .ok_or_else(|| wrong(join(parent, key), "a string"))
}

fn optional_string(obj: &Object, parent: &str, key: &str) -> Result<Option<String>, ExchangeError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(wrong(join(parent, key), "a string or null")),
    }
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn date(obj: &Object, key: &str) -> Result<NaiveDate, ExchangeError> {
    parse_date(&string(obj, "", key)?).ok_or_else(|| wrong(key, "a date (YYYY-MM-DD)"))
}

fn optional_date(obj: &Object, key: &str) -> Result<Option<NaiveDate>, ExchangeError> {
    optional_string(obj, "", key)?
        .map(|text| parse_date(&text).ok_or_else(|| wrong(key, "a date (YYYY-MM-DD) or null")))
        .transpose()
}

fn array<'a>(obj: &'a Object, parent: &str, key: &str) -> Result<&'a Vec<Value>, ExchangeError> {
    get(obj, parent, key)?
        .as_array()
        .ok_or_else(|| wrong(join(parent, key), "a list"))
}

fn object<'a>(value: &'a Value, path: &str) -> Result<&'a Object, ExchangeError> {
    value.as_object().ok_or_else(|| wrong(path, "an object"))
}

/// A typed value by serde; the error keeps only the path, since serde's message may quote
/// the value.
fn typed<T: DeserializeOwned>(
    value: &Value,
    path: impl Into<String>,
    expected: &'static str,
) -> Result<T, ExchangeError> {
    T::deserialize(value).map_err(|_| wrong(path, expected))
}

/// A summary from its JSON, refusing another schema or schema version.
pub fn read_json(bytes: &[u8]) -> Result<Summary, ExchangeError> {
    let document: Value =
        serde_json::from_slice(bytes).map_err(|e| ExchangeError::SummaryJsonSyntax {
            category: match e.classify() {
                serde_json::error::Category::Io => "read",
                serde_json::error::Category::Syntax => "syntax",
                serde_json::error::Category::Data => "data",
                serde_json::error::Category::Eof => "end-of-file",
            },
            line: e.line(),
            column: e.column(),
        })?;
    let obj = object(&document, "(document)")?;
    let schema = string(obj, "", "schema")?;
    if schema != SCHEMA {
        return Err(ExchangeError::SummarySchema {
            found: schema.chars().take(SCHEMA_ECHO_MAX).collect(),
            expected: SCHEMA,
        });
    }
    let version = get(obj, "", "schema_version")?
        .as_u64()
        .ok_or_else(|| wrong("schema_version", "a whole number"))?;
    if version != u64::from(SCHEMA_VERSION) {
        return Err(ExchangeError::SummarySchemaVersion {
            found: version,
            expected: SCHEMA_VERSION,
        });
    }

    let header = header(obj)?;
    let tables = array(obj, "", "tables")?
        .iter()
        .enumerate()
        .map(|(i, t)| table(t, &format!("tables[{i}]")))
        .collect::<Result<Vec<_>, _>>()?;
    let figures = match obj.get("figures") {
        None | Some(Value::Null) => None,
        Some(value) => Some(typed(value, "figures", "funnel or ward figures")?),
    };
    Ok(Summary {
        header,
        tables,
        figures,
    })
}

fn header(obj: &Object) -> Result<SummaryHeader, ExchangeError> {
    let identifiable_reason = optional_string(obj, "", "identifiable_reason")?;
    let pseudonymised = get(obj, "", "pseudonymised")?
        .as_bool()
        .ok_or_else(|| wrong("pseudonymised", "true or false"))?;
    if pseudonymised != identifiable_reason.is_none() {
        return Err(wrong(
            "pseudonymised",
            "true exactly when identifiable_reason is null",
        ));
    }
    Ok(SummaryHeader {
        kind: typed(get(obj, "", "kind")?, "kind", "a summary kind")?,
        export_id: ExportId(string(obj, "", "export_id")?),
        title: string(obj, "", "title")?,
        produced_on: date(obj, "produced_on")?,
        worker_id: string(obj, "", "worker_id")?,
        team: string(obj, "", "team")?,
        from: optional_date(obj, "from")?,
        to: optional_date(obj, "to")?,
        identifiable_reason,
        app_version: string(obj, "", "app_version")?,
    })
}

fn table(value: &Value, path: &str) -> Result<SummaryTable, ExchangeError> {
    let obj = object(value, path)?;
    let columns: Vec<SummaryColumn> = array(obj, path, "columns")?
        .iter()
        .enumerate()
        .map(|(j, c)| {
            typed(
                c,
                format!("{path}.columns[{j}]"),
                "a column (key, header, type, definition)",
            )
        })
        .collect::<Result<_, _>>()?;
    let row_definitions = array(obj, path, "row_definitions")?
        .iter()
        .enumerate()
        .map(|(j, d)| {
            let at = format!("{path}.row_definitions[{j}]");
            let d = object(d, &at)?;
            Ok((string(d, &at, "label")?, string(d, &at, "definition")?))
        })
        .collect::<Result<_, ExchangeError>>()?;
    let rows = array(obj, path, "rows")?
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let at = format!("{path}.rows[{r}]");
            let row = object(row, &at)?;
            columns
                .iter()
                .map(|c| cell(get(row, &at, &c.key)?, c.kind, &at, &c.key))
                .collect::<Result<Vec<_>, _>>()
        })
        .collect::<Result<_, _>>()?;
    Ok(SummaryTable {
        id: string(obj, path, "id")?,
        title: string(obj, path, "title")?,
        columns,
        rows,
        row_definitions,
    })
}

/// A number with at most one decimal as tenths: 93.5 is 935.
fn tenths(n: &Number) -> Option<Tenths> {
    let scaled = n.as_f64()? * 10.0;
    let rounded = scaled.round();
    let exact = (scaled - rounded).abs() < 1e-6;
    (exact && (0.0..=f64::from(u16::MAX)).contains(&rounded)).then_some(Tenths(rounded as u16))
}

/// A cell read by its column's type (see the module's note on cells that do not match it).
fn cell(value: &Value, kind: ColumnType, row: &str, key: &str) -> Result<Cell, ExchangeError> {
    let parsed = match (kind, value) {
        (_, Value::Null) => Some(Cell::Empty),
        (ColumnType::Percent, Value::Number(n)) => tenths(n).map(Cell::Percent),
        (ColumnType::Date, Value::String(s)) => {
            Some(parse_date(s).map_or_else(|| Cell::text(s.as_str()), Cell::Date))
        }
        (_, Value::String(s)) => Some(Cell::text(s.as_str())),
        (_, Value::Number(n)) => n
            .as_u64()
            .map(Cell::Count)
            .or_else(|| tenths(n).map(Cell::Percent)),
        (_, Value::Bool(_) | Value::Array(_) | Value::Object(_)) => None,
    };
    parsed.ok_or_else(|| {
        let expected = match kind {
            ColumnType::Text => "text or null",
            ColumnType::Count => "a whole number or null",
            ColumnType::Percent => "a percentage with at most one decimal, or null",
            ColumnType::Date => "a date (YYYY-MM-DD) or null",
        };
        wrong(join(row, key), expected)
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::summary::fixture;
    use crate::summary::json::render_json;

    fn edited(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
        let bytes = render_json(&fixture::summary()).expect("json");
        let mut value: Value = serde_json::from_slice(&bytes).expect("json");
        edit(&mut value);
        serde_json::to_vec(&value).expect("json")
    }

    #[test]
    fn a_different_schema_version_is_refused() {
        let bytes = edited(|v| v["schema_version"] = json!(SCHEMA_VERSION + 1));
        let err = read_json(&bytes).expect_err("refused");
        assert!(matches!(
            err,
            ExchangeError::SummarySchemaVersion { found, expected }
                if found == u64::from(SCHEMA_VERSION) + 1 && expected == SCHEMA_VERSION
        ));
    }

    #[test]
    fn a_different_schema_is_refused_before_anything_else_is_read() {
        let bytes =
            serde_json::to_vec(&json!({"schema": "someone.else", "rows": []})).expect("json");
        let err = read_json(&bytes).expect_err("refused");
        assert!(
            matches!(err, ExchangeError::SummarySchema { ref found, .. } if found == "someone.else")
        );
    }

    #[test]
    fn text_that_is_not_json_is_refused_without_quoting_it() {
        let err = read_json(b"{\"schema\": Alex Example}").expect_err("refused");
        assert!(matches!(
            err,
            ExchangeError::SummaryJsonSyntax { line: 1, .. }
        ));
        assert!(!err.to_string().contains("Alex"));
    }

    #[test]
    fn a_cell_of_the_wrong_kind_is_refused_with_its_path() {
        let bytes = edited(|v| v["tables"][0]["rows"][2]["total"] = json!(true));
        let err = read_json(&bytes).expect_err("refused");
        assert!(matches!(
            err,
            ExchangeError::SummaryField { ref path, .. } if path == "tables[0].rows[2].total"
        ));
    }

    #[test]
    fn a_percentage_with_two_decimals_is_refused() {
        let bytes = edited(|v| v["tables"][1]["rows"][0]["attendance"] = json!(93.55));
        assert!(read_json(&bytes).is_err());
    }

    #[test]
    fn a_whole_number_in_a_percent_column_is_a_percentage() {
        let bytes = edited(|v| v["tables"][1]["rows"][0]["attendance"] = json!(93));
        let summary = read_json(&bytes).expect("reads");
        assert_eq!(summary.tables[1].rows[0][4], Cell::Percent(Tenths(930)));
    }

    #[test]
    fn a_pseudonymised_flag_that_contradicts_the_reason_is_refused() {
        let bytes = edited(|v| v["pseudonymised"] = json!(false));
        assert!(matches!(
            read_json(&bytes),
            Err(ExchangeError::SummaryField { ref path, .. }) if path == "pseudonymised"
        ));
    }
}
