//! Builds each summary the worker can export from the caseload, pseudonymised unless the worker
//! asked for an identifiable export: the funnel (§9), ward bands (§9), case closures and the TSM
//! action log. Counts only leave as counts; pupil-level rows carry a pseudonym, and free text
//! is scrubbed of every name the caseload holds.

use caseload_domain::ExportId;
use caseload_domain::attendance::academic_year::AcademicYear;
use caseload_domain::case::TransitionKind;
use caseload_domain::closure::CLOSURE_NOT_RECORDED;
use caseload_domain::disclosure::DisclosureReason;
use caseload_domain::report::ward_groups::ward_model_counts;
use caseload_domain::report::{FunnelFigures, WardPupil, ward_figures};
use caseload_exchange::scrub::scrub_identifiers;
use caseload_exchange::summary::{
    Cell, ColumnType, Figures, Summary, SummaryColumn, SummaryHeader, SummaryKind, SummaryTable,
    funnel_by_model_group_table, funnel_table, ward_model_groups_table, ward_tables,
};
use caseload_store::Store;
use caseload_store::report_sources::{latest_summaries_between, latest_summary_date};
use chrono::NaiveDate;

use super::privacy::{Pseudonymiser, Scrubber};
use super::tsm_actions::tsm_actions_table;
use crate::error::AppError;
use crate::reports::{case_histories, funnel_by_model_group, funnel_of};

/// What the worker asked for, validated.
pub(crate) struct Spec {
    pub kind: SummaryKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub free_text: FreeText,
    pub identifiable: Option<DisclosureReason>,
    /// `identifiable`, described for the summary's header and the outbox.
    pub identifiable_reason: Option<String>,
}

/// What happens to free text (closure notes, TSM actions and their owners).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FreeText {
    /// The default: the columns are not in the export at all.
    LeftOut,
    /// Asked for, after a preview: names and identifiers (UPNs, dates, phone numbers,
    /// postcodes, e-mails, house numbers) removed.
    Scrubbed,
    /// An identifiable export: as typed.
    AsTyped,
}

/// The keys of the columns that hold free text, present only when free text is asked for.
pub(crate) const FREE_TEXT_KEYS: [&str; 4] = [
    "closure_note",
    "action",
    "owner_person",
    "lead_practitioner",
];

pub(crate) struct Context<'a> {
    pub export_id: &'a ExportId,
    pub produced_on: NaiveDate,
    pub worker_id: &'a str,
    pub team: &'a str,
    pub scrubber: &'a Scrubber,
    pub free_text: FreeText,
}

impl Context<'_> {
    /// Free text as it may leave, or `None` when it is left out.
    pub(super) fn free(&self, text: &str) -> Option<String> {
        match self.free_text {
            FreeText::LeftOut => None,
            FreeText::Scrubbed => Some(scrub_identifiers(&self.scrubber.scrub(text)).text),
            FreeText::AsTyped => Some(text.to_string()),
        }
    }
}

pub(crate) fn kind_label(kind: SummaryKind) -> &'static str {
    kind.title()
}

pub(super) fn col(key: &str, header: &str, kind: ColumnType, definition: &str) -> SummaryColumn {
    SummaryColumn::new(key, header, kind, definition)
}

pub(crate) fn build(store: &mut Store, spec: &Spec, cx: &Context<'_>) -> Result<Summary, AppError> {
    let (tables, figures) = match spec.kind {
        SummaryKind::Funnel => {
            let funnel = funnel_of(store, spec.from, spec.to)?;
            let figures = FunnelFigures::from_funnel(&funnel, spec.from, spec.to);
            let mut tables = vec![funnel_table(&figures)];
            // The local model's groups, when the council has one (docs/domain.md §5.11).
            let (model, groups) = funnel_by_model_group(store, spec.from, spec.to)?;
            tables.extend(funnel_by_model_group_table(
                &model,
                &groups,
                funnel.cycle_weeks,
                spec.from,
                spec.to,
            ));
            (tables, Some(Figures::Funnel(figures)))
        }
        SummaryKind::WardBands => {
            let (figures, this_year) = wards(store)?;
            let mut tables = ward_tables(&figures);
            // The local model's groups by ward, when the council has one (docs/domain.md §5.11).
            let model = crate::local_model::load(&store.read())?;
            let names: Vec<String> = model.groups.iter().map(|g| g.name.clone()).collect();
            tables.extend(ward_model_groups_table(
                &model.name,
                &names,
                &ward_model_counts(&this_year, &model),
            ));
            (tables, Some(Figures::Wards(figures)))
        }
        SummaryKind::Closures => (vec![closures(store, spec, cx)?], None),
        SummaryKind::TsmActions => (vec![tsm_actions_table(store, spec, cx)?], None),
        SummaryKind::Team => {
            return Err(AppError::Conflict {
                message: "A team report is made by `caseload aggregate`, not exported".into(),
            });
        }
    };
    let period = !matches!(spec.kind, SummaryKind::WardBands);
    Ok(Summary {
        header: SummaryHeader {
            kind: spec.kind,
            export_id: cx.export_id.clone(),
            title: kind_label(spec.kind).to_string(),
            produced_on: cx.produced_on,
            worker_id: cx.worker_id.to_string(),
            team: cx.team.to_string(),
            from: period.then_some(spec.from),
            to: period.then_some(spec.to),
            identifiable_reason: spec.identifiable_reason.clone(),
            app_version: env!("CARGO_PKG_VERSION").to_string(),
        },
        tables,
        figures,
    })
}

/// This year: each pupil's latest imported summary in the academic year of the latest one.
/// Last year: each pupil's latest summary from the previous academic year up to the same point.
fn wards(
    store: &Store,
) -> Result<(caseload_domain::report::WardFigures, Vec<WardPupil>), AppError> {
    let r = store.read();
    let Some(latest) = latest_summary_date(&r)? else {
        return Ok((ward_figures(&[], &[], None, None, vec![]), Vec::new()));
    };
    let year = AcademicYear::of(latest);
    let same_point = AcademicYear::same_point_last_year(latest);
    let this = latest_summaries_between(&r, year.start(), latest)?;
    let last = latest_summaries_between(&r, year.previous().start(), same_point)?;
    let mut sources: Vec<String> = this.iter().chain(&last).map(|s| s.source.clone()).collect();
    sources.sort();
    sources.dedup();
    let last_as_at = last.iter().map(|s| s.as_at).max();
    let pupils = |rows: &[caseload_store::report_sources::WardSummary]| -> Vec<WardPupil> {
        rows.iter()
            .map(|s| WardPupil {
                ward: s.ward.clone(),
                phase: s.phase,
                counts: s.counts,
            })
            .collect()
    };
    let this_year = pupils(&this);
    Ok((
        ward_figures(
            &this_year,
            &pupils(&last),
            Some(latest),
            last_as_at,
            sources,
        ),
        this_year,
    ))
}

pub(super) fn pupil_columns(identifiable: bool) -> Vec<SummaryColumn> {
    let mut columns = vec![col(
        "pupil",
        "Pupil",
        ColumnType::Text,
        "A pseudonymous identifier: the same pupil has the same identifier in every export from \
         this caseload, and it cannot be turned back into the pupil's UPN",
    )];
    if identifiable {
        columns[0] = col("pupil", "Pupil", ColumnType::Text, "The pupil's legal name");
        columns.push(col(
            "upn",
            "UPN",
            ColumnType::Text,
            "The pupil's unique pupil number",
        ));
    }
    columns
}

fn closures(store: &mut Store, spec: &Spec, cx: &Context<'_>) -> Result<SummaryTable, AppError> {
    let identifiable = spec.identifiable.is_some();
    let with_text = cx.free_text != FreeText::LeftOut;
    let pseudonyms = Pseudonymiser::load_or_create(store)?;
    let mut columns = pupil_columns(identifiable);
    columns.extend([
        col("school_phase", "School phase", ColumnType::Text, "Primary, secondary, special or alternative provision; blank if not recorded"),
        col("year_group", "Year group", ColumnType::Count, "National curriculum year (0 is Reception)"),
        col("team", "Team", ColumnType::Text, "The team the case was allocated to"),
        col("referral_date", "Referred", ColumnType::Date, "The date of referral"),
        col("closed_on", "Closed", ColumnType::Date, "The date the case was closed"),
        col("weeks_open", "Weeks open", ColumnType::Count, "Whole weeks from referral to closure"),
        col("closure_reason", "Reason for closure", ColumnType::Text, "The category the worker chose when closing the case; Not recorded for cases closed before categories"),
        col("attendance_at_referral", "Attendance at referral %", ColumnType::Percent, "The latest reading on or before the referral date, else the first after it"),
        col("attendance_at_closure", "Attendance at closure %", ColumnType::Percent, "The latest reading on or before the closure date"),
        col("improved", "Improved", ColumnType::Text, "yes if attendance at closure is higher than at referral, no if not, blank if either is unknown"),
    ]);
    if with_text {
        columns.push(col(
            "closure_note",
            "Closure note",
            ColumnType::Text,
            if identifiable {
                "The reason as the worker typed it"
            } else {
                "The reason as the worker typed it, with names, UPNs, dates, phone numbers, postcodes, e-mail addresses and house numbers removed"
            },
        ));
    }
    let mut rows = Vec::new();
    for (case, history) in case_histories(store)? {
        let Some(closed_on) = history
            .events
            .iter()
            .filter(|e| e.kind == TransitionKind::Close)
            .map(|e| e.on_date)
            .rfind(|d| *d >= spec.from && *d <= spec.to)
        else {
            continue;
        };
        let at_referral = history.attendance_at_referral();
        let at_closure = history.attendance_on(closed_on);
        let mut row = if identifiable {
            vec![
                Cell::text(case.pupil.legal_name.as_str()),
                Cell::text(case.pupil.upn.as_str()),
            ]
        } else {
            vec![Cell::text(pseudonyms.id(case.pupil.upn.as_str()))]
        };
        let reason = case.closure_reason.clone().unwrap_or_default();
        let category = case
            .closure_category
            .map_or(CLOSURE_NOT_RECORDED, |c| c.label());
        row.extend([
            case.pupil
                .school_phase
                .map_or(Cell::Empty, |p| Cell::text(p.as_str().replace('_', " "))),
            Cell::Count(u64::from(case.pupil.year_group.get())),
            case.team.clone().map_or(Cell::Empty, Cell::Text),
            Cell::Date(case.referral_date),
            Cell::Date(closed_on),
            Cell::Count(((closed_on - case.referral_date).num_days().max(0) / 7) as u64),
            Cell::text(category),
            Cell::percent(at_referral),
            Cell::percent(at_closure),
            match (at_referral, at_closure) {
                (Some(a), Some(b)) => Cell::text(if b > a { "yes" } else { "no" }),
                _ => Cell::Empty,
            },
        ]);
        row.extend(cx.free(&reason).map(Cell::Text));
        rows.push(row);
    }
    Ok(SummaryTable {
        id: "closures".into(),
        title: "Cases closed in the period".into(),
        columns,
        rows,
        row_definitions: vec![],
    })
}
