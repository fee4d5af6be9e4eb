//! Field extraction end to end: a real scan through the real binary
//! (Tesseract, page store, tantivy), then `show --json` and `review --json`.

mod common;

use common::*;
use serde_json::Value;

/// The certificate of Vương Thị Nga (samples/gen_fields.py) prints a CCCD
/// whose gender digit says male for a woman: it must come out as printed,
/// linked to her in `records`, failed in `checks`, and listed by `review`.
#[test]
fn a_cccd_that_contradicts_the_persons_gender_is_kept_flagged_and_reviewed() {
    let a = Archive::new();
    a.page(
        "nguoi-co-cong/Vương Thị Nga",
        "gcn.jpg",
        "giay-chung-nhan/Vương Thị Nga/gcn.jpg",
    );
    // A second dossier with nothing wrong in it: review must not list it.
    a.page("ho-ngheo/Nguyễn Thị Hoa", "trang 1.png", HOA);
    assert_eq!(a.ingest(&["kho"]).0, Some(0));

    let v = a.show("nguoi-co-cong/Vương Thị Nga");
    assert_eq!(
        v["fields"]["citizen_id"],
        serde_json::json!(["027060003481"])
    );
    let records = v["records"].as_array().expect("records array");
    let nga = records
        .iter()
        .find(|r| r["full_name"] == "Vương Thị Nga")
        .unwrap_or_else(|| panic!("a record for her: {records:?}"));
    assert_eq!(nga["citizen_id"], "027060003481");
    assert_eq!(nga["gender"], "nu");
    assert_eq!(nga["date_of_birth"], "1960");
    assert_eq!(nga["page"], 1);

    let checks = v["checks"].as_array().expect("checks array");
    let check = |key: &str, value: &str| -> &Value {
        checks
            .iter()
            .find(|c| c["key"] == key && c["value"] == value)
            .unwrap_or_else(|| panic!("a check of {key} {value}: {checks:?}"))
    };
    let id = check("citizen_id", "027060003481");
    assert_eq!(id["valid"], false);
    assert!(
        id["reason"].as_str().unwrap().contains("nữ"),
        "the reason names the contradiction: {id}"
    );
    assert_eq!(check("signed_date", "2023-06-15")["valid"], true);
    assert_eq!(check("date_of_birth", "1960")["valid"], true);

    // The other dossier's values all pass.
    let hoa = a.show("ho-ngheo/Nguyễn Thị Hoa");
    let hoa_checks = hoa["checks"].as_array().unwrap();
    assert!(!hoa_checks.is_empty());
    assert!(
        hoa_checks.iter().all(|c| c["valid"] == true),
        "{hoa_checks:?}"
    );

    let o = run(&["review", "--index", a.index().to_str().unwrap(), "--json"]);
    assert_code(&o, 0);
    let items = json_lines(&o);
    assert_eq!(items.len(), 1, "{items:?}");
    let item = &items[0];
    assert_eq!(item["dossier"], "nguoi-co-cong/Vương Thị Nga");
    assert_eq!(item["page"], 1);
    assert_eq!(item["file"], "gcn.jpg");
    assert_eq!(item["key"], "citizen_id");
    assert_eq!(item["value"], "027060003481");
    assert_eq!(item["reason"], id["reason"]);

    // The text form names the same value.
    let text = run(&["review", "--index", a.index().to_str().unwrap()]);
    assert_code(&text, 0);
    assert!(stdout(&text).contains("027060003481"));
}

/// A health-insurance list: one record per table row, each row's card
/// linked to its person, the card with province 99 flagged.
#[test]
fn a_bhyt_list_gives_one_record_per_row_and_flags_the_bad_card() {
    let a = Archive::new();
    a.page(
        "the-bhyt/Hạp Lĩnh",
        "danh sach.png",
        "the-bhyt/Danh sách cấp thẻ BHYT xã Hạp Lĩnh/danh sach.png",
    );
    assert_eq!(a.ingest(&["kho"]).0, Some(0));
    let v = a.show("the-bhyt/Hạp Lĩnh");
    assert_eq!(v["doc_type"], "danh_sach");
    let records = v["records"].as_array().unwrap();
    let named: Vec<&Value> = records
        .iter()
        .filter(|r| r["full_name"].is_string() && r["role"] != "nguoi_ky")
        .collect();
    assert_eq!(named.len(), 12, "{records:#?}");
    // The signer under the list is a record of its own, with the office.
    let signer = records.iter().find(|r| r["role"] == "nguoi_ky");
    assert_eq!(
        signer.map(|s| &s["position"]),
        Some(&Value::from("CHỦ TỊCH"))
    );
    let tai = named
        .iter()
        .find(|r| r["full_name"] == "Quách Văn Tài")
        .expect("row 7");
    assert_eq!(tai["date_of_birth"], "2001-09-19");
    assert_eq!(tai["gender"], "nam");
    let card = tai["health_insurance_no"].as_str().unwrap();
    assert_eq!(&card[3..5], "99");
    let bad: Vec<&Value> = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["valid"] == false)
        .collect();
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!(bad[0]["value"], card);
    assert!(bad[0]["reason"].as_str().unwrap().contains("99"));
}
