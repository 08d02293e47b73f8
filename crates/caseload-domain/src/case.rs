//! A case: the work a worker holds for one pupil. The lifecycle (referral, triage, allocation,
//! review, closure) arrives with the caseload issue; for now a case is open once added.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum CaseStatus {
    Open,
}

impl CaseStatus {
    /// Every status, for exhaustive tests and pickers.
    pub const ALL: &'static [CaseStatus] = &[CaseStatus::Open];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Open => "open",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "open" => Some(CaseStatus::Open),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_round_trips_through_its_stored_name() {
        for &status in CaseStatus::ALL {
            assert_eq!(CaseStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(CaseStatus::parse("closed-by-magic"), None);
    }
}
