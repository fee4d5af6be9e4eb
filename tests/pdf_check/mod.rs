//! What `tests/pdf.rs` checks an exported PDF against, kept apart from the
//! export runs so that file stays readable: each per-document PDF against
//! the store it was made from (pages, sizes, text, word boxes), with the
//! geometry that maps a stored box onto the PDF page. `tools` reads a PDF
//! with qpdf and poppler; `pdfa` checks the PDF/A-2b rules one by one.
//!
//! A directory module of `tests/pdf.rs` (not under `tests/common/`, which
//! every test binary compiles): only the PDF tests use it.

mod pdfa;
mod tools;

pub use pdfa::check_pdfa;
pub use tools::*;

use crate::common::*;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn cer(got: &str, want: &str) -> f64 {
    let (g, w) = (sohoa::eval::cer_form(got), sohoa::eval::cer_form(want));
    sohoa::eval::edit_distance(&g, &w) as f64 / w.len().max(1) as f64
}

/// Where a stored page lies in PDF points: its size upright, and a map from
/// decoded-page pixels to points with y down (as pdftotext gives them).
struct Geometry {
    /// The upright page before levelling, and the PDF page.
    size: (f64, f64),
    page: (f64, f64),
    dpi: (f64, f64),
    turns: u64,
    px: (f64, f64),
    /// Clockwise turn (radians) the page was drawn with to level it.
    tilt: f64,
}

impl Geometry {
    fn of(rec: &Value) -> Geometry {
        let ocr = rec["image"]["ocr_dpi"].as_f64().unwrap();
        let scale = &rec["preprocess"]["scale"];
        let dpi = (
            ocr / scale[0].as_f64().unwrap(),
            ocr / scale[1].as_f64().unwrap(),
        );
        let turns = rec["preprocess"]["rotation"].as_u64().unwrap() / 90;
        let px = (
            rec["image"]["width"].as_f64().unwrap(),
            rec["image"]["height"].as_f64().unwrap(),
        );
        let (w, h) = (px.0 * 72.0 / dpi.0, px.1 * 72.0 / dpi.1);
        let size = if turns % 2 == 1 { (h, w) } else { (w, h) };
        Geometry {
            size,
            page: size,
            dpi,
            turns,
            px,
            tilt: 0.0,
        }
    }

    /// The page drawn turned clockwise by `tilt` about its centre, on a
    /// page grown to hold all of it.
    fn level(&mut self, tilt: f64) {
        let (w, h) = self.size;
        let (s, c) = tilt.abs().sin_cos();
        self.page = (w * c + h * s, w * s + h * c);
        self.tilt = tilt;
    }

    /// A stored box as [x0, y0, x1, y1] in points, y down, on the upright page.
    fn rect(&self, b: &Value) -> [f64; 4] {
        let b: Vec<f64> = b
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        let (w, h) = (self.px.0 * 72.0 / self.dpi.0, self.px.1 * 72.0 / self.dpi.1);
        let pt = |x: f64, y: f64| {
            let (x, y) = (x * 72.0 / self.dpi.0, y * 72.0 / self.dpi.1);
            match self.turns {
                1 => (h - y, x),
                2 => (w - x, h - y),
                3 => (y, w - x),
                _ => (x, y),
            }
        };
        // turned by the tilt (clockwise on the page, y up) about the centre
        let (s, co) = self.tilt.sin_cos();
        let turn = |(x, y): (f64, f64)| {
            let (dx, dy) = (x - self.size.0 / 2.0, self.size.1 / 2.0 - y);
            let (u, v) = (dx * co + dy * s, -dx * s + dy * co);
            (self.page.0 / 2.0 + u, self.page.1 / 2.0 - v)
        };
        let corners = [
            (b[0], b[1]),
            (b[0] + b[2], b[1]),
            (b[0], b[1] + b[3]),
            (b[0] + b[2], b[1] + b[3]),
        ]
        .map(|(x, y)| turn(pt(x, y)));
        let xs = corners.map(|p| p.0);
        let ys = corners.map(|p| p.1);
        let lo = |v: [f64; 4]| v.into_iter().fold(f64::MAX, f64::min);
        let hi = |v: [f64; 4]| v.into_iter().fold(f64::MIN, f64::max);
        [lo(xs), lo(ys), hi(xs), hi(ys)]
    }
}

/// The page records of an index by (dossier, file, page in file).
pub fn records(index: &Path) -> HashMap<(String, String, u64), Value> {
    page_records(index)
        .into_iter()
        .map(|r| {
            let key = (
                r["dossier"].as_str().unwrap().to_string(),
                r["file"].as_str().unwrap().to_string(),
                r["page_in_file"].as_u64().unwrap(),
            );
            (key, r)
        })
        .collect()
}

/// Every dossier of an index with its `show --json` object.
pub fn dossiers(index: &Path) -> Vec<Value> {
    let ix = index.to_str().unwrap();
    json_lines(&run(&["list", "--index", ix, "--json"]))
        .iter()
        .map(|d| {
            let o = run(&[
                "show",
                d["dossier"].as_str().unwrap(),
                "--index",
                ix,
                "--json",
            ]);
            assert_code(&o, 0);
            serde_json::from_str(&stdout(&o)).unwrap()
        })
        .collect()
}

/// The path of document `k` (0-based) of a dossier.
pub fn document_pdf(dir: &Path, dossier: &Value, k: usize) -> PathBuf {
    let doc = &dossier["documents"][k];
    dir.join(dossier["dossier"].as_str().unwrap()).join(format!(
        "{:02}-{}.pdf",
        k + 1,
        doc["doc_type"].as_str().unwrap_or("khac")
    ))
}

/// Check every per-document PDF of an export against the store: qpdf
/// clean, one page per stored page at its size, pdftotext's text equal to
/// the stored text (CER ≤ 0.5%), pdftotext's word boxes on the stored
/// boxes. Returns the PDFs checked and the pages.
pub fn check_documents(index: &Path, dir: &Path) -> (Vec<PathBuf>, usize) {
    let recs = records(index);
    let mut pdfs = Vec::new();
    let mut pages_checked = 0;
    let (mut words, mut placed) = (0usize, 0usize);
    for d in dossiers(index) {
        let id = d["dossier"].as_str().unwrap().to_string();
        let pages: Vec<&Value> = d["pages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let key = (
                    id.clone(),
                    p["file"].as_str().unwrap().to_string(),
                    p["file_page"].as_u64().unwrap() - 1,
                );
                &recs[&key]
            })
            .collect();
        let docs = d["documents"].as_array().unwrap();
        assert!(!docs.is_empty(), "{id} has documents");
        for (k, doc) in docs.iter().enumerate() {
            let pdf = document_pdf(dir, &d, k);
            assert!(pdf.is_file(), "{} exported", pdf.display());
            let check = Command::new("qpdf")
                .arg("--check")
                .arg(&pdf)
                .output()
                .unwrap();
            assert_eq!(
                check.status.code(),
                Some(0),
                "qpdf --check {}: {}",
                pdf.display(),
                stdout(&check)
            );
            let first = doc["pages"][0].as_u64().unwrap() as usize;
            let last = doc["pages"][1].as_u64().unwrap() as usize;
            let sizes = page_sizes(&pdf);
            assert_eq!(sizes.len(), last + 1 - first, "{}", pdf.display());
            let turns = levelling_turns(&pdf);
            assert_eq!(
                turns.len(),
                sizes.len(),
                "{}: one image a page",
                pdf.display()
            );
            for (n, rec) in pages[first - 1..last].iter().enumerate() {
                let mut g = Geometry::of(rec);
                g.level(turns[n]);
                let (w, h) = sizes[n];
                assert!(
                    (w - g.page.0).abs() < 0.05 && (h - g.page.1).abs() < 0.05,
                    "{} page {}: {w}×{h} pt, the scan is {:?} at {:?} dpi turned {}°",
                    pdf.display(),
                    n + 1,
                    g.size,
                    g.dpi,
                    turns[n].to_degrees()
                );
                // a page is levelled only by the little a scan is skewed
                assert!(turns[n].abs() < 0.1, "{} page {}", pdf.display(), n + 1);
                let p = (n + 1).to_string();
                let text = tool("pdftotext", &["-raw", "-f", &p, "-l", &p], &pdf);
                let want = rec["text"].as_str().unwrap();
                let c = cer(&text, want);
                assert!(
                    c <= 0.005,
                    "{} page {}: CER {:.2}%\n--- pdftotext:\n{text}\n--- stored:\n{want}",
                    pdf.display(),
                    n + 1,
                    c * 100.0
                );
                // Each stored word: a pdftotext word with its text on its box.
                let found = bbox_words(&pdf, n + 1);
                assert_eq!(
                    found.len(),
                    rec["words"].as_array().unwrap().len(),
                    "{} page {}: pdftotext's words",
                    pdf.display(),
                    n + 1
                );
                for word in rec["words"].as_array().unwrap() {
                    words += 1;
                    let r = g.rect(&word["bbox"]);
                    let text = word["text"].as_str().unwrap();
                    // Starts where the box starts (inside it, on a levelled
                    // page: the box was drawn around the skewed word), ends
                    // inside it (a word may be drawn narrower, to keep a gap
                    // before the next), and stands on the line's baseline:
                    // at least half of the box's height or the drawn word's
                    // (a hyphen's box is a sliver) is shared by both.
                    let slack = 0.5 + (r[2] - r[0]) * g.tilt.abs().sin();
                    let on_box = found.iter().any(|(b, t)| {
                        t == text
                            && b[0] >= r[0] - 0.5
                            && b[0] <= r[0] + slack
                            && b[2] <= r[2] + 0.5
                            && b[2] >= b[0] + 0.4 * (r[2] - r[0])
                            && b[3].min(r[3]) - b[1].max(r[1])
                                >= 0.5 * (b[3] - b[1]).min(r[3] - r[1])
                    });
                    if on_box {
                        placed += 1;
                    } else {
                        let near: Vec<_> = found.iter().filter(|(_, t)| t == text).collect();
                        eprintln!(
                            "{} page {}: {text:?} at {r:?} not found; drawn at {near:?}",
                            pdf.display(),
                            n + 1
                        );
                    }
                }
                pages_checked += 1;
            }
            pdfs.push(pdf);
        }
    }
    assert!(words > 0);
    assert!(
        placed as f64 >= 0.99 * words as f64,
        "{placed} of {words} words on their boxes"
    );
    (pdfs, pages_checked)
}
