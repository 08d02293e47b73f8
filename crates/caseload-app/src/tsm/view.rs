//! Reads a meeting back as the screen shows it: the meeting, its pupils and actions, the
//! actions carried into it, and the school's preparation pack from the latest attendance.

use std::collections::{HashMap, HashSet};

use caseload_domain::PupilId;
use caseload_domain::attendance::{Band, Trend};
use caseload_domain::link_school::LinkSchool;
use caseload_domain::tsm::{
    ActionDraft, DiscussionDraft, FinishProblem, ProblemAt, TsmId, finish_problems,
};
use caseload_store::cases::{self, CaseRecord};
use caseload_store::tsm_actions::{self, ActionRow, Review};
use caseload_store::tsms::{self, TsmRow};
use caseload_store::{Reader, StoreError, imports, link_schools, plans};
use chrono::NaiveDate;

use crate::cases::figures::CaseloadFigures;
use crate::error::AppError;
use crate::tsm::{
    CarriedActionView, DiscussionView, PrepPack, PrepPupil, ReviewView, TsmActionView, TsmSummary,
    TsmView,
};

pub(super) fn school(r: &Reader<'_>, urn: &str) -> Result<LinkSchool, AppError> {
    link_schools::list(r)?
        .into_iter()
        .find(|s| s.urn.as_str() == urn)
        .ok_or_else(|| AppError::NotFound {
            message: format!("School {urn} is not one of your link schools: link it first"),
            id: urn.to_string(),
        })
}

pub(super) fn review_view(r: Review) -> ReviewView {
    ReviewView {
        outcome: r.outcome,
        on: r.on.to_string(),
    }
}

pub(super) fn action_view(a: &ActionRow) -> TsmActionView {
    TsmActionView {
        id: a.id,
        what: a.fields.what.clone(),
        owner_agency: a.fields.owner_agency,
        owner_person: a.fields.owner_person.clone(),
        lead_practitioner: a.fields.lead_practitioner.clone(),
        due_on: a.fields.due_on.map(|d| d.to_string()).unwrap_or_default(),
        open: a.is_open(),
        latest: a.latest.map(review_view),
        reviewed: a.reviewed,
    }
}

pub(super) fn summary(
    r: &Reader<'_>,
    t: &TsmRow,
    school_name: &str,
) -> Result<TsmSummary, StoreError> {
    let pupils = tsms::discussions(r, &t.id)?.len() as u32;
    let actions = tsm_actions::of_meeting(r, &t.id)?;
    Ok(TsmSummary {
        id: t.id.clone(),
        school_urn: t.school_urn.clone(),
        school_name: school_name.to_string(),
        term: t.term.key(),
        term_label: t.term.label(),
        meeting_date: t.meeting_date.to_string(),
        status: t.status,
        pupils,
        actions: actions.len() as u32,
        open_actions: actions.iter().filter(|a| a.is_open()).count() as u32,
    })
}

/// The name a worker uses for the pupil.
pub(super) fn pupil_name(c: &CaseRecord) -> String {
    c.pupil
        .preferred_name
        .as_ref()
        .map(|p| format!("{} ({})", c.pupil.legal_name.as_str(), p.as_str()))
        .unwrap_or_else(|| c.pupil.legal_name.as_str().to_string())
}

/// The school's pupils from the latest attendance: those on the caseload (their open case if
/// they have one, else their latest) with every source of figures, then the school's other
/// pupils in the latest imported summary, known by UPN only.
fn prep_pack(
    r: &Reader<'_>,
    all: &[CaseRecord],
    urn: &str,
    discussed: &HashSet<String>,
) -> Result<PrepPack, AppError> {
    let today = crate::support::today();
    let year = caseload_domain::attendance::academic_year::AcademicYear::of(today);
    let mut by_pupil: HashMap<PupilId, &CaseRecord> = HashMap::new();
    for c in all.iter().filter(|c| c.pupil.school_urn.as_str() == urn) {
        let keep = match by_pupil.get(&c.pupil_id) {
            None => true,
            Some(old) => {
                (c.status.is_open(), c.referral_date) > (old.status.is_open(), old.referral_date)
            }
        };
        if keep {
            by_pupil.insert(c.pupil_id.clone(), c);
        }
    }
    let figures = CaseloadFigures::load(r, caseload_store::imports::Pupils::All, today)?;
    let local_model = crate::local_model::load(r)?;
    let with_plan = plans::cases_with_plan(r)?;
    let part_time = caseload_store::families::part_time_reviews(r)?;
    let mut pupils: Vec<PrepPupil> = by_pupil
        .into_values()
        .map(|c| {
            let f = figures.of(&c.pupil_id, c.pupil.upn.as_str(), today);
            let has_plan = with_plan.contains(c.id.as_str());
            let current = f.current.map(|x| x.counts);
            let severe = current.is_some_and(|x| x.severe_absence());
            PrepPupil {
                name: pupil_name(c),
                upn: c.pupil.upn.to_string(),
                year_group: Some(c.pupil.year_group.get()),
                as_at: f.current.map(|x| x.as_at.to_string()),
                attendance_pct: f.pct().map(|t| t.as_f64()),
                last_year_pct: f.last_year_pct().map(|t| t.as_f64()),
                model_groups: crate::dashboard::group_names(&local_model, f.pct()),
                band: f.pct().map(|t| Band::of(t).label()),
                trend: f.trend(),
                persistent_absence: current.is_some_and(|x| x.persistent_absence()),
                severe_absence: severe,
                has_plan,
                needs_plan: severe && !has_plan,
                discussed: discussed.contains(c.pupil.upn.as_str()),
                alerts: f.alerts(has_plan, part_time.get(&c.pupil_id).copied(), today),
                case_status: Some(c.status),
                case_id: Some(c.id.clone()),
            }
        })
        .collect();
    let on_caseload: HashSet<String> = pupils.iter().map(|p| p.upn.clone()).collect();
    for (s, previous) in imports::school_latest(r, urn)? {
        if on_caseload.contains(&s.upn) {
            continue;
        }
        // The school's latest import counts only if it is dated in this academic year; the
        // year before is shown beside it (docs/domain.md §5.10).
        let this = year.contains(s.as_at).then_some(&s);
        let last_year = [Some(&s), previous.as_ref()]
            .into_iter()
            .flatten()
            .find(|x| year.previous().contains(x.as_at));
        let pct = this.and_then(|x| x.counts.attendance_pct());
        let severe = this.is_some_and(|x| x.counts.severe_absence());
        pupils.push(PrepPupil {
            name: String::new(),
            year_group: s.year_group,
            as_at: this.map(|x| x.as_at.to_string()),
            attendance_pct: pct.map(|t| t.as_f64()),
            last_year_pct: last_year
                .and_then(|x| x.counts.attendance_pct())
                .map(|t| t.as_f64()),
            model_groups: crate::dashboard::group_names(&local_model, pct),
            band: pct.map(|t| Band::of(t).label()),
            trend: match (
                previous.as_ref().and_then(|p| p.counts.attendance_pct()),
                pct,
            ) {
                (Some(p), Some(c)) => Some(Trend::between(p, c)),
                _ => None,
            },
            persistent_absence: this.is_some_and(|x| x.counts.persistent_absence()),
            severe_absence: severe,
            // Not on the caseload, so no plan is known to Caseload.
            has_plan: false,
            needs_plan: severe,
            discussed: discussed.contains(&s.upn),
            alerts: Vec::new(),
            case_status: None,
            case_id: None,
            upn: s.upn,
        });
    }
    // Lowest attendance first: the pupils most in need of discussion lead the pack.
    pupils.sort_by(|a, b| {
        let key = |p: &PrepPupil| p.attendance_pct.unwrap_or(f64::INFINITY);
        key(a)
            .total_cmp(&key(b))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.upn.cmp(&b.upn))
    });
    let count = |f: fn(&PrepPupil) -> bool| pupils.iter().filter(|p| f(p)).count() as u32;
    // Each pupil's groups were worked out by the model above; count them in the model's order.
    let model_counts = local_model
        .groups
        .iter()
        .map(|g| count_in(&pupils, &g.name))
        .collect();
    Ok(PrepPack {
        local_model,
        model_counts,
        academic_year: year.label(),
        previous_academic_year: year.previous().label(),
        persistent_absence: count(|p| p.persistent_absence),
        severe_absence: count(|p| p.severe_absence),
        severe_without_plan: count(|p| p.needs_plan),
        pupils,
    })
}

fn count_in(pupils: &[PrepPupil], group: &str) -> u32 {
    pupils
        .iter()
        .filter(|p| p.model_groups.iter().any(|g| g == group))
        .count() as u32
}

fn draft(a: &ActionRow) -> ActionDraft {
    ActionDraft {
        id: a.id,
        what: a.fields.what.clone(),
        owner_agency: a.fields.owner_agency,
        owner_person: a.fields.owner_person.clone(),
        lead_practitioner: a.fields.lead_practitioner.clone(),
        due_on: a.fields.due_on,
    }
}

pub(super) fn tsm_view(r: &Reader<'_>, id: &TsmId, today: NaiveDate) -> Result<TsmView, AppError> {
    let t = tsms::get(r, id)?;
    let school = school(r, &t.school_urn)?;
    let attendees = tsms::attendees(r, id)?;
    let rows = tsms::discussions(r, id)?;
    let actions = tsm_actions::of_meeting(r, id)?;
    let all = cases::list(r)?;
    let statuses: HashMap<&str, _> = all.iter().map(|c| (c.id.as_str(), c.status)).collect();
    let mut drafts = Vec::new();
    let discussions: Vec<DiscussionView> = rows
        .iter()
        .map(|d| {
            let mine: Vec<&ActionRow> = actions
                .iter()
                .filter(|a| a.discussion == Some(d.id))
                .collect();
            drafts.push(DiscussionDraft {
                id: d.id,
                pupil_name: d.text.name.clone(),
                actions: mine.iter().map(|a| draft(a)).collect(),
            });
            DiscussionView {
                id: d.id,
                upn: d.upn.clone(),
                name: d.text.name.clone(),
                year_group: d.year_group,
                case_status: d
                    .case_id
                    .as_ref()
                    .and_then(|c| statuses.get(c.as_str()).copied()),
                case_id: d.case_id.clone(),
                attendance_pct: d.attendance.map(|t| t.as_f64()),
                band: d.attendance.map(|t| Band::of(t).label()),
                persistent_absence: d.persistent,
                severe_absence: d.severe,
                barriers: d.text.barriers.clone(),
                has_plan: d.text.has_plan,
                notes: d.text.notes.clone(),
                in_chronology: d.chronology_id.is_some(),
                actions: mine.into_iter().map(action_view).collect(),
            }
        })
        .collect();
    let general: Vec<&ActionRow> = actions.iter().filter(|a| a.discussion.is_none()).collect();
    let general_drafts: Vec<ActionDraft> = general.iter().map(|a| draft(a)).collect();
    let carried = carried(r, &t)?;
    let mut problems = finish_problems(&attendees, &drafts, &general_drafts);
    if t.meeting_date > today {
        problems.insert(0, FinishProblem {
            place: ProblemAt::Meeting,
            message: "The meeting date is in the future: a meeting can be finished on or after its date".into(),
        });
    }
    for c in carried.iter().filter(|c| c.review_here.is_none()) {
        problems.push(FinishProblem {
            place: ProblemAt::Action(c.action.id),
            message: format!(
                "Mark the carried-forward action \"{}\" as done, not done or carried",
                c.action.what
            ),
        });
    }
    let discussed: HashSet<String> = rows.iter().filter_map(|d| d.upn.clone()).collect();
    let previous = tsms::list(r)?
        .into_iter()
        .filter(|p| p.school_urn == t.school_urn && p.meeting_date < t.meeting_date)
        .max_by_key(|p| p.meeting_date);
    Ok(TsmView {
        id: t.id.clone(),
        school_urn: t.school_urn.clone(),
        school_name: school.name.as_str().to_string(),
        school_phase: school.phase,
        term: t.term.key(),
        term_label: t.term.label(),
        meeting_date: t.meeting_date.to_string(),
        status: t.status,
        attendees,
        discussions,
        general_actions: general.into_iter().map(action_view).collect(),
        carried,
        prep: prep_pack(r, &all, &t.school_urn, &discussed)?,
        problems: if t.status == caseload_domain::tsm::TsmStatus::Finished {
            Vec::new()
        } else {
            problems
        },
        previous_meeting: previous
            .map(|p| summary(r, &p, school.name.as_str()))
            .transpose()?,
    })
}

/// The actions carried into meeting `t`, with the pupil each was for and its review here.
pub(super) fn carried(r: &Reader<'_>, t: &TsmRow) -> Result<Vec<CarriedActionView>, AppError> {
    let rows = tsm_actions::carried_into(r, &t.school_urn, t.meeting_date, &t.id)?;
    let mut meetings: HashMap<String, TsmRow> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for a in rows {
        if !meetings.contains_key(a.tsm_id.as_str()) {
            meetings.insert(a.tsm_id.0.clone(), tsms::get(r, &a.tsm_id)?);
        }
        let from = &meetings[a.tsm_id.as_str()];
        let pupil = match a.discussion {
            Some(d) => tsms::get_discussion(r, d)?.text.name,
            None => String::new(),
        };
        out.push(CarriedActionView {
            review_here: tsm_actions::review_at(r, a.id, &t.id)?.map(review_view),
            action: action_view(&a),
            from_meeting: from.id.clone(),
            from_meeting_date: from.meeting_date.to_string(),
            pupil,
        });
    }
    Ok(out)
}
