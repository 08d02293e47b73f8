//! The TypeScript the UI imports (`ui/src/api/bindings.ts`): every request/response type and
//! the `Commands` map, generated from the command list. A test fails when the committed file is
//! stale; `cargo run -p caseload-app --bin gen-bindings` rewrites it.

use ts_rs::TS;

use crate::error::{AppError, FieldError};
#[allow(unused_imports)]
use crate::types::*;

/// Where the generated file lives, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/api/bindings.ts";

fn declarations() -> Vec<String> {
    vec![
        CaseId::decl(),
        CaseStatus::decl(),
        SchoolPhase::decl(),
        TransitionKind::decl(),
        DueKind::decl(),
        Trend::decl(),
        Team::decl(),
        CycleSettings::decl(),
        AppStatus::decl(),
        CreateCaseloadRequest::decl(),
        UnlockRequest::decl(),
        ChangePassphraseRequest::decl(),
        PupilInput::decl(),
        CaseAddRequest::decl(),
        CaseGetRequest::decl(),
        CaseUpdateRequest::decl(),
        CaseSummary::decl(),
        PupilView::decl(),
        CaseDetail::decl(),
        CaseTransitionRequest::decl(),
        CaseEventView::decl(),
        AttendanceRecordRequest::decl(),
        AttendanceView::decl(),
        DueView::decl(),
        DashboardRow::decl(),
        Dashboard::decl(),
        FunnelRequest::decl(),
        FunnelRowView::decl(),
        FunnelReport::decl(),
        Settings::decl(),
        ContactKind::decl(),
        ChronologyAddRequest::decl(),
        ChronologyListRequest::decl(),
        ChronologyEntryView::decl(),
        Barrier::decl(),
        ActionStatus::decl(),
        PlanGetRequest::decl(),
        PlanSetRequest::decl(),
        PlanActionAddRequest::decl(),
        PlanActionStatusRequest::decl(),
        PlanActionView::decl(),
        PlanView::decl(),
        PupilFlag::decl(),
        KeyProfessional::decl(),
        FamilyGetRequest::decl(),
        PupilDetailsSetRequest::decl(),
        FamilyNameSetRequest::decl(),
        CarerAddRequest::decl(),
        CarerRemoveRequest::decl(),
        SiblingLinkRequest::decl(),
        FamilyChildAddRequest::decl(),
        CarerView::decl(),
        SiblingView::decl(),
        FamilyChildView::decl(),
        FamilyView::decl(),
        PupilFamilyView::decl(),
        ContactInput::decl(),
        LinkSchoolSetRequest::decl(),
        ContactView::decl(),
        LinkSchoolView::decl(),
        TsmId::decl(),
        DiscussionId::decl(),
        TsmActionId::decl(),
        OwnerAgency::decl(),
        TsmStatus::decl(),
        ReviewOutcome::decl(),
        Attendee::decl(),
        ProblemAt::decl(),
        FinishProblem::decl(),
        TsmPlanRequest::decl(),
        TsmGetRequest::decl(),
        TsmDateSetRequest::decl(),
        TsmAttendeesSetRequest::decl(),
        TsmPupilAddRequest::decl(),
        TsmPupilUpdateRequest::decl(),
        TsmPupilRemoveRequest::decl(),
        TsmActionAddRequest::decl(),
        TsmActionUpdateRequest::decl(),
        TsmActionRemoveRequest::decl(),
        TsmActionReviewRequest::decl(),
        TsmReferRequest::decl(),
        TsmCoverageRequest::decl(),
        RecordFormat::decl(),
        TsmRecordSaveRequest::decl(),
        SavedFile::decl(),
        TsmSummary::decl(),
        TsmActionView::decl(),
        ReviewView::decl(),
        DiscussionView::decl(),
        CarriedActionView::decl(),
        PrepPupil::decl(),
        PrepPack::decl(),
        TsmView::decl(),
        CoverageRow::decl(),
        TsmCoverage::decl(),
        TsmDueAction::decl(),
        Alert::decl(),
        RuleId::decl(),
        MarksView::decl(),
        ImportKindView::decl(),
        ImportRequest::decl(),
        ImportView::decl(),
        ImportMappingGetRequest::decl(),
        ImportMappingSetRequest::decl(),
        ImportProblem::decl(),
        ImportPhase::decl(),
        ImportProgress::decl(),
        SearchRequest::decl(),
        SearchHit::decl(),
        LegalStepKind::decl(),
        EsoStage::decl(),
        ProsecutionSection::decl(),
        StepDetails::decl(),
        PenaltyAssessment::decl(),
        LegalGetRequest::decl(),
        LegalStepAddRequest::decl(),
        ShareSettings::decl(),
        ExportRequest::decl(),
        ExportSaveRequest::decl(),
        ExportSaved::decl(),
        OutboxStatus::decl(),
        OutboxFileView::decl(),
        OutboxItem::decl(),
        OutboxView::decl(),
        SyncRequest::decl(),
        SyncReport::decl(),
        InboxFileView::decl(),
        ConflictView::decl(),
        InboxView::decl(),
        ConflictChoice::decl(),
        ConflictResolveRequest::decl(),
        LegalStepView::decl(),
        LegalAlertView::decl(),
        NextLegalStepView::decl(),
        LegalView::decl(),
        EvidenceBundleSaveRequest::decl(),
        FieldError::decl(),
        AppError::decl(),
    ]
}

macro_rules! command_map {
    ($($name:ident : $req:ty => $resp:ty,)*) => {
        fn command_map() -> String {
            let mut out = String::from("export interface Commands {\n");
            $(out.push_str(&format!(
                "  {}: {{ request: {}, response: {} }},\n",
                stringify!($name),
                <$req as TS>::name(),
                <$resp as TS>::name()
            ));)*
            out.push_str("}\n");
            out
        }
    };
}

crate::for_each_command!(command_map);

/// The whole generated file.
pub fn typescript() -> String {
    let mut out = String::from(
        "// generated — do not edit. Source: crates/caseload-app (the command list and its types).\n\
         // Regenerate with `cargo run -p caseload-app --bin gen-bindings`.\n\n",
    );
    for decl in declarations() {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.push_str(&crate::labels::typescript());
    out.push_str(&command_map());
    out.push_str("\nexport const COMMAND_NAMES = [");
    let names: Vec<String> = crate::COMMAND_NAMES
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect();
    out.push_str(&names.join(", "));
    out.push_str("] as const;\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_committed_typescript_bindings_are_current() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(BINDINGS_PATH);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == typescript(),
            "{} is stale: run `cargo run -p caseload-app --bin gen-bindings` and commit it",
            BINDINGS_PATH
        );
    }

    #[test]
    fn every_command_appears_in_the_typescript_map() {
        let ts = typescript();
        for name in crate::COMMAND_NAMES {
            assert!(
                ts.contains(&format!("  {name}: {{ request: ")),
                "{name} missing"
            );
        }
    }
}
