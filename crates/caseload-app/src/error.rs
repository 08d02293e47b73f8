//! The error that crosses IPC and the CLI: a tagged enum (`kind` + human `message` + fields)
//! exported to TypeScript. The UI branches on `kind`, never on the message. Messages say what to
//! do and never contain personal data.

use serde::Serialize;
use ts_rs::TS;

use caseload_domain::FieldErrors;
use caseload_store::StoreError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AppError {
    #[error("{message}")]
    Validation {
        message: String,
        fields: Vec<FieldError>,
    },
    #[error("{message}")]
    NotInitialised { message: String },
    #[error("{message}")]
    AlreadyInitialised { message: String },
    #[error("{message}")]
    Locked { message: String },
    #[error("{message}")]
    WrongPassphrase { message: String },
    /// Wrong passphrases in a row: unlocking is refused until the wait is over.
    #[error("{message}")]
    TooManyAttempts {
        message: String,
        #[ts(type = "number")]
        retry_after_seconds: u64,
    },
    #[error("{message}")]
    NotFound { message: String, id: String },
    /// The lifecycle does not allow this step from the case's status; the message says what
    /// must happen first.
    #[error("{message}")]
    InvalidTransition {
        message: String,
        from: caseload_domain::CaseStatus,
        step: caseload_domain::TransitionKind,
    },
    #[error("{message}")]
    NewerDatabase {
        message: String,
        #[ts(type = "number")]
        found: i64,
        #[ts(type = "number")]
        supported: i64,
    },
    #[error("{message}")]
    InUse { message: String },
    /// The request clashes with what is already recorded (a second meeting for a school in
    /// one term, a change to a finished meeting); the message says what to do instead.
    #[error("{message}")]
    Conflict { message: String },
    /// A meeting cannot be finished yet: each problem says where and what to complete.
    #[error("{message}")]
    Incomplete {
        message: String,
        problems: Vec<caseload_domain::tsm::FinishProblem>,
    },
    /// A file could not be written where asked.
    #[error("{message}")]
    File { message: String, path: String },
    /// An imported file was refused whole: every problem found, each with its row, column
    /// and what to do; `missing_columns` and `found_headers` when the header row did not fit.
    #[error("{message}")]
    Import {
        message: String,
        file_name: String,
        problems: Vec<crate::imports::ImportProblem>,
        missing_columns: Vec<String>,
        found_headers: Vec<String>,
    },
    /// The worker cancelled a long operation; nothing of it was kept.
    #[error("{message}")]
    Cancelled { message: String },
    #[error("{message}")]
    Storage { message: String },
    /// The caseload will not open: its database is damaged, altered, or does not match its key.
    /// The message names the latest verified backup to restore (`backup_path`), if one is listed.
    #[error("{message}")]
    Damaged {
        message: String,
        backup_path: Option<String>,
    },
}

impl AppError {
    pub fn validation(errors: FieldErrors) -> Self {
        let fields: Vec<FieldError> = errors
            .into_vec()
            .into_iter()
            .map(|e| FieldError {
                field: e.field.as_str().to_string(),
                message: e.message,
            })
            .collect();
        let message = match fields.len() {
            1 => "There is a problem: 1 field needs correcting".to_string(),
            n => format!("There is a problem: {n} fields need correcting"),
        };
        AppError::Validation { message, fields }
    }

    pub fn locked() -> Self {
        AppError::Locked {
            message: "The caseload is locked: unlock it with your passphrase".into(),
        }
    }

    pub fn too_many_attempts(retry_after_seconds: u64) -> Self {
        AppError::TooManyAttempts {
            message: format!(
                "Too many wrong passphrases. Try again in {}.",
                crate::locking::plural(retry_after_seconds, "second")
            ),
            retry_after_seconds,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            AppError::Validation { .. } => "validation",
            AppError::NotInitialised { .. } => "not_initialised",
            AppError::AlreadyInitialised { .. } => "already_initialised",
            AppError::Locked { .. } => "locked",
            AppError::WrongPassphrase { .. } => "wrong_passphrase",
            AppError::TooManyAttempts { .. } => "too_many_attempts",
            AppError::NotFound { .. } => "not_found",
            AppError::InvalidTransition { .. } => "invalid_transition",
            AppError::NewerDatabase { .. } => "newer_database",
            AppError::InUse { .. } => "in_use",
            AppError::Conflict { .. } => "conflict",
            AppError::Incomplete { .. } => "incomplete",
            AppError::File { .. } => "file",
            AppError::Import { .. } => "import",
            AppError::Cancelled { .. } => "cancelled",
            AppError::Storage { .. } => "storage",
            AppError::Damaged { .. } => "damaged",
        }
    }

    /// One line for the CLI: the message, then each field problem.
    pub fn one_line(&self) -> String {
        match self {
            AppError::Validation { message, fields } if !fields.is_empty() => {
                let details: Vec<String> = fields
                    .iter()
                    .map(|f| format!("{}: {}", f.field, f.message))
                    .collect();
                format!("{message}: {}", details.join("; "))
            }
            AppError::Import {
                message, problems, ..
            } if problems.len() > 1 => {
                let details: Vec<String> = problems
                    .iter()
                    .map(|p| {
                        let row = p.row.map(|r| format!("row {r}, ")).unwrap_or_default();
                        let column = p
                            .column
                            .as_ref()
                            .map(|c| format!("column \"{c}\": "))
                            .unwrap_or_default();
                        format!("{row}{column}{}; {}", p.problem, p.fix)
                    })
                    .collect();
                format!("{message}\n  {}", details.join("\n  "))
            }
            AppError::Incomplete { message, problems } => {
                let details: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
                format!("{message}: {}", details.join("; "))
            }
            other => other.to_string(),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotInitialised { .. } => AppError::NotInitialised {
                message: "There is no caseload here yet: create one first".into(),
            },
            StoreError::AlreadyInitialised { .. } => AppError::AlreadyInitialised {
                message: "A caseload already exists here: unlock it instead".into(),
            },
            StoreError::WrongPassphrase => AppError::WrongPassphrase {
                message: "The passphrase is not correct: check it and try again".into(),
            },
            StoreError::NewerDatabase { found, supported } => AppError::NewerDatabase {
                message: format!(
                    "This caseload was saved by a newer version of Caseload (data version {found}; this version reads up to {supported}). Install the newer version to open it"
                ),
                found,
                supported,
            },
            StoreError::NotFound { what, id } => AppError::NotFound {
                message: format!("No {what} with id {id} is on this caseload"),
                id,
            },
            StoreError::DuplicateUpn => AppError::validation(FieldErrors::single(
                caseload_domain::Field::Upn,
                "A pupil with this UPN is already on your caseload: open their case instead",
            )),
            StoreError::BadBackup(reason) => AppError::File {
                message: format!("This backup cannot be restored: {reason}"),
                path: String::new(),
            },
            StoreError::Io { path, source } => AppError::Storage {
                message: format!(
                    "The caseload could not be read or saved: {} ({})",
                    caseload_exchange::io_problem(&source),
                    path.display()
                ),
            },
            full if full.is_full() => AppError::Storage {
                message: "The disk holding your caseload is full, so nothing was saved (what \
                          was saved before is safe). Free some space on it, then try again"
                    .into(),
            },
            busy if busy.is_busy() => AppError::InUse {
                message: format!(
                    "Another Caseload (the app or a `caseload` command) is saving to this \
                     caseload and did not finish within {} seconds, so nothing was saved here. \
                     Wait for it to finish (a large import can take a minute), or close the \
                     other one, then try again",
                    caseload_store::BUSY_TIMEOUT.as_secs()
                ),
            },
            other => AppError::Storage {
                message: format!("The caseload could not be read or saved: {other}"),
            },
        }
    }
}

impl From<caseload_exchange::import::ImportFailure> for AppError {
    fn from(e: caseload_exchange::import::ImportFailure) -> Self {
        use caseload_exchange::import::ImportFailure as F;
        let problem = |e: &caseload_exchange::import::ImportError| crate::imports::ImportProblem {
            row: e.row,
            column: e.column.clone(),
            problem: e.problem.clone(),
            fix: e.fix.clone(),
        };
        let message = e.to_string();
        let file_name = e.file().to_string();
        match e {
            F::Cancelled { .. } => AppError::Cancelled { message },
            F::Unreadable { error, .. } => AppError::Import {
                message,
                file_name,
                problems: vec![problem(&error)],
                missing_columns: Vec::new(),
                found_headers: Vec::new(),
            },
            F::MissingColumns {
                found,
                missing,
                error,
            } => AppError::Import {
                message,
                file_name,
                problems: vec![problem(&error)],
                // The field's wire name (`possible_sessions`), the key a column mapping uses.
                missing_columns: missing
                    .iter()
                    .filter_map(|f| serde_json::to_value(f).ok()?.as_str().map(str::to_string))
                    .collect(),
                found_headers: found,
            },
            F::Invalid { errors, .. } => AppError::Import {
                message,
                file_name,
                problems: errors.iter().map(problem).collect(),
                missing_columns: Vec::new(),
                found_headers: Vec::new(),
            },
        }
    }
}

impl From<caseload_exchange::ExchangeError> for AppError {
    fn from(e: caseload_exchange::ExchangeError) -> Self {
        AppError::Storage {
            message: format!("The file could not be produced: {e}"),
        }
    }
}
