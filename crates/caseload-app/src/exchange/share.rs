//! The shared-drive settings: the folder exports are delivered to and the inbox is read from,
//! and the worker's identifier and team that every export carries.

use caseload_domain::{Field, FieldErrors};
use caseload_store::{Action, Store, settings};

use crate::context::Caseload;
use crate::error::AppError;
use crate::exchange::{ShareSettings, ShareSettingsRequest, ShareSettingsSaved};

const SHARE: &str = "share";
const MAX_ID_CHARS: usize = 40;
const MAX_TEAM_CHARS: usize = 80;

pub(crate) fn load(store: &Store) -> Result<ShareSettings, AppError> {
    Ok(settings::get(&store.read(), SHARE)?.unwrap_or_default())
}

pub fn share_settings_get(cx: &Caseload, _: ()) -> Result<ShareSettings, AppError> {
    cx.with_store(|store| load(store))
}

/// A worker id becomes a folder name on the share: keep it to a safe, portable path segment.
pub(crate) fn valid_worker_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().count() <= MAX_ID_CHARS
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// What is wrong with a shared-drive folder as given (Settings, or the CLI's `sync --share`):
/// a relative path would name a folder that depends on where Caseload was started.
pub(crate) fn folder_problem(folder: &str) -> Option<&'static str> {
    (!folder.is_empty() && !std::path::Path::new(folder).is_absolute()).then_some(
        "Give the shared drive's full path, for example S:\\Attendance or \\\\council\\share\\Attendance",
    )
}

fn validate(s: &ShareSettings) -> Result<ShareSettings, AppError> {
    let clean = ShareSettings {
        folder: s.folder.trim().to_string(),
        worker_id: s.worker_id.trim().into(),
        team: s.team.trim().to_string(),
    };
    let mut errors = FieldErrors::default();
    if let Some(problem) = folder_problem(&clean.folder) {
        errors.push(Field::ShareFolder, problem);
    }
    if !valid_worker_id(&clean.worker_id) {
        errors.push(
            Field::WorkerId,
            format!(
                "Enter your worker identifier: up to {MAX_ID_CHARS} letters, digits, hyphens, underscores or dots"
            ),
        );
    }
    if clean.team.chars().count() > MAX_TEAM_CHARS || clean.team.chars().any(char::is_control) {
        errors.push(
            Field::Team,
            format!("The team must be one line of {MAX_TEAM_CHARS} characters or fewer"),
        );
    }
    if errors.is_empty() {
        Ok(clean)
    } else {
        Err(AppError::validation(errors))
    }
}

/// What to say about a folder that cannot be found now (not there, or not reachable): the
/// settings are kept, since a mapped or network drive may only be offline for now.
fn folder_warning(folder: &str) -> Option<String> {
    (!folder.is_empty() && !std::path::Path::new(folder).is_dir()).then(|| {
        format!(
            "That folder cannot be found now: {folder}. Check the path, and that the drive is \
             connected; Caseload will deliver exports when it can reach it"
        )
    })
}

/// The Shared drive form's save: the worker identifier and team. The folder stays as it is: it
/// is picked in the backend's chooser (`share_folder_choose`), never named by the window.
pub fn share_settings_set(
    cx: &Caseload,
    req: ShareSettingsRequest,
) -> Result<ShareSettingsSaved, AppError> {
    let folder = cx.with_store(|store| load(store))?.folder;
    share_settings_save(
        cx,
        ShareSettings {
            folder,
            worker_id: req.worker_id,
            team: req.team,
        },
    )
}

/// Opens the backend's folder chooser for the shared-drive folder and saves the folder picked;
/// `None` when the worker cancelled. The worker identifier need not be set yet.
pub fn share_folder_choose(cx: &Caseload, _: ()) -> Result<Option<ShareSettingsSaved>, AppError> {
    let Some(folder) = crate::documents::choose_folder(cx, "Choose the shared-drive folder")?
    else {
        return Ok(None);
    };
    let folder = folder.display().to_string();
    let warning = folder_warning(&folder);
    let settings = cx.with_store(|store| {
        let current = load(store)?;
        let new = ShareSettings { folder, ..current };
        store.write(Action::SettingsUpdate, |w| {
            w.audit_entity("settings", SHARE);
            w.audit_detail("shared-drive folder chosen");
            settings::set(w, SHARE, &new)
        })?;
        load(store)
    })?;
    Ok(Some(ShareSettingsSaved { settings, warning }))
}

/// Every shared-drive setting, the folder included: for the CLI (`caseload share set`) and
/// tests. Not a command the window can call.
pub fn share_settings_save(
    cx: &Caseload,
    new: ShareSettings,
) -> Result<ShareSettingsSaved, AppError> {
    let clean = validate(&new)?;
    let warning = folder_warning(&clean.folder);
    let settings = cx.with_store(|store| {
        store.write(Action::SettingsUpdate, |w| {
            w.audit_entity("settings", SHARE);
            settings::set(w, SHARE, &clean)
        })?;
        load(store)
    })?;
    Ok(ShareSettingsSaved { settings, warning })
}

/// Demo data's worker and team, unless the worker has set their own. The folder stays theirs
/// to choose.
pub(crate) fn demo_defaults(
    w: &caseload_store::Writer<'_>,
) -> Result<(), caseload_store::StoreError> {
    let current: ShareSettings = settings::get(&w.reader(), SHARE)?.unwrap_or_default();
    if current.worker_id.is_empty() {
        let demo = ShareSettings {
            worker_id: "demo-worker".into(),
            team: "Attendance team (demo)".into(),
            ..current
        };
        settings::set(w, SHARE, &demo)?;
    }
    Ok(())
}

/// The settings an export needs: a worker id must be set first.
pub(crate) fn require(store: &Store) -> Result<ShareSettings, AppError> {
    let s = load(store)?;
    if valid_worker_id(&s.worker_id) {
        Ok(s)
    } else {
        Err(AppError::validation(FieldErrors::single(
            Field::WorkerId,
            "Set your worker identifier in Settings → Shared drive before exporting",
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worker_ids_are_safe_folder_names() {
        assert!(valid_worker_id("aw-0042"));
        assert!(valid_worker_id("j.smith_2"));
        for bad in [
            "",
            "..",
            ".hidden",
            "a/b",
            "a\\b",
            "has space",
            &"x".repeat(41),
        ] {
            assert!(!valid_worker_id(bad), "{bad:?}");
        }
    }

    fn folder_error(folder: &str) -> bool {
        let settings = ShareSettings {
            folder: folder.into(),
            worker_id: "aw-0042".into(),
            team: String::new(),
        };
        match validate(&settings) {
            Ok(_) => false,
            Err(AppError::Validation { fields, .. }) => {
                fields.iter().any(|f| f.field == "share_folder")
            }
            Err(other) => panic!("unexpected error {other:?}"),
        }
    }

    // The council's shared drive on Windows: a mapped drive letter or a UNC path are full paths;
    // a drive-relative "S:Caseload" or a bare folder name are refused.
    #[cfg(windows)]
    #[test]
    fn mapped_drives_and_unc_shares_are_full_paths_on_windows() {
        for good in [
            r"S:\Caseload\Exports",
            r"\\council-fs01\attendance\Caseload",
            r"\\council-fs01.ad.example.gov.uk\share$\Caseload",
        ] {
            assert!(!folder_error(good), "{good} refused");
        }
        for bad in [r"S:Caseload", r"Caseload\Exports", r"\Caseload"] {
            assert!(folder_error(bad), "{bad} accepted");
        }
    }

    #[cfg(unix)]
    #[test]
    fn mounted_shares_are_full_paths_on_linux() {
        assert!(!folder_error("/mnt/council/attendance"));
        assert!(!folder_error("  /media/share  "));
        assert!(!folder_error(""));
        assert!(folder_error("share/attendance"));
        assert!(folder_error(r"S:\Caseload"));
    }
}
