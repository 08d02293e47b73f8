//! The Targeting Support Meeting record handed to a school, as PDF and as DOCX. This module
//! owns what the record says and in what order; how it looks on paper belongs to the renderers.

use caseload_domain::tsm::record::{RecordAction, RecordCarried, RecordPupil, TsmRecord};
use chrono::NaiveDate;

use crate::document::{Block, Column, Document, Table, long_date};
use crate::error::ExchangeError;
use crate::{docx, pdf};

pub const TITLE: &str = "Targeting Support Meeting record";
pub const DRAFT_MARKER: &str = "DRAFT – meeting not finished";
const NONE: &str = "None";
const NOT_RECORDED: &str = "Not recorded";

/// The record as a tagged PDF: A4 pages in the embedded Noto Sans, "Page N of M" at the foot of
/// each page.
pub fn to_pdf(record: &TsmRecord) -> Result<Vec<u8>, ExchangeError> {
    pdf::render(&document(record))
}

/// The record as a Word document: A4, real tables, Heading styles a school can restyle.
pub fn to_docx(record: &TsmRecord) -> Result<Vec<u8>, ExchangeError> {
    docx::render(&document(record))
}

/// Everything the record says, in the order both formats show it.
fn document(record: &TsmRecord) -> Document {
    let mut blocks = vec![Block::Title(TITLE.into())];
    if !record.finished {
        blocks.push(Block::Marker(DRAFT_MARKER.into()));
    }
    blocks.push(Block::Fields(vec![
        field("School", &record.school_name),
        field("URN", &record.school_urn),
        field("Term", &record.term),
        ("Meeting date".into(), long_date(record.meeting_date)),
    ]));

    blocks.push(Block::Heading("Attendees".into()));
    blocks.push(table_or_none(
        vec![
            Column::new("Name", 1.0),
            Column::new("Role", 1.2),
            Column::new("Organisation", 1.0),
        ],
        record
            .attendees
            .iter()
            .map(|a| vec![text(&a.name), text(&a.role), text(&a.organisation)])
            .collect(),
    ));

    let s = &record.snapshot;
    blocks.push(Block::Heading("The school's data".into()));
    blocks.push(Block::Fields(vec![
        ("Pupils".into(), s.pupils.to_string()),
        (
            "Persistently absent (10% or more of sessions missed)".into(),
            s.persistent_absence.to_string(),
        ),
        (
            "Severely absent (50% or more of sessions missed)".into(),
            s.severe_absence.to_string(),
        ),
        (
            "Severely absent without a plan".into(),
            s.severe_without_plan.to_string(),
        ),
    ]));

    blocks.push(Block::Heading("Pupils discussed".into()));
    if record.pupils.is_empty() {
        blocks.push(Block::Paragraph(NONE.into()));
    }
    for pupil in &record.pupils {
        pupil_blocks(pupil, &mut blocks);
    }

    blocks.push(Block::Heading("Actions for the school".into()));
    blocks.push(actions_table(&record.general_actions));

    blocks.push(Block::Heading("Actions carried forward".into()));
    blocks.push(carried_table(&record.carried_forward));

    let produced = format!("Produced {} by Caseload", long_date(record.produced_on));
    let footer = if record.finished {
        produced
    } else {
        format!("{DRAFT_MARKER}. {produced}")
    };
    Document {
        title: format!("{TITLE}: {}", record.school_name.trim()),
        blocks,
        footer,
        produced_on: record.produced_on,
    }
}

fn pupil_blocks(pupil: &RecordPupil, blocks: &mut Vec<Block>) {
    blocks.push(Block::Subheading(text(&pupil.name)));
    let attendance = match (pupil.attendance.trim(), pupil.band.trim()) {
        ("", _) => "No attendance figure".to_string(),
        (figure, "") => figure.to_string(),
        (figure, band) => format!("{figure} (band {band})"),
    };
    let barriers: Vec<&str> = pupil
        .barriers
        .iter()
        .map(|b| b.trim())
        .filter(|b| !b.is_empty())
        .collect();
    let year = match pupil.year_group.trim() {
        "" => "Not known",
        year => year,
    };
    blocks.push(Block::Fields(vec![
        ("Year group".into(), year.into()),
        ("Attendance".into(), attendance),
        (
            "Barriers".into(),
            if barriers.is_empty() {
                NONE.into()
            } else {
                barriers.join(", ")
            },
        ),
        field("Existing plan", &pupil.existing_plan),
        (
            "Notes".into(),
            match pupil.notes.trim() {
                "" => NONE.into(),
                notes => notes.into(),
            },
        ),
    ]));
    blocks.push(Block::Label("Actions".into()));
    blocks.push(actions_table(&pupil.actions));
}

fn actions_table(actions: &[RecordAction]) -> Block {
    table_or_none(
        vec![
            Column::new("Action", 2.8),
            Column::new("Owner agency", 1.5),
            Column::new("Owner", 1.4),
            Column::new("Lead practitioner", 1.4),
            Column::new("Due", 1.6),
        ],
        actions
            .iter()
            .map(|a| {
                vec![
                    text(&a.what),
                    text(&a.owner_agency),
                    text(&a.owner_person),
                    text(&a.lead_practitioner),
                    due(a.due_on),
                ]
            })
            .collect(),
    )
}

fn carried_table(carried: &[RecordCarried]) -> Block {
    table_or_none(
        vec![
            Column::new("Action", 2.4),
            Column::new("Pupil", 1.4),
            Column::new("Agreed on", 1.3),
            Column::new("Owner agency", 1.4),
            Column::new("Owner", 1.3),
            Column::new("Due", 1.3),
            Column::new("Status", 1.5),
        ],
        carried
            .iter()
            .map(|c| {
                let status = match (c.status.trim(), c.status_on) {
                    ("", _) => NOT_RECORDED.to_string(),
                    (status, None) => status.to_string(),
                    (status, Some(on)) => format!("{status}, {}", long_date(on)),
                };
                vec![
                    text(&c.action.what),
                    match c.pupil.trim() {
                        "" => NONE.into(),
                        pupil => pupil.into(),
                    },
                    long_date(c.agreed_on),
                    text(&c.action.owner_agency),
                    text(&c.action.owner_person),
                    due(c.action.due_on),
                    status,
                ]
            })
            .collect(),
    )
}

fn table_or_none(columns: Vec<Column>, rows: Vec<Vec<String>>) -> Block {
    if rows.is_empty() {
        Block::Paragraph(NONE.into())
    } else {
        Block::Table(Table { columns, rows })
    }
}

fn field(label: &str, value: &str) -> (String, String) {
    (label.into(), text(value))
}

/// What was typed, or "Not recorded" so an empty cell is never mistaken for a gap in printing.
fn text(value: &str) -> String {
    match value.trim() {
        "" => NOT_RECORDED.into(),
        v => v.into(),
    }
}

fn due(on: Option<NaiveDate>) -> String {
    on.map_or_else(|| "Not set".into(), long_date)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_sections_come_in_the_order_the_meeting_takes_them() {
        let doc = document(&TsmRecord::sample());
        assert_eq!(doc.blocks[0], Block::Title(TITLE.into()));
        assert_eq!(
            headings(&doc),
            vec![
                "Attendees",
                "The school's data",
                "Pupils discussed",
                "Actions for the school",
                "Actions carried forward"
            ]
        );
        assert_eq!(doc.footer, "Produced 23 November 2026 by Caseload");
    }

    #[test]
    fn an_unfinished_meeting_is_marked_as_a_draft_under_the_title_and_in_the_footer() {
        let mut record = TsmRecord::sample();
        record.finished = false;
        let doc = document(&record);
        assert_eq!(doc.blocks[1], Block::Marker(DRAFT_MARKER.into()));
        assert!(doc.footer.starts_with(DRAFT_MARKER));
        let finished = document(&TsmRecord::sample());
        assert!(
            !finished
                .blocks
                .iter()
                .any(|b| matches!(b, Block::Marker(_)))
        );
    }

    #[test]
    fn empty_sections_say_none() {
        let mut record = TsmRecord::sample();
        record.attendees.clear();
        record.pupils.clear();
        record.general_actions.clear();
        record.carried_forward.clear();
        let doc = document(&record);
        let nones = doc
            .blocks
            .iter()
            .filter(|b| **b == Block::Paragraph(NONE.into()))
            .count();
        assert_eq!(nones, 4);
        assert!(!doc.blocks.iter().any(|b| matches!(b, Block::Table(_))));
    }

    #[test]
    fn carried_actions_show_their_status_with_its_date() {
        let doc = document(&TsmRecord::sample());
        let Some(Block::Table(carried)) = doc.blocks.last() else {
            panic!("the record ends with the carried-forward table");
        };
        assert_eq!(carried.columns.len(), 7);
        assert_eq!(carried.rows[0][6], "Carried forward, 23 November 2026");
        assert_eq!(carried.rows[0][2], "10 July 2026");
    }

    #[test]
    fn a_pupil_without_figures_or_actions_reads_plainly() {
        let mut record = TsmRecord::sample();
        let pupil = &mut record.pupils[0];
        pupil.attendance.clear();
        pupil.year_group.clear();
        pupil.barriers.clear();
        pupil.actions.clear();
        let doc = document(&record);
        let fields = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Fields(f) if f[0].0 == "Year group" => Some(f.clone()),
                _ => None,
            })
            .expect("the pupil's fields");
        assert_eq!(fields[0].1, "Not known");
        assert_eq!(fields[1].1, "No attendance figure");
        assert_eq!(fields[2].1, "None");
        let label = doc
            .blocks
            .iter()
            .position(|b| *b == Block::Label("Actions".into()))
            .expect("actions label");
        assert_eq!(doc.blocks[label + 1], Block::Paragraph(NONE.into()));
    }
}
