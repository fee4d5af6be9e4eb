//! `sohoa generate man|completions --out DIR` (hidden): the man pages and
//! the bash, zsh and fish completions, made from the same clap definition
//! the binary parses with, so they cannot drift from it. `make deb` runs it
//! before `cargo deb`. A subcommand rather than a build script: `build.rs`
//! cannot see the clap types without compiling `cli.rs` (and the library
//! under it) a second time.

use crate::{Error, Result};
use clap::CommandFactory;
use std::path::Path;

/// What `generate` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Generated {
    /// sohoa.1 and one page per command (sohoa-ingest.1, …)
    Man,
    /// sohoa.bash, _sohoa (zsh) and sohoa.fish
    Completions,
}

pub(super) fn cmd_generate(what: Generated, out: &Path) -> Result<u8> {
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    // No `help` subcommand pages: `sohoa help X` is `sohoa X --help`.
    let mut cmd = super::Cli::command().disable_help_subcommand(true);
    cmd.build();
    match what {
        Generated::Man => man_pages(cmd, out)?,
        Generated::Completions => {
            use clap_complete::{Generator, Shell};
            for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
                let mut buf = Vec::new();
                clap_complete::generate(shell, &mut cmd, "sohoa", &mut buf);
                crate::store::write_atomic(&out.join(shell.file_name("sohoa")), &buf)?;
            }
        }
    }
    Ok(super::EXIT_OK)
}

/// A page for the command and one for each of its visible subcommands.
fn man_pages(cmd: clap::Command, out: &Path) -> Result<()> {
    // After `build`, a subcommand's display name is `sohoa-<command>`: the
    // title and file name of its page, as man(7) expects.
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        man_pages(sub.clone(), out)?;
    }
    let man = clap_mangen::Man::new(cmd);
    let mut buf = Vec::new();
    man.render(&mut buf)
        .map_err(|e| Error::io(out.join(man.get_filename()), e))?;
    crate::store::write_atomic(&out.join(man.get_filename()), &buf)
}
