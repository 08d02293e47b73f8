//! The summary tables built from report figures (docs/domain.md §9; definitions in docs/reports.md):
//! the case funnel by phase and attendance by ward. A worker's export and the team aggregation
//! both build their tables here, so a team report reads exactly like a worker's.

use caseload_domain::funnel::{FunnelRowKey, improved_share_label};
use caseload_domain::report::ward::band_labels;
use caseload_domain::report::{FunnelFigures, SessionSums, WardFigures, WardRow};
use chrono::NaiveDate;

use super::about::iso;
use super::model::{Cell, ColumnType, SummaryColumn, SummaryTable};

/// The funnel for a period: the seven counted rows in order (the council's labels, the cycle
/// row naming the cycle's length), then the improved share. Its title names its one period.
pub fn funnel_table(f: &FunnelFigures) -> SummaryTable {
    let funnel = f.to_funnel();
    let weeks = f.cycle_weeks;
    let closed_label = FunnelRowKey::ClosedAfterCycle.label(weeks);
    let share_label = improved_share_label(weeks);
    let mut rows: Vec<Vec<Cell>> = FunnelRowKey::ALL
        .into_iter()
        .map(|key| {
            let c = funnel.get(key);
            vec![
                Cell::text(key.label(weeks)),
                Cell::Count(u64::from(c.primary)),
                Cell::Count(u64::from(c.secondary)),
                Cell::Count(u64::from(c.total)),
            ]
        })
        .collect();
    let mut share_row = vec![Cell::text(share_label.clone())];
    share_row.extend(f.improved_share().map(Cell::percent));
    rows.push(share_row);

    let mut row_definitions: Vec<(String, String)> = FunnelRowKey::ALL
        .into_iter()
        .map(|key| (key.label(weeks), funnel_row_definition(key, weeks)))
        .collect();
    row_definitions.push((
        share_label,
        format!(
            "\"Closed with attendance improved\" as a percentage of \"{closed_label}\", in \
             each column: improved ÷ closed × 100, one decimal, half away from zero; blank \
             where nothing closed."
        ),
    ));

    SummaryTable {
        id: "funnel".into(),
        title: format!("Case funnel by phase, {} to {}", iso(f.from), iso(f.to)),
        columns: vec![
            SummaryColumn::new(
                "row",
                "Row",
                ColumnType::Text,
                "What the row counts (see the row definitions). For the period from-to, both \
                 days included, a case is counted at most once in each row.",
            ),
            SummaryColumn::new(
                "primary",
                "Primary",
                ColumnType::Count,
                "Cases whose pupil's school phase is primary.",
            ),
            SummaryColumn::new(
                "secondary",
                "Secondary",
                ColumnType::Count,
                "Cases whose pupil's school phase is secondary.",
            ),
            SummaryColumn::new(
                "total",
                "Total",
                ColumnType::Count,
                "Every case, including special schools, alternative provision and pupils whose \
                 phase is not recorded, so Total can exceed Primary + Secondary.",
            ),
        ],
        rows,
        row_definitions,
    }
}

/// When a case is counted in a funnel row (docs/reports.md, "Case funnel by phase").
fn funnel_row_definition(key: FunnelRowKey, weeks: u8) -> String {
    let text = match key {
        FunnelRowKey::CasesTriaged => {
            "Cases accepted, declined, or whose family declined support at triage (before the \
             case was accepted), on a date in the period."
        }
        FunnelRowKey::CasesAccepted => "Cases accepted on a date in the period.",
        FunnelRowKey::AssignedAfsw => {
            "Cases allocated to the attendance and family support workers (team id afsw) on a \
             date in the period."
        }
        FunnelRowKey::AssignedTaskforce => {
            "Cases allocated to the attendance taskforce (team id taskforce) on a date in the \
             period."
        }
        FunnelRowKey::ClosedAfterCycle => {
            return format!(
                "Cases closed on a date in the period having completed a full {weeks}-week \
                 review cycle: a review was recorded between the start of the cycle and the \
                 closure, or the closure came {weeks} weeks or more after the cycle started \
                 (or restarted on reopening). A case closed early in its cycle is not counted."
            );
        }
        FunnelRowKey::ClosedImproved => {
            return format!(
                "Cases counted in \"{}\" whose attendance at closure (the latest reading on or \
                 before the closure date) is higher than at referral (the latest reading on or \
                 before the referral date, else the first after it), both known, compared to \
                 one decimal place; equal is not improved.",
                FunnelRowKey::ClosedAfterCycle.label(weeks)
            );
        }
        FunnelRowKey::FamiliesDeclined => {
            "Cases whose family declined support on a date in the period, at triage or later."
        }
    };
    text.to_string()
}

/// A band column's key: `0-10` becomes `band_0_10`.
fn band_key(label: &str) -> String {
    format!("band_{}", label.replace('-', "_"))
}

fn as_at(date: Option<NaiveDate>, missing: &str) -> String {
    date.map_or_else(|| missing.to_string(), |d| format!("as at {}", iso(d)))
}

const BANDING: &str = "A pupil's band is set by their attendance this year: present ÷ possible \
                       sessions, as a whole percent rounded half away from zero.";

fn ward_column() -> SummaryColumn {
    SummaryColumn::new(
        "ward",
        "Ward",
        ColumnType::Text,
        "The ward of the pupil's home address: the ward in the attendance file, else the ward \
         of the pupil's postcode in the postcode-to-ward lookup. \"Postcode unmatched\" counts \
         pupils with neither; \"LA Total\" is every pupil in the figures.",
    )
}

fn no_band_column() -> SummaryColumn {
    SummaryColumn::new(
        "no_band",
        "No band",
        ColumnType::Count,
        "Pupils this year with no possible sessions, so no attendance and no band; not in the \
         bands or the Grand Total.",
    )
}

/// Attendance by ward as the council publishes it: each ward's share of the authority's pupils
/// in each band (a column adds to 100 down the wards) with a Grand Total column and an LA Total
/// row; attendance this year against last; and the counts behind the shares, in the same
/// columns, so a reader can check them and the team report can hide small ones.
pub fn ward_tables(w: &WardFigures) -> Vec<SummaryTable> {
    let this_year = as_at(w.this_year_as_at, "as at the latest attendance file");
    let last_year = as_at(w.last_year_as_at, "with no file from last year: blank");
    let labels = band_labels();
    let rows = w.rows_with_totals();

    let mut share_columns = vec![ward_column()];
    let mut count_columns = vec![ward_column()];
    for label in &labels {
        share_columns.push(SummaryColumn::new(
            &band_key(label),
            label,
            ColumnType::Percent,
            &format!(
                "The row's share of the authority's pupils whose attendance this year \
                 ({this_year}) is in the {label}% band: the row's pupils in the band ÷ the LA \
                 Total's pupils in the band × 100, one decimal, half away from zero, so the \
                 column adds to 100 down the wards (give or take the rounding of each cell); \
                 blank where no pupil is in the band. {BANDING}"
            ),
        ));
        count_columns.push(SummaryColumn::new(
            &band_key(label),
            label,
            ColumnType::Count,
            &format!(
                "Pupils whose attendance this year ({this_year}) is in the {label}% band. \
                 {BANDING}"
            ),
        ));
    }
    share_columns.push(SummaryColumn::new(
        "grand_total",
        "Grand Total",
        ColumnType::Percent,
        "The row's share of all the authority's pupils with a band: the row's banded pupils ÷ \
         the LA Total's × 100, one decimal, half away from zero.",
    ));
    count_columns.push(SummaryColumn::new(
        "grand_total",
        "Grand Total",
        ColumnType::Count,
        &format!("Pupils with a band this year ({this_year}): the row's bands added."),
    ));
    count_columns.push(no_band_column());

    let share_rows = rows.iter().map(|r| {
        let mut row = vec![Cell::text(&r.ward)];
        row.extend(w.column_shares(r).map(Cell::percent));
        row.push(Cell::percent(w.grand_total_share(r)));
        row
    });
    let count_rows = rows.iter().map(|r| {
        let mut row = vec![Cell::text(&r.ward)];
        row.extend(r.bands.map(|n| Cell::Count(u64::from(n))));
        row.push(Cell::Count(u64::from(r.banded_pupils())));
        row.push(Cell::Count(u64::from(r.no_band)));
        row
    });

    vec![
        SummaryTable {
            id: "ward_bands".into(),
            title: "Attendance bands by ward: share of the authority's pupils in each band".into(),
            columns: share_columns,
            rows: share_rows.collect(),
            row_definitions: vec![],
        },
        attendance_table(&rows, &this_year, &last_year),
        SummaryTable {
            id: "ward_counts".into(),
            title: "Pupils in each attendance band by ward".into(),
            columns: count_columns,
            rows: count_rows.collect(),
            row_definitions: vec![],
        },
    ]
}

fn attendance_table(rows: &[WardRow], this_year: &str, last_year: &str) -> SummaryTable {
    type Pick = fn(&WardRow) -> SessionSums;
    let columns: [(&str, &str, String, Pick); 6] = [
        (
            "all_this_year",
            "All, this year",
            format!("all pupils, this year ({this_year})"),
            |r| r.this_year.all,
        ),
        (
            "all_last_year",
            "All, last year",
            format!("all pupils, the same point last year ({last_year})"),
            |r| r.last_year.all,
        ),
        (
            "primary_this_year",
            "Primary, this year",
            format!("primary pupils, this year ({this_year})"),
            |r| r.this_year.primary,
        ),
        (
            "primary_last_year",
            "Primary, last year",
            format!("primary pupils, the same point last year ({last_year})"),
            |r| r.last_year.primary,
        ),
        (
            "secondary_this_year",
            "Secondary, this year",
            format!("secondary pupils, this year ({this_year})"),
            |r| r.this_year.secondary,
        ),
        (
            "secondary_last_year",
            "Secondary, last year",
            format!("secondary pupils, the same point last year ({last_year})"),
            |r| r.last_year.secondary,
        ),
    ];
    let mut table_columns = vec![ward_column()];
    table_columns.extend(columns.iter().map(|(key, header, who, _)| {
        SummaryColumn::new(
            key,
            header,
            ColumnType::Percent,
            &format!(
                "Attendance of the ward's {who}: sessions present ÷ possible sessions summed \
                 over the pupils, × 100, one decimal, half away from zero; blank with no \
                 possible sessions. \"All\" includes every phase, so it can differ from primary \
                 and secondary together."
            ),
        )
    }));
    let rows = rows
        .iter()
        .map(|r| {
            let mut row = vec![Cell::text(&r.ward)];
            row.extend(
                columns
                    .iter()
                    .map(|(_, _, _, pick)| Cell::percent(pick(r).pct())),
            );
            row
        })
        .collect();
    SummaryTable {
        id: "ward_attendance".into(),
        title: "Attendance by ward, this year and last".into(),
        columns: table_columns,
        rows,
        row_definitions: vec![],
    }
}

#[cfg(test)]
#[path = "tables_tests.rs"]
mod tests;
