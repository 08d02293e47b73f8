//! Tests of the summary tables (`super`): the council's funnel rows and the ward tables'
//! shares, totals and counts.

use super::*;
use crate::summary::fixture;
use caseload_domain::attendance::Tenths;

fn count(cell: &Cell) -> u64 {
    match cell {
        Cell::Count(n) => *n,
        other => panic!("not a count: {other:?}"),
    }
}

#[test]
fn the_funnel_has_the_councils_seven_rows_in_order_then_the_improved_share() {
    let table = funnel_table(&fixture::funnel_figures());
    let labels: Vec<String> = table.rows.iter().map(|r| r[0].display()).collect();
    assert_eq!(
        labels,
        [
            "Cases triaged",
            "Cases accepted",
            "Assigned to attendance and family support workers",
            "Assigned to the attendance taskforce",
            "Closed after the 6-week cycle",
            "Closed with attendance improved",
            "Families declining support",
            "Closed with attendance improved, % of those closed after the 6-week cycle",
        ]
    );
    assert_eq!(table.row_definitions.len(), 8);
    assert!(table.rows.iter().all(|r| r.len() == table.columns.len()));
}

#[test]
fn the_funnels_percent_row_recomputes_from_its_counts() {
    let table = funnel_table(&fixture::funnel_figures());
    let closed = &table.rows[4];
    let improved = &table.rows[5];
    for column in 1..=3 {
        let (n, d) = (count(&improved[column]), count(&closed[column]));
        let expected = (d > 0).then(|| Tenths(((2 * n * 1000 + d) / (2 * d)) as u16));
        assert_eq!(table.rows[7][column], Cell::percent(expected));
    }
    assert_eq!(
        table.rows[7][3],
        Cell::Percent(Tenths(667)),
        "2 of 3 closed"
    );
    assert_eq!(table.rows[7][2], Cell::Empty, "no secondary case closed");
}

#[test]
fn ward_tables_give_column_shares_a_grand_total_an_la_total_and_the_counts_behind_them() {
    let tables = ward_tables(&fixture::ward_figures());
    let ids: Vec<&str> = tables.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["ward_bands", "ward_attendance", "ward_counts"]);
    let bands = &tables[0];
    assert_eq!(bands.columns.len(), 12);
    assert_eq!(bands.columns[1].key, "band_0_10");
    assert_eq!(bands.columns[10].key, "band_91_100");
    assert_eq!(bands.columns[11].key, "grand_total");
    let wards: Vec<String> = bands.rows.iter().map(|r| r[0].display()).collect();
    assert_eq!(
        wards,
        ["Meadow", "Orchard", "Postcode unmatched", "LA Total"]
    );
    let meadow = &bands.rows[0];
    // Meadow holds the only pupil at 91-100.
    assert_eq!(meadow[10], Cell::Percent(Tenths(1000)));
    assert_eq!(
        meadow[11],
        Cell::Percent(Tenths(667)),
        "2 of 3 banded pupils"
    );
    assert_eq!(bands.rows[1][11], Cell::Percent(Tenths(333)));
    assert_eq!(
        bands.rows[2][11],
        Cell::Percent(Tenths(0)),
        "unmatched: no band"
    );
    let la = &bands.rows[3];
    assert_eq!(la[10], Cell::Percent(Tenths(1000)));
    assert_eq!(la[1], Cell::Empty, "no pupil in 0-10");
    assert_eq!(la[11], Cell::Percent(Tenths(1000)));
    let counts = &tables[2];
    assert_eq!(counts.columns[11].key, "grand_total");
    assert_eq!(counts.rows[0][10], Cell::Count(1), "one pupil in 91-100");
    assert_eq!(
        counts.rows[3][11],
        Cell::Count(3),
        "LA Total: 3 banded pupils"
    );
    assert_eq!(
        counts.rows[3][12],
        Cell::Count(1),
        "LA Total: 1 with no band"
    );
    let attendance = &tables[1];
    assert_eq!(attendance.rows[0][1], Cell::Percent(Tenths(700)));
    assert_eq!(attendance.rows[0][2], Cell::Empty, "no file from last year");
    assert_eq!(attendance.rows[3][0], Cell::text("LA Total"));
    assert_eq!(
        attendance.rows[3][1],
        Cell::Percent(Tenths(650)),
        "260 of 400"
    );
    assert!(
        tables
            .iter()
            .all(|t| t.rows.iter().all(|r| r.len() == t.columns.len()))
    );
    assert!(
        bands.columns[1]
            .definition
            .contains("rounded half away from zero")
    );
}
