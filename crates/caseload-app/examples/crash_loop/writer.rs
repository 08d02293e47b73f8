//! The process the harness kills: unlocks the caseload and loops over committed writes through
//! the same use cases the app and the CLI call, printing one line on stdout AFTER each write
//! returned (so after its commit): what the verifier may then demand to find.
//!
//! Lines: `case <upn>`, `chron <marker>`, `import <file name> <marks>`, `tsm <attendee>`,
//! `delivered <export id>`, `backup <file name>`.

use std::io::Write;

use caseload_app::backup::{self, BackupNowRequest};
use caseload_app::cases::{CaseAddRequest, PupilInput};
use caseload_app::chronology::{self, ChronologyAddRequest};
use caseload_app::exchange::{self, ExportRequest, SyncRequest};
use caseload_app::session::{self, UnlockRequest};
use caseload_app::tsm::{self, TsmAttendeesSetRequest};
use caseload_app::{Caseload, KdfProfile, cases, imports};
use caseload_domain::chronology::ContactKind;
use caseload_domain::tsm::{Attendee, TsmId};

use super::{PASS, Paths};

/// A valid UPN: a check letter and 12 digits, `prefix` then `n`.
pub fn upn(prefix: u8, n: u64) -> String {
    let digits = format!("{prefix:02}{n:010}");
    let letter = caseload_domain::upn::check_letter(digits.as_bytes()).expect("check letter");
    format!("{letter}{digits}")
}

/// The marks file of `run`'s `i`th import: its own pupils, so no later import replaces a row
/// of it and every import's rows stay countable as its own.
pub const PUPILS_PER_IMPORT: u64 = 60;
pub const MARK_DATES: [&str; 5] = [
    "2026-11-02",
    "2026-11-03",
    "2026-11-04",
    "2026-11-05",
    "2026-11-06",
];

fn marks_file(run: u64, i: u64) -> String {
    let mut text = String::from("upn,date,session,code\n");
    for p in 0..PUPILS_PER_IMPORT {
        let pupil = upn(80, (run * 1000 + i) * PUPILS_PER_IMPORT + p);
        for date in MARK_DATES {
            for session in ["AM", "PM"] {
                text.push_str(&format!("{pupil},{date},{session},/\n"));
            }
        }
    }
    text
}

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    // The harness reads this line as "committed": it must be out before the next write.
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Unlocks and writes until killed (or `iterations` loops, when run by hand).
pub fn run(paths: &Paths, run: u64, tsm_id: &str, iterations: u64) -> Result<()> {
    let cx = Caseload::new(paths.data.clone(), KdfProfile::InsecureForTests);
    session::unlock(
        &cx,
        UnlockRequest {
            passphrase: PASS.into(),
        },
    )?;
    let tsm_id = TsmId(tsm_id.to_string());
    let scratch = paths.root.join(format!("marks-{run}"));
    std::fs::create_dir_all(&scratch)?;
    for i in 0..iterations {
        let case_upn = upn(81, run * 1000 + i);
        let case = cases::case_add(
            &cx,
            CaseAddRequest {
                pupil: PupilInput {
                    legal_name: "Crashpupil Synthetic".into(),
                    preferred_name: None,
                    date_of_birth: "2014-03-27".into(),
                    upn: case_upn.clone(),
                    school_urn: "100000".into(),
                    school_name: "Synthetic School".into(),
                    school_phase: Some("secondary".into()),
                    year_group: "8".into(),
                },
                referral_source: Some("School".into()),
                referral_date: Some("2026-11-02".into()),
            },
        )?;
        say(&format!("case {case_upn}"));

        let marker = format!("crash-visit-{run}-{i}");
        chronology::chronology_add(
            &cx,
            ChronologyAddRequest {
                case_id: case.id.clone(),
                kind: ContactKind::HomeVisit,
                occurred_at: "2026-11-03T10:30".into(),
                who: "Parent and worker".into(),
                what: marker.clone(),
                outcome: None,
                next_step: None,
                corrects: None,
            },
        )?;
        say(&format!("chron {marker}"));

        let name = format!("marks-{run}-{i}.csv");
        let path = scratch.join(&name);
        std::fs::write(&path, marks_file(run, i))?;
        let view = imports::import_marks_file_at(&cx, &path, None)?;
        say(&format!("import {name} {}", view.rows));

        let attendee = format!("Attendee {run:05}-{i:05}");
        tsm::tsm_attendees_set(
            &cx,
            TsmAttendeesSetRequest {
                id: tsm_id.clone(),
                attendees: vec![Attendee {
                    name: attendee.clone(),
                    role: "Attendance officer".into(),
                    organisation: String::new(),
                }],
            },
        )?;
        say(&format!("tsm {attendee}"));

        if i % 3 == 0 {
            let item = exchange::export_queue(
                &cx,
                ExportRequest {
                    kind: "funnel".into(),
                    formats: vec!["csv".into()],
                    ..Default::default()
                },
            )?;
            let share = paths.share.display().to_string();
            let report = exchange::sync_to(&cx, SyncRequest::default(), Some(&share))?;
            if report.failed == 0 {
                say(&format!("delivered {}", item.export_id.as_str()));
            }
        }
        if i % 4 == 1 {
            let made = backup::backup_now_to(&cx, BackupNowRequest {}, Some(&paths.backups))?;
            say(&format!("backup {}", made.file_name));
        }
    }
    Ok(())
}

/// Once, before the first run: the caseload, the linked school and the meeting whose
/// attendees every loop saves. Returns the meeting's id.
pub fn set_up(paths: &Paths) -> Result<String> {
    use caseload_app::schools::{self, ContactInput, LinkSchoolSetRequest};
    use caseload_app::session::CreateCaseloadRequest;
    for dir in [&paths.share, &paths.backups] {
        std::fs::create_dir_all(dir)?;
    }
    let cx = Caseload::new(paths.data.clone(), KdfProfile::InsecureForTests);
    session::caseload_create(
        &cx,
        CreateCaseloadRequest {
            passphrase: PASS.into(),
            passphrase_confirm: PASS.into(),
        },
    )?;
    schools::link_school_set(
        &cx,
        LinkSchoolSetRequest {
            urn: "100000".into(),
            name: "Synthetic School".into(),
            phase: "secondary".into(),
            attendance_champion: ContactInput::default(),
            dsl: ContactInput::default(),
        },
    )?;
    let meeting = tsm::tsm_plan(
        &cx,
        tsm::TsmPlanRequest {
            school_urn: "100000".into(),
            meeting_date: "2026-11-20".into(),
            term: None,
        },
    )?;
    exchange::share_settings_save(
        &cx,
        exchange::ShareSettings {
            folder: paths.share.display().to_string(),
            worker_id: "aw-crash".into(),
            team: "Synthetic team".into(),
        },
    )?;
    session::lock(&cx, ())?;
    Ok(meeting.id.as_str().to_string())
}
