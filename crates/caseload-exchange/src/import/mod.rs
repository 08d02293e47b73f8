//! Attendance files in: session marks and pupil summaries from CSV or XLSX, read whole or not
//! at all. A file that cannot be taken as it is comes back as an [`ImportFailure`] naming the
//! file, row and column of each problem and what to do; nothing partial is ever returned.
//! Reads files and bytes only: it writes nothing and touches no database.
//!
//! ```no_run
//! use std::ops::ControlFlow;
//! use std::path::Path;
//! use caseload_exchange::import::{import_marks, ColumnMapping, ImportSource};
//!
//! let source = ImportSource::path(Path::new("marks.csv"));
//! let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("a date");
//! let go = &mut |_| ControlFlow::Continue(());
//! let marks = import_marks(&source, &ColumnMapping::new(), today, go);
//! ```

mod allocations;
mod cells;
mod columns;
mod csv_table;
mod error;
mod limits;
mod marks;
mod postcode_lookup;
mod shown;
mod source;
mod summaries;
mod table;
mod xlsx_table;

pub use allocations::{AllocationFile, AllocationRow, import_allocations};
pub use columns::{ColumnMapping, ImportField, normalise_header};
pub use error::{ImportError, ImportFailure, MAX_LISTED_ERRORS, UnreadableReason};
pub use marks::{MarksFile, PupilMarks, import_marks};
pub use postcode_lookup::{
    LookupFailure, LookupRead, LookupRow, MAX_LISTED_LINES, read_postcode_lookup,
};
pub use source::ImportSource;
pub use summaries::{SummaryFile, SummaryRow, import_summaries};
pub use table::{PROGRESS_EVERY_ROWS, Progress, ProgressFn};
