//! Where the save dialog starts: the documents folder (created if missing) and a suggested name
//! that replaces no earlier copy. The test runs itself again in a child process with
//! `CASELOAD_DOCUMENTS_DIR` set (the environment of a running test is never changed).

mod common;

use std::path::PathBuf;

use caseload_app::documents::{self, SaveSuggestionRequest};
use caseload_app::legal::{EvidenceBundleSaveRequest, LegalGetRequest};
use caseload_app::support::Destination;
use caseload_app::tsm::RecordFormat;
use caseload_app::{AppError, data_dir, legal};
use caseload_domain::tsm::TsmId;
use common::tsm::{link, plan};
use common::{add, created};

const NAME: &str = "the_suggestion_is_in_the_documents_folder_under_a_name_that_replaces_nothing";

#[test]
fn the_suggestion_is_in_the_documents_folder_under_a_name_that_replaces_nothing() {
    let Some(folder) = std::env::var_os(data_dir::DOCUMENTS_DIR_ENV).map(PathBuf::from) else {
        let outer = tempfile::tempdir().expect("tmp");
        let status = std::process::Command::new(std::env::current_exe().expect("exe"))
            .args(["--exact", NAME, "--test-threads=1"])
            .env(
                data_dir::DOCUMENTS_DIR_ENV,
                outer.path().join("not yet").join("Caseload"),
            )
            .status()
            .expect("run the test again");
        assert!(status.success(), "the test with the folder set failed");
        return;
    };
    assert!(!folder.exists());
    let (_dir, cx) = created();

    link(&cx);
    let id = plan(&cx, 1).id;
    let record = |format| {
        documents::save_suggestion(
            &cx,
            SaveSuggestionRequest::TsmRecord {
                id: id.clone(),
                format,
            },
        )
        .expect("suggestion")
    };
    let first = record(RecordFormat::Pdf);
    assert!(folder.is_dir(), "the documents folder is created");
    assert_eq!(first.folder, folder.display().to_string());
    assert!(
        first.name.starts_with("TSM record 100000-") && first.name.ends_with(" DRAFT.pdf"),
        "{}",
        first.name
    );
    assert_eq!(first.path, folder.join(&first.name).display().to_string());
    assert_eq!(first.extension, "pdf");
    assert!(
        !first.ask,
        "a folder fixed by the environment is used without asking"
    );
    assert!(record(RecordFormat::Docx).name.ends_with(" DRAFT.docx"));

    std::fs::write(&first.path, b"earlier copy").expect("earlier");
    let second = record(RecordFormat::Pdf);
    assert!(second.name.ends_with(" DRAFT (2).pdf"), "{}", second.name);

    let case = add(&cx, "B801200005001", "secondary", 60);
    legal::legal_get(
        &cx,
        LegalGetRequest {
            case_id: case.clone(),
        },
    )
    .expect("legal");
    let bundle = documents::save_suggestion(
        &cx,
        SaveSuggestionRequest::EvidenceBundle {
            case_id: case.clone(),
            name_pupil: false,
        },
    )
    .expect("bundle suggestion");
    assert!(
        bundle.name.starts_with("Evidence bundle "),
        "{}",
        bundle.name
    );
    // Saved to the suggested folder, the bundle takes exactly the suggested name.
    let saved = legal::evidence_bundle_save_to(
        &cx,
        EvidenceBundleSaveRequest {
            case_id: case,
            name_pupil: false,
            purpose: None,
            format: None,
        },
        &Destination::documents_folder(),
    )
    .expect("saved");
    assert_eq!(saved.path, bundle.path);

    let export = documents::save_suggestion(&cx, SaveSuggestionRequest::Export).expect("export");
    assert_eq!(
        (export.name.as_str(), export.path),
        ("", export.folder.clone())
    );

    let e = documents::save_suggestion(
        &cx,
        SaveSuggestionRequest::TsmRecord {
            id: TsmId::from("no-such-meeting".to_string()),
            format: RecordFormat::Pdf,
        },
    )
    .expect_err("unknown meeting");
    assert!(matches!(e, AppError::NotFound { .. }), "{e:?}");
}
