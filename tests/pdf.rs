//! `sohoa export --pdf` end to end: the real binary exporting real indexes
//! (samples/ ingested with real Tesseract), the PDFs checked with the tools
//! an archive would use: qpdf (structure), poppler's pdftotext (the text
//! layer: its text and where each word lies), pdfinfo, pdffonts, pdfimages
//! and pdftoppm (the page as a reader sees it).
//!
//! No PDF/A validator installs from the package registries here (veraPDF is
//! a Java download), so the PDF/A-2b rules that matter are checked one by
//! one: fonts embedded, XMP with pdfaid part 2 / conformance B saying what
//! the Info dictionary says, an sRGB output intent, a file ID, no
//! encryption, JavaScript or transparency.

mod common;

use common::*;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn export(index: &Path, dir: &Path, extra: &[&str]) -> Output {
    sohoa()
        .arg("export")
        .arg("--pdf")
        .arg(dir)
        .arg("--index")
        .arg(index)
        .args(extra)
        .output()
        .unwrap()
}

fn tool(cmd: &str, args: &[&str], pdf: &Path) -> String {
    let o = Command::new(cmd)
        .args(args)
        .arg(pdf)
        .args(if cmd == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{cmd} runs (scripts/install-deps.sh installs it): {e}"));
    assert!(
        o.status.success(),
        "{cmd} {args:?} {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// pdftotext's words of one page (1-based): [x0, y0, x1, y1] (y down) and text.
fn bbox_words(pdf: &Path, page: usize) -> Vec<([f64; 4], String)> {
    let p = page.to_string();
    let xml = tool("pdftotext", &["-bbox", "-f", &p, "-l", &p], pdf);
    let attr = |line: &str, key: &str| -> f64 {
        let at = line.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
        line[at..].split('"').next().unwrap().parse().unwrap()
    };
    xml.lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .map(|l| {
            let text = l.split('>').nth(1).unwrap().split('<').next().unwrap();
            let text = text
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
            (
                [
                    attr(l, "xMin"),
                    attr(l, "yMin"),
                    attr(l, "xMax"),
                    attr(l, "yMax"),
                ],
                text,
            )
        })
        .collect()
}

/// Page sizes in points, from pdfinfo.
fn page_sizes(pdf: &Path) -> Vec<(f64, f64)> {
    tool("pdfinfo", &["-f", "1", "-l", "100000"], pdf)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size: "))
        .map(|l| {
            let s = l.split(" size: ").nth(1).unwrap();
            let mut it = s.split_whitespace();
            let w: f64 = it.next().unwrap().parse().unwrap();
            it.next(); // "x"
            let h: f64 = it.next().unwrap().parse().unwrap();
            (w, h)
        })
        .collect()
}

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
fn records(index: &Path) -> HashMap<(String, String, u64), Value> {
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
fn dossiers(index: &Path) -> Vec<Value> {
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
fn document_pdf(dir: &Path, dossier: &Value, k: usize) -> PathBuf {
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
fn check_documents(index: &Path, dir: &Path) -> (Vec<PathBuf>, usize) {
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

/// For each page of `pdf`, the clockwise turn (radians, under 45°) its
/// image is drawn with: the image matrix's angle, quarter turns and flips
/// (EXIF orientation, a page read sideways) taken out.
fn levelling_turns(pdf: &Path) -> Vec<f64> {
    let quarter = std::f64::consts::FRAC_PI_2;
    expanded(pdf)
        .lines()
        .filter(|l| l.ends_with(" cm"))
        .map(|l| {
            let m: Vec<f64> = l
                .split_whitespace()
                .take(6)
                .map(|v| v.parse().unwrap())
                .collect();
            let angle = -m[1].atan2(m[0]);
            angle - quarter * (angle / quarter).round()
        })
        .collect()
}

fn expanded(pdf: &Path) -> String {
    let o = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(o.status.success(), "qpdf --qdf {}", pdf.display());
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The PDF/A-2b rules a validator would check that can go wrong here.
fn check_pdfa(pdf: &Path) {
    let bytes = std::fs::read(pdf).unwrap();
    let shown = pdf.display();
    // header: version, then a comment of 4 bytes ≥ 128
    assert!(bytes.starts_with(b"%PDF-1.7\n%"), "{shown}");
    assert!(
        bytes[10..14].iter().all(|&b| b >= 128),
        "{shown}: binary comment"
    );
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.trim_end().ends_with("%%EOF"), "{shown}");
    let trailer = &raw[raw.rfind("trailer").expect("a trailer")..];
    assert!(
        trailer.contains("/ID[<") || trailer.contains("/ID [<"),
        "{shown}: file ID"
    );
    let x = expanded(pdf);
    for never in [
        "/Encrypt",
        "/JavaScript",
        "/JS ",
        "/AA ",
        "/SMask",
        "/Transparency",
        "/Interpolate true",
        "/LZWDecode",
        "/EmbeddedFiles",
        "/OCProperties",
    ] {
        assert!(!x.contains(never), "{shown}: {never}");
    }
    for line in x.lines() {
        let t = line.trim();
        if let Some(v) = t.strip_prefix("/CA ").or_else(|| t.strip_prefix("/ca ")) {
            assert_eq!(
                v.trim().parse::<f64>().unwrap(),
                1.0,
                "{shown}: transparency"
            );
        }
    }
    // sRGB output intent with a three-component profile
    assert!(x.contains("/OutputIntents"), "{shown}");
    assert!(x.contains("/S /GTS_PDFA1"), "{shown}");
    assert!(x.contains("/DestOutputProfile"), "{shown}");
    assert!(x.contains("/N 3"), "{shown}");
    assert!(x.contains("/Lang (vi)"), "{shown}");
    // every font embedded
    let fonts = tool("pdffonts", &[], pdf);
    for line in fonts.lines().skip(2) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let emb = cols[cols.len() - 5];
        assert_eq!(emb, "yes", "{shown}: font not embedded: {line}");
    }
    // XMP: PDF/A-2b, and the same title, author and producer as Info
    let start = x.find("<?xpacket begin=").expect("an XMP packet");
    let end = x[start..].find("<?xpacket end=").unwrap() + start;
    let xmp = &x[start..end];
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{shown}");
    assert!(
        xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{shown}"
    );
    assert!(xmp.contains("<rdf:li>vi</rdf:li>"), "{shown}");
    let info = tool("pdfinfo", &[], pdf);
    let field = |key: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("{key}:")))
            .map(|v| v.trim().to_string())
    };
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let title = field("Title").expect("a title");
    assert!(
        xmp.contains(&format!(
            "<rdf:li xml:lang=\"x-default\">{}</rdf:li>",
            esc(&title)
        )),
        "{shown}: XMP title {title:?}"
    );
    if let Some(author) = field("Author") {
        assert!(
            xmp.contains(&format!(
                "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li>",
                esc(&author)
            )),
            "{shown}"
        );
    }
    let producer = field("Producer").unwrap();
    assert!(
        xmp.contains(&format!("<pdf:Producer>{}</pdf:Producer>", esc(&producer))),
        "{shown}"
    );
    assert!(info.contains("Encrypted:       no"), "{shown}");
    assert!(info.contains("JavaScript:      no"), "{shown}");
}

/// All files under a folder with their bytes.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    if !dir.exists() {
        return vec![];
    }
    let mut out: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "pdf"))
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn summary(o: &Output) -> Value {
    serde_json::from_str(stdout(o).lines().last().expect("a JSON summary")).unwrap()
}

#[test]
fn every_document_of_the_samples_is_a_searchable_pdf_a_with_the_stored_text_on_its_boxes() {
    let index = samples_index();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pdf");
    let o = export(index, &dir, &["--json"]);
    assert_code(&o, 0);
    let s = summary(&o);
    let (pdfs, pages) = check_documents(index, &dir);
    assert_eq!(s["outputs"], pdfs.len());
    assert_eq!(s["written"], pdfs.len());
    assert_eq!(s["pages_built"], pages);
    assert_eq!(s["failed"].as_array().unwrap().len(), 0);
    for pdf in &pdfs {
        check_pdfa(pdf);
    }
    // The samples' skewed pages (the biên bản is about 1° off) are drawn
    // levelled, their text on the levelled words (checked above).
    let turned = pdfs
        .iter()
        .flat_map(|p| levelling_turns(p))
        .filter(|t| t.abs() > 0.2f64.to_radians())
        .count();
    assert!(turned > 0, "no skewed sample page was levelled");
    // JPEG scans are embedded as they are: the PDF is the scan plus a few kB.
    let jpeg = samples().join("giay-chung-nhan/Vương Thị Nga/gcn.jpg");
    let pdf = dir.join("giay-chung-nhan/Vương Thị Nga/01-giay_chung_nhan.pdf");
    let (a, b) = (
        std::fs::metadata(&jpeg).unwrap().len(),
        std::fs::metadata(&pdf).unwrap().len(),
    );
    assert!(b > a && b < a + 30_000, "{b} bytes for a {a}-byte JPEG");
    let scan = std::fs::read(&jpeg).unwrap();
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(
        bytes.windows(scan.len()).any(|w| w == scan),
        "the JPEG's own bytes are in the PDF"
    );
    // an 8-bit PNG's rows go in as they are (Flate, shown as "image")
    let png = samples().join("ho-ngheo/Nguyễn Thị Hoa/trang 1.png");
    let pdf = dir.join("ho-ngheo/Nguyễn Thị Hoa/01-don_de_nghi.pdf");
    let list = tool("pdfimages", &["-list"], &pdf);
    assert!(list.lines().nth(2).unwrap().contains(" image "), "{list}");
    let (a, b) = (
        std::fs::metadata(&png).unwrap().len(),
        std::fs::metadata(&pdf).unwrap().len(),
    );
    assert!(b < a + 30_000, "{b} bytes for a {a}-byte PNG");
    // the bilevel TIFF list is CCITT, a few tens of kB a page
    let tif = dir.join("ho-tro-thue-nha/Danh sách tháng 6-2022/01-danh_sach.pdf");
    let images = tool("pdfimages", &["-list"], &tif);
    assert_eq!(
        images.lines().filter(|l| l.contains(" ccitt ")).count(),
        2,
        "{images}"
    );
    assert!(std::fs::metadata(&tif).unwrap().len() < 150_000);
}

#[test]
fn the_same_records_give_the_same_bytes_and_a_rerun_rewrites_nothing() {
    let index = samples_index();
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    assert_code(&export(index, &a, &[]), 0);
    assert_code(&export(index, &b, &["--jobs", "1"]), 0);
    let (fa, fb) = (files(&a), files(&b));
    assert!(!fa.is_empty());
    assert_eq!(fa.len(), fb.len());
    for ((pa, ba), (pb, bb)) in fa.iter().zip(&fb) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{} differs between two exports", pa.display());
    }
    let mtimes = |dir: &Path| -> Vec<(PathBuf, std::time::SystemTime)> {
        files(dir)
            .into_iter()
            .map(|(p, _)| {
                let t = std::fs::metadata(dir.join(&p)).unwrap().modified().unwrap();
                (p, t)
            })
            .collect()
    };
    let before = mtimes(&a);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let o = export(index, &a, &["--json"]);
    assert_code(&o, 0);
    let s = summary(&o);
    assert_eq!(s["written"], 0, "{s}");
    assert_eq!(s["unchanged"], fa.len());
    assert_eq!(mtimes(&a), before, "a re-run touched no PDF");
    // a PDF deleted by hand is made again, the same
    let (p0, b0) = &fa[0];
    std::fs::remove_file(a.join(p0)).unwrap();
    let s = summary(&export(index, &a, &["--json"]));
    assert_eq!(s["written"], 1);
    assert_eq!(&std::fs::read(a.join(p0)).unwrap(), b0);
}

#[test]
fn per_dossier_gives_one_pdf_per_dossier_with_a_bookmark_per_document() {
    let index = samples_index();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pdf");
    let o = export(index, &dir, &["--per", "dossier", "--json"]);
    assert_code(&o, 0);
    let ds = dossiers(index);
    assert_eq!(summary(&o)["outputs"], ds.len());
    for d in &ds {
        let pdf = dir.join(format!("{}.pdf", d["dossier"].as_str().unwrap()));
        assert_eq!(
            page_sizes(&pdf).len(),
            d["pages"].as_array().unwrap().len(),
            "{}",
            pdf.display()
        );
        check_pdfa(&pdf);
        let x = expanded(&pdf);
        assert!(x.contains("/Outlines"), "{}", pdf.display());
        assert_eq!(
            x.matches("/Dest [").count(),
            d["documents"].as_array().unwrap().len(),
            "{}",
            pdf.display()
        );
    }
    // both layouts live side by side in one folder
    assert_code(&export(index, &dir, &[]), 0);
    assert!(document_pdf(&dir, &ds[0], 0).is_file());
    assert!(dir
        .join(format!("{}.pdf", ds[0]["dossier"].as_str().unwrap()))
        .is_file());
}

#[test]
fn a_changed_or_missing_scan_fails_its_dossier_only_and_gone_documents_are_removed() {
    let a = Archive::two_dossiers_ingested();
    let out = a.tmp.path().join("pdf");
    let o = export(&a.index(), &out, &["--json"]);
    assert_code(&o, 0);
    let pdf_of = |dir: &Path, d: &str| -> Vec<PathBuf> {
        files(&dir.join(d))
            .into_iter()
            .map(|(p, _)| dir.join(d).join(p))
            .collect()
    };
    assert_eq!(pdf_of(&out, "hồ sơ 1").len(), 1);
    assert_eq!(pdf_of(&out, "hồ sơ 2").len(), 1);

    // a scan changed since it was read
    let scan = a.root().join("hồ sơ 1/trang 1.png");
    let original = std::fs::read(&scan).unwrap();
    let mut changed = original.clone();
    changed.extend_from_slice(b"more");
    std::fs::write(&scan, &changed).unwrap();
    let fresh = a.tmp.path().join("fresh");
    let o = export(&a.index(), &fresh, &["--json"]);
    assert_code(&o, 1);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("hồ sơ 1/trang 1.png") && err.contains("changed"),
        "{err}"
    );
    assert!(pdf_of(&fresh, "hồ sơ 1").is_empty());
    assert_eq!(
        pdf_of(&fresh, "hồ sơ 2").len(),
        1,
        "the other dossier is exported"
    );
    // into the folder that has its earlier PDF: reported, the PDF kept
    let kept = pdf_of(&out, "hồ sơ 1");
    let o = export(&a.index(), &out, &["--json"]);
    assert_code(&o, 1);
    let s = summary(&o);
    assert_eq!(s["failed"][0]["kept"], true, "{s}");
    assert!(s["failed"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with("hồ sơ 1/trang 1.png"));
    assert_eq!(pdf_of(&out, "hồ sơ 1"), kept);
    std::fs::write(&scan, &original).unwrap();

    // a scan gone
    let two = a.root().join("hồ sơ 2/trang 1.png");
    std::fs::remove_file(&two).unwrap();
    let fresh2 = a.tmp.path().join("fresh2");
    let o = export(&a.index(), &fresh2, &[]);
    assert_code(&o, 1);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("hồ sơ 2/trang 1.png") && err.contains("gone"),
        "{err}"
    );
    assert_eq!(pdf_of(&fresh2, "hồ sơ 1").len(), 1);

    // the dossier removed from the archive: its PDF and folder go
    std::fs::remove_dir_all(a.root().join("hồ sơ 2")).unwrap();
    let o = sohoa()
        .args(["ingest", "--prune", "--index"])
        .arg(a.index())
        .arg(a.root())
        .output()
        .unwrap();
    assert_code(&o, 0);
    let o = export(&a.index(), &out, &["--json"]);
    assert_code(&o, 0);
    let s = summary(&o);
    assert_eq!(s["removed"], 1, "{s}");
    assert!(
        !out.join("hồ sơ 2").exists(),
        "its emptied folder is gone too"
    );
    assert_eq!(pdf_of(&out, "hồ sơ 1").len(), 1);
}

/// Mean absolute difference of two grey images of the same size.
fn diff(a: &image::GrayImage, b: &image::GrayImage) -> f64 {
    let sum: u64 = a
        .pixels()
        .zip(b.pixels())
        .map(|(p, q)| u64::from(p.0[0].abs_diff(q.0[0])))
        .sum();
    sum as f64 / (a.width() * a.height()) as f64
}

#[test]
fn turned_faxed_and_pdf_scans_come_out_upright_with_their_text_on_the_words() {
    // Degraded scans (samples/degraded): a form fed in sideways, a
    // certificate upside down with a blank back, a 204×98 dpi G3 fax, and a
    // scanned PDF of JPEG pages.
    let a = Archive::new();
    for (dossier, files) in [
        ("Vũ Văn Hải", &["don de nghi.png"][..]),
        ("Lê Thị Mai", &["trang 1.jpg", "trang 2.jpg"][..]),
        ("Công văn fax", &["cong van.tif"][..]),
        ("Trương Văn Sáu", &["ho so.pdf"][..]),
    ] {
        for f in files {
            let dir = a.root().join(dossier);
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::copy(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("samples/degraded")
                    .join(dossier)
                    .join(f),
                dir.join(f),
            )
            .unwrap();
        }
    }
    assert_eq!(a.ingest(&["kho"]).0, Some(0));
    let out = a.tmp.path().join("pdf");
    assert_code(&export(&a.index(), &out, &[]), 0);
    let (pdfs, pages) = check_documents(&a.index(), &out);
    assert_eq!(pages, 6);
    for pdf in &pdfs {
        check_pdfa(pdf);
        for (w, h) in page_sizes(pdf) {
            assert!(
                w < h,
                "{}: every page here is portrait A4 once upright",
                pdf.display()
            );
        }
    }
    // The page a reader sees is the scan turned upright, not merely a page
    // of the right size: compare a rendering with the decoded scan.
    let recs = records(&a.index());
    for (dossier, file) in [
        ("Vũ Văn Hải", "don de nghi.png"),
        ("Lê Thị Mai", "trang 1.jpg"),
    ] {
        let rec = &recs[&(dossier.to_string(), file.to_string(), 0)];
        let turns = rec["preprocess"]["rotation"].as_u64().unwrap() / 90;
        assert!(turns > 0, "{dossier}: turned for OCR");
        let bytes = std::fs::read(a.root().join(dossier).join(file)).unwrap();
        let page = sohoa::preprocess::decode_page(&bytes, 0).unwrap();
        let grey = image::GrayImage::from_raw(page.width, page.height, page.gray).unwrap();
        let upright = match turns {
            1 => image::imageops::rotate90(&grey),
            2 => image::imageops::rotate180(&grey),
            _ => image::imageops::rotate270(&grey),
        };
        let pdf = out
            .join(dossier)
            .read_dir()
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let prefix = a.tmp.path().join("render");
        let o = Command::new("pdftoppm")
            .args([
                "-r",
                "20",
                "-gray",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
            ])
            .arg(&pdf)
            .arg(&prefix)
            .output()
            .unwrap();
        assert!(o.status.success());
        let shown = image::open(prefix.with_extension("png"))
            .unwrap()
            .into_luma8();
        let (w, h) = shown.dimensions();
        let small = |img: &image::GrayImage| {
            image::imageops::resize(img, w, h, image::imageops::FilterType::Triangle)
        };
        let right = diff(&shown, &small(&upright));
        let wrong = diff(&shown, &small(&image::imageops::rotate180(&upright)));
        assert!(
            right < 12.0 && right * 2.0 < wrong,
            "{dossier}: {right} vs {wrong} turned"
        );
    }
    // the scanned PDF's JPEG pages go in as they are (in however many
    // documents the split makes of its pages); the fax is CCITT
    let mut list = String::new();
    for pdf in out.join("Trương Văn Sáu").read_dir().unwrap() {
        list.push_str(&tool("pdfimages", &["-list"], &pdf.unwrap().path()));
    }
    assert_eq!(
        list.lines()
            .filter(|l| l.contains(" 1654 ") && l.contains(" jpeg "))
            .count(),
        2,
        "{list}"
    );
    let fax = out
        .join("Công văn fax")
        .read_dir()
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(tool("pdfimages", &["-list"], &fax).contains(" ccitt "));
}

#[test]
fn export_wants_one_format_and_per_only_with_pdf() {
    let index = samples_index();
    let ix = index.to_str().unwrap();
    let o = run(&["export", "--index", ix]);
    assert_code(&o, 2);
    let o = run(&["export", "--index", ix, "--ndjson", "--per", "dossier"]);
    assert_code(&o, 2);
    let o = run(&["export", "--index", ix, "--ndjson", "--pdf", "/tmp/x"]);
    assert_code(&o, 2);
    // --ndjson is as it was
    let o = run(&["export", "--index", ix, "--ndjson"]);
    assert_code(&o, 0);
    assert!(json_lines(&o).iter().all(|l| l["text"].is_string()));
}
