//! `caseload audit …`: the audit trail. `list` shows its entries, newest first, with filters;
//! `verify` checks the hash chain and exits 1 naming exactly where it breaks.

use caseload_app::audit::{self, AuditListRequest};
use caseload_app::{AppError, Caseload};
use clap::Subcommand;

use crate::output;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// List the audit trail's entries, newest first.
    List {
        /// Only the entries of this case (its id).
        #[arg(long = "case", value_name = "ID")]
        case_id: Option<String>,
        /// Only this action, by its name (case_add, chronology_add, unlock, lock, …).
        #[arg(long)]
        action: Option<String>,
        /// Only entries on or after this day (UTC).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::args::iso_date)]
        since: Option<String>,
        /// Only entries on or before this day (UTC).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::args::iso_date)]
        until: Option<String>,
        /// At most this many entries (default 500).
        #[arg(long)]
        limit: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Check the audit trail's hash chain: exit 0 when intact, 1 naming where it breaks
    /// (an edited, deleted, inserted or reordered entry).
    Verify {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cx: &Caseload, command: AuditCommand) -> Result<(), AppError> {
    match command {
        AuditCommand::List {
            case_id,
            action,
            since,
            until,
            limit,
            json,
        } => {
            let view = audit::audit_list(
                cx,
                AuditListRequest {
                    case_id,
                    action,
                    since,
                    until,
                    limit,
                },
            )?;
            output::print(json, &view.entries, || {
                for e in &view.entries {
                    let entity = if e.entity_type.is_empty() {
                        "-".to_string()
                    } else {
                        format!("{} {}", e.entity_type, e.entity_id)
                    };
                    let detail = if e.detail.is_empty() {
                        String::new()
                    } else {
                        format!("  ({})", e.detail)
                    };
                    outln!(
                        "{:>6}  {}  {}  {}  {entity}{detail}",
                        e.seq,
                        e.at,
                        e.worker,
                        e.action_label
                    );
                }
            })
        }
        AuditCommand::Verify { json } => {
            let view = audit::audit_verify(cx, ())?;
            if json {
                output::json(&view)?;
            } else if view.intact {
                outln!("{}", view.message);
            }
            if view.intact {
                Ok(())
            } else {
                Err(AppError::Conflict {
                    message: view.message,
                })
            }
        }
    }
}
