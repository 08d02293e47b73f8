//! Caseload's domain: the values a case worker records and the rules they must obey.
//! No I/O, no SQL, no Tauri: pure functions over values, so every rule is tested here.

pub mod case;
pub mod field;
pub mod ids;
pub mod passphrase;
pub mod pupil;
pub mod upn;

pub use case::CaseStatus;
pub use field::{Field, FieldError, FieldErrors};
pub use ids::CaseId;
pub use passphrase::{MIN_PASSPHRASE_CHARS, NewPassphraseError, Passphrase};
pub use pupil::{PersonName, Pupil, PupilDraft, SchoolName, Urn, YearGroup};
pub use upn::{Upn, UpnError};
