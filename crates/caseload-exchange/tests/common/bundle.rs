//! The synthetic evidence bundle the bundle's rendering tests share: long enough to run over
//! several pages, with a corrected chronology entry, legal steps and a register extract.

use caseload_exchange::evidence::{
    BundleAction, BundleCase, BundleEntry, BundleLegalStep, BundlePlan, BundlePupil, BundleReading,
    BundleRegister, BundleTsmAction, BundleYear, EvidenceBundle, RegisterRow,
};
use chrono::NaiveDate;

pub fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).expect("date")
}

fn step(number: usize, kind: &str, on: NaiveDate, details: Vec<(&str, &str)>) -> BundleLegalStep {
    BundleLegalStep {
        number,
        kind: kind.into(),
        on,
        decided_by: format!("Decision Maker {number} Demo"),
        details: details
            .into_iter()
            .map(|(l, v)| (l.to_string(), v.to_string()))
            .collect(),
        reason: None,
        notes: Some(format!("Synthetic note for step {number}")),
        corrects: None,
        corrected_by: vec![],
    }
}

/// A bundle long enough to run over several pages: 60 chronology entries, one corrected.
pub fn bundle() -> EvidenceBundle {
    let mut chronology: Vec<BundleEntry> = (1..=60)
        .map(|n| BundleEntry {
            number: n,
            occurred_at: d(9, 1 + (n as u32 % 28))
                .and_hms_opt(9 + (n as u32 % 8), 30, 0)
                .expect("time"),
            kind: "Phone call".into(),
            who: format!("Parent and worker {n}"),
            what: format!(
                "Synthetic contact number {n}: talked about mornings & the bus (£0 cost)"
            ),
            outcome: Some(format!("Outcome of contact {n}")),
            next_step: None,
            corrects: None,
            corrected_by: vec![],
        })
        .collect();
    chronology[4].corrected_by = vec![60];
    chronology[59].corrects = Some(5);
    let mut legal_steps = vec![
        step(
            1,
            "Attendance contract",
            d(9, 14),
            vec![
                ("Parents present", "Yes"),
                (
                    "Terms",
                    "In school by 8:45 every day; weekly check-in with the mentor",
                ),
                ("Compliance", "Kept for the first three weeks, then lapsed"),
            ],
        ),
        step(
            2,
            "Notice to improve",
            d(10, 5),
            vec![
                ("Improvement period ends", "2 November 2026"),
                (
                    "Sufficient improvement means",
                    "No unauthorised absence in the period",
                ),
            ],
        ),
        step(
            3,
            "Penalty notice",
            d(11, 9),
            vec![
                ("Issued to", "Parent Demo-Synthetic"),
                ("Amount", "£160 (£80 if paid by 30 November 2026)"),
                ("Paid", "Not paid"),
            ],
        ),
        step(
            4,
            "Penalty notice",
            d(11, 9),
            vec![
                ("Issued to", "Parent Demo-Synthetic"),
                ("Amount", "£80"),
                ("Paid", "20 November 2026"),
            ],
        ),
        step(
            5,
            "Prosecution",
            d(11, 20),
            vec![("Offence", "Education Act 1996 s444(1A)")],
        ),
    ];
    legal_steps[2].corrected_by = vec![4];
    legal_steps[3].corrects = Some(3);
    legal_steps[4].reason = Some((
        "Reason for taking this step out of order".into(),
        "Synthetic reason: the order was not appropriate".into(),
    ));
    EvidenceBundle {
        pupil: BundlePupil {
            legal_name: "Testpupil Bundle-Synthetic".into(),
            preferred_name: None,
            date_of_birth: NaiveDate::from_ymd_opt(2013, 4, 2).expect("date"),
            upn: "B801200005001".into(),
            school_name: "Synthetic Secondary School".into(),
            school_urn: "100000".into(),
            year_group: "Year 8".into(),
        },
        case: BundleCase {
            reference: "0000a1b2".into(),
            referral_source: "School".into(),
            referral_date: d(9, 8),
            status: "Active".into(),
            worker: Some("A. Worker".into()),
        },
        attendance: vec![
            BundleReading {
                as_at: d(10, 2),
                possible: 40,
                present: 30,
                authorised: 2,
                unauthorised: 8,
                attendance: "75.0%".into(),
            },
            BundleReading {
                as_at: d(11, 20),
                possible: 100,
                present: 71,
                authorised: 4,
                unauthorised: 25,
                attendance: "71.0%".into(),
            },
        ],
        register: Some(register()),
        purpose: "Prosecution".into(),
        missing: vec!["No notice to improve recorded".into()],
        chronology,
        plan: BundlePlan {
            barriers: vec!["Transport".into(), "SEMH or EBSA".into()],
            other_barriers: None,
            target: Some("95% by 12 February 2027".into()),
            interventions: Some("Mentor check-in every morning".into()),
            review_dates: vec![d(12, 14)],
        },
        plan_actions: vec![BundleAction {
            what: "Apply for a bus pass".into(),
            owner: "A. Worker".into(),
            due_on: d(9, 28),
            status: "Done".into(),
            status_on: Some(d(9, 25)),
        }],
        tsm_actions: vec![BundleTsmAction {
            meeting_date: d(10, 5),
            school_name: "Synthetic Secondary School".into(),
            what: "Referral to the school nurse".into(),
            owner: "Health: Nurse Demo".into(),
            due_on: Some(d(10, 19)),
            reviews: vec![
                ("Carried forward".into(), d(10, 20)),
                ("Done".into(), d(11, 3)),
            ],
        }],
        legal_steps,
        produced_on: d(11, 23),
        name_pupil_in_title: false,
    }
}

/// Twelve weeks of marks over two academic years, mostly "O" in the autumn.
fn register() -> BundleRegister {
    let codes = ["/", "\\", "O", "O", "/", "\\", "I", "I", "O", "O"];
    let weeks = (0..12)
        .map(|w| RegisterRow {
            week_start: NaiveDate::from_ymd_opt(2026, 8, 24).expect("date")
                + chrono::Days::new(7 * w),
            sessions: codes
                .iter()
                .map(|c| c.to_string())
                .chain(std::iter::repeat_n(String::new(), 4))
                .collect(),
        })
        .collect();
    BundleRegister {
        from: NaiveDate::from_ymd_opt(2026, 8, 24).expect("date"),
        to: d(11, 13),
        years: vec![
            BundleYear {
                label: "2025/26".into(),
                possible: 10,
                present: 4,
                attendance: "40.0%".into(),
                persistent_absence: true,
                severe_absence: true,
            },
            BundleYear {
                label: "2026/27".into(),
                possible: 110,
                present: 44,
                attendance: "40.0%".into(),
                persistent_absence: true,
                severe_absence: true,
            },
        ],
        threshold_met_on: Some(d(10, 16)),
        illness_15_days_on: None,
        weeks,
        weekend: false,
        key: vec![
            ("/".into(), "Present (AM)".into()),
            (
                "I".into(),
                "Illness (not medical or dental appointments)".into(),
            ),
            (
                "O".into(),
                "Unauthorised absence not covered by any other code".into(),
            ),
        ],
    }
}

/// Writes the bundle's PDF into a fresh temporary folder.
pub fn write_pdf(b: &EvidenceBundle) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("evidence.pdf");
    std::fs::write(
        &path,
        caseload_exchange::evidence::to_pdf(b).expect("render"),
    )
    .expect("write");
    (dir, path)
}
