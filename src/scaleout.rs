//! Past one machine, through existing tools rather than a cluster of our own.
//!
//! OCR is the cost, and it divides cleanly by dossier. So N machines started
//! by any batch scheduler (a Kubernetes Indexed Job, a SLURM array, GNU
//! parallel over ssh) each run `ingest --shard k/N` into their own index
//! folder; [`Shard`] decides deterministically, from a hash of the dossier
//! id, which dossiers are theirs. [`merge`] then combines their stores (page
//! records are the truth, so nothing needs OCR again) and rebuilds one
//! index. For a search cluster instead of one tantivy index, [`export`]
//! writes one JSON object per page, with the dossier's fields and the text
//! both exact and folded, for Quickwit or OpenSearch (configs in `docs/`).

use crate::store::{PageRecord, Store};
use crate::text::fold;
use crate::{extract, Error, Result};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Shard `k` of `n`: the dossiers whose id hashes to `k` modulo `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: u64,
    pub n: u64,
}

impl Shard {
    /// Does the dossier with this (NFC) id belong to this shard? Stable
    /// across machines, runs and versions: BLAKE3 of the id's bytes.
    pub fn contains(&self, dossier: &str) -> bool {
        let h = blake3::hash(dossier.as_bytes());
        let first = u64::from_le_bytes(h.as_bytes()[..8].try_into().expect("8 bytes"));
        first % self.n == self.k
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Shard, String> {
        let bad = || format!("{s:?}: a shard is written k/N, with 0 ≤ k < N (e.g. 0/4)");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let (k, n): (u64, u64) = (
            k.trim().parse().map_err(|_| bad())?,
            n.trim().parse().map_err(|_| bad())?,
        );
        if n == 0 || k >= n {
            return Err(bad());
        }
        Ok(Shard { k, n })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

/// A dossier two stores disagree on.
#[derive(Debug, Clone, Serialize)]
pub struct Conflict {
    pub dossier: String,
    /// The store whose version was not taken.
    pub source: String,
    pub reason: String,
}

/// What `merge` did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MergeReport {
    pub dossiers_added: usize,
    pub pages_added: usize,
    /// Dossiers already in the target with the same pages (a re-run).
    pub dossiers_unchanged: usize,
    /// Kept as they were in the target; the other version is reported.
    pub conflicts: Vec<Conflict>,
    /// Pages in the rebuilt index.
    pub pages_indexed: usize,
}

/// The store of `path`: an index folder (with `store/` inside) or a store
/// folder itself.
fn open_store(path: &Path) -> Result<Store> {
    if crate::folder::IndexFolder::new(path).has_store() {
        Store::open(path)
    } else if path.file_name().is_some_and(|n| n == "store") && path.is_dir() {
        Store::open(path.parent().unwrap_or(Path::new(".")))
    } else {
        Err(Error::Usage(format!(
            "{}: not an index folder (no store/ inside)",
            path.display()
        )))
    }
}

/// What makes two records of a page the same: the file's content and
/// where the page sits in it.
fn page_key(r: &PageRecord) -> (String, usize, String) {
    (r.file.clone(), r.page_in_file, r.content_hash.clone())
}

/// Copy every dossier of the `sources` stores into the store of `into`,
/// then rebuild its index. Idempotent: merging the same stores again adds
/// nothing, and a merge that was stopped half way is completed. A dossier
/// present in two stores with different pages is a conflict: the version
/// already in `into` (or the first source's) stays, and the other is
/// reported. The caller holds the index lock of `into`.
pub fn merge(sources: &[PathBuf], into: &Path) -> Result<MergeReport> {
    let target = Store::create(into)?;
    let mut report = MergeReport::default();
    for source in sources {
        let from = open_store(source)?;
        if from.root().canonicalize().ok() == target.root().canonicalize().ok() {
            return Err(Error::Usage(format!(
                "{}: is the target itself",
                source.display()
            )));
        }
        for meta in from.dossiers()? {
            let Some((meta, records)) = from.read_dossier(&meta.dossier)? else {
                continue;
            };
            match target.read_dossier(&meta.dossier)? {
                Some((_, existing)) => {
                    let have: std::collections::BTreeSet<_> =
                        existing.iter().map(page_key).collect();
                    let want: std::collections::BTreeSet<_> =
                        records.iter().map(page_key).collect();
                    if have == want {
                        report.dossiers_unchanged += 1;
                    } else if have.is_subset(&want) {
                        // an earlier merge stopped half way: complete it
                        for r in records.iter().filter(|r| !have.contains(&page_key(r))) {
                            target.write_page(r)?;
                            report.pages_added += 1;
                        }
                        report.dossiers_added += 1;
                    } else {
                        report.conflicts.push(Conflict {
                            dossier: meta.dossier.clone(),
                            source: source.to_string_lossy().into_owned(),
                            reason: format!(
                                "already merged with other pages ({} there, {} here)",
                                have.len(),
                                want.len()
                            ),
                        });
                    }
                }
                None => {
                    target.write_dossier(&meta)?;
                    for r in &records {
                        target.write_page(r)?;
                    }
                    report.dossiers_added += 1;
                    report.pages_added += records.len();
                }
            }
        }
    }
    report.pages_indexed = crate::index::rebuild(into)?.pages;
    Ok(report)
}

/// One line of `export --ndjson`.
#[derive(Debug, Serialize)]
struct ExportPage<'a> {
    dossier: &'a str,
    path: &'a str,
    /// 1-based page number within the dossier.
    page: usize,
    file: &'a str,
    /// 1-based page within the file.
    file_page: usize,
    doc_type: &'a str,
    fields: &'a extract::Fields,
    text: &'a str,
    /// Lower-cased, tone marks removed, đ → d: for engines without
    /// Vietnamese folding.
    text_folded: String,
    mean_confidence: f32,
    blank: bool,
    content_hash: &'a str,
}

/// What [`export`] wrote and what it could not read.
#[derive(Debug, Default)]
pub struct Exported {
    pub pages: usize,
    /// Store files left out (unreadable or inconsistent).
    pub skipped: Vec<crate::store::Unreadable>,
    /// Stored dossiers without an index entry, left out.
    pub not_indexed: Vec<String>,
}

/// Write every page of the indexed dossiers of `index_dir` as one JSON
/// object per line, with the dossier's fields as indexed, skipping (and
/// returning) the store files that cannot be read.
pub fn export(index_dir: &Path, out: &mut impl Write) -> Result<Exported> {
    let reader = crate::folder::Reader::open(index_dir)?;
    let mut n = 0;
    let walk = reader.each_dossier(|view| {
        let (meta, records, fields) = (&view.meta, &view.pages, &view.analysis.fields);
        let doc_type = crate::index::dossier_doc_type(fields);
        for (i, r) in records.iter().enumerate() {
            let line = ExportPage {
                dossier: &meta.dossier,
                path: &meta.path,
                page: i + 1,
                file: &r.file,
                file_page: r.page_in_file + 1,
                doc_type: &doc_type,
                fields,
                text: &r.text,
                text_folded: fold(&r.text),
                mean_confidence: r.mean_confidence,
                blank: r.blank,
                content_hash: &r.content_hash,
            };
            serde_json::to_writer(&mut *out, &line).map_err(|e| Error::Usage(e.to_string()))?;
            out.write_all(b"\n")
                .map_err(|e| Error::io(Path::new("<stdout>"), e))?;
            n += 1;
        }
        Ok(())
    })?;
    Ok(Exported {
        pages: n,
        skipped: walk.unreadable,
        not_indexed: walk.not_indexed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_and_split_every_dossier_exactly_once() {
        assert_eq!("1/4".parse::<Shard>().unwrap(), Shard { k: 1, n: 4 });
        for bad in ["4/4", "1/0", "x/2", "2", "-1/3"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
        let shards: Vec<Shard> = (0..3).map(|k| Shard { k, n: 3 }).collect();
        let mut sizes = [0usize; 3];
        for i in 0..300 {
            let id = format!("nhóm/hồ sơ {i}");
            let owners: Vec<usize> = (0..3).filter(|&k| shards[k].contains(&id)).collect();
            assert_eq!(owners.len(), 1, "{id}");
            sizes[owners[0]] += 1;
        }
        // a hash spreads them: no shard is empty or takes nearly all
        assert!(sizes.iter().all(|&s| (60..=140).contains(&s)), "{sizes:?}");
        // the same id always lands in the same shard
        assert!(Shard { k: 0, n: 1 }.contains("x"));
    }
}
