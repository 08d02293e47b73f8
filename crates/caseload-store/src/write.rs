//! The one write path. Every change to the store is a [`Store::write`] call naming its
//! [`Action`], run in one IMMEDIATE transaction: it all commits or none of it does. The audit
//! trail's hash-chained entry for the write is appended here, inside the same transaction, so a
//! write and its entry are never apart.

use std::cell::RefCell;

use chrono::Utc;
use rusqlite::{Connection, TransactionBehavior};

use crate::audit;

use crate::error::StoreError;
use crate::open::Store;

/// What a write does, for the audit trail. Names only: never the personal data written. The
/// trail stores the variant's name in snake case (`CaseAdd` → `case_add`). Variants without
/// rows of their own (`Unlock`, `Lock`, `DocumentSaved`, …) are written as
/// `store.write(Action::X, |_w| Ok(()))`, which records exactly one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    CaseAdd,
    CaseUpdate,
    CaseTransition,
    AttendanceRecord,
    SettingsUpdate,
    DemoFill,
    ChronologyAdd,
    PlanSet,
    PlanActionAdd,
    PlanActionStatus,
    PupilDetailsSet,
    FamilyChange,
    LinkSchoolSet,
    TsmPlan,
    TsmEdit,
    TsmFinish,
    TsmActionReview,
    TsmReferral,
    ImportMarks,
    ImportSummary,
    /// The postcode-to-ward lookup was replaced by a file the worker loaded.
    PostcodeLookupLoad,
    LegalStepAdd,
    ExportQueue,
    ExportDelivery,
    InboxTake,
    InboxConflictResolve,
    /// The worker accepted a proposal from an allocation file (a new case, changed details).
    InboxProposalAccept,
    /// The worker refused a proposal from an allocation file; nothing was changed.
    InboxProposalRefuse,
    /// An export written to a file the worker chose (a local copy), not queued.
    ExportLocalCopy,
    /// A document written outside the caseload: a TSM record, an evidence bundle.
    DocumentSaved,
    /// The caseload was unlocked with the right passphrase.
    Unlock,
    /// A wrong passphrase, recorded on the next unlock with the time it was given (kept in
    /// `unlock-attempts.json` while locked; see `Store::audit_failed_unlocks`).
    UnlockFailed,
    /// The caseload was locked (by the worker, after inactivity, on sleep or screen lock).
    Lock,
    /// A backup was made and verified (no rows change; the audit trail records it).
    Backup,
    /// This caseload was restored from a backup (recorded once, on first opening it).
    Restore,
    /// Closed cases deleted under the retention rule, with everything hanging off them.
    Purge,
    /// Delivered export bytes dropped from the outbox after the configured number of days.
    OutboxPurge,
    /// The passphrase was changed; the detail says whether the database was re-keyed too.
    PassphraseChange,
}

/// Read access for table modules.
pub struct Reader<'c> {
    pub(crate) conn: &'c Connection,
}

/// Write access for table modules, only ever inside [`Store::write`]'s transaction.
pub struct Writer<'c> {
    pub(crate) conn: &'c Connection,
    note: RefCell<audit::Note>,
}

impl Writer<'_> {
    pub fn reader(&self) -> Reader<'_> {
        Reader { conn: self.conn }
    }

    /// Names the entity this write touched, for its audit entry: a kind (`case`,
    /// `chronology_entry`, `tsm`, `export`, …) and Caseload's own id for it, never a name or a
    /// UPN. Naming a `case` also links the entry to that case (its History tab lists it); when
    /// a write names a case and something else, the entry's entity is the other one.
    pub fn audit_entity(&self, kind: &str, id: &str) {
        let mut note = self.note.borrow_mut();
        if kind == "case" {
            note.case_id = id.to_string();
            if !note.entity_type.is_empty() {
                return;
            }
        }
        note.entity_type = kind.to_string();
        note.entity_id = id.to_string();
    }

    /// Non-personal detail for this write's audit entry: changed field names ("changed:
    /// legal_name, date_of_birth"), counts ("3 cases, 214 records"). Never names, UPNs, dates of
    /// birth or free text. A second call adds to the first, separated by "; ".
    pub fn audit_detail(&self, text: &str) {
        let mut note = self.note.borrow_mut();
        if !note.detail.is_empty() {
            note.detail.push_str("; ");
        }
        note.detail.push_str(text);
    }
}

impl Store {
    pub fn read(&self) -> Reader<'_> {
        Reader { conn: &self.conn }
    }

    /// Runs `f` in one transaction, appends the write's audit entry (its action, the entity it
    /// named, the time and the worker) and commits both, or rolls everything back on error.
    pub fn write<T>(
        &mut self,
        action: Action,
        f: impl FnOnce(&Writer<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let writer = Writer {
            conn: &tx,
            note: RefCell::new(audit::Note::default()),
        };
        let value = f(&writer)?;
        let note = writer.note.into_inner();
        audit::append(&tx, &action, note, Utc::now())?;
        tx.commit()?;
        Ok(value)
    }
}
