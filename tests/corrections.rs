//! Staff corrections with the real binary, Tesseract and tantivy: a split
//! and a value corrected with `sohoa correct` are kept in the index folder
//! with who and when, survive `reindex` and a re-run of `ingest`, leave
//! `verify` clean and the source folder untouched; a bad correction changes
//! nothing.

mod common;

use common::*;
use serde_json::Value;

const QD: &str = "quyet-dinh/QĐ 312 Vương Văn Hải/trang 1.jpg";
const ID: &str = "hồ sơ ghép";

fn correct(a: &Archive, args: &[&str]) -> std::process::Output {
    let ix = a.index();
    let mut all = vec!["correct", ID, "--index", ix.to_str().unwrap(), "--json"];
    all.extend_from_slice(args);
    run(&all)
}

fn documents(v: &Value) -> Vec<Value> {
    v["documents"].as_array().unwrap().clone()
}

#[test]
fn corrections_are_kept_applied_and_survive_reindex_and_ingest() {
    let a = Archive::new();
    a.page(ID, "trang 1.png", HOA);
    a.page(ID, "trang 2.jpg", QD);
    assert_eq!(a.ingest(&["kho"]).0, Some(0));
    let sources = fingerprint(&a.root());

    // One document over both pages, whatever the split found.
    let o = correct(&a, &["--split", "1", "--by", "lan"]);
    assert_code(&o, 0);
    let one: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(documents(&one).len(), 1, "{one}");
    assert_eq!(documents(&one)[0]["pages"], serde_json::json!([1, 2]));

    // Two documents, the second described from its own page.
    let o = correct(&a, &["--split", "1,2", "--by", "lan"]);
    assert_code(&o, 0);
    let two = a.show(ID);
    let docs = documents(&two);
    assert_eq!(docs.len(), 2, "{two}");
    assert_eq!(docs[1]["pages"], serde_json::json!([2, 2]));
    assert_eq!(docs[1]["doc_type"], "quyet_dinh", "{}", docs[1]);
    let read_no = docs[1]["document_no"].clone();

    // A value of the second document, with a date typed as on paper.
    let o = correct(
        &a,
        &[
            "--document",
            "2",
            "--set",
            "document_no=312/QĐ-UBND-SỬA",
            "--set",
            "signed_date=5/3/2023",
            "--by",
            "nga",
        ],
    );
    assert_code(&o, 0);
    let check = |v: &Value| {
        let docs = documents(v);
        assert_eq!(docs.len(), 2, "{v}");
        assert_eq!(docs[1]["document_no"], "312/QĐ-UBND-SỬA", "{v}");
        assert_eq!(docs[1]["signed_date"], "2023-03-05", "{v}");
        let c = v["corrections"].as_array().unwrap();
        assert_eq!(c.len(), 4, "{v}");
        assert!(c.iter().all(|c| c["applied"] == true), "{v}");
        assert_eq!(c[2]["by"], "nga");
        assert_eq!(c[2]["change"]["was"], read_no, "the value before is kept");
        assert!(c[0]["at"].as_str().unwrap().ends_with('Z'), "{v}");
    };
    check(&a.show(ID));

    // Rebuilt from the store, then a re-run of ingest: still corrected.
    let ix = a.index();
    assert_code(&run(&["reindex", "--index", ix.to_str().unwrap()]), 0);
    check(&a.show(ID));
    assert_eq!(a.ingest(&["kho"]).0, Some(0));
    check(&a.show(ID));
    assert_code(&run(&["verify", "--index", ix.to_str().unwrap()]), 0);

    // The history, read back; nothing was written beside the scans.
    let o = correct(&a, &["--history"]);
    assert_code(&o, 0);
    check(&serde_json::from_str(&stdout(&o)).unwrap());
    assert_eq!(fingerprint(&a.root()), sources);
}

#[test]
fn a_bad_correction_is_refused_and_changes_nothing() {
    let a = Archive::new();
    a.page(ID, "trang 1.png", HOA);
    a.page(ID, "trang 2.jpg", QD);
    assert_eq!(a.ingest(&["kho"]).0, Some(0));
    let before = a.show(ID);
    for (args, says) in [
        (
            vec!["--split", "1,3", "--by", "lan"],
            "past the dossier's last page",
        ),
        (vec!["--split", "2", "--by", "lan"], "starts on page 1"),
        (
            vec!["--document", "7", "--set", "issuer=UBND", "--by", "lan"],
            "no document starts on page 7",
        ),
        (
            vec![
                "--document",
                "1",
                "--set",
                "signed_date=31/2/2023",
                "--by",
                "lan",
            ],
            "is not a date",
        ),
        (vec!["--set", "colour=red", "--by", "lan"], "is not a field"),
        (vec!["--set", "issuer", "--by", "lan"], "KEY=VALUE"),
        (vec!["--split", "1", "--by", ""], "--by"),
    ] {
        let o = correct(&a, &args);
        assert_code(&o, 2);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(a.show(ID), before);
    assert!(
        !a.index().join("corrections").exists(),
        "nothing recorded for refused corrections"
    );
    // A dossier that is not there is named.
    let ix = a.index();
    let o = run(&[
        "correct",
        "không có",
        "--index",
        ix.to_str().unwrap(),
        "--split",
        "1",
        "--by",
        "lan",
    ]);
    assert_code(&o, 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("không có"));
}

#[test]
fn corrections_are_in_the_audit_log_and_tampering_is_found() {
    let a = Archive::two_dossiers_ingested();
    let ix = a.index();
    let ix = ix.to_str().unwrap();
    let o = run(&[
        "correct",
        "hồ sơ 1",
        "--index",
        ix,
        "--set",
        "gender=nu",
        "--by",
        "lan",
    ]);
    assert_code(&o, 0);
    // A refused correction records nothing.
    let o = run(&["correct", "hồ sơ 2", "--index", ix, "--set", "colour=red"]);
    assert_code(&o, 2);
    let o = run(&[
        "correct",
        "hồ sơ 2",
        "--index",
        ix,
        "--split",
        "1",
        "--by",
        "hung",
    ]);
    assert_code(&o, 0);

    let o = run(&["audit", "verify", "--index", ix]);
    assert_code(&o, 0);
    let o = run(&["audit", "show", "--index", ix, "--json"]);
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0]["user"], "lan");
    assert_eq!(lines[0]["action"], "correct");
    assert_eq!(lines[0]["object"]["dossier"], "hồ sơ 1");
    assert_eq!(lines[0]["object"]["set"], serde_json::json!(["gender=nu"]));
    let o = run(&["audit", "show", "--index", ix, "--json", "--user", "hung"]);
    assert_eq!(json_lines(&o).len(), 1);
    let o = run(&[
        "audit",
        "show",
        "--index",
        ix,
        "--json",
        "--dossier",
        "hồ sơ 1",
    ]);
    assert_eq!(json_lines(&o).len(), 1);

    // Edit the first line: verify exits 1 and names it.
    let file = std::fs::read_dir(a.index().join("audit"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("\"lan\"", "\"hung\"", 1)).unwrap();
    let o = run(&["audit", "verify", "--index", ix, "--json"]);
    assert_code(&o, 1);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["first_bad"]["line"], 1, "{v}");
    assert_eq!(v["first_bad"]["kind"], "edited", "{v}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("line 1"));
}
