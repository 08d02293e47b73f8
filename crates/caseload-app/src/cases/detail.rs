//! Turning stored records into the views the UI and CLI show: one place, so the case view, the
//! list and the dashboard agree on names, dates and attendance figures.

use caseload_domain::due::{DueItem, next_cycle_item, next_due};
use caseload_domain::{CaseStatus, TeamId, TransitionKind};
use caseload_store::Store;
use caseload_store::cases::CaseRecord;
use caseload_store::events::{self, EventRecord};
use caseload_store::plans;
use caseload_store::readings::{self, Reading};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use super::figures::CaseloadFigures;
use crate::cases::{AttendanceView, CaseDetail, CaseEventView, CaseSummary, DueView, PupilView};
use crate::error::AppError;
use crate::settings::load;
use crate::support::today;

pub(crate) fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn date(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

pub(crate) fn pct(reading: &Reading) -> Option<f64> {
    reading.counts.attendance_pct().map(|t| t.as_f64())
}

pub(crate) fn attendance_view(r: &Reading) -> AttendanceView {
    AttendanceView {
        as_at: r.as_at.to_string(),
        possible: r.counts.possible,
        present: r.counts.present,
        authorised: r.counts.authorised_absence,
        unauthorised: r.counts.unauthorised_absence,
        attendance_pct: pct(r),
        persistent_absence: r.counts.persistent_absence(),
        severe_absence: r.counts.severe_absence(),
        band: r.counts.band().map(|b| b.label()),
    }
}

pub(crate) fn due_view(item: &DueItem, today: NaiveDate) -> DueView {
    DueView {
        kind: item.kind,
        due_on: item.due_on.to_string(),
        overdue: item.is_overdue(today),
        what: item.what.clone(),
    }
}

fn pupil_view(record: &CaseRecord) -> PupilView {
    let p = &record.pupil;
    PupilView {
        legal_name: p.legal_name.as_str().to_string(),
        preferred_name: p.preferred_name.as_ref().map(|n| n.as_str().to_string()),
        date_of_birth: p.date_of_birth.to_string(),
        upn: p.upn.to_string(),
        school_urn: p.school_urn.as_str().to_string(),
        school_name: p.school_name.as_str().to_string(),
        school_phase: p.school_phase,
        year_group: p.year_group.get(),
    }
}

fn event_view(e: EventRecord) -> CaseEventView {
    CaseEventView {
        kind: e.kind,
        on_date: e.on_date.to_string(),
        to_status: e.to_status,
        team: e.team.map(TeamId::from),
        worker: e.worker,
        note: e.note,
    }
}

/// The steps offered from `status`, most likely first: the step that completes the case's cycle
/// item (`cycle_item`: its midpoint check, then its review) leads, so it is the primary button.
pub(crate) fn allowed(status: CaseStatus, cycle_item: Option<&DueItem>) -> Vec<TransitionKind> {
    use TransitionKind as T;
    let mut steps: Vec<TransitionKind> = [
        T::Accept,
        T::Decline,
        T::Allocate,
        T::StartCycle,
        T::MidpointCheck,
        T::Review,
        T::Close,
        T::FamilyDeclined,
        T::Reopen,
    ]
    .into_iter()
    .filter(|k| status.after(*k).is_ok())
    .collect();
    // The step to take next leads: a cycle step that is due, else the status's usual next.
    if let Some(due) = cycle_item.and_then(DueItem::step).or(status.usual_next())
        && let Some(at) = steps.iter().position(|k| *k == due)
    {
        let step = steps.remove(at);
        steps.insert(0, step);
    }
    steps
}

pub(crate) fn case_detail(store: &Store, record: CaseRecord) -> Result<CaseDetail, AppError> {
    let r = store.read();
    let settings = load(store)?;
    let history = events::history(&r, &record.id)?;
    let attendance = readings::for_pupil(&r, &record.pupil_id)?;
    let today = today();
    let figures = CaseloadFigures::load_one(&r, &record.pupil_id, record.pupil.upn.as_str())?.of(
        &record.pupil_id,
        record.pupil.upn.as_str(),
        today,
    );
    let has_plan = plans::cases_with_plan(&r)?.contains(record.id.as_str());
    let alerts = if record.status.is_open() {
        // Only a pupil flagged as on a part-time timetable has a review date that counts.
        let review = caseload_store::families::part_time_reviews(&r)?
            .get(&record.pupil_id)
            .copied();
        let mut alerts = figures.alerts(has_plan, review, today);
        alerts.extend(crate::legal::case_alerts(&r, &record.id, today)?);
        alerts
    } else {
        Vec::new()
    };
    let marks = marks_view(&r, record.pupil.upn.as_str(), &figures)?;
    let cycle_item = next_cycle_item(
        record.status,
        record.cycle_start,
        record.midpoint_done_on,
        settings.cycle,
    );
    let allowed_transitions = allowed(record.status, cycle_item.as_ref());
    let next_due = if record.status.is_open() {
        let open_actions: Vec<(NaiveDate, String)> = plans::actions(&r, &record.id)?
            .into_iter()
            .filter(|a| a.status == caseload_domain::plan::ActionStatus::Open)
            .map(|a| (a.due_on, a.what))
            .collect();
        let reviews = plans::get(&r, &record.id)?.review_dates;
        next_due(cycle_item, &open_actions, &reviews, today).map(|item| due_view(&item, today))
    } else {
        None
    };
    Ok(CaseDetail {
        pupil: pupil_view(&record),
        id: record.id,
        status: record.status,
        referral_source: record.referral_source,
        referral_date: record.referral_date.to_string(),
        team: record.team.map(TeamId::from),
        worker: record.worker,
        cycle_start: date(record.cycle_start),
        midpoint_done_on: date(record.midpoint_done_on),
        next_due,
        closed_on: date(record.closed_on),
        closure_category_label: record.closed_on.map(|_| {
            record
                .closure_category
                .map_or(caseload_domain::closure::CLOSURE_NOT_RECORDED, |c| {
                    c.label()
                })
                .to_string()
        }),
        closure_reason: record.closure_reason,
        closure_category: record.closure_category,
        allowed_transitions,
        history: history.into_iter().map(event_view).collect(),
        attendance: attendance.iter().map(attendance_view).collect(),
        marks,
        alerts,
        created_at: time(record.created_at),
        updated_at: time(record.updated_at),
    })
}

fn marks_view(
    r: &caseload_store::Reader<'_>,
    upn: &str,
    figures: &super::figures::Figures,
) -> Result<Option<crate::cases::MarksView>, AppError> {
    let marks = caseload_store::imports::marks_of(r, upn)?;
    let (Some(first), Some(last)) = (marks.first(), marks.last()) else {
        return Ok(None);
    };
    // The current academic year to date; a pupil whose marks are all from an earlier year
    // shows no current figures, with the year before beside them (docs/domain.md §5.10).
    let empty = caseload_domain::attendance::summary::summarise(&[]);
    let m = figures.marks.unwrap_or(empty);
    Ok(Some(crate::cases::MarksView {
        academic_year: figures.year.label(),
        first_date: first.date.to_string(),
        last_date: last.date.to_string(),
        possible: m.counts.possible,
        present: m.counts.present,
        authorised: m.counts.authorised_absence,
        unauthorised: m.counts.unauthorised_absence,
        attendance_pct: m.attendance_pct.map(|t| t.as_f64()),
        band: m.band.map(|b| b.label()),
        persistent_absence: m.persistent_absence,
        severe_absence: m.severe_absence,
        fpn_threshold_met_on: m.fpn_threshold_met_on.map(|d| d.to_string()),
        illness_15_days_on: m.illness_15_days_on.map(|d| d.to_string()),
        previous_year: figures
            .marks_last_year
            .map(|p| crate::cases::MarksYearView {
                academic_year: figures.year.previous().label(),
                possible: p.counts.possible,
                attendance_pct: p.attendance_pct.map(|t| t.as_f64()),
                persistent_absence: p.persistent_absence,
                severe_absence: p.severe_absence,
            }),
        weeks: caseload_domain::attendance::weekly::weekly(&marks)
            .iter()
            .map(|w| crate::cases::MarksWeekView {
                week_start: w.week_start.to_string(),
                term: w.term.key(),
                term_label: w.term.label(),
                academic_year: w.academic_year.label(),
                possible: w.counts.possible,
                present: w.counts.present,
                attendance_pct: w.attendance_pct.as_f64(),
                cumulative_pct: w.cumulative_pct.as_f64(),
            })
            .collect(),
    }))
}

pub(crate) fn summary(record: CaseRecord) -> CaseSummary {
    let pupil = pupil_view(&record);
    CaseSummary {
        id: record.id,
        legal_name: pupil.legal_name,
        preferred_name: pupil.preferred_name,
        upn: pupil.upn,
        school_name: pupil.school_name,
        school_phase: pupil.school_phase,
        year_group: pupil.year_group,
        status: record.status,
        updated_at: time(record.updated_at),
    }
}
