//! One OCR worker: its own Tesseract, pulling single pages from the run's
//! queue, writing each page's record to the store and telling the run what
//! became of it. A page that panics the decoder or Tesseract is a failure
//! of that page, not of the run.

use super::plan::FilePlan;
use super::Failure;
use crate::ocr::{Engine, EngineInfo};
use crate::preprocess;
use crate::scan::Dossier;
use crate::store::{self, ImageInfo, PageRecord, Store, RECORD_FORMAT};
use crate::Error;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// One page to read: a file of the plan and a page in it.
pub(super) struct Job {
    pub(super) file: usize,
    pub(super) page: usize,
}

/// What became of a [`Job`].
pub(super) enum Outcome {
    Done {
        file: usize,
        page: usize,
        decode: f64,
        ocr: f64,
        blank: bool,
        confidence: f32,
    },
    Failed {
        file: usize,
        failure: Failure,
    },
    /// The run cannot go on (OCR engine missing, store not writable).
    Fatal(Error),
}

/// What every worker reads, shared.
#[derive(Clone, Copy)]
pub(super) struct WorkerContext<'a> {
    pub(super) plans: &'a [FilePlan],
    pub(super) dossiers: &'a [Dossier],
    pub(super) store: &'a Store,
    pub(super) engine: &'a EngineInfo,
    pub(super) stop: &'a AtomicBool,
}

pub(super) fn worker(
    jobs: crossbeam_channel::Receiver<Job>,
    out: crossbeam_channel::Sender<Outcome>,
    ctx: WorkerContext,
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
        if ctx.stop.load(Ordering::Relaxed) {
            return;
        }
        let plan = &ctx.plans[job.file];
        let result = catch_unwind(AssertUnwindSafe(|| {
            ocr_page(&mut engine, &mut cached, job.file, job.page, ctx)
        }))
        .unwrap_or_else(|_| Err("internal error while reading this page (bug)".into()));
        let outcome = match result {
            Ok((rec, decode)) => match ctx.store.write_page(&rec) {
                Ok(()) => Outcome::Done {
                    file: job.file,
                    page: job.page,
                    decode,
                    ocr: f64::from(rec.ocr_seconds),
                    blank: rec.blank,
                    confidence: rec.mean_confidence,
                },
                // A store that cannot be written stops the run: OCR would be lost.
                Err(e) => Outcome::Fatal(e),
            },
            Err(reason) => Outcome::Failed {
                file: job.file,
                failure: Failure {
                    path: plan.path.to_string_lossy().into_owned(),
                    page: (plan.pages > 1).then_some(job.page + 1),
                    reason,
                },
            },
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
    page: usize,
    ctx: WorkerContext,
) -> std::result::Result<(PageRecord, f64), String> {
    let plan = &ctx.plans[file];
    let t = Instant::now();
    if cached.as_ref().is_none_or(|(f, _)| *f != file) {
        let bytes = std::fs::read(&plan.path).map_err(|e| format!("cannot read: {e}"))?;
        if store::content_hash(&bytes) != plan.hash {
            return Err("file changed while being ingested; run ingest again".into());
        }
        *cached = Some((file, bytes));
    }
    let bytes = &cached.as_ref().expect("just filled").1;
    let image = preprocess::decode_page(bytes, page)?;
    let decode_seconds = t.elapsed().as_secs_f64();
    let reading = engine.read(&image)?;
    let prep_seconds = decode_seconds + reading.preprocess_seconds;
    let out = reading.output;
    let record = PageRecord {
        format: RECORD_FORMAT,
        dossier: ctx.dossiers[plan.dossier].id.clone(),
        file: plan.name.clone(),
        page_in_file: page,
        pages_in_file: plan.pages,
        content_hash: plan.hash.clone(),
        file_size: plan.size,
        file_mtime: plan.mtime,
        image: ImageInfo {
            width: image.width,
            height: image.height,
            dpi: image.dpi,
            ocr_dpi: reading.ocr_dpi,
        },
        text: out.text,
        words: out.words,
        mean_confidence: out.mean_confidence,
        blank: reading.blank,
        preprocess: Some(store::Preprocessing {
            rotation: reading.geometry.rotation(),
            skew: (reading.geometry.skew * 100.0).round() / 100.0,
            scale: reading
                .geometry
                .scale
                .map(|s| (s * 1000.0).round() / 1000.0),
            dpi_estimated: reading.dpi_estimated.map(f32::round),
            variant: reading.variant,
            psm: reading.psm,
            attempts: reading.attempts,
            uncovered: (reading.uncovered * 1000.0).round() / 1000.0,
            column_bands: reading.column_bands,
            seconds: prep_seconds as f32,
        }),
        engine: ctx.engine.clone(),
        ocr_seconds: reading.ocr_seconds as f32,
        ocr_at: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    };
    Ok((record, prep_seconds))
}
