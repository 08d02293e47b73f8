//! Caseload's use cases: every command the UI or the CLI can run, declared once in
//! [`for_each_command!`], with request/response types exported to TypeScript and one typed
//! error ([`AppError`]) that the UI branches on by `kind`. No Tauri here.

mod attendance_views;
pub mod bindings;
mod command_list;
pub mod commands;
mod context;
pub mod data_dir;
pub mod demo;
mod demo_tsm;
mod dispatch;
mod error;
mod exchange_views;
pub mod import_job;
mod labels;
mod legal_views;
mod record_views;
mod tsm_views;
pub mod types;
mod views;

pub use context::{Caseload, KdfProfile};
pub use dispatch::{COMMAND_NAMES, dispatch};
pub use error::{AppError, FieldError};
