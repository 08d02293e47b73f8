//! The bundle's attendance evidence from the pupil's imported session marks: each academic
//! year's figures (`attendance::academic_year`), the threshold and illness dates over every mark
//! (§5.6, §5.7), and the register extract week by week with the meaning of each code used. The
//! domain computes all of it; this module turns it into the exchange crate's display values.

use caseload_domain::attendance::academic_year::by_academic_year;
use caseload_domain::attendance::marks::SessionMark;
use caseload_domain::attendance::register::register_extract;
use caseload_domain::attendance::summary::summarise;
use caseload_exchange::evidence::{BundleRegister, BundleYear, RegisterRow};

/// The marks as the bundle prints them; `None` when there are none.
pub(super) fn register(marks: &[SessionMark]) -> Option<BundleRegister> {
    let from = marks.iter().map(|m| m.date).min()?;
    let to = marks.iter().map(|m| m.date).max()?;
    let all = summarise(marks);
    let extract = register_extract(marks);
    Some(BundleRegister {
        from,
        to,
        years: by_academic_year(marks)
            .into_iter()
            .map(|y| BundleYear {
                label: y.year.label(),
                possible: y.summary.counts.possible,
                present: y.summary.counts.present,
                attendance: y
                    .summary
                    .attendance_pct
                    .map(|p| format!("{p}%"))
                    .unwrap_or_default(),
                persistent_absence: y.summary.persistent_absence,
                severe_absence: y.summary.severe_absence,
            })
            .collect(),
        threshold_met_on: all.fpn_threshold_met_on,
        illness_15_days_on: all.illness_15_days_on,
        weekend: extract.has_weekend(),
        weeks: extract
            .weeks
            .iter()
            .map(|w| RegisterRow {
                week_start: w.week_start,
                sessions: w
                    .sessions
                    .iter()
                    .map(|c| c.unwrap_or_default().to_string())
                    .collect(),
            })
            .collect(),
        key: extract
            .key
            .iter()
            .map(|c| (c.code.to_string(), c.meaning.to_string()))
            .collect(),
    })
}
