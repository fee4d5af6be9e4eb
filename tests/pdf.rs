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
//!
//! The checks themselves (an export against the store, the PDF/A rules,
//! and reading a PDF with those tools) are in `pdf_check/`; this file has
//! the export runs.

mod common;
mod pdf_check;

use common::*;
use pdf_check::*;
use serde_json::Value;
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
