//! The team report's periods (issue 15): funnels are added only to funnels of the very same
//! period and review cycle, each period is reported in its own table, and a report asked for
//! one period (`--from`/`--to`) adds only the deliveries for it and names every other one. A
//! table is never labelled with a span made by joining two periods.

use std::collections::BTreeMap;

use caseload_domain::ExportId;
use caseload_domain::report::{FunnelFigures, FunnelMismatch};
use chrono::NaiveDate;

use crate::summary::{Cell, ColumnType, SummaryColumn, SummaryKind, SummaryTable, funnel_table};

/// A period, both days included.
pub type Period = (NaiveDate, NaiveDate);

/// A period as the report writes it: "2026-09-01 to 2026-12-18".
pub fn period_text((from, to): Period) -> String {
    format!("{} to {}", from.format("%Y-%m-%d"), to.format("%Y-%m-%d"))
}

/// A delivery the team report did not add because its period is not the one asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub worker_id: String,
    pub kind: SummaryKind,
    pub export_id: ExportId,
    pub period: Period,
    /// Why, in a sentence.
    pub reason: String,
}

/// Funnels summed by period and cycle length, earliest period first.
#[derive(Debug, Default)]
pub(super) struct FunnelsByPeriod {
    groups: BTreeMap<(NaiveDate, NaiveDate, u8), FunnelFigures>,
}

impl FunnelsByPeriod {
    /// Adds a funnel to the sum for its own period and cycle (a new one if none yet).
    pub fn add(&mut self, f: &FunnelFigures) -> Result<(), FunnelMismatch> {
        match self.groups.get_mut(&f.period_key()) {
            Some(sum) => sum.add(f),
            None => {
                self.groups.insert(f.period_key(), f.clone());
                Ok(())
            }
        }
    }

    /// The one period reported, when every funnel is for the same one.
    pub fn single_period(&self) -> Option<Period> {
        let mut periods = self.groups.keys().map(|(from, to, _)| (*from, *to));
        let first = periods.next()?;
        periods.all(|p| p == first).then_some(first)
    }

    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Every period reported, earliest first (once, whatever the cycles).
    pub fn periods(&self) -> Vec<Period> {
        let mut periods: Vec<Period> = self.groups.keys().map(|(f, t, _)| (*f, *t)).collect();
        periods.dedup();
        periods
    }

    /// One funnel table per period (and cycle), each titled with its own period. With one
    /// period the table's id is `funnel`; with several, `funnel_<from>_<to>` (and the cycle's
    /// weeks where two share a period), so each has its own sheet and JSON id.
    pub fn tables(&self) -> Vec<SummaryTable> {
        let many = self.groups.len() > 1;
        let shared_period = |from: &NaiveDate, to: &NaiveDate| {
            self.groups
                .keys()
                .filter(|(f, t, _)| f == from && t == to)
                .count()
                > 1
        };
        self.groups
            .iter()
            .map(|((from, to, weeks), f)| {
                let mut table = funnel_table(f);
                if many {
                    table.id = format!(
                        "funnel_{}_{}",
                        from.format("%Y-%m-%d"),
                        to.format("%Y-%m-%d")
                    );
                    if shared_period(from, to) {
                        table.id.push_str(&format!("_{weeks}wk"));
                        table
                            .title
                            .push_str(&format!(" ({weeks}-week review cycle)"));
                    }
                }
                table
            })
            .collect()
    }

    /// What the notes say about the funnels' periods.
    pub fn notes(&self) -> Vec<String> {
        if self.groups.len() < 2 {
            return vec![];
        }
        let periods: Vec<String> = self
            .groups
            .keys()
            .map(|(from, to, weeks)| format!("{} ({weeks}-week cycle)", period_text((*from, *to))))
            .collect();
        vec![format!(
            "The funnels delivered are for {} different periods or review cycles: {}. Each is in \
             its own table and none is added to another. To report one period, run the team \
             report with --from and --to.",
            periods.len(),
            periods.join("; ")
        )]
    }
}

/// The report's notes: deliveries left out and why, and how its periods are kept apart.
pub(super) fn notes_table(notes: &[String]) -> SummaryTable {
    SummaryTable {
        id: "notes".into(),
        title: "Notes".into(),
        columns: vec![SummaryColumn::new(
            "note",
            "Note",
            ColumnType::Text,
            "What the report left out and why, and how its periods are kept apart",
        )],
        rows: notes.iter().map(|n| vec![Cell::text(n.clone())]).collect(),
        row_definitions: vec![],
    }
}
