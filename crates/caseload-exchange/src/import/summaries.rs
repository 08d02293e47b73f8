//! The pupil attendance-summary import: one row per pupil with session counts as at a date
//! (the shape of a school's or the DfE's summary), and optionally the school's URN and phase,
//! the year group and the ward. Counts must add up (§5) and each UPN appears once per file.

use caseload_domain::attendance::SessionCounts;
use caseload_domain::{SchoolPhase, Upn, Urn, YearGroup};
use chrono::NaiveDate;
use serde::Serialize;

use super::cells::{self, Problem, PupilRows};
use super::columns::{self, ColumnMapping, Columns, ImportField};
use super::error::{ErrorList, ImportFailure};
use super::source::ImportSource;
use super::table::{self, ProgressFn, Row, RowSink};

/// One pupil's summary row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryRow {
    pub upn: Upn,
    pub counts: SessionCounts,
    pub as_at: NaiveDate,
    pub school_urn: Option<Urn>,
    pub school_phase: Option<SchoolPhase>,
    pub year_group: Option<YearGroup>,
    pub ward: Option<String>,
    /// The pupil's home postcode, normalised; `None` when blank or not a UK postcode.
    pub postcode: Option<String>,
}

/// An attendance-summary file, read whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryFile {
    /// The file's name, without its folder.
    pub file: String,
    /// Data rows read (wholly blank rows are not counted).
    pub rows: usize,
    /// One per pupil, in file order.
    pub pupils: Vec<SummaryRow>,
}

const REQUIRED: [ImportField; 6] = [
    ImportField::Upn,
    ImportField::PossibleSessions,
    ImportField::PresentSessions,
    ImportField::AuthorisedAbsenceSessions,
    ImportField::UnauthorisedAbsenceSessions,
    ImportField::AsAt,
];

const OPTIONAL: [ImportField; 5] = [
    ImportField::SchoolUrn,
    ImportField::SchoolPhase,
    ImportField::YearGroup,
    ImportField::Ward,
    ImportField::Postcode,
];

/// Reads an attendance-summary file (CSV or XLSX) whole, or says everything wrong with it.
/// `today` is the worker's local date: an `as_at` after it, or before 1 September 2000, is
/// refused. `progress` is called every 10,000 rows; returning `Break` cancels and nothing is
/// returned.
pub fn import_summaries(
    source: &ImportSource<'_>,
    mapping: &ColumnMapping,
    today: NaiveDate,
    progress: &mut ProgressFn<'_>,
) -> Result<SummaryFile, ImportFailure> {
    let mut sink = SummarySink {
        mapping,
        today,
        columns: None,
        pupils: Vec::new(),
        rows_of: PupilRows::default(),
    };
    let (rows, errors) = table::read_table(source, progress, &mut sink)?;
    let file = errors.file().to_string();
    errors.into_result()?;
    Ok(SummaryFile {
        file,
        rows,
        pupils: sink.pupils,
    })
}

struct SummarySink<'m> {
    mapping: &'m ColumnMapping,
    today: NaiveDate,
    columns: Option<Columns>,
    pupils: Vec<SummaryRow>,
    rows_of: PupilRows,
}

impl RowSink for SummarySink<'_> {
    fn header(&mut self, file: &str, headers: &[String]) -> Result<(), ImportFailure> {
        let columns = columns::resolve(file, headers, &REQUIRED, &OPTIONAL, self.mapping)?;
        self.columns = Some(columns);
        Ok(())
    }

    fn row(&mut self, row: &Row<'_>, errors: &mut ErrorList) {
        use ImportField as F;
        let Some(columns) = &self.columns else {
            return;
        };
        // An optional column the file lacks reads as blank cells.
        let cell = |field| row.cell(columns.get(field).unwrap_or(usize::MAX));
        let mut report = |field, p: Problem| {
            errors.push(row.number, Some(columns.header_of(field)), p.problem, p.fix);
        };
        let upn = cells::upn(cell(F::Upn)).map_err(|p| report(F::Upn, p)).ok();
        let mut count = |field: ImportField| {
            cells::count(cell(field), field.label())
                .map_err(|p| report(field, p))
                .ok()
        };
        let possible = count(F::PossibleSessions);
        let present = count(F::PresentSessions);
        let authorised = count(F::AuthorisedAbsenceSessions);
        let unauthorised = count(F::UnauthorisedAbsenceSessions);
        let as_at = cells::attendance_date(cell(F::AsAt), F::AsAt.label(), self.today)
            .map_err(|p| report(F::AsAt, p))
            .ok();
        let school_urn = cells::urn(cell(F::SchoolUrn))
            .map_err(|p| report(F::SchoolUrn, p))
            .ok();
        let school_phase = cells::phase(cell(F::SchoolPhase))
            .map_err(|p| report(F::SchoolPhase, p))
            .ok();
        let year_group = cells::year_group(cell(F::YearGroup))
            .map_err(|p| report(F::YearGroup, p))
            .ok();
        let ward = cells::ward(cell(F::Ward))
            .map_err(|p| report(F::Ward, p))
            .ok();
        let postcode = cells::postcode(cell(F::Postcode));

        let Some(upn) = upn else { return };
        if let Err(p) = self
            .rows_of
            .claim(&upn, row.number, "import the file again")
        {
            report(F::Upn, p);
            return;
        }
        let (
            Some(possible),
            Some(present),
            Some(authorised),
            Some(unauthorised),
            Some(as_at),
            Some(school_urn),
            Some(school_phase),
            Some(year_group),
            Some(ward),
        ) = (
            possible,
            present,
            authorised,
            unauthorised,
            as_at,
            school_urn,
            school_phase,
            year_group,
            ward,
        )
        else {
            return;
        };
        let counts = match SessionCounts::new(possible, present, authorised, unauthorised) {
            Ok(counts) => counts,
            Err(e) => {
                report(
                    F::PossibleSessions,
                    Problem {
                        problem: e.to_string(),
                        fix: "check the counts against the school's register: present plus \
                              authorised and unauthorised absence can be at most the possible \
                              sessions"
                            .to_string(),
                    },
                );
                return;
            }
        };
        self.pupils.push(SummaryRow {
            upn,
            counts,
            as_at,
            school_urn,
            school_phase,
            year_group,
            ward,
            postcode,
        });
    }
}
