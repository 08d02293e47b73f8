//! The use cases, one function per command of the list: `fn name(&Caseload, Request) ->
//! Result<Response, AppError>`. Front ends call only these.

mod cases;
mod chronology;
mod dashboard;
mod detail;
mod evidence;
mod exports;
mod family;
mod figures;
mod imports;
mod inbox;
mod legal;
mod lifecycle;
mod link_schools;
mod plan;
mod reports;
mod saved_file;
mod search;
mod session;
mod settings;
pub(crate) mod share;
mod sync;
mod tsm;

pub use cases::{case_add, case_get, case_list, case_update};
pub use chronology::{chronology_add, chronology_list};
pub use dashboard::dashboard;
pub use evidence::evidence_bundle_save;
pub use exports::{export_queue, export_save, outbox_list};
pub use family::{
    carer_add, carer_remove, family_child_add, family_get, family_name_set, pupil_details_set,
    sibling_link,
};
pub use imports::{
    import_cancel, import_list, import_mapping_get, import_mapping_set, import_marks_file,
    import_progress, import_summary_file,
};
pub use inbox::{inbox_conflict_resolve, inbox_get};
pub use legal::{legal_get, legal_step_add};
pub use lifecycle::{attendance_record, case_transition};
pub use link_schools::{link_school_list, link_school_set};
pub use plan::{plan_action_add, plan_action_status, plan_get, plan_set};
pub use reports::report_funnel;
pub use search::search;
pub use session::{app_status, caseload_create, lock, passphrase_change, unlock};
pub use settings::{settings_get, settings_update};
pub use share::{share_settings_get, share_settings_set};
pub use sync::{sync, sync_using};
pub(crate) use tsm::due_actions as tsm_due_actions;
pub use tsm::{
    tsm_action_add, tsm_action_remove, tsm_action_review, tsm_action_update, tsm_attendees_set,
    tsm_coverage, tsm_date_set, tsm_finish, tsm_get, tsm_list, tsm_plan, tsm_pupil_add,
    tsm_pupil_remove, tsm_pupil_update, tsm_record_save, tsm_refer,
};

/// The worker's local date (Europe/London), for rules such as "date of birth not in the future".
pub fn today() -> chrono::NaiveDate {
    now_local().date()
}

/// The worker's local date and time (Europe/London), for "not in the future" rules.
pub(crate) fn now_local() -> chrono::NaiveDateTime {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .naive_local()
}

/// Writes a file the worker asked for to exactly `path` (temporary name, flushed, renamed), for
/// front ends that make a document without a caseload (the CLI's team report).
pub fn save_file_at(
    path: &std::path::Path,
    what: &str,
    bytes: &[u8],
) -> Result<crate::types::SavedFile, crate::error::AppError> {
    let path = path.display().to_string();
    saved_file::save(
        saved_file::Destination {
            path: Some(&path),
            dir: None,
        },
        what,
        "",
        "",
        bytes,
    )
}
