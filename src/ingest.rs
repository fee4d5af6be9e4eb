//! The ingest run: wiring the stages together, in parallel, page by page.
//!
//! scan → plan (hash every file, count TIFF pages, reuse unchanged pages
//! from the store) → OCR workers (one Tesseract each, pulling single pages
//! from a shared queue, so one big dossier still keeps every core busy) →
//! the calling thread, the only index writer, which indexes each dossier
//! from the store as soon as its last page is in and commits in batches.
//! A page that cannot be read is a [`Failure`] in the [`Report`]; it never
//! stops the run.

use crate::index::{Index, Writer};
use crate::ocr::{Engine, EngineInfo};
use crate::preprocess;
use crate::scan::{self, Dossier};
use crate::store::{self, DossierMeta, ImageInfo, PageRecord, Store, RECORD_FORMAT};
use crate::{Error, Result};
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Resolution assumed when a file states none (or an implausible one).
pub const ASSUMED_DPI: u32 = 300;

/// Commit the index at least this often (pages) during a run.
const COMMIT_EVERY_PAGES: usize = 500;
/// …and at least this often (time).
const COMMIT_EVERY: Duration = Duration::from_secs(60);

/// A file or page that could not be ingested, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    pub path: String,
    pub reason: String,
}

impl Failure {
    pub fn new(path: impl AsRef<Path>, reason: impl Into<String>) -> Failure {
        Failure {
            path: path.as_ref().to_string_lossy().into_owned(),
            reason: reason.into(),
        }
    }
}

/// What an ingest run did; written as JSON by `ingest --report`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub dossiers: usize,
    /// Pages now in the store for the scanned files (OCR'd now or unchanged).
    pub pages_ok: usize,
    pub pages_failed: usize,
    pub files_skipped: usize,
    pub seconds: f64,
    /// Pages OCR'd in this run.
    pub pages_ocr: usize,
    /// Pages whose file was unchanged since an earlier run (no OCR).
    pub pages_unchanged: usize,
    /// Pages OCR'd per second of the whole run.
    pub pages_per_second: f64,
    pub jobs: usize,
    pub failures: Vec<Failure>,
    /// Non-page files found and not ingested.
    pub skipped: Vec<String>,
}

/// Settings of one run.
#[derive(Debug, Clone)]
pub struct Config {
    pub roots: Vec<PathBuf>,
    pub index_dir: PathBuf,
    pub jobs: usize,
}

/// Progress, reported to the caller as the run goes.
#[derive(Debug)]
pub enum Event<'a> {
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

/// A page file after planning.
struct FilePlan {
    dossier: usize,
    name: String,
    path: PathBuf,
    hash: String,
    size: u64,
    pages: usize,
    /// All its pages are in the store from an earlier run with the same content and engine.
    unchanged: bool,
}

struct Job {
    file: usize,
    page: usize,
}

enum Outcome {
    Done {
        file: usize,
    },
    Failed {
        file: usize,
        failure: Failure,
    },
    /// A worker could not start its OCR engine: the run cannot go on.
    Fatal(Error),
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
    let mut roots = Vec::new();
    for root in &config.roots {
        let abs = root.canonicalize().map_err(|e| {
            Error::Usage(format!("{}: cannot read input folder: {e}", root.display()))
        })?;
        if !abs.is_dir() {
            return Err(Error::Usage(format!("{}: not a folder", root.display())));
        }
        roots.push(abs);
    }
    // Check the engine before any work, so a missing model is exit 2, not N failures.
    drop(Engine::new()?);
    let index = Index::create_or_open(&config.index_dir)?;
    let mut writer = index.writer()?;
    let store = index.store()?;
    let index_abs = config.index_dir.canonicalize().ok();

    let mut found = scan::scan(&roots);
    if let Some(ix) = &index_abs {
        // Never ingest our own index folder when it lies inside an input root.
        found.dossiers.retain(|d| !d.path.starts_with(ix));
        found.skipped.retain(|p| !p.starts_with(ix));
    }
    let mut report = Report {
        dossiers: found.dossiers.len(),
        files_skipped: found.skipped.len(),
        skipped: found
            .skipped
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect(),
        jobs,
        ..Report::default()
    };
    for f in found.failures.drain(..) {
        on_event(Event::Failed(&f));
        report.failures.push(f);
    }

    let engine = EngineInfo::current();
    let (plans, failures) = plan(&store, &found.dossiers, &engine)?;
    report.pages_failed += failures.len();
    for f in failures {
        on_event(Event::Failed(&f));
        report.failures.push(f);
    }
    let mut pending = vec![0usize; found.dossiers.len()];
    let mut queue = Vec::new();
    for (i, p) in plans.iter().enumerate() {
        if p.unchanged {
            report.pages_unchanged += p.pages;
        } else {
            pending[p.dossier] += p.pages;
            queue.extend((0..p.pages).map(|page| Job { file: i, page }));
        }
    }
    on_event(Event::Planned {
        pages_to_ocr: queue.len(),
        unchanged: report.pages_unchanged,
    });

    let mut batch = Batch::new();
    for (d, dossier) in found.dossiers.iter().enumerate() {
        store.write_dossier(&meta_of(dossier))?;
        if pending[d] == 0 {
            index_dossier(&store, &mut writer, dossier, &mut batch)?;
        }
    }

    let (job_tx, job_rx) = crossbeam_channel::unbounded::<Job>();
    for job in queue {
        job_tx.send(job).expect("receiver alive");
    }
    drop(job_tx);
    let (out_tx, out_rx) = crossbeam_channel::bounded::<Outcome>(jobs * 4);
    let workers = jobs.min(job_rx.len()).max(1);
    std::thread::scope(|s| -> Result<()> {
        for _ in 0..workers {
            let (job_rx, out_tx) = (job_rx.clone(), out_tx.clone());
            let (plans, dossiers, store, engine) = (&plans, &found.dossiers, &store, &engine);
            s.spawn(move || worker(job_rx, out_tx, plans, dossiers, store, engine));
        }
        drop(out_tx);
        let mut fatal = None;
        for outcome in out_rx {
            let file = match outcome {
                Outcome::Done { file } => {
                    report.pages_ocr += 1;
                    on_event(Event::PageDone {
                        file: &plans[file].path,
                    });
                    file
                }
                Outcome::Failed { file, failure } => {
                    report.pages_failed += 1;
                    on_event(Event::PageFailed(&failure));
                    report.failures.push(failure);
                    file
                }
                Outcome::Fatal(e) => {
                    fatal.get_or_insert(e);
                    continue;
                }
            };
            let d = plans[file].dossier;
            pending[d] -= 1;
            if pending[d] == 0 {
                for p in plans.iter().filter(|p| p.dossier == d && !p.unchanged) {
                    store.remove_pages_from(&found.dossiers[d].id, &p.name, p.pages)?;
                }
                index_dossier(&store, &mut writer, &found.dossiers[d], &mut batch)?;
            }
            if batch.due() {
                writer.commit()?;
                batch = Batch::new();
            }
        }
        fatal.map_or(Ok(()), Err)
    })?;
    writer.commit()?;

    report.pages_ok = report.pages_ocr + report.pages_unchanged;
    report.seconds = started.elapsed().as_secs_f64();
    report.pages_per_second = if report.seconds > 0.0 {
        report.pages_ocr as f64 / report.seconds
    } else {
        0.0
    };
    Ok(report)
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
    }
}

fn index_dossier(store: &Store, writer: &mut Writer, d: &Dossier, batch: &mut Batch) -> Result<()> {
    if let Some((meta, pages)) = store.read_dossier(&d.id)? {
        batch.pages += pages.len().max(1);
        writer.put_dossier(&meta, &pages)?;
    }
    Ok(())
}

/// Hash every page file and count its pages, in parallel, and decide which
/// need OCR.
fn plan(
    store: &Store,
    dossiers: &[Dossier],
    engine: &EngineInfo,
) -> Result<(Vec<FilePlan>, Vec<Failure>)> {
    let per_dossier: Vec<Result<Vec<std::result::Result<FilePlan, Failure>>>> = dossiers
        .par_iter()
        .enumerate()
        .map(|(d, dossier)| {
            let existing = store
                .read_dossier(&dossier.id)?
                .map(|(_, pages)| pages)
                .unwrap_or_default();
            Ok(dossier
                .files
                .par_iter()
                .map(|file| {
                    let bytes = std::fs::read(&file.path)
                        .map_err(|e| Failure::new(&file.path, format!("cannot read: {e}")))?;
                    let pages = preprocess::count_pages(&bytes)
                        .map_err(|reason| Failure::new(&file.path, reason))?;
                    let hash = store::content_hash(&bytes);
                    let have = existing
                        .iter()
                        .filter(|r| {
                            r.file == file.name
                                && r.content_hash == hash
                                && &r.engine == engine
                                && r.pages_in_file == pages
                        })
                        .count();
                    Ok(FilePlan {
                        dossier: d,
                        name: file.name.clone(),
                        path: file.path.clone(),
                        hash,
                        size: bytes.len() as u64,
                        pages,
                        unchanged: have == pages,
                    })
                })
                .collect())
        })
        .collect();
    let mut plans = Vec::new();
    let mut failures = Vec::new();
    for d in per_dossier {
        for f in d? {
            match f {
                Ok(p) => plans.push(p),
                Err(f) => failures.push(f),
            }
        }
    }
    Ok((plans, failures))
}

fn worker(
    jobs: crossbeam_channel::Receiver<Job>,
    out: crossbeam_channel::Sender<Outcome>,
    plans: &[FilePlan],
    dossiers: &[Dossier],
    store: &Store,
    engine_info: &EngineInfo,
) {
    let mut engine = match Engine::new() {
        Ok(e) => e,
        Err(e) => {
            let _ = out.send(Outcome::Fatal(e));
            return;
        }
    };
    // The last file read, so the pages of a TIFF taken in a row by this
    // worker read it once.
    let mut cached: Option<(usize, Vec<u8>)> = None;
    for job in jobs {
        let plan = &plans[job.file];
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            ocr_page(
                &mut engine,
                &mut cached,
                job.file,
                plan,
                job.page,
                dossiers,
                engine_info,
            )
        }))
        .unwrap_or_else(|_| {
            Err("internal error while reading this page (bug: please report)".into())
        });
        let outcome = match result.and_then(|rec| {
            store
                .write_page(&rec)
                .map_err(|e| format!("cannot write page record: {e}"))
        }) {
            Ok(()) => Outcome::Done { file: job.file },
            Err(reason) => {
                let path = if plan.pages > 1 {
                    format!("{} (page {})", plan.path.display(), job.page + 1)
                } else {
                    plan.path.display().to_string()
                };
                Outcome::Failed {
                    file: job.file,
                    failure: Failure::new(path, reason),
                }
            }
        };
        if out.send(outcome).is_err() {
            return;
        }
    }
}

fn ocr_page(
    engine: &mut Engine,
    cached: &mut Option<(usize, Vec<u8>)>,
    file: usize,
    plan: &FilePlan,
    page: usize,
    dossiers: &[Dossier],
    engine_info: &EngineInfo,
) -> std::result::Result<PageRecord, String> {
    if cached.as_ref().is_none_or(|(f, _)| *f != file) {
        let bytes = std::fs::read(&plan.path).map_err(|e| format!("cannot read: {e}"))?;
        if store::content_hash(&bytes) != plan.hash {
            return Err("file changed while being ingested; run ingest again".into());
        }
        *cached = Some((file, bytes));
    }
    let bytes = &cached.as_ref().expect("just filled").1;
    let image = preprocess::decode_page(bytes, page)?;
    let ocr_dpi = image.dpi.map_or(ASSUMED_DPI, |d| d.round() as u32);
    let t = Instant::now();
    let out = engine.recognize(&image, ocr_dpi)?;
    Ok(PageRecord {
        format: RECORD_FORMAT,
        dossier: dossiers[plan.dossier].id.clone(),
        file: plan.name.clone(),
        page_in_file: page,
        pages_in_file: plan.pages,
        content_hash: plan.hash.clone(),
        file_size: plan.size,
        image: ImageInfo {
            width: image.width,
            height: image.height,
            dpi: image.dpi,
            ocr_dpi,
        },
        text: out.text,
        words: out.words,
        mean_confidence: out.mean_confidence,
        engine: engine_info.clone(),
        ocr_seconds: t.elapsed().as_secs_f32(),
        ocr_at: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    })
}
