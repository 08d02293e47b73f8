//! The council's local model in the exports (docs/domain.md §5.11): the funnel again for each
//! group (cases placed by their attendance at referral). Exact counts, like the worker's funnel:
//! the team report suppresses small numbers when figures leave the team.

use caseload_domain::funnel::{Funnel, FunnelRowKey};
use chrono::NaiveDate;

use super::about::iso;
use super::model::{Cell, ColumnType, SummaryColumn, SummaryTable};

/// One row per funnel row, one column per group of the model (the total over phases). `None`
/// when the model has no groups: no table.
pub fn funnel_by_model_group_table(
    model_name: &str,
    groups: &[(String, Funnel)],
    cycle_weeks: u8,
    from: NaiveDate,
    to: NaiveDate,
) -> Option<SummaryTable> {
    if groups.is_empty() {
        return None;
    }
    let mut columns = vec![SummaryColumn::new(
        "row",
        "Row",
        ColumnType::Text,
        "The funnel row, counted as in the funnel table above, over the cases of each group.",
    )];
    for (i, (name, _)) in groups.iter().enumerate() {
        columns.push(SummaryColumn::new(
            &format!("group_{}", i + 1),
            name,
            ColumnType::Count,
            &format!(
                "Cases whose pupil's attendance at referral is in the range of \"{name}\" \
                 (whole percent, rounded half away from zero). A case in range for two groups \
                 counts in both; one with no attendance at referral in none."
            ),
        ));
    }
    let rows = FunnelRowKey::ALL
        .into_iter()
        .map(|key| {
            let mut row = vec![Cell::text(key.label(cycle_weeks))];
            row.extend(
                groups
                    .iter()
                    .map(|(_, f)| Cell::Count(u64::from(f.get(key).total))),
            );
            row
        })
        .collect();
    Some(SummaryTable {
        id: "model_groups".into(),
        title: format!("Case funnel by {model_name}, {} to {}", iso(from), iso(to)),
        columns,
        rows,
        row_definitions: Vec::new(),
    })
}

/// The ward report's count of each ward's pupils in each group of the model (rows from the
/// domain's `ward_model_counts`, the LA Total last). `None` without rows (no model).
pub fn ward_model_groups_table(
    model_name: &str,
    group_names: &[String],
    rows: &[(String, Vec<u64>)],
) -> Option<SummaryTable> {
    if rows.is_empty() {
        return None;
    }
    let mut columns = vec![SummaryColumn::new(
        "ward",
        "Ward",
        ColumnType::Text,
        "The ward of the pupil's home (from the attendance file, else from the postcode lookup); \
         LA Total adds every ward.",
    )];
    for (i, name) in group_names.iter().enumerate() {
        columns.push(SummaryColumn::new(
            &format!("group_{}", i + 1),
            name,
            ColumnType::Count,
            &format!(
                "Pupils this academic year whose attendance is in the range of \"{name}\" (whole \
                 percent, rounded half away from zero). A pupil in range for two groups counts \
                 in both."
            ),
        ));
    }
    Some(SummaryTable {
        id: "ward_model_groups".into(),
        title: format!("Pupils by ward and {model_name}"),
        columns,
        rows: rows
            .iter()
            .map(|(ward, counts)| {
                let mut row = vec![Cell::text(ward.clone())];
                row.extend(counts.iter().map(|n| Cell::Count(*n)));
                row
            })
            .collect(),
        row_definitions: Vec::new(),
    })
}
