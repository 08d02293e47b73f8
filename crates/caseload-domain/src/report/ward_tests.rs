//! Tests of the ward table (`super`): shapes, shares and totals as the council publishes them.

use super::*;

fn pupil(ward: Option<&str>, phase: SchoolPhase, possible: u32, present: u32) -> WardPupil {
    WardPupil {
        ward: ward.map(String::from),
        phase: Some(phase),
        counts: SessionCounts::new(possible, present, possible - present, 0).expect("counts"),
    }
}

#[test]
fn pupils_are_counted_in_their_wards_band_and_sessions_sum_by_phase() {
    let this_year = [
        pupil(Some("Meadow"), SchoolPhase::Primary, 100, 95),
        pupil(Some("Meadow"), SchoolPhase::Secondary, 100, 45),
        pupil(Some("Abbey"), SchoolPhase::Primary, 200, 21),
        pupil(None, SchoolPhase::Primary, 0, 0),
    ];
    let last_year = [pupil(Some("Meadow"), SchoolPhase::Primary, 100, 80)];
    let f = ward_figures(&this_year, &last_year, None, None, vec![]);
    let names: Vec<&str> = f.wards.iter().map(|w| w.ward.as_str()).collect();
    assert_eq!(names, ["Abbey", "Meadow", NO_WARD]);
    let meadow = &f.wards[1];
    assert_eq!(meadow.bands[9], 1, "95% is in 91-100");
    assert_eq!(meadow.bands[4], 1, "45% is in 41-50");
    assert_eq!(meadow.this_year.all.pct(), Some(Tenths(700)));
    assert_eq!(meadow.this_year.primary.pct(), Some(Tenths(950)));
    assert_eq!(meadow.last_year.all.pct(), Some(Tenths(800)));
    assert_eq!(
        f.column_shares(meadow)[9],
        Some(Tenths(1000)),
        "the only 91-100"
    );
    assert_eq!(
        f.grand_total_share(meadow),
        Some(Tenths(667)),
        "2 of 3 banded"
    );
    assert_eq!(f.wards[0].bands[1], 1, "10.5% rounds to 11, so 11-20");
    assert_eq!(f.wards[2].no_band, 1);
    assert_eq!(band_labels()[0], "0-10");
    assert_eq!(band_labels()[9], "91-100");
}

#[test]
fn adding_ward_figures_sums_counts_but_not_the_same_file_twice() {
    let a = ward_figures(
        &[pupil(Some("Meadow"), SchoolPhase::Primary, 100, 95)],
        &[],
        None,
        None,
        vec!["aaa".into()],
    );
    let b = ward_figures(
        &[pupil(Some("Meadow"), SchoolPhase::Primary, 100, 55)],
        &[],
        None,
        None,
        vec!["bbb".into()],
    );
    let mut team = a.clone();
    assert!(team.add(&b));
    assert_eq!(team.wards[0].banded_pupils(), 2);
    assert_eq!(team.wards[0].this_year.all.pct(), Some(Tenths(750)));
    assert!(
        !team.add(&team.clone()),
        "the same files are not added twice"
    );
    assert_eq!(team.wards[0].banded_pupils(), 2);
}

/// Three wards and the unmatched, with counts that do not divide evenly: each band's column
/// of shares adds to 100 (±0.1 for rounding), the Grand Total column too, and the LA Total
/// row holds each band's count and 100%.
#[test]
fn each_bands_shares_sum_to_100_down_the_wards_with_an_la_total_and_grand_total() {
    let mut this_year = Vec::new();
    let spread: [(Option<&str>, u32, [u32; 3]); 4] = [
        (Some("Abbey"), 7, [1, 2, 3]),
        (Some("Meadow"), 11, [2, 5, 1]),
        (Some("Orchard"), 4, [0, 6, 2]),
        (None, 1, [1, 1, 0]),
    ];
    // Pupils at 95%, 55% and 25% in the numbers given, plus some at 75%.
    for (ward, at_75, [at_95, at_55, at_25]) in spread {
        for (n, present) in [(at_95, 95), (at_55, 55), (at_25, 25), (at_75, 75)] {
            for _ in 0..n {
                this_year.push(pupil(ward, SchoolPhase::Primary, 100, present));
            }
        }
    }
    this_year.push(pupil(Some("Abbey"), SchoolPhase::Secondary, 0, 0));
    let f = ward_figures(&this_year, &[], None, None, vec![]);
    let names: Vec<&str> = f.wards.iter().map(|w| w.ward.as_str()).collect();
    assert_eq!(names, ["Abbey", "Meadow", "Orchard", NO_WARD]);

    let la = f.la_total();
    assert_eq!(la.ward, LA_TOTAL);
    assert_eq!(la.bands[9], 4, "95%: 1 + 2 + 0 + 1");
    assert_eq!(la.bands[7], 23, "75%: 7 + 11 + 4 + 1");
    assert_eq!(la.banded_pupils(), 47);
    assert_eq!(la.no_band, 1);
    assert_eq!(f.column_shares(&la)[7], Some(Tenths(1000)));
    assert_eq!(f.column_shares(&la)[0], None, "no pupil below 11%");
    assert_eq!(f.grand_total_share(&la), Some(Tenths(1000)));

    for band in 0..10 {
        let shares: Vec<Tenths> = f
            .wards
            .iter()
            .filter_map(|w| f.column_shares(w)[band])
            .collect();
        if la.bands[band] == 0 {
            assert!(shares.is_empty());
            continue;
        }
        let sum: i32 = shares.iter().map(|t| i32::from(t.0)).sum();
        assert!((sum - 1000).abs() <= 1, "band {band}: {sum} tenths");
    }
    let grand: i32 = f
        .wards
        .iter()
        .filter_map(|w| f.grand_total_share(w))
        .map(|t| i32::from(t.0))
        .sum();
    assert!((grand - 1000).abs() <= 1, "Grand Total column: {grand}");
    // Meadow has 11 of the 23 at 75%: 47.8%; and 19 of 47 pupils: 40.4%.
    assert_eq!(f.column_shares(&f.wards[1])[7], Some(Tenths(478)));
    assert_eq!(f.grand_total_share(&f.wards[1]), Some(Tenths(404)));
    // The unmatched row is a row like any other: 1 of the 4 at 95%.
    assert_eq!(f.column_shares(&f.wards[3])[9], Some(Tenths(250)));
    let rows: Vec<String> = f.rows_with_totals().into_iter().map(|r| r.ward).collect();
    assert_eq!(rows, ["Abbey", "Meadow", "Orchard", NO_WARD, LA_TOTAL]);
}

#[test]
fn the_unmatched_row_is_shown_even_when_every_pupil_has_a_ward() {
    let f = ward_figures(
        &[pupil(Some("Meadow"), SchoolPhase::Primary, 100, 95)],
        &[],
        None,
        None,
        vec![],
    );
    let rows = f.rows_with_totals();
    let names: Vec<&str> = rows.iter().map(|r| r.ward.as_str()).collect();
    assert_eq!(names, ["Meadow", NO_WARD, LA_TOTAL]);
    assert_eq!(rows[1].banded_pupils(), 0);
    assert_eq!(f.column_shares(&rows[1])[9], Some(Tenths(0)));
}

#[test]
fn an_older_deliverys_ward_not_recorded_row_joins_postcode_unmatched() {
    let mut team = ward_figures(
        &[pupil(None, SchoolPhase::Primary, 100, 95)],
        &[],
        None,
        None,
        vec!["aaa".into()],
    );
    let mut old = team.clone();
    old.sources = vec!["bbb".into()];
    old.wards[0].ward = OLD_NO_WARD.into();
    assert!(team.add(&old));
    assert_eq!(team.wards.len(), 1);
    assert_eq!(team.wards[0].ward, NO_WARD);
    assert_eq!(team.wards[0].bands[9], 2);
}
