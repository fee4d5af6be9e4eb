//! Helpers shared by the end-to-end test binaries: running the real
//! binary, reading its JSON, and small archives built from sample pages.
#![allow(dead_code)] // each test binary uses its own subset

pub mod web;

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

pub fn sohoa() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sohoa"))
}

pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/dossiers")
}

pub fn run(args: &[&str]) -> Output {
    sohoa().args(args).output().expect("sohoa runs")
}

/// Assert the exit code, showing stderr when it is not the expected one.
pub fn assert_code(o: &Output, code: i32) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

pub fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

/// BLAKE3 of every file under `dir`, by path: proof that sources are untouched.
pub fn fingerprint(dir: &Path) -> BTreeMap<PathBuf, (String, u64)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap();
            let mtime = e.metadata().unwrap().modified().unwrap();
            let secs = mtime
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs();
            (
                e.path().to_path_buf(),
                (blake3::hash(&bytes).to_hex().to_string(), secs),
            )
        })
        .collect()
}

/// A temp archive with copies of sample pages, ingested by the real binary.
pub struct Archive {
    pub tmp: tempfile::TempDir,
}

impl Archive {
    pub fn new() -> Archive {
        Archive {
            tmp: tempfile::tempdir().unwrap(),
        }
    }
    pub fn root(&self) -> PathBuf {
        self.tmp.path().join("kho")
    }
    pub fn index(&self) -> PathBuf {
        self.tmp.path().join("index")
    }
    /// Copy a sample page into `dossier/name` under the archive root.
    pub fn page(&self, dossier: &str, name: &str, sample: &str) -> PathBuf {
        let dir = self.root().join(dossier);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(samples().join(sample), dir.join(name)).unwrap();
        dir.join(name)
    }
    /// Run ingest on `roots` (relative to the temp dir); returns exit code and report.
    pub fn ingest(&self, roots: &[&str]) -> (Option<i32>, Value) {
        let report = self.tmp.path().join("report.json");
        let o = sohoa()
            .arg("ingest")
            .args(roots.iter().map(|r| self.tmp.path().join(r)))
            .arg("--index")
            .arg(self.index())
            .arg("--report")
            .arg(&report)
            .output()
            .unwrap();
        let r = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
        (o.status.code(), r)
    }
    pub fn show(&self, id: &str) -> Value {
        let o = run(&[
            "show",
            id,
            "--index",
            self.index().to_str().unwrap(),
            "--json",
        ]);
        assert_code(&o, 0);
        serde_json::from_str(&stdout(&o)).unwrap()
    }
}

impl Archive {
    /// Two one-page dossiers, "hồ sơ 1" and "hồ sơ 2", ingested (exit 0).
    pub fn two_dossiers_ingested() -> Archive {
        let a = Archive::new();
        a.page("hồ sơ 1", "trang 1.png", HOA);
        a.page("hồ sơ 2", "trang 1.png", LAN);
        assert_eq!(a.ingest(&["kho"]).0, Some(0));
        a
    }
}

pub const HOA: &str = "ho-ngheo/Nguyễn Thị Hoa/trang 1.png";
pub const LAN: &str = "nguoi-co-cong/Hoàng Thị Lan/giay chung nhan.png";

pub fn files_of(v: &Value) -> Vec<String> {
    v["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["file"].as_str().unwrap().to_string())
        .collect()
}

/// Sample groups made for measuring field extraction (samples/gen_fields.py);
/// the reliability tests leave them out to keep their OCR time down.
pub const EXTRACTION_GROUPS: [&str; 7] = [
    "quyet-dinh",
    "don-de-nghi",
    "the-bhyt",
    "giay-chung-nhan",
    "bien-ban",
    "to-trinh",
    "ho-tich",
];

/// The dossiers of several documents (samples/gen_documents.py), some in
/// the groups of the first six dossiers.
pub const DOCUMENT_DOSSIERS: [&str; 3] = [
    "nguoi-co-cong/Nông Thị Huệ",
    "quyet-dinh/QĐ 415 Lý Văn Cường",
    "ho-ngheo/Danh sách hộ nghèo xã Văn Môn 2024",
];

/// A copy of samples/dossiers without its deliberately broken scan, so a
/// clean ingest of it exits 0 (the extraction groups and the dossiers of
/// several documents left out: the first six dossiers, 9 pages).
pub fn good_samples_copy(to: &Path) {
    for entry in walkdir::WalkDir::new(samples()) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(samples()).unwrap();
        if EXTRACTION_GROUPS.iter().any(|g| rel.starts_with(g))
            || DOCUMENT_DOSSIERS.iter().any(|d| rel.starts_with(d))
        {
            continue;
        }
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else if !(rel.ends_with("trang 2.jpg") && rel.starts_with("lao-dong-ngoai-nuoc")) {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// What an officer sees of an index: `list --json` plus the dossier, page
/// and snippet of each hit of a fixed set of queries (scores left out: they
/// depend on tantivy's segment layout, not on the content).
pub fn observable(index: &Path) -> String {
    let ix = index.to_str().unwrap();
    let mut out = stdout(&run(&["list", "--index", ix, "--json"]));
    for q in [
        "tran van bay",
        "Trần Thị Phương",
        "027048001234",
        "cộng hòa",
        "hop dong",
    ] {
        for hit in json_lines(&run(&["search", q, "--index", ix, "--json"])) {
            out.push_str(&format!(
                "{q} → {} p{} {}\n",
                hit["dossier"], hit["page"], hit["snippet"]
            ));
        }
    }
    out
}

/// One ingest of samples/ per test binary, shared by its tests (the index
/// lives until the binary exits).
pub fn samples_index() -> &'static PathBuf {
    static ONCE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &ONCE
        .get_or_init(|| {
            let tmp = tempfile::tempdir().unwrap();
            let index = tmp.path().join("index");
            let o = sohoa()
                .arg("ingest")
                .arg(samples())
                .arg("--index")
                .arg(&index)
                .args(["--jobs", "2"])
                .output()
                .unwrap();
            assert_code(&o, 1); // samples/ holds one broken scan on purpose
            (tmp, index)
        })
        .1
}

/// Every page record in the store of an index folder, as JSON (dossier
/// files left out).
pub fn page_records(index: &Path) -> Vec<Value> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(index.join("store")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "json") {
            continue;
        }
        let r: Value = serde_json::from_slice(&std::fs::read(entry.path()).unwrap()).unwrap();
        if r.get("page_in_file").is_some() {
            out.push(r);
        }
    }
    out
}
