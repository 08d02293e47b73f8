//! Helpers for the Targeting Support Meeting test files: a linked school, planned meetings,
//! attendees, pupils and complete actions, all through the use cases.
#![allow(dead_code)]

use caseload_app::schools::{ContactInput, LinkSchoolSetRequest};
use caseload_app::tsm::{
    DiscussionView, TsmActionAddRequest, TsmActionUpdateRequest, TsmActionView,
    TsmAttendeesSetRequest, TsmPlanRequest, TsmPupilAddRequest, TsmView,
};
use caseload_app::{AppError, Caseload, schools, tsm};
use caseload_domain::tsm::{Attendee, DiscussionId, OwnerAgency, TsmActionId, TsmId};

use super::ago;

pub const URN: &str = "100000";

pub fn link(cx: &Caseload) {
    schools::link_school_set(
        cx,
        LinkSchoolSetRequest {
            urn: URN.into(),
            name: "Synthetic School".into(),
            phase: "secondary".into(),
            attendance_champion: ContactInput::default(),
            dsl: ContactInput::default(),
        },
    )
    .expect("link");
}

pub fn plan(cx: &Caseload, days_ago: i64) -> TsmView {
    tsm::tsm_plan(
        cx,
        TsmPlanRequest {
            school_urn: URN.into(),
            meeting_date: ago(days_ago),
            term: None,
        },
    )
    .expect("plan")
}

pub fn attendees(cx: &Caseload, id: &TsmId) -> TsmView {
    let person = |name: &str, role: &str| Attendee {
        name: name.into(),
        role: role.into(),
        organisation: String::new(),
    };
    tsm::tsm_attendees_set(
        cx,
        TsmAttendeesSetRequest {
            id: id.clone(),
            attendees: vec![
                person("Champion Demo", "Senior attendance champion"),
                person("Worker Demo", "Attendance officer"),
            ],
        },
    )
    .expect("attendees")
}

pub fn typed_pupil(cx: &Caseload, id: &TsmId, name: &str) -> DiscussionView {
    let v = tsm::tsm_pupil_add(
        cx,
        TsmPupilAddRequest {
            id: id.clone(),
            case_id: None,
            name: Some(name.into()),
            upn: None,
            year_group: Some("8".into()),
        },
    )
    .expect("pupil");
    v.discussions.last().expect("added").clone()
}

pub fn action(
    cx: &Caseload,
    id: &TsmId,
    d: Option<DiscussionId>,
    what: &str,
    due: &str,
) -> TsmActionId {
    let v = tsm::tsm_action_add(
        cx,
        TsmActionAddRequest {
            id: id.clone(),
            discussion_id: d,
        },
    )
    .expect("add action");
    let all: Vec<&TsmActionView> = v
        .discussions
        .iter()
        .flat_map(|d| d.actions.iter())
        .chain(v.general_actions.iter())
        .collect();
    let new = all.iter().map(|a| a.id).max().expect("an action");
    tsm::tsm_action_update(
        cx,
        TsmActionUpdateRequest {
            action_id: new,
            what: what.into(),
            owner_agency: OwnerAgency::EarlyHelp,
            owner_person: "Officer Demo".into(),
            lead_practitioner: "Lead Demo".into(),
            due_on: due.into(),
        },
    )
    .expect("update action");
    new
}

pub fn kind(e: AppError) -> &'static str {
    e.kind()
}

/// The first meeting's record as a PDF (a meeting is planned if there is none), saved at exactly
/// `path` or into the folder `dir`, as the desktop app and the CLI ask for it.
pub fn save_record(
    cx: &Caseload,
    path: Option<&std::path::Path>,
    dir: Option<&std::path::Path>,
) -> caseload_app::support::SavedFile {
    let id = match tsm::tsm_list(cx, ()).expect("list").first() {
        Some(t) => t.id.clone(),
        None => {
            link(cx);
            plan(cx, 1).id
        }
    };
    tsm::tsm_record_save_to(
        cx,
        tsm::TsmRecordSaveRequest {
            id,
            format: tsm::RecordFormat::Pdf,
        },
        &caseload_app::support::Destination {
            path: path.map(Into::into),
            dir: dir.map(Into::into),
        },
    )
    .expect("save")
}
