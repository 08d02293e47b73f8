//! What the evidence bundle says, in the order a panel reads it: who the pupil is, the
//! attendance record, the chronology, the support offered and its outcome, then the legal
//! steps. Empty sections say so rather than vanish, so a reader can tell "none" from "missing".

use chrono::NaiveDate;

use super::{BundleEntry, BundleLegalStep, EvidenceBundle, TITLE};
use crate::document::{Block, Column, Document, Table, long_date};

const NONE: &str = "None recorded";

fn table_or(none: &str, columns: Vec<Column>, rows: Vec<Vec<String>>) -> Block {
    if rows.is_empty() {
        Block::Paragraph(none.into())
    } else {
        Block::Table(Table { columns, rows })
    }
}

fn or_none(value: Option<&str>) -> String {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .unwrap_or(NONE)
        .to_string()
}

fn dates(list: &[NaiveDate]) -> String {
    if list.is_empty() {
        return NONE.into();
    }
    list.iter()
        .map(|d| long_date(*d))
        .collect::<Vec<_>>()
        .join(", ")
}

fn numbers(list: &[usize]) -> String {
    list.iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Everything the bundle says, in order.
pub(super) fn document(b: &EvidenceBundle) -> Document {
    let mut blocks = vec![Block::Title(TITLE.into())];
    let p = &b.pupil;
    blocks.push(Block::Fields(vec![
        ("Pupil".into(), p.legal_name.trim().into()),
        (
            "Preferred name".into(),
            or_none(p.preferred_name.as_deref()),
        ),
        ("Date of birth".into(), long_date(p.date_of_birth)),
        ("UPN".into(), p.upn.clone()),
        (
            "School".into(),
            format!("{} (URN {})", p.school_name.trim(), p.school_urn),
        ),
        ("Year group".into(), p.year_group.clone()),
        (
            "Referred".into(),
            format!(
                "{} by {}",
                long_date(b.case.referral_date),
                b.case.referral_source.trim()
            ),
        ),
        ("Case status".into(), b.case.status.clone()),
        ("Worker".into(), or_none(b.case.worker.as_deref())),
        ("Bundle for".into(), b.purpose.clone()),
    ]));
    blocks.push(Block::Paragraph(
        "Nothing recorded on this case is left out. Entries in the chronology and legal steps are never edited: a correction is a later entry, and both are shown, the corrected one marked."
            .into(),
    ));
    blocks.push(Block::Heading("What is missing".into()));
    if b.missing.is_empty() {
        blocks.push(Block::Paragraph(
            "Nothing: the register, support offered, the attendance contract and the notice to improve are all recorded."
                .into(),
        ));
    } else {
        blocks.push(Block::Paragraph(b.missing.join("\n")));
    }
    super::attendance::attendance(b, &mut blocks);
    blocks.push(Block::Heading("Chronology".into()));
    blocks.push(table_or(
        NONE,
        vec![
            Column::new("No.", 0.5),
            Column::new("When", 1.3),
            Column::new("Contact", 1.1),
            Column::new("Who", 1.3),
            Column::new("What happened", 3.6),
        ],
        b.chronology.iter().map(entry_row).collect(),
    ));
    support(b, &mut blocks);
    blocks.push(Block::Heading("Legal action".into()));
    if b.legal_steps.is_empty() {
        blocks.push(Block::Paragraph("No legal steps recorded".into()));
    }
    for step in &b.legal_steps {
        legal_step(step, &mut blocks);
    }
    Document {
        title: if b.name_pupil_in_title {
            format!("{TITLE}: {}", p.legal_name.trim())
        } else {
            format!("{TITLE}: case {}", b.case.reference)
        },
        blocks,
        footer: format!(
            "{TITLE}: {} (UPN {}). Produced {} by Caseload",
            p.legal_name.trim(),
            p.upn,
            long_date(b.produced_on)
        ),
        produced_on: b.produced_on,
    }
}

fn entry_row(e: &BundleEntry) -> Vec<String> {
    let mut what = e.what.trim().to_string();
    if let Some(outcome) = e.outcome.as_deref().filter(|o| !o.trim().is_empty()) {
        what.push_str(&format!("\nOutcome: {}", outcome.trim()));
    }
    if let Some(next) = e.next_step.as_deref().filter(|o| !o.trim().is_empty()) {
        what.push_str(&format!("\nNext step: {}", next.trim()));
    }
    if let Some(n) = e.corrects {
        what.push_str(&format!("\n[Correction of entry {n}]"));
    }
    if !e.corrected_by.is_empty() {
        what.push_str(&format!(
            "\n[Corrected by entry {}]",
            numbers(&e.corrected_by)
        ));
    }
    vec![
        e.number.to_string(),
        e.occurred_at.format("%-d %B %Y %H:%M").to_string(),
        e.kind.clone(),
        e.who.trim().into(),
        what,
    ]
}

fn support(b: &EvidenceBundle, blocks: &mut Vec<Block>) {
    blocks.push(Block::Heading("Support offered and its outcome".into()));
    blocks.push(Block::Subheading("The plan".into()));
    let plan = &b.plan;
    let barriers = if plan.barriers.is_empty() {
        NONE.to_string()
    } else {
        plan.barriers.join(", ")
    };
    blocks.push(Block::Fields(vec![
        ("Barriers".into(), barriers),
        (
            "Other barriers".into(),
            or_none(plan.other_barriers.as_deref()),
        ),
        ("SMART target".into(), or_none(plan.target.as_deref())),
        (
            "Interventions".into(),
            or_none(plan.interventions.as_deref()),
        ),
        ("Review dates".into(), dates(&plan.review_dates)),
    ]));
    blocks.push(Block::Label("Actions in the plan".into()));
    blocks.push(table_or(
        NONE,
        vec![
            Column::new("Action", 2.8),
            Column::new("Owner", 1.4),
            Column::new("Due", 1.3),
            Column::new("Status", 1.5),
        ],
        b.plan_actions
            .iter()
            .map(|a| {
                let status = match a.status_on {
                    Some(on) => format!("{}, {}", a.status, long_date(on)),
                    None => a.status.clone(),
                };
                vec![
                    a.what.trim().into(),
                    a.owner.trim().into(),
                    long_date(a.due_on),
                    status,
                ]
            })
            .collect(),
    ));
    blocks.push(Block::Subheading(
        "Actions agreed at Targeting Support Meetings".into(),
    ));
    blocks.push(table_or(
        NONE,
        vec![
            Column::new("Agreed at", 1.5),
            Column::new("Action", 2.6),
            Column::new("Owner", 1.4),
            Column::new("Due", 1.2),
            Column::new("Reviews", 1.6),
        ],
        b.tsm_actions
            .iter()
            .map(|a| {
                let reviews = if a.reviews.is_empty() {
                    "Not yet reviewed".to_string()
                } else {
                    a.reviews
                        .iter()
                        .map(|(outcome, on)| format!("{outcome}, {}", long_date(*on)))
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                vec![
                    format!("{}, {}", a.school_name.trim(), long_date(a.meeting_date)),
                    a.what.trim().into(),
                    a.owner.trim().into(),
                    a.due_on.map_or_else(|| "Not set".into(), long_date),
                    reviews,
                ]
            })
            .collect(),
    ));
}

fn legal_step(s: &BundleLegalStep, blocks: &mut Vec<Block>) {
    blocks.push(Block::Subheading(format!(
        "{}. {}, {}",
        s.number,
        s.kind,
        long_date(s.on)
    )));
    if !s.corrected_by.is_empty() {
        blocks.push(Block::Marker(format!(
            "Corrected by step {}: kept for the record",
            numbers(&s.corrected_by)
        )));
    }
    let mut fields = vec![
        ("Date".into(), long_date(s.on)),
        ("Decided by".into(), s.decided_by.trim().into()),
    ];
    if let Some(n) = s.corrects {
        fields.push(("Corrects".into(), format!("Step {n}")));
    }
    fields.extend(s.details.iter().cloned());
    if let Some((label, reason)) = &s.reason {
        fields.push((label.clone(), reason.trim().into()));
    }
    fields.push(("Notes".into(), or_none(s.notes.as_deref())));
    blocks.push(Block::Fields(fields));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::sample;

    fn headings(doc: &Document) -> Vec<&str> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) => Some(h.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_bundle_runs_from_the_pupil_to_the_legal_steps() {
        let doc = document(&sample());
        assert_eq!(doc.blocks[0], Block::Title(TITLE.into()));
        assert_eq!(
            headings(&doc),
            vec![
                "What is missing",
                "Attendance record",
                "Chronology",
                "Support offered and its outcome",
                "Legal action"
            ]
        );
        assert!(doc.footer.contains("UPN B801200005001"));
    }

    #[test]
    fn a_corrected_entry_is_kept_and_marked_beside_its_correction() {
        let doc = document(&sample());
        let chronology = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) if t.columns[0].header == "No." => Some(t.clone()),
                _ => None,
            })
            .expect("chronology table");
        assert_eq!(chronology.rows.len(), 2);
        assert!(chronology.rows[0][4].ends_with("[Corrected by entry 2]"));
        assert!(chronology.rows[1][4].ends_with("[Correction of entry 1]"));
        assert!(chronology.rows[1][4].contains("Next step: Review in two weeks"));
    }

    #[test]
    fn empty_sections_say_so() {
        let mut b = sample();
        b.attendance.clear();
        b.chronology.clear();
        b.plan_actions.clear();
        b.legal_steps.clear();
        let doc = document(&b);
        for text in [
            "No attendance figures recorded by hand",
            "No legal steps recorded",
        ] {
            assert!(
                doc.blocks.contains(&Block::Paragraph(text.into())),
                "{text}"
            );
        }
        assert!(!doc.blocks.iter().any(|b| matches!(b, Block::Marker(_))));
    }
}
