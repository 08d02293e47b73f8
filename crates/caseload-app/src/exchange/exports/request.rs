//! An export request checked and given its defaults: which summary, in which formats, over
//! which period, and whether it may name pupils (with the disclosure's reason) or carry free text.

use caseload_domain::disclosure::DisclosureReason;
use caseload_domain::transition::parse_past_date;
use caseload_domain::tsm::Term;
use caseload_domain::{Field, FieldErrors};
use caseload_exchange::summary::{ExportFormat, SummaryKind};
use chrono::NaiveDate;

use super::build::{FreeText, Spec};
use crate::error::AppError;
use crate::exchange::ExportRequest;

/// The kinds a worker can export on their own (the team report is made from theirs).
const KINDS: [SummaryKind; 4] = [
    SummaryKind::Funnel,
    SummaryKind::TsmActions,
    SummaryKind::WardBands,
    SummaryKind::Closures,
];

pub(super) fn parse_kind(kind: &str) -> Option<SummaryKind> {
    KINDS.into_iter().find(|k| k.as_str() == kind.trim())
}

/// "Choose what to export: Case funnel by phase, … or Case closures", by the kinds' titles.
fn choose_kind_message() -> String {
    let titles: Vec<&str> = KINDS.iter().map(|k| k.title()).collect();
    let (last, rest) = titles.split_last().expect("kinds");
    format!("Choose what to export: {} or {last}", rest.join(", "))
}

/// Checks the request and fills defaults: the period is the current term so far.
pub(super) fn spec_of(
    req: &ExportRequest,
    today: NaiveDate,
) -> Result<(Spec, Vec<ExportFormat>), AppError> {
    let mut errors = FieldErrors::default();
    let kind = parse_kind(&req.kind);
    if kind.is_none() {
        errors.push(Field::ExportKind, choose_kind_message());
    }
    let mut formats = Vec::new();
    for f in &req.formats {
        match ExportFormat::parse(f) {
            Some(format) if !formats.contains(&format) => formats.push(format),
            Some(_) => {}
            None => errors.push(Field::ExportFormats, "Formats are csv, xlsx, pdf and json"),
        }
    }
    if formats.is_empty() {
        errors.push(Field::ExportFormats, "Choose at least one format");
    }
    let blank = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
    };
    let term_start = Term::containing(today).dates().0;
    let from = match blank(&req.from) {
        None => Some(term_start),
        Some(v) => errors.check(
            Field::PeriodFrom,
            parse_past_date(&v, NaiveDate::MAX, "the period starts"),
        ),
    };
    let to = match blank(&req.to) {
        None => Some(today),
        Some(v) => errors.check(
            Field::PeriodTo,
            parse_past_date(&v, NaiveDate::MAX, "the period ends"),
        ),
    };
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        errors.push(Field::PeriodTo, "The period must end on or after its start");
    }
    if blank(&req.identifiable_reason).is_some() {
        errors.push(
            Field::IdentifiableReason,
            "A reason on its own is not enough to name pupils: say who receives the export, \
             the lawful basis and the purpose",
        );
    }
    let identifiable = match &req.identifiable {
        None => None,
        Some(r) => match DisclosureReason::validate(&r.recipient, r.lawful_basis, &r.purpose) {
            Ok(reason) => Some(reason),
            Err(e) => {
                errors.append(e);
                None
            }
        },
    };
    if req.identifiable.is_some() && kind.is_some_and(|k| !k.is_pupil_level()) {
        errors.push(
            Field::IdentifiableReason,
            "This summary holds counts only: it has no names to include",
        );
    }
    let free_text = req.free_text.unwrap_or(false);
    if free_text && kind.is_some_and(|k| !k.is_pupil_level()) {
        errors.push(
            Field::FreeText,
            "This summary holds counts only: it has no free text to include",
        );
    }
    match (kind, from, to) {
        (Some(kind), Some(from), Some(to)) if errors.is_empty() => Ok((
            Spec {
                kind,
                from,
                to,
                free_text: if identifiable.is_some() {
                    FreeText::AsTyped
                } else if free_text {
                    FreeText::Scrubbed
                } else {
                    FreeText::LeftOut
                },
                identifiable_reason: identifiable.as_ref().map(DisclosureReason::describe),
                identifiable,
            },
            formats,
        )),
        _ => Err(AppError::validation(errors)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_kind_is_refused_naming_the_kinds_by_their_titles_not_their_slugs() {
        let message = choose_kind_message();
        assert_eq!(
            message,
            "Choose what to export: Case funnel by phase, TSM action log, Attendance by ward or Case closures"
        );
        assert!(!message.contains("tsm-actions"));
    }
}
