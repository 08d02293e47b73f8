//! Exports: a summary built from the caseload, rendered in the formats asked for, then either
//! queued in the outbox for the shared drive (kept inside the encrypted database until
//! delivered) or written straight to a folder as a local copy.

mod build;
mod outbox_view;
mod privacy;
mod request;
mod tsm_actions;

pub(crate) use outbox_view::item;
pub use outbox_view::outbox_list;

use caseload_domain::ExportId;
use caseload_exchange::share::sha256_hex;
use caseload_exchange::summary::{Cell, ExportFormat, Summary, render};
use caseload_store::outbox::{self, NewExport, OutboxFile};
use caseload_store::report_sources::personal_names;
use caseload_store::{Action, Store};
use chrono::Utc;
use sha2::{Digest, Sha256};

pub(crate) use build::kind_label;
use build::{Context, FreeText, Spec};
use privacy::Scrubber;
use request::{parse_kind, spec_of};

use super::share;
use crate::context::Caseload;
use crate::error::AppError;
use crate::exchange::{
    ExportPreview, ExportRequest, ExportSaveRequest, ExportSaved, FreeTextRow, OutboxItem,
};
use crate::support::saved_file::{self, Destination};
use crate::support::today;

/// The files of an export: each format asked for, plus the JSON a delivery always carries for
/// the team aggregation. A pseudonymised export is checked for every name the caseload holds
/// before anything leaves this function.
struct Rendered {
    export_id: ExportId,
    spec: Spec,
    formats: Vec<ExportFormat>,
    files: Vec<OutboxFile>,
}

/// The summary a request asks for, built and scrubbed, with what was asked.
struct Built {
    export_id: ExportId,
    spec: Spec,
    formats: Vec<ExportFormat>,
    summary: Summary,
    scrubber: Scrubber,
    worker_id: String,
}

fn build_summary(store: &mut Store, req: &ExportRequest) -> Result<Built, AppError> {
    let today = today();
    let (spec, formats) = spec_of(req, today)?;
    let settings = share::require(store)?;
    let export_id = ExportId::from(uuid::Uuid::now_v7().to_string());
    let scrubber = Scrubber::new(&personal_names(&store.read())?);
    let summary = build::build(
        store,
        &spec,
        &Context {
            export_id: &export_id,
            produced_on: today,
            worker_id: &settings.worker_id,
            team: &settings.team,
            scrubber: &scrubber,
            free_text: spec.free_text,
        },
    )?;
    Ok(Built {
        export_id,
        spec,
        formats,
        summary,
        scrubber,
        worker_id: settings.worker_id.to_string(),
    })
}

/// The free text of a summary as it would leave, and the token that names exactly that text.
fn preview_of(summary: &Summary) -> ExportPreview {
    let mut rows = Vec::new();
    let mut hasher = Sha256::new();
    let h = &summary.header;
    hasher.update(format!(
        "{}\u{1f}{:?}\u{1f}{:?}",
        h.kind.as_str(),
        h.from,
        h.to
    ));
    for table in &summary.tables {
        for (i, column) in table.columns.iter().enumerate() {
            if !build::FREE_TEXT_KEYS.contains(&column.key.as_str()) {
                continue;
            }
            for row in &table.rows {
                if let Some(Cell::Text(text)) = row.get(i)
                    && !text.trim().is_empty()
                {
                    hasher.update(format!("\u{1e}{}\u{1f}{text}", column.key));
                    rows.push(FreeTextRow {
                        column: column.header.clone(),
                        text: text.clone(),
                        scrubbed: text.contains(" removed]"),
                    });
                }
            }
        }
    }
    ExportPreview {
        token: hex::encode(&hasher.finalize()[..16]),
        rows,
    }
}

/// What free text an export would carry, scrubbed: shown to the worker before they ask for it.
pub fn export_preview(cx: &Caseload, req: ExportRequest) -> Result<ExportPreview, AppError> {
    if req.identifiable.is_some() {
        return Err(AppError::Conflict {
            message: "An identifiable export carries free text as typed: there is nothing to \
                      preview. Preview a pseudonymised export with free text instead"
                .into(),
        });
    }
    cx.with_store(|store| {
        let built = build_summary(
            store,
            &ExportRequest {
                free_text: Some(true),
                ..req
            },
        )?;
        Ok(preview_of(&built.summary))
    })
}

fn render_export(
    store: &mut Store,
    req: &ExportRequest,
    with_json: bool,
) -> Result<Rendered, AppError> {
    let Built {
        export_id,
        spec,
        mut formats,
        summary,
        scrubber,
        worker_id,
    } = build_summary(store, req)?;
    if with_json && !formats.contains(&ExportFormat::Json) {
        formats.push(ExportFormat::Json);
    }
    if spec.free_text == FreeText::Scrubbed {
        let seen = req.preview_token.as_deref().map(str::trim);
        if seen != Some(preview_of(&summary).token.as_str()) {
            return Err(AppError::Conflict {
                message: "Preview the free text before exporting it: the export includes free \
                          text only as it was shown in the preview, and it has changed or was \
                          not previewed"
                    .into(),
            });
        }
    }
    let json = render(&summary, ExportFormat::Json)?;
    if spec.identifiable_reason.is_none() && scrubber.found_in(&json) {
        return Err(AppError::Conflict {
            message: "This export would contain a name from your caseload, so it was stopped. \
                      Choose an identifiable export and record why, or report this problem"
                .into(),
        });
    }
    let stem = file_stem(&summary, &worker_id);
    let files = formats
        .iter()
        .map(|&format| {
            let bytes = if format == ExportFormat::Json {
                json.clone()
            } else {
                render(&summary, format)?
            };
            Ok(OutboxFile {
                name: format!("{stem}.{}", format.extension()),
                format: format.extension().to_string(),
                rows: summary.row_count() as u64,
                sha256: sha256_hex(&bytes),
                bytes,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(Rendered {
        export_id,
        spec,
        formats,
        files,
    })
}

/// `<worker>_<kind>_<from>_<to>_<first 8 of the id>`: unique, and says what it is.
fn file_stem(summary: &Summary, worker_id: &str) -> String {
    let h = &summary.header;
    let period = match (h.from, h.to) {
        (Some(f), Some(t)) => format!("_{f}_{t}"),
        _ => format!("_{}", h.produced_on),
    };
    let short: String = h
        .export_id
        .as_str()
        .chars()
        .filter(|c| *c != '-')
        .skip(8)
        .take(8)
        .collect();
    format!("{worker_id}_{}{period}_{short}", h.kind.as_str())
}

/// An export for its audit entry: its kind, formats, and whether it names pupils (never the
/// reason typed for that, which is free text).
fn export_detail(rendered: &Rendered) -> String {
    let formats: Vec<&str> = rendered.formats.iter().map(|f| f.extension()).collect();
    let identifiable = match (&rendered.spec.identifiable, rendered.spec.free_text) {
        (Some(r), _) => format!("identifiable ({})", r.lawful_basis.as_str()),
        (None, FreeText::Scrubbed) => "pseudonymised; free text scrubbed".to_string(),
        (None, _) => "pseudonymised".to_string(),
    };
    format!(
        "{}; {}; {identifiable}",
        rendered.spec.kind.as_str(),
        formats.join(",")
    )
}

pub fn export_queue(cx: &Caseload, req: ExportRequest) -> Result<OutboxItem, AppError> {
    cx.with_store(|store| {
        let rendered = render_export(store, &req, true)?;
        let detail = export_detail(&rendered);
        store.write(Action::ExportQueue, |w| {
            w.audit_entity("export", rendered.export_id.as_str());
            w.audit_detail(&detail);
            outbox::queue(
                w,
                &NewExport {
                    export_id: rendered.export_id.clone(),
                    kind: rendered.spec.kind.as_str().to_string(),
                    formats: rendered
                        .formats
                        .iter()
                        .map(|f| f.extension().to_string())
                        .collect(),
                    period_from: Some(rendered.spec.from),
                    period_to: Some(rendered.spec.to),
                    identifiable_reason: rendered.spec.identifiable_reason.clone(),
                    files: rendered.files.clone(),
                },
                Utc::now(),
            )
        })?;
        Ok(item(outbox::get(&store.read(), &rendered.export_id)?))
    })
}

/// Saves a local copy of an export into the folder the worker chooses in the folder dialog the
/// backend opens (the documents folder when the machine fixes it); `None` when they cancelled.
pub fn export_save(cx: &Caseload, req: ExportSaveRequest) -> Result<Option<ExportSaved>, AppError> {
    match crate::documents::ask_where(cx, "export", "", "")? {
        Some(to) => export_save_to(cx, req, &to).map(Some),
        None => Ok(None),
    }
}

/// Saves a local copy of an export into `to`'s folder (the CLI's `--dir`; not a command the
/// webview can call).
pub fn export_save_to(
    cx: &Caseload,
    req: ExportSaveRequest,
    to: &Destination,
) -> Result<ExportSaved, AppError> {
    let into = Destination {
        path: None,
        dir: to.dir.clone(),
    };
    cx.with_store(|store| {
        let rendered = render_export(store, &req.export, false)?;
        let files = rendered
            .files
            .iter()
            .map(|f| {
                let (stem, ext) = f.name.rsplit_once('.').unwrap_or((&f.name, ""));
                saved_file::save_remembered(cx, &into, "export", stem, ext, &f.bytes)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let detail = format!(
            "{}; {} file{}",
            export_detail(&rendered),
            files.len(),
            if files.len() == 1 { "" } else { "s" }
        );
        store.write(Action::ExportLocalCopy, |w| {
            w.audit_entity("export", rendered.export_id.as_str());
            w.audit_detail(&detail);
            Ok(())
        })?;
        Ok(ExportSaved {
            export_id: rendered.export_id.clone(),
            files,
        })
    })
}
