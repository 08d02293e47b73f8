//! The council's postcode-to-ward lookup (docs/domain.md §9; docs/data-formats.md): loaded from a
//! CSV the council supplies, held in the encrypted caseload, and used when the ward table is
//! made: a pupil whose attendance file gave no ward is placed by their home postcode. The ward is
//! looked up when a report is made, not when a file is imported, so loading (or correcting) the
//! lookup later places the pupils of files already imported.

use std::io::BufReader;
use std::ops::ControlFlow;
use std::path::Path;

use caseload_exchange::import::{LookupFailure, read_postcode_lookup};
use caseload_store::postcode_wards::{self, LookupLoad, PostcodeWard};
use caseload_store::{Action, StoreError};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::context::Caseload;
use crate::error::AppError;

/// What the lookup holds now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PostcodeLookupStatus {
    /// False until a lookup has been loaded.
    pub loaded: bool,
    /// The last file loaded (its name only), when, and what it gave.
    pub file_name: Option<String>,
    pub loaded_at: Option<String>,
    #[ts(type = "number")]
    pub postcodes: u64,
    #[ts(type = "number")]
    pub wards: u64,
    /// Rows of that file left out (a malformed postcode, or no ward code).
    #[ts(type = "number")]
    pub left_out: u64,
}

/// Loads the lookup file the worker chose in the backend's file chooser (`file_choose` with
/// purpose `postcode_lookup`), by the token it answered: no path crosses from the window.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PostcodeLookupLoadRequest {
    pub chosen: String,
}

/// What a load took in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PostcodeLookupLoaded {
    pub file_name: String,
    /// Data rows in the file.
    #[ts(type = "number")]
    pub rows: u64,
    /// Postcodes now in the lookup (a postcode given twice counts once).
    #[ts(type = "number")]
    pub postcodes: u64,
    #[ts(type = "number")]
    pub wards: u64,
    /// Rows left out because the postcode is not a UK postcode.
    #[ts(type = "number")]
    pub malformed_postcode: u64,
    /// Rows left out because the ward code is blank.
    #[ts(type = "number")]
    pub no_ward: u64,
    /// The first left-out rows' line numbers (the header is line 1); never their values.
    #[ts(type = "Array<number>")]
    pub left_out_lines: Vec<u64>,
    /// The file's headers that were read as postcode, ward code and ward name (none: the
    /// names are the codes).
    pub columns: Vec<Option<String>>,
}

pub fn postcode_lookup_status(cx: &Caseload, _: ()) -> Result<PostcodeLookupStatus, AppError> {
    cx.with_store(|store| {
        let r = store.read();
        let load = postcode_wards::latest_load(&r)?;
        Ok(PostcodeLookupStatus {
            loaded: load.is_some(),
            postcodes: postcode_wards::count(&r)?,
            wards: postcode_wards::ward_count(&r)?,
            left_out: load.as_ref().map_or(0, |l| l.skipped),
            file_name: load.as_ref().map(|l| l.file_name.clone()),
            loaded_at: load.map(|l| l.loaded_at),
        })
    })
}

fn refused(failure: LookupFailure) -> AppError {
    if failure.cancelled {
        return AppError::Cancelled {
            message: "The postcode lookup load was cancelled: the lookup is as it was".into(),
        };
    }
    AppError::Import {
        message: format!(
            "The postcode lookup {} was not loaded: {}. To fix: {}. The lookup is as it was",
            failure.file, failure.problem, failure.fix
        ),
        file_name: failure.file,
        problems: vec![],
        missing_columns: vec![],
        found_headers: vec![],
    }
}

/// Replaces the lookup with the file the worker chose (Settings → Postcode-to-ward lookup).
pub fn postcode_lookup_load(
    cx: &Caseload,
    req: PostcodeLookupLoadRequest,
) -> Result<PostcodeLookupLoaded, AppError> {
    let path = crate::documents::chosen_file(cx, &req.chosen)?;
    load_postcode_lookup_from(cx, &path, &mut |_| ControlFlow::Continue(()))
}

/// Replaces the lookup with a CSV file the CLI names (the app's Settings loads the file the
/// worker chose, by token). The file is read and written in one transaction: all of it or
/// none. `progress` hears the rows read so far every 100,000 rows and may cancel.
pub fn load_postcode_lookup_from(
    cx: &Caseload,
    path: &Path,
    progress: &mut dyn FnMut(u64) -> ControlFlow<()>,
) -> Result<PostcodeLookupLoaded, AppError> {
    let (sha256, _) = crate::imports::hash_file(path)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = std::fs::File::open(path).map_err(|e| AppError::File {
        message: format!(
            "The file {} could not be read: {}",
            path.display(),
            caseload_exchange::io_problem(&e)
        ),
        path: path.display().to_string(),
    })?;
    let mut failure: Option<LookupFailure> = None;
    let result = cx.with_store(|store| {
        store
            .write(Action::PostcodeLookupLoad, |w| {
                postcode_wards::clear(w)?;
                let mut stored: Result<(), StoreError> = Ok(());
                let mut n = 0u64;
                let read = read_postcode_lookup(&file_name, BufReader::new(file), &mut |row| {
                    let row = PostcodeWard {
                        postcode: row.postcode,
                        ward_code: row.ward_code,
                        ward_name: row.ward_name,
                    };
                    if let Err(e) = postcode_wards::insert(w, &row) {
                        stored = Err(e);
                        return ControlFlow::Break(());
                    }
                    n += 1;
                    if n.is_multiple_of(100_000) {
                        return progress(n);
                    }
                    ControlFlow::Continue(())
                });
                stored?;
                let read = match read {
                    Ok(read) => read,
                    Err(f) => {
                        failure = Some(f);
                        return Err(StoreError::Cancelled);
                    }
                };
                let r = w.reader();
                let load = LookupLoad {
                    file_name: file_name.clone(),
                    sha256: sha256.clone(),
                    postcodes: postcode_wards::count(&r)?,
                    wards: postcode_wards::ward_count(&r)?,
                    skipped: read.left_out(),
                    loaded_at: String::new(),
                };
                postcode_wards::record_load(w, &load, Utc::now())?;
                w.audit_entity("postcode_lookup", &sha256);
                w.audit_detail(&format!(
                    "{} postcodes, {} wards, {} rows left out",
                    load.postcodes,
                    load.wards,
                    read.left_out()
                ));
                Ok((read, load))
            })
            .map_err(AppError::from)
    });
    if let Some(f) = failure {
        return Err(refused(f));
    }
    let (read, load) = result?;
    Ok(PostcodeLookupLoaded {
        file_name,
        rows: read.rows,
        postcodes: load.postcodes,
        wards: load.wards,
        malformed_postcode: read.malformed_postcode,
        no_ward: read.no_ward,
        left_out_lines: read.left_out_lines,
        columns: read.columns.to_vec(),
    })
}
