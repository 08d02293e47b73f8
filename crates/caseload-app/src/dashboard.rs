//! The dashboard a worker sees at login: every open case with its current attendance, trend,
//! absence flags and next due item, and what is due by the end of this week.

use caseload_domain::attendance::Trend;
use caseload_domain::due::{next_cycle_item, next_due};
use caseload_domain::{CaseId, CaseStatus, SchoolPhase, TeamId};
use caseload_store::imports::Pupils;
use caseload_store::{cases, plans};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cases::DueView;
use crate::cases::detail::due_view;
use crate::cases::figures::CaseloadFigures;
use crate::context::Caseload;
use crate::error::AppError;
use crate::settings::load;
use crate::support::today;
use caseload_domain::attendance::academic_year::AcademicYear;

/// One open case on the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DashboardRow {
    pub id: CaseId,
    pub legal_name: String,
    pub preferred_name: Option<String>,
    pub upn: String,
    pub school_name: String,
    pub school_phase: Option<SchoolPhase>,
    pub year_group: u8,
    pub status: CaseStatus,
    pub team: Option<TeamId>,
    pub worker: Option<String>,
    /// The current academic year to date; `null` when no figure is dated in it.
    pub attendance_pct: Option<f64>,
    /// The latest figure of the academic year before, shown beside the current one.
    pub last_year_pct: Option<f64>,
    /// The local model's groups whose range holds the current figure (docs/domain.md §5.11).
    pub model_groups: Vec<String>,
    /// Against the previous reading; `null` with fewer than two readings.
    pub trend: Option<Trend>,
    pub persistent_absence: bool,
    pub severe_absence: bool,
    pub next_due: Option<DueView>,
    /// What the rules engine raises for this pupil, most serious first.
    pub alerts: Vec<caseload_domain::rules::Alert>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Dashboard {
    /// The worker's date (Europe/London) the dashboard was worked out for.
    pub today: String,
    /// The academic year the figures are for, "2026/27" (1 September to 31 August).
    pub academic_year: String,
    /// The year before it, "2025/26", whose figures show beside the current ones.
    pub previous_academic_year: String,
    /// The council's local model: its groups name the dashboard's model column and filter.
    pub local_model: crate::local_model::LocalModel,
    pub rows: Vec<DashboardRow>,
    /// Ids of rows whose next item is due by Sunday (overdue included), soonest first.
    pub due_this_week: Vec<CaseId>,
    /// Open actions from Targeting Support Meetings due by Sunday (overdue included).
    pub tsm_actions_due: Vec<crate::tsm::TsmDueAction>,
}

/// The names of the model's groups whose range holds `pct`.
pub(crate) fn group_names(
    model: &crate::local_model::LocalModel,
    pct: Option<caseload_domain::attendance::Tenths>,
) -> Vec<String> {
    model
        .groups_for(pct)
        .into_iter()
        .map(|g| g.name.clone())
        .collect()
}

pub fn dashboard(cx: &Caseload, _: ()) -> Result<Dashboard, AppError> {
    let today = today();
    cx.with_store(|store| {
        let r = store.read();
        let cycle = load(store)?.cycle;
        let open = cases::list_open(&r)?;
        let figures = CaseloadFigures::load(&r, Pupils::OpenCases, today)?;
        let local_model = crate::local_model::load(&r)?;
        let with_plan = plans::cases_with_plan(&r)?;
        let part_time = caseload_store::families::part_time_reviews(&r)?;
        let on_ladder = caseload_store::legal::cases_with_steps(&r)?;
        let due_sources = plans::due_sources(&r)?;
        let no_sources = plans::DueSources::default();
        let mut due = Vec::new();
        let mut rows = Vec::with_capacity(open.len());
        for c in open {
            let f = figures.of(&c.pupil_id, c.pupil.upn.as_str(), today);
            let mut alerts = f.alerts(
                with_plan.contains(c.id.as_str()),
                part_time.get(&c.pupil_id).copied(),
                today,
            );
            if on_ladder.contains(c.id.as_str()) {
                alerts.extend(crate::legal::case_alerts(&r, &c.id, today)?);
            }
            let current = f.current.map(|x| x.counts);
            let sources = due_sources.get(c.id.as_str()).unwrap_or(&no_sources);
            let cycle_item = next_cycle_item(c.status, c.cycle_start, c.midpoint_done_on, cycle);
            let item = next_due(
                cycle_item,
                &sources.open_actions,
                &sources.review_dates,
                today,
            );
            if let Some(item) = item.as_ref().filter(|i| i.is_due_this_week(today)) {
                due.push((item.due_on, c.id.clone()));
            }
            let p = &c.pupil;
            rows.push(DashboardRow {
                legal_name: p.legal_name.as_str().to_string(),
                preferred_name: p.preferred_name.as_ref().map(|n| n.as_str().to_string()),
                upn: p.upn.to_string(),
                school_name: p.school_name.as_str().to_string(),
                school_phase: p.school_phase,
                year_group: p.year_group.get(),
                status: c.status,
                team: c.team.clone().map(TeamId::from),
                worker: c.worker.clone(),
                attendance_pct: f.pct().map(|t| t.as_f64()),
                last_year_pct: f.last_year_pct().map(|t| t.as_f64()),
                model_groups: group_names(&local_model, f.pct()),
                trend: f.trend(),
                persistent_absence: current.is_some_and(|c| c.persistent_absence()),
                severe_absence: current.is_some_and(|c| c.severe_absence()),
                alerts,
                next_due: item.map(|i| due_view(&i, today)),
                id: c.id,
            });
        }
        due.sort();
        let tsm_actions_due = crate::tsm::due_actions(&r, today)?;
        Ok(Dashboard {
            tsm_actions_due,
            today: today.to_string(),
            academic_year: AcademicYear::of(today).label(),
            previous_academic_year: AcademicYear::of(today).previous().label(),
            local_model,
            rows,
            due_this_week: due.into_iter().map(|(_, id)| id).collect(),
        })
    })
}
