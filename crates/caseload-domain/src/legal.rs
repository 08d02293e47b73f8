//! The legal ladder on a case (docs/domain.md §6): attendance contract → notice to improve → penalty
//! notice → education supervision order → prosecution, each step dated, with who decided it.
//! Steps are never edited: a correction is a new step of the same kind naming the one it
//! corrects, and only the latest version of a step counts. This module owns the steps' values;
//! `draft` checks a step's own fields as typed, `ladder` checks it against the case's record,
//! `penalty` holds the penalty-notice limits and amounts, `evidence` whether a penalty notice
//! stands on its evidence (the threshold met, the improvement period over), `bundle` what an
//! evidence bundle must hold, `alerts` what must not be missed.

mod alerts;
pub mod bundle;
mod draft;
pub mod evidence;
mod ladder;
pub mod penalty;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::LegalStepId;

pub use alerts::legal_alerts;
pub use draft::StepDraft;
pub use ladder::{NextStep, admit, effective, next_steps, suggested_step};
pub use penalty::{PenaltyAssessment, assess_penalties};

/// The rungs of the ladder, in the order they are normally climbed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum LegalStepKind {
    AttendanceContract,
    NoticeToImprove,
    PenaltyNotice,
    SupervisionOrder,
    Prosecution,
}

impl LegalStepKind {
    pub const ALL: &'static [LegalStepKind] = &[
        LegalStepKind::AttendanceContract,
        LegalStepKind::NoticeToImprove,
        LegalStepKind::PenaltyNotice,
        LegalStepKind::SupervisionOrder,
        LegalStepKind::Prosecution,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LegalStepKind::AttendanceContract => "attendance_contract",
            LegalStepKind::NoticeToImprove => "notice_to_improve",
            LegalStepKind::PenaltyNotice => "penalty_notice",
            LegalStepKind::SupervisionOrder => "supervision_order",
            LegalStepKind::Prosecution => "prosecution",
        }
    }

    /// Accepts the wire name, with `-` for `_` as typed on a command line.
    pub fn parse(value: &str) -> Option<Self> {
        let v = value.trim().replace('-', "_");
        Self::ALL.iter().copied().find(|k| k.as_str() == v)
    }

    pub fn label(self) -> &'static str {
        match self {
            LegalStepKind::AttendanceContract => "Attendance contract",
            LegalStepKind::NoticeToImprove => "Notice to improve",
            LegalStepKind::PenaltyNotice => "Penalty notice",
            LegalStepKind::SupervisionOrder => "Education supervision order",
            LegalStepKind::Prosecution => "Prosecution",
        }
    }

    /// The rung that normally comes just before this one.
    pub fn previous(self) -> Option<LegalStepKind> {
        let i = Self::ALL.iter().position(|k| *k == self)?;
        i.checked_sub(1).map(|p| Self::ALL[p])
    }
}

/// How far an education supervision order (Children Act 1989 s36) has gone. It must at least
/// be considered before prosecuting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum EsoStage {
    Considered,
    Applied,
    Made,
}

impl EsoStage {
    pub const ALL: &'static [EsoStage] = &[EsoStage::Considered, EsoStage::Applied, EsoStage::Made];

    pub fn as_str(self) -> &'static str {
        match self {
            EsoStage::Considered => "considered",
            EsoStage::Applied => "applied",
            EsoStage::Made => "made",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|s| s.as_str() == value.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            EsoStage::Considered => "Considered",
            EsoStage::Applied => "Applied for",
            EsoStage::Made => "Made",
        }
    }
}

/// The offence prosecuted (Education Act 1996): s444(1) failure to secure regular attendance,
/// or s444(1A) knowing failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ProsecutionSection {
    #[serde(rename = "s444_1")]
    S444_1,
    #[serde(rename = "s444_1a")]
    S444_1A,
}

impl ProsecutionSection {
    pub const ALL: [ProsecutionSection; 2] =
        [ProsecutionSection::S444_1, ProsecutionSection::S444_1A];

    pub fn as_str(self) -> &'static str {
        match self {
            ProsecutionSection::S444_1 => "s444_1",
            ProsecutionSection::S444_1A => "s444_1a",
        }
    }

    /// Accepts `s444_1`, `444-1a`, `s444(1A)` and the like.
    pub fn parse(value: &str) -> Option<Self> {
        let v: String = value
            .trim()
            .to_ascii_lowercase()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        match v.trim_start_matches('s') {
            "4441" => Some(ProsecutionSection::S444_1),
            "4441a" => Some(ProsecutionSection::S444_1A),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ProsecutionSection::S444_1 => {
                "Education Act 1996 s444(1): failure to secure regular attendance"
            }
            ProsecutionSection::S444_1A => {
                "Education Act 1996 s444(1A): knowing failure to secure regular attendance"
            }
        }
    }
}

/// What each kind of step records besides its date, decision maker and notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "LegalStepDetails"))]
pub enum StepDetails {
    AttendanceContract {
        /// Always true: a contract cannot be agreed in the parents' absence.
        parents_present: bool,
        terms: String,
        compliance: Option<String>,
    },
    NoticeToImprove {
        improvement_ends_on: NaiveDate,
        /// What "sufficient improvement" means, as the notice states it.
        sufficient_improvement: String,
        /// What came of the improvement period, once known.
        outcome: Option<String>,
    },
    PenaltyNotice {
        /// The parent it is issued to; the limit of two in 3 years is per parent and child.
        parent_name: String,
        paid_on: Option<NaiveDate>,
    },
    SupervisionOrder {
        stage: EsoStage,
        outcome: String,
    },
    Prosecution {
        section: ProsecutionSection,
        outcome: Option<String>,
    },
}

impl StepDetails {
    pub fn kind(&self) -> LegalStepKind {
        match self {
            StepDetails::AttendanceContract { .. } => LegalStepKind::AttendanceContract,
            StepDetails::NoticeToImprove { .. } => LegalStepKind::NoticeToImprove,
            StepDetails::PenaltyNotice { .. } => LegalStepKind::PenaltyNotice,
            StepDetails::SupervisionOrder { .. } => LegalStepKind::SupervisionOrder,
            StepDetails::Prosecution { .. } => LegalStepKind::Prosecution,
        }
    }
}

/// One step on the ladder. `on` is when it was agreed, issued or decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalStep {
    pub on: NaiveDate,
    pub decided_by: String,
    pub notes: Option<String>,
    /// Why the step was taken out of the ladder's order; required when it is.
    pub reason: Option<String>,
    pub details: StepDetails,
}

impl LegalStep {
    pub fn kind(&self) -> LegalStepKind {
        self.details.kind()
    }
}

/// A step as recorded: its id and the earlier step it corrects, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedStep {
    pub id: LegalStepId,
    pub corrects: Option<LegalStepId>,
    pub step: LegalStep,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_each_prosecution_section_once_in_declaration_order() {
        for (i, s) in ProsecutionSection::ALL.into_iter().enumerate() {
            assert_eq!(s as usize, i, "{s:?}");
        }
    }

    #[test]
    fn the_ladder_runs_contract_notice_penalty_order_prosecution() {
        let order: Vec<Option<LegalStepKind>> =
            LegalStepKind::ALL.iter().map(|k| k.previous()).collect();
        assert_eq!(
            order,
            vec![
                None,
                Some(LegalStepKind::AttendanceContract),
                Some(LegalStepKind::NoticeToImprove),
                Some(LegalStepKind::PenaltyNotice),
                Some(LegalStepKind::SupervisionOrder),
            ]
        );
        assert_eq!(
            LegalStepKind::parse("notice-to-improve"),
            Some(LegalStepKind::NoticeToImprove)
        );
    }

    #[test]
    fn prosecution_sections_parse_as_workers_write_them() {
        for v in ["s444_1a", "444-1a", "s444(1A)", "S444(1A)"] {
            assert_eq!(
                ProsecutionSection::parse(v),
                Some(ProsecutionSection::S444_1A),
                "{v}"
            );
        }
        assert_eq!(
            ProsecutionSection::parse("444(1)"),
            Some(ProsecutionSection::S444_1)
        );
        assert_eq!(ProsecutionSection::parse("443"), None);
    }
}
