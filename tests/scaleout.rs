//! Scale-out end to end, real binary and real Tesseract: two shards merged
//! equal a single run; merging again changes nothing; export writes every
//! page.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Every page record of an index's store, keyed by dossier, file and page,
/// without what differs between two OCR runs of the same page (timings).
fn records(index: &Path) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for mut r in page_records(index) {
        let obj = r.as_object_mut().unwrap();
        for k in ["ocr_seconds", "ocr_at"] {
            obj.remove(k);
        }
        if let Some(p) = obj.get_mut("preprocess").and_then(Value::as_object_mut) {
            p.remove("seconds");
        }
        let key = format!("{} {} {}", obj["dossier"], obj["file"], obj["page_in_file"]);
        out.insert(key, r);
    }
    out
}

/// `sohoa merge SOURCES --index INTO --json`: exit code and report.
fn merge(sources: &[&Path], into: &Path) -> (Option<i32>, Value) {
    let o = sohoa()
        .arg("merge")
        .args(sources)
        .arg("--index")
        .arg(into)
        .arg("--json")
        .output()
        .unwrap();
    let report = serde_json::from_str(&stdout(&o)).unwrap_or(Value::Null);
    (o.status.code(), report)
}

fn ingest(root: &Path, index: &Path, extra: &[&str]) -> Value {
    let report = index.with_extension("report.json");
    let o = sohoa()
        .arg("ingest")
        .arg(root)
        .arg("--index")
        .arg(index)
        .arg("--report")
        .arg(&report)
        .args(extra)
        .output()
        .unwrap();
    assert_code(&o, 0);
    serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap()
}

#[test]
fn two_shards_merged_equal_a_single_run() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("kho");
    good_samples_copy(&root);
    let single = tmp.path().join("single");
    let whole = ingest(&root, &single, &[]);

    let (a, b) = (tmp.path().join("shard0"), tmp.path().join("shard1"));
    let r0 = ingest(&root, &a, &["--shard", "0/2"]);
    let r1 = ingest(&root, &b, &["--shard", "1/2"]);
    assert_eq!(r0["shard"], "0/2");
    let (d0, d1) = (
        r0["dossiers"].as_u64().unwrap(),
        r1["dossiers"].as_u64().unwrap(),
    );
    assert_eq!(d0 + d1, whole["dossiers"].as_u64().unwrap());
    assert!(d0 > 0 && d1 > 0, "both shards have work: {d0} {d1}");

    let merged = tmp.path().join("merged");
    let (code, m) = merge(&[&a, &b], &merged);
    assert_eq!(code, Some(0), "{m}");
    assert_eq!(m["dossiers_added"], whole["dossiers"]);
    assert_eq!(m["conflicts"].as_array().unwrap().len(), 0);

    assert_eq!(observable(&merged), observable(&single));
    assert_eq!(records(&merged), records(&single));

    // again: nothing new, nothing lost
    let (code, m) = merge(&[&a, &b], &merged);
    assert_eq!(code, Some(0), "{m}");
    assert_eq!(m["dossiers_added"], 0);
    assert_eq!(m["dossiers_unchanged"], whole["dossiers"]);
    assert_eq!(observable(&merged), observable(&single));

    // a shard re-run after a scan was replaced: the changed dossier
    // conflicts with the merged one and is reported, not silently replaced
    let victim = records(&a)
        .values()
        .next()
        .map(|r| r["dossier"].as_str().unwrap().to_string())
        .unwrap();
    let dir = root.join(&victim);
    let first = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "jpg" || e == "png"))
        .unwrap();
    let other = if victim.contains("Hoàng Thị Lan") {
        HOA
    } else {
        LAN
    };
    std::fs::copy(samples().join(other), &first).unwrap();
    ingest(&root, &a, &["--shard", "0/2"]);
    let (code, m) = merge(&[&a], &merged);
    assert_eq!(code, Some(1), "{m}");
    assert_eq!(m["conflicts"][0]["dossier"], victim.as_str());
    assert_eq!(observable(&merged), observable(&single));
}

#[test]
fn export_writes_every_page_with_fields_and_folded_text() {
    let a = Archive::two_dossiers_ingested();
    let o = sohoa()
        .args(["export", "--ndjson", "--index", a.index().to_str().unwrap()])
        .output()
        .unwrap();
    assert_code(&o, 0);
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 2);
    let hoa = lines
        .iter()
        .find(|l| l["dossier"] == "hồ sơ 1")
        .expect("hồ sơ 1 exported");
    assert_eq!(hoa["page"], 1);
    assert_eq!(hoa["file"], "trang 1.png");
    assert!(hoa["text"].as_str().unwrap().contains("Nguyễn Thị Hoa"));
    assert!(hoa["text_folded"]
        .as_str()
        .unwrap()
        .contains("nguyen thi hoa"));
    assert!(hoa["fields"]["full_name"]
        .as_array()
        .unwrap()
        .contains(&Value::from("Nguyễn Thị Hoa")));
    // export without --ndjson is a usage error, not a guess
    let o = run(&["export", "--index", a.index().to_str().unwrap()]);
    assert_code(&o, 2);
}
