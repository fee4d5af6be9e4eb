//! The ingest run: wiring the stages together, in parallel, page by page.
//!
//! scan → plan (hash every file, count TIFF pages, keep the pages the store
//! already has for the same content) → OCR workers (one Tesseract each,
//! pulling single pages from a shared queue, so one big dossier still keeps
//! every core busy) → the calling thread, the only index writer, which
//! brings each dossier's store records in line with its folder and indexes
//! it as soon as its last page is in, committing in batches. A page that
//! cannot be read is a [`Failure`] in the [`Report`]; it never stops the
//! run. What does stop it (the store cannot be written, OCR cannot start)
//! is an [`Error`], returned after committing what was complete.
//!
//! `mod.rs` has the run and what it is told; `plan.rs` decides per file
//! which pages need OCR; `worker.rs` is one OCR worker; `report.rs` what the
//! run reports.

mod plan;
mod report;
mod worker;

use plan::{plan, DossierPlan};
pub use report::{Failure, LowConfidence, Missing, Report, StageSeconds, LOW_CONFIDENCE};
use worker::{worker, Job, Outcome, WorkerContext};

use crate::index::{Index, IndexLock, Writer};
use crate::ocr::EngineInfo;
use crate::scan::{self, Dossier};
use crate::store::{DossierMeta, Store, Unread};
use crate::{Error, Result};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Commit the index at least this often (pages) during a run.
const COMMIT_EVERY_PAGES: usize = 500;
/// …and at least this often (time).
const COMMIT_EVERY: Duration = Duration::from_secs(60);

/// Settings of one run.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub roots: Vec<PathBuf>,
    pub index_dir: PathBuf,
    pub jobs: usize,
    /// Wait for another ingest or reindex of the same index instead of failing.
    pub wait: bool,
    /// Remove dossiers under the roots whose folder is gone (else only reported).
    pub prune: bool,
    /// Rebuild an index of an older schema from the store before ingesting.
    pub reindex_if_needed: bool,
    /// Only the dossiers of this shard (`ingest --shard k/N`).
    pub shard: Option<crate::scaleout::Shard>,
    /// Set from outside (SIGINT/SIGTERM) to stop after the pages in hand:
    /// what is done is committed and the report says `interrupted`.
    pub interrupt: Option<std::sync::Arc<AtomicBool>>,
    /// Take only dossiers whose every page file is in this map with the
    /// size and modification time it has now (`watch`: the files that
    /// have stopped changing). Any other dossier is held back whole: left
    /// out of the run, not counted missing, named in `held_back`. `None`
    /// takes everything (`ingest`).
    pub settled: Option<std::sync::Arc<Settled>>,
}

/// Page files by path, with the [`FileStat`] seen when they were judged settled.
pub type Settled = std::collections::HashMap<PathBuf, FileStat>;

/// A file's size and modification time (nanoseconds since the epoch; `None`
/// when the file system gives none), the pair a record keeps to skip
/// unchanged files and `watch` compares to see a file stop changing.
pub type FileStat = (u64, Option<u64>);

/// Size and modification time of `path`; `(0, None)` when it cannot be read.
pub fn file_stat(path: &Path) -> FileStat {
    let stat = std::fs::metadata(path);
    let size = stat.as_ref().map_or(0, |m| m.len());
    let mtime = stat
        .as_ref()
        .ok()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos() as u64);
    (size, mtime)
}

/// Progress, reported to the caller as the run goes.
#[derive(Debug)]
pub enum Event<'a> {
    /// The folders were walked; every page file is now read and hashed.
    Scanned { dossiers: usize, files: usize },
    /// Planning is done: this many pages need OCR.
    Planned {
        pages_to_ocr: usize,
        unchanged: usize,
    },
    /// One page was OCR'd and stored.
    PageDone { file: &'a Path },
    /// A page queued for OCR failed.
    PageFailed(&'a Failure),
    /// A folder or file failed before OCR (unreadable, not an image).
    Failed(&'a Failure),
    /// Something the operator should know that does not stop the run.
    Warning(&'a str),
}

/// Run an ingest. Errors are returned only when the run cannot go on (index
/// unusable, store not writable, OCR engine missing); bad files are in the
/// report's failures.
pub fn run(config: &Config, on_event: &(dyn Fn(Event) + Sync)) -> Result<Report> {
    let started = Instant::now();
    if !crate::ocr::openmp_limited() {
        on_event(Event::Warning(
            "OMP_THREAD_LIMIT is not 1: parallel OCR will be about 2× slower",
        ));
    }
    let jobs = config.jobs.max(1);
    let roots = input_roots(&config.roots, on_event)?;
    let _lock = IndexLock::acquire(&config.index_dir, "ingest", config.wait)?;
    if config.reindex_if_needed && Index::needs_reindex(&config.index_dir)? {
        on_event(Event::Warning(
            "the index has an older schema: rebuilding it from the store first",
        ));
        crate::index::rebuild(&config.index_dir)?;
    }
    let (index, indexed, rebuilt) = crate::index::open_or_rebuild(&config.index_dir)?;
    if let Some((damage, rebuilt)) = &rebuilt {
        let msg = format!(
            "{damage}: rebuilt it from the store first ({} pages of {} dossiers)",
            rebuilt.pages, rebuilt.dossiers
        );
        on_event(Event::Warning(&msg));
    }
    let mut writer = index.writer()?;
    let store = index.store()?;
    let index_abs = config.index_dir.canonicalize().ok();
    let interrupted = || {
        config
            .interrupt
            .as_ref()
            .is_some_and(|i| i.load(Ordering::Relaxed))
    };

    let t = Instant::now();
    let mut found = scan::scan(&roots, index_abs.as_deref());
    if let Some(shard) = config.shard {
        found.dossiers.retain(|d| shard.contains(&d.id));
    }
    let held_back = match &config.settled {
        Some(settled) => hold_back(&mut found.dossiers, settled),
        None => Vec::new(),
    };
    let mut report = Report {
        shard: config.shard.map(|s| s.to_string()),
        dossiers: found.dossiers.len(),
        files_skipped: found.skipped.len(),
        skipped: found
            .skipped
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect(),
        jobs,
        held_back: held_back.iter().map(|d| d.id.clone()).collect(),
        ..Report::default()
    };
    for f in found.failures.drain(..) {
        on_event(Event::Failed(&f));
        report.failures.push(f);
    }
    report.stage_seconds.scan = t.elapsed().as_secs_f64();
    on_event(Event::Scanned {
        dossiers: found.dossiers.len(),
        files: found.dossiers.iter().map(|d| d.files.len()).sum(),
    });
    let mut dirty = false;
    report.missing = missing_dossiers(&store, &roots, &found.dossiers, &held_back)?;
    if let Some(shard) = config.shard {
        // another shard's dossiers are not missing, only not ours
        report.missing.retain(|m| shard.contains(&m.dossier));
    }
    if config.prune && !report.missing.is_empty() {
        // Out of the index first (committed), then out of the store: a crash
        // in between leaves records the next --prune finds again, never
        // index documents without records.
        for m in &report.missing {
            writer.delete_dossier(&m.dossier);
        }
        writer.commit()?;
        for m in &report.missing {
            store.remove_dossier(&m.dossier)?;
        }
        report.pruned = report.missing.len();
    }

    let t = Instant::now();
    let engine = EngineInfo::current();
    let (dossier_plans, plans, failures, store_failures) = plan(&store, &found.dossiers, &engine)?;
    report.stage_seconds.plan = t.elapsed().as_secs_f64();
    for f in store_failures {
        on_event(Event::Failed(&f));
        report.failures.push(f);
    }
    // What could not be read, per dossier: kept with the dossier in the
    // store, so the pages a person sees say which ones are missing.
    let mut unread: Vec<Vec<Unread>> = vec![Vec::new(); found.dossiers.len()];
    for (d, f) in failures {
        report.pages_failed += 1;
        on_event(Event::Failed(&f));
        let dossier = &found.dossiers[d];
        if let Some(name) = Path::new(&f.path)
            .strip_prefix(&dossier.path)
            .ok()
            .and_then(|p| p.to_str())
            .filter(|p| !p.is_empty())
        {
            unread[d].push(Unread {
                file: name.to_string(),
                page: f.page,
                reason: f.reason.clone(),
            });
        }
        report.failures.push(f);
    }
    let mut pending = vec![0usize; found.dossiers.len()];
    let mut queue = Vec::new();
    for (i, p) in plans.iter().enumerate() {
        report.pages_unchanged += p.pages - p.todo.len();
        pending[p.dossier] += p.todo.len();
        queue.extend(p.todo.iter().map(|&page| Job { file: i, page }));
    }
    on_event(Event::Planned {
        pages_to_ocr: queue.len(),
        unchanged: report.pages_unchanged,
    });

    let (job_tx, job_rx) = crossbeam_channel::unbounded::<Job>();
    for job in queue {
        job_tx.send(job).expect("receiver alive");
    }
    drop(job_tx);
    let (out_tx, out_rx) = crossbeam_channel::unbounded::<Outcome>();
    let workers = jobs.min(job_rx.len());
    let stop = AtomicBool::new(false);
    let mut batch = Batch::new();
    let mut fatal: Option<Error> = None;
    let mut index_seconds = 0.0;
    let mut finish = |d: usize, batch: &mut Batch, unread: &[Unread]| -> Result<()> {
        let t = Instant::now();
        let dossier = &found.dossiers[d];
        let changed = finish_dossier(
            &store,
            &mut writer,
            dossier,
            &dossier_plans[d],
            unread,
            indexed.get(&dossier.id),
            batch,
        )?;
        dirty |= changed;
        if batch.due() {
            writer.commit()?;
            *batch = Batch::new();
        }
        index_seconds += t.elapsed().as_secs_f64();
        Ok(())
    };
    let result = std::thread::scope(|s| -> Result<()> {
        for _ in 0..workers {
            let (job_rx, out_tx) = (job_rx.clone(), out_tx.clone());
            let ctx = WorkerContext {
                plans: &plans,
                dossiers: &found.dossiers,
                store: &store,
                engine: &engine,
                stop: &stop,
            };
            s.spawn(move || worker(job_rx, out_tx, ctx));
        }
        drop(out_tx);
        // Dossiers with nothing to OCR are indexed while the workers start.
        for d in 0..found.dossiers.len() {
            if pending[d] == 0 && !dossier_plans[d].conflict {
                finish(d, &mut batch, &unread[d])?;
            }
        }
        for outcome in out_rx {
            if interrupted() {
                stop.store(true, Ordering::Relaxed);
            }
            let file = match outcome {
                Outcome::Done {
                    file,
                    page,
                    decode,
                    ocr,
                    blank,
                    confidence,
                } => {
                    report.pages_ocr += 1;
                    report.stage_seconds.decode += decode;
                    report.stage_seconds.ocr += ocr;
                    if blank {
                        report.pages_blank += 1;
                    } else if confidence < LOW_CONFIDENCE {
                        report.low_confidence.push(LowConfidence {
                            path: plans[file].path.to_string_lossy().into_owned(),
                            page: (plans[file].pages > 1).then_some(page + 1),
                            mean_confidence: (confidence * 10.0).round() / 10.0,
                        });
                    }
                    on_event(Event::PageDone {
                        file: &plans[file].path,
                    });
                    file
                }
                Outcome::Failed { file, failure } => {
                    report.pages_failed += 1;
                    on_event(Event::PageFailed(&failure));
                    unread[plans[file].dossier].push(Unread {
                        file: plans[file].name.clone(),
                        page: failure.page,
                        reason: failure.reason.clone(),
                    });
                    report.failures.push(failure);
                    file
                }
                Outcome::Fatal(e) => {
                    stop.store(true, Ordering::Relaxed);
                    fatal.get_or_insert(e);
                    continue;
                }
            };
            let d = plans[file].dossier;
            pending[d] -= 1;
            if pending[d] == 0 {
                finish(d, &mut batch, &unread[d])?;
            }
        }
        Ok(())
    });
    report.stage_seconds.index = index_seconds;
    // Whatever was complete stays, even when the run stops early.
    let committed = if dirty {
        writer.commit().map(drop)
    } else {
        Ok(())
    };
    result?;
    committed?;
    if let Some(e) = fatal {
        return Err(e);
    }
    if interrupted() {
        report.interrupted = true;
        report.failures.push(Failure::new(
            &config.index_dir,
            "interrupted by a signal before the end: what was done is committed; \
             run the same ingest again to finish",
        ));
    }

    report.pages_ok = report.pages_ocr + report.pages_unchanged;
    report.seconds = started.elapsed().as_secs_f64();
    report.pages_per_second = if report.seconds > 0.0 {
        report.pages_ocr as f64 / report.seconds
    } else {
        0.0
    };
    Ok(report)
}

/// Canonical input folders, each walked once: a folder given twice, or one
/// inside another given folder, would be OCR'd twice.
pub(crate) fn input_roots(
    given: &[PathBuf],
    on_event: &(dyn Fn(Event) + Sync),
) -> Result<Vec<PathBuf>> {
    let mut roots: Vec<PathBuf> = Vec::new();
    for root in given {
        let abs = root.canonicalize().map_err(|e| {
            Error::Usage(format!("{}: cannot read input folder: {e}", root.display()))
        })?;
        if !abs.is_dir() {
            return Err(Error::Usage(format!("{}: not a folder", root.display())));
        }
        roots.push(abs);
    }
    let all = roots.clone();
    roots.retain(|r| {
        let outer = all.iter().find(|o| *o != r && r.starts_with(o));
        if let Some(o) = outer {
            let msg = format!(
                "{} is inside {}: ingested once, as part of it",
                r.display(),
                o.display()
            );
            on_event(Event::Warning(&msg));
        }
        outer.is_none()
    });
    roots.sort();
    roots.dedup();
    Ok(roots)
}

/// Move out of `dossiers` (and return) those with a page file that is not
/// in `settled` or whose size or modification time differs from it now.
fn hold_back(dossiers: &mut Vec<Dossier>, settled: &Settled) -> Vec<Dossier> {
    let (take, held): (Vec<Dossier>, Vec<Dossier>) =
        std::mem::take(dossiers).into_iter().partition(|d| {
            d.files
                .iter()
                .all(|f| settled.get(&f.path) == Some(&file_stat(&f.path)))
        });
    *dossiers = take;
    held
}

/// Commit pacing.
struct Batch {
    pages: usize,
    since: Instant,
}

impl Batch {
    fn new() -> Batch {
        Batch {
            pages: 0,
            since: Instant::now(),
        }
    }
    fn due(&self) -> bool {
        self.pages >= COMMIT_EVERY_PAGES || self.since.elapsed() >= COMMIT_EVERY
    }
}

fn meta_of(d: &Dossier) -> DossierMeta {
    DossierMeta {
        dossier: d.id.clone(),
        path: d.path.to_string_lossy().into_owned(),
        unread: Vec::new(),
    }
}

/// All pages of a dossier are in: note the files this run could not read
/// with the dossier, drop the records that no longer match its folder
/// (files removed or renamed, older versions of changed files), then index
/// it from the store.
/// Returns whether the index changed (not when its digest was current).
fn finish_dossier(
    store: &Store,
    writer: &mut Writer,
    d: &Dossier,
    plan: &DossierPlan,
    unread: &[Unread],
    indexed_digest: Option<&String>,
    batch: &mut Batch,
) -> Result<bool> {
    let Some((mut meta, records)) = store.read_dossier(&d.id)? else {
        return Ok(false);
    };
    let mut unread = unread.to_vec();
    unread.sort_by(|a, b| crate::text::natural_cmp(&a.file, &b.file).then(a.page.cmp(&b.page)));
    if meta.unread != unread {
        meta.unread = unread;
        store.write_dossier(&meta)?;
    }
    let mut keep = Vec::with_capacity(records.len());
    for rec in records {
        let current = match plan.files.get(&rec.file) {
            None => false,                                 // file gone from the folder
            Some(None) => true,                            // unreadable now: keep what we had
            Some(Some(hash)) => *hash == rec.content_hash, // else only the current content
        };
        if current {
            keep.push(rec);
        } else {
            store.remove_page(&rec.dossier, &rec.file, rec.page_in_file)?;
        }
    }
    let corrections = writer.corrections(&meta.dossier);
    if indexed_digest == Some(&crate::index::dossier_digest(&meta, &keep, &corrections)) {
        return Ok(false); // the index already holds exactly this
    }
    batch.pages += keep.len().max(1);
    writer.put_dossier(&meta, &keep)?;
    Ok(true)
}

/// Dossiers of the store that lie under one of `roots` but were not found
/// by this scan: their folder is gone (or holds no pages any more).
fn missing_dossiers(
    store: &Store,
    roots: &[PathBuf],
    found: &[Dossier],
    held_back: &[Dossier],
) -> Result<Vec<Missing>> {
    let seen: BTreeSet<&str> = found
        .iter()
        .chain(held_back)
        .map(|d| d.id.as_str())
        .collect();
    Ok(store
        .dossiers()?
        .into_iter()
        .filter(|m| {
            !seen.contains(m.dossier.as_str())
                && roots.iter().any(|r| Path::new(&m.path).starts_with(r))
        })
        .map(|m| Missing {
            dossier: m.dossier,
            path: m.path,
        })
        .collect())
}
