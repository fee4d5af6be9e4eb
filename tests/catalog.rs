//! `sohoa export --catalog`, real binary on the ingested samples: the CSV
//! reads back (BOM, every field quoted, CRLF, one column count), holds one
//! row per dossier and per document with the values `show --json` gives,
//! leaves the staff columns empty, says the same as the JSON, and is the
//! same bytes every time; a bad extension or damaged store is reported.
//! Nothing here needs LibreOffice or Excel: the csv crate reads the file.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Columns only archive staff fill: always empty.
const STAFF: [&str; 13] = [
    "Mục lục số",
    "Hộp số",
    "Số và ký hiệu hồ sơ",
    "Mã định danh văn bản",
    "Thời hạn bảo quản",
    "Chế độ sử dụng",
    "Độ mật",
    "Mức độ tin cậy",
    "Ký hiệu thông tin",
    "Từ khóa",
    "Tình trạng vật lý",
    "Bút tích",
    "Ghi chú",
];

/// `export --catalog FILE --index INDEX`: the exit code and stderr.
fn catalog(index: &Path, file: &Path) -> (Option<i32>, String) {
    let o = sohoa()
        .arg("export")
        .arg("--catalog")
        .arg(file)
        .arg("--index")
        .arg(index)
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// The rows of a catalogue CSV as header → value maps, checking the BOM
/// and that every row has the header's column count.
fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    assert!(bytes.starts_with(BOM), "UTF-8 byte-order mark first");
    let mut r = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(&bytes[BOM.len()..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.expect("every row has the header's column count");
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect();
    (header, rows)
}

/// `show --json` of every sample dossier, by id.
fn shown(index: &Path) -> BTreeMap<String, Value> {
    let ix = index.to_str().unwrap();
    json_lines(&run(&["list", "--index", ix, "--json"]))
        .into_iter()
        .map(|d| {
            let id = d["dossier"].as_str().unwrap().to_string();
            let o = run(&["show", &id, "--index", ix, "--json"]);
            assert_code(&o, 0);
            (id, serde_json::from_str(&stdout(&o)).unwrap())
        })
        .collect()
}

/// `YYYY-MM-DD` → `DD/MM/YYYY`, as the catalogue writes dates.
fn vn_date(iso: &Value) -> String {
    match iso.as_str() {
        Some(d) => {
            let p: Vec<&str> = d.split('-').collect();
            assert_eq!(p.len(), 3, "{d}");
            format!("{}/{}/{}", p[2], p[1], p[0])
        }
        None => String::new(),
    }
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

#[test]
fn csv_has_a_row_per_dossier_and_document_with_the_values_show_gives() {
    let index = samples_index();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("mục lục.csv");
    let (code, err) = catalog(index, &file);
    assert_eq!(code, Some(0), "{err}");
    let bytes = std::fs::read(&file).unwrap();
    let (header, rows) = read_csv(&bytes);
    assert_eq!(header[0], "Loại bản ghi");
    for col in STAFF {
        assert!(header.iter().any(|h| h == col), "no column {col}");
    }

    // Every field quoted, CRLF: writing the parsed rows back that way gives
    // the file's bytes.
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    w.write_record(&header).unwrap();
    for row in &rows {
        w.write_record(header.iter().map(|h| &row[h])).unwrap();
    }
    assert!(w.into_inner().unwrap() == bytes, "every field quoted, CRLF");

    let shown = shown(index);
    let dossier_rows: Vec<_> = rows
        .iter()
        .filter(|r| r["Loại bản ghi"] == "Hồ sơ")
        .collect();
    let document_rows: Vec<_> = rows
        .iter()
        .filter(|r| r["Loại bản ghi"] == "Văn bản")
        .collect();
    assert_eq!(dossier_rows.len() + document_rows.len(), rows.len());
    let ids: Vec<&str> = dossier_rows
        .iter()
        .map(|r| r["Mã hồ sơ"].as_str())
        .collect();
    assert_eq!(ids, shown.keys().map(String::as_str).collect::<Vec<_>>());
    let documents: usize = shown
        .values()
        .map(|d| d["documents"].as_array().unwrap().len())
        .sum();
    assert_eq!(document_rows.len(), documents);
    assert!(documents >= shown.len(), "every dossier has a document");

    for row in &rows {
        for col in STAFF {
            assert_eq!(row[col], "", "{col} is for staff: {row:?}");
        }
        assert_eq!(row["Ngôn ngữ"], "Tiếng Việt");
    }
    for d in &dossier_rows {
        let id = &d["Mã hồ sơ"];
        let v = &shown[id];
        assert_eq!(
            d["Số lượng trang"],
            v["pages"].as_array().unwrap().len().to_string()
        );
        assert_eq!(
            d["Tổng số văn bản trong hồ sơ"],
            v["documents"].as_array().unwrap().len().to_string()
        );
        assert_eq!(&d["Mã phông"], id.split('/').next().unwrap());
        assert_eq!(&d["Tiêu đề hồ sơ"], id.rsplit('/').next().unwrap());
        assert_eq!(d["Số lượng tờ"], "", "sheets are not known from scans");
    }

    // Each document row against its document in `show --json`.
    let mut with_number = 0;
    for (id, v) in &shown {
        let docs: Vec<_> = document_rows
            .iter()
            .filter(|r| &r["Mã hồ sơ"] == id)
            .collect();
        let want = v["documents"].as_array().unwrap();
        assert_eq!(docs.len(), want.len(), "{id}");
        for (i, (row, doc)) in docs.iter().zip(want).enumerate() {
            assert_eq!(row["Số thứ tự văn bản trong hồ sơ"], (i + 1).to_string());
            let no = match (
                row["Số của văn bản"].as_str(),
                row["Ký hiệu của văn bản"].as_str(),
            ) {
                ("", "") => String::new(),
                (n, "") => n.to_string(),
                ("", k) => k.to_string(),
                (n, k) => format!("{n}/{k}"),
            };
            assert_eq!(no, s(&doc["document_no"]), "{id}");
            with_number += usize::from(!no.is_empty());
            assert_eq!(
                row["Ngày, tháng, năm văn bản"],
                vn_date(&doc["signed_date"]),
                "{id}"
            );
            assert_eq!(
                row["Tên cơ quan, tổ chức ban hành văn bản"],
                s(&doc["issuer"]),
                "{id}"
            );
            assert_eq!(row["Họ và tên người ký văn bản"], s(&doc["signer"]), "{id}");
            assert_eq!(row["Trích yếu nội dung"], s(&doc["summary"]), "{id}");
            let [first, last] = [0, 1].map(|k| doc["pages"][k].as_u64().unwrap());
            assert_eq!(row["Số lượng trang"], (last - first + 1).to_string());
            assert!(!row["Tên loại văn bản"].is_empty(), "{id}: a type name");
        }
    }
    assert!(
        with_number >= 5,
        "the samples' decisions, reports… have numbers"
    );

    // One dossier spelled out: the decision 312/QĐ-UBND.
    let qd = document_rows
        .iter()
        .find(|r| r["Mã hồ sơ"] == "quyet-dinh/QĐ 312 Vương Văn Hải")
        .expect("the sample decision");
    assert_eq!(qd["Tên loại văn bản"], "Quyết định");
    assert_eq!(qd["Số của văn bản"], "312");
    assert_eq!(qd["Ký hiệu của văn bản"], "QĐ-UBND");
    assert_eq!(qd["Ngày, tháng, năm văn bản"], "09/03/2023");
    let dossier = dossier_rows
        .iter()
        .find(|r| r["Mã hồ sơ"] == "quyet-dinh/QĐ 312 Vương Văn Hải")
        .unwrap();
    assert_eq!(dossier["Thời gian bắt đầu"], "09/03/2023");
    assert_eq!(dossier["Thời gian kết thúc"], "09/03/2023");
    assert!(
        err.contains(&format!("catalogue of {} dossiers", sample_dossiers())),
        "{err}"
    );
}

#[test]
fn json_says_what_the_csv_says_and_both_are_the_same_bytes_every_time() {
    let index = samples_index();
    let tmp = tempfile::tempdir().unwrap();
    let [csv1, csv2, json1, json2]: [PathBuf; 4] =
        ["a.csv", "b.CSV", "a.json", "b.json"].map(|n| tmp.path().join(n));
    for f in [&csv1, &json1, &csv2, &json2] {
        let (code, err) = catalog(index, f);
        assert_eq!(code, Some(0), "{err}");
    }
    let csv_bytes = std::fs::read(&csv1).unwrap();
    assert!(
        csv_bytes == std::fs::read(&csv2).unwrap(),
        "CSV reproducible"
    );
    let json_bytes = std::fs::read(&json1).unwrap();
    assert!(
        json_bytes == std::fs::read(&json2).unwrap(),
        "JSON reproducible"
    );

    let (_, rows) = read_csv(&csv_bytes);
    let v: Value = serde_json::from_slice(&json_bytes).unwrap();
    assert_eq!(v.as_object().unwrap().len(), 1, "{{\"dossiers\": [...]}}");
    let dossiers = v["dossiers"].as_array().unwrap();
    let mut csv_rows = rows.iter();
    for d in dossiers {
        let row = csv_rows.next().unwrap();
        assert_eq!(row["Loại bản ghi"], "Hồ sơ");
        assert_eq!(row["Mã hồ sơ"], s(&d["id"]));
        assert_eq!(row["Mã phông"], s(&d["fonds"]));
        assert_eq!(row["Tiêu đề hồ sơ"], s(&d["title"]));
        assert_eq!(row["Thời gian bắt đầu"], vn_date(&d["start_date"]));
        assert_eq!(row["Thời gian kết thúc"], vn_date(&d["end_date"]));
        assert_eq!(row["Số lượng trang"], d["pages"].to_string());
        assert_eq!(
            row["Tổng số văn bản trong hồ sơ"],
            d["documents_total"].to_string()
        );
        assert!(d["sheets"].is_null());
        for key in ["retention", "access", "confidentiality", "box_no", "notes"] {
            assert!(d[key].is_null(), "{key} is for staff");
        }
        for doc in d["documents"].as_array().unwrap() {
            let row = csv_rows.next().unwrap();
            assert_eq!(row["Loại bản ghi"], "Văn bản");
            assert_eq!(row["Mã hồ sơ"], s(&d["id"]));
            assert_eq!(
                row["Số thứ tự văn bản trong hồ sơ"],
                doc["ordinal"].to_string()
            );
            assert_eq!(row["Tên loại văn bản"], s(&doc["type_name"]));
            assert_eq!(row["Số của văn bản"], s(&doc["number"]));
            assert_eq!(row["Ký hiệu của văn bản"], s(&doc["notation"]));
            assert_eq!(row["Ngày, tháng, năm văn bản"], vn_date(&doc["date"]));
            assert_eq!(
                row["Tên cơ quan, tổ chức ban hành văn bản"],
                s(&doc["issuer"])
            );
            assert_eq!(row["Trích yếu nội dung"], s(&doc["summary"]));
            assert_eq!(
                row["Chức vụ của người ký văn bản"],
                s(&doc["signer_position"])
            );
            assert_eq!(row["Họ và tên người ký văn bản"], s(&doc["signer"]));
            assert_eq!(row["Số lượng trang"], doc["pages"].to_string());
            for key in ["identifier", "access", "confidentiality", "autograph"] {
                assert!(doc[key].is_null(), "{key} is for staff");
            }
        }
    }
    assert!(csv_rows.next().is_none(), "no CSV row the JSON lacks");
}

#[test]
fn a_file_neither_csv_nor_json_is_refused_with_exit_2_and_nothing_written() {
    let tmp = tempfile::tempdir().unwrap();
    for name in ["mục lục.xlsx", "catalogue"] {
        let file = tmp.path().join(name);
        let (code, err) = catalog(samples_index(), &file);
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains(name) && err.contains(".csv or .json"), "{err}");
        assert!(!file.exists());
    }
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        0,
        "no temp file left"
    );
    // No index there: exit 2 as well, nothing written.
    let file = tmp.path().join("x.csv");
    let (code, err) = catalog(&tmp.path().join("no-index"), &file);
    assert_eq!(code, Some(2), "{err}");
    assert!(!file.exists());
}

#[test]
fn a_damaged_store_file_is_named_the_rest_is_catalogued_and_the_exit_is_1() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    for entry in walkdir::WalkDir::new(samples_index()) {
        let entry = entry.unwrap();
        let dest = index.join(entry.path().strip_prefix(samples_index()).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
    // The one page record of the decision 312.
    let damaged = walkdir::WalkDir::new(index.join("store"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .find(|p| {
            std::fs::read(p)
                .ok()
                .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
                .is_some_and(|v| {
                    v["dossier"] == "quyet-dinh/QĐ 312 Vương Văn Hải"
                        && v.get("page_in_file").is_some()
                })
        })
        .expect("a page record of the decision");
    std::fs::write(&damaged, b"{ not json").unwrap();

    let file = tmp.path().join("mục lục.csv");
    let (code, err) = catalog(&index, &file);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains(&damaged.display().to_string()), "{err}");
    assert!(err.contains("1 store files skipped"), "{err}");
    let (_, rows) = read_csv(&std::fs::read(&file).unwrap());
    let dossiers = rows.iter().filter(|r| r["Loại bản ghi"] == "Hồ sơ").count();
    assert_eq!(
        dossiers,
        sample_dossiers(),
        "every dossier is still described"
    );
}

/// How many dossiers the samples hold: folders two levels under
/// `samples/dossiers` (fonds/dossier).
fn sample_dossiers() -> usize {
    std::fs::read_dir(samples())
        .unwrap()
        .flat_map(|fonds| std::fs::read_dir(fonds.unwrap().path()).unwrap())
        .filter(|d| d.as_ref().unwrap().path().is_dir())
        .count()
}
