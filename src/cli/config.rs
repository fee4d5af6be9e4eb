//! The config file applied to the parsed command line: a value from the
//! file fills a flag only where the command line left it at its default
//! (clap says where each value came from), so flags always win.

use super::{Cli, Command, IndexArg};
use crate::config::Config;
use crate::Result;
use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches};
use std::ffi::OsString;

/// Parse `args` (the program name first), exiting as clap does on bad
/// arguments, then apply the config file; its errors are returned.
pub fn parse_from<I, T>(args: I) -> Result<Cli>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let matches = Cli::command().get_matches_from(args);
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    if let Some(config) = crate::config::load(cli.config.as_deref())? {
        apply(&mut cli, &matches, &config);
    }
    Ok(cli)
}

fn apply(cli: &mut Cli, matches: &ArgMatches, c: &Config) {
    let Some((_, mut sub)) = matches.subcommand() else {
        return;
    };
    // `audit verify`: the flags are those of the innermost subcommand.
    while let Some((_, inner)) = sub.subcommand() {
        sub = inner;
    }
    let defaulted = |id: &str| sub.value_source(id) == Some(ValueSource::DefaultValue);
    if let (Some(dir), Some(arg)) = (&c.index, cli.command.index_arg_mut()) {
        if defaulted("index") {
            arg.index = dir.clone();
        }
    }
    match &mut cli.command {
        Command::Ingest(a) => {
            a.run.jobs = a.run.jobs.or(c.jobs);
        }
        Command::Watch(a) => {
            a.run.jobs = a.run.jobs.or(c.jobs);
            if a.dirs.is_empty() {
                a.dirs = c.watch.clone();
            }
        }
        Command::Serve {
            addr,
            hosts,
            trusted_proxies,
            tls_cert,
            tls_key,
            ..
        } => {
            if let Some(listen) = c.listen.filter(|_| defaulted("addr")) {
                *addr = listen;
            }
            if hosts.is_empty() {
                hosts.clone_from(&c.hosts);
            }
            if trusted_proxies.is_empty() {
                trusted_proxies.clone_from(&c.trusted_proxies);
            }
            if tls_cert.is_none() && tls_key.is_none() {
                tls_cert.clone_from(&c.tls_cert);
                tls_key.clone_from(&c.tls_key);
            }
        }
        _ => {}
    }
}

impl Command {
    /// The `--index` of the command, if it has one.
    pub fn index_arg_mut(&mut self) -> Option<&mut IndexArg> {
        Some(match self {
            Command::Ingest(a) => &mut a.index,
            Command::Watch(a) => &mut a.index,
            Command::List { index, .. }
            | Command::Show { index, .. }
            | Command::Search { index, .. }
            | Command::Serve { index, .. }
            | Command::Reindex { index, .. }
            | Command::Merge { index, .. }
            | Command::Export { index, .. }
            | Command::Correct { index, .. }
            | Command::Verify { index, .. }
            | Command::Review { index, .. }
            | Command::Eval { index, .. } => index,
            Command::Audit { what } => what.index_arg_mut(),
            Command::User { what } => what.index_arg_mut(),
            Command::Generate { .. } => return None,
        })
    }
}
