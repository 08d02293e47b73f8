//! How wide each column of a table is, from what its cells hold, measured in the real font:
//! every column at least as wide as its longest word (so no word is split when the page allows),
//! and any room beyond each column's longest line shared by the columns' weights. The way
//! browsers lay out an automatic table, without their corner cases.

use super::pages::Style;
use super::text::line;
use crate::document::Table;

/// What a column needs: its longest word and its longest line, padding included.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Need {
    least: f32,
    most: f32,
}

fn needs(table: &Table, cell: Style, head: Style, pad: f32) -> Vec<Need> {
    let measure = |text: &str, style: Style| -> Need {
        let width = |t: &str| line(t, style.font).width(style.size);
        let least = text.split_whitespace().map(width).fold(0.0, f32::max);
        let most = text.lines().map(width).fold(0.0, f32::max);
        Need { least, most }
    };
    table
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let cells = table.rows.iter().filter_map(|r| r.get(i));
            let need = cells
                .map(|t| measure(t, cell))
                .chain([measure(&column.header, head)])
                .fold(
                    Need {
                        least: 0.0,
                        most: 0.0,
                    },
                    |a, b| Need {
                        least: a.least.max(b.least),
                        most: a.most.max(b.most),
                    },
                );
            Need {
                least: need.least + pad,
                most: need.most.max(need.least) + pad,
            }
        })
        .collect()
}

/// The narrowest the table can be without splitting a word.
pub(crate) fn narrowest(table: &Table, cell: Style, head: Style, pad: f32) -> f32 {
    needs(table, cell, head, pad).iter().map(|n| n.least).sum()
}

/// Each column's width, adding up to `total`:
/// - when every line fits, each column gets its longest line and the rest of the room is
///   shared by the columns' weights;
/// - when every word fits, each column gets its longest word and the rest is shared by how much
///   more each needs to show its longest line;
/// - otherwise each gets a share of `total` in proportion to its longest word, and the longest
///   words are split.
pub(crate) fn widths(table: &Table, cell: Style, head: Style, pad: f32, total: f32) -> Vec<f32> {
    let needs = needs(table, cell, head, pad);
    let least: f32 = needs.iter().map(|n| n.least).sum();
    let most: f32 = needs.iter().map(|n| n.most).sum();
    if needs.is_empty() {
        return Vec::new();
    }
    if most <= total {
        let weights: f32 = table.columns.iter().map(|c| c.weight.max(0.0)).sum();
        let spare = total - most;
        return needs
            .iter()
            .zip(&table.columns)
            .map(|(n, c)| {
                let share = if weights > 0.0 {
                    c.weight.max(0.0) / weights
                } else {
                    1.0 / needs.len() as f32
                };
                n.most + spare * share
            })
            .collect();
    }
    if least <= total {
        let spare = total - least;
        let wanted = most - least;
        return needs
            .iter()
            .map(|n| n.least + spare * (n.most - n.least) / wanted)
            .collect();
    }
    needs.iter().map(|n| total * n.least / least).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Column;
    use crate::pdf::fonts::Font;

    const CELL: Style = Style {
        font: Font::Regular,
        size: 9.0,
        leading: 11.5,
    };
    const HEAD: Style = Style {
        font: Font::Bold,
        size: 9.0,
        leading: 11.5,
    };

    fn table(headers: &[(&str, f32)], rows: &[&[&str]]) -> Table {
        Table {
            columns: headers.iter().map(|(h, w)| Column::new(h, *w)).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
        }
    }

    fn word(text: &str, style: Style) -> f32 {
        line(text, style.font).width(style.size)
    }

    #[test]
    fn widths_always_add_up_to_the_room_given() {
        let t = table(
            &[("Name", 1.0), ("Notes", 3.0)],
            &[&["Łukasz Józef Ștefănescu-Nguyễn", "Short"]],
        );
        for total in [60.0, 200.0, 481.9] {
            let sum: f32 = widths(&t, CELL, HEAD, 9.0, total).iter().sum();
            assert!((sum - total).abs() < 0.01, "{sum} for {total}");
        }
    }

    #[test]
    fn room_beyond_the_longest_lines_goes_by_weight() {
        let t = table(&[("A", 1.0), ("B", 3.0)], &[&["x", "y"]]);
        let w = widths(&t, CELL, HEAD, 9.0, 400.0);
        let (a, b) = (w[0] - word("A", HEAD) - 9.0, w[1] - word("B", HEAD) - 9.0);
        assert!((b / a - 3.0).abs() < 0.1, "{a} {b}");
    }

    #[test]
    fn a_tight_table_keeps_every_word_whole_and_gives_the_rest_to_long_text() {
        let name = "Ștefănescu-Nguyễn";
        let t = table(
            &[("Pupil", 1.0), ("Action", 1.0)],
            &[&[&format!("Łukasz {name}"), &"agree a target ".repeat(10)]],
        );
        let total = 200.0;
        let w = widths(&t, CELL, HEAD, 9.0, total);
        assert!(w[0] >= word(name, CELL) + 9.0, "{w:?}");
        assert!(w[1] > w[0], "the long text gets the room: {w:?}");
        assert!(narrowest(&t, CELL, HEAD, 9.0) <= total);
    }

    #[test]
    fn when_words_cannot_all_fit_columns_share_in_proportion_to_their_longest_word() {
        let t = table(
            &[("Practitioner", 1.0), ("X", 1.0)],
            &[&["Ștefănescu-Nguyễn", "y"]],
        );
        let least = narrowest(&t, CELL, HEAD, 9.0);
        let w = widths(&t, CELL, HEAD, 9.0, least / 2.0);
        assert!(w[0] > w[1]);
        assert!((w.iter().sum::<f32>() - least / 2.0).abs() < 0.01);
    }

    #[test]
    fn a_document_turns_its_pages_on_their_side_only_for_a_table_too_wide_to_read_upright() {
        use crate::document::{Block, Document};
        use crate::pdf::layout::lay_out;
        use crate::pdf::pages::Paper;
        let document = |table: Table| Document {
            title: "Synthetic".into(),
            blocks: vec![Block::Table(table)],
            footer: String::new(),
            produced_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 6).expect("date"),
        };
        let narrow = table(
            &[("Name", 1.0), ("Role", 1.0)],
            &[&["Şule Öztürk", "Champion"]],
        );
        assert_eq!(lay_out(&document(narrow)).2, Paper::PORTRAIT);
        let headers: Vec<(&str, f32)> = (0..12).map(|_| ("Practitioner", 1.0)).collect();
        let wide = table(&headers, &[&["Ștefănescu-Nguyễn"; 12]]);
        let (pages, _, paper) = lay_out(&document(wide));
        assert_eq!(paper, Paper::LANDSCAPE);
        assert!(!pages.is_empty());
    }
}
