//! Planning a run: every page file hashed and its pages counted, in
//! parallel, so that only pages the store has not read with this engine are
//! OCR'd; renamed files take their old records with them, and a file whose
//! size and time are unchanged is not even read.

use super::{file_stat, meta_of, Failure};
use crate::ocr::EngineInfo;
use crate::preprocess;
use crate::scan::Dossier;
use crate::store::{self, PageRecord, Store};
use crate::Result;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// A page file after planning.
pub(super) struct FilePlan {
    pub(super) dossier: usize,
    pub(super) name: String,
    pub(super) path: PathBuf,
    pub(super) hash: String,
    pub(super) size: u64,
    pub(super) mtime: Option<u64>,
    pub(super) pages: usize,
    /// Pages (0-based) that need OCR; the others are in the store already.
    pub(super) todo: Vec<usize>,
}

/// A dossier after planning.
pub(super) struct DossierPlan {
    /// Current content hash of each page file, by name; None for files that
    /// could not be read this time (their old records are kept).
    pub(super) files: BTreeMap<String, Option<String>>,
    /// Excluded from this run (its id belongs to another folder).
    pub(super) conflict: bool,
}

/// Hash every page file and count its pages, in parallel, decide which
/// pages need OCR, and carry over the records of renamed files.
pub(super) fn plan(
    store: &Store,
    dossiers: &[Dossier],
    engine: &EngineInfo,
) -> Result<DossierOutcomes> {
    let per_dossier: Vec<Result<DossierOutcome>> = dossiers
        .par_iter()
        .enumerate()
        .map(|(d, dossier)| plan_dossier(store, d, dossier, engine))
        .collect();
    let mut dossier_plans = Vec::with_capacity(dossiers.len());
    let mut plans = Vec::new();
    let mut failures = Vec::new();
    let mut store_failures = Vec::new();
    for (d, outcome) in per_dossier.into_iter().enumerate() {
        let (dp, files, fails, store_fails) = outcome?;
        dossier_plans.push(dp);
        plans.extend(files);
        failures.extend(fails.into_iter().map(|f| (d, f)));
        store_failures.extend(store_fails);
    }
    Ok((dossier_plans, plans, failures, store_failures))
}

/// A dossier's plan, its files, the files that failed, and the store files
/// that could not be used.
type DossierOutcome = (DossierPlan, Vec<FilePlan>, Vec<Failure>, Vec<Failure>);

/// The same for every dossier of a run (each file failure with its
/// dossier's place in the scan).
pub(super) type DossierOutcomes = (
    Vec<DossierPlan>,
    Vec<FilePlan>,
    Vec<(usize, Failure)>,
    Vec<Failure>,
);

fn plan_dossier(
    store: &Store,
    d: usize,
    dossier: &Dossier,
    engine: &EngineInfo,
) -> Result<DossierOutcome> {
    let checked = store.read_dossier_checked(&dossier.id)?;
    // Records the store cannot use are not trusted: their pages are OCR'd
    // again (overwriting them), and each is reported.
    let store_failures: Vec<Failure> = checked
        .unreadable
        .iter()
        .map(|u| {
            Failure::new(
                &u.path,
                format!(
                    "unreadable store file ({}); its page is read again, \
                     run `sohoa verify --repair` to set such files aside",
                    u.reason
                ),
            )
        })
        .collect();
    let records = checked.records;
    let existing = match checked.meta {
        Some(meta) => {
            let old = Path::new(&meta.path);
            if old != dossier.path && old.is_dir() {
                let failure = Failure::new(
                    &dossier.path,
                    format!(
                        "dossier id {:?} already belongs to {} in this index; ingest the \
                         folders above both, so that their ids differ",
                        dossier.id, meta.path
                    ),
                );
                let dp = DossierPlan {
                    files: BTreeMap::new(),
                    conflict: true,
                };
                return Ok((dp, Vec::new(), vec![failure], store_failures));
            }
            records
        }
        // No dossier file, or an unreadable one: its records can still be reused.
        None => records,
    };
    store.write_dossier(&meta_of(dossier))?;
    let mut files = BTreeMap::new();
    let mut plans = Vec::new();
    let mut failures = Vec::new();
    for file in &dossier.files {
        let (size, mtime) = file_stat(&file.path);
        // Fast path: same size and modification time as when its records
        // were made, complete and from this engine: not even read again.
        if let Some(known) = unchanged_by_stat(&existing, &file.name, size, mtime, engine) {
            files.insert(file.name.clone(), Some(known.content_hash.clone()));
            plans.push(FilePlan {
                dossier: d,
                name: file.name.clone(),
                path: file.path.clone(),
                hash: known.content_hash.clone(),
                size,
                mtime,
                pages: known.pages_in_file,
                todo: Vec::new(),
            });
            continue;
        }
        let read = catch_unwind(AssertUnwindSafe(|| read_and_count(&file.path)))
            .unwrap_or_else(|_| Err("internal error while reading this file (bug)".into()));
        let (bytes, pages) = match read {
            Ok(ok) => ok,
            Err(reason) => {
                files.insert(file.name.clone(), None);
                failures.push(Failure::new(&file.path, reason));
                continue;
            }
        };
        let hash = store::content_hash(&bytes);
        let same = |r: &&PageRecord| {
            r.content_hash == hash && &r.engine == engine && r.pages_in_file == pages
        };
        let have: BTreeSet<usize> = existing
            .iter()
            .filter(|r| r.file == file.name)
            .filter(same)
            .map(|r| r.page_in_file)
            .collect();
        let mut todo: Vec<usize> = (0..pages).filter(|p| !have.contains(p)).collect();
        if have.is_empty() {
            // A renamed (or copied) file: same content under another name.
            let from: Vec<&PageRecord> = existing.iter().filter(same).collect();
            let pages_found: BTreeSet<usize> = from.iter().map(|r| r.page_in_file).collect();
            if pages_found.len() == pages {
                let mut seen = BTreeSet::new();
                for rec in from.into_iter().filter(|r| seen.insert(r.page_in_file)) {
                    let mut copy = rec.clone();
                    copy.file = file.name.clone();
                    copy.file_mtime = mtime;
                    store.write_page(&copy)?;
                }
                todo.clear();
            }
        }
        files.insert(file.name.clone(), Some(hash.clone()));
        plans.push(FilePlan {
            dossier: d,
            name: file.name.clone(),
            path: file.path.clone(),
            hash,
            size: bytes.len() as u64,
            mtime,
            pages,
            todo,
        });
    }
    let dp = DossierPlan {
        files,
        conflict: false,
    };
    Ok((dp, plans, failures, store_failures))
}

/// A record standing for all pages of `name` whose stored size and
/// modification time match the file's now, if the set is complete.
fn unchanged_by_stat<'a>(
    existing: &'a [PageRecord],
    name: &str,
    size: u64,
    mtime: Option<u64>,
    engine: &EngineInfo,
) -> Option<&'a PageRecord> {
    mtime?;
    let records: Vec<&PageRecord> = existing.iter().filter(|r| r.file == name).collect();
    let first = *records.first()?;
    let consistent = records.iter().all(|r| {
        r.file_size == size
            && r.file_mtime == mtime
            && &r.engine == engine
            && r.content_hash == first.content_hash
            && r.pages_in_file == first.pages_in_file
    });
    let pages: BTreeSet<usize> = records.iter().map(|r| r.page_in_file).collect();
    (consistent && pages.len() == first.pages_in_file).then_some(first)
}

fn read_and_count(path: &Path) -> std::result::Result<(Vec<u8>, usize), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let pages = preprocess::count_pages(&bytes)?;
    Ok((bytes, pages))
}
