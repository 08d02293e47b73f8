//! Unit tests of header matching and the saved column mapping.

use super::*;

fn headers(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

const MARKS: [ImportField; 4] = [
    ImportField::Upn,
    ImportField::Date,
    ImportField::Session,
    ImportField::Code,
];

#[test]
fn headers_match_whatever_their_case_spacing_and_punctuation() {
    for h in [
        "Possible Sessions",
        "possible_sessions",
        "POSSIBLE-SESSIONS",
        "\u{feff}Sessions possible",
        "possible.sessions",
    ] {
        let columns = resolve(
            "f.csv",
            &headers(&[h]),
            &[ImportField::PossibleSessions],
            &[],
            &ColumnMapping::new(),
        )
        .expect(h);
        assert_eq!(columns.get(ImportField::PossibleSessions), Some(0), "{h}");
    }
}

#[test]
fn a_saved_mapping_takes_the_named_column_over_a_synonym() {
    let mapping = ColumnMapping::new().with(ImportField::Code, "Mark (AM/PM)");
    let columns = resolve(
        "f.csv",
        &headers(&["upn", "date", "session", "code", "mark (am/pm)"]),
        &MARKS,
        &[],
        &mapping,
    )
    .expect("mapped");
    assert_eq!(columns.get(ImportField::Code), Some(4));
}

#[test]
fn missing_fields_are_listed_with_the_headers_found() {
    let failure = resolve(
        "f.csv",
        &headers(&["Pupil", "When"]),
        &MARKS,
        &[],
        &ColumnMapping::new(),
    )
    .expect_err("missing");
    match &failure {
        ImportFailure::MissingColumns { found, missing, .. } => {
            assert_eq!(found, &headers(&["Pupil", "When"]));
            assert_eq!(missing, &MARKS.to_vec());
        }
        other => panic!("expected MissingColumns, got {other:?}"),
    }
    let text = failure.to_string();
    assert!(
        text.contains("headers found: \"Pupil\", \"When\""),
        "{text}"
    );
    assert!(text.contains("save a column mapping"), "{text}");
}

#[test]
fn the_mapping_is_saved_as_a_map_from_field_to_header() {
    let mapping = ColumnMapping::new()
        .with(ImportField::Upn, "Pupil ref")
        .with(ImportField::PossibleSessions, "Poss");
    let json = serde_json::to_string(&mapping).expect("serialise");
    assert_eq!(json, r#"{"upn":"Pupil ref","possible_sessions":"Poss"}"#);
    let back: ColumnMapping = serde_json::from_str(&json).expect("deserialise");
    assert_eq!(back, mapping);
}
