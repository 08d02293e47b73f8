//! The one attendance import that may run at a time: its progress, which the UI polls while
//! the import command runs on another thread, and the worker's request to cancel it. Cancelling
//! stops at the next progress report; the import's transaction then rolls back, so nothing of
//! the file is kept.

use std::ops::ControlFlow;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportPhase {
    /// Reading and checking the file.
    Reading,
    /// Saving its rows in the caseload.
    Saving,
}

/// Where the running import has got to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportProgress {
    pub file_name: String,
    pub phase: ImportPhase,
    #[ts(type = "number")]
    pub rows: u64,
    /// Rows to save, once the file has been read (0 while reading).
    #[ts(type = "number")]
    pub total_rows: u64,
    #[ts(type = "number")]
    pub bytes_read: u64,
    #[ts(type = "number")]
    pub total_bytes: u64,
    pub cancel_requested: bool,
}

#[derive(Default)]
pub(crate) struct ImportJobs {
    current: Mutex<Option<ImportProgress>>,
    cancel: AtomicBool,
}

/// The running import; dropping it (finished, failed or cancelled) frees the slot.
pub(crate) struct ImportJob<'a> {
    jobs: &'a ImportJobs,
}

impl ImportJobs {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<ImportProgress>> {
        self.current.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn start(
        &self,
        file_name: &str,
        total_bytes: u64,
    ) -> Result<ImportJob<'_>, AppError> {
        let mut current = self.lock();
        if let Some(running) = current.as_ref() {
            return Err(AppError::Conflict {
                message: format!(
                    "An import of {} is already running: wait for it to finish or cancel it",
                    running.file_name
                ),
            });
        }
        self.cancel.store(false, Ordering::SeqCst);
        *current = Some(ImportProgress {
            file_name: file_name.to_string(),
            phase: ImportPhase::Reading,
            rows: 0,
            total_rows: 0,
            bytes_read: 0,
            total_bytes,
            cancel_requested: false,
        });
        Ok(ImportJob { jobs: self })
    }

    pub(crate) fn progress(&self) -> Option<ImportProgress> {
        self.lock().clone()
    }

    /// Asks the running import to stop; false when none is running.
    pub(crate) fn cancel(&self) -> bool {
        let mut current = self.lock();
        match current.as_mut() {
            Some(p) => {
                p.cancel_requested = true;
                self.cancel.store(true, Ordering::SeqCst);
                true
            }
            None => false,
        }
    }
}

impl ImportJob<'_> {
    /// Records progress; `Break` when the worker has asked to cancel.
    pub(crate) fn report(&self, update: impl FnOnce(&mut ImportProgress)) -> ControlFlow<()> {
        if let Some(p) = self.jobs.lock().as_mut() {
            update(p);
        }
        if self.jobs.cancel.load(Ordering::SeqCst) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }
}

impl Drop for ImportJob<'_> {
    fn drop(&mut self) {
        *self.jobs.lock() = None;
        self.jobs.cancel.store(false, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_import_runs_at_a_time_and_a_cancel_reaches_it_at_its_next_report() {
        let jobs = ImportJobs::default();
        let job = jobs.start("marks.csv", 100).expect("start");
        assert!(jobs.start("other.csv", 1).is_err());
        assert_eq!(job.report(|p| p.rows = 10), ControlFlow::Continue(()));
        assert_eq!(jobs.progress().map(|p| p.rows), Some(10));
        assert!(jobs.cancel());
        assert_eq!(job.report(|p| p.rows = 20), ControlFlow::Break(()));
        drop(job);
        assert_eq!(jobs.progress(), None);
        assert!(!jobs.cancel(), "nothing left to cancel");
        let again = jobs.start("marks.csv", 100).expect("free again");
        assert_eq!(again.report(|_| ()), ControlFlow::Continue(()));
    }
}
