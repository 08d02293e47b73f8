//! Field-level validation errors: which input is wrong and what the worker should do about it.

use serde::Serialize;

/// The inputs a worker types that validation can point at. The wire name is what the UI uses to
/// place the message next to the right field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    LegalName,
    PreferredName,
    DateOfBirth,
    Upn,
    SchoolUrn,
    SchoolName,
    SchoolPhase,
    YearGroup,
    ReferralSource,
    ReferralDate,
    OnDate,
    Team,
    Worker,
    Note,
    AsAt,
    Sessions,
    CycleWeeks,
    MidpointWeek,
    Teams,
    Kind,
    OccurredAt,
    /// The time part of `occurred_at`, when the date is right and the time is not.
    OccurredTime,
    Who,
    What,
    Outcome,
    NextStep,
    Corrects,
    OtherBarriers,
    TargetPct,
    TargetBy,
    Interventions,
    ReviewDates,
    Owner,
    DueOn,
    Status,
    From,
    To,
    Address,
    Postcode,
    Ward,
    KeyProfessionals,
    CarerName,
    Relationship,
    Phone,
    Email,
    FamilyName,
    Sibling,
    Name,
    AttendanceChampion,
    Dsl,
    Term,
    MeetingDate,
    PartTimeReviewOn,
    Passphrase,
    PassphraseConfirm,
    CurrentPassphrase,
    NewPassphrase,
    NewPassphraseConfirm,
    DecidedBy,
    Reason,
    Notes,
    ParentsPresent,
    Terms,
    Compliance,
    ImprovementEndsOn,
    SufficientImprovement,
    ParentName,
    PaidOn,
    EsoStage,
    Section,
    ShareFolder,
    WorkerId,
    ExportKind,
    ExportFormats,
    IdentifiableReason,
    ClosureCategory,
    Recipient,
    LawfulBasis,
    Purpose,
    FreeText,
    PeriodFrom,
    PeriodTo,
    LockAfterMinutes,
    BackupFolder,
    BackupKeep,
    BackupRemindAfterDays,
    BackupFile,
    RetentionAgeYears,
    RetentionYearsAfterClosure,
    OutboxPurgeDays,
    Cases,
    ModelGroups,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::LegalName => "legal_name",
            Field::PreferredName => "preferred_name",
            Field::DateOfBirth => "date_of_birth",
            Field::Upn => "upn",
            Field::SchoolUrn => "school_urn",
            Field::SchoolName => "school_name",
            Field::SchoolPhase => "school_phase",
            Field::YearGroup => "year_group",
            Field::ReferralSource => "referral_source",
            Field::ReferralDate => "referral_date",
            Field::OnDate => "on_date",
            Field::Team => "team",
            Field::Worker => "worker",
            Field::Note => "note",
            Field::AsAt => "as_at",
            Field::Sessions => "sessions",
            Field::CycleWeeks => "cycle_weeks",
            Field::MidpointWeek => "midpoint_week",
            Field::Teams => "teams",
            Field::Kind => "kind",
            Field::OccurredAt => "occurred_at",
            Field::OccurredTime => "occurred_time",
            Field::Who => "who",
            Field::What => "what",
            Field::Outcome => "outcome",
            Field::NextStep => "next_step",
            Field::Corrects => "corrects",
            Field::OtherBarriers => "other_barriers",
            Field::TargetPct => "target_pct",
            Field::TargetBy => "target_by",
            Field::Interventions => "interventions",
            Field::ReviewDates => "review_dates",
            Field::Owner => "owner",
            Field::DueOn => "due_on",
            Field::Status => "status",
            Field::From => "from",
            Field::To => "to",
            Field::Address => "address",
            Field::Postcode => "postcode",
            Field::Ward => "ward",
            Field::KeyProfessionals => "key_professionals",
            Field::CarerName => "carer_name",
            Field::Relationship => "relationship",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::FamilyName => "family_name",
            Field::Sibling => "sibling",
            Field::Name => "name",
            Field::AttendanceChampion => "attendance_champion",
            Field::Dsl => "dsl",
            Field::Term => "term",
            Field::MeetingDate => "meeting_date",
            Field::PartTimeReviewOn => "part_time_review_on",
            Field::Passphrase => "passphrase",
            Field::PassphraseConfirm => "passphrase_confirm",
            Field::CurrentPassphrase => "current_passphrase",
            Field::NewPassphrase => "new_passphrase",
            Field::NewPassphraseConfirm => "new_passphrase_confirm",
            Field::DecidedBy => "decided_by",
            Field::Reason => "reason",
            Field::Notes => "notes",
            Field::ParentsPresent => "parents_present",
            Field::Terms => "terms",
            Field::Compliance => "compliance",
            Field::ImprovementEndsOn => "improvement_ends_on",
            Field::SufficientImprovement => "sufficient_improvement",
            Field::ParentName => "parent_name",
            Field::PaidOn => "paid_on",
            Field::EsoStage => "eso_stage",
            Field::Section => "section",
            Field::ShareFolder => "share_folder",
            Field::WorkerId => "worker_id",
            Field::ExportKind => "kind",
            Field::ExportFormats => "formats",
            Field::IdentifiableReason => "identifiable_reason",
            Field::ClosureCategory => "closure_category",
            Field::Recipient => "recipient",
            Field::LawfulBasis => "lawful_basis",
            Field::Purpose => "purpose",
            Field::FreeText => "free_text",
            Field::PeriodFrom => "from",
            Field::PeriodTo => "to",
            Field::LockAfterMinutes => "lock_after_minutes",
            Field::BackupFolder => "backup_folder",
            Field::BackupKeep => "backup_keep",
            Field::BackupRemindAfterDays => "backup_remind_after_days",
            Field::BackupFile => "file",
            Field::RetentionAgeYears => "retention_age_years",
            Field::RetentionYearsAfterClosure => "retention_years_after_closure",
            Field::OutboxPurgeDays => "outbox_purge_days",
            Field::Cases => "cases",
            Field::ModelGroups => "model_groups",
        }
    }
}

/// A value that failed a rule, with a message saying what to fix. Validators return it; the
/// caller decides which field it belongs to (see [`FieldErrors::check`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Invalid(pub String);

impl From<String> for Invalid {
    fn from(message: String) -> Self {
        Invalid(message)
    }
}

impl From<&str> for Invalid {
    fn from(message: &str) -> Self {
        Invalid(message.to_string())
    }
}

impl From<Invalid> for String {
    fn from(invalid: Invalid) -> Self {
        invalid.0
    }
}

/// One problem with one field, phrased as what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

/// Every problem found in one submission, in field order, so the worker fixes them all at once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn push(&mut self, field: Field, message: impl Into<String>) {
        self.0.push(FieldError {
            field,
            message: message.into(),
        });
    }

    /// Records the error of a parse, returning the value when it parsed.
    pub fn check<T, E: std::fmt::Display>(
        &mut self,
        field: Field,
        parsed: Result<T, E>,
    ) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(e) => {
                self.push(field, e.to_string());
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }

    pub fn into_vec(self) -> Vec<FieldError> {
        self.0
    }

    pub fn single(field: Field, message: impl Into<String>) -> Self {
        let mut errors = Self::default();
        errors.push(field, message);
        errors
    }

    /// Adds the problems another check found, after these.
    pub fn append(&mut self, other: FieldErrors) {
        self.0.extend(other.0);
    }
}
