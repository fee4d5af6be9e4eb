//! End-to-end tests: the real `sohoa` binary, real Tesseract, a real
//! tantivy index on disk, on the checked-in `samples/`.
//!
//! OCR of the samples takes a while, so one ingest into a temporary index is
//! shared by the tests that only read it (`samples_index`); tests that need
//! their own run build small dossiers in their own temp dirs.

mod common;

use common::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

struct Ingested {
    _tmp: tempfile::TempDir,
    index: PathBuf,
    output: Output,
    report: Value,
    before: BTreeMap<PathBuf, (String, u64)>,
}

/// One ingest of samples/ with 2 jobs, shared by the read-only tests.
fn samples_index() -> &'static Ingested {
    static ONCE: OnceLock<Ingested> = OnceLock::new();
    ONCE.get_or_init(|| {
        let before = fingerprint(&samples());
        let tmp = tempfile::tempdir().unwrap();
        let index = tmp.path().join("index");
        let report_path = tmp.path().join("report.json");
        let output = sohoa()
            .arg("ingest")
            .arg(samples())
            .arg("--index")
            .arg(&index)
            .args(["--jobs", "2", "--report"])
            .arg(&report_path)
            .output()
            .unwrap();
        let report = serde_json::from_slice(&std::fs::read(&report_path).unwrap()).unwrap();
        Ingested {
            _tmp: tmp,
            index,
            output,
            report,
            before,
        }
    })
}

fn idx() -> &'static str {
    samples_index().index.to_str().unwrap()
}

fn show(id: &str) -> Value {
    let o = run(&["show", id, "--index", idx(), "--json"]);
    assert_code(&o, 0);
    serde_json::from_str(&stdout(&o)).expect("one JSON object")
}

fn search(q: &str) -> Vec<Value> {
    let o = run(&["search", q, "--index", idx(), "--json", "--limit", "5"]);
    assert_code(&o, 0);
    json_lines(&o)
}

#[test]
fn ingest_of_samples_reports_the_bad_file_and_exits_1() {
    let run = samples_index();
    let stderr = String::from_utf8_lossy(&run.output.stderr);
    assert_eq!(run.output.status.code(), Some(1), "{stderr}");
    let failures = run.report["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 1, "{failures:?}");
    let path = failures[0]["path"].as_str().unwrap();
    assert!(path.ends_with("Phạm Quốc Hùng/trang 2.jpg"), "{path}");
    assert!(!failures[0]["reason"].as_str().unwrap().is_empty());
    assert!(
        stderr.contains("trang 2.jpg"),
        "failure named on stderr: {stderr}"
    );
    // 6 dossiers (9 pages) + 9 (9 pages) from samples/gen_fields.py + 3
    // (8 pages) from samples/gen_documents.py.
    assert_eq!(run.report["dossiers"], 18);
    assert_eq!(run.report["pages_ok"], 26);
    assert_eq!(run.report["pages_failed"], 1);
    assert_eq!(
        run.report["files_skipped"], 1,
        "ghi chú.txt (hidden .DS_Store ignored)"
    );
    assert!(run.report["seconds"].as_f64().unwrap() > 0.0);
}

#[test]
fn ingest_leaves_sources_byte_identical() {
    let run = samples_index();
    assert_eq!(fingerprint(&samples()), run.before);
}

#[test]
fn list_shows_every_dossier_with_page_counts() {
    let o = run(&["list", "--index", idx(), "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let rows = json_lines(&o);
    let got: Vec<(String, u64, String)> = rows
        .iter()
        .map(|r| {
            (
                r["dossier"].as_str().unwrap().to_string(),
                r["pages"].as_u64().unwrap(),
                r["doc_type"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("bien-ban/Xác minh Đoàn Văn Toàn", 1, "bien_ban"),
        ("don-de-nghi/Quách Thị Mai", 1, "don_de_nghi"),
        ("don-de-nghi/Quách Thị Mai (bản sao)", 1, "don_de_nghi"),
        ("giay-chung-nhan/Vương Thị Nga", 1, "giay_chung_nhan"),
        (
            "ho-ngheo/Danh sách hộ nghèo xã Văn Môn 2024",
            3,
            "danh_sach",
        ),
        ("ho-ngheo/Nguyễn Thị Hoa", 1, "don_de_nghi"),
        ("ho-tich/Khai sinh Đặng Minh Khôi", 1, "trich_luc_khai_sinh"),
        ("ho-tro-thue-nha/Danh sách tháng 6-2022", 2, "danh_sach"),
        ("lao-dong-ngoai-nuoc/Phạm Quốc Hùng", 1, "hop_dong"),
        ("nguoi-co-cong/Hoàng Thị Lan", 1, "giay_chung_nhan"),
        ("nguoi-co-cong/Nông Thị Huệ", 3, "don_de_nghi"),
        ("nguoi-co-cong/Trần Văn Bảy", 3, "quyet_dinh"),
        ("quyet-dinh/QĐ 08-2023 Thái Thị Thu", 1, "quyet_dinh"),
        ("quyet-dinh/QĐ 312 Vương Văn Hải", 1, "quyet_dinh"),
        ("quyet-dinh/QĐ 415 Lý Văn Cường", 2, "quyet_dinh"),
        (
            "the-bhyt/Danh sách cấp thẻ BHYT xã Hạp Lĩnh",
            1,
            "danh_sach",
        ),
        ("to-trinh/TTr 45 hỗ trợ Huỳnh Thị Bích", 1, "to_trinh"),
        ("tre-em/Lò Văn Minh", 1, "bien_ban"),
    ];
    let want: Vec<(String, u64, String)> = want
        .iter()
        .map(|(d, p, t)| (d.to_string(), *p, t.to_string()))
        .collect();
    assert_eq!(got, want);
    for r in &rows {
        let path = Path::new(r["path"].as_str().unwrap());
        assert!(path.is_absolute() && path.is_dir(), "{path:?}");
    }
}

#[test]
fn show_gives_fields_and_pages_in_natural_order() {
    let v = show("nguoi-co-cong/Trần Văn Bảy");
    assert_eq!(v["dossier"], "nguoi-co-cong/Trần Văn Bảy");
    assert_eq!(v["doc_type"], "quyet_dinh");
    let fields = &v["fields"];
    // (OCR may misread a capital mark once, "TRẤN"; the name is read right elsewhere.)
    assert!(fields["full_name"]
        .as_array()
        .unwrap()
        .contains(&"Trần Văn Bảy".into()));
    assert!(fields["citizen_id"]
        .as_array()
        .unwrap()
        .contains(&"027048001234".into()));
    assert!(fields["date_of_birth"]
        .as_array()
        .unwrap()
        .contains(&"1948-05-12".into()));
    assert_eq!(fields["document_no"][0], "245/QĐ-SLĐTBXH");
    assert_eq!(fields["signed_date"][0], "2022-11-26");
    let pages = v["pages"].as_array().unwrap();
    let files: Vec<&str> = pages.iter().map(|p| p["file"].as_str().unwrap()).collect();
    assert_eq!(files, vec!["trang 1.jpg", "trang 2.jpg", "trang 10.jpg"]);
    for (i, p) in pages.iter().enumerate() {
        assert_eq!(p["page"], i as u64 + 1);
        assert!(p["confidence"].as_f64().unwrap() > 50.0);
        let text = sohoa::text::fold(p["text"].as_str().unwrap());
        assert!(text.contains("tran van bay"), "page {}: {text}", i + 1);
    }
}

#[test]
fn show_counts_each_page_of_a_multipage_tiff() {
    let v = show("ho-tro-thue-nha/Danh sách tháng 6-2022");
    let pages = v["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0]["file"], pages[1]["file"]);
    assert_eq!(pages[1]["page"], 2);
    assert!(pages[1]["text"]
        .as_str()
        .unwrap()
        .contains("Trần Thị Phương"));
}

#[test]
fn search_without_tone_marks_finds_the_person() {
    let hits = search("tran van bay");
    assert_eq!(hits[0]["dossier"], "nguoi-co-cong/Trần Văn Bảy", "{hits:?}");
    // The snippet marks the toned words the toneless query matched.
    let snippet = hits[0]["snippet"].as_str().unwrap();
    let marked: Vec<String> = snippet
        .split("**")
        .skip(1)
        .step_by(2)
        .flat_map(|m| m.split(' ').map(sohoa::text::fold).collect::<Vec<_>>())
        .collect();
    assert!(marked.len() >= 3, "{snippet}");
    assert!(
        snippet.contains("Bảy**") || snippet.contains("BẢY**"),
        "{snippet}"
    );
    for word in ["tran", "van", "bay"] {
        assert!(marked.iter().any(|m| m == word), "{word} in {snippet}");
    }
    // The page named is the page the snippet comes from.
    let page = hits[0]["page"].as_u64().unwrap() as usize;
    let v = show("nguoi-co-cong/Trần Văn Bảy");
    let text = v["pages"][page - 1]["text"].as_str().unwrap();
    assert!(sohoa::text::fold(text).contains("van bay"), "{text}");
    for key in ["dossier", "path", "score", "page", "snippet"] {
        assert!(hits[0].get(key).is_some(), "key {key}");
    }
}

#[test]
fn search_with_tone_marks_ranks_exact_spelling_first() {
    let hits = search("Nguyễn Thị Hoa");
    assert_eq!(hits[0]["dossier"], "ho-ngheo/Nguyễn Thị Hoa", "{hits:?}");
    let toneless = search("nguyen thi hoa");
    assert!(toneless
        .iter()
        .take(3)
        .any(|h| h["dossier"] == "ho-ngheo/Nguyễn Thị Hoa"));
    // Exact marks score above the same words folded.
    assert!(hits[0]["score"].as_f64().unwrap() > toneless[0]["score"].as_f64().unwrap());
}

#[test]
fn search_finds_a_name_inside_a_tiff_list_on_its_page() {
    let hits = search("tran thi phuong");
    assert_eq!(
        hits[0]["dossier"], "ho-tro-thue-nha/Danh sách tháng 6-2022",
        "{hits:?}"
    );
    assert_eq!(hits[0]["page"], 2);
    assert_eq!(hits[0]["file"], "DS thuê nhà T6-2022.tif");
    assert_eq!(hits[0]["file_page"], 2);
}

#[test]
fn search_gives_one_result_per_dossier() {
    let hits = search("cộng hòa xã hội chủ nghĩa");
    let mut ids: Vec<&str> = hits
        .iter()
        .map(|h| h["dossier"].as_str().unwrap())
        .collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n);
    assert!(n >= 3);
}

#[test]
fn eval_on_samples_meets_the_accuracy_bar() {
    let truth = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/truth");
    let o = sohoa()
        .args(["eval", "--json", "--index", idx(), "--truth"])
        .arg(&truth)
        .output()
        .unwrap();
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["cer_checked"].as_f64().unwrap() <= 0.01, "{v}");
    assert_eq!(v["pages_over_limit"], 0, "{v}");
    assert_eq!(o.status.code(), Some(0), "{v}");
    // Every document boundary of the samples right, none made up.
    let s = &v["segmentation"];
    assert_eq!(s["dossiers"], 18, "every truth lists its documents: {s}");
    assert!(s["boundaries_expected"].as_u64().unwrap() >= 4, "{s}");
    assert_eq!(s["boundaries_found"], s["boundaries_expected"], "{s}");
    assert_eq!(s["boundaries_extra"], 0, "{s}");
    assert_eq!(s["gaps_right"], s["gaps"], "{s}");
    assert_eq!(s["dossiers_right"], s["dossiers"], "{s}");
    assert_eq!(s["documents_found"], s["documents_expected"], "{s}");
    // The text report says it too.
    let o = sohoa()
        .args(["eval", "--index", idx(), "--truth"])
        .arg(&truth)
        .output()
        .unwrap();
    let text = stdout(&o);
    let want = format!(
        "boundaries right: {0}/{0} found, 0 extra",
        s["boundaries_expected"]
    );
    assert!(text.contains(&want), "{text}");
}

/// A dossier holding several documents lists each with its own pages,
/// type, number, date, issuer, summary and signer; one holding a single
/// document lists it with the dossier's own values.
#[test]
fn show_lists_the_documents_of_a_dossier() {
    let v = show("nguoi-co-cong/Nông Thị Huệ");
    let docs = v["documents"].as_array().unwrap();
    let brief: Vec<(Value, Value, Value, Value)> = docs
        .iter()
        .map(|d| {
            (
                d["pages"].clone(),
                d["doc_type"].clone(),
                d["document_no"].clone(),
                d["signed_date"].clone(),
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            (
                json!([1, 1]),
                json!("don_de_nghi"),
                Value::Null,
                json!("2023-04-03")
            ),
            (
                json!([2, 2]),
                json!("giay_chung_nhan"),
                json!("1342/GCN-SLĐTBXH"),
                json!("2023-04-20")
            ),
            (
                json!([3, 3]),
                json!("quyet_dinh"),
                json!("356/QĐ-SLĐTBXH"),
                json!("2023-04-25")
            ),
        ]
    );
    assert_eq!(docs[0]["issuer"], Value::Null);
    assert_eq!(
        docs[0]["summary"],
        "Giải quyết chế độ trợ cấp tuất hàng tháng"
    );
    assert_eq!(docs[2]["issuer"], "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI");
    assert_eq!(
        docs[2]["summary"],
        "Về việc trợ cấp tuất hàng tháng đối với thân nhân của liệt sĩ Hà Văn Thụ"
    );
    assert_eq!(docs[2]["signer"], "Nguyễn Đức Thành");
    assert_eq!(docs[2]["people"], json!(["Nông Thị Huệ"]));
    // The dossier's fields stay those of all its pages.
    assert_eq!(v["fields"]["document_no"].as_array().unwrap().len(), 2);

    let v = show("quyet-dinh/QĐ 415 Lý Văn Cường");
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 1, "a two-page decision is one document");
    assert_eq!(docs[0]["pages"], json!([1, 2]));
    assert_eq!(docs[0]["signer"], "Chu Văn Thắng");
    let v = show("ho-ngheo/Danh sách hộ nghèo xã Văn Môn 2024");
    let pages: Vec<&Value> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["pages"])
        .collect();
    assert_eq!(
        pages,
        [&json!([1, 3])],
        "the appendix «kèm theo» the list is part of it"
    );
    assert_eq!(v["documents"][0]["doc_type"], "danh_sach");

    // Every dossier of one document: the dossier's first values.
    for row in json_lines(&run(&["list", "--index", idx(), "--json"])) {
        let id = row["dossier"].as_str().unwrap();
        let v = show(id);
        let docs = v["documents"].as_array().unwrap();
        let pages = v["pages"].as_array().unwrap().len();
        assert_eq!(docs[0]["pages"][0], 1, "{id}");
        assert_eq!(docs.last().unwrap()["pages"][1], pages, "{id}");
        if docs.len() == 1 {
            for key in ["doc_type", "document_no", "signed_date", "issuer"] {
                let first = v["fields"][key].get(0).cloned().unwrap_or(Value::Null);
                assert_eq!(docs[0][key], first, "{id}: {key}");
            }
        }
    }
}

/// A hit names the document of its page.
#[test]
fn a_hit_names_its_document() {
    let hits = search("027150008821");
    let hit = &hits[0];
    assert_eq!(hit["dossier"], "nguoi-co-cong/Nông Thị Huệ", "{hits:?}");
    let doc = &hit["document"];
    let page = hit["page"].as_u64().unwrap();
    assert_eq!(doc["of"], 3, "{hit}");
    assert_eq!(doc["index"], page, "one document a page: {hit}");
    assert_eq!(doc["pages"], json!([page, page]));
    let shown = show("nguoi-co-cong/Nông Thị Huệ");
    let listed = &shown["documents"][page as usize - 1];
    assert_eq!(doc["doc_type"], listed["doc_type"]);
    assert_eq!(doc["document_no"], listed["document_no"]);
    // A dossier of one document: 1 of 1, all its pages.
    let hit = &search("huynh thi bich")[0];
    assert_eq!(hit["document"]["index"], 1, "{hit}");
    assert_eq!(hit["document"]["of"], 1, "{hit}");
    assert_eq!(hit["document"]["doc_type"], "to_trinh", "{hit}");
    // The text output names it when the dossier holds several.
    let o = run(&["search", "tran van bay", "--index", idx(), "--limit", "1"]);
    let text = stdout(&o);
    assert!(text.contains("document "), "{text}");
}

#[test]
fn bad_queries_do_not_fail() {
    for q in [
        "\"",
        "-",
        "\"unbalanced",
        "a\u{7}b",
        &"x".repeat(10_000),
        "",
    ] {
        let o = run(&["search", q, "--index", idx(), "--json"]);
        assert_eq!(o.status.code(), Some(0), "{q:?}");
    }
}

/// A fresh dossier: a real page from the samples, a garbage file and an
/// empty one. The run goes on, names both bad files, exits 1; a second run
/// does no OCR; reindex rebuilds the same search from the store alone.
#[test]
fn bad_files_rerun_and_reindex() {
    let tmp = tempfile::tempdir().unwrap();
    let dossier = tmp.path().join("kho/Hoàng Thị Lan");
    std::fs::create_dir_all(&dossier).unwrap();
    let src = samples().join("nguoi-co-cong/Hoàng Thị Lan/giay chung nhan.png");
    std::fs::copy(&src, dossier.join("trang 1.PNG")).unwrap();
    std::fs::write(dossier.join("trang 2.jpg"), b"this is not a picture").unwrap();
    std::fs::write(dossier.join("trang 3.tif"), b"").unwrap();
    let index = tmp.path().join("index");
    let report = tmp.path().join("r.json");
    let ingest = || {
        sohoa()
            .arg("ingest")
            .arg(tmp.path().join("kho"))
            .arg("--index")
            .arg(&index)
            .arg("--report")
            .arg(&report)
            .output()
            .unwrap()
    };
    let o = ingest();
    assert_code(&o, 1);
    let r: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let mut failed: Vec<String> = r["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let p = f["path"].as_str().unwrap();
            Path::new(p)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    failed.sort();
    assert_eq!(failed, vec!["trang 2.jpg", "trang 3.tif"]);
    assert_eq!(r["pages_ok"], 1);
    assert_eq!(r["pages_ocr"], 1);

    let o = ingest();
    assert_eq!(o.status.code(), Some(1));
    let r: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(r["pages_ocr"], 0, "unchanged page is not OCR'd again");
    assert_eq!(r["pages_unchanged"], 1);

    let ix = index.to_str().unwrap();
    let before = stdout(&run(&["search", "hoang thi lan", "--index", ix, "--json"]));
    // Lose the whole search index: only the store is left.
    for entry in std::fs::read_dir(&index).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name().to_string_lossy().starts_with("tantivy") {
            std::fs::remove_dir_all(entry.path()).unwrap();
        }
    }
    std::fs::remove_file(index.join("sohoa-index.json")).unwrap();
    let o = run(&["reindex", "--index", ix]);
    assert_code(&o, 0);
    let after = stdout(&run(&["search", "hoang thi lan", "--index", ix, "--json"]));
    assert!(before.contains("Hoàng Thị Lan"), "{before}");
    assert_eq!(before, after);
}

#[test]
fn unusable_arguments_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nope");
    let m = missing.to_str().unwrap();
    assert_eq!(run(&["ingest", m, "--index", m]).status.code(), Some(2));
    assert_eq!(run(&["search", "x", "--index", m]).status.code(), Some(2));
    assert_eq!(run(&["list", "--index", m]).status.code(), Some(2));
    assert_eq!(run(&["show", "x", "--index", idx()]).status.code(), Some(2));
    assert_eq!(run(&["ingest"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn rerun_follows_renamed_and_removed_files_without_ocr() {
    let a = Archive::new();
    let first = a.page("hồ sơ", "trang 1.png", HOA);
    a.page("hồ sơ", "trang 2.png", LAN);
    let (code, r) = a.ingest(&["kho"]);
    assert_eq!(code, Some(0));
    assert_eq!(r["pages_ocr"], 2);

    // Renamed: same content under a new name is not OCR'd again, and the old
    // name does not linger.
    std::fs::rename(&first, a.root().join("hồ sơ/trang 3.png")).unwrap();
    let (code, r) = a.ingest(&["kho"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        (r["pages_ocr"].as_u64(), r["pages_unchanged"].as_u64()),
        (Some(0), Some(2))
    );
    assert_eq!(
        files_of(&a.show("hồ sơ")),
        vec!["trang 2.png", "trang 3.png"]
    );

    // Removed: its page leaves the dossier.
    std::fs::remove_file(a.root().join("hồ sơ/trang 2.png")).unwrap();
    let (code, _) = a.ingest(&["kho"]);
    assert_eq!(code, Some(0));
    let v = a.show("hồ sơ");
    assert_eq!(files_of(&v), vec!["trang 3.png"]);
    let o = run(&["list", "--index", a.index().to_str().unwrap(), "--json"]);
    assert_eq!(json_lines(&o)[0]["pages"], 1);
}

#[test]
fn a_folder_given_twice_is_ocrd_once_and_the_index_is_not_scanned() {
    let a = Archive::new();
    a.page("hồ sơ", "trang 1.png", HOA);
    // The index lies inside the root being ingested.
    let report = a.tmp.path().join("r.json");
    let o = sohoa()
        .current_dir(a.tmp.path())
        .args([
            "ingest",
            "kho",
            "kho",
            "kho/hồ sơ",
            "--index",
            "kho/index",
            "--report",
        ])
        .arg(&report)
        .output()
        .unwrap();
    assert_code(&o, 0);
    let r: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(r["pages_ocr"], 1);
    assert_eq!(r["dossiers"], 1);
    assert_eq!(
        r["files_skipped"], 0,
        "store records are not scanned as input"
    );
}

#[test]
fn the_same_id_from_two_folders_is_refused_not_merged() {
    let a = Archive::new();
    a.page("2021/ho-ngheo/A", "trang 1.png", HOA);
    a.page("2022/ho-ngheo/A", "trang 1.png", LAN);
    let (code, _) = a.ingest(&["kho/2021"]);
    assert_eq!(code, Some(0));
    let (code, r) = a.ingest(&["kho/2022"]);
    assert_eq!(code, Some(1));
    let reason = r["failures"][0]["reason"].as_str().unwrap();
    assert!(reason.contains("already belongs to"), "{reason}");
    // The first folder's dossier is intact.
    let v = a.show("ho-ngheo/A");
    assert!(v["path"].as_str().unwrap().contains("2021"));
    assert!(v["pages"][0]["text"]
        .as_str()
        .unwrap()
        .contains("Nguyễn Thị Hoa"));
}

#[test]
fn reindex_replaces_an_index_of_another_schema_version() {
    let a = Archive::new();
    a.page("hồ sơ", "trang 1.png", HOA);
    assert_eq!(a.ingest(&["kho"]).0, Some(0));
    let ix = a.index();
    std::fs::write(ix.join("sohoa-index.json"), br#"{"schema_version": 999}"#).unwrap();
    let o = run(&["search", "hoa", "--index", ix.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("sohoa reindex"));
    let o = run(&["reindex", "--index", ix.to_str().unwrap()]);
    assert_code(&o, 0);
    let o = run(&[
        "search",
        "nguyen thi hoa",
        "--index",
        ix.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(json_lines(&o)[0]["dossier"], "hồ sơ");
    // reindex never invents an index where there is no store.
    let nowhere = a.tmp.path().join("typo");
    assert_eq!(
        run(&["reindex", "--index", nowhere.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
    assert!(!nowhere.exists());
}

#[test]
fn huge_limits_and_offsets_are_answered() {
    for args in [
        ["--limit", "18446744073709551615"],
        ["--offset", "18446744073709551615"],
        ["--limit", "1000000000"],
    ] {
        let o = run(&[
            "search",
            "tran",
            "--index",
            idx(),
            "--json",
            args[0],
            args[1],
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}
