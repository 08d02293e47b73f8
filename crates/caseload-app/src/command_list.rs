// The one command list. Each line declares a use case once:
// `module::name: Request => Response`, naming the concern's module and the command's types by
// their full paths (`$crate::` is this crate; `()` means no request).
// `caseload_app::<module>::<name>(&Caseload, Request) -> Result<Response, AppError>` must exist;
// the Tauri adapters, the CLI's `call`, the TypeScript declarations and `Commands` map, and the
// Tauri permission manifest (src-tauri/build.rs includes this file) are all generated from this
// list, so a command cannot exist in one place and be missing in another.

/// Calls `$callback! { module::name: Request => Response, ... }` with every command.
#[macro_export]
macro_rules! for_each_command {
    ($callback:ident) => {
        $callback! {
            session::app_status: () => $crate::session::AppStatus,
            session::caseload_create: $crate::session::CreateCaseloadRequest => $crate::session::AppStatus,
            session::unlock: $crate::session::UnlockRequest => $crate::session::AppStatus,
            session::lock: () => $crate::session::AppStatus,
            session::passphrase_change: $crate::session::ChangePassphraseRequest => (),
            cases::case_list: () => Vec<$crate::cases::CaseSummary>,
            cases::case_get: $crate::cases::CaseGetRequest => $crate::cases::CaseDetail,
            cases::case_add: $crate::cases::CaseAddRequest => $crate::cases::CaseDetail,
            cases::case_update: $crate::cases::CaseUpdateRequest => $crate::cases::CaseDetail,
            cases::case_transition: $crate::cases::CaseTransitionRequest => $crate::cases::CaseDetail,
            cases::attendance_record: $crate::cases::AttendanceRecordRequest => $crate::cases::CaseDetail,
            chronology::chronology_add: $crate::chronology::ChronologyAddRequest => Vec<$crate::chronology::ChronologyEntryView>,
            chronology::chronology_list: $crate::chronology::ChronologyListRequest => Vec<$crate::chronology::ChronologyEntryView>,
            family::family_get: $crate::family::FamilyGetRequest => $crate::family::PupilFamilyView,
            family::pupil_details_set: $crate::family::PupilDetailsSetRequest => $crate::family::PupilFamilyView,
            family::family_name_set: $crate::family::FamilyNameSetRequest => $crate::family::PupilFamilyView,
            family::carer_add: $crate::family::CarerAddRequest => $crate::family::PupilFamilyView,
            family::carer_remove: $crate::family::CarerRemoveRequest => $crate::family::PupilFamilyView,
            family::sibling_link: $crate::family::SiblingLinkRequest => $crate::family::PupilFamilyView,
            family::family_child_add: $crate::family::FamilyChildAddRequest => $crate::family::PupilFamilyView,
            plan::plan_get: $crate::plan::PlanGetRequest => $crate::plan::PlanView,
            plan::plan_set: $crate::plan::PlanSetRequest => $crate::plan::PlanView,
            plan::plan_action_add: $crate::plan::PlanActionAddRequest => $crate::plan::PlanView,
            plan::plan_action_status: $crate::plan::PlanActionStatusRequest => $crate::plan::PlanView,
            schools::link_school_set: $crate::schools::LinkSchoolSetRequest => Vec<$crate::schools::LinkSchoolView>,
            schools::link_school_list: () => Vec<$crate::schools::LinkSchoolView>,
            tsm::tsm_plan: $crate::tsm::TsmPlanRequest => $crate::tsm::TsmView,
            tsm::tsm_list: () => Vec<$crate::tsm::TsmSummary>,
            tsm::tsm_get: $crate::tsm::TsmGetRequest => $crate::tsm::TsmView,
            tsm::tsm_coverage: $crate::tsm::TsmCoverageRequest => $crate::tsm::TsmCoverage,
            tsm::tsm_date_set: $crate::tsm::TsmDateSetRequest => $crate::tsm::TsmView,
            tsm::tsm_attendees_set: $crate::tsm::TsmAttendeesSetRequest => $crate::tsm::TsmView,
            tsm::tsm_pupil_add: $crate::tsm::TsmPupilAddRequest => $crate::tsm::TsmView,
            tsm::tsm_pupil_update: $crate::tsm::TsmPupilUpdateRequest => $crate::tsm::TsmView,
            tsm::tsm_pupil_remove: $crate::tsm::TsmPupilRemoveRequest => $crate::tsm::TsmView,
            tsm::tsm_action_add: $crate::tsm::TsmActionAddRequest => $crate::tsm::TsmView,
            tsm::tsm_action_update: $crate::tsm::TsmActionUpdateRequest => $crate::tsm::TsmView,
            tsm::tsm_action_remove: $crate::tsm::TsmActionRemoveRequest => $crate::tsm::TsmView,
            tsm::tsm_action_review: $crate::tsm::TsmActionReviewRequest => $crate::tsm::TsmView,
            tsm::tsm_finish: $crate::tsm::TsmGetRequest => $crate::tsm::TsmView,
            tsm::tsm_refer: $crate::tsm::TsmReferRequest => $crate::tsm::TsmView,
            tsm::tsm_record_save: $crate::tsm::TsmRecordSaveRequest => $crate::support::SavedFile,
            imports::import_marks_file: $crate::imports::ImportRequest => $crate::imports::ImportView,
            imports::import_summary_file: $crate::imports::ImportRequest => $crate::imports::ImportView,
            imports::import_progress: () => Option<$crate::imports::ImportProgress>,
            imports::import_cancel: () => bool,
            imports::import_list: () => Vec<$crate::imports::ImportView>,
            imports::import_mapping_get: $crate::imports::ImportMappingGetRequest => std::collections::BTreeMap<String, String>,
            imports::import_mapping_set: $crate::imports::ImportMappingSetRequest => std::collections::BTreeMap<String, String>,
            dashboard::dashboard: () => $crate::dashboard::Dashboard,
            search::search: $crate::search::SearchRequest => Vec<$crate::search::SearchHit>,
            reports::report_funnel: $crate::reports::FunnelRequest => $crate::reports::FunnelReport,
            reports::report_caseload_bands: () => $crate::reports::CaseloadBandsReport,
            settings::settings_get: () => $crate::settings::Settings,
            settings::settings_update: $crate::settings::Settings => $crate::settings::Settings,
            legal::legal_get: $crate::legal::LegalGetRequest => $crate::legal::LegalView,
            legal::legal_step_add: $crate::legal::LegalStepAddRequest => $crate::legal::LegalView,
            legal::evidence_bundle_save: $crate::legal::EvidenceBundleSaveRequest => $crate::support::SavedFile,
            exchange::share_settings_get: () => $crate::exchange::ShareSettings,
            exchange::share_settings_set: $crate::exchange::ShareSettings => $crate::exchange::ShareSettingsSaved,
            exchange::export_queue: $crate::exchange::ExportRequest => $crate::exchange::OutboxItem,
            exchange::export_save: $crate::exchange::ExportSaveRequest => $crate::exchange::ExportSaved,
            exchange::outbox_list: () => $crate::exchange::OutboxView,
            exchange::sync: $crate::exchange::SyncRequest => $crate::exchange::SyncReport,
            exchange::inbox_get: () => $crate::exchange::InboxView,
            exchange::inbox_conflict_resolve: $crate::exchange::ConflictResolveRequest => $crate::exchange::InboxView,
        }
    };
}
