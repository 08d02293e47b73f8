//! Pupil attendance-summary files that should import: the canonical CSV with and without the
//! optional school columns, the usual synonyms, XLSX with Excel's numbers and dates, a mapping.

mod import_support;

use caseload_domain::attendance::SessionCounts;
use caseload_domain::{SchoolPhase, YearGroup};
use caseload_exchange::import::{ColumnMapping, ImportField, ImportSource, import_summaries};
use chrono::NaiveDate;
use import_support::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn counts(possible: u32, present: u32, auth: u32, unauth: u32) -> SessionCounts {
    SessionCounts::new(possible, present, auth, unauth).expect("valid counts")
}

#[test]
fn a_canonical_summary_csv_imports_every_field() {
    let (a, b) = (upn(11), upn(12));
    let bytes = csv(&[
        "upn,possible_sessions,present_sessions,authorised_absence_sessions,\
         unauthorised_absence_sessions,as_at,school_urn,school_phase,year_group,ward",
        &format!("{a},200,180,12,8,2025-03-28,100001,primary,4,Arboretum"),
        &format!("{b},190,95,5,90,28/03/2025,,secondary,R,"),
    ]);
    let file = summaries("summary.csv", &bytes).expect("imports");
    assert_eq!(file.rows, 2);
    let first = &file.pupils[0];
    assert_eq!(first.upn.as_str(), a);
    assert_eq!(first.counts, counts(200, 180, 12, 8));
    assert_eq!(first.as_at, d(2025, 3, 28));
    assert_eq!(
        first.school_urn.as_ref().map(|u| u.as_str()),
        Some("100001")
    );
    assert_eq!(first.school_phase, Some(SchoolPhase::Primary));
    assert_eq!(first.year_group, YearGroup::new(4));
    assert_eq!(first.ward.as_deref(), Some("Arboretum"));
    let second = &file.pupils[1];
    assert_eq!(second.counts, counts(190, 95, 5, 90));
    assert_eq!(second.school_urn, None);
    assert_eq!(second.year_group, YearGroup::new(0));
    assert_eq!(second.ward, None);
}

#[test]
fn the_optional_school_columns_may_be_left_out() {
    let bytes = csv(&[
        "upn,possible_sessions,present_sessions,authorised_absence_sessions,\
         unauthorised_absence_sessions,as_at",
        &format!("{},10,10,0,0,2025-03-28", upn(13)),
    ]);
    let file = summaries("summary.csv", &bytes).expect("imports");
    let row = &file.pupils[0];
    assert_eq!(
        (&row.school_urn, row.school_phase, row.year_group, &row.ward),
        (&None, None, None, &None)
    );
}

#[test]
fn the_usual_synonyms_for_every_header_are_understood() {
    let bytes = csv(&[
        "UPN,Sessions possible,Present sessions,Authorised absence,\
         Unauthorised absence sessions,As-at date,School URN,Phase,NC Year,Ward name",
        &format!(
            "{},100,90,6,4,2025-03-28,100002,Special,Year 9,Bulwell",
            upn(14)
        ),
    ]);
    let file = summaries("summary.csv", &bytes).expect("imports");
    let row = &file.pupils[0];
    assert_eq!(row.counts, counts(100, 90, 6, 4));
    assert_eq!(row.school_phase, Some(SchoolPhase::Special));
    assert_eq!(row.year_group, YearGroup::new(9));
    assert_eq!(row.ward.as_deref(), Some("Bulwell"));
}

#[test]
fn short_synonyms_and_an_urn_column_are_understood_too() {
    let bytes = csv(&[
        "upn,possible,present,authorised,unauthorised,as at,urn,phase,year group,ward",
        &format!("{},100,90,6,4,2025-03-28,100003,AP,11,", upn(15)),
    ]);
    let file = summaries("summary.csv", &bytes).expect("imports");
    let row = &file.pupils[0];
    assert_eq!(row.school_phase, Some(SchoolPhase::AlternativeProvision));
    assert_eq!(row.school_urn.as_ref().map(|u| u.as_str()), Some("100003"));
}

#[test]
fn an_xlsx_summary_with_decimal_counts_a_date_cell_and_a_numeric_urn_imports() {
    let bytes = xlsx(&[
        vec![
            s("UPN"),
            s("Possible sessions"),
            s("Present sessions"),
            s("Authorised absence"),
            s("Unauthorised absence"),
            s("As at"),
            s("URN"),
            s("Year group"),
        ],
        vec![
            s(&upn(16)),
            X::N(200.0),
            X::N(150.0),
            X::N(30.0),
            X::N(20.0),
            X::D(2025, 3, 28),
            X::N(100004.0),
            X::N(10.0),
        ],
    ]);
    let file = summaries("summary.xlsx", &bytes).expect("imports");
    let row = &file.pupils[0];
    assert_eq!(row.counts, counts(200, 150, 30, 20));
    assert_eq!(row.as_at, d(2025, 3, 28));
    assert_eq!(row.school_urn.as_ref().map(|u| u.as_str()), Some("100004"));
    assert_eq!(row.year_group, YearGroup::new(10));
}

#[test]
fn a_saved_mapping_names_the_columns_of_a_councils_own_layout() {
    let bytes = csv(&[
        "Ref,Poss,Pres,Auth,Unauth,Extract,Ward",
        &format!("{},50,40,5,5,2025-03-28,Radford", upn(17)),
    ]);
    let mapping = ColumnMapping::new()
        .with(ImportField::Upn, "Ref")
        .with(ImportField::PossibleSessions, "Poss")
        .with(ImportField::PresentSessions, "Pres")
        .with(ImportField::AuthorisedAbsenceSessions, "Auth")
        .with(ImportField::UnauthorisedAbsenceSessions, "Unauth")
        .with(ImportField::AsAt, "Extract");
    let file = import_summaries(
        &ImportSource::bytes("council.csv", &bytes),
        &mapping,
        today(),
        &mut go_on,
    )
    .expect("imports with the mapping");
    assert_eq!(file.pupils[0].counts, counts(50, 40, 5, 5));
    assert_eq!(file.pupils[0].ward.as_deref(), Some("Radford"));
}
