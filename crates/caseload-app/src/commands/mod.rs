//! The use cases, one function per command of the list: `fn name(&Caseload, Request) ->
//! Result<Response, AppError>`. Front ends call only these.

mod cases;
mod dashboard;
mod detail;
mod lifecycle;
mod reports;
mod search;
mod session;
mod settings;

pub use cases::{case_add, case_get, case_list, case_update};
pub use dashboard::dashboard;
pub use lifecycle::{attendance_record, case_transition};
pub use reports::report_funnel;
pub use search::search;
pub use session::{app_status, caseload_create, lock, passphrase_change, unlock};
pub use settings::{settings_get, settings_update};

/// The worker's local date (Europe/London), for rules such as "date of birth not in the future".
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .date_naive()
}
