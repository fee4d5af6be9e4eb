//! Search as officers type it, end to end: the real binary on a real index
//! of samples/ (real Tesseract OCR): names with and without tone marks, old
//! and new tone placement, OCR-like slips, Telex, numbers grouped any way,
//! document numbers, phrases, fielded queries, filters, facets and bad input.

mod common;

use common::*;
use serde_json::Value;

const BAY: &str = "nguoi-co-cong/Trần Văn Bảy";
const HOA: &str = "ho-ngheo/Nguyễn Thị Hoa";
const LIST: &str = "ho-tro-thue-nha/Danh sách tháng 6-2022";
const HUNG: &str = "lao-dong-ngoai-nuoc/Phạm Quốc Hùng";
const MINH: &str = "tre-em/Lò Văn Minh";

fn index() -> &'static str {
    samples_index().to_str().unwrap()
}

fn search(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--index", index(), "--json"]);
    let o = run(&all);
    assert_code(&o, 0);
    json_lines(&o)
}

fn dossiers(q: &str) -> Vec<String> {
    search(&[q])
        .iter()
        .map(|h| h["dossier"].as_str().unwrap().to_string())
        .collect()
}

/// `q` puts `dossier` within the first `top` results.
fn assert_top(q: &str, dossier: &str, top: usize) {
    let got = dossiers(q);
    let pos = got.iter().position(|d| d == dossier);
    assert!(
        pos.is_some_and(|p| p < top),
        "{q:?}: {dossier} not in the top {top}: {got:?}"
    );
}

#[test]
fn names_with_or_without_tones_and_in_any_unicode_form() {
    assert_top("tran van bay", BAY, 1);
    assert_top("TRẦN VĂN BẢY", BAY, 1);
    assert_top("Tra\u{0302}\u{0300}n Va\u{0306}n Ba\u{0309}y", BAY, 1); // NFD
    assert_top("lo van minh", MINH, 1);
    assert_top("pham quoc hung", HUNG, 1);
    assert_top("tran thi phuong", LIST, 1);
    assert_top("do thu giang", LIST, 1); // đ typed as d
}

#[test]
fn old_and_new_tone_placement_score_alike() {
    let old = search(&["cộng hoà"]);
    let new = search(&["cộng hòa"]);
    assert!(!new.is_empty());
    let key = |v: &Vec<Value>| -> Vec<(String, String)> {
        v.iter()
            .map(|h| (h["dossier"].to_string(), format!("{:.3}", h["score"])))
            .collect()
    };
    assert_eq!(key(&old), key(&new));
    assert!(old[0]["snippet"].as_str().unwrap().contains("**"));
}

#[test]
fn slips_and_telex_still_find_the_person() {
    // One letter swapped, dropped or wrong in a 4+ letter syllable.
    assert_top("Lò Văn Mihn", MINH, 1);
    assert_top("Pham Quoc Hugn", HUNG, 1);
    assert_top("Ngyuen Thi Hoa", HOA, 3);
    // Telex left in the query.
    assert_top("Nguyeenx Thij Hoa", HOA, 3);
    let hits = search(&["Lò Văn Mihn"]);
    assert!(
        hits[0]["snippet"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("minh**"),
        "{}",
        hits[0]["snippet"]
    );
}

#[test]
fn numbers_and_document_numbers_however_typed() {
    for q in [
        "027 048 001 234",
        "027.048.001.234",
        "027-048-001-234",
        "027048001234",
        "cccd:027048001234",
        "cccd:\"027 048 001 234\"",
        "245/QĐ-SLĐTBXH",
        "245/qd-sldtbxh",
        "so:245/QĐ-SLĐTBXH",
        "so:\"245 / QD - SLDTBXH\"",
    ] {
        assert_top(q, BAY, 1);
    }
    assert_top("027 185 705 974", LIST, 1); // a row of the TIFF list
}

#[test]
fn phrases_and_proximity() {
    assert_top("\"tiền thuê nhà\"", LIST, 1);
    assert_top("tiền thuê nhà 2022", LIST, 1);
    // The name as a whole outranks its syllables scattered over a list.
    let hits = dossiers("tran van bay");
    assert_eq!(hits[0], BAY);
    // A quoted phrase that is nowhere gives nothing.
    assert!(dossiers("\"bảy văn trần\"").is_empty());
    // Fielded name.
    assert_top("ten:\"Trần Văn Bảy\"", BAY, 1);
}

#[test]
fn filters_restrict_and_facets_count() {
    let all = search(&["cộng hòa", "--facets", "--limit", "100"]);
    let (hits, tail) = all.split_at(all.len() - 1);
    let facets = &tail[0];
    assert_eq!(facets["total"], hits.len());
    let by_type: u64 = facets["facets"]["type"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(by_type, hits.len() as u64);

    let typed = dossiers("cộng hòa loai:hop_dong");
    assert_eq!(typed, vec![HUNG]);
    let flag = search(&["cộng hòa", "--type", "hop_dong"]);
    assert_eq!(flag.len(), 1);
    assert_eq!(flag[0]["dossier"], HUNG);

    let y2022 = dossiers("nam:2022");
    assert!(y2022.contains(&BAY.to_string()), "{y2022:?}");
    assert!(!y2022.contains(&HUNG.to_string()), "{y2022:?}");
    let range = dossiers("nam:2020..2023");
    assert!(range.len() > y2022.len(), "{range:?}");
    let flag = search(&["", "--year", "2022"]);
    assert_eq!(flag.len(), y2022.len());
    assert!(dossiers("loai:quyet_dinh nam:1990").is_empty());
    // A bad --year is a usage error (exit 2), not a crash.
    let o = run(&["search", "x", "--year", "soon", "--index", index()]);
    assert_code(&o, 2);
}

#[test]
fn paging_walks_through_the_dossiers_once() {
    let all = dossiers("cộng hòa");
    assert!(all.len() >= 4, "{all:?}");
    let mut paged = Vec::new();
    for offset in 0..all.len() {
        let o = search(&["cộng hòa", "--limit", "1", "--offset", &offset.to_string()]);
        paged.push(o[0]["dossier"].as_str().unwrap().to_string());
    }
    assert_eq!(paged, all);
}

#[test]
fn bad_queries_get_an_answer_not_a_crash() {
    let long = "nguyễn ".repeat(2_000);
    for q in [
        "\"",
        "\"tran van",
        "-",
        " - - ",
        "\u{7}\u{1b}[31m\u{8}",
        "ten:",
        "nam:abc",
        "loai:",
        "so:\"",
        long.as_str(),
        "((((",
        "*",
    ] {
        let o = run(&["search", q, "--index", index(), "--json", "--facets"]);
        assert_code(&o, 0);
        let lines = json_lines(&o);
        assert!(lines.last().unwrap()["total"].is_u64(), "{q:?}");
    }
    // An unbalanced quote reads as a phrase to the end.
    assert_top("\"tran van bay", BAY, 1);
}
