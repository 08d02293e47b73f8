//! Synthetic caseloads for demonstrations, tests and benchmarks: obviously fake names, valid
//! UPNs (check letters computed, local authority code 999, which no council has), cases spread
//! across the lifecycle and attendance readings, and for every fourth pupil about a term of
//! session marks (`marks`). Written through the store's one write path.
//! Not an IPC command: only the CLI's `caseload demo` calls it, so the app window cannot fill a
//! real caseload with fake pupils. Link schools and their meetings are added by `tsm`.

mod marks;
mod tsm;

use caseload_domain::attendance::SessionCounts;
use caseload_domain::case::TransitionKind;
use caseload_domain::transition::{AFSW_TEAM, TASKFORCE_TEAM, Transition};
use caseload_domain::upn::check_letter;
use caseload_domain::{CaseStatus, PupilDraft};
use caseload_store::cases::{self, Referral};
use caseload_store::readings::{self, Reading, ReadingSource};
use caseload_store::{Action, chronology, events, families, plans};
use chrono::{Duration, Utc};

use crate::context::Caseload;
use crate::error::AppError;
use crate::support::today;

const FIRST: &[&str] = &[
    "Zorva", "Quillon", "Brixa", "Tamsel", "Orrin", "Vexa", "Juno", "Pellam", "Ystra", "Kade",
    "Lumo", "Fennick",
];
const LAST: &[&str] = &[
    "Demopupil",
    "Testwright",
    "Sampleford",
    "Fauxley",
    "Mockton",
    "Placeholm",
];
const SCHOOLS: &[(&str, &str, &str)] = &[
    ("990001", "Demo Brook Primary", "primary"),
    ("990002", "Demo Vale Academy", "secondary"),
    ("990003", "Demo Hill Primary", "primary"),
    ("990004", "Demo Park High", "secondary"),
    ("990005", "Demo Meadow Special", "special"),
];

/// A small deterministic generator (xorshift64*), so a seed always gives the same caseload.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A valid permanent UPN for LA 999 built from `serial`.
pub fn demo_upn(serial: u64) -> String {
    let body = format!(
        "999{:04}{:02}{:03}",
        serial / 1000 % 10_000,
        20 + serial / 10_000_000 % 10,
        serial % 1000
    );
    let letter = check_letter(body.as_bytes()).unwrap_or('A');
    format!("{letter}{body}")
}

/// How far along the lifecycle a demo case goes.
const PATHS: &[&[TransitionKind]] = &[
    &[],
    &[TransitionKind::Accept],
    &[TransitionKind::Decline],
    &[TransitionKind::Accept, TransitionKind::Allocate],
    &[
        TransitionKind::Accept,
        TransitionKind::Allocate,
        TransitionKind::StartCycle,
    ],
    &[
        TransitionKind::Accept,
        TransitionKind::Allocate,
        TransitionKind::StartCycle,
    ],
    &[
        TransitionKind::Accept,
        TransitionKind::Allocate,
        TransitionKind::StartCycle,
        TransitionKind::MidpointCheck,
    ],
    &[
        TransitionKind::Accept,
        TransitionKind::Allocate,
        TransitionKind::StartCycle,
        TransitionKind::Close,
    ],
    &[TransitionKind::Accept, TransitionKind::FamilyDeclined],
];

/// Adds `pupils` synthetic pupils with cases to the unlocked caseload, in one transaction.
pub fn fill(cx: &Caseload, pupils: u32, seed: u64) -> Result<u32, AppError> {
    let today = today();
    let now = Utc::now();
    let mut rng = Rng(seed.max(1));
    // The marks draw from their own generator, so the rest of a seed's caseload is unchanged.
    let mut marks_rng = Rng((seed ^ 0x5DEE_CE66D).max(1));
    let mut demo_marks = Vec::new();
    cx.with_store(|store| {
        let start_serial = cases::list(&store.read())?.len() as u64 + seed % 1000 * 100_000;
        store
            .write(Action::DemoFill, |w| {
                w.audit_detail(&format!("{pupils} synthetic cases"));
                for i in 0..u64::from(pupils) {
                    let name = format!(
                        "{} {}-{}",
                        FIRST[rng.below(FIRST.len() as u64) as usize],
                        LAST[rng.below(LAST.len() as u64) as usize],
                        i + 1
                    );
                    let (urn, school, phase) = SCHOOLS[rng.below(SCHOOLS.len() as u64) as usize];
                    let year = if phase == "primary" {
                        1 + rng.below(6)
                    } else {
                        7 + rng.below(5)
                    };
                    let dob =
                        today - Duration::days(365 * (year as i64 + 5) + rng.below(300) as i64);
                    let upn = demo_upn(start_serial + i);
                    let draft = PupilDraft {
                        legal_name: &name,
                        preferred_name: None,
                        date_of_birth: &dob.to_string(),
                        upn: &upn,
                        school_urn: urn,
                        school_name: school,
                        school_phase: Some(phase),
                        year_group: &year.to_string(),
                    };
                    let pupil =
                        draft
                            .validate(today)
                            .map_err(|e| caseload_store::StoreError::Corrupt {
                                what: "demo pupil",
                                reason: format!("{:?}", e.iter().next().map(|f| f.field)),
                            })?;
                    let referred = today - Duration::days(20 + rng.below(60) as i64);
                    let referral = Referral {
                        source: "Demo data".into(),
                        date: referred,
                    };
                    let record = cases::add(w, &pupil, &referral, now)?;
                    let first_pct = 40 + rng.below(50) as u32;
                    if i % 4 == 0 {
                        let usual_absence = u64::from(100 - first_pct).min(60);
                        let marks = marks::for_pupil(&mut marks_rng, today, usual_absence);
                        demo_marks.push((upn.clone(), marks));
                    }
                    let reading = |on, pct: u32| Reading {
                        as_at: on,
                        counts: SessionCounts {
                            possible: 100,
                            present: pct,
                            authorised_absence: (100 - pct) / 2,
                            unauthorised_absence: 100 - pct - (100 - pct) / 2,
                        },
                    };
                    readings::add(
                        w,
                        &record.pupil_id,
                        &reading(referred, first_pct),
                        ReadingSource::Worker,
                        now,
                    )?;
                    let mut status = CaseStatus::Referred;
                    let mut on = referred;
                    for &kind in PATHS[rng.below(PATHS.len() as u64) as usize] {
                        on = (on + Duration::days(1 + rng.below(6) as i64)).min(today);
                        let next = status.after(kind).map_err(|e| {
                            caseload_store::StoreError::Corrupt {
                                what: "demo path",
                                reason: e.message,
                            }
                        })?;
                        let allocate = kind == TransitionKind::Allocate;
                        let team = if rng.below(3) == 0 {
                            TASKFORCE_TEAM
                        } else {
                            AFSW_TEAM
                        };
                        let t = Transition {
                            kind,
                            on_date: on,
                            team: allocate.then(|| team.to_string()),
                            worker: allocate.then(|| "Demo Worker".to_string()),
                            note: matches!(
                                kind,
                                TransitionKind::Close
                                    | TransitionKind::Decline
                                    | TransitionKind::FamilyDeclined
                            )
                            .then(|| "Demo reason".to_string()),
                        };
                        events::record(w, &record.id, &t, status, next, now)?;
                        if kind == TransitionKind::Close {
                            let all = caseload_domain::ClosureCategory::ALL;
                            // From the case id, not the generator: the rest of the demo stays as it was.
                            let pick = record.id.as_str().bytes().map(usize::from).sum::<usize>();
                            let c = all[pick % all.len()];
                            caseload_store::cases::set_closure_category(w, &record.id, c)?;
                        }
                        status = next;
                    }
                    let surname = name
                        .split(' ')
                        .nth(1)
                        .unwrap_or("Demo")
                        .split('-')
                        .next()
                        .unwrap_or("Demo")
                        .to_string();
                    let family = families::name_family(
                        w,
                        &record.pupil_id,
                        &format!("{surname} family"),
                        now,
                    )?;
                    let carer = caseload_domain::family::Carer {
                        name: format!(
                            "{} {surname}",
                            FIRST[rng.below(FIRST.len() as u64) as usize]
                        ),
                        relationship: if rng.below(2) == 0 {
                            "Mother".into()
                        } else {
                            "Father".into()
                        },
                        phone: None,
                        email: None,
                        parental_responsibility: true,
                    };
                    families::add_carer(w, &family, &carer, now)?;
                    let contact = caseload_domain::chronology::Entry {
                        kind: caseload_domain::chronology::ContactKind::PhoneCall,
                        occurred_at: referred.and_hms_opt(10, 0, 0).unwrap_or_default(),
                        who: format!("{} and worker", carer.name),
                        what: "Demo: introductory call about the referral".into(),
                        outcome: Some("Demo: agreed to a home visit".into()),
                        next_step: Some("Demo: home visit".into()),
                    };
                    chronology::add(w, &record.id, &contact, None, now)?;
                    if status == CaseStatus::Active {
                        let plan = caseload_domain::plan::Plan {
                            barriers: vec![caseload_domain::plan::Barrier::Transport],
                            target: Some(caseload_domain::plan::SmartTarget {
                                target: caseload_domain::attendance::Tenths(950),
                                by: today + Duration::days(60),
                            }),
                            ..Default::default()
                        };
                        plans::set(w, &record.id, &plan, now)?;
                        let action = caseload_domain::plan::NewAction {
                            what: "Demo: arrange a bus pass".into(),
                            owner: "School".into(),
                            due_on: today + Duration::days(rng.below(14) as i64 - 4),
                        };
                        plans::add_action(w, &record.id, &action, now)?;
                    }
                    let later = (referred + Duration::days(14 + rng.below(20) as i64)).min(today);
                    let change = rng.below(21) as i64 - 8;
                    readings::add(
                        w,
                        &record.pupil_id,
                        &reading(later, (i64::from(first_pct) + change).clamp(0, 100) as u32),
                        ReadingSource::Worker,
                        now,
                    )?;
                }
                if !demo_marks.is_empty() {
                    marks::store(w, &demo_marks, now)?;
                }
                tsm::fill(w, SCHOOLS, today, now)?;
                crate::exchange::share::demo_defaults(w)?;
                Ok(pupils)
            })
            .map_err(AppError::from)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_upns_are_valid_and_distinct() {
        let upns: Vec<String> = (0..2000).map(demo_upn).collect();
        for upn in &upns {
            assert!(caseload_domain::Upn::parse(upn).is_ok(), "{upn}");
        }
        let distinct: std::collections::HashSet<_> = upns.iter().collect();
        assert_eq!(distinct.len(), upns.len());
    }
}
