//! A school's phase (docs/domain.md §3), which splits every council report into primary and secondary.

use serde::{Deserialize, Serialize};

use crate::field::Invalid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SchoolPhase {
    Primary,
    Secondary,
    Special,
    AlternativeProvision,
}

impl SchoolPhase {
    pub const ALL: &'static [SchoolPhase] = &[
        SchoolPhase::Primary,
        SchoolPhase::Secondary,
        SchoolPhase::Special,
        SchoolPhase::AlternativeProvision,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SchoolPhase::Primary => "primary",
            SchoolPhase::Secondary => "secondary",
            SchoolPhase::Special => "special",
            SchoolPhase::AlternativeProvision => "alternative_provision",
        }
    }

    /// Accepts the stored name, or a label as a worker or a spreadsheet writes it.
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        let v = value.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        match v.as_str() {
            "primary" => Ok(SchoolPhase::Primary),
            "secondary" => Ok(SchoolPhase::Secondary),
            "special" => Ok(SchoolPhase::Special),
            "alternative_provision" | "ap" => Ok(SchoolPhase::AlternativeProvision),
            _ => Err(Invalid::from(
                "School phase must be primary, secondary, special or alternative provision",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_parse_from_stored_names_and_written_labels() {
        for &p in SchoolPhase::ALL {
            assert_eq!(SchoolPhase::parse(p.as_str()), Ok(p));
        }
        assert_eq!(
            SchoolPhase::parse("Alternative provision"),
            Ok(SchoolPhase::AlternativeProvision)
        );
        assert_eq!(
            SchoolPhase::parse(" Secondary "),
            Ok(SchoolPhase::Secondary)
        );
        assert!(SchoolPhase::parse("nursery").is_err());
    }
}
