//! Scan quality end to end: the real binary, real Tesseract, on the
//! degraded sample set (`samples/degraded`, made by `samples/gen_degraded.py`):
//! a faded, skewed 150 dpi typewritten page, an upside-down certificate, a
//! page on its side, a G3 fax, a 600 dpi scan, a noisy photocopy, a blank
//! back side and a scanned two-page PDF.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn degraded() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/degraded")
}

#[test]
fn eval_on_the_degraded_set_beats_raw_tesseract_and_meets_the_bar() {
    let before = fingerprint(&degraded());
    let o = sohoa()
        .args(["eval", degraded().to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert_code(&o, 0);
    let e: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let pages = e["pages"].as_array().unwrap();
    // ten pages: eight single-page files, the two pages of the PDF
    assert_eq!(pages.len(), 10, "{e:#}");
    for p in pages {
        assert!(!p["sohoa"].is_null(), "not ingested: {p}");
    }
    let mean = e["mean_cer"].as_f64().unwrap();
    let worst = e["max_cer"].as_f64().unwrap();
    let raw = e["mean_cer_raw"].as_f64().unwrap();
    assert!(mean <= 0.02, "mean CER {mean}");
    assert!(worst <= 0.06, "worst page CER {worst}");
    assert!(raw > 0.2 && raw > 10.0 * mean, "raw {raw} vs {mean}");
    assert_eq!(e["blank_mismatches"], 0);
    let page = |file: &str, n: u64| -> &Value {
        pages
            .iter()
            .find(|p| p["file"] == file && p["page"] == n)
            .unwrap_or_else(|| panic!("{file} p{n} missing"))
    };
    let blank = page("trang 2.jpg", 1);
    assert_eq!(blank["blank_truth"], true);
    assert_eq!(blank["sohoa_blank"], true);
    assert_eq!(page("trang 1.jpg", 1)["preprocess"]["rotation"], 180);
    assert_eq!(page("don de nghi.png", 1)["preprocess"]["rotation"], 90);
    let faded = page("quyet dinh.jpg", 1);
    assert_eq!(
        faded["preprocess"]["scale"][0], 2.0,
        "150 dpi brought to 300"
    );
    assert!(faded["preprocess"]["skew"].as_f64().unwrap().abs() > 3.0);
    // typed with a worn ribbon (a fifth of full ink): text, not a blank page
    let fainter = page("danh sach.jpg", 1);
    assert_eq!(fainter["sohoa_blank"], false);
    assert!(
        fainter["sohoa"]["cer"].as_f64().unwrap() < 0.03,
        "{fainter}"
    );
    assert_eq!(page("thong bao.jpg", 1)["preprocess"]["scale"][0], 0.5);
    // the fax is 204 × 98 dpi: scaled more in height than in width
    let fax = &page("cong van.tif", 1)["preprocess"]["scale"];
    assert!(
        fax[1].as_f64().unwrap() > 2.0 * fax[0].as_f64().unwrap(),
        "{fax}"
    );
    assert_eq!(page("ho so.pdf", 2)["page"], 2);
    let share = e["preprocess_share"].as_f64().unwrap();
    assert!(share > 0.0 && share < 0.6, "preprocessing share {share}");
    assert_eq!(
        fingerprint(&degraded()),
        before,
        "eval modified a source scan"
    );
}

/// The page records: blank page marked and empty; word boxes of a page
/// that was turned upright lie on the page as scanned.
#[test]
fn records_keep_blank_pages_rotation_and_boxes_on_the_scan() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let o = sohoa()
        .arg("ingest")
        .arg(degraded().join("Lê Thị Mai"))
        .arg(degraded().join("Trương Văn Sáu"))
        .arg("--index")
        .arg(&index)
        .output()
        .unwrap();
    assert_code(&o, 0);
    let records = page_records(&index);
    assert_eq!(records.len(), 4, "two JPEG pages and two PDF pages");
    let rec = |file: &str, page: u64| {
        records
            .iter()
            .find(|r| r["file"] == file && r["page_in_file"] == page)
            .unwrap()
    };
    let back = rec("trang 2.jpg", 0);
    assert_eq!(back["blank"], true);
    assert_eq!(back["text"], "");
    assert_eq!(back["preprocess"]["attempts"], 0);

    let front = rec("trang 1.jpg", 0);
    assert_eq!(front["blank"], false);
    assert_eq!(front["preprocess"]["rotation"], 180);
    assert!(front["text"].as_str().unwrap().contains("GIẤY CHỨNG NHẬN"));
    let (w, h) = (
        front["image"]["width"].as_u64().unwrap(),
        front["image"]["height"].as_u64().unwrap(),
    );
    let words = front["words"].as_array().unwrap();
    for word in words {
        let b: Vec<u64> = serde_json::from_value(word["bbox"].clone()).unwrap();
        assert!(
            b[0] + b[2] <= w && b[1] + b[3] <= h,
            "box off the page: {word}"
        );
    }
    // Upside down on the scan: the title is in the lower half, and below
    // the body text.
    let centre_y = |text: &str| {
        let word = words
            .iter()
            .find(|w| w["text"] == text)
            .unwrap_or_else(|| panic!("{text} not read"));
        word["bbox"][1].as_u64().unwrap() + word["bbox"][3].as_u64().unwrap() / 2
    };
    assert!(centre_y("GIẤY") > h / 2);
    assert!(centre_y("GIẤY") > centre_y("Pháp"));

    let pdf1 = rec("ho so.pdf", 0);
    assert_eq!(pdf1["pages_in_file"], 2);
    assert!(pdf1["text"].as_str().unwrap().contains("Trương Văn Sáu"));
    assert!(rec("ho so.pdf", 1)["text"]
        .as_str()
        .unwrap()
        .contains("DANH SÁCH KÈM THEO"));
}

/// A scan that states no resolution: sohoa works it out from the height of
/// the letters and scales the page by it.
#[test]
fn resolution_is_estimated_from_the_letters_when_the_file_states_none() {
    let a = Archive::new();
    // the 200 dpi sample, re-encoded as a PNG without a pHYs chunk
    let img = image::open(samples().join("tre-em/Lò Văn Minh/bien ban tiep nhan.jpg")).unwrap();
    let dir = a.root().join("không dpi");
    std::fs::create_dir_all(&dir).unwrap();
    img.save(dir.join("trang 1.png")).unwrap();
    assert_eq!(a.ingest(&["kho"]).0, Some(0));
    let records = page_records(&a.index());
    assert!(!records.is_empty());
    for r in &records {
        assert!(r["image"]["dpi"].is_null(), "{r}");
        let est = r["preprocess"]["dpi_estimated"].as_f64().unwrap();
        assert!(
            (170.0..=230.0).contains(&est),
            "estimated {est} dpi for 200"
        );
        let scale = r["preprocess"]["scale"][0].as_f64().unwrap();
        assert!(
            (scale - 300.0 / est).abs() < 0.01,
            "scale {scale} for {est} dpi"
        );
        assert!(
            r["text"].as_str().unwrap().contains("LÒ VĂN MINH"),
            "{}",
            r["text"]
        );
    }
}
