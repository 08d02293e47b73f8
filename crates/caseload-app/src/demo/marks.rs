//! Synthetic session marks for some demo pupils, so a demo case can show its attendance week by
//! week: every weekday from about twenty weeks before today to yesterday, leaving out August and
//! the Christmas fortnight (holidays: no marks) and closing the school for the half-term weeks
//! (`#`, not a possible session). Each pupil has a usual absence rate that drifts week to week;
//! absences are illness (`I`) or unexplained (`O`). Stored as one import named `demo-marks.csv`.

use std::ops::ControlFlow;

use caseload_domain::attendance::marks::{Session, SessionMark};
use caseload_store::Writer;
use caseload_store::imports::{self, ImportKind, ImportRecord};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};

use super::Rng;

/// How far back the marks go.
const WEEKS: i64 = 20;

/// One pupil's marks: `usual_absence` is the share of sessions missed, in percent.
pub(super) fn for_pupil(rng: &mut Rng, today: NaiveDate, usual_absence: u64) -> Vec<SessionMark> {
    let start = today - Duration::weeks(WEEKS);
    let mut out = Vec::new();
    let mut rate = usual_absence;
    for offset in 0..WEEKS * 7 {
        let date = start + Duration::days(offset);
        if date >= today || matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            continue;
        }
        if date.weekday() == Weekday::Mon {
            // The week's rate: the usual one give or take ten points.
            rate = (usual_absence + rng.below(21)).saturating_sub(10).min(95);
        }
        if holiday(date) {
            continue;
        }
        for session in [Session::Am, Session::Pm] {
            let code = if half_term(date) {
                "#"
            } else if rng.below(100) < rate {
                if rng.below(3) == 0 { "I" } else { "O" }
            } else if session == Session::Am {
                "/"
            } else {
                "\\"
            };
            if let Some(mark) = SessionMark::new(date, session, code) {
                out.push(mark);
            }
        }
    }
    out
}

/// August and 21 December to 3 January: no register is taken.
fn holiday(date: NaiveDate) -> bool {
    let (m, d) = (date.month(), date.day());
    m == 8 || (m == 12 && d >= 21) || (m == 1 && d <= 3)
}

/// The demo's half-term weeks (the school is closed): the weeks whose Monday falls on 23–29
/// October, 13–19 February or 23–29 May.
fn half_term(date: NaiveDate) -> bool {
    let monday = date - Duration::days(i64::from(date.weekday().num_days_from_monday()));
    let (m, d) = (monday.month(), monday.day());
    (m == 10 && (23..=29).contains(&d))
        || (m == 2 && (13..=19).contains(&d))
        || (m == 5 && (23..=29).contains(&d))
}

/// Records the demo's marks as one import, in the demo's transaction.
pub(super) fn store(
    w: &Writer<'_>,
    marks: &[(String, Vec<SessionMark>)],
    now: DateTime<Utc>,
) -> Result<(), caseload_store::StoreError> {
    let all = marks
        .iter()
        .flat_map(|(upn, marks)| marks.iter().map(move |m| (upn.as_str(), m)));
    let dates = all.clone().map(|(_, m)| m.date);
    let record = ImportRecord {
        id: caseload_domain::ImportId(0),
        kind: ImportKind::Marks,
        file_name: "demo-marks.csv".into(),
        sha256: "demo".into(),
        rows: all.clone().count() as u64,
        pupils: marks.len() as u64,
        first_date: dates.clone().min(),
        last_date: dates.max(),
        imported_at: String::new(),
    };
    let id = imports::record(w, &record, now)?;
    imports::insert_marks(w, id, all, &mut |_| ControlFlow::Continue(()))?;
    Ok(())
}
