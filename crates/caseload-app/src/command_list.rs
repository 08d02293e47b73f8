// The one command list. Each line declares a use case once: `name: Request => Response`.
// `caseload_app::commands::<name>(&Caseload, Request) -> Result<Response, AppError>` must exist;
// the Tauri adapters, the CLI's `call`, the TypeScript `Commands` map and the Tauri permission
// manifest (src-tauri/build.rs includes this file) are all generated from this list, so a
// command cannot exist in one place and be missing in another. Request types are in scope of
// `caseload_app::types`; `()` means no request.

/// Calls `$callback! { name: Request => Response, ... }` with every command.
#[macro_export]
macro_rules! for_each_command {
    ($callback:ident) => {
        $callback! {
            app_status: () => AppStatus,
            caseload_create: CreateCaseloadRequest => AppStatus,
            unlock: UnlockRequest => AppStatus,
            lock: () => AppStatus,
            passphrase_change: ChangePassphraseRequest => (),
            case_list: () => Vec<CaseSummary>,
            case_get: CaseGetRequest => CaseDetail,
            case_add: CaseAddRequest => CaseDetail,
            case_update: CaseUpdateRequest => CaseDetail,
            case_transition: CaseTransitionRequest => CaseDetail,
            attendance_record: AttendanceRecordRequest => CaseDetail,
            chronology_add: ChronologyAddRequest => Vec<ChronologyEntryView>,
            chronology_list: ChronologyListRequest => Vec<ChronologyEntryView>,
            family_get: FamilyGetRequest => PupilFamilyView,
            pupil_details_set: PupilDetailsSetRequest => PupilFamilyView,
            family_name_set: FamilyNameSetRequest => PupilFamilyView,
            carer_add: CarerAddRequest => PupilFamilyView,
            carer_remove: CarerRemoveRequest => PupilFamilyView,
            sibling_link: SiblingLinkRequest => PupilFamilyView,
            family_child_add: FamilyChildAddRequest => PupilFamilyView,
            plan_get: PlanGetRequest => PlanView,
            plan_set: PlanSetRequest => PlanView,
            plan_action_add: PlanActionAddRequest => PlanView,
            plan_action_status: PlanActionStatusRequest => PlanView,
            link_school_set: LinkSchoolSetRequest => Vec<LinkSchoolView>,
            link_school_list: () => Vec<LinkSchoolView>,
            tsm_plan: TsmPlanRequest => TsmView,
            tsm_list: () => Vec<TsmSummary>,
            tsm_get: TsmGetRequest => TsmView,
            tsm_coverage: TsmCoverageRequest => TsmCoverage,
            tsm_date_set: TsmDateSetRequest => TsmView,
            tsm_attendees_set: TsmAttendeesSetRequest => TsmView,
            tsm_pupil_add: TsmPupilAddRequest => TsmView,
            tsm_pupil_update: TsmPupilUpdateRequest => TsmView,
            tsm_pupil_remove: TsmPupilRemoveRequest => TsmView,
            tsm_action_add: TsmActionAddRequest => TsmView,
            tsm_action_update: TsmActionUpdateRequest => TsmView,
            tsm_action_remove: TsmActionRemoveRequest => TsmView,
            tsm_action_review: TsmActionReviewRequest => TsmView,
            tsm_finish: TsmGetRequest => TsmView,
            tsm_refer: TsmReferRequest => TsmView,
            tsm_record_save: TsmRecordSaveRequest => SavedFile,
            import_marks_file: ImportRequest => ImportView,
            import_summary_file: ImportRequest => ImportView,
            import_progress: () => Option<ImportProgress>,
            import_cancel: () => bool,
            import_list: () => Vec<ImportView>,
            import_mapping_get: ImportMappingGetRequest => BTreeMap<String, String>,
            import_mapping_set: ImportMappingSetRequest => BTreeMap<String, String>,
            dashboard: () => Dashboard,
            search: SearchRequest => Vec<SearchHit>,
            report_funnel: FunnelRequest => FunnelReport,
            settings_get: () => Settings,
            settings_update: Settings => Settings,
            legal_get: LegalGetRequest => LegalView,
            legal_step_add: LegalStepAddRequest => LegalView,
            evidence_bundle_save: EvidenceBundleSaveRequest => SavedFile,
        }
    };
}
