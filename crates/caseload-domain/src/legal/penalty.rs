//! Penalty notices (docs/domain.md §6.4, from 19 August 2024): per parent and child, the first
//! notice is £160, reduced to £80 if paid within 21 days (due within 28); a second within 3
//! years is £160 flat; no third within 3 years. The 3-year window counts from the first notice
//! issued on or after 19 August 2024; notices before that date do not count towards the limit
//! (they were £120, or £60 if paid within 21 days).

use std::collections::HashMap;

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{RecordedStep, StepDetails};
use crate::field::Invalid;
use crate::ids::LegalStepId;

/// Most notices to one parent for one child within one 3-year window.
pub const MAX_IN_WINDOW: u8 = 2;
const WINDOW_MONTHS: u32 = 36;
const REDUCED_WITHIN_DAYS: u64 = 21;
const DUE_WITHIN_DAYS: u64 = 28;
pub const FULL_PENCE: u32 = 16_000;
pub const REDUCED_PENCE: u32 = 8_000;
const EARLIER_FULL_PENCE: u32 = 12_000;
const EARLIER_REDUCED_PENCE: u32 = 6_000;

/// The day the national framework's limits and amounts began.
pub fn regime_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 8, 19).unwrap_or(NaiveDate::MIN)
}

/// The first day after the 3-year window that begins on `start`.
pub fn window_end(start: NaiveDate) -> NaiveDate {
    start
        .checked_add_months(Months::new(WINDOW_MONTHS))
        .unwrap_or(NaiveDate::MAX)
}

/// A notice's place among one parent's notices for one child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// 1 for the first in its window, 2 for the second, 3 for one that is not allowed.
    pub number: u8,
    /// The first notice of the window it falls in.
    pub window_from: NaiveDate,
}

/// Numbers one parent's notices for one child. The result is in the order of `dates`; a notice
/// before 19 August 2024 has no place (it does not count).
pub fn number_notices(dates: &[NaiveDate]) -> Vec<Option<Place>> {
    let mut order: Vec<usize> = (0..dates.len()).collect();
    order.sort_by_key(|&i| (dates[i], i));
    let mut places = vec![None; dates.len()];
    let mut window: Option<(NaiveDate, u8)> = None;
    for i in order {
        let on = dates[i];
        if on < regime_start() {
            continue;
        }
        let (from, number) = match window {
            Some((from, n)) if on < window_end(from) => (from, n.saturating_add(1)),
            _ => (on, 1),
        };
        window = Some((from, number));
        places[i] = Some(Place {
            number,
            window_from: from,
        });
    }
    places
}

use crate::dates::long_date;

/// Whether another notice to this parent for this child may be issued on `on`, given the
/// dates of the ones already issued. Returns its place (none before 19 August 2024).
pub fn check_new_notice(earlier: &[NaiveDate], on: NaiveDate) -> Result<Option<Place>, Invalid> {
    let mut dates = earlier.to_vec();
    dates.push(on);
    let places = number_notices(&dates);
    if let Some(over) = places.iter().flatten().find(|p| p.number > MAX_IN_WINDOW) {
        let last = window_end(over.window_from) - Days::new(1);
        return Err(Invalid(format!(
            "A third penalty notice to the same parent for this child within 3 years is not allowed: two fall in the window from {} to {}. Use another tool instead, such as an education supervision order or prosecution",
            long_date(over.window_from),
            long_date(last)
        )));
    }
    Ok(places.last().copied().flatten())
}

/// What a notice costs and by when, worked out from its place and payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PenaltyAssessment {
    /// 1 or 2 within the parent's 3-year window; `null` for a notice before 19 August 2024,
    /// which does not count towards the limit.
    pub number: Option<u8>,
    /// The window: from its first notice to its last day.
    pub window_from: Option<NaiveDate>,
    pub window_to: Option<NaiveDate>,
    /// What is due, in pence, given the payment recorded.
    pub amount_pence: u32,
    /// Paying by this date reduces a first notice (21 days); `null` for a second notice.
    pub reduced_by: Option<NaiveDate>,
    /// Payment is due by this date (28 days).
    pub due_by: NaiveDate,
    pub paid_on: Option<NaiveDate>,
}

pub fn assess(
    issued: NaiveDate,
    paid_on: Option<NaiveDate>,
    place: Option<Place>,
) -> PenaltyAssessment {
    let reduced_by = issued + Days::new(REDUCED_WITHIN_DAYS);
    let paid_early = paid_on.is_some_and(|p| p <= reduced_by);
    let (amount_pence, reduced_by) = match place {
        Some(p) if p.number >= 2 => (FULL_PENCE, None),
        Some(_) if paid_early => (REDUCED_PENCE, Some(reduced_by)),
        Some(_) => (FULL_PENCE, Some(reduced_by)),
        None if paid_early => (EARLIER_REDUCED_PENCE, Some(reduced_by)),
        None => (EARLIER_FULL_PENCE, Some(reduced_by)),
    };
    PenaltyAssessment {
        number: place.map(|p| p.number),
        window_from: place.map(|p| p.window_from),
        window_to: place.map(|p| window_end(p.window_from) - Days::new(1)),
        amount_pence,
        reduced_by,
        due_by: issued + Days::new(DUE_WITHIN_DAYS),
        paid_on,
    }
}

/// Parents are matched by name, ignoring case and spacing.
pub fn parent_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// One penalty notice among the steps, with its place once numbered.
struct Notice<'a> {
    id: &'a LegalStepId,
    parent: &'a str,
    on: NaiveDate,
    paid_on: Option<NaiveDate>,
    place: Option<Place>,
}

fn notices<'a>(steps: &[&'a RecordedStep]) -> Vec<Notice<'a>> {
    steps
        .iter()
        .filter_map(|s| match &s.step.details {
            StepDetails::PenaltyNotice {
                parent_name,
                paid_on,
            } => Some(Notice {
                id: &s.id,
                parent: parent_name,
                on: s.step.on,
                paid_on: *paid_on,
                place: None,
            }),
            _ => None,
        })
        .collect()
}

/// The notices grouped by parent (in the order each parent first appears), each numbered.
fn by_parent<'a>(steps: &[&'a RecordedStep]) -> Vec<Vec<Notice<'a>>> {
    let mut groups: Vec<(String, Vec<Notice<'a>>)> = Vec::new();
    for n in notices(steps) {
        let key = parent_key(n.parent);
        match groups.iter_mut().find(|g| g.0 == key) {
            Some(g) => g.1.push(n),
            None => groups.push((key, vec![n])),
        }
    }
    groups
        .into_iter()
        .map(|(_, mut list)| {
            let dates: Vec<NaiveDate> = list.iter().map(|n| n.on).collect();
            for (n, place) in list.iter_mut().zip(number_notices(&dates)) {
                n.place = place;
            }
            list
        })
        .collect()
}

/// Each current penalty notice's assessment, by step id. `steps` are the current steps.
pub fn assess_penalties(steps: &[&RecordedStep]) -> HashMap<LegalStepId, PenaltyAssessment> {
    by_parent(steps)
        .into_iter()
        .flatten()
        .map(|n| (n.id.clone(), assess(n.on, n.paid_on, n.place)))
        .collect()
}

/// The dates of notices already issued to this parent among `steps`, leaving out `except`.
pub(crate) fn issued_to(steps: &[&RecordedStep], parent: &str) -> Vec<NaiveDate> {
    let key = parent_key(parent);
    notices(steps)
        .into_iter()
        .filter(|n| parent_key(n.parent) == key)
        .map(|n| n.on)
        .collect()
}

/// Parents who have had the most notices allowed in a window still running on `today`:
/// (name, window's first notice, first day another may be issued).
pub(crate) fn at_limit<'a>(
    steps: &[&'a RecordedStep],
    today: NaiveDate,
) -> Vec<(&'a str, NaiveDate, NaiveDate)> {
    by_parent(steps)
        .into_iter()
        .filter_map(|list| {
            let parent = list.first()?.parent;
            let latest = list
                .iter()
                .filter_map(|n| n.place)
                .max_by_key(|p| (p.window_from, p.number))?;
            let end = window_end(latest.window_from);
            (latest.number >= MAX_IN_WINDOW && latest.window_from <= today && today < end)
                .then_some((parent, latest.window_from, end))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn numbers(dates: &[NaiveDate]) -> Vec<Option<u8>> {
        number_notices(dates)
            .into_iter()
            .map(|p| p.map(|p| p.number))
            .collect()
    }

    #[test]
    fn a_first_notice_is_160_pounds_or_80_if_paid_within_21_days() {
        let issued = d(2025, 1, 6);
        let first = Some(Place {
            number: 1,
            window_from: issued,
        });
        assert_eq!(assess(issued, None, first).amount_pence, 16_000);
        assert_eq!(
            assess(issued, Some(d(2025, 1, 27)), first).amount_pence,
            8_000
        );
        assert_eq!(
            assess(issued, Some(d(2025, 1, 28)), first).amount_pence,
            16_000
        );
        let a = assess(issued, None, first);
        assert_eq!(a.reduced_by, Some(d(2025, 1, 27)));
        assert_eq!(a.due_by, d(2025, 2, 3));
        assert_eq!(a.window_to, Some(d(2028, 1, 5)));
    }

    #[test]
    fn a_second_notice_within_3_years_is_160_pounds_however_soon_it_is_paid() {
        let second = Some(Place {
            number: 2,
            window_from: d(2025, 1, 6),
        });
        let a = assess(d(2025, 6, 2), Some(d(2025, 6, 3)), second);
        assert_eq!(a.amount_pence, 16_000);
        assert_eq!(a.reduced_by, None);
    }

    #[test]
    fn a_third_notice_within_3_years_of_the_first_is_refused() {
        let earlier = [d(2025, 1, 6), d(2025, 6, 2)];
        let e = check_new_notice(&earlier, d(2027, 3, 1)).expect_err("third");
        assert!(e.0.contains("third penalty notice"), "{e}");
        assert!(e.0.contains("6 January 2025 to 5 January 2028"), "{e}");
        assert!(e.0.contains("Use another tool"), "{e}");
    }

    #[test]
    fn the_window_closes_3_years_to_the_day_after_the_first_notice() {
        let earlier = [d(2025, 1, 6), d(2025, 6, 2)];
        assert!(
            check_new_notice(&earlier, d(2028, 1, 5)).is_err(),
            "last day of the window"
        );
        let next = check_new_notice(&earlier, d(2028, 1, 6))
            .expect("first day after the window")
            .expect("counted");
        assert_eq!(next.number, 1, "a new window starts");
        assert_eq!(next.window_from, d(2028, 1, 6));
    }

    #[test]
    fn the_window_counts_from_the_first_notice_on_or_after_19_august_2024() {
        // Notices before the framework began do not count, even days before it.
        assert_eq!(
            numbers(&[d(2024, 8, 18), d(2024, 8, 19), d(2025, 1, 1)]),
            vec![None, Some(1), Some(2)]
        );
        let earlier = [d(2023, 5, 1), d(2024, 2, 1), d(2024, 8, 18)];
        let place = check_new_notice(&earlier, d(2024, 9, 2))
            .expect("earlier notices do not count")
            .expect("counted");
        assert_eq!(place.number, 1);
        let before = check_new_notice(&[], d(2024, 8, 18)).expect("allowed");
        assert_eq!(before, None);
        assert_eq!(assess(d(2024, 8, 18), None, None).amount_pence, 12_000);
    }

    #[test]
    fn a_backdated_notice_that_would_make_a_later_one_the_third_is_refused() {
        let earlier = [d(2025, 1, 6), d(2025, 9, 1)];
        assert!(check_new_notice(&earlier, d(2025, 3, 3)).is_err());
    }

    #[test]
    fn notices_are_numbered_per_parent_by_name_regardless_of_case_and_spacing() {
        use crate::legal::{LegalStep, RecordedStep};
        let pn = |id: &str, parent: &str, on: NaiveDate| RecordedStep {
            id: id.into(),
            corrects: None,
            step: LegalStep {
                on,
                decided_by: "Manager".into(),
                notes: None,
                reason: None,
                details: StepDetails::PenaltyNotice {
                    parent_name: parent.into(),
                    paid_on: None,
                },
            },
        };
        let steps = [
            pn("a", "Parent One", d(2025, 1, 6)),
            pn("b", "Parent Two", d(2025, 2, 3)),
            pn("c", "parent  one", d(2025, 6, 2)),
        ];
        let refs: Vec<&RecordedStep> = steps.iter().collect();
        let all = assess_penalties(&refs);
        assert_eq!(all["a"].number, Some(1));
        assert_eq!(all["b"].number, Some(1));
        assert_eq!(all["c"].number, Some(2));
        assert_eq!(issued_to(&refs, "PARENT ONE").len(), 2);
        let limit = at_limit(&refs, d(2026, 1, 1));
        assert_eq!(limit, vec![("Parent One", d(2025, 1, 6), d(2028, 1, 6))]);
        assert!(at_limit(&refs, d(2028, 1, 6)).is_empty(), "window over");
    }
}
