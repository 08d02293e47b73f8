//! The council's local model in the ward report (docs/domain.md §5.11, §9.2): how many of each
//! ward's pupils this year are in range for each group of the model, beside the band table. A
//! pupil in range for two groups counts in both; the LA Total row adds the wards.

use super::ward::{LA_TOTAL, NO_WARD, WardPupil, ward_name};
use crate::local_model::LocalModel;

/// One row per ward (alphabetical, "Postcode unmatched" last, only where it has pupils), then the
/// LA Total; each row's counts in the model's order. Empty when the model has no groups.
pub fn ward_model_counts(pupils: &[WardPupil], model: &LocalModel) -> Vec<(String, Vec<u64>)> {
    if model.groups.is_empty() {
        return Vec::new();
    }
    let mut rows: Vec<(String, Vec<u64>)> = Vec::new();
    let mut total = vec![0u64; model.groups.len()];
    for pupil in pupils {
        let ward = ward_name(pupil);
        let at = match rows.iter().position(|(w, _)| w == ward) {
            Some(i) => i,
            None => {
                rows.push((ward.to_string(), vec![0; model.groups.len()]));
                rows.len() - 1
            }
        };
        let pct = pupil.counts.attendance_pct();
        for (i, group) in model.groups.iter().enumerate() {
            if pct.is_some_and(|p| group.holds(p)) {
                rows[at].1[i] += 1;
                total[i] += 1;
            }
        }
    }
    rows.sort_by(|(a, _), (b, _)| {
        (a == NO_WARD, a.to_lowercase()).cmp(&(b == NO_WARD, b.to_lowercase()))
    });
    rows.push((LA_TOTAL.to_string(), total));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attendance::SessionCounts;

    fn pupil(ward: Option<&str>, present: u32) -> WardPupil {
        WardPupil {
            ward: ward.map(str::to_string),
            phase: None,
            counts: SessionCounts::new(100, present, 100 - present, 0).expect("counts"),
        }
    }

    #[test]
    fn each_ward_counts_its_pupils_in_each_group_and_the_la_total_adds_them() {
        let pupils = [
            pupil(Some("Riverside"), 80),
            pupil(Some("Abbey"), 50),
            pupil(Some("Abbey"), 90),
            pupil(None, 60),
            pupil(Some("Abbey"), 20),
        ];
        let rows = ward_model_counts(&pupils, &LocalModel::example());
        assert_eq!(
            rows,
            [
                ("Abbey".to_string(), vec![1, 1, 1]),
                ("Riverside".to_string(), vec![1, 0, 0]),
                (NO_WARD.to_string(), vec![0, 1, 1]),
                (LA_TOTAL.to_string(), vec![2, 2, 2]),
            ]
        );
        assert!(ward_model_counts(&pupils, &LocalModel::none()).is_empty());
    }
}
