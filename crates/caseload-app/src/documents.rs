//! Documents for other people (a TSM record, an evidence bundle, a local copy of an export):
//! where to save one — the folder and name the save dialog starts from — and, once saved, opening
//! it or showing it in its folder.
//!
//! The webview never names a path to open: each save remembers its file for the session and
//! hands the UI an opaque token (`SavedFile::token`); `saved_file_open` and `saved_file_reveal`
//! take only that token, so the UI can open exactly the files Caseload itself saved, nothing else.
//!
//! Nor does it name a path to read or write: the save dialog, the file chooser for an import or
//! a restore, and the folder chooser for a setting are opened by the backend (`ask_where`,
//! `file_choose`, `folder_choose`, through the desktop shell's `Chooser`); a file chosen to read
//! comes back to the webview as an opaque token and its name for display only.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use caseload_domain::CaseId;
use caseload_domain::tsm::TsmId;

use std::path::PathBuf;

use crate::context::{Caseload, Choice, OpenAction};
use crate::data_dir;
use crate::error::AppError;
use crate::support::saved_file::{Destination, create_folder, free_name};
use crate::tsm::RecordFormat;

/// Which document is about to be saved.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "document", rename_all = "snake_case")]
#[serde(deny_unknown_fields)]
pub enum SaveSuggestionRequest {
    TsmRecord {
        id: TsmId,
        format: RecordFormat,
    },
    EvidenceBundle {
        case_id: CaseId,
        /// The pupil's name in the file name too (see `EvidenceBundleSaveRequest::name_pupil`).
        #[serde(default)]
        name_pupil: bool,
    },
    /// A local copy of an export: several files, so a folder is chosen, not a name.
    Export,
}

/// Where the save dialog starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SaveSuggestion {
    /// The documents folder (`Documents/Caseload` unless `CASELOAD_DOCUMENTS_DIR` names one),
    /// created if it was missing.
    pub folder: String,
    /// The suggested file name with its extension, one that replaces no earlier copy; empty for
    /// an export (a folder is chosen).
    pub name: String,
    /// `folder` joined with `name` (the folder itself for an export).
    pub path: String,
    /// The extension without its dot (`pdf`, `docx`); empty for an export.
    pub extension: String,
    /// `false` when `CASELOAD_DOCUMENTS_DIR` fixes the folder for this machine: save straight
    /// into `folder` without asking.
    pub ask: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SavedFileRequest {
    /// The token from the `SavedFile` the save returned.
    pub token: String,
}

pub fn save_suggestion(
    cx: &Caseload,
    req: SaveSuggestionRequest,
) -> Result<SaveSuggestion, AppError> {
    let (stem, ext) = match &req {
        SaveSuggestionRequest::TsmRecord { id, format } => {
            let (stem, ext) = crate::tsm::record_file_name(cx, id, *format)?;
            (stem, ext)
        }
        SaveSuggestionRequest::EvidenceBundle {
            case_id,
            name_pupil,
        } => (
            crate::legal::bundle_file_stem(cx, case_id, *name_pupil)?,
            "pdf",
        ),
        SaveSuggestionRequest::Export => (String::new(), ""),
    };
    let folder = data_dir::documents();
    create_folder(&folder).map_err(|e| AppError::File {
        message: format!(
            "The documents folder {} could not be created: {e}. Choose another folder",
            folder.display()
        ),
        path: folder.display().to_string(),
    })?;
    let path = if stem.is_empty() {
        folder.clone()
    } else {
        free_name(&folder, &stem, ext)
    };
    let name = if stem.is_empty() {
        String::new()
    } else {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    Ok(SaveSuggestion {
        folder: folder.display().to_string(),
        name,
        path: path.display().to_string(),
        extension: ext.to_string(),
        ask: !data_dir::documents_dir_fixed(),
    })
}

fn open_saved(cx: &Caseload, token: &str, action: OpenAction) -> Result<(), AppError> {
    let path = cx.saved_path(token).ok_or_else(|| AppError::NotFound {
        message: "That document was not saved in this session: save it again to open it".into(),
        id: token.to_string(),
    })?;
    if !path.exists() {
        return Err(AppError::File {
            message: format!(
                "{} is no longer there: it was moved or deleted",
                path.display()
            ),
            path: path.display().to_string(),
        });
    }
    let opener = cx.opener().ok_or_else(|| AppError::Storage {
        message: "Opening files is only available in the desktop app".into(),
    })?;
    let folder = path
        .parent()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    // The system's own error (a missing D-Bus session, no application for the type) means
    // nothing to a caseworker; say what to do instead.
    opener(action, &path).map_err(|_| AppError::File {
        message: match action {
            OpenAction::Open => format!(
                "No application on this computer opened {}. Open it from its folder, {folder}",
                path.display()
            ),
            OpenAction::Reveal => format!("The folder could not be shown. The file is in {folder}"),
        },
        path: path.display().to_string(),
    })
}

/// Opens a document Caseload saved this session in the system's application for its type.
pub fn saved_file_open(cx: &Caseload, req: SavedFileRequest) -> Result<(), AppError> {
    open_saved(cx, &req.token, OpenAction::Open)
}

/// Shows a document Caseload saved this session in the system's file manager.
pub fn saved_file_reveal(cx: &Caseload, req: SavedFileRequest) -> Result<(), AppError> {
    open_saved(cx, &req.token, OpenAction::Reveal)
}

/// The file type's name in the save dialog's filter.
fn file_type(ext: &str) -> &str {
    match ext {
        "pdf" => "PDF document",
        "docx" => "Word document",
        other => other,
    }
}

fn documents_folder() -> Result<PathBuf, AppError> {
    let folder = data_dir::documents();
    create_folder(&folder).map_err(|e| AppError::File {
        message: format!(
            "The documents folder {} could not be created: {e}. Choose another folder",
            folder.display()
        ),
        path: folder.display().to_string(),
    })?;
    Ok(folder)
}

/// Where the desktop app saves a document the webview asked for (`what`: "record"…, named
/// `stem.ext`; an empty `ext` means several files, so a folder): the documents folder when this
/// machine fixes it (`CASELOAD_DOCUMENTS_DIR`) or there is no dialog (the CLI's `call`),
/// otherwise where the worker chose in the save dialog the backend opens, starting in the
/// documents folder with a name that replaces nothing. `None`: the worker cancelled.
pub(crate) fn ask_where(
    cx: &Caseload,
    what: &str,
    stem: &str,
    ext: &str,
) -> Result<Option<Destination>, AppError> {
    let chooser = match cx.chooser() {
        Some(chooser) if !data_dir::documents_dir_fixed() => chooser,
        _ => return Ok(Some(Destination::documents_folder())),
    };
    let folder = documents_folder()?;
    let title = format!("Save the {what}");
    let picked = if ext.is_empty() {
        chooser(Choice::Folder {
            title: &title,
            start: Some(&folder),
        })
        .map(Destination::folder)
    } else {
        let suggested = free_name(&folder, stem, ext);
        let name = suggested
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        chooser(Choice::SaveFile {
            title: &title,
            folder: &folder,
            name: &name,
            filter: file_type(ext),
            extension: ext,
        })
        .map(Destination::file)
    };
    Ok(picked)
}

/// What a file is chosen for: it sets the dialog's title and the types it offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FilePurpose {
    /// An attendance file to import (CSV or XLSX).
    Import,
    /// A Caseload backup to restore (ZIP).
    Restore,
    /// The council's postcode-to-ward lookup (CSV).
    PostcodeLookup,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FileChooseRequest {
    pub purpose: FilePurpose,
}

/// A file the worker chose in the backend's dialog: the UI shows `name` and passes `token` back
/// to the command that reads it; the path stays in the backend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChosenFile {
    pub token: String,
    /// The file's name without its folder, for display.
    pub name: String,
}

/// Opens the system's file chooser (from the backend) for a file to import or restore, and
/// answers a token for it, or `null` when the worker closed the dialog.
pub fn file_choose(cx: &Caseload, req: FileChooseRequest) -> Result<Option<ChosenFile>, AppError> {
    let chooser = cx.chooser().ok_or_else(|| AppError::Storage {
        message: "Choosing a file is only available in the desktop app: give the file on the command line instead".into(),
    })?;
    let (title, filter, extensions): (&str, &str, &[&str]) = match req.purpose {
        FilePurpose::Import => (
            "Choose the attendance file",
            "Attendance files",
            &["csv", "xlsx"],
        ),
        FilePurpose::Restore => ("Choose the backup file", "Caseload backups", &["zip"]),
        FilePurpose::PostcodeLookup => (
            "Choose the postcode-to-ward lookup",
            "Postcode lookups (CSV)",
            &["csv"],
        ),
    };
    let Some(path) = chooser(Choice::OpenFile {
        title,
        filter,
        extensions,
    }) else {
        return Ok(None);
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let token = cx.remember_chosen(&path)?;
    Ok(Some(ChosenFile { token, name }))
}

/// Opens the system's folder chooser (from the backend) for a folder setting (the shared drive,
/// backups): `share_folder_choose` and `backup_folder_choose` save what it answers, so no folder
/// crosses from the window. A network (UNC) path is typed into the chooser itself. `None` when
/// the worker closed it.
pub(crate) fn choose_folder(cx: &Caseload, title: &str) -> Result<Option<PathBuf>, AppError> {
    let chooser = cx.chooser().ok_or_else(|| AppError::Storage {
        message: "Choosing a folder is only available in the desktop app: set the folder with the \
                  command line instead"
            .into(),
    })?;
    Ok(chooser(Choice::Folder { title, start: None }))
}

/// The path of a file chosen with `file_choose`, by its token.
pub(crate) fn chosen_file(cx: &Caseload, token: &str) -> Result<PathBuf, AppError> {
    cx.chosen_path(token).ok_or_else(|| AppError::NotFound {
        message: "That file was not chosen in this session: choose the file again".into(),
        id: token.to_string(),
    })
}
