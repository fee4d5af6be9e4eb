//! `sohoa user add|passwd|remove|list`: the accounts of `serve`
//! (`crate::users`) on the command line. The password comes from standard
//! input when it is not a terminal (one line, for scripts), else it is asked
//! twice without echo. Every change is also a line of the audit log.

use super::{IndexArg, EXIT_OK};
use crate::users::{Role, Users};
use crate::{Error, Result};
use clap::Subcommand;
use std::io::{BufRead, IsTerminal, Write};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Make an account (password from stdin when it is not a terminal)
    Add {
        #[arg(value_name = "NAME")]
        name: String,
        /// tra_cuu (search and view), ra_soat (also corrections), quan_tri (also users)
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Limit the user to this fonds (top-level folder); repeatable;
        /// without it, every fonds
        #[arg(long = "fonds", value_name = "F")]
        fonds: Vec<String>,
        #[command(flatten)]
        index: IndexArg,
    },
    /// Set a user's password (from stdin when it is not a terminal)
    Passwd {
        #[arg(value_name = "NAME")]
        name: String,
        #[command(flatten)]
        index: IndexArg,
    },
    /// Remove an account (its open sessions end at their next request)
    Remove {
        #[arg(value_name = "NAME")]
        name: String,
        #[command(flatten)]
        index: IndexArg,
    },
    /// List the accounts (never their password hashes)
    List {
        #[command(flatten)]
        index: IndexArg,
        /// One JSON object per line: {"name", "role", "fonds", "created"}
        #[arg(long)]
        json: bool,
    },
}

impl UserCommand {
    pub fn index_arg_mut(&mut self) -> &mut IndexArg {
        match self {
            UserCommand::Add { index, .. }
            | UserCommand::Passwd { index, .. }
            | UserCommand::Remove { index, .. }
            | UserCommand::List { index, .. } => index,
        }
    }
}

fn parse_role(s: &str) -> std::result::Result<Role, String> {
    Role::parse(s).ok_or_else(|| format!("{s:?}: the roles are tra_cuu, ra_soat, quan_tri"))
}

/// The password: one line of stdin, or asked twice on the terminal.
fn read_password(name: &str) -> Result<String> {
    if !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| Error::io("standard input", e))?;
        return Ok(line.trim_end_matches(['\n', '\r']).to_string());
    }
    let first = rpassword::prompt_password(format!("Mật khẩu cho {name}: "))
        .map_err(|e| Error::io("terminal", e))?;
    let again =
        rpassword::prompt_password("Nhập lại mật khẩu: ").map_err(|e| Error::io("terminal", e))?;
    if first != again {
        return Err(Error::Usage(
            "the two passwords differ; nothing changed".into(),
        ));
    }
    Ok(first)
}

/// Who runs the command, for the audit log.
fn operator() -> String {
    std::env::var("SUDO_USER")
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "-".into())
}

fn record(index: &std::path::Path, action: &str, object: serde_json::Value) -> Result<()> {
    crate::audit::append(
        index,
        &crate::audit::Action {
            user: operator(),
            address: "local".into(),
            action: action.into(),
            object,
        },
    )
    .map(|_| ())
}

pub(super) fn cmd_user(what: UserCommand) -> Result<u8> {
    match what {
        UserCommand::Add {
            name,
            role,
            fonds,
            index,
        } => {
            let dir = &index.index;
            require_index(dir)?;
            let users = Users::load(dir)?;
            if users.get(&name).is_some() {
                return Err(Error::Usage(format!(
                    "user {name:?} exists already in {} (change its password with `sohoa user passwd`)",
                    crate::folder::IndexFolder::new(dir).users().display()
                )));
            }
            let password = read_password(&name)?;
            // Checked again under the lock: another `user add` may have
            // added the name while the password was typed.
            Users::update(dir, |users| {
                users.add(&name, role, fonds.clone(), &password)
            })?;
            record(
                dir,
                "user_add",
                serde_json::json!({"name": name, "role": role.as_str(), "fonds": fonds}),
            )?;
            eprintln!("sohoa: user {name} added ({})", role.as_str());
        }
        UserCommand::Passwd { name, index } => {
            let dir = &index.index;
            if Users::load(dir)?.get(&name).is_none() {
                return Err(Error::Usage(format!(
                    "no user {name:?} (see `sohoa user list`)"
                )));
            }
            let password = read_password(&name)?;
            Users::update(dir, |users| users.passwd(&name, &password))?;
            record(dir, "user_passwd", serde_json::json!({"name": name}))?;
            eprintln!("sohoa: password of {name} changed");
        }
        UserCommand::Remove { name, index } => {
            let dir = &index.index;
            Users::update(dir, |users| users.remove(&name))?;
            record(dir, "user_remove", serde_json::json!({"name": name}))?;
            eprintln!("sohoa: user {name} removed");
        }
        UserCommand::List { index, json } => {
            let users = Users::load(&index.index)?;
            let mut out = std::io::stdout().lock();
            for u in &users.users {
                let line = if json {
                    serde_json::json!({
                        "name": u.name,
                        "role": u.role.as_str(),
                        "fonds": u.fonds,
                        "created": u.created,
                    })
                    .to_string()
                } else {
                    let fonds = if u.fonds.is_empty() {
                        "every fonds".to_string()
                    } else {
                        u.fonds.join(", ")
                    };
                    format!("{}\t{}\t{fonds}", u.name, u.role.as_str())
                };
                writeln!(out, "{line}").map_err(|e| Error::io("stdout", e))?;
            }
        }
    }
    Ok(EXIT_OK)
}

/// Accounts belong to an index folder: refuse to make one elsewhere.
fn require_index(dir: &std::path::Path) -> Result<()> {
    if crate::folder::IndexFolder::new(dir).marker().is_file() {
        Ok(())
    } else {
        Err(Error::Index {
            path: dir.to_path_buf(),
            reason: "no sohoa index here (accounts live in the index folder); pass --index DIR"
                .into(),
        })
    }
}
