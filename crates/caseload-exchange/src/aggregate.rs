//! The team report: every worker's delivered summaries on the shared drive, added up. Only files
//! a delivery manifest lists with a matching SHA-256 are trusted (see [`crate::share::trusted_files`]);
//! anything else is reported and left out. Each worker's latest funnel and latest ward figures
//! count once; ward figures from the very same attendance files are the same pupils and are not
//! added twice. Funnels are added only within one period ([`periods`]): each period has its own
//! table, and with a period asked for, only funnels for exactly that period are added and every
//! other is named.

mod periods;

use std::path::{Path, PathBuf};

use caseload_domain::ExportId;
use caseload_domain::report::WardFigures;
use chrono::NaiveDate;

use crate::share::{DeliveryError, ShareFs, trusted_files};
use crate::summary::{
    Cell, ColumnType, Figures, Summary, SummaryColumn, SummaryHeader, SummaryKind, SummaryTable,
    read_json, suppress, ward_tables,
};

use periods::{FunnelsByPeriod, notes_table};
pub use periods::{LeftOut, Period, period_text};

/// One delivery counted in the team report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Included {
    pub worker_id: String,
    pub kind: SummaryKind,
    pub export_id: ExportId,
    pub created_at: String,
    /// False for ward figures left out because another worker sent the same files' figures.
    pub added: bool,
    /// The period the figures count, where the kind has one (the funnel).
    pub period: Option<Period>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TeamReport {
    pub summary: Summary,
    pub included: Vec<Included>,
    /// Files left out, each with why (hash mismatch, unreadable manifest or summary).
    pub rejected: Vec<(PathBuf, String)>,
    /// Trusted deliveries not added because their period is not the one asked for.
    pub left_out: Vec<LeftOut>,
    /// The funnel periods reported, each in its own table, earliest first.
    pub funnel_periods: Vec<Period>,
}

struct Candidate {
    worker_id: String,
    team: String,
    export_id: ExportId,
    created_at: String,
    summary: Summary,
}

fn funnel_period(summary: &Summary) -> Option<Period> {
    match &summary.figures {
        Some(Figures::Funnel(f)) => Some((f.from, f.to)),
        _ => None,
    }
}

/// Reads every trusted delivery under `root` and adds them up. Counts from 1 to
/// `suppress_below - 1` are hidden, with secondary suppression (see [`suppress`]); 0 or 1 turns
/// suppression off (the CLI asks for an explicit `--no-suppression` for that). With `only`,
/// funnels for any other period are left out and named (in `left_out` and the report's notes);
/// without it, each period's funnels are added up in a table of their own.
pub fn aggregate(
    fs: &dyn ShareFs,
    root: &Path,
    produced_on: NaiveDate,
    app_version: &str,
    suppress_below: u64,
    only: Option<Period>,
) -> Result<TeamReport, DeliveryError> {
    let trust = trusted_files(fs, root)?;
    let mut rejected: Vec<(PathBuf, String)> = trust
        .rejected
        .into_iter()
        .map(|r| (r.path, r.reason))
        .collect();
    let mut candidates: Vec<Candidate> = Vec::new();
    for file in trust.trusted.into_iter().filter(|f| f.format == "json") {
        match read_json(&file.bytes) {
            Ok(summary) if summary.figures.is_some() => candidates.push(Candidate {
                worker_id: file.manifest.worker_id.clone(),
                team: file.manifest.team.clone(),
                export_id: file.manifest.export_id.clone(),
                created_at: file.manifest.created_at.clone(),
                summary,
            }),
            Ok(_) => {}
            Err(e) => rejected.push((file.folder.join(&file.name), format!("{e} — left out"))),
        }
    }
    candidates.sort_by(|a, b| b.created_at.cmp(&a.created_at));
    // With a period asked for, a funnel for any other period is named and left out (once for
    // each worker and period), before each worker's latest is chosen.
    let mut left_out: Vec<LeftOut> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    if let Some(wanted) = only {
        candidates.retain(|c| match funnel_period(&c.summary) {
            Some(period) if period != wanted => {
                if !left_out
                    .iter()
                    .any(|l| l.worker_id == c.worker_id && l.period == period)
                {
                    left_out.push(LeftOut {
                        worker_id: c.worker_id.clone(),
                        kind: c.summary.header.kind,
                        export_id: c.export_id.clone(),
                        period,
                        reason: format!(
                            "its period is not the one asked for ({})",
                            period_text(wanted)
                        ),
                    });
                }
                false
            }
            _ => true,
        });
        left_out.sort_by(|a, b| (&a.worker_id, a.period).cmp(&(&b.worker_id, b.period)));
    }
    // Each worker's latest delivery of each kind.
    let mut latest: Vec<Candidate> = Vec::new();
    for c in candidates {
        if !latest
            .iter()
            .any(|l| l.worker_id == c.worker_id && l.summary.header.kind == c.summary.header.kind)
        {
            latest.push(c);
        }
    }
    latest.sort_by(|a, b| {
        (&a.worker_id, a.summary.header.kind.as_str())
            .cmp(&(&b.worker_id, b.summary.header.kind.as_str()))
    });

    let mut funnels = FunnelsByPeriod::default();
    let mut wards: Option<WardFigures> = None;
    let mut included = Vec::new();
    let mut teams: Vec<String> = Vec::new();
    for c in &latest {
        let added = match &c.summary.figures {
            Some(Figures::Funnel(f)) => match funnels.add(f) {
                Ok(()) => true,
                Err(mismatch) => {
                    notes.push(format!(
                        "{}'s funnel was not added: {mismatch}",
                        c.worker_id
                    ));
                    false
                }
            },
            Some(Figures::Wards(w)) => match &mut wards {
                Some(total) => total.add(w),
                None => {
                    wards = Some(w.clone());
                    true
                }
            },
            None => false,
        };
        if !c.team.is_empty() && !teams.contains(&c.team) {
            teams.push(c.team.clone());
        }
        included.push(Included {
            worker_id: c.worker_id.clone(),
            kind: c.summary.header.kind,
            export_id: c.export_id.clone(),
            created_at: c.created_at.clone(),
            added,
            period: funnel_period(&c.summary),
        });
    }
    for l in &left_out {
        notes.push(format!(
            "Left out: {}'s {} for {} (export {}): {}.",
            l.worker_id,
            l.kind.as_str(),
            period_text(l.period),
            l.export_id,
            l.reason
        ));
    }
    if let Some(wanted) = only {
        if funnels.len() == 0 {
            notes.push(format!(
                "No funnel delivered is for {}: the report has no funnel.",
                period_text(wanted)
            ));
        }
        if wards.is_some() {
            notes.push(
                "The ward tables are as at the attendance files each worker imported, not for a \
                 period, so --from and --to do not choose them."
                    .into(),
            );
        }
    }
    notes.extend(funnels.notes());
    let mut tables = funnels.tables();
    if let Some(w) = &wards {
        tables.extend(ward_tables(w));
    }
    if suppress_below > 1 {
        suppress::suppress_team_tables(&mut tables, suppress_below);
        for table in &mut tables {
            table.title = format!(
                "{} (counts under {suppress_below} shown as {}, and others hidden with them so \
                 no total gives one back)",
                table.title,
                suppress::SUPPRESSED
            );
        }
    }
    if !notes.is_empty() {
        tables.push(notes_table(&notes));
    }
    tables.push(sources_table(&included));
    let single = funnels.single_period();
    let summary = Summary {
        header: SummaryHeader {
            kind: SummaryKind::Team,
            export_id: ExportId(String::new()),
            title: "Team report".into(),
            produced_on,
            worker_id: format!("{} workers", count_workers(&included)),
            team: teams.join(", "),
            // The header's period only where the report has one; several are in the tables.
            from: single.map(|(from, _)| from),
            to: single.map(|(_, to)| to),
            identifiable_reason: None,
            app_version: app_version.to_string(),
        },
        tables,
        figures: None,
    };
    Ok(TeamReport {
        summary,
        included,
        rejected,
        left_out,
        funnel_periods: funnels.periods(),
    })
}

fn count_workers(included: &[Included]) -> usize {
    let mut ids: Vec<&str> = included.iter().map(|i| i.worker_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len()
}

fn sources_table(included: &[Included]) -> SummaryTable {
    let col = |k: &str, h: &str, d: &str| SummaryColumn::new(k, h, ColumnType::Text, d);
    SummaryTable {
        id: "sources".into(),
        title: "Deliveries counted".into(),
        columns: vec![
            col(
                "worker_id",
                "Worker",
                "The worker who delivered the summary",
            ),
            col("kind", "Summary", "funnel or ward-bands"),
            col(
                "period",
                "Period",
                "The period the delivery's funnel counts (from to to, both days included); \
                 blank for ward figures, which are as at the attendance files",
            ),
            col(
                "export_id",
                "Export id",
                "The delivery's export id, as in its manifest",
            ),
            col(
                "created_at",
                "Created",
                "When the worker made the export (UTC)",
            ),
            col(
                "counted",
                "Counted",
                "yes, or no where the same attendance files' figures were already counted from another worker",
            ),
        ],
        rows: included
            .iter()
            .map(|i| {
                vec![
                    Cell::text(i.worker_id.clone()),
                    Cell::text(i.kind.as_str()),
                    i.period.map_or(Cell::Empty, |p| Cell::text(period_text(p))),
                    Cell::text(i.export_id.clone()),
                    Cell::text(i.created_at.clone()),
                    Cell::text(if i.added { "yes" } else { "no" }),
                ]
            })
            .collect(),
        row_definitions: vec![],
    }
}
