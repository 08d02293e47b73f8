//! Caseload's domain: the values a case worker records and the rules they must obey.
//! No I/O, no SQL, no Tauri: pure functions over values, so every rule is tested here.

pub mod attendance;
pub mod audit;
pub mod case;
pub mod chronology;
pub mod closure;
pub mod dates;
pub mod disclosure;
pub mod due;
pub mod family;
pub mod field;
pub mod funnel;
pub mod ids;
pub mod legal;
pub mod link_school;
pub mod local_model;
pub mod locking;
pub mod passphrase;
pub mod plan;
pub mod pupil;
pub mod report;
pub mod retention;
pub mod rules;
pub mod school;
pub mod transition;
pub mod tsm;
pub mod upn;

pub use case::{CaseStatus, CycleSettings, TransitionError, TransitionKind};
pub use closure::ClosureCategory;
pub use field::{Field, FieldError, FieldErrors, Invalid};
pub use ids::{
    CarerId, CaseId, ChronologyEntryId, ConflictId, DiscussionId, ExportId, FamilyChildId,
    FamilyId, ImportId, InboxFileId, LegalStepId, PlanActionId, ProposalId, PupilId, TeamId,
    TsmActionId, TsmId, WorkerId,
};
pub use passphrase::{MIN_PASSPHRASE_CHARS, MIN_PASSPHRASE_SCORE, NewPassphraseError, Passphrase};
pub use pupil::{PersonName, Pupil, PupilDraft, SchoolName, Urn, YearGroup};
pub use school::SchoolPhase;
pub use upn::{Upn, UpnError};
