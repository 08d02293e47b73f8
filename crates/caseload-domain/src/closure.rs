//! Why a case closed, as a category the worker picks (issue 14): a default (pseudonymised)
//! export carries the category, never the reason typed beside it, which is free text and may
//! hold a name, a date of birth or an address.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ClosureCategory {
    AttendanceImproved,
    MovedSchoolOrArea,
    ElectiveHomeEducation,
    ChildrenMissingEducation,
    LegalActionTaken,
    ReferredToAnotherService,
    EngagementDeclined,
    Other,
}

/// What an export shows for a case closed before categories were recorded.
pub const CLOSURE_NOT_RECORDED: &str = "Not recorded";

impl ClosureCategory {
    /// Every category, in the order a worker is offered them.
    pub const ALL: [ClosureCategory; 8] = [
        ClosureCategory::AttendanceImproved,
        ClosureCategory::MovedSchoolOrArea,
        ClosureCategory::ElectiveHomeEducation,
        ClosureCategory::ChildrenMissingEducation,
        ClosureCategory::LegalActionTaken,
        ClosureCategory::ReferredToAnotherService,
        ClosureCategory::EngagementDeclined,
        ClosureCategory::Other,
    ];

    /// The stored and typed name: `attendance_improved`, …
    pub fn as_str(self) -> &'static str {
        match self {
            ClosureCategory::AttendanceImproved => "attendance_improved",
            ClosureCategory::MovedSchoolOrArea => "moved_school_or_area",
            ClosureCategory::ElectiveHomeEducation => "elective_home_education",
            ClosureCategory::ChildrenMissingEducation => "children_missing_education",
            ClosureCategory::LegalActionTaken => "legal_action_taken",
            ClosureCategory::ReferredToAnotherService => "referred_to_another_service",
            ClosureCategory::EngagementDeclined => "engagement_declined",
            ClosureCategory::Other => "other",
        }
    }

    /// How a worker reads it, and what an export shows.
    pub fn label(self) -> &'static str {
        match self {
            ClosureCategory::AttendanceImproved => "Attendance improved and sustained",
            ClosureCategory::MovedSchoolOrArea => "Moved school or out of area",
            ClosureCategory::ElectiveHomeEducation => "Elective home education",
            ClosureCategory::ChildrenMissingEducation => "Referred as a child missing education",
            ClosureCategory::LegalActionTaken => "Legal action taken",
            ClosureCategory::ReferredToAnotherService => "Referred to another service",
            ClosureCategory::EngagementDeclined => "Family declined to engage",
            ClosureCategory::Other => "Other",
        }
    }

    /// Accepts the stored name (`moved_school_or_area`) or the same with `-` for `_`.
    pub fn parse(value: &str) -> Option<ClosureCategory> {
        let v = value.trim().to_ascii_lowercase().replace('-', "_");
        ClosureCategory::ALL.into_iter().find(|c| c.as_str() == v)
    }

    /// "Choose why the case closed: Attendance improved and sustained, … or Other".
    pub fn choose_message() -> String {
        let labels: Vec<&str> = ClosureCategory::ALL.iter().map(|c| c.label()).collect();
        let (last, rest) = labels.split_last().expect("categories");
        format!("Choose why the case closed: {} or {last}", rest.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_round_trips_through_its_stored_name() {
        for c in ClosureCategory::ALL {
            assert_eq!(ClosureCategory::parse(c.as_str()), Some(c));
            assert_eq!(
                ClosureCategory::parse(&c.as_str().replace('_', "-").to_uppercase()),
                Some(c)
            );
            let json = serde_json::to_string(&c).expect("json");
            assert_eq!(json, format!("\"{}\"", c.as_str()));
        }
        assert_eq!(ClosureCategory::parse("moved"), None);
        assert!(ClosureCategory::choose_message().ends_with(" or Other"));
    }
}
