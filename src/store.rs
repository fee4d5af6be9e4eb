//! The page store: one JSON record per OCR'd page, the source of truth.
//!
//! OCR is the expensive step (over a second per page), so its result is kept
//! on disk exactly once, page by page, before anything is derived from it.
//! The tantivy index, extracted fields and search results are all rebuilt
//! from these records without touching the scans again. Every file is
//! written atomically (temporary file, fsync, rename, fsync of the folder),
//! so a crash leaves either the old record or the new one, never half of one.
//!
//! Layout under the index folder:
//! `store/<dossier key>/dossier.json` and
//! `store/<dossier key>/<file key>-<page>.json`, where the keys are short
//! BLAKE3 hashes of the dossier id and of the file name (ids hold slashes and
//! any Unicode; hashes make safe, stable folder names).
//!
//! A file that cannot be used (bad JSON, a record edited so that its
//! dossier, file or page no longer match the folder and name it lies under)
//! never stops a reader: [`Store::read_dossier_checked`] and
//! [`Store::dossiers_checked`] return it as an [`Unreadable`] beside the
//! good records, and `verify --repair` moves it to
//! `<index>/quarantine/<time>/` with [`Store::quarantine`].

use crate::ocr::{EngineInfo, Variant, Word};
use crate::text::natural_cmp;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Version of the record layout below; bumped on incompatible changes.
pub const RECORD_FORMAT: u32 = 1;

/// A dossier as the store knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DossierMeta {
    pub dossier: String,
    /// Absolute path of the source folder when it was last ingested.
    pub path: String,
    /// Page files of the folder that its last ingest could not read, with
    /// the reason: the pages a person sees are missing from the dossier.
    /// (Their records, if an earlier ingest read them, are kept.)
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unread: Vec<Unread>,
}

/// A page file (or one page of a multi-page file) that could not be read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unread {
    /// File name within the dossier folder.
    pub file: String,
    /// 1-based page within a multi-page file, when only that page failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// Why, as the ingest report says it.
    pub reason: String,
}

/// Image facts of a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageInfo {
    pub width: u32,
    pub height: u32,
    /// Resolution stated by the file, when plausible.
    pub dpi: Option<f32>,
    /// Resolution passed to OCR (the file's, or an assumed 300).
    pub ocr_dpi: u32,
}

/// What the preprocess stage did to a page, and which reading was kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preprocessing {
    /// Clockwise rotation applied to make the page upright: 0, 90, 180, 270.
    pub rotation: u32,
    /// Clockwise deskew rotation, in degrees.
    pub skew: f32,
    /// Horizontal and vertical scale factors applied to reach ~300 dpi.
    pub scale: [f32; 2],
    /// Resolution worked out from the letters, when the file stated none.
    pub dpi_estimated: Option<f32>,
    /// Image OCR read: the cleaned grey page or its Sauvola thresholding.
    pub variant: Variant,
    /// Tesseract page segmentation mode of the kept reading.
    pub psm: u32,
    /// OCR passes run for the page.
    pub attempts: u32,
    /// Share of the page's text-like components outside every recognised
    /// word: high means the layout analysis dropped text.
    #[serde(default)]
    pub uncovered: f32,
    /// Two-column bands (the header's issuer | motto, the signer block)
    /// whose lines were put in column order, left column first.
    #[serde(default)]
    pub column_bands: u32,
    /// Seconds spent decoding and cleaning the page.
    pub seconds: f32,
}

/// Everything OCR produced for one page of one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageRecord {
    pub format: u32,
    pub dossier: String,
    /// File name relative to the dossier folder, NFC.
    pub file: String,
    /// 0-based page within the file (TIFFs hold many).
    pub page_in_file: usize,
    pub pages_in_file: usize,
    /// `blake3:<hex>` of the whole source file.
    pub content_hash: String,
    pub file_size: u64,
    /// Modification time of the source file (ns since the epoch) when it
    /// was hashed: with the size, lets a re-run skip reading unchanged files.
    #[serde(default)]
    pub file_mtime: Option<u64>,
    pub image: ImageInfo,
    /// NFC text, lines separated by `\n`.
    pub text: String,
    pub words: Vec<Word>,
    /// Mean word confidence, 0–100.
    pub mean_confidence: f32,
    /// The page holds no text (an empty back side, a separator sheet): it
    /// was not OCR'd and its text is empty.
    #[serde(default)]
    pub blank: bool,
    /// What cleaning did to the page before OCR. Absent in records written
    /// before sohoa cleaned pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preprocess: Option<Preprocessing>,
    pub engine: EngineInfo,
    /// Seconds spent in OCR for this page.
    pub ocr_seconds: f32,
    /// When the page was OCR'd, seconds since the Unix epoch.
    pub ocr_at: u64,
}

impl PageRecord {
    /// A record of a one-page file with `text` and no word boxes, for tests.
    #[cfg(test)]
    pub(crate) fn for_test(dossier: &str, file: &str, text: &str) -> PageRecord {
        PageRecord {
            format: RECORD_FORMAT,
            dossier: dossier.into(),
            file: file.into(),
            page_in_file: 0,
            pages_in_file: 1,
            content_hash: content_hash(file.as_bytes()),
            file_size: 1,
            file_mtime: None,
            image: ImageInfo {
                width: 10,
                height: 10,
                dpi: None,
                ocr_dpi: 300,
            },
            text: text.into(),
            words: vec![],
            mean_confidence: 90.0,
            blank: false,
            preprocess: None,
            engine: crate::ocr::EngineInfo::current(),
            ocr_seconds: 1.0,
            ocr_at: 0,
        }
    }
}

/// Content hash of a file's bytes, as stored in records.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("blake3:{}", blake3::hash(bytes).to_hex())
}

fn key(s: &str) -> String {
    blake3::hash(s.as_bytes()).to_hex()[..16].to_string()
}

/// The store folder of an index.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    /// Open (creating if needed) the store under `index_dir`.
    pub fn create(index_dir: &Path) -> Result<Store> {
        let root = crate::folder::IndexFolder::new(index_dir).store();
        fs::create_dir_all(&root).map_err(|e| Error::io(&root, e))?;
        Ok(Store { root })
    }

    /// Open an existing store; an index folder without one is an error.
    pub fn open(index_dir: &Path) -> Result<Store> {
        let root = crate::folder::IndexFolder::new(index_dir).store();
        if !root.is_dir() {
            return Err(Error::Index {
                path: index_dir.to_path_buf(),
                reason: "no page store here; run `sohoa ingest` first".into(),
            });
        }
        Ok(Store { root })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn dossier_dir(&self, id: &str) -> PathBuf {
        self.root.join(key(id))
    }

    /// Path of the record of one page.
    pub fn page_path(&self, id: &str, file: &str, page_in_file: usize) -> PathBuf {
        self.dossier_dir(id)
            .join(format!("{}-{:05}.json", key(file), page_in_file))
    }

    /// Record (or refresh) a dossier's metadata.
    pub fn write_dossier(&self, meta: &DossierMeta) -> Result<()> {
        let dir = self.dossier_dir(&meta.dossier);
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let path = dir.join("dossier.json");
        if let Ok(old) = read_json::<DossierMeta>(&path) {
            if &old == meta {
                return Ok(());
            }
        }
        write_atomic(&path, &to_json(meta))
    }

    /// Write one page record atomically.
    pub fn write_page(&self, rec: &PageRecord) -> Result<()> {
        let path = self.page_path(&rec.dossier, &rec.file, rec.page_in_file);
        // Compact: the word boxes make pretty-printed records 3–4× larger.
        let mut bytes = serde_json::to_vec(rec).expect("records serialise");
        bytes.push(b'\n');
        write_atomic(&path, &bytes)
    }

    /// Remove one page record (a file gone from its folder, or an older
    /// version of a changed file).
    pub fn remove_page(&self, id: &str, file: &str, page_in_file: usize) -> Result<()> {
        let path = self.page_path(id, file, page_in_file);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(&path, e)),
            _ => Ok(()),
        }
    }

    /// Remove a dossier and all its records (`ingest --prune`).
    pub fn remove_dossier(&self, id: &str) -> Result<()> {
        let dir = self.dossier_dir(id);
        match fs::remove_dir_all(&dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(&dir, e)),
            _ => Ok(()),
        }
    }

    /// Metadata of every readable dossier in the store, ordered by id
    /// (unreadable dossier files left out: see [`Store::dossiers_checked`]).
    pub fn dossiers(&self) -> Result<Vec<DossierMeta>> {
        Ok(self.dossiers_checked()?.0)
    }

    /// Metadata of every dossier in the store, ordered by id, and the
    /// dossier files that could not be used (unreadable, or not in the
    /// folder their id names).
    pub fn dossiers_checked(&self) -> Result<(Vec<DossierMeta>, Vec<Unreadable>)> {
        let mut out = Vec::new();
        let mut bad = Vec::new();
        let entries = fs::read_dir(&self.root).map_err(|e| Error::io(&self.root, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&self.root, e))?;
            let path = entry.path().join("dossier.json");
            if !path.is_file() {
                continue;
            }
            match read_json::<DossierMeta>(&path) {
                Ok(meta) if entry.file_name().to_string_lossy() == key(&meta.dossier) => {
                    out.push(meta)
                }
                Ok(meta) => bad.push(Unreadable {
                    path,
                    reason: format!(
                        "holds dossier {:?}, which belongs in another store folder",
                        meta.dossier
                    ),
                }),
                Err(e) => bad.push(Unreadable::of(path, &e)),
            }
        }
        out.sort_by(|a, b| natural_cmp(&a.dossier, &b.dossier));
        bad.sort_by(|a, b| a.path.cmp(&b.path));
        Ok((out, bad))
    }

    /// A dossier's metadata alone, without reading its page records; None
    /// when the store has none or its dossier file cannot be used.
    pub fn read_meta(&self, id: &str) -> Option<DossierMeta> {
        read_json::<DossierMeta>(&self.dossier_dir(id).join("dossier.json"))
            .ok()
            .filter(|m| m.dossier == id)
    }

    /// One page's record; None when the store has none there or it cannot
    /// be used (unreadable, or not the page its path says).
    pub fn read_page(&self, id: &str, file: &str, page_in_file: usize) -> Option<PageRecord> {
        read_json::<PageRecord>(&self.page_path(id, file, page_in_file))
            .ok()
            .filter(|r| r.dossier == id && r.file == file && r.page_in_file == page_in_file)
    }

    /// A dossier's metadata and its readable page records in dossier order
    /// (files in natural order, then page within file). None if the store
    /// has no such dossier or its dossier file is unreadable. Unreadable
    /// records are left out: see [`Store::read_dossier_checked`].
    pub fn read_dossier(&self, id: &str) -> Result<Option<(DossierMeta, Vec<PageRecord>)>> {
        let checked = self.read_dossier_checked(id)?;
        Ok(checked.meta.map(|m| (m, checked.records)))
    }

    /// Everything the store holds for a dossier, with the files that could
    /// not be used: unreadable JSON, or a record that is not where its
    /// dossier, file and page say it belongs (edited by hand). Records are
    /// read even when the dossier file is unreadable.
    pub fn read_dossier_checked(&self, id: &str) -> Result<CheckedDossier> {
        let dir = self.dossier_dir(id);
        let mut out = CheckedDossier::default();
        if !dir.is_dir() {
            return Ok(out);
        }
        let meta_path = dir.join("dossier.json");
        if meta_path.is_file() {
            match read_json::<DossierMeta>(&meta_path) {
                Ok(meta) if meta.dossier == id => out.meta = Some(meta),
                Ok(meta) => out.unreadable.push(Unreadable {
                    path: meta_path,
                    reason: format!("holds dossier {:?}, expected {id:?}", meta.dossier),
                }),
                Err(e) => out.unreadable.push(Unreadable::of(meta_path, &e)),
            }
        }
        for entry in fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))? {
            let entry = entry.map_err(|e| Error::io(&dir, e))?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if !name.ends_with(".json") || name == "dossier.json" || name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            match read_json::<PageRecord>(&path) {
                Ok(rec) if rec.dossier != id => out.unreadable.push(Unreadable {
                    path,
                    reason: format!(
                        "record says dossier {:?} but lies in the folder of {id:?}",
                        rec.dossier
                    ),
                }),
                Ok(rec) if self.page_path(id, &rec.file, rec.page_in_file) != path => {
                    out.unreadable.push(Unreadable {
                        path,
                        reason: format!(
                            "record of {:?} page {} under another file's name",
                            rec.file,
                            rec.page_in_file + 1
                        ),
                    })
                }
                Ok(rec) => out.records.push(rec),
                Err(e) => out.unreadable.push(Unreadable::of(path, &e)),
            }
        }
        out.records.sort_by(|a, b| {
            natural_cmp(&a.file, &b.file).then(a.page_in_file.cmp(&b.page_in_file))
        });
        out.unreadable.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// Move a store file that cannot be used into
    /// `<index>/quarantine/<stamp>/<its path under the index>`, with a
    /// `.reason.txt` beside it saying why. Returns where it went.
    pub fn quarantine(&self, path: &Path, reason: &str, stamp: &str) -> Result<PathBuf> {
        let index_dir = self.root.parent().unwrap_or(Path::new("."));
        let rel = path.strip_prefix(index_dir).unwrap_or(path);
        let rel = rel.strip_prefix("/").unwrap_or(rel);
        let dest = crate::folder::IndexFolder::new(index_dir)
            .quarantine()
            .join(stamp)
            .join(rel);
        let parent = dest.parent().unwrap_or(index_dir);
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let mut why = dest.clone().into_os_string();
        why.push(".reason.txt");
        write_atomic(
            Path::new(&why),
            format!("{}\n{reason}\n", path.display()).as_bytes(),
        )?;
        fs::rename(path, &dest).map_err(|e| Error::io(path, e))?;
        Ok(dest)
    }
}

/// A store file that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unreadable {
    pub path: PathBuf,
    pub reason: String,
}

impl Unreadable {
    fn of(path: PathBuf, e: &Error) -> Unreadable {
        let reason = match e {
            Error::Record { source, .. } => format!("not a valid record: {source}"),
            Error::Io { source, .. } => format!("cannot read: {source}"),
            e => e.to_string(),
        };
        Unreadable { path, reason }
    }
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}; skipped, run `sohoa verify --repair` to set it aside",
            crate::text::escape(&self.path.to_string_lossy()),
            self.reason
        )
    }
}

/// What [`Store::read_dossier_checked`] found.
#[derive(Debug, Default)]
pub struct CheckedDossier {
    /// None when the dossier file is missing or unreadable.
    pub meta: Option<DossierMeta>,
    pub records: Vec<PageRecord>,
    pub unreadable: Vec<Unreadable>,
}

fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(value).expect("records serialise");
    v.push(b'\n');
    v
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T> {
    let bytes = fs::read(path).map_err(|e| Error::io(path, e))?;
    serde_json::from_slice(&bytes).map_err(|source| Error::Record {
        path: path.to_path_buf(),
        source,
    })
}

/// Write `bytes` to `path` so that readers and crashes see either the old
/// content or the new, never a mix: temporary file in the same folder,
/// fsync, rename over the target, fsync the folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        fs::File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(file: &str, page: usize) -> PageRecord {
        PageRecord {
            format: RECORD_FORMAT,
            dossier: "nhóm/Trần Văn Bảy".into(),
            file: file.into(),
            page_in_file: page,
            pages_in_file: 2,
            content_hash: content_hash(b"x"),
            file_size: 1,
            file_mtime: Some(1),
            image: ImageInfo {
                width: 10,
                height: 10,
                dpi: Some(300.0),
                ocr_dpi: 300,
            },
            text: "Trần Văn Bảy".into(),
            words: vec![],
            mean_confidence: 90.0,
            blank: false,
            preprocess: None,
            engine: EngineInfo::current(),
            ocr_seconds: 1.0,
            ocr_at: 0,
        }
    }

    #[test]
    fn records_round_trip_in_dossier_order() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::create(tmp.path()).unwrap();
        let meta = DossierMeta {
            dossier: "nhóm/Trần Văn Bảy".into(),
            path: "/kho/nhóm/Trần Văn Bảy".into(),
            unread: Vec::new(),
        };
        store.write_dossier(&meta).unwrap();
        for (f, p) in [
            ("trang 10.jpg", 0),
            ("b.tif", 1),
            ("trang 2.jpg", 0),
            ("b.tif", 0),
        ] {
            store.write_page(&record(f, p)).unwrap();
        }
        let (m, pages) = store.read_dossier(&meta.dossier).unwrap().unwrap();
        assert_eq!(m, meta);
        let order: Vec<(&str, usize)> = pages
            .iter()
            .map(|p| (p.file.as_str(), p.page_in_file))
            .collect();
        assert_eq!(
            order,
            vec![
                ("b.tif", 0),
                ("b.tif", 1),
                ("trang 2.jpg", 0),
                ("trang 10.jpg", 0)
            ]
        );
        assert_eq!(pages[0], record("b.tif", 0));
        assert_eq!(store.dossiers().unwrap(), vec![meta.clone()]);

        store.remove_page(&meta.dossier, "b.tif", 1).unwrap();
        store.remove_page(&meta.dossier, "b.tif", 1).unwrap(); // already gone: fine
        let (_, pages) = store.read_dossier(&meta.dossier).unwrap().unwrap();
        assert_eq!(pages.len(), 3);
        assert!(store.read_dossier("khác").unwrap().is_none());
    }

    #[test]
    fn atomic_write_leaves_no_temporary_files() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
