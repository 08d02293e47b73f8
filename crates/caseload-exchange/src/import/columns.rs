//! Which column of a file holds which of our fields. Headers are matched tolerantly (case,
//! spaces, underscores, hyphens, dots and a byte-order mark ignored; common synonyms known),
//! and any other layout is described once by a saved [`ColumnMapping`]. Reads no cell values.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::error::{ImportError, ImportFailure};
use super::shown::{header_list, shown_header};

/// A field an attendance import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportField {
    Upn,
    Date,
    Session,
    Code,
    PossibleSessions,
    PresentSessions,
    AuthorisedAbsenceSessions,
    UnauthorisedAbsenceSessions,
    AsAt,
    SchoolUrn,
    SchoolPhase,
    YearGroup,
    Ward,
    Postcode,
    LegalName,
    PreferredName,
    DateOfBirth,
    SchoolName,
    ReferralDate,
    ReferralSource,
}

impl ImportField {
    pub const ALL: [ImportField; 20] = [
        ImportField::Upn,
        ImportField::Date,
        ImportField::Session,
        ImportField::Code,
        ImportField::PossibleSessions,
        ImportField::PresentSessions,
        ImportField::AuthorisedAbsenceSessions,
        ImportField::UnauthorisedAbsenceSessions,
        ImportField::AsAt,
        ImportField::SchoolUrn,
        ImportField::SchoolPhase,
        ImportField::YearGroup,
        ImportField::Ward,
        ImportField::Postcode,
        ImportField::LegalName,
        ImportField::PreferredName,
        ImportField::DateOfBirth,
        ImportField::SchoolName,
        ImportField::ReferralDate,
        ImportField::ReferralSource,
    ];

    /// The header Caseload's own files use, and the first one tried.
    pub fn canonical_header(self) -> &'static str {
        self.synonyms()[0]
    }

    /// The field as a sentence names it.
    pub fn label(self) -> &'static str {
        match self {
            ImportField::Upn => "UPN",
            ImportField::Date => "date",
            ImportField::Session => "session",
            ImportField::Code => "attendance code",
            ImportField::PossibleSessions => "possible sessions",
            ImportField::PresentSessions => "present sessions",
            ImportField::AuthorisedAbsenceSessions => "authorised absence sessions",
            ImportField::UnauthorisedAbsenceSessions => "unauthorised absence sessions",
            ImportField::AsAt => "as-at date",
            ImportField::SchoolUrn => "school URN",
            ImportField::SchoolPhase => "school phase",
            ImportField::YearGroup => "year group",
            ImportField::Ward => "ward",
            ImportField::Postcode => "postcode",
            ImportField::LegalName => "legal name",
            ImportField::PreferredName => "preferred name",
            ImportField::DateOfBirth => "date of birth",
            ImportField::SchoolName => "school name",
            ImportField::ReferralDate => "referral date",
            ImportField::ReferralSource => "referral source",
        }
    }

    /// Headers taken to mean this field, compared after [`normalise_header`].
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            ImportField::Upn => &["upn", "pupil upn", "unique pupil number", "pupil number"],
            ImportField::Date => &["date", "session date", "mark date", "attendance date"],
            ImportField::Session => &["session", "am pm", "am/pm", "am or pm", "session am pm"],
            ImportField::Code => &[
                "code",
                "mark",
                "attendance code",
                "attendance mark",
                "register code",
                "register mark",
                "session code",
                "session mark",
            ],
            ImportField::PossibleSessions => &[
                "possible_sessions",
                "possible",
                "sessions possible",
                "possible sessions",
                "sessions_possible",
                "possible marks",
            ],
            ImportField::PresentSessions => &[
                "present_sessions",
                "present",
                "sessions present",
                "attended",
                "sessions attended",
                "attended sessions",
            ],
            ImportField::AuthorisedAbsenceSessions => &[
                "authorised_absence_sessions",
                "authorised",
                "authorised absence",
                "authorised absences",
                "authorised absence sessions",
                "sessions authorised absence",
                "authorised sessions",
                "authorized",
                "authorized absence",
                "authorized absences",
                "authorized absence sessions",
            ],
            ImportField::UnauthorisedAbsenceSessions => &[
                "unauthorised_absence_sessions",
                "unauthorised",
                "unauthorised absence",
                "unauthorised absences",
                "unauthorised absence sessions",
                "sessions unauthorised absence",
                "unauthorised sessions",
                "unauthorized",
                "unauthorized absence",
                "unauthorized absences",
                "unauthorized absence sessions",
            ],
            ImportField::AsAt => &[
                "as_at",
                "as at date",
                "date as at",
                "as of",
                "as of date",
                "extract date",
                "data as at",
            ],
            ImportField::SchoolUrn => &["school_urn", "urn", "school reference number"],
            ImportField::SchoolPhase => &["school_phase", "phase", "phase of education"],
            ImportField::YearGroup => &[
                "year_group",
                "nc year",
                "nc year group",
                "national curriculum year",
                "year grp",
            ],
            ImportField::Ward => &["ward", "ward name", "electoral ward", "home ward"],
            ImportField::Postcode => &[
                "postcode",
                "post code",
                "home postcode",
                "pupil postcode",
                "address postcode",
            ],
            ImportField::LegalName => &[
                "legal_name",
                "name",
                "pupil name",
                "full name",
                "legal name",
            ],
            ImportField::PreferredName => &["preferred_name", "preferred name", "known as"],
            ImportField::DateOfBirth => &["date_of_birth", "dob", "date of birth", "birth date"],
            ImportField::SchoolName => &["school_name", "school", "school name"],
            ImportField::ReferralDate => &[
                "referral_date",
                "referral date",
                "date of referral",
                "referred on",
            ],
            ImportField::ReferralSource => &[
                "referral_source",
                "referral source",
                "referred by",
                "source",
            ],
        }
    }
}

/// A header as compared: letters and digits only, lower-case. Spaces, underscores, hyphens,
/// dots, slashes and a byte-order mark all fall away, so `Possible_Sessions`, `possible
/// sessions` and `POSSIBLE-SESSIONS.` are one header.
pub fn normalise_header(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A file's own headers for our fields, saved once by the app for a layout it sees again.
/// Fields it leaves out are found by their usual names. Serialised as a map from field
/// (`"upn"`, `"possible_sessions"`, …) to header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ColumnMapping {
    columns: BTreeMap<ImportField, String>,
}

impl ColumnMapping {
    pub fn new() -> Self {
        ColumnMapping::default()
    }

    /// The mapping with `field` read from the column headed `header`.
    pub fn with(mut self, field: ImportField, header: impl Into<String>) -> Self {
        self.set(field, header);
        self
    }

    pub fn set(&mut self, field: ImportField, header: impl Into<String>) {
        self.columns.insert(field, header.into());
    }

    pub fn header_for(&self, field: ImportField) -> Option<&str> {
        self.columns.get(&field).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }
}

/// Where each wanted field is in a file's rows, and the file's headers for messages.
#[derive(Debug)]
pub(crate) struct Columns {
    index: [Option<usize>; ImportField::ALL.len()],
    headers: Vec<String>,
}

impl Columns {
    pub(crate) fn get(&self, field: ImportField) -> Option<usize> {
        self.index[field as usize]
    }

    /// The header of a column that [`Columns::get`] returned, as the file writes it.
    pub(crate) fn header(&self, column: usize) -> &str {
        self.headers.get(column).map_or("", String::as_str)
    }

    /// The header of a field's column, as the file writes it; `""` if the file lacks it.
    pub(crate) fn header_of(&self, field: ImportField) -> &str {
        self.get(field).map_or("", |c| self.header(c))
    }
}

/// Matches a file's header row against the fields an import needs (`required`) and may use
/// (`optional`). A header that two columns share for one field, or that the saved mapping names
/// but the file lacks, is reported rather than guessed.
pub(crate) fn resolve(
    file: &str,
    headers: &[String],
    required: &[ImportField],
    optional: &[ImportField],
    mapping: &ColumnMapping,
) -> Result<Columns, ImportFailure> {
    let normalised: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    let mut columns = Columns {
        index: [None; ImportField::ALL.len()],
        headers: headers.iter().map(|h| h.trim().to_string()).collect(),
    };
    // A column the mapping names belongs to that field alone, whatever its header resembles.
    let claimed: Vec<String> = ImportField::ALL
        .iter()
        .filter_map(|&f| mapping.header_for(f).map(normalise_header))
        .collect();
    let mut missing = Vec::new();
    let mut mapped_but_absent = Vec::new();
    for (&field, is_required) in required
        .iter()
        .map(|f| (f, true))
        .chain(optional.iter().map(|f| (f, false)))
    {
        let (wanted, skip): (Vec<String>, &[String]) = match mapping.header_for(field) {
            Some(header) => (vec![normalise_header(header)], &[]),
            None => (
                field
                    .synonyms()
                    .iter()
                    .map(|s| normalise_header(s))
                    .collect(),
                &claimed,
            ),
        };
        let matches: Vec<usize> = (0..normalised.len())
            .filter(|&i| {
                let h = &normalised[i];
                !h.is_empty() && wanted.contains(h) && !skip.contains(h)
            })
            .collect();
        match matches.as_slice() {
            [] => {
                if let Some(header) = mapping.header_for(field) {
                    mapped_but_absent.push(format!(
                        "\"{}\" for {}",
                        shown_header(header),
                        field.label()
                    ));
                }
                if is_required || mapping.header_for(field).is_some() {
                    missing.push(field);
                }
            }
            [one] => columns.index[field as usize] = Some(*one),
            [first, second, ..] => {
                return Err(ImportFailure::Invalid {
                    file: file.to_string(),
                    errors: vec![ImportError::new(
                        file,
                        Some(1),
                        Some(columns.header(*second)),
                        format!(
                            "columns \"{}\" and \"{}\" both look like the {} column",
                            shown_header(columns.header(*first)),
                            shown_header(columns.header(*second)),
                            field.label()
                        ),
                        "rename or remove one of them, or save a column mapping that says \
                         which to use",
                    )],
                    stopped_at_row: None,
                });
            }
        }
    }
    if missing.is_empty() {
        return Ok(columns);
    }
    Err(missing_columns(
        file,
        columns.headers,
        missing,
        &mapped_but_absent,
    ))
}

fn missing_columns(
    file: &str,
    found: Vec<String>,
    missing: Vec<ImportField>,
    mapped_but_absent: &[String],
) -> ImportFailure {
    let labels: Vec<&str> = missing.iter().map(|f| f.label()).collect();
    // Listed ten at most, each cut short: a crafted header row must not make a huge message.
    let mut problem = format!(
        "no column for {} (headers found: {})",
        labels.join(", "),
        header_list(&found)
    );
    if !mapped_but_absent.is_empty() {
        problem.push_str(&format!(
            "; the saved column mapping names {}, which the file does not have",
            mapped_but_absent.join(", ")
        ));
    }
    let canonical: Vec<String> = missing
        .iter()
        .map(|f| format!("\"{}\"", f.canonical_header()))
        .collect();
    let fix = format!(
        "rename the headers (for example {}) or save a column mapping that says which column \
         holds each field, then import the file again",
        canonical.join(", ")
    );
    ImportFailure::MissingColumns {
        found,
        missing,
        error: Box::new(ImportError::new(file, Some(1), None, problem, fix)),
    }
}

#[cfg(test)]
#[path = "columns_tests.rs"]
mod tests;
