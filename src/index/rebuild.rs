//! Rebuilding the index from the store alone: into a new tantivy
//! generation, switched to atomically, so the index is always derived and a
//! damaged one costs a rebuild, never an OCR run.

use super::documents::dossier_documents;
use super::{create_tantivy, read_marker, write_marker, Index};
use crate::corrections::Corrections;
use crate::folder::IndexFolder;
use crate::store::Store;
use crate::{Error, Result};
use std::path::Path;

/// Rebuild the whole index from the store, without OCR or source access,
/// into a new tantivy folder, then switch the marker to it atomically: until
/// that moment searches (and `serve`) keep using the old index, which is
/// then removed. Works whatever state the old index is in (another schema
/// version, damaged, missing). The caller must hold the [`IndexLock`].
/// Store files that cannot be read are skipped and returned.
pub fn rebuild(dir: &Path) -> Result<Rebuilt> {
    let store = Store::open(dir)?;
    let old = read_marker(dir).ok().flatten().map(|m| m.tantivy);
    let generation = old
        .as_deref()
        .and_then(IndexFolder::generation_number)
        .unwrap_or(0)
        + 1;
    let name = IndexFolder::generation_name(generation);
    create_tantivy(dir, &name)?;
    let index = Index::open_tantivy(dir, &name)?;
    let mut writer = index.bulk_writer()?;
    // Reading records, extracting fields and building documents is most of
    // the work: done on every core, each dossier independently.
    let pages = std::sync::atomic::AtomicUsize::new(0);
    let fields = writer.fields;
    let folder = IndexFolder::new(dir);
    let tantivy_writer = &writer.writer;
    let (metas, mut skipped) = store.dossiers_checked()?;
    let dossiers = metas.len();
    {
        use rayon::prelude::*;
        let bad: Vec<Vec<crate::store::Unreadable>> = metas
            .par_iter()
            .map(|meta| -> Result<Vec<crate::store::Unreadable>> {
                let checked = store.read_dossier_checked(&meta.dossier)?;
                if let Some(meta) = &checked.meta {
                    pages.fetch_add(checked.records.len(), std::sync::atomic::Ordering::Relaxed);
                    let corrections = Corrections::for_indexing(&folder, &meta.dossier);
                    for doc in dossier_documents(&fields, meta, &checked.records, &corrections) {
                        tantivy_writer.add_document(doc)?;
                    }
                }
                Ok(checked.unreadable)
            })
            .collect::<Result<_>>()?;
        skipped.extend(bad.into_iter().flatten());
    }
    writer.commit()?;
    drop(writer);
    let pages = pages.into_inner();
    write_marker(dir, &name)?;
    if let Some(old) = old.filter(|o| *o != name) {
        // Readers that still have the old files open keep them until they close.
        let _ = std::fs::remove_dir_all(IndexFolder::new(dir).tantivy(&old));
    }
    Ok(Rebuilt {
        dossiers,
        pages,
        skipped,
    })
}

/// Open the index of `dir` for writing (creating it if absent) with the
/// digests of its dossiers; when the current tantivy generation is damaged,
/// rebuild it from the store first. The caller holds the [`IndexLock`].
/// Returns the rebuild's report and the damage that caused it, if any.
pub fn open_or_rebuild(dir: &Path) -> Result<Opened> {
    let first = Index::create_or_open(dir).and_then(|i| {
        let digests = i.digests()?;
        Ok((i, digests))
    });
    match first {
        Ok((index, digests)) => Ok((index, digests, None)),
        Err(e @ (Error::Damaged { .. } | Error::Tantivy(_))) => {
            let rebuilt = rebuild(dir)?;
            let index = Index::open(dir)?;
            let digests = index.digests()?;
            Ok((index, digests, Some((e.to_string(), rebuilt))))
        }
        Err(e) => Err(e),
    }
}

/// An index opened by [`open_or_rebuild`]: the index, the digest of each
/// dossier, and the damage and rebuild report when it had to be rebuilt.
pub type Opened = (
    Index,
    std::collections::HashMap<String, String>,
    Option<(String, Rebuilt)>,
);

/// What [`rebuild`] read and what it could not.
#[derive(Debug, Default)]
pub struct Rebuilt {
    pub dossiers: usize,
    pub pages: usize,
    /// Store files left out (unreadable or inconsistent): `verify --repair`
    /// sets them aside.
    pub skipped: Vec<crate::store::Unreadable>,
}
