//! Fixity and consistency checks for IT staff (`sohoa verify`).
//!
//! An archive is only as good as its proof that nothing drifted: every page
//! record must still describe a source file that exists with the same bytes,
//! and the derived index must hold exactly the store's records, no more and
//! no less. `--repair` fixes what the store can fix (re-indexing dossiers,
//! dropping index documents that have no record, rebuilding a damaged
//! tantivy generation, moving unreadable or inconsistent store files into
//! `<index>/quarantine/<time>/` with a reason file so the next ingest
//! redoes their pages), then checks again and reports what is still wrong;
//! changed or missing sources are only reported: the scans are never
//! touched.

use crate::index::{dossier_digest, Index, IndexLock, KIND_PAGE};
use crate::store::{self, DossierMeta, PageRecord, Store};
use crate::Result;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use tantivy::schema::Value;

/// One thing found wrong.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// `corrupt_record` (a store file unreadable or not where it belongs),
    /// `index_damaged`, `source_missing`, `source_changed`, `not_indexed`,
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
    /// `--repair` ran the checks again after repairing; `repaired` says
    /// what that second check no longer found.
    pub rechecked: bool,
}

impl Verification {
    /// Problems not repaired.
    pub fn remaining(&self) -> usize {
        self.problems.iter().filter(|p| !p.repaired).count()
    }
}

/// Check the index folder `dir`; with `repair`, fix what the store can,
/// then check again: a problem is marked repaired only when the second
/// check no longer finds it, and what the second check finds that the
/// first did not is added, unrepaired.
pub fn verify(dir: &Path, repair: bool) -> Result<Verification> {
    let _lock = if repair {
        Some(IndexLock::acquire(dir, "verify --repair", false)?)
    } else {
        None
    };
    let store = Store::open(dir)?;
    let (mut out, plan) = check(dir, &store)?;
    if !repair || out.problems.is_empty() {
        return Ok(out);
    }
    let stamp = humantime::format_rfc3339_seconds(std::time::SystemTime::now())
        .to_string()
        .replace(':', "-");
    for (path, reason) in &plan.quarantine {
        if let Ok(dest) = store.quarantine(path, reason, &stamp) {
            for p in out
                .problems
                .iter_mut()
                .filter(|p| Path::new(&p.path) == path)
            {
                p.detail.push_str(&format!(
                    "; moved to {}, the next ingest reads its page again",
                    dest.display()
                ));
            }
        }
    }
    if plan.rebuild {
        crate::index::rebuild(dir)?;
    } else if !plan.reindex.is_empty() || !plan.stray.is_empty() {
        let index = Index::open(dir)?;
        let mut writer = index.writer()?;
        for id in &plan.stray {
            writer.delete_dossier(id);
        }
        for id in &plan.reindex {
            match store.read_dossier(id)? {
                Some((meta, records)) => writer.put_dossier(&meta, &records)?,
                None => writer.delete_dossier(id),
            }
        }
        writer.commit()?;
    }
    let (again, _) = check(dir, &store)?;
    let key = |p: &Problem| (p.kind, p.dossier.clone(), p.path.clone());
    let left: BTreeSet<_> = again.problems.iter().map(key).collect();
    let before: BTreeSet<_> = out.problems.iter().map(key).collect();
    for p in &mut out.problems {
        p.repaired = !left.contains(&key(p));
    }
    out.problems.extend(
        again
            .problems
            .into_iter()
            .filter(|p| !before.contains(&key(p))),
    );
    out.rechecked = true;
    Ok(out)
}

/// What repairing would do.
#[derive(Default)]
struct Plan {
    /// Store files to move to the quarantine, with the reason.
    quarantine: Vec<(PathBuf, String)>,
    /// Dossiers to index again from the store.
    reindex: BTreeSet<String>,
    /// Dossiers in the index but not in the store.
    stray: BTreeSet<String>,
    /// The tantivy generation is damaged: rebuild it all.
    rebuild: bool,
}

fn check(dir: &Path, store: &Store) -> Result<(Verification, Plan)> {
    let mut out = Verification::default();
    let mut plan = Plan::default();
    let index = match Index::open(dir) {
        Ok(index) => match index.damage() {
            None => Some(index),
            Some(reason) => {
                out.problems.push(problem(
                    "index_damaged",
                    "",
                    dir,
                    format!("{reason}; `sohoa reindex` rebuilds it from the store"),
                ));
                None
            }
        },
        Err(e @ crate::Error::Damaged { .. }) => {
            out.problems
                .push(problem("index_damaged", "", dir, e.to_string()));
            None
        }
        Err(e) => return Err(e),
    };
    plan.rebuild = index.is_none();
    let (indexed_pages, indexed_dossiers) = match &index {
        Some(index) => index_contents(index)?,
        None => Default::default(),
    };
    let mut in_store: BTreeSet<String> = BTreeSet::new();
    let (metas, bad_metas) = store.dossiers_checked()?;
    for u in bad_metas {
        out.problems.push(problem(
            "corrupt_record",
            "",
            &u.path,
            format!(
                "{}; the dossier is left out until it is set aside",
                u.reason
            ),
        ));
        plan.quarantine.push((u.path, u.reason));
    }
    for meta in metas {
        let checked = store.read_dossier_checked(&meta.dossier)?;
        out.dossiers += 1;
        in_store.insert(meta.dossier.clone());
        for u in checked.unreadable {
            out.problems.push(problem(
                "corrupt_record",
                &meta.dossier,
                &u.path,
                u.reason.clone(),
            ));
            plan.quarantine.push((u.path, u.reason));
            plan.reindex.insert(meta.dossier.clone());
        }
        let records = checked.records;
        out.records += records.len();
        check_sources(&meta, &records, &mut out.problems);
        if index.is_none() {
            continue;
        }
        // Store → index.
        let mut missing = 0;
        for r in &records {
            let key = (r.dossier.clone(), r.file.clone(), r.page_in_file as u64 + 1);
            if !indexed_pages.contains(&key) {
                missing += 1;
            }
        }
        let corrections = crate::corrections::Corrections::for_indexing(
            &crate::folder::IndexFolder::new(dir),
            &meta.dossier,
        );
        let digest = dossier_digest(&meta, &records, &corrections);
        if missing > 0 || !indexed_dossiers.contains_key(&meta.dossier) {
            out.problems.push(problem(
                "not_indexed",
                &meta.dossier,
                Path::new(&meta.path),
                format!("{missing} of {} pages are not in the index", records.len()),
            ));
            plan.reindex.insert(meta.dossier.clone());
        } else if indexed_dossiers.get(&meta.dossier) != Some(&digest) {
            out.problems.push(problem(
                "stale_index",
                &meta.dossier,
                Path::new(&meta.path),
                "the index was built from other records than the store holds".into(),
            ));
            plan.reindex.insert(meta.dossier.clone());
        }
    }
    // Index → store.
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
                plan.reindex.insert(dossier.clone());
            } else {
                plan.stray.insert(dossier.clone());
            }
        }
    }
    for dossier in indexed_dossiers.keys().filter(|d| !in_store.contains(*d)) {
        if plan.stray.insert(dossier.clone()) {
            out.problems.push(problem(
                "stray_document",
                dossier,
                Path::new(""),
                "dossier in the index but not in the store".into(),
            ));
        }
    }
    Ok((out, plan))
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
            writeln!(
                out,
                "  {}  {}: {}{fixed}",
                crate::text::escape(&p.dossier),
                crate::text::escape(&p.path),
                p.detail
            )?;
        }
    }
    if v.rechecked {
        match v.remaining() {
            0 => writeln!(out, "checked again after repairing: nothing left to fix")?,
            n => writeln!(
                out,
                "checked again after repairing: {n} problems remain (listed above without [repaired])"
            )?,
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
