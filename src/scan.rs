//! Finding the dossiers in the folders archive staff point us at.
//!
//! A dossier is a directory that directly holds page files. Walking is the
//! only place that touches the directory tree: walk errors (permissions,
//! symlink loops) become [`Failure`]s here, so later stages only ever see
//! valid items. Source folders are only read, never written.

use crate::ingest::Failure;
use crate::text::{natural_cmp, nfc};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// File extensions read as page images (compared case-insensitively).
pub const PAGE_EXTENSIONS: [&str; 6] = ["jpg", "jpeg", "png", "tif", "tiff", "pdf"];

/// One folder of pages.
#[derive(Debug, Clone)]
pub struct Dossier {
    /// Path relative to the ingest root, NFC, `/`-separated; the root's own
    /// name when the root itself holds pages.
    pub id: String,
    /// Absolute path of the folder.
    pub path: PathBuf,
    /// Page files in natural order.
    pub files: Vec<PageFile>,
}

/// One page file of a dossier (a multi-page TIFF is one file, many pages).
#[derive(Debug, Clone)]
pub struct PageFile {
    /// File name within the dossier folder, NFC.
    pub name: String,
    /// Full path as found on disk (not normalised, so it can be opened).
    pub path: PathBuf,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Scan {
    pub dossiers: Vec<Dossier>,
    /// Non-page files that were not hidden.
    pub skipped: Vec<PathBuf>,
    /// Entries that could not be read, with the reason.
    pub failures: Vec<Failure>,
}

/// Is `path` a page file by its extension?
pub fn is_page_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PAGE_EXTENSIONS.iter().any(|p| e.eq_ignore_ascii_case(p)))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Dossier id of `dir` under `root` (both absolute).
pub fn dossier_id(root: &Path, dir: &Path) -> String {
    let rel = dir.strip_prefix(root).unwrap_or(dir);
    let parts: Vec<String> = rel
        .components()
        .map(|c| nfc(&c.as_os_str().to_string_lossy()))
        .collect();
    if parts.is_empty() {
        let name = root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "root".to_string());
        nfc(&name)
    } else {
        parts.join("/")
    }
}

/// Walk every root (which must be existing directories) and group page files
/// into dossiers, never entering `exclude` (the index folder, when it lies
/// inside a root). Dossiers come back ordered by id, pages in natural order.
pub fn scan(roots: &[PathBuf], exclude: Option<&Path>) -> Scan {
    let mut out = Scan::default();
    let mut by_dir: BTreeMap<PathBuf, (String, Vec<PageFile>)> = BTreeMap::new();
    let mut seen_ids: BTreeMap<String, PathBuf> = BTreeMap::new();
    for root in roots {
        let walker = WalkDir::new(root)
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0
                    || !(is_hidden(e.file_name()) || exclude.is_some_and(|x| e.path() == x))
            });
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    let path = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let reason = match err.loop_ancestor() {
                        Some(a) => format!("symlink loop back to {}", a.display()),
                        None => err
                            .io_error()
                            .map(|e| e.to_string())
                            .unwrap_or_else(|| err.to_string()),
                    };
                    out.failures.push(Failure::new(path, reason));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path().to_path_buf();
            if !is_page_file(&path) {
                out.skipped.push(path);
                continue;
            }
            let dir = path.parent().unwrap_or(root).to_path_buf();
            let name = nfc(&entry.file_name().to_string_lossy());
            let slot = by_dir.entry(dir.clone()).or_insert_with(|| {
                let id = dossier_id(root, &dir);
                (id, Vec::new())
            });
            slot.1.push(PageFile { name, path });
        }
    }
    for (dir, (id, mut files)) in by_dir {
        if let Some(first) = seen_ids.get(&id) {
            out.failures.push(Failure::new(
                dir.clone(),
                format!(
                    "dossier id {id:?} is already taken by {}; ingest the folders above \
                     both, so that their ids differ",
                    first.display()
                ),
            ));
            continue;
        }
        seen_ids.insert(id.clone(), dir.clone());
        files.sort_by(|a, b| natural_cmp(&a.name, &b.name));
        out.dossiers.push(Dossier {
            id,
            path: dir,
            files,
        });
    }
    out.dossiers.sort_by(|a, b| natural_cmp(&a.id, &b.id));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn dossier_ids_are_relative_nfc_and_slash_separated() {
        let root = Path::new("/archive/2022");
        assert_eq!(
            dossier_id(
                root,
                Path::new("/archive/2022/ho-ngheo/Nguye\u{0302}\u{0303}n Thi\u{0323}")
            ),
            "ho-ngheo/Nguyễn Thị"
        );
        assert_eq!(dossier_id(root, root), "2022");
    }

    #[test]
    fn page_extensions_any_case() {
        assert!(is_page_file(Path::new("a/Trang 1.JPG")));
        assert!(is_page_file(Path::new("b.TiFf")));
        assert!(!is_page_file(Path::new("ghi chú.txt")));
        assert!(!is_page_file(Path::new("noext")));
    }

    #[test]
    fn scan_groups_orders_and_skips() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("kho");
        let d = root.join("nhóm/Trần Văn Bảy");
        fs::create_dir_all(&d).unwrap();
        for f in [
            "trang 10.jpg",
            "trang 2.jpg",
            "trang 1.PNG",
            "ghi chú.txt",
            ".DS_Store",
        ] {
            fs::write(d.join(f), b"x").unwrap();
        }
        fs::create_dir_all(root.join(".hidden")).unwrap();
        fs::write(root.join(".hidden/a.jpg"), b"x").unwrap();
        fs::write(root.join("bìa.tif"), b"x").unwrap();

        fs::create_dir_all(root.join("index/store")).unwrap();
        fs::write(root.join("index/store/x.json"), b"{}").unwrap();
        let s = scan(std::slice::from_ref(&root), Some(&root.join("index")));
        let ids: Vec<&str> = s.dossiers.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, vec!["kho", "nhóm/Trần Văn Bảy"]);
        let names: Vec<&str> = s.dossiers[1]
            .files
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(names, vec!["trang 1.PNG", "trang 2.jpg", "trang 10.jpg"]);
        assert_eq!(s.skipped, vec![d.join("ghi chú.txt")]);
        assert!(s.failures.is_empty());
    }
}
