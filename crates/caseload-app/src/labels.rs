//! The wording of each enum the UI shows, as TypeScript maps appended to the generated bindings
//! (`CASE_STATUS_LABELS: Record<CaseStatus, string>` …). The words are the domain's own
//! (`label()`, `title()`, `explanation()`), keyed by each variant's wire value, so a label is
//! written once, in Rust, and reaches the UI, the CLI and the documents alike; a new variant
//! without a label fails the Rust build, and one missing from a map fails the TypeScript build.

use caseload_domain::case::CaseStatus;
use caseload_domain::chronology::ContactKind;
use caseload_domain::closure::ClosureCategory;
use caseload_domain::dates::DATE_EXAMPLE;
use caseload_domain::disclosure::LawfulBasis;
use caseload_domain::legal::{EsoStage, LegalStepKind, ProsecutionSection};
use caseload_domain::plan::{ActionStatus, Barrier};
use caseload_domain::rules::RuleId;
use caseload_domain::tsm::{OwnerAgency, ReviewOutcome};
use caseload_exchange::import::ImportField;
use caseload_exchange::summary::SummaryKind;
use serde::Serialize;
use ts_rs::TS;

/// A variant's wire value: what serde writes for it, a JSON string for every enum here.
fn wire(value: impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => format!("{other:?}"),
    }
}

/// A TypeScript string literal (JSON's quoting is valid TypeScript).
fn quoted(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// `export const NAME: Record<KEY, string> = { … };` with one entry per line, in `entries` order.
fn map(doc: &str, name: &str, key_type: &str, entries: &[(String, &str)]) -> String {
    let mut out = format!("/** {doc} */\nexport const {name}: Record<{key_type}, string> = {{\n");
    for (key, label) in entries {
        out.push_str(&format!("  {}: {},\n", quoted(key), quoted(label)));
    }
    out.push_str("};\n\n");
    out
}

/// A map over a ts-rs enum: keyed by its wire values, typed by its generated TypeScript name.
fn enum_map<T: TS + Serialize + Copy>(
    doc: &str,
    name: &str,
    all: &[T],
    label: impl Fn(T) -> &'static str,
) -> String {
    let entries: Vec<(String, &str)> = all.iter().map(|&v| (wire(v), label(v))).collect();
    map(doc, name, &T::name(), &entries)
}

/// A map over keys that have no TypeScript type of their own: typed by the union of its keys.
fn keyed_map(doc: &str, name: &str, entries: &[(String, &str)]) -> String {
    let keys: Vec<String> = entries.iter().map(|(key, _)| quoted(key)).collect();
    map(doc, name, &keys.join(" | "), entries)
}

/// Every label map, for the end of `ui/src/api/bindings.ts`.
pub fn typescript() -> String {
    let mut out = String::from(
        "// Labels: each enum's wording as the Rust code writes it (crates/caseload-app/src/labels.rs).\n\n",
    );
    out.push_str(&enum_map(
        "`CaseStatus::label()`: a status as it reads within a sentence (lower case).",
        "CASE_STATUS_LABELS",
        CaseStatus::ALL,
        CaseStatus::label,
    ));
    out.push_str(&enum_map(
        "`ContactKind::label()`.",
        "CONTACT_KIND_LABELS",
        ContactKind::ALL,
        ContactKind::label,
    ));
    out.push_str(&enum_map(
        "`Barrier::label()`, in the order a form offers them.",
        "BARRIER_LABELS",
        &Barrier::ALL,
        Barrier::label,
    ));
    out.push_str(&enum_map(
        "`ActionStatus::label()`.",
        "ACTION_STATUS_LABELS",
        &ActionStatus::ALL,
        ActionStatus::label,
    ));
    out.push_str(&enum_map(
        "`OwnerAgency::label()`, in the order a select offers them.",
        "OWNER_AGENCY_LABELS",
        OwnerAgency::ALL,
        OwnerAgency::label,
    ));
    out.push_str(&enum_map(
        "`ReviewOutcome::label()`, in the order a form offers them.",
        "REVIEW_OUTCOME_LABELS",
        &ReviewOutcome::ALL,
        ReviewOutcome::label,
    ));
    out.push_str(&enum_map(
        "`LegalStepKind::label()`, in ladder order.",
        "LEGAL_STEP_LABELS",
        LegalStepKind::ALL,
        LegalStepKind::label,
    ));
    out.push_str(&enum_map(
        "`EsoStage::label()`.",
        "ESO_STAGE_LABELS",
        EsoStage::ALL,
        EsoStage::label,
    ));
    out.push_str(&enum_map(
        "`ProsecutionSection::label()`: the offence, cited and in words.",
        "PROSECUTION_SECTION_LABELS",
        &ProsecutionSection::ALL,
        ProsecutionSection::label,
    ));
    out.push_str(&enum_map(
        "`ClosureCategory::label()`: why a case closed, in the order a form offers them.",
        "CLOSURE_CATEGORY_LABELS",
        &ClosureCategory::ALL,
        ClosureCategory::label,
    ));
    out.push_str(&enum_map(
        "`LawfulBasis::label()`: the lawful bases for an identifiable export.",
        "LAWFUL_BASIS_LABELS",
        &LawfulBasis::ALL,
        LawfulBasis::label,
    ));
    out.push_str(&enum_map(
        "`RuleId::title()`: what an alert's rule is called.",
        "RULE_TITLES",
        RuleId::ALL,
        RuleId::title,
    ));
    out.push_str(&enum_map(
        "`RuleId::explanation()`: why the rule exists and how it is worked out.",
        "RULE_EXPLANATIONS",
        RuleId::ALL,
        RuleId::explanation,
    ));
    let fields: Vec<(String, &str)> = ImportField::ALL
        .iter()
        .map(|f| (f.canonical_header().to_string(), f.label()))
        .collect();
    out.push_str(&keyed_map(
        "`ImportField::label()` by `canonical_header()`: a field as a sentence names it.",
        "IMPORT_FIELD_LABELS",
        &fields,
    ));
    let kinds: Vec<(String, &str)> = SummaryKind::ALL
        .iter()
        .map(|&k| (k.as_str().to_string(), k.title()))
        .collect();
    out.push_str(&keyed_map(
        "`SummaryKind::title()`: what each kind of export is called, by the kind the server expects.",
        "EXPORT_KIND_LABELS",
        &kinds,
    ));
    out.push_str(&format!(
        "/** `dates::DATE_EXAMPLE`: the example date every date error gives (\"like 23 11 2026\"). */\nexport const DATE_EXAMPLE = {};\n\n",
        quoted(DATE_EXAMPLE)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The wire values ts-rs declares for an enum (`type T = "a" | "b";`), which it derives from
    /// the enum itself: the check that each `ALL` lists every variant.
    fn declared<T: TS>() -> Vec<String> {
        let decl = T::decl();
        let body = decl.split_once('=').map_or("", |(_, body)| body);
        body.split('|')
            .map(|v| v.trim().trim_end_matches(';').trim_matches('"').to_string())
            .collect()
    }

    fn wires<T: Serialize + Copy>(all: &[T]) -> Vec<String> {
        all.iter().map(|&v| wire(v)).collect()
    }

    #[test]
    fn each_label_map_lists_every_variant_of_its_enum_once() {
        assert_eq!(wires(CaseStatus::ALL), declared::<CaseStatus>());
        assert_eq!(wires(ContactKind::ALL), declared::<ContactKind>());
        assert_eq!(wires(&Barrier::ALL), declared::<Barrier>());
        assert_eq!(wires(&ActionStatus::ALL), declared::<ActionStatus>());
        assert_eq!(wires(OwnerAgency::ALL), declared::<OwnerAgency>());
        assert_eq!(wires(&ReviewOutcome::ALL), declared::<ReviewOutcome>());
        assert_eq!(wires(LegalStepKind::ALL), declared::<LegalStepKind>());
        assert_eq!(wires(EsoStage::ALL), declared::<EsoStage>());
        assert_eq!(
            wires(&ProsecutionSection::ALL),
            declared::<ProsecutionSection>()
        );
        assert_eq!(wires(RuleId::ALL), declared::<RuleId>());
    }

    #[test]
    fn a_map_is_typed_by_its_enum_and_keyed_by_wire_values() {
        let ts = typescript();
        assert!(ts.contains(
            "export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {\n  \"referred\": \"referred\",\n"
        ));
        assert!(ts.contains("  \"family_declined\": \"family declined support\",\n"));
        assert!(ts.contains("  \"s444_1a\": \"Education Act 1996 s444(1A): "));
        assert!(ts.contains("  \"possible_sessions\": \"possible sessions\",\n"));
        assert!(ts.contains("  \"tsm-actions\": \"TSM action log\",\n"));
        assert!(ts.contains("export const DATE_EXAMPLE = \"23 11 2026\";\n"));
    }

    #[test]
    fn labels_are_quoted_as_typescript_strings() {
        assert_eq!(quoted("Say \"hi\"\n"), r#""Say \"hi\"\n""#);
    }
}
