//! The evidence bundle for a court or attendance panel (docs/domain.md §6): the pupil, the
//! attendance record, the whole chronology (corrections included and marked), every offer of
//! support and its outcome, and the legal steps with the notices and the contract's terms and
//! compliance. It leaves nothing out: a bundle that hides a corrected entry is not evidence.
//! This module owns the bundle's values; what it says, in what order, is in `sections` (the
//! attendance record and register extract in `attendance`).

mod attendance;
mod sections;

use chrono::{NaiveDate, NaiveDateTime};

use crate::error::ExchangeError;
use crate::{docx, pdf};

pub const TITLE: &str = "Evidence bundle";

/// Everything the bundle shows, as display-ready values chosen by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceBundle {
    pub pupil: BundlePupil,
    pub case: BundleCase,
    /// Attendance readings, oldest first.
    pub attendance: Vec<BundleReading>,
    /// What the school's session marks show, when any are imported: figures per academic
    /// year, the threshold and illness dates, and the register extract.
    pub register: Option<BundleRegister>,
    /// The step the bundle is for, e.g. "Prosecution".
    pub purpose: String,
    /// What the record does not hold that a bundle normally has; empty when nothing is missing.
    pub missing: Vec<String>,
    /// Every chronology entry in the order things happened, corrections included.
    pub chronology: Vec<BundleEntry>,
    pub plan: BundlePlan,
    pub plan_actions: Vec<BundleAction>,
    /// Actions agreed for the pupil at Targeting Support Meetings, in meeting order.
    pub tsm_actions: Vec<BundleTsmAction>,
    /// Every legal step in date order, corrections included.
    pub legal_steps: Vec<BundleLegalStep>,
    pub produced_on: NaiveDate,
    /// Whether the PDF's title (its metadata, shown by viewers and file managers, and the
    /// running header) names the pupil; otherwise it names the case reference only. The worker
    /// asks for the name; the pages themselves always identify the pupil.
    pub name_pupil_in_title: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundlePupil {
    pub legal_name: String,
    pub preferred_name: Option<String>,
    pub date_of_birth: NaiveDate,
    pub upn: String,
    pub school_name: String,
    pub school_urn: String,
    /// e.g. "Year 8".
    pub year_group: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleCase {
    /// A short reference for the case that names no one (from its identifier).
    pub reference: String,
    pub referral_source: String,
    pub referral_date: NaiveDate,
    /// e.g. "Active".
    pub status: String,
    pub worker: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleReading {
    pub as_at: NaiveDate,
    pub possible: u32,
    pub present: u32,
    pub authorised: u32,
    pub unauthorised: u32,
    /// e.g. "84.2%"; empty when there were no possible sessions.
    pub attendance: String,
}

/// The school's session marks as evidence: the period, each academic year's figures, the
/// dates the threshold and the illness notification were reached, and the register extract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleRegister {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Oldest year first.
    pub years: Vec<BundleYear>,
    /// §5.6: the first date the penalty notice threshold was met.
    pub threshold_met_on: Option<NaiveDate>,
    /// §5.7: the date of an academic year's 30th illness mark (15 school days).
    pub illness_15_days_on: Option<NaiveDate>,
    /// Every week with a mark, earliest first.
    pub weeks: Vec<RegisterRow>,
    /// Show Saturday and Sunday columns: some week has a weekend mark.
    pub weekend: bool,
    /// Each code used, with what it means: ("O", "Unauthorised absence: …").
    pub key: Vec<(String, String)>,
}

/// One academic year's figures from the marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleYear {
    /// e.g. "2026/27".
    pub label: String,
    pub possible: u32,
    pub present: u32,
    /// e.g. "84.2%"; empty when there were no possible sessions.
    pub attendance: String,
    pub persistent_absence: bool,
    pub severe_absence: bool,
}

/// One week of the register: the Monday it starts on and the code of each session, Monday AM
/// first (14 sessions, Saturday and Sunday last); empty where nothing was recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterRow {
    pub week_start: NaiveDate,
    pub sessions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleEntry {
    /// The entry's number in the bundle (1, 2, …), by which corrections refer to it.
    pub number: usize,
    pub occurred_at: NaiveDateTime,
    /// e.g. "Home visit".
    pub kind: String,
    pub who: String,
    pub what: String,
    pub outcome: Option<String>,
    pub next_step: Option<String>,
    /// The number of the entry this one corrects.
    pub corrects: Option<usize>,
    /// The numbers of the entries that correct this one.
    pub corrected_by: Vec<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BundlePlan {
    pub barriers: Vec<String>,
    pub other_barriers: Option<String>,
    /// e.g. "92.5% by 12 February 2027".
    pub target: Option<String>,
    pub interventions: Option<String>,
    pub review_dates: Vec<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleAction {
    pub what: String,
    pub owner: String,
    pub due_on: NaiveDate,
    /// e.g. "Done".
    pub status: String,
    pub status_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleTsmAction {
    pub meeting_date: NaiveDate,
    pub school_name: String,
    pub what: String,
    /// Agency and person, e.g. "Early help: A. Officer".
    pub owner: String,
    pub due_on: Option<NaiveDate>,
    /// What each review found, oldest first: ("Carried forward", date).
    pub reviews: Vec<(String, NaiveDate)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleLegalStep {
    pub number: usize,
    /// e.g. "Notice to improve".
    pub kind: String,
    pub on: NaiveDate,
    pub decided_by: String,
    /// The step's own details as label and value, e.g. ("Terms", …), ("Compliance", …).
    pub details: Vec<(String, String)>,
    /// The recorded reason for an exception, with the exception it answers as its label:
    /// ("Issued before the threshold was met", "…").
    pub reason: Option<(String, String)>,
    pub notes: Option<String>,
    pub corrects: Option<usize>,
    pub corrected_by: Vec<usize>,
}

/// The bundle as a tagged PDF/A-2a file: A4 pages in the embedded Noto Sans, "Page N of M" at the
/// foot of each page.
pub fn to_pdf(bundle: &EvidenceBundle) -> Result<Vec<u8>, ExchangeError> {
    pdf::render_archival(&sections::document(bundle))
}

/// The bundle as a Word document: the same blocks in the same order as the PDF.
pub fn to_docx(bundle: &EvidenceBundle) -> Result<Vec<u8>, ExchangeError> {
    docx::render(&sections::document(bundle))
}

#[cfg(test)]
pub(crate) fn sample() -> EvidenceBundle {
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).expect("date");
    let at = |m, day, h| d(m, day).and_hms_opt(h, 0, 0).expect("time");
    EvidenceBundle {
        pupil: BundlePupil {
            legal_name: "Testpupil Bundle-Synthetic".into(),
            preferred_name: Some("Bun".into()),
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
        attendance: vec![BundleReading {
            as_at: d(10, 30),
            possible: 100,
            present: 80,
            authorised: 5,
            unauthorised: 15,
            attendance: "80.0%".into(),
        }],
        register: None,
        purpose: "Penalty notice".into(),
        missing: vec![],
        chronology: vec![
            BundleEntry {
                number: 1,
                occurred_at: at(9, 14, 10),
                kind: "Home visit".into(),
                who: "Parent and worker".into(),
                what: "Agreed a morning routine".into(),
                outcome: Some("Parent engaged".into()),
                next_step: None,
                corrects: None,
                corrected_by: vec![2],
            },
            BundleEntry {
                number: 2,
                occurred_at: at(9, 14, 10),
                kind: "Home visit".into(),
                who: "Parent and worker".into(),
                what: "Agreed a morning routine and a school bus pass".into(),
                outcome: None,
                next_step: Some("Review in two weeks".into()),
                corrects: Some(1),
                corrected_by: vec![],
            },
        ],
        plan: BundlePlan {
            barriers: vec!["Transport".into()],
            target: Some("95% by 12 February 2027".into()),
            ..Default::default()
        },
        plan_actions: vec![BundleAction {
            what: "Apply for a bus pass".into(),
            owner: "A. Worker".into(),
            due_on: d(9, 28),
            status: "Done".into(),
            status_on: Some(d(9, 25)),
        }],
        tsm_actions: vec![],
        legal_steps: vec![BundleLegalStep {
            number: 1,
            kind: "Attendance contract".into(),
            on: d(10, 1),
            decided_by: "Team manager Demo".into(),
            details: vec![("Terms".into(), "In school by 8:45 every day".into())],
            reason: None,
            notes: None,
            corrects: None,
            corrected_by: vec![],
        }],
        produced_on: d(11, 23),
        name_pupil_in_title: false,
    }
}
