//! Saved documents are written safely in a folder someone else may have prepared: the temporary
//! file is new, exclusive and unpredictably named, so a planted file or symlink is never opened
//! or followed; the final name never replaces anything (a symlink there counts as taken, and
//! the document gets " (2)"); on Unix the document is the worker's alone (0600), as is a folder
//! Caseload creates for it (0700); and nothing temporary is left behind.

mod common;

use std::path::{Path, PathBuf};

use common::created;
use common::tsm::save_record;

const VICTIM: &[u8] = b"a file the worker never asked Caseload to touch";

/// A file outside the documents folder, in a temp folder of its own.
fn victim() -> (tempfile::TempDir, PathBuf) {
    let elsewhere = tempfile::tempdir().expect("elsewhere");
    let victim = elsewhere.path().join("victim.txt");
    std::fs::write(&victim, VICTIM).expect("victim");
    (elsewhere, victim)
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn is_pdf(path: &Path) -> bool {
    let meta = std::fs::symlink_metadata(path).expect("saved");
    meta.file_type().is_file() && std::fs::read(path).expect("read").starts_with(b"%PDF")
}

#[cfg(unix)]
#[test]
fn a_symlink_planted_at_the_temporary_name_is_not_followed_and_the_document_is_saved() {
    let (_dir, cx) = created();
    let out = tempfile::tempdir().expect("out");
    let (_elsewhere, victim) = victim();
    // Where the temporary file used to be: the final name with `.partial` for its extension.
    let planted = out.path().join("bundle.partial");
    std::os::unix::fs::symlink(&victim, &planted).expect("plant");
    let exact = out.path().join("bundle.pdf");

    let saved = save_record(&cx, Some(&exact), None);

    assert_eq!(std::fs::read(&victim).expect("victim"), VICTIM);
    assert_eq!(saved.path, exact.display().to_string());
    assert!(is_pdf(&exact));
    assert_eq!(
        std::fs::read_link(&planted).expect("still a symlink"),
        victim
    );
    assert_eq!(names_in(out.path()), ["bundle.partial", "bundle.pdf"]);
}

#[cfg(unix)]
#[test]
fn a_symlink_at_the_chosen_path_is_not_written_through_and_the_document_is_saved_as_a_second_copy()
{
    let (_dir, cx) = created();
    let out = tempfile::tempdir().expect("out");
    let (_elsewhere, victim) = victim();
    let exact = out.path().join("record.pdf");
    std::os::unix::fs::symlink(&victim, &exact).expect("plant");

    let saved = save_record(&cx, Some(&exact), None);

    assert_eq!(std::fs::read(&victim).expect("victim"), VICTIM);
    assert_eq!(std::fs::read_link(&exact).expect("still a symlink"), victim);
    let second = out.path().join("record (2).pdf");
    assert_eq!(saved.path, second.display().to_string());
    assert!(is_pdf(&second));
    assert_eq!(names_in(out.path()), ["record (2).pdf", "record.pdf"]);
}

#[cfg(unix)]
#[test]
fn a_dangling_symlink_at_the_suggested_name_in_a_folder_counts_as_taken() {
    let (_dir, cx) = created();
    let first = tempfile::tempdir().expect("first");
    let name = PathBuf::from(save_record(&cx, None, Some(first.path())).path)
        .file_name()
        .expect("name")
        .to_owned();
    let out = tempfile::tempdir().expect("out");
    let (elsewhere, _) = victim();
    let missing = elsewhere.path().join("not yet there.pdf");
    std::os::unix::fs::symlink(&missing, out.path().join(&name)).expect("plant");

    let saved = PathBuf::from(save_record(&cx, None, Some(out.path())).path);

    assert!(!missing.exists(), "nothing was written through the symlink");
    let name = name.to_string_lossy();
    let stem = name.strip_suffix(".pdf").expect("pdf");
    assert_eq!(saved, out.path().join(format!("{stem} (2).pdf")));
    assert!(is_pdf(&saved));
}

#[test]
fn a_file_at_the_chosen_path_is_never_replaced() {
    let (_dir, cx) = created();
    let out = tempfile::tempdir().expect("out");
    let exact = out.path().join("record.pdf");
    std::fs::write(&exact, b"an earlier copy").expect("earlier");

    let second = save_record(&cx, Some(&exact), None);
    let third = save_record(&cx, Some(&exact), None);

    assert_eq!(std::fs::read(&exact).expect("earlier"), b"an earlier copy");
    assert_eq!(
        [second.path, third.path],
        [
            out.path().join("record (2).pdf").display().to_string(),
            out.path().join("record (3).pdf").display().to_string(),
        ]
    );
}

#[test]
fn no_temporary_file_is_left_after_documents_are_saved() {
    let (_dir, cx) = created();
    let out = tempfile::tempdir().expect("out");
    let exact = out.path().join("exact.pdf");
    save_record(&cx, Some(&exact), None);
    save_record(&cx, None, Some(out.path()));
    save_record(&cx, None, Some(out.path()));

    let names = names_in(out.path());
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| n.ends_with(".pdf") && !n.starts_with('.') && !n.contains("partial")),
        "{names:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_saved_document_is_readable_by_the_worker_alone() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, cx) = created();
    let out = tempfile::tempdir().expect("out");
    let exact = save_record(&cx, Some(&out.path().join("exact.pdf")), None);
    let in_folder = save_record(&cx, None, Some(out.path()));
    for saved in [exact, in_folder] {
        let mode = std::fs::metadata(&saved.path)
            .expect("saved")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{} is {:o}", saved.path, mode & 0o777);
    }
}

#[cfg(unix)]
#[test]
fn a_folder_caseload_creates_for_documents_is_private_and_a_folder_that_exists_is_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).expect("folder").permissions().mode() & 0o777;
    let (_dir, cx) = created();
    let out = tempfile::tempdir().expect("out");
    let chosen = out.path().join("chosen");
    std::fs::create_dir(&chosen).expect("chosen");
    std::fs::set_permissions(&chosen, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let made = chosen.join("Documents").join("Caseload");

    let saved = save_record(&cx, None, Some(&made));

    assert!(Path::new(&saved.path).starts_with(&made));
    assert_eq!(mode(&made), 0o700);
    assert_eq!(mode(&chosen.join("Documents")), 0o700);
    assert_eq!(mode(&chosen), 0o755, "a folder that exists is not changed");
}
