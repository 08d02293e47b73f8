//! Caseload's use cases: every command the UI or the CLI can run, declared once in
//! [`for_each_command!`], with request/response types exported to TypeScript and one typed
//! error ([`AppError`]) that the UI branches on by `kind`. No Tauri here.
//!
//! One module per concern holds its commands (`fn name(&Caseload, Request) -> Result<Response,
//! AppError>`) and their request/response types together: `session`, `cases`, `chronology`,
//! `family`, `plan`, `schools`, `tsm`, `imports`, `legal`, `exchange`, `dashboard`, `search`,
//! `reports`, `retention`, `settings`, `locking` (locking by itself: idle, sleep, screen lock), `audit` (the audit trail), `about` (the version and third-party licences), `documents` (where a document is saved, and opening it afterwards). Helpers that are not commands live in `support`; the demo caseload in
//! `demo`. The rest is plumbing generated from the command list: `dispatch`, `bindings`.

pub mod about;
pub mod audit;
pub mod backup;
pub mod bindings;
pub mod cases;
pub mod chronology;
mod command_list;
mod context;
pub mod dashboard;
pub mod data_dir;
pub mod demo;
mod dispatch;
pub mod documents;
mod error;
pub mod exchange;
pub mod family;
pub mod imports;
mod labels;
pub mod legal;
pub mod local_model;
pub mod locking;
pub mod plan;
pub mod reports;
pub mod retention;
pub mod schools;
pub mod search;
pub mod session;
pub mod settings;
pub mod support;
pub mod tsm;
pub mod wards;

pub use context::{Caseload, Choice, Chooser, Clock, KdfProfile, OpenAction, Opener};
pub use dispatch::{COMMAND_NAMES, dispatch};
pub use error::{AppError, FieldError};
