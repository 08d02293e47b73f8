//! Small-count suppression for the team report (issue 14; docs/sharing.md "Small numbers in
//! the team report"). A count from 1 to `threshold - 1` could point to a child, so it is shown
//! as [`SUPPRESSED`] instead (primary suppression). So that a total, or the other cells of a
//! row or column, cannot give a hidden count back by subtraction, every row and every column
//! that has exactly one hidden cell has its smallest other count hidden too, until none has
//! exactly one (secondary suppression). Zero is not small (it identifies no one) but may be
//! hidden as a secondary cell. Percentages worked out from a hidden count are hidden too.

use super::model::{Cell, SummaryTable};

/// What councils publish by: counts under 5 are not shown.
pub const DEFAULT_THRESHOLD: u64 = 5;
/// How a hidden count is shown (the ONS and DfE convention: "c" for confidential).
pub const SUPPRESSED: &str = "[c]";

/// Which cells of a grid to hide: `counts[r][c]` is `None` where the cell is not a count (a
/// label, a percentage), and such cells are never part of a row's or column's sums.
pub fn suppression_mask(counts: &[Vec<Option<u64>>], threshold: u64) -> Vec<Vec<bool>> {
    let mut hidden: Vec<Vec<bool>> = counts
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| c.is_some_and(|n| n >= 1 && n < threshold))
                .collect()
        })
        .collect();
    if threshold <= 1 {
        return hidden;
    }
    let width = counts.iter().map(Vec::len).max().unwrap_or(0);
    let rows: Vec<Vec<(usize, usize)>> = (0..counts.len())
        .map(|r| (0..counts[r].len()).map(|c| (r, c)).collect())
        .collect();
    let columns: Vec<Vec<(usize, usize)>> = (0..width)
        .map(|c| {
            (0..counts.len())
                .filter(|&r| c < counts[r].len())
                .map(|r| (r, c))
                .collect()
        })
        .collect();
    loop {
        let mut changed = false;
        for group in rows.iter().chain(&columns) {
            let members: Vec<(usize, usize)> = group
                .iter()
                .copied()
                .filter(|&(r, c)| counts[r][c].is_some())
                .collect();
            let hidden_here = members.iter().filter(|&&(r, c)| hidden[r][c]).count();
            if hidden_here != 1 {
                continue;
            }
            let next = members
                .iter()
                .copied()
                .filter(|&(r, c)| !hidden[r][c])
                .min_by_key(|&(r, c)| counts[r][c]);
            if let Some((r, c)) = next {
                hidden[r][c] = true;
                changed = true;
            }
        }
        if !changed {
            return hidden;
        }
    }
}

fn counts_of(table: &SummaryTable) -> Vec<Vec<Option<u64>>> {
    table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Cell::Count(n) => Some(*n),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

fn hide(cell: &mut Cell) {
    *cell = Cell::text(SUPPRESSED);
}

/// Suppresses a table whose count cells form one grid (the funnel: rows by phase); a
/// percentage row whose counts are hidden is hidden too (`percent_of`: the rows a percentage
/// row is worked out from, by index).
fn suppress_grid(table: &mut SummaryTable, threshold: u64, percent_of: &[(usize, [usize; 2])]) {
    let mask = suppression_mask(&counts_of(table), threshold);
    for (r, row) in table.rows.iter_mut().enumerate() {
        for (c, cell) in row.iter_mut().enumerate() {
            if mask[r][c] {
                hide(cell);
            }
        }
    }
    for &(pct_row, [a, b]) in percent_of {
        for c in 0..table.columns.len() {
            let from_hidden = [a, b]
                .iter()
                .any(|&r| mask.get(r).and_then(|m| m.get(c)) == Some(&true));
            if from_hidden
                && let Some(cell) = table.rows.get_mut(pct_row).and_then(|row| row.get_mut(c))
            {
                hide(cell);
            }
        }
    }
}

/// Suppresses the team report's tables in place: the funnel, and the ward tables (the band
/// counts with each row's Grand Total and the LA Total row as one grid; a band's share wherever its count is
/// hidden; a ward's attendance wherever its pupils are fewer than the threshold). Other tables
/// (the list of deliveries counted) hold no counts of pupils and are left as they are.
pub fn suppress_team_tables(tables: &mut [SummaryTable], threshold: u64) {
    if threshold <= 1 {
        return;
    }
    for table in tables.iter_mut() {
        // One funnel table per period: `funnel`, or `funnel_<from>_<to>` where there are several.
        if table.id == "funnel" || table.id.starts_with("funnel_") {
            // Rows 0-6 are counts; row 7 is "closed with attendance improved" (row 5) as a
            // percentage of "closed after the cycle" (row 4).
            suppress_grid(table, threshold, &[(7, [5, 4])]);
        }
    }
    let index = |tables: &[SummaryTable], id: &str| tables.iter().position(|t| t.id == id);
    let (Some(bands), Some(counts)) = (index(tables, "ward_bands"), index(tables, "ward_counts"))
    else {
        return;
    };
    // One grid: every row's band counts, its Grand Total and no-band count, the LA Total row
    // included, so no count can be had back from a total.
    let grid = counts_of(&tables[counts]);
    let mask = suppression_mask(&grid, threshold);
    for (r, row) in tables[counts].rows.iter_mut().enumerate() {
        for (c, cell) in row.iter_mut().enumerate() {
            if mask[r][c] {
                hide(cell);
            }
        }
    }
    // ward_bands has ward_counts' columns up to the Grand Total, in the same places: a share
    // whose count is hidden is hidden too. A ward with fewer pupils than the threshold has its
    // attendance hidden.
    let mut small_wards = Vec::new();
    for (r, row) in tables[bands].rows.iter_mut().enumerate() {
        let pupils: u64 = grid[r].iter().rev().take(2).flatten().sum();
        if pupils < threshold {
            small_wards.push(r);
        }
        for (c, cell) in row.iter_mut().enumerate().skip(1) {
            if mask[r].get(c) == Some(&true) {
                hide(cell);
            }
        }
    }
    if let Some(attendance) = index(tables, "ward_attendance") {
        for &r in &small_wards {
            if let Some(row) = tables[attendance].rows.get_mut(r) {
                for cell in row.iter_mut().skip(1) {
                    if !matches!(cell, Cell::Empty) {
                        hide(cell);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::{fixture, funnel_table, ward_tables};
    use proptest::prelude::*;

    fn grid(rows: &[&[u64]]) -> Vec<Vec<Option<u64>>> {
        rows.iter()
            .map(|r| r.iter().map(|&n| Some(n)).collect())
            .collect()
    }

    #[test]
    fn small_counts_are_hidden_and_one_more_in_their_row_and_column() {
        let counts = grid(&[&[3, 10, 13], &[20, 30, 50]]);
        let mask = suppression_mask(&counts, 5);
        // 3 is small; its row's next smallest (10) and its column's (20) go too, then the
        // columns and rows those opened, until every group has none or two or more hidden.
        assert!(mask[0][0]);
        for (r, row) in mask.iter().enumerate() {
            let n = row.iter().filter(|h| **h).count();
            assert_ne!(n, 1, "row {r}: {mask:?}");
        }
        for c in 0..3 {
            let n = mask.iter().filter(|row| row[c]).count();
            assert_ne!(n, 1, "column {c}: {mask:?}");
        }
    }

    #[test]
    fn zero_and_counts_at_the_threshold_are_shown_and_a_threshold_of_one_hides_nothing() {
        let counts = grid(&[&[0, 5, 5], &[7, 0, 7]]);
        let mask = suppression_mask(&counts, 5);
        assert!(mask.iter().flatten().all(|h| !h));
        let mask = suppression_mask(&grid(&[&[1, 2, 3]]), 1);
        assert!(mask.iter().flatten().all(|h| !h));
    }

    #[test]
    fn the_team_funnel_hides_small_counts_and_the_percentage_made_from_them() {
        let mut tables = vec![funnel_table(&fixture::funnel_figures())];
        suppress_team_tables(&mut tables, 5);
        let f = &tables[0];
        assert!(
            f.rows
                .iter()
                .flatten()
                .all(|c| !matches!(c, Cell::Count(n) if *n >= 1 && *n < 5)),
            "{:?}",
            f.rows
        );
        // 2 of 3 closed: both hidden, so the 66.7% made from them is hidden too.
        assert_eq!(f.rows[7][3], Cell::text(SUPPRESSED));
    }

    #[test]
    fn ward_tables_hide_small_bands_their_shares_and_a_small_wards_attendance() {
        let mut tables = ward_tables(&fixture::ward_figures());
        suppress_team_tables(&mut tables, 5);
        let counts = &tables[2];
        assert!(
            counts
                .rows
                .iter()
                .flatten()
                .all(|c| !matches!(c, Cell::Count(n) if *n >= 1 && *n < 5))
        );
        // A band hidden in the counts is hidden in the shares (same columns, Grand Total
        // included).
        for (r, row) in counts.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate().take(12).skip(1) {
                if *cell == Cell::text(SUPPRESSED) {
                    assert_eq!(tables[0].rows[r][c], Cell::text(SUPPRESSED));
                }
            }
        }
        // Meadow has 2 pupils: its attendance is not shown.
        assert!(
            tables[1].rows[0]
                .iter()
                .skip(1)
                .all(|c| matches!(c, Cell::Empty) || *c == Cell::text(SUPPRESSED))
        );
    }

    proptest! {
        #[test]
        fn no_row_or_column_ever_has_exactly_one_hidden_count(
            cells in proptest::collection::vec(proptest::collection::vec(0u64..12, 4), 1..7),
            threshold in 2u64..8,
        ) {
            let counts: Vec<Vec<Option<u64>>> =
                cells.iter().map(|r| r.iter().map(|&n| Some(n)).collect()).collect();
            let mask = suppression_mask(&counts, threshold);
            for (r, row) in cells.iter().enumerate() {
                for (c, &n) in row.iter().enumerate() {
                    if n >= 1 && n < threshold {
                        prop_assert!(mask[r][c], "a small count shown");
                    }
                }
                let hidden = mask[r].iter().filter(|h| **h).count();
                prop_assert!(hidden != 1, "row {} has one hidden", r);
            }
            for c in 0..4 {
                let hidden = mask.iter().filter(|row| row[c]).count();
                prop_assert!(hidden != 1 || cells.len() == 1, "column {} has one hidden", c);
            }
        }
    }
}
