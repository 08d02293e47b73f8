//! `caseload export`, `caseload sync` and `caseload outbox list`: summaries out to the council's
//! shared drive (queued, or written straight to a folder) and their delivery. The team report a
//! service manager builds from every worker's deliveries is in `aggregate`, the shared-drive
//! settings in `share`, the inbox's proposals in `inbox`.

use std::path::PathBuf;

use caseload_app::exchange::{
    ExportRequest, ExportSaveRequest, IdentifiableReason, OutboxStatus, SyncRequest,
};
use caseload_app::support::Destination;
use caseload_app::{AppError, Caseload, exchange};
use caseload_domain::disclosure::LawfulBasis;
use clap::{Args, Subcommand, ValueEnum};

use crate::output;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Funnel,
    TsmActions,
    WardBands,
    Closures,
}

impl KindArg {
    fn as_str(self) -> &'static str {
        match self {
            KindArg::Funnel => "funnel",
            KindArg::TsmActions => "tsm-actions",
            KindArg::WardBands => "ward-bands",
            KindArg::Closures => "closures",
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Csv,
    Xlsx,
    Pdf,
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(value_enum)]
    kind: KindArg,
    /// One or more formats, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "csv")]
    format: Vec<FormatArg>,
    /// First day of the period (default: the start of this term).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::args::iso_date)]
    from: Option<String>,
    /// Last day of the period (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::args::iso_date)]
    to: Option<String>,
    /// Include pupils' names (TSM actions, closures only): needs --recipient, --lawful-basis
    /// and --purpose.
    #[arg(long)]
    identifiable: bool,
    /// For --identifiable: who receives the export, their role and organisation.
    #[arg(long, value_name = "WHO", requires = "identifiable")]
    recipient: Option<String>,
    /// For --identifiable: legal-proceedings, safeguarding, public-task,
    /// children-missing-education or court-order.
    #[arg(long, value_name = "BASIS", value_parser = lawful_basis, requires = "identifiable")]
    lawful_basis: Option<LawfulBasis>,
    /// For --identifiable: what the recipient needs the names for.
    #[arg(long, value_name = "WHY", requires = "identifiable")]
    purpose: Option<String>,
    /// Include free text (closure notes, TSM actions and owners) with names and identifiers
    /// removed: run with --preview first, read it, then again with --preview-seen TOKEN.
    #[arg(long)]
    free_text: bool,
    /// With --free-text: print the free text as it would leave, and its token; export nothing.
    #[arg(long, requires = "free_text")]
    preview: bool,
    /// With --free-text: the token --preview printed.
    #[arg(long, value_name = "TOKEN", requires = "free_text")]
    preview_seen: Option<String>,
    /// Write the files to this folder as a local copy instead of queueing them for the share.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
pub enum OutboxCommand {
    /// Every export: queued, failed (with the reason and next try) or delivered.
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The shared-drive folder (default: the one in settings).
    #[arg(long, value_name = "DIR")]
    share: Option<PathBuf>,
    #[arg(long)]
    json: bool,
}

fn request(args: &ExportArgs) -> ExportRequest {
    ExportRequest {
        kind: args.kind.as_str().to_string(),
        formats: args
            .format
            .iter()
            .map(|f| {
                match f {
                    FormatArg::Csv => "csv",
                    FormatArg::Xlsx => "xlsx",
                    FormatArg::Pdf => "pdf",
                    FormatArg::Json => "json",
                }
                .to_string()
            })
            .collect(),
        from: args.from.clone(),
        to: args.to.clone(),
        identifiable: args.identifiable.then(|| IdentifiableReason {
            recipient: args.recipient.clone().unwrap_or_default(),
            lawful_basis: args.lawful_basis,
            purpose: args.purpose.clone().unwrap_or_default(),
        }),
        free_text: args.free_text.then_some(true),
        preview_token: args.preview_seen.clone(),
        identifiable_reason: None,
    }
}

/// A lawful basis as typed: `legal-proceedings` (or with `_`).
fn lawful_basis(value: &str) -> Result<LawfulBasis, crate::args::NotAChoice> {
    crate::args::choice(
        value,
        "lawful basis",
        LawfulBasis::parse,
        LawfulBasis::ALL.iter().map(|b| b.as_str()),
    )
}

pub fn export(cx: &Caseload, args: ExportArgs) -> Result<(), AppError> {
    let req = request(&args);
    if args.preview {
        let preview = exchange::export_preview(cx, req)?;
        return output::print(args.json, &preview, || {
            if preview.rows.is_empty() {
                outln!("No free text would leave in this export.");
            }
            for row in &preview.rows {
                // Typed text: control characters (a terminal escape) are shown, not obeyed.
                let text: String = row
                    .text
                    .chars()
                    .map(|c| {
                        if c.is_control() {
                            c.escape_default().to_string()
                        } else {
                            c.to_string()
                        }
                    })
                    .collect();
                outln!("  {}: {text}", row.column);
            }
            outln!(
                "To export this free text as shown, run the same command with --preview-seen {}",
                preview.token
            );
        });
    }
    match &args.out {
        Some(dir) => {
            let saved = exchange::export_save_to(
                cx,
                ExportSaveRequest { export: req },
                &Destination::folder(dir),
            )?;
            output::print(args.json, &saved, || {
                for f in &saved.files {
                    outln!("Saved {} ({} bytes)", f.path, f.bytes);
                }
            })
        }
        None => {
            let item = exchange::export_queue(cx, req)?;
            output::print(args.json, &item, || {
                outln!(
                    "Queued {} ({}) as export {}; run `caseload sync` to deliver it",
                    item.kind_label,
                    item.formats.join(", "),
                    item.export_id
                );
            })
        }
    }
}

pub fn sync(cx: &Caseload, args: SyncArgs) -> Result<(), AppError> {
    let SyncArgs { share, json } = args;
    let share = share.map(|p| p.display().to_string());
    let report = exchange::sync_to(
        cx,
        SyncRequest {
            due_only: Some(false),
        },
        share.as_deref(),
    )?;
    output::print(json, &report, || {
        outln!(
            "Delivered {}, failed {}; inbox: {} taken, {} refused; {} proposals to accept or refuse (`caseload inbox proposals`); {} differences to choose",
            report.delivered,
            report.failed,
            report.inbox_taken,
            report.inbox_refused,
            report.proposals_open,
            report.conflicts_open
        );
        for m in &report.messages {
            outln!("  {m}");
        }
    })?;
    if report.failed > 0 {
        return Err(AppError::File {
            message: format!(
                "{} export(s) could not be delivered; they stay in the outbox and will be tried again",
                report.failed
            ),
            path: report.share_folder.clone(),
        });
    }
    // Scripts learn of an inbox entry left unread (a link, a pipe, a file refused for its
    // contents) from the exit code; the rest of the inbox was still taken in.
    if report.inbox_refused > 0 {
        return Err(AppError::File {
            message: format!(
                "{} inbox entr{} refused (named above); everything else was synced",
                report.inbox_refused,
                if report.inbox_refused == 1 {
                    "y was"
                } else {
                    "ies were"
                }
            ),
            path: report.share_folder.clone(),
        });
    }
    Ok(())
}

pub fn outbox(cx: &Caseload, command: OutboxCommand) -> Result<(), AppError> {
    let OutboxCommand::List { json } = command;
    let view = exchange::outbox_list(cx, ())?;
    output::print(json, &view, || {
        outln!(
            "{} queued, {} failed, {} delivered",
            view.queued,
            view.failed,
            view.delivered
        );
        for i in &view.items {
            let status = match i.status {
                OutboxStatus::Queued => "queued".to_string(),
                OutboxStatus::Failed => format!(
                    "failed ({} attempts): {}",
                    i.attempts,
                    i.failure_reason.as_deref().unwrap_or("")
                ),
                OutboxStatus::Delivered => format!(
                    "delivered to {}",
                    i.delivered_folder.as_deref().unwrap_or("")
                ),
            };
            outln!(
                "{}  {}  {}  {status}",
                i.export_id,
                i.kind,
                i.formats.join(",")
            );
        }
    })
}
