//! The allocation import: the council's list of cases assigned to this worker, one row per
//! pupil with the pupil's details and, optionally, the referral's date and source. Each row is
//! validated exactly as the worker's own "Add a case" form validates it, and each UPN appears
//! once per file. Errors name the row and column, never the value (names are personal data).

use caseload_domain::{Field, Pupil, PupilDraft};
use chrono::NaiveDate;

use super::cells::{self, Problem, PupilRows, optional_text};
use super::columns::{self, ColumnMapping, Columns, ImportField};
use super::error::{ErrorList, ImportFailure};
use super::source::ImportSource;
use super::table::{self, ProgressFn, Row, RowSink};

/// One allocated case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocationRow {
    /// The spreadsheet row it came from (header is row 1).
    pub row: usize,
    pub pupil: Pupil,
    pub referral_date: Option<NaiveDate>,
    pub referral_source: Option<String>,
}

/// An allocation file, read whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocationFile {
    pub file: String,
    pub rows: usize,
    pub cases: Vec<AllocationRow>,
}

const REQUIRED: [ImportField; 6] = [
    ImportField::Upn,
    ImportField::LegalName,
    ImportField::DateOfBirth,
    ImportField::SchoolUrn,
    ImportField::SchoolName,
    ImportField::YearGroup,
];

const OPTIONAL: [ImportField; 4] = [
    ImportField::PreferredName,
    ImportField::SchoolPhase,
    ImportField::ReferralDate,
    ImportField::ReferralSource,
];

/// Reads an allocation file (CSV or XLSX) whole, or says everything wrong with it. `today` is
/// the worker's local date (a date of birth or referral may not be in the future).
pub fn import_allocations(
    source: &ImportSource<'_>,
    mapping: &ColumnMapping,
    today: NaiveDate,
    progress: &mut ProgressFn<'_>,
) -> Result<AllocationFile, ImportFailure> {
    let mut sink = AllocationSink {
        mapping,
        today,
        columns: None,
        cases: Vec::new(),
        rows_of: PupilRows::default(),
    };
    let (rows, errors) = table::read_table(source, progress, &mut sink)?;
    let file = errors.file().to_string();
    errors.into_result()?;
    Ok(AllocationFile {
        file,
        rows,
        cases: sink.cases,
    })
}

struct AllocationSink<'m> {
    mapping: &'m ColumnMapping,
    today: NaiveDate,
    columns: Option<Columns>,
    cases: Vec<AllocationRow>,
    rows_of: PupilRows,
}

/// The import column a pupil-form field is read from.
fn column_of(field: Field) -> ImportField {
    match field {
        Field::LegalName => ImportField::LegalName,
        Field::PreferredName => ImportField::PreferredName,
        Field::DateOfBirth => ImportField::DateOfBirth,
        Field::SchoolUrn => ImportField::SchoolUrn,
        Field::SchoolName => ImportField::SchoolName,
        Field::SchoolPhase => ImportField::SchoolPhase,
        Field::YearGroup => ImportField::YearGroup,
        _ => ImportField::Upn,
    }
}

impl RowSink for AllocationSink<'_> {
    fn header(&mut self, file: &str, headers: &[String]) -> Result<(), ImportFailure> {
        self.columns = Some(columns::resolve(
            file,
            headers,
            &REQUIRED,
            &OPTIONAL,
            self.mapping,
        )?);
        Ok(())
    }

    fn row(&mut self, row: &Row<'_>, errors: &mut ErrorList) {
        use ImportField as F;
        let Some(columns) = &self.columns else {
            return;
        };
        let cell = |field| row.cell(columns.get(field).unwrap_or(usize::MAX));
        let mut report = |field, p: Problem| {
            errors.push(row.number, Some(columns.header_of(field)), p.problem, p.fix);
        };
        let text = |field| {
            optional_text(cell(field))
                .map(|t| t.trim().to_string())
                .unwrap_or_default()
        };
        let upn = cells::upn(cell(F::Upn)).map_err(|p| report(F::Upn, p)).ok();
        let date_of_birth = cells::date(cell(F::DateOfBirth), F::DateOfBirth.label())
            .map_err(|p| report(F::DateOfBirth, p))
            .ok();
        let year_group = cells::year_group(cell(F::YearGroup))
            .map_err(|p| report(F::YearGroup, p))
            .ok();
        let referral_date = match cell(F::ReferralDate) {
            table::Cell::Blank => Some(None),
            c => cells::date(c, F::ReferralDate.label())
                .map_err(|p| report(F::ReferralDate, p))
                .ok()
                .map(Some),
        };
        let referral_source = Some(text(F::ReferralSource)).filter(|s| !s.is_empty());
        if referral_source
            .as_ref()
            .is_some_and(|s| s.chars().count() > 200 || s.chars().any(char::is_control))
        {
            report(
                F::ReferralSource,
                Problem {
                    problem: "the referral source is longer than 200 characters or has line breaks"
                        .into(),
                    fix: "shorten it to one line, or leave the cell blank".into(),
                },
            );
        }
        if let Some(date) = referral_date.flatten()
            && date > self.today
        {
            report(
                F::ReferralDate,
                Problem {
                    problem: "the referral date is in the future".into(),
                    fix: "correct the date, or leave the cell blank for today".into(),
                },
            );
        }
        let (Some(upn), Some(date_of_birth), Some(Some(year_group))) =
            (upn, date_of_birth, year_group)
        else {
            if matches!(year_group, Some(None)) {
                report(
                    F::YearGroup,
                    Problem {
                        problem: "the year group is blank".into(),
                        fix: "write the pupil's year group, 0 (Reception) to 14".into(),
                    },
                );
            }
            return;
        };
        if let Err(p) = self.rows_of.claim(&upn, row.number, "send the file again") {
            report(F::Upn, p);
            return;
        }
        let (legal_name, preferred_name, school_urn, school_name, phase) = (
            text(F::LegalName),
            text(F::PreferredName),
            text(F::SchoolUrn),
            text(F::SchoolName),
            text(F::SchoolPhase),
        );
        let dob = date_of_birth.to_string();
        let year = year_group.get().to_string();
        let draft = PupilDraft {
            legal_name: &legal_name,
            preferred_name: Some(preferred_name.as_str()),
            date_of_birth: &dob,
            upn: upn.as_str(),
            school_urn: &school_urn,
            school_name: &school_name,
            school_phase: Some(phase.as_str()),
            year_group: &year,
        };
        match draft.validate(self.today) {
            Ok(pupil) => self.cases.push(AllocationRow {
                row: row.number,
                pupil,
                referral_date: referral_date.flatten(),
                referral_source,
            }),
            Err(field_errors) => {
                for e in field_errors.iter() {
                    report(
                        column_of(e.field),
                        Problem {
                            problem: e.message.clone(),
                            fix: "correct the cell in the council's file and send it again".into(),
                        },
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::ControlFlow;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
    }

    fn read(csv: &str) -> Result<AllocationFile, ImportFailure> {
        import_allocations(
            &ImportSource::bytes("allocations.csv", csv.as_bytes()),
            &ColumnMapping::new(),
            today(),
            &mut |_| ControlFlow::Continue(()),
        )
    }

    const HEADER: &str = "UPN,Legal name,Date of birth,School URN,School name,Year group,Phase,Referral date,Referral source\n";

    #[test]
    fn a_valid_allocation_file_gives_one_case_per_row() {
        let file = read(&format!(
            "{HEADER}B801200005001,Ada Example,2014-05-01,100001,Elm Primary,Y6,primary,2026-11-02,School\n"
        ))
        .expect("reads");
        assert_eq!(file.cases.len(), 1);
        let case = &file.cases[0];
        assert_eq!(case.pupil.year_group.get(), 6);
        assert_eq!(case.referral_source.as_deref(), Some("School"));
        assert_eq!(case.referral_date, NaiveDate::from_ymd_opt(2026, 11, 2));
    }

    #[test]
    fn every_bad_row_is_reported_by_row_and_column_and_nothing_is_returned() {
        let failure = read(&format!(
            "{HEADER}B801200005001,Ada Example,2014-05-01,100001,Elm Primary,6,,,\n\
             B801200005001,Ada Example,2014-05-01,100001,Elm Primary,6,,,\n\
             B801200005001X,,2099-01-01,1,Elm Primary,6,,2099-01-01,\n"
        ))
        .expect_err("refused");
        let lines: Vec<String> = failure.errors().iter().map(|e| e.line()).collect();
        assert!(
            lines
                .iter()
                .any(|l| l.contains("row 3") && l.contains("already on row 2")),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.contains("row 4") && l.contains("UPN")),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.contains("row 4") && l.contains("Referral date")),
            "{lines:?}"
        );
    }
}
