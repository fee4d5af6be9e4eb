//! `sohoa ingest` on the command line: the number of OCR jobs, the progress
//! bar or JSON log lines while it runs, and the summary of the run report
//! (shared with `watch`, which runs ingest again and again).

use super::{IngestArgs, LogFormat, EXIT_CANNOT_RUN, EXIT_OK, EXIT_SOME_FAILED};
use crate::ingest::{self, Event, Report};
use crate::{Error, Result};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// `--jobs` of `ingest` and `watch`: at least 1, at most 4× the cores,
/// the cores when not given.
pub(super) fn ocr_jobs(jobs: Option<usize>) -> Result<usize> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    Ok(match jobs {
        Some(0) => return Err(Error::Usage("--jobs must be at least 1".into())),
        // Each job holds a Tesseract instance (~100 MB); far more than the
        // cores only costs memory.
        Some(n) if n > cores * 4 => {
            eprintln!(
                "sohoa: warning: --jobs {n} is more than 4× the {cores} cores; using {}",
                cores * 4
            );
            cores * 4
        }
        Some(n) => n,
        None => cores,
    })
}

/// `--log-format json`: log lines on stderr become one JSON object each.
pub(super) fn init_json_logs() {
    tracing_subscriber::fmt()
        .json()
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
}

pub(super) fn cmd_ingest(args: IngestArgs) -> Result<u8> {
    let jobs = ocr_jobs(args.run.jobs)?;
    let json = args.run.log_format == LogFormat::Json;
    if json {
        init_json_logs();
    }
    // SIGINT/SIGTERM: finish the pages in hand, commit, write the report.
    // A second signal stops at once (what is committed stays).
    let interrupt = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&interrupt);
    let _ = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(i32::from(EXIT_CANNOT_RUN));
        }
        eprintln!("sohoa: stopping after the pages in hand (signal again to stop now)");
    });
    let config = ingest::Config {
        roots: args.dirs,
        index_dir: args.index.index,
        jobs,
        wait: args.wait,
        prune: args.run.prune,
        reindex_if_needed: args.run.reindex_if_needed,
        shard: args.shard,
        interrupt: Some(interrupt),
        settled: None,
    };
    let progress = Progress::new(std::io::stderr().is_terminal() && !json, json);
    let report = ingest::run(&config, &|e| progress.event(e))?;
    progress.finish();
    if let Some(path) = &args.report {
        let mut bytes = serde_json::to_vec_pretty(&report).expect("report serialises");
        bytes.push(b'\n');
        crate::store::write_atomic(path, &bytes)?;
    }
    log_report(&report, json);
    Ok(if report.failures.is_empty() {
        EXIT_OK
    } else {
        EXIT_SOME_FAILED
    })
}

/// The end of a run on stderr: one JSON line, or the summary for people.
pub(super) fn log_report(report: &Report, json: bool) {
    if json {
        tracing::info!(
            dossiers = report.dossiers,
            pages_ok = report.pages_ok,
            pages_ocr = report.pages_ocr,
            pages_unchanged = report.pages_unchanged,
            pages_failed = report.pages_failed,
            files_skipped = report.files_skipped,
            missing = report.missing.len(),
            pruned = report.pruned,
            interrupted = report.interrupted,
            seconds = report.seconds,
            "ingest finished"
        );
    } else {
        print_summary(report);
    }
}

fn print_summary(r: &Report) {
    eprintln!(
        "sohoa: {} dossiers, {} pages ok ({} OCR'd, {} unchanged), {} failed, {} files skipped, \
         {:.1} s ({:.2} pages/s with {} jobs)",
        r.dossiers,
        r.pages_ok,
        r.pages_ocr,
        r.pages_unchanged,
        r.pages_failed,
        r.files_skipped,
        r.seconds,
        r.pages_per_second,
        r.jobs
    );
    let st = &r.stage_seconds;
    eprintln!(
        "sohoa: time per stage (summed over workers): scan {:.1} s, plan {:.1} s, \
         decode and clean {:.1} s, OCR {:.1} s, index {:.1} s",
        st.scan, st.plan, st.decode, st.ocr, st.index
    );
    if r.pages_blank > 0 {
        eprintln!("sohoa: {} blank pages (no text, not OCR'd)", r.pages_blank);
    }
    if !r.low_confidence.is_empty() {
        eprintln!(
            "sohoa: {} pages read with low confidence (below {:.0}), worth a re-scan:",
            r.low_confidence.len(),
            ingest::LOW_CONFIDENCE
        );
        for p in &r.low_confidence {
            match p.page {
                Some(n) => eprintln!(
                    "  {} (page {n}): {:.0}",
                    crate::text::escape(&p.path),
                    p.mean_confidence
                ),
                None => eprintln!(
                    "  {}: {:.0}",
                    crate::text::escape(&p.path),
                    p.mean_confidence
                ),
            }
        }
    }
    if !r.missing.is_empty() {
        let verb = if r.pruned > 0 {
            "removed (--prune)"
        } else {
            "kept; --prune removes them"
        };
        eprintln!(
            "sohoa: {} dossiers whose folder is gone, {verb}:",
            r.missing.len()
        );
        for m in &r.missing {
            eprintln!(
                "  {}  ({})",
                crate::text::escape(&m.dossier),
                crate::text::escape(&m.path)
            );
        }
    }
    if !r.failures.is_empty() {
        eprintln!("sohoa: {} failures:", r.failures.len());
        for (f, pages) in summarise(&r.failures) {
            if pages > 1 {
                eprintln!(
                    "  {} ({pages} pages): {}",
                    crate::text::escape(&f.path),
                    f.reason
                );
            } else {
                eprintln!("  {f}");
            }
        }
    }
}

/// Failures with the same file and reason made one, with their page count,
/// in the order first seen: a 2,000-page TIFF of unreadable pages is one
/// line, not 2,000.
fn summarise(failures: &[ingest::Failure]) -> Vec<(&ingest::Failure, usize)> {
    let mut out: Vec<(&ingest::Failure, usize)> = Vec::new();
    let mut at: std::collections::HashMap<(&str, &str), usize> = Default::default();
    for f in failures {
        match at.get(&(f.path.as_str(), f.reason.as_str())) {
            Some(&i) if f.page.is_some() => out[i].1 += 1,
            _ => {
                at.insert((&f.path, &f.reason), out.len());
                out.push((f, 1));
            }
        }
    }
    out
}

/// A progress bar on a terminal; plain, rate-limited log lines otherwise.
pub(super) struct Progress {
    bar: Option<ProgressBar>,
    /// Log as JSON lines (through `tracing`) instead of text.
    json: bool,
    log: Mutex<LogState>,
    /// Page failures seen, by file and reason: only the first is printed.
    seen: Mutex<std::collections::HashMap<(String, String), usize>>,
}

struct LogState {
    total: usize,
    done: usize,
    started: Instant,
    last: Instant,
}

impl Progress {
    pub(super) fn new(terminal: bool, json: bool) -> Progress {
        let bar = terminal.then(|| {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} pages  {per_sec}  ETA {eta}  {wide_msg}",
                )
                .expect("valid template"),
            );
            bar.enable_steady_tick(Duration::from_millis(250));
            bar
        });
        let now = Instant::now();
        Progress {
            bar,
            json,
            log: Mutex::new(LogState {
                total: 0,
                done: 0,
                started: now,
                last: now,
            }),
            seen: Mutex::new(Default::default()),
        }
    }

    pub(super) fn event(&self, event: Event) {
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        match event {
            Event::Planned {
                pages_to_ocr,
                unchanged,
            } => {
                log.total = pages_to_ocr;
                log.started = Instant::now();
                let msg = format!("{pages_to_ocr} pages to OCR, {unchanged} unchanged");
                if let Some(bar) = &self.bar {
                    bar.set_length(pages_to_ocr as u64);
                    bar.reset_eta();
                }
                self.print(format!("sohoa: {msg}"));
            }
            Event::PageDone { file } => {
                let name = file.file_name().unwrap_or_default().to_string_lossy();
                self.page_finished(&mut log, &name);
            }
            Event::PageFailed(f) => {
                self.failed(f);
                self.page_finished(&mut log, "");
            }
            Event::Failed(f) => self.failed(f),
            Event::Scanned { dossiers, files } => self.print(format!(
                "sohoa: found {dossiers} dossiers with {files} page files; reading and hashing them"
            )),
            Event::Warning(w) => self.print(format!("sohoa: warning: {w}")),
        }
    }

    fn failed(&self, f: &ingest::Failure) {
        if f.page.is_some() {
            let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            let n = seen.entry((f.path.clone(), f.reason.clone())).or_insert(0);
            *n += 1;
            match *n {
                1 => {}
                2 => {
                    drop(seen);
                    self.print(format!(
                        "sohoa: more pages of {} fail the same way; counted in the summary",
                        crate::text::escape(&f.path)
                    ));
                    return;
                }
                _ => return,
            }
        }
        if self.json {
            tracing::warn!(path = %f.path, page = f.page, reason = %f.reason, "failed");
        } else {
            self.print(format!("sohoa: failed: {f}"));
        }
    }

    fn print(&self, line: String) {
        if self.json {
            let line = line.strip_prefix("sohoa: ").unwrap_or(&line);
            tracing::info!("{line}");
            return;
        }
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    fn page_finished(&self, log: &mut LogState, name: &str) {
        log.done += 1;
        if let Some(bar) = &self.bar {
            bar.inc(1);
            bar.set_message(name.to_string());
            return;
        }
        let every = (log.total / 10).max(1);
        if log.done.is_multiple_of(every) || log.last.elapsed() >= Duration::from_secs(10) {
            log.last = Instant::now();
            let rate = log.done as f64 / log.started.elapsed().as_secs_f64().max(1e-3);
            let eta = log.total.saturating_sub(log.done) as f64 / rate.max(1e-9);
            if self.json {
                tracing::info!(
                    done = log.done,
                    total = log.total,
                    pages_per_second = rate,
                    eta_seconds = eta,
                    "progress"
                );
            } else {
                eprintln!(
                    "sohoa: {}/{} pages, {:.2} pages/s, ETA {:.0} s",
                    log.done, log.total, rate, eta
                );
            }
        }
    }

    pub(super) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
