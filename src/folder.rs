//! The index folder: one owner of its layout, and the one way front-ends
//! read a dossier.
//!
//! An index folder holds the page store (the truth), the tantivy
//! generations derived from it, the marker naming the current generation,
//! the staff corrections, the accounts of `serve`, the lock of its single writer, the page-image cache of `serve` and the
//! store files `verify --repair` set aside. Only this module spells those
//! names; `store`, `index`, `serve` and the commands ask it for paths.
//!
//! A dossier is analysed once, when it is indexed (`extract::analyse`, with
//! word boxes): the result is stored in the dossier's summary document. Every
//! front-end (`list`, `show`, the web page, `review`, `eval`, `export`) reads
//! that one result through [`Reader::dossier`], so one dossier never shows
//! different fields in different places, and `eval` measures the extraction
//! that search uses.

use crate::extract::Analysis;
use crate::index::Index;
use crate::store::{DossierMeta, PageRecord, Store, Unreadable};
use crate::{Error, Result};
use std::path::{Path, PathBuf};

/// The paths of an index folder.
#[derive(Debug, Clone)]
pub struct IndexFolder {
    dir: PathBuf,
}

/// Marker file: schema version and current tantivy generation.
const MARKER: &str = "sohoa-index.json";
/// Prefix of the tantivy generation folders (`tantivy-1`, `tantivy-2`, …).
const GENERATION_PREFIX: &str = "tantivy-";
/// The page store.
const STORE: &str = "store";
/// Where `verify --repair` moves store files it cannot use.
const QUARANTINE: &str = "quarantine";
/// Rendered page images of `serve`.
const PAGE_CACHE: &str = "cache/pages";
/// PDFs `serve` built for download.
const PDF_CACHE: &str = "cache/pdf";
/// The writer's advisory lock.
const LOCK: &str = "sohoa.lock";
/// Staff corrections, one history file per dossier.
const CORRECTIONS: &str = "corrections";
/// The accounts of `serve` (`sohoa user`), mode 0600: an index carries its
/// own users.
const USERS: &str = "users.json";
/// Held while the users file is read, changed and written (`sohoa user`),
/// so two changes at once cannot lose one another.
const USERS_LOCK: &str = "users.lock";

impl IndexFolder {
    pub fn new(dir: impl Into<PathBuf>) -> IndexFolder {
        IndexFolder { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn marker(&self) -> PathBuf {
        self.dir.join(MARKER)
    }

    pub fn store(&self) -> PathBuf {
        self.dir.join(STORE)
    }

    pub fn quarantine(&self) -> PathBuf {
        self.dir.join(QUARANTINE)
    }

    pub fn page_cache(&self) -> PathBuf {
        self.dir.join(PAGE_CACHE)
    }

    /// PDFs built on request by `serve`, named by their input digest.
    pub fn pdf_cache(&self) -> PathBuf {
        self.dir.join(PDF_CACHE)
    }

    /// The accounts file of `serve` ([`crate::users`]).
    pub fn users(&self) -> PathBuf {
        self.dir.join(USERS)
    }

    pub fn users_lock(&self) -> PathBuf {
        self.dir.join(USERS_LOCK)
    }

    pub fn lock(&self) -> PathBuf {
        self.dir.join(LOCK)
    }

    /// The correction history of a dossier: `corrections/<key>.json`, the
    /// key being the dossier's 64-bit index key in hex (ids hold slashes and
    /// any Unicode).
    pub fn corrections_of(&self, dossier: &str) -> PathBuf {
        self.dir
            .join(CORRECTIONS)
            .join(format!("{:016x}.json", crate::index::dossier_key(dossier)))
    }

    /// The folder name of tantivy generation `n`.
    pub fn generation_name(n: u64) -> String {
        format!("{GENERATION_PREFIX}{n}")
    }

    /// The number of a generation folder name (`tantivy-3` → 3).
    pub fn generation_number(name: &str) -> Option<u64> {
        name.strip_prefix(GENERATION_PREFIX)?.parse().ok()
    }

    /// The tantivy folder called `name`.
    pub fn tantivy(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// True when the folder has a page store (an index folder, as opposed to
    /// a bare store folder given to `merge`).
    pub fn has_store(&self) -> bool {
        self.store().is_dir()
    }
}

/// What the front-ends show of one dossier: its metadata and page records
/// from the store, and the analysis made when it was indexed.
#[derive(Debug, Clone)]
pub struct DossierView {
    pub meta: DossierMeta,
    pub pages: Vec<PageRecord>,
    pub analysis: Analysis,
}

/// An open index folder for reading: the index as of its last commit and
/// the store beside it.
pub struct Reader {
    index: Index,
    searcher: tantivy::Searcher,
    store: Store,
}

impl Reader {
    /// Open the index folder `dir` for reading.
    pub fn open(dir: &Path) -> Result<Reader> {
        let index = Index::open(dir)?;
        Self::with_index(index)
    }

    /// Read through an index already open.
    pub fn with_index(index: Index) -> Result<Reader> {
        let searcher = index.reader()?.searcher();
        let store = index.store()?;
        Ok(Reader {
            index,
            searcher,
            store,
        })
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// One dossier by id: [`Error::NoSuchDossier`] when the store has none,
    /// [`Error::NotIndexed`] when it is stored but not (yet) indexed.
    pub fn dossier(&self, id: &str) -> Result<DossierView> {
        let id = crate::text::nfc(id.trim_end_matches('/'));
        dossier_view(&self.index, &self.searcher, &self.store, &id)
    }

    /// Every dossier of the store that is indexed, in id order, one at a
    /// time (a whole archive does not fit in memory), then what could not
    /// be read and which stored dossiers are not indexed.
    pub fn each_dossier(&self, mut f: impl FnMut(DossierView) -> Result<()>) -> Result<Walk> {
        let (metas, mut unreadable) = self.store.dossiers_checked()?;
        let mut analyses = self.index.analyses(&self.searcher)?;
        let mut not_indexed = Vec::new();
        for meta in metas {
            let Some(analysis) = analyses.remove(&meta.dossier) else {
                not_indexed.push(meta.dossier);
                continue;
            };
            let read = self.store.read_dossier_checked(&meta.dossier)?;
            unreadable.extend(read.unreadable);
            f(DossierView {
                meta: read.meta.unwrap_or(meta),
                pages: read.records,
                analysis,
            })?;
        }
        Ok(Walk {
            unreadable,
            not_indexed,
        })
    }
}

/// What [`Reader::each_dossier`] could not show.
#[derive(Debug, Default)]
pub struct Walk {
    /// Store files that could not be read (`verify --repair` sets them aside).
    pub unreadable: Vec<Unreadable>,
    /// Dossiers in the store without an index entry (an interrupted run:
    /// the next `ingest` or `reindex` adds them).
    pub not_indexed: Vec<String>,
}

/// One dossier through an open index and store (what [`Reader::dossier`]
/// does, for callers that keep their own searcher).
pub fn dossier_view(
    index: &Index,
    searcher: &tantivy::Searcher,
    store: &Store,
    id: &str,
) -> Result<DossierView> {
    let (meta, pages) = store
        .read_dossier(id)?
        .ok_or_else(|| Error::NoSuchDossier(id.to_string()))?;
    let analysis = index
        .analysis(searcher, id)?
        .ok_or_else(|| Error::NotIndexed {
            dossier: id.to_string(),
            index: index.dir().to_path_buf(),
        })?;
    Ok(DossierView {
        meta,
        pages,
        analysis,
    })
}
