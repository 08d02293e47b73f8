//! The council's own model over the national figures (docs/domain.md §5.11): named groups, each
//! for an attendance range and with the criteria a worker reads to decide between groups that
//! share a range. The shipped example is one city's programme: Wave 1 universal school support
//! for 71–95%; Wave 2 the attendance taskforce and Wave 3 family support officers, both for
//! 41–70%. Nothing here is hard-coded into any other rule: a council edits the groups, or has
//! none.
//!
//! A pupil is *in range* for every group whose range holds their attendance, judged like the
//! 10-point bands on the whole percent rounded half away from zero (70.5% is 71, so in Wave 1).
//! Where ranges overlap (Wave 2 and Wave 3), a pupil is in range for both, and the criteria say
//! which fits; counts count the pupil once in each group.

use serde::{Deserialize, Serialize};

use crate::attendance::Tenths;
use crate::field::{Field, FieldErrors};

/// Most groups a model may have: a dashboard column of tags stays readable.
pub const MAX_GROUPS: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LocalModel {
    /// What the council calls it, e.g. "Attendance programme waves".
    pub name: String,
    /// In the order the council lists them; empty when the council uses no model.
    pub groups: Vec<ModelGroup>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ModelGroup {
    /// Short, shown as a tag: "Wave 1".
    pub name: String,
    /// Lowest whole percent in range (0–100).
    pub from_pct: u8,
    /// Highest whole percent in range (0–100, not below `from_pct`).
    pub to_pct: u8,
    /// Who the group is for beyond the range, e.g. "pupils at risk of disconnection or
    /// involvement in crime". May be empty.
    pub criteria: String,
}

impl ModelGroup {
    fn new(name: &str, from_pct: u8, to_pct: u8, criteria: &str) -> ModelGroup {
        ModelGroup {
            name: name.to_string(),
            from_pct,
            to_pct,
            criteria: criteria.to_string(),
        }
    }

    /// Whether attendance `pct` is in this group's range (on the rounded whole percent).
    pub fn holds(&self, pct: Tenths) -> bool {
        let whole = (pct.0 + 5) / 10;
        u16::from(self.from_pct) <= whole && whole <= u16::from(self.to_pct)
    }

    /// "71–95%".
    pub fn range_label(&self) -> String {
        format!("{}–{}%", self.from_pct, self.to_pct)
    }
}

impl LocalModel {
    /// The shipped example (docs/domain.md §5.11), the default until a council changes it.
    pub fn example() -> LocalModel {
        LocalModel {
            name: "Attendance programme waves".to_string(),
            groups: vec![
                ModelGroup::new("Wave 1", 71, 95, "Universal support in school"),
                ModelGroup::new(
                    "Wave 2",
                    41,
                    70,
                    "Attendance taskforce: pupils at risk of disconnection or involvement in crime",
                ),
                ModelGroup::new(
                    "Wave 3",
                    41,
                    70,
                    "Family support officers: hard-to-reach families",
                ),
            ],
        }
    }

    /// No model: no column, no counts.
    pub fn none() -> LocalModel {
        LocalModel {
            name: String::new(),
            groups: Vec::new(),
        }
    }

    /// Every problem at once, each saying what to do.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        if !self.groups.is_empty() && self.name.trim().is_empty() {
            errors.push(Field::Name, "Enter a name for the model");
        }
        if self.groups.len() > MAX_GROUPS {
            errors.push(
                Field::ModelGroups,
                format!("Keep to {MAX_GROUPS} groups or fewer"),
            );
        }
        let mut names = std::collections::HashSet::new();
        for (i, g) in self.groups.iter().enumerate() {
            let n = i + 1;
            if g.name.trim().is_empty() {
                errors.push(Field::ModelGroups, format!("Enter a name for group {n}"));
            } else if !names.insert(g.name.trim().to_lowercase()) {
                errors.push(
                    Field::ModelGroups,
                    format!("Group {n} has the same name as another: give each group its own"),
                );
            }
            if g.from_pct > 100 || g.to_pct > 100 {
                errors.push(
                    Field::ModelGroups,
                    format!("Group {n}: attendance runs from 0 to 100%"),
                );
            } else if g.from_pct > g.to_pct {
                errors.push(
                    Field::ModelGroups,
                    format!(
                        "Group {n}: the range starts at {}% and ends at {}%; the start must not be above the end",
                        g.from_pct, g.to_pct
                    ),
                );
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The groups whose range holds `pct`, in the council's order; none without a figure.
    pub fn groups_for(&self, pct: Option<Tenths>) -> Vec<&ModelGroup> {
        match pct {
            Some(p) => self.groups.iter().filter(|g| g.holds(p)).collect(),
            None => Vec::new(),
        }
    }

    /// How many of the figures each group holds, in the council's order (a pupil in range for
    /// two groups counts in both).
    pub fn counts(&self, pcts: impl IntoIterator<Item = Option<Tenths>>) -> Vec<u64> {
        let mut counts = vec![0u64; self.groups.len()];
        for pct in pcts.into_iter().flatten() {
            for (i, g) in self.groups.iter().enumerate() {
                if g.holds(pct) {
                    counts[i] += 1;
                }
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(m: &LocalModel, tenths: u16) -> Vec<&str> {
        m.groups_for(Some(Tenths(tenths)))
            .iter()
            .map(|g| g.name.as_str())
            .collect()
    }

    #[test]
    fn the_example_puts_each_attendance_in_the_councils_waves() {
        let m = LocalModel::example();
        assert_eq!(names(&m, 950), ["Wave 1"]);
        assert_eq!(names(&m, 710), ["Wave 1"]);
        // 70.5% rounds to 71, as the bands do.
        assert_eq!(names(&m, 705), ["Wave 1"]);
        assert_eq!(names(&m, 704), ["Wave 2", "Wave 3"]);
        assert_eq!(names(&m, 410), ["Wave 2", "Wave 3"]);
        assert!(names(&m, 404).is_empty(), "below 41% is in no wave");
        assert!(names(&m, 955).is_empty(), "96% and above need no wave");
        assert!(m.groups_for(None).is_empty());
    }

    #[test]
    fn counts_count_a_pupil_in_every_group_in_range() {
        let m = LocalModel::example();
        let pcts = [
            Some(Tenths(800)),
            Some(Tenths(500)),
            Some(Tenths(300)),
            None,
        ];
        assert_eq!(m.counts(pcts), [1, 1, 1]);
    }

    #[test]
    fn a_model_with_a_backwards_range_or_a_repeated_name_is_refused_with_each_problem() {
        let mut m = LocalModel::example();
        m.groups[0].from_pct = 96;
        m.groups[2].name = "wave 2".into();
        m.groups.push(ModelGroup::new("", 0, 101, ""));
        let errors = m.validate().expect_err("refused");
        let messages: Vec<String> = errors.iter().map(|e| e.message.clone()).collect();
        assert_eq!(
            messages,
            [
                "Group 1: the range starts at 96% and ends at 95%; the start must not be above the end",
                "Group 3 has the same name as another: give each group its own",
                "Enter a name for group 4",
                "Group 4: attendance runs from 0 to 100%",
            ]
        );
        assert!(LocalModel::example().validate().is_ok());
        assert!(LocalModel::none().validate().is_ok());
    }
}
