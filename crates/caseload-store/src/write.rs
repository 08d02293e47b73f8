//! The one write path. Every change to the store is a [`Store::write`] call naming its
//! [`Action`], run in one IMMEDIATE transaction: it all commits or none of it does. The audit
//! trail (a later issue) appends its hash-chained entry here, inside the same transaction.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::StoreError;
use crate::open::Store;

/// What a write does, for the audit trail. Names only: never the personal data written.
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
    LegalStepAdd,
    ExportQueue,
    ExportDelivery,
    InboxTake,
    InboxConflictResolve,
    /// Closed cases deleted under the retention rule, with everything hanging off them.
    Purge,
    /// Delivered export bytes dropped from the outbox after the configured number of days.
    OutboxPurge,
}

/// Read access for table modules.
pub struct Reader<'c> {
    pub(crate) conn: &'c Connection,
}

/// Write access for table modules, only ever inside [`Store::write`]'s transaction.
pub struct Writer<'c> {
    pub(crate) conn: &'c Connection,
}

impl Writer<'_> {
    pub fn reader(&self) -> Reader<'_> {
        Reader { conn: self.conn }
    }
}

impl Store {
    pub fn read(&self) -> Reader<'_> {
        Reader { conn: &self.conn }
    }

    /// Runs `f` in one transaction and commits it, or rolls everything back on error.
    pub fn write<T>(
        &mut self,
        action: Action,
        f: impl FnOnce(&Writer<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let _ = action; // recorded by the audit trail once it exists
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&Writer { conn: &tx })?;
        tx.commit()?;
        Ok(value)
    }
}
