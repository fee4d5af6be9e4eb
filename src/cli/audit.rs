//! `sohoa audit verify|show`: the audit log (`crate::audit`) on the command
//! line. `verify` exits 0 when the chain is whole and 1 naming the first bad
//! line; `show` prints the lines, filtered, as text or JSON lines.

use super::{IndexArg, EXIT_OK, EXIT_SOME_FAILED};
use crate::audit;
use crate::Result;
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain: exit 0 when whole, 1 naming the first edited,
    /// removed or reordered line
    Verify {
        #[command(flatten)]
        index: IndexArg,
        /// One JSON object {"lines", "first_bad"}
        #[arg(long)]
        json: bool,
    },
    /// Print the log, oldest first
    Show {
        #[command(flatten)]
        index: IndexArg,
        /// Only what this user did
        #[arg(long, value_name = "U")]
        user: Option<String>,
        /// Only from this day on (yyyy-mm-dd, UTC)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        since: Option<String>,
        /// Only what was done to this dossier
        #[arg(long, value_name = "ID")]
        dossier: Option<String>,
        /// One JSON object per line, as stored
        #[arg(long)]
        json: bool,
    },
}

impl AuditCommand {
    pub fn index_arg_mut(&mut self) -> &mut IndexArg {
        match self {
            AuditCommand::Verify { index, .. } | AuditCommand::Show { index, .. } => index,
        }
    }
}

fn parse_date(s: &str) -> std::result::Result<String, String> {
    humantime::parse_rfc3339_weak(&format!("{s} 00:00:00"))
        .map(|_| s.to_string())
        .map_err(|_| format!("{s:?} is not a date yyyy-mm-dd"))
}

pub(super) fn cmd_audit(what: AuditCommand) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    match what {
        AuditCommand::Verify { index, json } => {
            let v = audit::verify(&index.index)?;
            if json {
                writeln!(out, "{}", serde_json::to_string(&v).expect("serialises")).ok();
            }
            match &v.first_bad {
                None => {
                    eprintln!("sohoa: audit log whole: {} lines", v.lines);
                    Ok(EXIT_OK)
                }
                Some(b) => {
                    eprintln!(
                        "sohoa: audit log broken at {} line {}: {} ({})",
                        crate::text::escape(&b.file),
                        b.line,
                        b.kind,
                        b.reason
                    );
                    Ok(EXIT_SOME_FAILED)
                }
            }
        }
        AuditCommand::Show {
            index,
            user,
            since,
            dossier,
            json,
        } => {
            let filter = audit::Filter {
                user,
                since,
                dossier: dossier.map(|d| crate::text::nfc(&d)),
            };
            for e in audit::show(&index.index, &filter)? {
                let line = if json {
                    serde_json::to_string(&e).expect("serialises")
                } else {
                    format!(
                        "{}\t{}\t{}\t{}\t{}",
                        e.time,
                        crate::text::escape(&e.action.user),
                        e.action.address,
                        e.action.action,
                        e.action.object
                    )
                };
                if writeln!(out, "{line}").is_err() {
                    break;
                }
            }
            Ok(EXIT_OK)
        }
    }
}
