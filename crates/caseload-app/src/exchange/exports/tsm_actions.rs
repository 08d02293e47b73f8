//! The TSM action log as a summary: one row per action agreed at a finished meeting in the
//! period, pupils pseudonymised (or named, in an identifiable export), free text scrubbed.

use caseload_domain::tsm::Term;
use caseload_exchange::summary::{Cell, ColumnType, SummaryTable};
use caseload_store::{Store, link_schools, tsm_actions, tsm_pupils, tsms};

use super::build::{Context, FreeText, Spec, col};
use super::privacy::Pseudonymiser;
use crate::error::AppError;

pub(super) fn tsm_actions_table(
    store: &mut Store,
    spec: &Spec,
    cx: &Context<'_>,
) -> Result<SummaryTable, AppError> {
    let identifiable = spec.identifiable.is_some();
    let with_text = cx.free_text != FreeText::LeftOut;
    let pseudonyms = Pseudonymiser::load_or_create(store)?;
    let r = store.read();
    let schools = link_schools::list(&r)?;
    let mut columns = vec![
        col(
            "school_urn",
            "School URN",
            ColumnType::Text,
            "The school's unique reference number",
        ),
        col("school", "School", ColumnType::Text, "The school's name"),
        col(
            "term",
            "Term",
            ColumnType::Text,
            "The school term of the meeting (autumn September–December, spring January–March, summer April–August)",
        ),
        col(
            "meeting_date",
            "Meeting date",
            ColumnType::Date,
            "The date of the Targeting Support Meeting",
        ),
    ];
    let pupil_col = if identifiable {
        col(
            "pupil",
            "Pupil",
            ColumnType::Text,
            "The pupil the action is for, by name; blank for a whole-school action",
        )
    } else {
        col(
            "pupil",
            "Pupil",
            ColumnType::Text,
            "The pupil the action is for, by pseudonymous identifier; blank for a whole-school action or a pupil discussed without a UPN",
        )
    };
    let scrubbed = if identifiable {
        ""
    } else {
        "; names, UPNs, dates, phone numbers, postcodes, e-mail addresses and house numbers removed"
    };
    columns.push(pupil_col);
    if with_text {
        columns.push(col(
            "action",
            "Action",
            ColumnType::Text,
            &format!("What was agreed, as typed at the meeting{scrubbed}"),
        ));
    }
    columns.push(col(
        "owner_agency",
        "Owner agency",
        ColumnType::Text,
        "The agency that owns the action",
    ));
    if with_text {
        columns.extend([
            col(
                "owner_person",
                "Owner",
                ColumnType::Text,
                &format!("The person who owns the action{scrubbed}"),
            ),
            col(
                "lead_practitioner",
                "Lead practitioner",
                ColumnType::Text,
                &format!("The lead practitioner{scrubbed}"),
            ),
        ]);
    }
    columns.extend([
        col(
            "due_on",
            "Due",
            ColumnType::Date,
            "The date the action is due",
        ),
        col(
            "status",
            "Status",
            ColumnType::Text,
            "open, done, not done or carried: the latest review",
        ),
        col(
            "reviewed_on",
            "Reviewed",
            ColumnType::Date,
            "The date of the latest review",
        ),
    ]);
    let mut rows = Vec::new();
    for meeting in tsms::list(&r)? {
        if meeting.meeting_date < spec.from || meeting.meeting_date > spec.to {
            continue;
        }
        let school = schools
            .iter()
            .find(|s| s.urn.as_str() == meeting.school_urn)
            .map(|s| s.name.as_str().to_string())
            .unwrap_or_default();
        let discussions = tsm_pupils::discussions(&r, &meeting.id)?;
        for action in tsm_actions::of_meeting(&r, &meeting.id)? {
            let pupil = action
                .discussion
                .and_then(|d| discussions.iter().find(|p| p.id == d))
                .map_or(Cell::Empty, |p| {
                    if identifiable {
                        Cell::text(p.text.name.clone())
                    } else {
                        p.upn
                            .as_deref()
                            .map_or(Cell::Empty, |upn| Cell::text(pseudonyms.id(upn)))
                    }
                });
            let f = &action.fields;
            let mut row = vec![
                Cell::text(meeting.school_urn.clone()),
                Cell::text(school.clone()),
                Cell::text(Term::label(meeting.term)),
                Cell::Date(meeting.meeting_date),
                pupil,
            ];
            row.extend(cx.free(&f.what).map(Cell::Text));
            row.push(Cell::text(f.owner_agency.label()));
            row.extend(cx.free(&f.owner_person).map(Cell::Text));
            row.extend(cx.free(&f.lead_practitioner).map(Cell::Text));
            row.extend([
                Cell::date(f.due_on),
                Cell::text(
                    action
                        .latest
                        .map_or("open", |rv| rv.outcome.label())
                        .to_string(),
                ),
                Cell::date(action.latest.map(|rv| rv.on)),
            ]);
            rows.push(row);
        }
    }
    Ok(SummaryTable {
        id: "tsm_actions".into(),
        title: "Actions agreed at Targeting Support Meetings".into(),
        columns,
        rows,
        row_definitions: vec![],
    })
}
