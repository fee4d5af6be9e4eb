//! `sohoa export --pdf DIR`: every document (or dossier) of an index as a
//! PDF under DIR, rebuilding only what changed.
//!
//! Outputs are `DIR/<dossier id>/<NN>-<doc_type>.pdf` per document, or
//! `DIR/<dossier id>.pdf` per dossier (the id's `/` are folders). A
//! manifest in DIR (`.sohoa-pdf-document.json` or `.sohoa-pdf-dossier.json`)
//! records each output's input digest ([`super::digest`]): an output whose
//! digest is unchanged and whose file is there is neither rebuilt nor
//! rewritten; an output built again with the same bytes is not rewritten
//! either; outputs of documents that no longer exist are removed (only files
//! the manifest lists, never anything else in DIR). Each file is written
//! atomically. A dossier whose scan is gone or changed fails with the file
//! and the reason, the others go on, and its earlier PDF, if any, is kept.

use super::{build, digest, documents, Scope};
use crate::folder::{DossierView, Reader};
use crate::store::{write_atomic, Unreadable};
use crate::{Error, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::time::Instant;

/// One PDF per document or per dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Per {
    Document,
    Dossier,
}

impl Per {
    pub fn as_str(self) -> &'static str {
        match self {
            Per::Document => "document",
            Per::Dossier => "dossier",
        }
    }
}

/// What to export where.
#[derive(Debug, Clone)]
pub struct Options {
    pub out_dir: PathBuf,
    pub per: Per,
    /// Outputs built in parallel.
    pub jobs: usize,
}

/// An output that could not be built, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Failed {
    pub dossier: String,
    /// The output, relative to DIR (empty when the dossier has no usable name).
    pub output: String,
    /// The file at fault (a scan, or the dossier folder).
    pub path: String,
    /// 1-based page within a multi-page file, when one page failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    pub reason: String,
    /// An earlier PDF of it is still in DIR.
    pub kept: bool,
}

/// What an export did.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub dir: String,
    pub per: String,
    /// Outputs the index calls for (written + unchanged + failed).
    pub outputs: usize,
    pub written: usize,
    pub unchanged: usize,
    /// Outputs of documents that no longer exist, deleted.
    pub removed: usize,
    pub failed: Vec<Failed>,
    /// Pages of the PDFs built this run, and their bytes.
    pub pages_built: usize,
    pub bytes_built: u64,
    pub seconds: f64,
    pub pages_per_second: f64,
    /// Store files left out (unreadable or inconsistent).
    pub skipped: Vec<Unreadable>,
    /// Stored dossiers without an index entry, left out (their earlier
    /// outputs are kept).
    pub not_indexed: Vec<String>,
}

/// The summary for people: each failure (file, page, reason, output), the
/// dossiers left out, then one line of counts, sizes and speed.
pub fn print(r: &Report, out: &mut impl std::io::Write) -> std::io::Result<()> {
    for f in &r.failed {
        let page = f.page.map(|p| format!(" (page {p})")).unwrap_or_default();
        let kept = if f.kept {
            "; the earlier PDF is kept"
        } else {
            ""
        };
        writeln!(
            out,
            "sohoa: failed: {}{page}: {}{kept} [{}]",
            crate::text::escape(&f.path),
            f.reason,
            crate::text::escape(if f.output.is_empty() {
                &f.dossier
            } else {
                &f.output
            })
        )?;
    }
    for id in &r.not_indexed {
        writeln!(
            out,
            "sohoa: {} is stored but not indexed; left out (run `sohoa reindex`)",
            crate::text::escape(id)
        )?;
    }
    let mb = r.bytes_built as f64 / 1e6;
    let per_page = if r.pages_built > 0 {
        format!(
            ", {:.0} kB per page",
            r.bytes_built as f64 / 1e3 / r.pages_built as f64
        )
    } else {
        String::new()
    };
    writeln!(
        out,
        "sohoa: {} PDFs in {}: {} written ({} pages, {mb:.1} MB{per_page}), {} unchanged, \
         {} removed, {} failed; {:.2} s ({:.1} pages/s)",
        r.outputs,
        crate::text::escape(&r.dir),
        r.written,
        r.pages_built,
        r.unchanged,
        r.removed,
        r.failed.len(),
        r.seconds,
        r.pages_per_second
    )
}

/// The manifest's record of one output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Entry {
    dossier: String,
    digest: String,
    pages: usize,
    bytes: u64,
}

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
struct Manifest {
    format: u32,
    outputs: BTreeMap<String, Entry>,
}

const MANIFEST_FORMAT: u32 = 1;

fn manifest_path(dir: &Path, per: Per) -> PathBuf {
    dir.join(format!(".sohoa-pdf-{}.json", per.as_str()))
}

/// Where an output goes, relative to DIR: `<dossier id>/<NN>-<doc_type>.pdf`
/// for document `index` (0-based), `<dossier id>.pdf` for the dossier. The
/// id's parts must be plain names (no `..`, no empty part).
pub fn output_path(dossier: &str, scope: Scope, doc_type: Option<&str>) -> Result<String, String> {
    let id = crate::text::nfc(dossier);
    let parts: Vec<&str> = id.split('/').collect();
    let plain = |p: &str| {
        let mut c = Path::new(p).components();
        matches!((c.next(), c.next()), (Some(Component::Normal(_)), None)) && !p.contains('\\')
    };
    if parts.iter().any(|p| !plain(p)) {
        return Err(format!("the dossier id {dossier:?} cannot be a path"));
    }
    Ok(match scope {
        Scope::Dossier => format!("{id}.pdf"),
        Scope::Document(i) => {
            let t = doc_type
                .filter(|t| {
                    !t.is_empty()
                        && t.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                })
                .unwrap_or("khac");
            format!("{id}/{:02}-{t}.pdf", i + 1)
        }
    })
}

/// One output to consider.
struct Job {
    dossier: usize,
    scope: Scope,
    rel: String,
    digest: String,
}

/// What became of one output.
enum Outcome {
    Unchanged(Entry),
    Written(Entry),
    Failed(Failed),
}

/// Export every indexed dossier of `index_dir` as PDFs under
/// `opts.out_dir`. `progress` is told the pages and outputs done so far.
pub fn export(index_dir: &Path, opts: &Options, progress: &dyn Fn(usize, usize)) -> Result<Report> {
    let t = Instant::now();
    let dir = &opts.out_dir;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let _lock = lock(dir)?;
    let reader = Reader::open(index_dir)?;
    let old = read_manifest(dir, opts.per);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.max(1))
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {} export threads: {e}", opts.jobs)))?;

    let mut report = Report {
        dir: dir.to_string_lossy().into_owned(),
        per: opts.per.as_str().into(),
        ..Report::default()
    };
    let mut new = Manifest {
        format: MANIFEST_FORMAT,
        outputs: BTreeMap::new(),
    };
    let mut wanted: BTreeSet<String> = BTreeSet::new();
    let mut batch: Vec<DossierView> = Vec::new();
    let mut batch_pages = 0;
    let (mut pages_done, mut outputs_done) = (0, 0);
    let mut flush = |batch: &mut Vec<DossierView>,
                     report: &mut Report,
                     new: &mut Manifest,
                     wanted: &mut BTreeSet<String>| {
        let jobs = plan(batch, opts.per, report, wanted);
        let outcomes: Vec<Outcome> = pool.install(|| {
            jobs.par_iter()
                .map(|j| run_job(dir, &old, &batch[j.dossier], j))
                .collect()
        });
        for (job, outcome) in jobs.iter().zip(outcomes) {
            match outcome {
                Outcome::Unchanged(e) => {
                    report.unchanged += 1;
                    new.outputs.insert(job.rel.clone(), e);
                }
                Outcome::Written(e) => {
                    report.written += 1;
                    report.pages_built += e.pages;
                    report.bytes_built += e.bytes;
                    pages_done += e.pages;
                    new.outputs.insert(job.rel.clone(), e);
                }
                Outcome::Failed(f) => {
                    if f.kept {
                        if let Some(e) = old.outputs.get(&job.rel) {
                            new.outputs.insert(job.rel.clone(), e.clone());
                        }
                    }
                    report.failed.push(f);
                }
            }
            outputs_done += 1;
        }
        progress(pages_done, outputs_done);
        batch.clear();
    };
    let walk = reader.each_dossier(|view| {
        batch_pages += view.pages.len().max(1);
        batch.push(view);
        if batch_pages >= 64 * opts.jobs.max(1) {
            flush(&mut batch, &mut report, &mut new, &mut wanted);
            batch_pages = 0;
        }
        Ok(())
    })?;
    flush(&mut batch, &mut report, &mut new, &mut wanted);

    // Outputs of dossiers left out of this walk keep their files: stored but
    // not indexed (an interrupted run), or behind a store file that could not
    // be read; only outputs of documents that are gone are removed.
    let keep_all = !walk.unreadable.is_empty();
    let not_indexed: BTreeSet<&str> = walk.not_indexed.iter().map(String::as_str).collect();
    for (rel, e) in &old.outputs {
        if wanted.contains(rel) || new.outputs.contains_key(rel) {
            continue;
        }
        if keep_all || not_indexed.contains(e.dossier.as_str()) {
            new.outputs.insert(rel.clone(), e.clone());
            continue;
        }
        if remove_output(dir, rel)? {
            report.removed += 1;
        }
    }
    write_manifest(dir, opts.per, &old, &new)?;
    report.outputs = report.written + report.unchanged + report.failed.len();
    report.skipped = walk.unreadable;
    report.not_indexed = walk.not_indexed;
    report.seconds = t.elapsed().as_secs_f64();
    report.pages_per_second = report.pages_built as f64 / report.seconds.max(1e-6);
    Ok(report)
}

/// The outputs of a batch of dossiers, with their paths and digests; a
/// dossier whose id cannot be a path is a failure here.
fn plan(
    batch: &[DossierView],
    per: Per,
    report: &mut Report,
    wanted: &mut BTreeSet<String>,
) -> Vec<Job> {
    let mut jobs = Vec::new();
    for (i, view) in batch.iter().enumerate() {
        let scopes: Vec<(Scope, Option<String>)> = match per {
            Per::Dossier if view.pages.is_empty() => vec![],
            Per::Dossier => vec![(Scope::Dossier, None)],
            Per::Document => documents(view)
                .into_iter()
                .enumerate()
                .map(|(k, d)| (Scope::Document(k), d.doc_type))
                .collect(),
        };
        for (scope, doc_type) in scopes {
            match output_path(&view.meta.dossier, scope, doc_type.as_deref()) {
                Ok(rel) => {
                    wanted.insert(rel.clone());
                    jobs.push(Job {
                        dossier: i,
                        scope,
                        digest: digest(view, scope),
                        rel,
                    });
                }
                Err(reason) => report.failed.push(Failed {
                    dossier: view.meta.dossier.clone(),
                    output: String::new(),
                    path: view.meta.path.clone(),
                    page: None,
                    reason,
                    kept: false,
                }),
            }
        }
    }
    jobs
}

/// Build one output unless it is up to date; write it unless the same
/// bytes are there already.
fn run_job(dir: &Path, old: &Manifest, view: &DossierView, job: &Job) -> Outcome {
    let target = dir.join(&job.rel);
    let before = old.outputs.get(&job.rel);
    let on_disk = std::fs::metadata(&target).ok().map(|m| m.len());
    let failed = |path: String, page, reason: String| {
        Outcome::Failed(Failed {
            dossier: view.meta.dossier.clone(),
            output: job.rel.clone(),
            path,
            page,
            reason,
            kept: on_disk.is_some() && before.is_some(),
        })
    };
    if let Some(e) = before.filter(|e| e.digest == job.digest && on_disk == Some(e.bytes)) {
        // Up to date: not rebuilt, so the scans are not read; a scan that is
        // gone or no longer its recorded size is still reported.
        if let Some((path, reason)) = source_gone(view, job.scope) {
            return failed(path, None, reason);
        }
        return Outcome::Unchanged(e.clone());
    }
    let bytes = match build(view, job.scope) {
        Ok(b) => b,
        Err(f) => return failed(f.path, f.page, f.reason),
    };
    let pages = match job.scope {
        Scope::Dossier => view.pages.len(),
        Scope::Document(i) => documents(view)
            .get(i)
            .map_or(0, |d| d.pages[1] + 1 - d.pages[0]),
    };
    let entry = Entry {
        dossier: view.meta.dossier.clone(),
        digest: job.digest.clone(),
        pages,
        bytes: bytes.len() as u64,
    };
    if on_disk == Some(entry.bytes) && std::fs::read(&target).is_ok_and(|b| b == bytes) {
        return Outcome::Unchanged(entry);
    }
    let written = target
        .parent()
        .map_or(Ok(()), |p| {
            std::fs::create_dir_all(p).map_err(|e| Error::io(p, e))
        })
        .and_then(|()| write_atomic(&target, &bytes));
    match written {
        Ok(()) => Outcome::Written(entry),
        Err(e) => failed(
            target.to_string_lossy().into_owned(),
            None,
            format!("cannot write: {e}"),
        ),
    }
}

/// A scan of the scope's pages that is missing or no longer its recorded
/// size (a cheap look, for outputs that are not rebuilt).
fn source_gone(view: &DossierView, scope: Scope) -> Option<(String, String)> {
    let docs = documents(view);
    let pages = super::pages_of(view, &docs, scope).ok()?;
    let mut seen = BTreeSet::new();
    for rec in pages {
        if !seen.insert(rec.file.as_str()) {
            continue;
        }
        let path = Path::new(&view.meta.path).join(&rec.file);
        let shown = path.to_string_lossy().into_owned();
        match std::fs::metadata(&path) {
            Err(_) => {
                return Some((
                    shown,
                    "the scan is gone (moved or deleted since it was read)".into(),
                ))
            }
            Ok(m) if m.len() != rec.file_size => {
                return Some((
                    shown,
                    "the scan changed since it was read; run `sohoa ingest` again".into(),
                ))
            }
            Ok(_) => {}
        }
    }
    None
}

/// Delete an output the manifest lists, and the folders it leaves empty
/// (up to DIR). False when it was already gone.
fn remove_output(dir: &Path, rel: &str) -> Result<bool> {
    let path = dir.join(rel);
    let removed = match std::fs::remove_file(&path) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(Error::io(&path, e)),
    };
    let mut parent = path.parent();
    while let Some(p) = parent {
        if p == dir || !p.starts_with(dir) || std::fs::remove_dir(p).is_err() {
            break;
        }
        parent = p.parent();
    }
    Ok(removed)
}

fn read_manifest(dir: &Path, per: Per) -> Manifest {
    let path = manifest_path(dir, per);
    std::fs::read(&path)
        .ok()
        .and_then(|b| serde_json::from_slice::<Manifest>(&b).ok())
        .filter(|m| m.format == MANIFEST_FORMAT)
        .unwrap_or_default()
}

fn write_manifest(dir: &Path, per: Per, old: &Manifest, new: &Manifest) -> Result<()> {
    if old == new && manifest_path(dir, per).is_file() {
        return Ok(());
    }
    let mut bytes = serde_json::to_vec_pretty(new).expect("manifest serialises");
    bytes.push(b'\n');
    write_atomic(&manifest_path(dir, per), &bytes)
}

/// One export at a time into a folder: `DIR/.sohoa-pdf.lock`, held while
/// the export runs.
fn lock(dir: &Path) -> Result<std::fs::File> {
    let path = dir.join(".sohoa-pdf.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Usage(format!(
            "another `sohoa export --pdf` is writing {}; wait for it to finish",
            dir.display()
        ))),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::io(&path, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_are_named_by_dossier_and_document() {
        let d = "nguoi-co-cong/Trần Văn Bảy";
        assert_eq!(
            output_path(d, Scope::Document(0), Some("quyet_dinh")).unwrap(),
            "nguoi-co-cong/Trần Văn Bảy/01-quyet_dinh.pdf"
        );
        assert_eq!(
            output_path(d, Scope::Document(11), None).unwrap(),
            "nguoi-co-cong/Trần Văn Bảy/12-khac.pdf"
        );
        assert_eq!(
            output_path(d, Scope::Document(0), Some("../x")).unwrap(),
            "nguoi-co-cong/Trần Văn Bảy/01-khac.pdf"
        );
        assert_eq!(
            output_path(d, Scope::Dossier, None).unwrap(),
            "nguoi-co-cong/Trần Văn Bảy.pdf"
        );
        // decomposed marks are stored composed
        let nfd = "Tra\u{0302}\u{0300}n";
        assert_eq!(output_path(nfd, Scope::Dossier, None).unwrap(), "Trần.pdf");
        for bad in ["../x", "a//b", "/abs", "a/./b", "a/.."] {
            assert!(output_path(bad, Scope::Dossier, None).is_err(), "{bad}");
        }
    }
}
