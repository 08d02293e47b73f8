//! The data folder's disk full, for real: the caseload on a small tmpfs (when this machine
//! lets the tests mount one; skipped with a note otherwise, and the store's rollback tests
//! stand in). A write that finds no space fails whole with a message saying so, nothing
//! saved before is lost, and once space is freed the caseload opens, passes its integrity
//! checks and takes writes again.
#![cfg(target_os = "linux")]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use caseload_app::session::{self, CreateCaseloadRequest, UnlockRequest};
use caseload_app::{AppError, Caseload, KdfProfile, cases};

struct Unmount(PathBuf);

impl Drop for Unmount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Mounts a tmpfs of `kib` KiB at `at` (made if missing), unmounted when the guard drops; or
/// the reason it cannot (not root, no mount command, a container without the privilege).
fn mount_tmpfs(at: &Path, kib: u32) -> std::io::Result<Unmount> {
    std::fs::create_dir_all(at)?;
    let out = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
        .arg(at)
        .output()?;
    if out.status.success() {
        Ok(Unmount(at.to_path_buf()))
    } else {
        Err(std::io::Error::other(
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ))
    }
}

fn upn(n: u32) -> String {
    let rest = format!("80120003{n:04}");
    format!(
        "{}{rest}",
        caseload_domain::upn::check_letter(rest.as_bytes()).expect("letter")
    )
}

fn add(cx: &Caseload, n: u32) -> Result<(), AppError> {
    let mut pupil = common::input();
    pupil.upn = upn(n);
    cases::case_add(cx, common::new_case(pupil)).map(|_| ())
}

/// Fills the file system at `dir` to the last block.
fn fill(dir: &Path) -> PathBuf {
    use std::io::Write;
    let path = dir.join("filler.bin");
    let mut file = std::fs::File::create(&path).expect("filler");
    let block = vec![0u8; 4096];
    while file.write_all(&block).is_ok() {}
    let _ = file.sync_all();
    path
}

#[test]
fn a_full_data_disk_fails_the_write_whole_and_loses_nothing_saved_before() {
    let dir = tempfile::tempdir().expect("tmp");
    let mount = dir.path().join("disk");
    let _unmount = match mount_tmpfs(&mount, 3 * 1024) {
        Ok(u) => u,
        Err(why) => {
            eprintln!("skipped: no tmpfs can be mounted here ({why})");
            return;
        }
    };
    let data = mount.join("data");
    let cx = Caseload::new(data.clone(), KdfProfile::InsecureForTests);
    let pass = "correct horse battery".to_string();
    session::caseload_create(
        &cx,
        CreateCaseloadRequest {
            passphrase: pass.clone(),
            passphrase_confirm: pass.clone(),
        },
    )
    .expect("create");
    for n in 0..5 {
        add(&cx, n).expect("room enough");
    }
    let filler = fill(&mount);
    let mut saved = 5;
    let err = loop {
        match add(&cx, saved) {
            Ok(()) => saved += 1,
            Err(e) => break e,
        }
        assert!(saved < 500, "the disk never filled");
    };
    assert!(
        err.to_string()
            .contains("disk holding your caseload is full"),
        "{err}"
    );
    std::fs::remove_file(&filler).expect("free space");
    session::lock(&cx, ()).expect("lock");
    let again = Caseload::new(data, KdfProfile::InsecureForTests);
    session::unlock(&again, UnlockRequest { passphrase: pass }).expect("opens and checks");
    let listed = cases::case_list(&again, ()).expect("list");
    assert_eq!(
        listed.len() as u32,
        saved,
        "every write that returned Ok is there"
    );
    add(&again, 900).expect("writes again");
}
