//! Council reports from the worker's own caseload: the termly case funnel by phase (docs/domain.md
//! §9) and the open caseload by attendance band (§5.8).

use caseload_domain::funnel::{CaseHistory, Funnel, HistoryEvent, funnel, improved_share_label};
use caseload_domain::report::CaseloadBands;
use caseload_domain::report::ward::band_labels;
use caseload_domain::transition::parse_past_date;
use caseload_domain::{Field, FieldErrors};
use caseload_store::{Store, cases, events, readings};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cases::figures::CaseloadFigures;
use crate::context::Caseload;
use crate::error::AppError;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct FunnelRequest {
    /// ISO dates, inclusive.
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FunnelRowView {
    pub key: String,
    pub label: String,
    pub primary: u32,
    pub secondary: u32,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FunnelReport {
    pub from: String,
    pub to: String,
    pub rows: Vec<FunnelRowView>,
    /// "Closed with attendance improved" as a % of "closed after the cycle": primary,
    /// secondary, total (one decimal, `null` where nothing closed).
    pub improved_pct: Vec<Option<f64>>,
    /// The label of the improved-share row ("… closed after the 6-week cycle").
    pub improved_pct_label: String,
    /// The review cycle's length the figures were counted with (Settings).
    pub cycle_weeks: u8,
}

pub(crate) fn period(req: &FunnelRequest) -> Result<(NaiveDate, NaiveDate), AppError> {
    let far_future = NaiveDate::MAX;
    let mut errors = FieldErrors::default();
    let from = errors.check(
        Field::OnDate,
        parse_past_date(&req.from, far_future, "the period starts"),
    );
    let to = errors.check(
        Field::OnDate,
        parse_past_date(&req.to, far_future, "the period ends"),
    );
    match (from, to) {
        (Some(from), Some(to)) if from <= to => Ok((from, to)),
        (Some(_), Some(_)) => Err(AppError::validation(FieldErrors::single(
            Field::OnDate,
            "The period must end on or after its start",
        ))),
        _ => Err(AppError::validation(errors)),
    }
}

/// Every case with the dated history the funnel and the closure summary are computed from.
pub(crate) fn case_histories(
    store: &Store,
) -> Result<Vec<(cases::CaseRecord, CaseHistory)>, AppError> {
    let r = store.read();
    let all_readings = readings::all_by_pupil(&r)?;
    let mut all_events = events::all_by_case(&r)?;
    let mut histories = Vec::new();
    for case in cases::list(&r)? {
        let events = all_events
            .remove(case.id.as_str())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|e| {
                e.kind.map(|kind| HistoryEvent {
                    kind,
                    on_date: e.on_date,
                    team: e.team,
                })
            })
            .collect();
        let readings = all_readings
            .get(&case.pupil_id)
            .map(|rs| {
                rs.iter()
                    .filter_map(|r| r.counts.attendance_pct().map(|p| (r.as_at, p)))
                    .collect()
            })
            .unwrap_or_default();
        let history = CaseHistory {
            phase: case.pupil.school_phase,
            referral_date: case.referral_date,
            events,
            readings,
        };
        histories.push((case, history));
    }
    Ok(histories)
}

/// The funnel of every case for the period, with the review cycle in Settings.
pub(crate) fn funnel_of(store: &Store, from: NaiveDate, to: NaiveDate) -> Result<Funnel, AppError> {
    let histories: Vec<CaseHistory> = case_histories(store)?.into_iter().map(|(_, h)| h).collect();
    Ok(funnel(&histories, from, to, crate::settings::cycle(store)?))
}

/// The funnel for each group of the local model (none without a model), and the model's name.
pub(crate) fn funnel_by_model_group(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(String, Vec<(String, Funnel)>), AppError> {
    let model = crate::local_model::load(&store.read())?;
    let histories: Vec<CaseHistory> = case_histories(store)?.into_iter().map(|(_, h)| h).collect();
    let groups = caseload_domain::funnel::by_model_group(
        &histories,
        from,
        to,
        crate::settings::cycle(store)?,
        &model,
    );
    Ok((model.name, groups))
}

pub fn report_funnel(cx: &Caseload, req: FunnelRequest) -> Result<FunnelReport, AppError> {
    let (from, to) = period(&req)?;
    cx.with_store(|store| {
        let result = funnel_of(store, from, to)?;
        Ok(FunnelReport {
            from: from.to_string(),
            to: to.to_string(),
            rows: result
                .rows
                .iter()
                .map(|(key, c)| FunnelRowView {
                    key: serde_json::to_value(key)
                        .ok()
                        .and_then(|v| v.as_str().map(String::from))
                        .unwrap_or_default(),
                    label: key.label(result.cycle_weeks),
                    primary: c.primary,
                    secondary: c.secondary,
                    total: c.total,
                })
                .collect(),
            improved_pct: result
                .improved_share()
                .iter()
                .map(|s| s.map(|t| t.as_f64()))
                .collect(),
            improved_pct_label: improved_share_label(result.cycle_weeks),
            cycle_weeks: result.cycle_weeks,
        })
    })
}

/// One attendance band of the open caseload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BandCountView {
    /// "0-10", "11-20", … "91-100".
    pub band: String,
    pub cases: u32,
}

/// The open caseload by attendance band (docs/domain.md §5.8): each open case counted once, in
/// the band of its current attendance (the latest reading or import), lowest band first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseloadBandsReport {
    pub bands: Vec<BandCountView>,
    /// Open cases with no reading or imported figure yet.
    pub no_figure: u32,
    pub open_cases: u32,
}

pub fn report_caseload_bands(cx: &Caseload, _: ()) -> Result<CaseloadBandsReport, AppError> {
    cx.with_store(|store| {
        let r = store.read();
        let today = crate::support::today();
        let figures = CaseloadFigures::load(&r, caseload_store::imports::Pupils::OpenCases, today)?;
        let counted = CaseloadBands::count(
            cases::list_open(&r)?
                .iter()
                .map(|c| figures.of(&c.pupil_id, c.pupil.upn.as_str(), today).pct()),
        );
        Ok(CaseloadBandsReport {
            bands: band_labels()
                .into_iter()
                .zip(counted.counts)
                .map(|(band, cases)| BandCountView { band, cases })
                .collect(),
            no_figure: counted.no_figure,
            open_cases: counted.total(),
        })
    })
}
