//! The dashboard a worker sees at login: every open case with its current attendance, trend,
//! absence flags and next due item, and what is due by the end of this week.

use caseload_domain::due::{next_cycle_item, next_due};
use caseload_store::{cases, plans};

use super::detail::due_view;
use super::figures::CaseloadFigures;
use super::settings::load;
use super::today;
use crate::context::Caseload;
use crate::error::AppError;
use crate::types::{Dashboard, DashboardRow};

pub fn dashboard(cx: &Caseload, _: ()) -> Result<Dashboard, AppError> {
    let today = today();
    cx.with_store(|store| {
        let r = store.read();
        let cycle = load(store)?.cycle;
        let open = cases::list_open(&r)?;
        let figures = CaseloadFigures::load(&r)?;
        let with_plan = plans::cases_with_plan(&r)?;
        let part_time = caseload_store::families::part_time_reviews(&r)?;
        let on_ladder = caseload_store::legal::cases_with_steps(&r)?;
        let due_sources = plans::due_sources(&r)?;
        let no_sources = plans::DueSources::default();
        let mut due = Vec::new();
        let mut rows = Vec::with_capacity(open.len());
        for c in open {
            let f = figures.of(&c.pupil_id, c.pupil.upn.as_str());
            let mut alerts = f.alerts(
                with_plan.contains(c.id.as_str()),
                part_time.get(&c.pupil_id).copied(),
                today,
            );
            if on_ladder.contains(c.id.as_str()) {
                alerts.extend(super::legal::case_alerts(&r, &c.id, today)?);
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
                team: c.team.clone(),
                worker: c.worker.clone(),
                attendance_pct: f.pct().map(|t| t.as_f64()),
                trend: f.trend(),
                persistent_absence: current.is_some_and(|c| c.persistent_absence()),
                severe_absence: current.is_some_and(|c| c.severe_absence()),
                alerts,
                next_due: item.map(|i| due_view(&i, today)),
                id: c.id,
            });
        }
        due.sort();
        let tsm_actions_due = super::tsm_due_actions(&r, today)?;
        Ok(Dashboard {
            tsm_actions_due,
            today: today.to_string(),
            rows,
            due_this_week: due.into_iter().map(|(_, id)| id).collect(),
        })
    })
}
