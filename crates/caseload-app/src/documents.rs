//! Documents for other people (a TSM record, an evidence bundle, a local copy of an export):
//! where to save one — the folder and name the save dialog starts from — and, once saved, opening
//! it or showing it in its folder.
//!
//! The webview never names a path to open: each save remembers its file for the session and
//! hands the UI an opaque token (`SavedFile::token`); `saved_file_open` and `saved_file_reveal`
//! take only that token, so the UI can open exactly the files Caseload itself saved, nothing else.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use caseload_domain::CaseId;
use caseload_domain::tsm::TsmId;

use crate::context::{Caseload, OpenAction};
use crate::data_dir;
use crate::error::AppError;
use crate::support::saved_file::{create_folder, free_name};
use crate::tsm::RecordFormat;

/// Which document is about to be saved.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "document", rename_all = "snake_case")]
pub enum SaveSuggestionRequest {
    TsmRecord {
        id: TsmId,
        format: RecordFormat,
    },
    EvidenceBundle {
        case_id: CaseId,
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
        SaveSuggestionRequest::EvidenceBundle { case_id } => {
            (crate::legal::bundle_file_stem(cx, case_id)?, "pdf")
        }
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
