//! Fixity and consistency checks for IT staff (`sohoa verify`).
//!
//! An archive is only as good as its proof that nothing drifted: every page
//! record must still describe a source file that exists with the same bytes,
//! and the derived index must hold exactly the store's records, no more and
//! no less. `--repair` fixes what the store can fix (re-indexing dossiers,
//! dropping index documents that have no record, setting unreadable records
//! aside so the next ingest redoes them); changed or missing sources are
//! only reported: the scans are never touched.

use crate::index::{dossier_digest, Index, IndexLock, KIND_PAGE};
use crate::store::{self, DossierMeta, PageRecord};
use crate::{Error, Result};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use tantivy::schema::Value;

/// One thing found wrong.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// `corrupt_record`, `source_missing`, `source_changed`, `not_indexed`,
    /// `stale_index` or `stray_document`.
    pub kind: &'static str,
    pub dossier: String,
    pub path: String,
    pub detail: String,
    pub repaired: bool,
}

/// What `verify` found.
#[derive(Debug, Default, Serialize)]
pub struct Verification {
    pub dossiers: usize,
    pub records: usize,
    pub problems: Vec<Problem>,
}

impl Verification {
    /// Problems not repaired.
    pub fn remaining(&self) -> usize {
        self.problems.iter().filter(|p| !p.repaired).count()
    }
}

/// Check the index folder `dir`; with `repair`, fix what the store can.
pub fn verify(dir: &Path, repair: bool) -> Result<Verification> {
    let _lock = if repair {
        Some(IndexLock::acquire(dir, "verify --repair", false)?)
    } else {
        None
    };
    let index = Index::open(dir)?;
    let store = index.store()?;
    let mut out = Verification::default();
    let (indexed_pages, indexed_dossiers) = index_contents(&index)?;
    let mut to_reindex: BTreeSet<String> = BTreeSet::new();
    let mut in_store: BTreeSet<String> = BTreeSet::new();

    for entry in std::fs::read_dir(store.root()).map_err(|e| Error::io(store.root(), e))? {
        let entry = entry.map_err(|e| Error::io(store.root(), e))?;
        let meta_path = entry.path().join("dossier.json");
        if !meta_path.is_file() {
            continue;
        }
        let meta: DossierMeta = match read(&meta_path) {
            Ok(m) => m,
            Err(detail) => {
                out.problems
                    .push(problem("corrupt_record", "", &meta_path, detail));
                continue;
            }
        };
        out.dossiers += 1;
        in_store.insert(meta.dossier.clone());
        let mut records: Vec<PageRecord> = Vec::new();
        for page in std::fs::read_dir(entry.path()).map_err(|e| Error::io(entry.path(), e))? {
            let page = page.map_err(|e| Error::io(entry.path(), e))?;
            let name = page.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".json") || name == "dossier.json" || name.starts_with('.') {
                continue;
            }
            match read::<PageRecord>(&page.path()) {
                Ok(r) => records.push(r),
                Err(detail) => {
                    let mut p = problem("corrupt_record", &meta.dossier, &page.path(), detail);
                    if repair {
                        let aside = page.path().with_extension("corrupt");
                        p.repaired = std::fs::rename(page.path(), aside).is_ok();
                        p.detail
                            .push_str("; set aside as .corrupt, the next ingest redoes the page");
                        to_reindex.insert(meta.dossier.clone());
                    }
                    out.problems.push(p);
                }
            }
        }
        out.records += records.len();
        records.sort_by(|a, b| {
            crate::text::natural_cmp(&a.file, &b.file).then(a.page_in_file.cmp(&b.page_in_file))
        });
        check_sources(&meta, &records, &mut out.problems);
        // Store → index.
        let mut missing = 0;
        for r in &records {
            let key = (r.dossier.clone(), r.file.clone(), r.page_in_file as u64 + 1);
            if !indexed_pages.contains(&key) {
                missing += 1;
            }
        }
        let digest = dossier_digest(&meta, &records);
        if missing > 0 || !indexed_dossiers.contains_key(&meta.dossier) {
            out.problems.push(problem(
                "not_indexed",
                &meta.dossier,
                Path::new(&meta.path),
                format!("{missing} of {} pages are not in the index", records.len()),
            ));
            to_reindex.insert(meta.dossier.clone());
        } else if indexed_dossiers.get(&meta.dossier) != Some(&digest) {
            out.problems.push(problem(
                "stale_index",
                &meta.dossier,
                Path::new(&meta.path),
                "the index was built from other records than the store holds".into(),
            ));
            to_reindex.insert(meta.dossier.clone());
        }
    }
    // Index → store.
    let mut stray: BTreeSet<String> = BTreeSet::new();
    for (dossier, file, page) in &indexed_pages {
        let known = in_store.contains(dossier)
            && store
                .page_path(dossier, file, (*page as usize).saturating_sub(1))
                .is_file();
        if !known {
            out.problems.push(problem(
                "stray_document",
                dossier,
                Path::new(file),
                format!("index document for page {page} of {file:?} has no record"),
            ));
            if in_store.contains(dossier) {
                to_reindex.insert(dossier.clone());
            } else {
                stray.insert(dossier.clone());
            }
        }
    }
    for dossier in indexed_dossiers.keys().filter(|d| !in_store.contains(*d)) {
        if stray.insert(dossier.clone()) {
            out.problems.push(problem(
                "stray_document",
                dossier,
                Path::new(""),
                "dossier in the index but not in the store".into(),
            ));
        }
    }
    if repair && (!to_reindex.is_empty() || !stray.is_empty()) {
        let mut writer = index.writer()?;
        for id in &stray {
            writer.delete_dossier(id);
        }
        for id in &to_reindex {
            if let Some((meta, records)) = store.read_dossier(id)? {
                writer.put_dossier(&meta, &records)?;
            }
        }
        writer.commit()?;
        for p in &mut out.problems {
            if matches!(p.kind, "not_indexed" | "stale_index" | "stray_document") {
                p.repaired = true;
            }
        }
    }
    Ok(out)
}

fn problem(kind: &'static str, dossier: &str, path: &Path, detail: String) -> Problem {
    Problem {
        kind,
        dossier: dossier.into(),
        path: path.to_string_lossy().into_owned(),
        detail,
        repaired: false,
    }
}

fn read<T: for<'de> serde::Deserialize<'de>>(path: &Path) -> std::result::Result<T, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("not a valid record: {e}"))
}

/// Every record's source exists and still has the recorded content.
fn check_sources(meta: &DossierMeta, records: &[PageRecord], problems: &mut Vec<Problem>) {
    let folder = Path::new(&meta.path);
    // Names on disk may be NFD: match them by their NFC form, as ingest does.
    let on_disk: BTreeMap<String, std::path::PathBuf> = std::fs::read_dir(folder)
        .map(|rd| {
            rd.flatten()
                .map(|e| (crate::text::nfc(&e.file_name().to_string_lossy()), e.path()))
                .collect()
        })
        .unwrap_or_default();
    let mut hashed: BTreeMap<&str, Option<String>> = BTreeMap::new();
    for r in records {
        let current = hashed.entry(&r.file).or_insert_with(|| {
            on_disk
                .get(&r.file)
                .and_then(|p| std::fs::read(p).ok())
                .map(|b| store::content_hash(&b))
        });
        let path = folder.join(&r.file);
        match current {
            None => problems.push(problem(
                "source_missing",
                &r.dossier,
                &path,
                "the scanned file is gone or unreadable; its record is kept".into(),
            )),
            Some(h) if *h != r.content_hash => problems.push(problem(
                "source_changed",
                &r.dossier,
                &path,
                "the scanned file's content differs from what was OCR'd; run ingest".into(),
            )),
            _ => continue,
        }
        // One problem per file, not per page.
        hashed.insert(&r.file, Some(r.content_hash.clone()));
    }
}

type IndexedPages = BTreeSet<(String, String, u64)>;

/// (dossier, file, file page) of every page document, and the digest of
/// every dossier document.
fn index_contents(index: &Index) -> Result<(IndexedPages, BTreeMap<String, String>)> {
    let f = *index.fields();
    let mut pages = BTreeSet::new();
    for doc in index.documents(KIND_PAGE)? {
        let s = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        };
        let page = doc
            .get_first(f.file_page)
            .and_then(|v| v.as_u64())
            .unwrap_or(0);
        pages.insert((s(f.dossier), s(f.file), page));
    }
    let dossiers = index.digests()?.into_iter().collect::<BTreeMap<_, _>>();
    Ok((pages, dossiers))
}

/// Problems grouped by kind, for people.
pub fn print(v: &Verification, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "checked {} dossiers, {} page records",
        v.dossiers, v.records
    )?;
    let mut by_kind: BTreeMap<&str, Vec<&Problem>> = BTreeMap::new();
    for p in &v.problems {
        by_kind.entry(p.kind).or_default().push(p);
    }
    for (kind, problems) in &by_kind {
        writeln!(out, "{kind}: {}", problems.len())?;
        for p in problems {
            let fixed = if p.repaired { " [repaired]" } else { "" };
            writeln!(out, "  {}  {}: {}{fixed}", p.dossier, p.path, p.detail)?;
        }
    }
    if v.problems.is_empty() {
        writeln!(
            out,
            "no problems: every source is unchanged and the index matches the store"
        )?;
    }
    Ok(())
}
