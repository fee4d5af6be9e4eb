//! `sohoa watch` on the command line: its flags, the signal handling (the
//! first SIGTERM or Ctrl-C stops after the pages in hand and commits them;
//! a second stops at once, which loses nothing committed), and the log,
//! which is `ingest`'s (text for people, `--log-format json` one object per
//! line) plus the watch's own lines.

use super::{
    init_json_logs, log_report, ocr_jobs, IndexArg, LogFormat, Progress, RunArgs, EXIT_CANNOT_RUN,
};
use crate::watch::{Event, Options, Watch};
use crate::{Error, Result};
use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Folders of scanned dossiers to watch (only read, never written)
    #[arg(value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    #[command(flatten)]
    pub index: IndexArg,
    #[command(flatten)]
    pub run: RunArgs,
    /// A file is taken once its size and modification time have not
    /// changed for this long (a scanner may still be writing it)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration,
          default_value = "15s")]
    pub settle: Duration,
    /// Look at every folder at least this often, besides file-system events
    #[arg(long, value_name = "DURATION", value_parser = parse_duration,
          default_value = "60s")]
    pub rescan: Duration,
}

pub(super) fn parse_duration(s: &str) -> std::result::Result<Duration, String> {
    let d = humantime::parse_duration(s)
        .map_err(|e| format!("{s:?} is not a duration such as 15s, 2m or 500ms ({e})"))?;
    if d.is_zero() {
        return Err("the duration must be more than 0".into());
    }
    Ok(d)
}

pub(super) fn cmd_watch(args: WatchArgs) -> Result<u8> {
    let jobs = ocr_jobs(args.run.jobs)?;
    if args.dirs.is_empty() {
        return Err(Error::Usage(
            "no folder to watch: give them as arguments, or as `watch = [...]` in the config file"
                .into(),
        ));
    }
    let json = args.run.log_format == LogFormat::Json;
    if json {
        init_json_logs();
    }
    let watch = Watch::new(Options {
        roots: args.dirs,
        index_dir: args.index.index,
        jobs,
        settle: args.settle,
        rescan: args.rescan,
        prune: args.run.prune,
        reindex_if_needed: args.run.reindex_if_needed,
    });
    let stop = Arc::new(AtomicBool::new(false));
    let (flag, waker) = (Arc::clone(&stop), watch.waker());
    ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(i32::from(EXIT_CANNOT_RUN));
        }
        // ctrlc runs this on a thread of its own, so logging is safe here.
        let line = "stopping after the pages in hand (signal again to stop now)";
        if json {
            tracing::info!("{line}");
        } else {
            eprintln!("sohoa: {line}");
        }
        let _ = waker.send(());
    })
    .map_err(|e| Error::Usage(format!("cannot handle SIGTERM/SIGINT: {e}")))?;
    let log = Log {
        json,
        terminal: std::io::stderr().is_terminal() && !json,
        run: Mutex::new(None),
        settle: args.settle,
        rescan: args.rescan,
    };
    watch.run(&stop, &|e| log.event(e))?;
    log.say("stopped");
    Ok(super::EXIT_OK)
}

/// The watch's log: the current run's [`Progress`] and the watch's lines.
struct Log {
    json: bool,
    terminal: bool,
    run: Mutex<Option<Progress>>,
    settle: Duration,
    rescan: Duration,
}

impl Log {
    fn say(&self, line: &str) {
        if self.json {
            tracing::info!("{line}");
        } else {
            eprintln!("sohoa: {line}");
        }
    }

    fn event(&self, event: Event) {
        let mut run = self.run.lock().unwrap_or_else(|e| e.into_inner());
        match event {
            Event::Started { roots, events } => {
                let roots: Vec<String> = roots
                    .iter()
                    .map(|r| crate::text::escape(&r.to_string_lossy()).into_owned())
                    .collect();
                let how = if events {
                    "file-system events and a rescan"
                } else {
                    "a rescan"
                };
                self.say(&format!(
                    "watching {} ({how} every {}); a file is taken once unchanged for {}",
                    roots.join(", "),
                    humantime::format_duration(self.rescan),
                    humantime::format_duration(self.settle),
                ));
            }
            Event::EventsLost(why) => self.say(&format!("warning: {why}")),
            Event::Settling(ids) => {
                // Named up to 10: a whole room of new scans is one line.
                let mut names: Vec<String> = ids
                    .iter()
                    .take(10)
                    .map(|i| crate::text::escape(i).into_owned())
                    .collect();
                if ids.len() > 10 {
                    names.push(format!("and {} more", ids.len() - 10));
                }
                if self.json {
                    tracing::info!(
                        dossiers = ids.len(),
                        names = %names.join(", "),
                        "waiting for files to stop changing"
                    );
                } else {
                    self.say(&format!(
                        "waiting for files to stop changing in {} dossiers: {}",
                        ids.len(),
                        names.join(", ")
                    ));
                }
            }
            Event::Run { dossiers } => {
                self.say(&format!(
                    "change seen: ingesting {dossiers} settled dossiers"
                ));
                *run = Some(Progress::new(self.terminal, self.json));
            }
            Event::Ingest(e) => match run.as_ref() {
                Some(p) => p.event(e),
                None => Progress::new(false, self.json).event(e),
            },
            Event::Ingested(report) => {
                if let Some(p) = run.take() {
                    p.finish();
                }
                log_report(report, self.json);
                if !report.held_back.is_empty() {
                    self.say(&format!(
                        "{} dossiers held back (files changed during the run): taken later",
                        report.held_back.len()
                    ));
                }
            }
            Event::Busy(e) => {
                if let Some(p) = run.take() {
                    p.finish();
                }
                self.say(&format!("{e}; trying again at the next look"));
            }
        }
    }
}
