//! The bundle's attendance record: the worker's readings, then what the school's session marks
//! show (each academic year's figures, the threshold and illness dates) and the register extract
//! itself, week by week with a key of the codes used. Without marks it says so and what to do.

use super::{BundleRegister, EvidenceBundle};
use crate::document::{Block, Column, Table, long_date};

const SESSIONS: [&str; 14] = [
    "Mon AM", "Mon PM", "Tue AM", "Tue PM", "Wed AM", "Wed PM", "Thu AM", "Thu PM", "Fri AM",
    "Fri PM", "Sat AM", "Sat PM", "Sun AM", "Sun PM",
];

fn yes_no(b: bool) -> String {
    if b { "Yes" } else { "No" }.into()
}

pub(super) fn attendance(b: &EvidenceBundle, blocks: &mut Vec<Block>) {
    blocks.push(Block::Heading("Attendance record".into()));
    blocks.push(Block::Subheading("Attendance figures recorded".into()));
    if b.attendance.is_empty() {
        blocks.push(Block::Paragraph(
            "No attendance figures recorded by hand".into(),
        ));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("As at", 1.4),
                Column::new("Possible sessions", 1.0),
                Column::new("Present", 1.0),
                Column::new("Authorised absence", 1.0),
                Column::new("Unauthorised absence", 1.0),
                Column::new("Attendance", 1.0),
            ],
            rows: b
                .attendance
                .iter()
                .map(|r| {
                    vec![
                        long_date(r.as_at),
                        r.possible.to_string(),
                        r.present.to_string(),
                        r.authorised.to_string(),
                        r.unauthorised.to_string(),
                        match r.attendance.trim() {
                            "" => "No possible sessions".into(),
                            pct => pct.into(),
                        },
                    ]
                })
                .collect(),
        }));
    }
    match &b.register {
        Some(register) => marks(register, blocks),
        None => blocks.push(Block::Paragraph(
            "No session marks are imported for this pupil: there is no register extract, and the penalty notice threshold cannot be shown as met."
                .into(),
        )),
    }
}

fn marks(r: &BundleRegister, blocks: &mut Vec<Block>) {
    blocks.push(Block::Subheading(format!(
        "Attendance per academic year, from the register ({} to {})",
        long_date(r.from),
        long_date(r.to)
    )));
    blocks.push(Block::Table(Table {
        columns: vec![
            Column::new("Academic year", 1.2),
            Column::new("Possible sessions", 1.0),
            Column::new("Present", 1.0),
            Column::new("Attendance", 1.0),
            Column::new("Persistently absent", 1.0),
            Column::new("Severely absent", 1.0),
        ],
        rows: r
            .years
            .iter()
            .map(|y| {
                vec![
                    y.label.clone(),
                    y.possible.to_string(),
                    y.present.to_string(),
                    match y.attendance.trim() {
                        "" => "No possible sessions".into(),
                        pct => pct.into(),
                    },
                    yes_no(y.persistent_absence),
                    yes_no(y.severe_absence),
                ]
            })
            .collect(),
    }));
    blocks.push(Block::Fields(vec![
        (
            "Penalty notice threshold".into(),
            r.threshold_met_on
                .map_or_else(|| "Not met".into(), |d| format!("Met on {}", long_date(d))),
        ),
        (
            "15 days of illness".into(),
            r.illness_15_days_on.map_or_else(
                || "Not reached".into(),
                |d| format!("Reached on {}", long_date(d)),
            ),
        ),
    ]));
    blocks.push(Block::Subheading("Register extract".into()));
    blocks.push(Block::Paragraph(
        "The pupil's session marks as the school's register recorded them, one row per week. A blank is a session with no mark.".into(),
    ));
    let days = if r.weekend { 14 } else { 10 };
    let mut columns = vec![Column::new("Week beginning", 2.2)];
    columns.extend(SESSIONS[..days].iter().map(|s| Column::new(s, 0.75)));
    blocks.push(Block::Table(Table {
        columns,
        rows: r
            .weeks
            .iter()
            .map(|w| {
                let mut row = vec![long_date(w.week_start)];
                row.extend((0..days).map(|i| w.sessions.get(i).cloned().unwrap_or_default()));
                row
            })
            .collect(),
    }));
    blocks.push(Block::Label("Key to the codes used".into()));
    blocks.push(Block::Table(Table {
        columns: vec![Column::new("Code", 0.6), Column::new("Meaning", 5.4)],
        rows: r
            .key
            .iter()
            .map(|(code, meaning)| vec![code.clone(), meaning.clone()])
            .collect(),
    }));
}
