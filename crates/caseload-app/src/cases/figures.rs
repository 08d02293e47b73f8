//! Each pupil's current attendance figure and the one before it, from every source: the
//! worker's own readings, imported summaries and imported session marks. The latest date wins;
//! on the same date the worker's reading comes first, so an import never hides what the worker
//! typed. The marks also give the penalty-notice and illness dates (§5.6, §5.7).
//!
//! "Current" means the current academic year to date (docs/domain.md §5.10): a figure dated in
//! an earlier academic year is never the current one, and marks of different years never pool
//! (the split is the domain's [`current_and_previous`]). The previous year's latest figure is
//! kept beside it for the case and the TSM pack.

use std::collections::HashMap;

use caseload_domain::PupilId;
use caseload_domain::attendance::academic_year::{AcademicYear, current_and_previous};
use caseload_domain::attendance::summary::MarksSummary;
use caseload_domain::attendance::{SessionCounts, Tenths, Trend};
use caseload_domain::rules::{Alert, AttendanceFacts, attendance_alerts};
use caseload_store::imports::{self, Pupils, SummaryRecord};
use caseload_store::readings::{self, Reading};
use caseload_store::{Reader, StoreError};
use chrono::NaiveDate;

/// Where a figure came from; the order is the tie-break on one date (worker first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Source {
    Worker,
    Summary,
    Marks,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Figure {
    pub as_at: NaiveDate,
    pub counts: SessionCounts,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Figures {
    /// The academic year of the worker's today.
    pub year: AcademicYear,
    /// The latest figure dated in `year`.
    pub current: Option<Figure>,
    /// The figure before `current` (of any year), for the trend.
    pub previous: Option<Figure>,
    /// The latest figure dated in the academic year before `year`.
    pub last_year: Option<Figure>,
    /// `year`'s imported marks, summarised.
    pub marks: Option<MarksSummary>,
    /// The previous year's imported marks, summarised.
    pub marks_last_year: Option<MarksSummary>,
}

impl Figures {
    pub fn pct(&self) -> Option<Tenths> {
        self.current.and_then(|f| f.counts.attendance_pct())
    }

    /// The latest percentage of the academic year before the current one.
    pub fn last_year_pct(&self) -> Option<Tenths> {
        self.last_year.and_then(|f| f.counts.attendance_pct())
    }

    pub fn trend(&self) -> Option<Trend> {
        match (
            self.previous.and_then(|f| f.counts.attendance_pct()),
            self.pct(),
        ) {
            (Some(p), Some(c)) => Some(Trend::between(p, c)),
            _ => None,
        }
    }

    pub fn alerts(
        &self,
        has_plan: bool,
        part_time_review_on: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Vec<Alert> {
        let facts = AttendanceFacts {
            current: self.current.map(|f| f.counts),
            marks: self.marks.as_ref(),
            has_plan,
            part_time_review_on,
        };
        attendance_alerts(&facts, today)
    }
}

/// Every source for the whole caseload, loaded once (a few queries, not one per pupil).
pub(crate) struct CaseloadFigures {
    readings: HashMap<PupilId, Vec<Reading>>,
    summaries: HashMap<String, Vec<SummaryRecord>>,
    marks: HashMap<String, Vec<caseload_domain::attendance::marks::SessionMark>>,
}

impl CaseloadFigures {
    /// `pupils`' sources, for figures as at `today`: marks only from the academic year before
    /// `today`'s on, the years [`CaseloadFigures::of`] counts.
    pub fn load(
        r: &Reader<'_>,
        pupils: Pupils,
        today: NaiveDate,
    ) -> Result<CaseloadFigures, StoreError> {
        let since = AcademicYear::of(today).previous().start();
        Ok(CaseloadFigures {
            readings: readings::latest_two_by_pupil(r)?,
            summaries: imports::latest_two_of_caseload(r)?,
            marks: imports::marks_of_caseload(r, pupils, since)?,
        })
    }

    /// The sources of one pupil only (the case view).
    pub fn load_one(
        r: &Reader<'_>,
        pupil_id: &PupilId,
        upn: &str,
    ) -> Result<CaseloadFigures, StoreError> {
        let mut latest = readings::for_pupil(r, pupil_id)?;
        latest.reverse();
        latest.truncate(2);
        Ok(CaseloadFigures {
            readings: HashMap::from([(pupil_id.clone(), latest)]),
            summaries: HashMap::from([(upn.to_string(), imports::latest_two_of(r, upn)?)]),
            marks: HashMap::from([(upn.to_string(), imports::marks_of(r, upn)?)]),
        })
    }

    /// The figures of the pupil with this id and UPN, for the academic year of `today`.
    pub fn of(&self, pupil_id: &PupilId, upn: &str, today: NaiveDate) -> Figures {
        let year = AcademicYear::of(today);
        let mut all: Vec<Figure> = Vec::new();
        for r in self
            .readings
            .get(pupil_id)
            .map(Vec::as_slice)
            .unwrap_or(&[])
        {
            all.push(Figure {
                as_at: r.as_at,
                counts: r.counts,
                source: Source::Worker,
            });
        }
        for s in self.summaries.get(upn).map(Vec::as_slice).unwrap_or(&[]) {
            all.push(Figure {
                as_at: s.as_at,
                counts: s.counts,
                source: Source::Summary,
            });
        }
        let split = self.marks.get(upn).map(|m| current_and_previous(m, today));
        let (this_marks, last_marks) = split
            .map(|s| (s.current, s.previous))
            .unwrap_or((None, None));
        for y in [this_marks, last_marks].into_iter().flatten() {
            all.push(Figure {
                as_at: y.last_mark_on,
                counts: y.summary.counts,
                source: Source::Marks,
            });
        }
        all.sort_by(|a, b| b.as_at.cmp(&a.as_at).then(a.source.cmp(&b.source)));
        let in_year = |f: &&Figure| year.contains(f.as_at);
        let at = all.iter().position(|f| in_year(&f));
        Figures {
            year,
            current: at.map(|i| all[i]),
            previous: at.and_then(|i| all.get(i + 1).copied()),
            last_year: all
                .iter()
                .find(|f| year.previous().contains(f.as_at))
                .copied(),
            marks: this_marks.map(|y| y.summary),
            marks_last_year: last_marks.map(|y| y.summary),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use caseload_domain::ImportId;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).expect("date")
    }

    fn counts(present: u32) -> SessionCounts {
        SessionCounts::new(100, present, 100 - present, 0).expect("counts")
    }

    fn figures(readings: Vec<Reading>, summaries: Vec<SummaryRecord>) -> Figures {
        let mut f = CaseloadFigures {
            readings: HashMap::new(),
            summaries: HashMap::new(),
            marks: HashMap::new(),
        };
        f.readings.insert("p".into(), readings);
        f.summaries.insert("U".into(), summaries);
        f.of(&PupilId::from("p"), "U", d(30))
    }

    fn summary(as_at: NaiveDate, present: u32) -> SummaryRecord {
        SummaryRecord {
            import_id: ImportId(1),
            upn: "U".into(),
            as_at,
            counts: counts(present),
            school_urn: None,
            school_phase: None,
            year_group: None,
            ward: None,
            postcode: None,
        }
    }

    #[test]
    fn the_latest_figure_wins_whatever_its_source_and_the_one_before_gives_the_trend() {
        let f = figures(
            vec![Reading {
                as_at: d(2),
                counts: counts(80),
            }],
            vec![summary(d(9), 90)],
        );
        assert_eq!(f.current.map(|x| x.source), Some(Source::Summary));
        assert_eq!(f.trend(), Some(Trend::Up));
    }

    #[test]
    fn on_the_same_date_the_workers_own_reading_comes_before_an_import() {
        let f = figures(
            vec![Reading {
                as_at: d(9),
                counts: counts(70),
            }],
            vec![summary(d(9), 90)],
        );
        assert_eq!(
            f.current.map(|x| (x.source, x.counts.present)),
            Some((Source::Worker, 70))
        );
        assert_eq!(f.previous.map(|x| x.source), Some(Source::Summary));
    }
}
