//! Cases: adding, editing, reading and listing them (`record`), their lifecycle steps and
//! typed attendance (`lifecycle`), the case detail a worker reads (`detail`) and the attendance
//! figures every view shares (`figures`), with their request/response types (`types`).

pub(crate) mod detail;
pub(crate) mod figures;
mod lifecycle;
mod record;
mod types;

pub use lifecycle::{attendance_record, case_transition};
pub use record::{case_add, case_get, case_list, case_update};
pub use types::{
    AttendanceRecordRequest, AttendanceView, CaseAddRequest, CaseDetail, CaseEventView,
    CaseGetRequest, CaseSummary, CaseTransitionRequest, CaseUpdateRequest, DueView, MarksView,
    MarksWeekView, MarksYearView, PupilInput, PupilView,
};
