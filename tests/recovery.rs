//! Every damage to the index folder has a way out: each test damages a copy
//! of a small ingested index the way an IT officer might, follows the
//! documented way out with the real binary, and checks that `verify` is
//! clean again, every undamaged dossier is still listed and found, and a
//! quarantined page is OCR'd again by the next `ingest`.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const DOSSIERS: [&str; 3] = ["hồ sơ 1", "hồ sơ 2", "hồ sơ 3"];

/// One archive of three one-page dossiers, ingested once per test binary.
fn base() -> &'static Archive {
    static ONCE: OnceLock<Archive> = OnceLock::new();
    ONCE.get_or_init(|| {
        let a = Archive::new();
        a.page(DOSSIERS[0], "trang 1.png", HOA);
        a.page(DOSSIERS[1], "trang 1.png", LAN);
        a.page(
            DOSSIERS[2],
            "trang 1.png",
            "nguoi-co-cong/Hoàng Thị Lan/giay chung nhan.png",
        );
        assert_eq!(a.ingest(&["kho"]).0, Some(0));
        a
    })
}

/// A fresh copy of the base index: (temp dir, index folder).
fn copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let to = tmp.path().join("index");
    let from = base().index();
    for e in walkdir::WalkDir::new(&from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(&from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
    (tmp, to)
}

fn ix(index: &Path) -> &str {
    index.to_str().unwrap()
}

fn verify(index: &Path, repair: bool) -> (Option<i32>, Value, String) {
    let mut args = vec!["verify", "--index", ix(index), "--json"];
    if repair {
        args.push("--repair");
    }
    let o = run(&args);
    let v = serde_json::from_str(&stdout(&o)).unwrap_or(Value::Null);
    (
        o.status.code(),
        v,
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn kinds(v: &Value) -> Vec<String> {
    v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap().to_string())
        .collect()
}

fn listed(index: &Path) -> Vec<String> {
    let o = run(&["list", "--index", ix(index), "--json"]);
    assert_code(&o, 0);
    json_lines(&o)
        .iter()
        .map(|d| d["dossier"].as_str().unwrap().to_string())
        .collect()
}

/// Found by a search for its own name.
fn found(index: &Path, query: &str, dossier: &str) -> bool {
    let o = run(&["search", query, "--index", ix(index), "--json"]);
    assert_code(&o, 0);
    json_lines(&o).iter().any(|h| h["dossier"] == dossier)
}

fn ingest(tmp: &Path, index: &Path) -> (Option<i32>, Value, String) {
    let report = tmp.join("r.json");
    let o = sohoa()
        .arg("ingest")
        .arg(base().root())
        .arg("--index")
        .arg(index)
        .arg("--report")
        .arg(&report)
        .output()
        .unwrap();
    let r = serde_json::from_slice(&std::fs::read(&report).unwrap_or_default()).unwrap_or_default();
    (
        o.status.code(),
        r,
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// The page record of a dossier's only page.
fn record_of(index: &Path, dossier: &str) -> PathBuf {
    for e in walkdir::WalkDir::new(index.join("store")) {
        let e = e.unwrap();
        let n = e.file_name().to_string_lossy().into_owned();
        if n.ends_with(".json") && n != "dossier.json" {
            let v: Value = serde_json::from_slice(&std::fs::read(e.path()).unwrap()).unwrap();
            if v["dossier"] == dossier {
                return e.path().to_path_buf();
            }
        }
    }
    panic!("no record of {dossier}");
}

fn quarantined(index: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(index.join("quarantine"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .collect()
}

/// The end state of every way out: verify clean, all dossiers listed, the
/// undamaged ones found by search.
fn assert_restored(index: &Path) {
    let (code, v, err) = verify(index, false);
    assert_eq!(code, Some(0), "{v} {err}");
    assert_eq!(listed(index), DOSSIERS.to_vec());
    assert!(found(index, "Nguyễn Thị Hoa", DOSSIERS[0]));
    assert!(found(index, "Hoàng Thị Lan", DOSSIERS[1]));
}

/// `verify --repair`, checked: exit 0, nothing left, something repaired.
fn repair(index: &Path) -> Value {
    let (code, v, err) = verify(index, true);
    assert_eq!(code, Some(0), "{v} {err}");
    assert_eq!(v["rechecked"], true, "{v}");
    assert!(
        v["problems"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["repaired"] == true),
        "{v}"
    );
    v
}

#[test]
fn garbage_dossier_file_is_quarantined_and_the_next_ingest_restores_it() {
    let (tmp, index) = copy();
    let meta = record_of(&index, DOSSIERS[2])
        .parent()
        .unwrap()
        .join("dossier.json");
    std::fs::write(&meta, b"\x00garbage{").unwrap();
    // Before: every command still runs, reporting the file.
    let o = run(&["reindex", "--index", ix(&index)]);
    assert_code(&o, 1);
    assert!(String::from_utf8_lossy(&o.stderr).contains("sohoa verify --repair"));
    let (code, v, _) = verify(&index, false);
    assert_eq!(code, Some(1));
    assert!(kinds(&v).contains(&"corrupt_record".to_string()), "{v}");

    repair(&index);
    assert_eq!(quarantined(&index).len(), 2, "file and its reason");
    assert!(!meta.exists());
    let (code, _, err) = verify(&index, false);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(listed(&index), DOSSIERS[..2].to_vec());

    // The folder is still there: ingest writes the dossier file again and
    // reuses its page record (no OCR).
    let (code, r, err) = ingest(tmp.path(), &index);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(r["pages_ocr"], 0, "{r}");
    assert_restored(&index);
}

#[test]
fn unreadable_page_record_is_skipped_then_quarantined_and_re_ocred() {
    let (tmp, index) = copy();
    let rec = record_of(&index, DOSSIERS[2]);
    let bytes = std::fs::read(&rec).unwrap();
    std::fs::write(&rec, &bytes[..bytes.len() / 2]).unwrap();

    for cmd in ["reindex", "export"] {
        let mut args = vec![cmd, "--index", ix(&index)];
        if cmd == "export" {
            args.push("--ndjson");
        }
        let o = run(&args);
        assert_code(&o, 1);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("sohoa verify --repair"), "{cmd}: {err}");
        assert!(err.contains(&rec.display().to_string()), "{cmd}: {err}");
        if cmd == "reindex" {
            assert!(err.contains("reindexed 2 pages of 3 dossiers"), "{err}");
            assert!(err.contains("1 store files skipped"), "{err}");
        } else {
            assert_eq!(json_lines(&o).len(), 2, "the readable pages are exported");
        }
    }
    let v = repair(&index);
    assert!(kinds(&v).contains(&"corrupt_record".to_string()), "{v}");
    assert!(!rec.exists());
    assert_eq!(quarantined(&index).len(), 2);
    let (code, _, err) = verify(&index, false);
    assert_eq!(code, Some(0), "{err}");

    let (code, r, err) = ingest(tmp.path(), &index);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(r["pages_ocr"], 1, "the quarantined page is read again: {r}");
    assert!(rec.exists());
    assert_restored(&index);
}

#[test]
fn ingest_over_an_unreadable_record_reads_the_page_again_and_says_so() {
    let (tmp, index) = copy();
    let rec = record_of(&index, DOSSIERS[0]);
    std::fs::write(&rec, b"{not json").unwrap();
    let (code, r, err) = ingest(tmp.path(), &index);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(r["pages_ocr"], 1, "{r}");
    assert!(err.contains("sohoa verify --repair"), "{err}");
    assert_restored(&index);
}

#[test]
fn edited_dossier_field_is_quarantined_not_falsely_repaired() {
    let (tmp, index) = copy();
    for (i, d) in DOSSIERS[1..].iter().enumerate() {
        let rec = record_of(&index, d);
        let mut v: Value = serde_json::from_slice(&std::fs::read(&rec).unwrap()).unwrap();
        v["dossier"] = Value::from(if i == 0 { "hồ sơ 1" } else { "không có" });
        std::fs::write(&rec, serde_json::to_vec(&v).unwrap()).unwrap();
    }
    let o = run(&["reindex", "--index", ix(&index)]);
    assert_code(&o, 1);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("reindexed 1 pages"), "{err}");
    assert!(err.contains("2 store files skipped"), "{err}");

    repair(&index);
    assert_eq!(quarantined(&index).len(), 4);
    let (code, _, err) = verify(&index, false);
    assert_eq!(code, Some(0), "{err}");
    let (code, r, err) = ingest(tmp.path(), &index);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(r["pages_ocr"], 2, "{r}");
    assert_restored(&index);
}

#[test]
fn edited_text_is_a_stale_index_and_repair_indexes_it() {
    let (_tmp, index) = copy();
    let rec = record_of(&index, DOSSIERS[2]);
    let mut v: Value = serde_json::from_slice(&std::fs::read(&rec).unwrap()).unwrap();
    v["text"] = Value::from("Xuân Quỳnh Phương Đông");
    std::fs::write(&rec, serde_json::to_vec(&v).unwrap()).unwrap();
    let (code, v, _) = verify(&index, false);
    assert_eq!(code, Some(1));
    assert_eq!(kinds(&v), vec!["stale_index"], "{v}");
    repair(&index);
    assert!(found(&index, "Xuân Quỳnh", DOSSIERS[2]));
    assert_restored(&index);
}

/// Truncate the largest file of the current tantivy generation.
fn truncate_segment(index: &Path) {
    let gen = std::fs::read_dir(index)
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("tantivy-"))
        .unwrap()
        .path();
    let biggest = std::fs::read_dir(&gen)
        .unwrap()
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().ends_with(".json"))
        .max_by_key(|e| e.metadata().unwrap().len())
        .unwrap()
        .path();
    let bytes = std::fs::read(&biggest).unwrap();
    std::fs::write(&biggest, &bytes[..bytes.len() / 3]).unwrap();
}

#[test]
fn truncated_segment_names_reindex_and_reindex_restores_it() {
    let (_tmp, index) = copy();
    truncate_segment(&index);
    let (code, v, err) = verify(&index, false);
    assert_eq!(code, Some(1), "{err}");
    assert!(kinds(&v).contains(&"index_damaged".to_string()), "{v}");
    let detail = v["problems"][0]["detail"].as_str().unwrap();
    assert!(detail.contains("sohoa reindex"), "{v}");
    let o = run(&["reindex", "--index", ix(&index)]);
    assert_code(&o, 0);
    assert_restored(&index);
}

#[test]
fn truncated_segment_plus_bad_record_one_repair_then_ingest() {
    let (tmp, index) = copy();
    truncate_segment(&index);
    let rec = record_of(&index, DOSSIERS[2]);
    std::fs::write(&rec, b"").unwrap();
    repair(&index);
    let (code, _, err) = verify(&index, false);
    assert_eq!(code, Some(0), "{err}");
    let (code, r, err) = ingest(tmp.path(), &index);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(r["pages_ocr"], 1, "{r}");
    assert_restored(&index);
}

#[test]
fn ingest_rebuilds_a_damaged_index_first() {
    let (tmp, index) = copy();
    truncate_segment(&index);
    let (code, r, err) = ingest(tmp.path(), &index);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("rebuilt it from the store"), "{err}");
    assert_eq!(r["pages_ocr"], 0, "{r}");
    assert_restored(&index);
}

#[test]
fn missing_store_is_reported_by_commands_that_read_the_index() {
    let (_tmp, index) = copy();
    std::fs::remove_dir_all(index.join("store")).unwrap();
    for args in [
        vec!["list", "--index", ix(&index)],
        vec!["search", "Hoa", "--index", ix(&index)],
    ] {
        let o = run(&args);
        assert_code(&o, 1);
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("no page store"),
            "{args:?}"
        );
    }
    let (code, _, err) = verify(&index, false);
    assert_eq!(code, Some(2));
    assert!(err.contains("no page store"), "{err}");
}

#[test]
fn export_to_a_file_is_atomic_and_complete() {
    let (tmp, index) = copy();
    let out = tmp.path().join("pages.ndjson");
    let o = run(&[
        "export",
        "--ndjson",
        "--index",
        ix(&index),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_code(&o, 0);
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 3);
    // no temporary file left beside it
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 2);
    // a store that cannot be opened: no output file at all
    let gone = tmp.path().join("nothing.ndjson");
    let o = run(&[
        "export",
        "--ndjson",
        "--index",
        tmp.path().join("nope").to_str().unwrap(),
        "--output",
        gone.to_str().unwrap(),
    ]);
    assert_code(&o, 2);
    assert!(!gone.exists());
}

#[test]
fn tiny_pages_are_read_and_odd_file_names_are_escaped() {
    let a = Archive::new();
    let dir = a.root().join("nhỏ");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, w, h) in [
        ("a 40x30.png", 40, 30),
        ("b 5x5.png", 5, 5),
        ("c 63x9.png", 63, 9),
    ] {
        let img = image::GrayImage::from_fn(w, h, |x, y| {
            image::Luma([if (x + y) % 7 == 0 { 0 } else { 255 }])
        });
        img.save(dir.join(name)).unwrap();
    }
    // A broken scan whose name holds a newline: one escaped failure line.
    std::fs::write(dir.join("hỏng\ntrang.png"), b"\x89PNG\r\n\x1a\nbroken").unwrap();
    let report = a.tmp.path().join("r.json");
    let o = sohoa()
        .arg("ingest")
        .arg(a.root())
        .arg("--index")
        .arg(a.index())
        .arg("--report")
        .arg(&report)
        .output()
        .unwrap();
    assert_code(&o, 1);
    let r: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(r["pages_ok"], 3, "tiny pages do not fail: {r}");
    assert_eq!(r["failures"].as_array().unwrap().len(), 1, "{r}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("hỏng\\ntrang.png"), "{err}");
    assert!(!err.contains("hỏng\ntrang"), "{err}");
}
