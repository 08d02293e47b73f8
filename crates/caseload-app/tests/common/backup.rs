//! Helpers for the backup and restore tests: a demo caseload holding a name to search the
//! backup's bytes for, and a backup of it written to a given folder.
#![allow(dead_code)]

use std::fs;
use std::path::Path;

use caseload_app::backup::{self, BackupNowRequest};
use caseload_app::cases::{CaseAddRequest, PupilInput};
use caseload_app::{Caseload, cases, demo};

use super::{ago, created};

pub const PASS: &str = "correct horse battery";
/// A name no real pupil has, to search the backup's bytes for.
pub const CANARY: &str = "Quillfeather Zebedeeson";

pub fn with_canary() -> (tempfile::TempDir, Caseload) {
    let (d, cx) = created();
    demo::fill(&cx, 30, 7).expect("demo");
    cases::case_add(
        &cx,
        CaseAddRequest {
            pupil: PupilInput {
                legal_name: CANARY.into(),
                preferred_name: None,
                date_of_birth: "2013-05-14".into(),
                upn: "A123456789012".into(),
                school_urn: "100000".into(),
                school_name: "Synthetic School".into(),
                school_phase: Some("secondary".into()),
                year_group: "8".into(),
            },
            referral_source: Some("School".into()),
            referral_date: Some(ago(3)),
        },
    )
    .expect("canary case");
    (d, cx)
}

pub fn backup_into(cx: &Caseload, folder: &Path) -> backup::BackupView {
    fs::create_dir_all(folder).expect("folder");
    backup::backup_now_to(cx, BackupNowRequest {}, Some(folder)).expect("backup")
}
