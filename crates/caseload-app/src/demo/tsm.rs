//! The demo caseload's link schools and Targeting Support Meetings: a finished meeting last
//! term with each school (actions agreed, some since done, some still open), one held and one
//! planned this term, so the coverage view, carried actions and the due list all have
//! something to show. Synthetic only: Ofcom drama phone numbers and example.org addresses.

use std::collections::HashMap;

use caseload_domain::chronology::{ContactKind, Entry};
use caseload_domain::link_school::{ContactDraft, LinkSchoolDraft};
use caseload_domain::plan::Barrier;
use caseload_domain::tsm::record::RecordSnapshot;
use caseload_domain::tsm::{Attendee, OwnerAgency, ReviewOutcome, Term};
use caseload_store::cases::CaseRecord;
use caseload_store::tsm_actions::{self, ActionFields, Review};
use caseload_store::tsms::{self, DiscussionText, NewDiscussion};
use caseload_store::{StoreError, Writer, cases, chronology, link_schools, readings};
use chrono::{DateTime, Duration, NaiveDate, Utc};

const AGENCIES: &[(OwnerAgency, &str, &str)] = &[
    (
        OwnerAgency::School,
        "Demo Head of Year",
        "Demo: daily meet-and-greet at the gate",
    ),
    (
        OwnerAgency::EarlyHelp,
        "Demo Early Help Officer",
        "Demo: early help assessment with the family",
    ),
    (
        OwnerAgency::LocalAuthority,
        "Demo Worker",
        "Demo: home visit to talk through barriers",
    ),
    (
        OwnerAgency::Health,
        "Demo School Nurse",
        "Demo: school nurse review of health needs",
    ),
    (
        OwnerAgency::Send,
        "Demo SENCO",
        "Demo: request an SEN support review",
    ),
];

fn corrupt(reason: String) -> StoreError {
    StoreError::Corrupt {
        what: "demo TSM",
        reason,
    }
}

fn link(
    w: &Writer<'_>,
    i: usize,
    urn: &str,
    name: &str,
    phase: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let place = name.split(' ').nth(1).unwrap_or("School");
    let champion = format!("Demo Champion {place}");
    let dsl = format!("Demo Safeguarding {place}");
    let phone_a = format!("01632 960{:03}", 100 + i);
    let phone_b = format!("01632 960{:03}", 200 + i);
    let email_a = format!("attendance.{}@example.org", place.to_lowercase());
    let email_b = format!("dsl.{}@example.org", place.to_lowercase());
    let school = LinkSchoolDraft {
        urn,
        name,
        phase,
        attendance_champion: ContactDraft {
            name: &champion,
            phone: Some(&phone_a),
            email: Some(&email_a),
        },
        dsl: ContactDraft {
            name: &dsl,
            phone: Some(&phone_b),
            email: Some(&email_b),
        },
    }
    .validate()
    .map_err(|e| corrupt(format!("{:?}", e.iter().next().map(|f| f.field))))?;
    link_schools::set(w, &school, now)
}

fn attendees(place: &str) -> Vec<Attendee> {
    let person = |name: String, role: &str, org: &str| Attendee {
        name,
        role: role.into(),
        organisation: org.into(),
    };
    vec![
        person(
            format!("Demo Champion {place}"),
            "Senior attendance champion",
            "School",
        ),
        person(
            format!("Demo Safeguarding {place}"),
            "Designated safeguarding lead",
            "School",
        ),
        person(
            "Demo Worker".into(),
            "Attendance and family support worker",
            "Local authority",
        ),
    ]
}

/// A meeting with up to three of the school's pupils and an action or two each.
#[allow(clippy::too_many_arguments)]
fn meeting(
    w: &Writer<'_>,
    urn: &str,
    place: &str,
    date: NaiveDate,
    pupils: &[&CaseRecord],
    finish: bool,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let id = tsms::plan(w, urn, Term::containing(date), date, now)?;
    let people = attendees(place);
    tsms::set_attendees(w, &id, &people)?;
    let mut done_one = false;
    for (n, c) in pupils.iter().take(3).enumerate() {
        let reading = readings::for_pupil(&w.reader(), &c.pupil_id)?
            .into_iter()
            .next();
        let pct = reading.as_ref().and_then(|r| r.counts.attendance_pct());
        let new = NewDiscussion {
            upn: Some(c.pupil.upn.to_string()),
            name: c.pupil.legal_name.as_str().to_string(),
            year_group: Some(c.pupil.year_group.get()),
            case_id: Some(c.id.clone()),
            attendance: pct,
            persistent: reading
                .as_ref()
                .is_some_and(|r| r.counts.persistent_absence()),
            severe: reading.as_ref().is_some_and(|r| r.counts.severe_absence()),
            has_plan: Some(n % 2 == 0),
        };
        let d = tsms::add_discussion(w, &id, &new, now)?;
        let text = DiscussionText {
            name: new.name.clone(),
            barriers: vec![[Barrier::Transport, Barrier::SemhEbsa, Barrier::Health][n % 3]],
            has_plan: new.has_plan,
            notes: "Demo: school and family agree mornings are the difficulty.".into(),
        };
        tsms::update_discussion(w, d, &text, now)?;
        let mut agreed = Vec::new();
        for k in 0..(1 + n % 2) {
            let (agency, person, what) = AGENCIES[(n + k) % AGENCIES.len()];
            let a = tsm_actions::add(w, &id, Some(d), agency, now)?;
            let due = date + Duration::days(14 + 7 * (n + k) as i64);
            let fields = ActionFields {
                what: what.into(),
                owner_agency: agency,
                owner_person: person.into(),
                lead_practitioner: "Demo Worker".into(),
                due_on: Some(due),
            };
            tsm_actions::update(w, a, &fields, now)?;
            agreed.push(format!(
                "{what} ({person}, due {})",
                caseload_domain::dates::long_date(due)
            ));
            // Most actions are done already; one or two a meeting stay open for the next.
            if finish && (!done_one || (n + k) % 2 == 1) && due < today {
                tsm_actions::review(
                    w,
                    a,
                    None,
                    Review {
                        outcome: ReviewOutcome::Done,
                        on: due,
                    },
                    now,
                )?;
                done_one = true;
            }
        }
        if finish {
            let entry = Entry {
                kind: ContactKind::TsmDiscussion,
                occurred_at: date.and_hms_opt(9, 0, 0).unwrap_or_default(),
                who: people
                    .iter()
                    .map(|p| format!("{} ({})", p.name, p.role))
                    .collect::<Vec<_>>()
                    .join(", "),
                what: format!(
                    "Discussed at the Targeting Support Meeting ({}). {}",
                    Term::containing(date).label(),
                    text.notes
                ),
                outcome: Some(format!("Actions agreed: {}", agreed.join("; "))),
                next_step: None,
            };
            let entry_id = chronology::add(w, &c.id, &entry, None, now)?;
            tsms::set_discussion_chronology(w, d, &entry_id)?;
        }
    }
    let a = tsm_actions::add(w, &id, None, OwnerAgency::School, now)?;
    let fields = ActionFields {
        what: "Demo: send the attendance cohort list before the next meeting".into(),
        owner_agency: OwnerAgency::School,
        owner_person: format!("Demo Champion {place}"),
        lead_practitioner: String::new(),
        due_on: Some(date + Duration::days(28)),
    };
    tsm_actions::update(w, a, &fields, now)?;
    if finish {
        let snapshot = RecordSnapshot {
            pupils: pupils.len() as u32,
            ..RecordSnapshot::default()
        };
        tsms::finish(w, &id, &snapshot, now)?;
    }
    Ok(())
}

/// Links the demo schools and adds their meetings, once: a second `caseload demo` leaves the
/// meetings alone.
pub fn fill(
    w: &Writer<'_>,
    schools: &[(&str, &str, &str)],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let this_term = Term::containing(today);
    let last_term = this_term.previous();
    let all = cases::list(&w.reader())?;
    let mut by_school: HashMap<&str, Vec<&CaseRecord>> = HashMap::new();
    for c in &all {
        by_school
            .entry(c.pupil.school_urn.as_str())
            .or_default()
            .push(c);
    }
    for (i, &(urn, name, phase)) in schools.iter().enumerate() {
        link(w, i, urn, name, phase, now)?;
        if tsms::find(&w.reader(), urn, last_term)?.is_some() {
            continue;
        }
        let place = name.split(' ').nth(1).unwrap_or("School");
        let pupils = by_school.get(urn).cloned().unwrap_or_default();
        let last_date = last_term.dates().0 + Duration::days(21 + i as i64);
        meeting(w, urn, place, last_date, &pupils, true, today, now)?;
        let (start, _) = this_term.dates();
        match i {
            0 => {
                let held = (today - Duration::days(3)).max(start);
                let later: Vec<&CaseRecord> = pupils.iter().rev().copied().collect();
                meeting(w, urn, place, held, &later, false, today, now)?;
            }
            1 => {
                let id = tsms::plan(
                    w,
                    urn,
                    this_term,
                    (today + Duration::days(7)).min(this_term.dates().1),
                    now,
                )?;
                tsms::set_attendees(w, &id, &attendees(place))?;
            }
            _ => {}
        }
    }
    Ok(())
}
