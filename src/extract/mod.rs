//! Field extraction: turns the NFC text of a dossier's pages into the
//! structured fields officers search by (document type and number, signing
//! date, the person's name, birth date, gender and ID numbers, phone, amounts,
//! address and issuing body), and the people those values belong to.
//!
//! OCR output of administrative documents is regular enough for label and
//! pattern rules: the header (issuing body, "Số: …", place and date, title)
//! follows Nghị định 30/2020/NĐ-CP, and personal records use a small set of
//! labels ("Họ và tên:", "Ngày sinh:", "Số CCCD:" …). One file a rule:
//! `lines` (the folded copy of a line with its byte map, OCR digit repair),
//! `header` (title and type, number, signing date, issuer), `names`, `table`
//! (list rows), `personal` (birth date, gender, IDs, insurance numbers,
//! phone), `money` and `address`; `out` gathers the values and the people.
//! This file reads a dossier page by page and line by line and hands every
//! line to the rules; `analyse` adds the checks, `layout` rebuilds list rows
//! from word boxes, `documents` splits the dossier into the documents it
//! holds and describes each (`summary`: its trích yếu).
//!
//! Rules read one line at a time; a few look at the next one too: a label
//! that ends its line takes its value from the next line ("… CCCD số" /
//! "027179008123"), and an amount or an address may wrap onto it. Nothing
//! here panics on any input: all slicing goes through char-boundary maps.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

mod address;
mod analyse;
mod checks;
mod documents;
mod doubt;
mod header;
mod layout;
mod lines;
mod money;
mod names;
mod out;
mod personal;
mod suggest;
mod summary;
mod table;
use address::{addresses_of_line, RE_ORIGIN_LABEL};
pub use analyse::{
    analyse, analyse_texts, Analysis, Check, CheckState, Corrected, Document, Record,
};
pub use checks::province_name;
pub use documents::{document_starts, documents_starting_at, starts_of_texts};
pub use header::doc_type_name;
use header::register_number;
use header::{doc_type_from_number, document_numbers, find_title, issuer_of, signed_date_of_line};
use lines::{is_line_break, re, Line};
use money::{amount_across_lines, amounts_of_line};
use names::{names_of_line, title_gender};
use names::{role_of_label, signer_after};
use out::Out;
use personal::{
    citizen_ids_of_line, dobs_of_line, gender_of_line, health_insurance_of_line, phones_of_line,
    social_insurance_of_line,
};
pub use suggest::AddressNow;
use table::{table_row, table_rows_in, Columns};

/// Field keys of the public CLI contract, in this order.
pub const FIELD_KEYS: [&str; 13] = [
    "doc_type",
    "document_no",
    "signed_date",
    "full_name",
    "date_of_birth",
    "gender",
    "citizen_id",
    "social_insurance_no",
    "health_insurance_no",
    "phone",
    "amount_vnd",
    "address",
    "issuer",
];

/// doc_type slugs.
/// `khac` (other) stays last; types are only ever added.
pub const DOC_TYPES: [&str; 22] = [
    "quyet_dinh",
    "to_trinh",
    "cong_van",
    "thong_bao",
    "bao_cao",
    "bien_ban",
    "danh_sach",
    "don_de_nghi",
    "giay_chung_nhan",
    "ban_khai",
    "hop_dong",
    "ke_hoach",
    // Civil-status papers and land certificates that dossiers hold, and
    // the legal texts attached to them.
    "trich_luc_khai_sinh",
    "giay_khai_sinh",
    "giay_chung_nhan_qsdd",
    "nghi_dinh",
    "nghi_quyet",
    "thong_tu",
    "phu_luc",
    // Added later (types are only added): a commune's confirmation and a
    // citizen's declaration form, both common in người có công dossiers.
    "giay_xac_nhan",
    "to_khai",
    "khac",
];

/// Every key of FIELD_KEYS present (possibly empty array), values deduplicated in order of first appearance.
/// Values are JSON strings, except amount_vnd whose values are JSON integers (đồng).
pub type Fields = BTreeMap<String, Vec<serde_json::Value>>;

/// Extract from the pages of one dossier, in dossier order (each &str is one page's NFC text, lines separated by '\n').
/// doc_type always has exactly one value: the type of the first page that has a recognisable title, else "khac".
///
/// When no page has a title line, the first page whose own document number
/// carries a type abbreviation ("Số: 245/QĐ-…" → quyet_dinh) decides.
pub fn extract(pages: &[&str]) -> Fields {
    extract_with_records(pages).0
}

/// The flat fields, the people found (one record per table row or per
/// labelled person), in dossier order, and the log of the values that
/// describe the dossier's documents, page by page.
fn extract_with_records(pages: &[&str]) -> (Fields, Vec<Record>, out::Log) {
    let pages: Vec<Page> = pages.iter().map(|p| Page::new(p)).collect();
    let mut out = Out::default();

    let doc_type = pages
        .iter()
        .find_map(|p| p.title.map(|(_, t)| t))
        .or_else(|| pages.iter().find_map(doc_type_from_number))
        .unwrap_or("khac");
    out.push_str("doc_type", doc_type);

    // The most recent title seen, so that the continuation pages of a
    // DANH SÁCH are still read as table rows.
    let mut context: Option<&'static str> = None;
    for (n, page) in pages.iter().enumerate() {
        out.page = n + 1;
        if let Some((_, t)) = page.title {
            context = Some(t);
            out.log("title", t);
        }
        extract_page(page, context == Some("danh_sach"), &mut out);
    }
    out.finish()
}

/// The doc_type slug of one page's text, or None.
///
/// The title line in the upper part of the page decides; without one, the
/// type abbreviation of the page's own document number (QĐ, TTr, TB, BC, BB,
/// KH, CV, or none plus a "V/v" line for a công văn).
pub fn doc_type_of(page: &str) -> Option<&'static str> {
    Page::new(page).doc_type()
}

/// Header size (non-empty lines) when a page has no title.
const HEADER_LINES_WITHOUT_TITLE: usize = 15;

/// One page: its lines, and where its title is.
struct Page {
    lines: Vec<Line>,
    /// Index in `lines` and slug of the title line.
    title: Option<(usize, &'static str)>,
}

impl Page {
    fn new(text: &str) -> Page {
        let nfc = crate::text::nfc(text);
        let lines: Vec<Line> = nfc.split(is_line_break).map(Line::new).collect();
        let title = find_title(&lines);
        Page { lines, title }
    }

    /// Title type, else the type from the page's own document number.
    fn doc_type(&self) -> Option<&'static str> {
        self.title
            .map(|(_, t)| t)
            .or_else(|| doc_type_from_number(self))
    }

    /// End (exclusive line index) of the header: the title line, else the
    /// first HEADER_LINES_WITHOUT_TITLE non-empty lines.
    fn header_end(&self) -> usize {
        if let Some((i, _)) = self.title {
            return i;
        }
        self.lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.is_blank())
            .nth(HEADER_LINES_WITHOUT_TITLE)
            .map_or(self.lines.len(), |(i, _)| i)
    }

    fn header(&self) -> &[Line] {
        &self.lines[..self.header_end().min(self.lines.len())]
    }
}

/// A personal label ending its line, its value on the next line.
static RE_TAIL_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"\b(?:CCCD|CMND|CAN\s+CUOC(?:\s+CONG\s+DAN)?|DINH\s+DANH(?:\s+CA\s+NHAN)?|BHXH|BHYT",
        r"|DIEN\s+THOAI|SDT|HO\s+VA\s+TEN|HO\s+TEN|TEN\s+LA|NGAY\s+SINH|SINH\s+NGAY|NAM\s+SINH)",
        r"(?:\s+SO)?\s*[:.]?\s*$",
    ))
});

/// Every rule on every line of one page; `table_rows` when the page is
/// (part of) a list.
fn extract_page(page: &Page, table_rows: bool, out: &mut Out) {
    for no in document_numbers(page) {
        out.push_str("document_no", &no);
    }
    if let Some(issuer) = issuer_of(page) {
        out.push_str("issuer", &issuer);
    }
    let columns = Columns::of(page);
    // Table rows start below the title ("DANH SÁCH HỘ NGHÈO NĂM 2023" is none).
    let rows_from = page.title.map_or(0, |(i, _)| i + 1);
    let mut prev: Option<&Line> = None;
    for (idx, line) in page.lines.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        let next = next_non_blank(&page.lines, idx);
        if let Some(d) = signed_date_of_line(line, prev) {
            out.push_str("signed_date", &d);
        }
        // "… Đại diện:" / "ông Trịnh Xuân Bách, …": a representative.
        let after_representative = prev.is_some_and(|p| {
            p.folded
                .trim_end()
                .trim_end_matches(':')
                .trim_end()
                .ends_with("DAI DIEN")
        });
        prev = Some(line);
        let row = if table_rows && idx >= rows_from {
            table_row(line, columns)
        } else {
            None
        };
        // A label whose value is printed on the next line ("… CCCD số" /
        // "027179008123"): the personal values are read from both lines.
        let joined;
        let pline: &Line = match next {
            // (Not in a list: its header row ends with column labels.)
            Some(n)
                if row.is_none()
                    && !(table_rows && idx >= rows_from)
                    && RE_TAIL_LABEL.is_match(&line.folded) =>
            {
                joined = Line::new(&format!("{} {}", line.text, n.text));
                &joined
            }
            _ => line,
        };
        let mut names = names_of_line(pline);
        if after_representative {
            names.retain(|(pos, _)| *pos > 2);
        }
        if let Some(row) = &row {
            names.push((0, row.name.clone()));
            names.sort_by_key(|(pos, _)| *pos);
        }
        for (_, n) in &names {
            out.push_str("full_name", n);
        }
        if let Some(row) = &row {
            out.row(row);
        } else {
            for (pos, n) in &names {
                // positions are in `pline` (the line, or it joined with the next)
                let at = pline.folded.get(*pos..).unwrap_or("");
                out.person(n, title_gender(at), role_of_label(at));
            }
        }
        let personal = row.is_none();
        for d in dobs_of_line(pline) {
            out.push_str("date_of_birth", &d);
            if personal {
                out.attach("date_of_birth", &d);
            }
        }
        if let Some(row) = &row {
            // A gender column goes into the row's record only: the flat
            // `gender` of a list of people would say nothing.
            if let Some(d) = &row.dob {
                out.push_str("date_of_birth", d);
            }
        }
        if let Some(g) = gender_of_line(pline) {
            out.push_str("gender", g);
            if personal {
                out.attach("gender", g);
            }
        }
        for id in citizen_ids_of_line(pline) {
            out.push_str("citizen_id", &id);
            if personal {
                out.attach("citizen_id", &id);
            }
        }
        if let Some(row) = &row {
            for id in &row.ids {
                out.push_str("citizen_id", id);
            }
            for code in &row.bhyt {
                out.push_str("health_insurance_no", code);
            }
            for no in &row.bhxh {
                out.push_str("social_insurance_no", no);
            }
        }
        for no in social_insurance_of_line(pline) {
            out.push_str("social_insurance_no", &no);
            if personal {
                out.attach("social_insurance_no", &no);
            }
        }
        for no in health_insurance_of_line(pline) {
            out.push_str("health_insurance_no", &no);
            if personal {
                out.attach("health_insurance_no", &no);
            }
        }
        for p in phones_of_line(pline) {
            out.push_str("phone", &p);
        }
        for a in amounts_of_line(line) {
            out.push("amount_vnd", Value::from(a));
        }
        if let Some(a) = next.and_then(|n| amount_across_lines(line, n)) {
            out.push("amount_vnd", Value::from(a));
        }
        if let Some(row) = &row {
            for &a in &row.amounts {
                out.push("amount_vnd", Value::from(a));
            }
        }
        let origin = RE_ORIGIN_LABEL.is_match(&line.folded);
        if !(origin && out.is_civil_status()) {
            for a in addresses_of_line(line, next) {
                out.push_str("address", &a);
            }
        }
        if let Some(name) = signer_after(&page.lines, idx) {
            out.signer(&name, line.text.trim());
        }
        if let Some((no, date)) = register_number(line) {
            out.push_str("document_no", &no);
            out.push_str("signed_date", &date);
        }
    }
}

fn next_non_blank(lines: &[Line], idx: usize) -> Option<&Line> {
    lines.get(idx + 1..)?.iter().find(|l| !l.is_blank())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use unicode_normalization::UnicodeNormalization;

    pub(super) fn strs(f: &Fields, key: &str) -> Vec<String> {
        f[key]
            .iter()
            .map(|v| v.as_str().expect("string value").to_string())
            .collect()
    }

    /// A birth certificate as OCR reads one: the register number with its
    /// date, spaces lost in "Giớitính:Nam", a parent's full birth date after
    /// "Năm sinh", each parent's ID inside the parent's block, "Quê quán",
    /// and the signer under the office lines.
    #[test]
    fn a_birth_certificate_gives_each_person_a_role_and_their_own_id() {
        let page = "UBND XÃ TÂN LẬP\n\
            Số: 211 ngày: 14/8/2019\n\
            GIẤY KHAI SINH\n\
            Họ, chữ đệm, tên: LÒ THỊ MAI\n\
            Ngày, tháng, năm sinh: 03/02/2019\n\
            Giớitính:Nữ Dân tộc: Thái\n\
            Quê quán: xã Chiềng Cơi, thành phố Sơn La, tỉnh Sơn La\n\
            Số định danh cá nhân: 014319000123\n\
            Họ, chữ đệm, tên người mẹ: QUÀNG THỊ ÉN\n\
            Năm sinh: 25/10/1983\n\
            Nơi cư trú: bản Hụm, xã Chiềng Cơi, thành phố Sơn La, tỉnh Sơn La\n\
            Họ, chữ đệm, tên người cha: LÒ VĂN PỌM\n\
            Năm sinh: 1980\n\
            Số định danh cá nhân: 014080000456\n\
            KT. CHỦ TỊCH\n\
            PHÓ CHỦ TỊCH\n\
            \n\
            Cầm Văn Khương\n";
        let a = analyse::analyse_texts_on(&[page], "2026-01-01".into());
        let f = &a.fields;
        assert_eq!(strs(f, "doc_type"), ["giay_khai_sinh"]);
        assert_eq!(strs(f, "document_no"), ["211"]);
        assert_eq!(strs(f, "signed_date"), ["2019-08-14"]);
        assert_eq!(strs(f, "gender"), ["nu"]);
        assert_eq!(
            strs(f, "date_of_birth"),
            ["2019-02-03", "1983-10-25", "1980"]
        );
        // "Quê quán" on a birth record is no address; "Nơi cư trú" is.
        assert_eq!(
            strs(f, "address"),
            ["bản Hụm, xã Chiềng Cơi, thành phố Sơn La, tỉnh Sơn La"]
        );
        let role = |r: &str| a.records.iter().find(|x| x.role.as_deref() == Some(r));
        let child = role("nguoi_duoc_khai_sinh").expect("child");
        assert_eq!(child.full_name.as_deref(), Some("Lò Thị Mai"));
        assert_eq!(child.citizen_id.as_deref(), Some("014319000123"));
        let mother = role("me").expect("mother");
        assert_eq!(mother.full_name.as_deref(), Some("Quàng Thị Én"));
        assert_eq!(mother.date_of_birth.as_deref(), Some("1983-10-25"));
        assert_eq!(mother.citizen_id, None);
        let father = role("cha").expect("father");
        assert_eq!(father.citizen_id.as_deref(), Some("014080000456"));
        let signer = role("nguoi_ky").expect("signer");
        assert_eq!(signer.full_name.as_deref(), Some("Cầm Văn Khương"));
        assert_eq!(signer.position.as_deref(), Some("PHÓ CHỦ TỊCH"));
        // The father's ID is checked against the father, so it is valid.
        assert!(a.invalid().all(|c| c.key != "citizen_id"), "{:?}", a.checks);
        // The signer is a record, not a name the dossier is about.
        assert!(!strs(f, "full_name").contains(&"Cầm Văn Khương".to_string()));
    }

    pub(super) fn ints(f: &Fields, key: &str) -> Vec<u64> {
        f[key]
            .iter()
            .map(|v| v.as_u64().expect("integer value"))
            .collect()
    }

    pub(super) const QD_TWO_COLUMN: &str = "\
UBND TỈNH BẮC NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI Độc lập - Tự do - Hạnh phúc
Số: 245/QĐ-SLĐTBXH Bắc Ninh, ngày 26 tháng 11 năm 2022
QUYẾT ĐỊNH
Về việc trợ cấp hàng tháng đối với người có công với cách mạng
GIÁM ĐỐC SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH BẮC NINH
Căn cứ Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14;
Căn cứ Quyết định số 08/2022/QĐ-TTg ngày 28 tháng 3 năm 2022 của Thủ tướng Chính phủ;
Xét đề nghị của Trưởng phòng Người có công,
QUYẾT ĐỊNH:
Điều 1. Trợ cấp hàng tháng đối với ông Trần Văn Bảy, sinh năm 1948
Quê quán: xã Tam Sơn, thị xã Từ Sơn, tỉnh Bắc Ninh
Mức trợ cấp: 2.055.000 đồng/tháng (Hai triệu không trăm năm mươi lăm nghìn đồng).
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Nơi nhận:
- Như Điều 2;
- Lưu: VT, NCC.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Nguyễn Văn Hùng";

    #[test]
    fn quyet_dinh_two_column_header() {
        let f = extract(&[QD_TWO_COLUMN]);
        assert_eq!(strs(&f, "doc_type"), ["quyet_dinh"]);
        assert_eq!(strs(&f, "document_no"), ["245/QĐ-SLĐTBXH"]);
        assert_eq!(strs(&f, "signed_date"), ["2022-11-26"]);
        assert_eq!(strs(&f, "full_name"), ["Trần Văn Bảy"]);
        assert_eq!(strs(&f, "date_of_birth"), ["1948"]);
        assert_eq!(ints(&f, "amount_vnd"), [2_055_000]);
        assert_eq!(
            strs(&f, "address"),
            ["xã Tam Sơn, thị xã Từ Sơn, tỉnh Bắc Ninh"]
        );
        assert_eq!(strs(&f, "issuer"), ["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"]);
        assert!(f["gender"].is_empty());
        assert!(f["citizen_id"].is_empty());
        assert!(f["phone"].is_empty());
    }

    #[test]
    fn every_key_present_and_amounts_are_integers() {
        let f = extract(&[QD_TWO_COLUMN]);
        let keys: Vec<&str> = f.keys().map(String::as_str).collect();
        let mut expected = FIELD_KEYS.to_vec();
        expected.sort_unstable();
        assert_eq!(keys, expected);
        assert_eq!(f["amount_vnd"], vec![json!(2_055_000)]);
        assert_eq!(f["doc_type"], vec![json!("quyet_dinh")]);
    }

    #[test]
    fn quyet_dinh_single_column_and_normative_number() {
        let page = "\
UBND TỈNH BẮC NINH
SỞ LAO ĐỘNG - THƯƠNG BINH
VÀ XÃ HỘI
_______
Số 08/2022/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bắc Ninh, ngày 05 tháng 01 năm 2023
QUYẾT ĐỊNH
Ban hành quy định hỗ trợ tiền thuê nhà cho người lao động
Căn cứ Quyết định số 08/2022/QĐ-TTg ngày 28/3/2022 của Thủ tướng Chính phủ;
Mức hỗ trợ 500.000đ/người/tháng, tổng kinh phí 8,5 tỷ đồng.";
        let f = extract(&[page]);
        assert_eq!(strs(&f, "doc_type"), ["quyet_dinh"]);
        assert_eq!(strs(&f, "document_no"), ["08/2022/QĐ-UBND"]);
        assert_eq!(strs(&f, "signed_date"), ["2023-01-05"]);
        assert_eq!(strs(&f, "issuer"), ["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"]);
        assert_eq!(ints(&f, "amount_vnd"), [500_000, 8_500_000_000]);
    }

    const DON: &str = "\
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
ĐƠN ĐỀ NGHỊ
Hưởng trợ cấp xã hội hằng tháng
Kính gửi: Ủy ban nhân dân xã Tam Sơn
Họ và tên: NGUYỄN THỊ HOA Giới tính: Nữ
Ngày, tháng, năm sinh: 12.05.1948
Số CCCD: 027 148 001 234 cấp ngày 10/04/2021
Mã số BHXH: 2720123456
Mã thẻ BHYT: CC 4 27 2720123456
Nơi thường trú: thôn Đông, xã Tam Sơn, thị xã Từ Sơn, tỉnh Bắc Ninh   Số điện thoại: 0912.345.678
Tôi làm đơn này đề nghị được hưởng trợ cấp 540.000 đồng/tháng.
Tam Sơn, ngày 02 tháng 3 năm 2023
NGƯỜI LÀM ĐƠN
Nguyễn Thị Hoa";

    #[test]
    fn don_de_nghi() {
        let f = extract(&[DON]);
        assert_eq!(strs(&f, "doc_type"), ["don_de_nghi"]);
        assert!(f["document_no"].is_empty());
        assert_eq!(strs(&f, "signed_date"), ["2023-03-02"]);
        assert_eq!(strs(&f, "full_name"), ["Nguyễn Thị Hoa"]);
        assert_eq!(strs(&f, "gender"), ["nu"]);
        assert_eq!(strs(&f, "date_of_birth"), ["1948-05-12"]);
        assert_eq!(strs(&f, "citizen_id"), ["027148001234"]);
        assert_eq!(strs(&f, "social_insurance_no"), ["2720123456"]);
        assert_eq!(strs(&f, "health_insurance_no"), ["CC4272720123456"]);
        assert_eq!(strs(&f, "phone"), ["0912345678"]);
        assert_eq!(ints(&f, "amount_vnd"), [540_000]);
        assert_eq!(
            strs(&f, "address"),
            ["thôn Đông, xã Tam Sơn, thị xã Từ Sơn, tỉnh Bắc Ninh"]
        );
        assert!(f["issuer"].is_empty());
    }

    #[test]
    fn toneless_noisy_don() {
        let page = "\
CONG HOA XA HOI CHU NGHIA VIET NAM
Doc lap - Tu do - Hanh phuc
DON DE NGHI
Ho va ten: Tran Van Bay
Ngáy sinh: l2/O5/l948
Gioi tinh: Nam
So CCCD: O27O48OO1234
Que quan: xa Tam Son, huyen Tien Du, tinh Bac Ninh.
Dien thoai: +84 912 345 678
Bac Ninh, ngay 26 thang 11 nam 2O22";
        let f = extract(&[page]);
        assert_eq!(strs(&f, "doc_type"), ["don_de_nghi"]);
        assert_eq!(strs(&f, "full_name"), ["Tran Van Bay"]);
        assert_eq!(strs(&f, "date_of_birth"), ["1948-05-12"]);
        assert_eq!(strs(&f, "gender"), ["nam"]);
        assert_eq!(strs(&f, "citizen_id"), ["027048001234"]);
        assert_eq!(
            strs(&f, "address"),
            ["xa Tam Son, huyen Tien Du, tinh Bac Ninh"]
        );
        assert_eq!(strs(&f, "phone"), ["0912345678"]);
        assert_eq!(strs(&f, "signed_date"), ["2022-11-26"]);
    }

    const GIAY_CN: &str = "\
ỦY BAN NHÂN DÂN TỈNH BẮC NINH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
GIẤY CHỨNG NHẬN
GIA ĐÌNH LIỆT SĨ
Chứng nhận ông: LÊ VĂN TÁM
Sinh ngày 3 tháng 7 năm 1932
Nguyên quán: xã Đông Thọ, huyện Yên Phong, tỉnh Bắc Ninh
Là thân nhân liệt sĩ Lê Văn Sáu
Bắc Ninh, ngày 27 tháng 7 năm 1995";

    #[test]
    fn giay_chung_nhan() {
        let f = extract(&[GIAY_CN]);
        assert_eq!(strs(&f, "doc_type"), ["giay_chung_nhan"]);
        assert_eq!(strs(&f, "full_name"), ["Lê Văn Tám"]);
        assert_eq!(strs(&f, "date_of_birth"), ["1932-07-03"]);
        assert_eq!(
            strs(&f, "address"),
            ["xã Đông Thọ, huyện Yên Phong, tỉnh Bắc Ninh"]
        );
        assert_eq!(strs(&f, "signed_date"), ["1995-07-27"]);
        assert_eq!(strs(&f, "issuer"), ["ỦY BAN NHÂN DÂN TỈNH BẮC NINH"]);
    }

    #[test]
    fn nfd_input_is_normalised() {
        let nfd: String = "Họ và tên: Trần Văn Bảy\nQuê quán: xã Đông Thọ"
            .nfd()
            .collect();
        let f = extract(&[&nfd]);
        assert_eq!(strs(&f, "full_name"), ["Trần Văn Bảy"]);
        assert_eq!(strs(&f, "address"), ["xã Đông Thọ"]);
        assert!(strs(&f, "address")[0].chars().eq("xã Đông Thọ".nfc()));
    }

    #[test]
    fn dedup_across_pages_in_order() {
        let f = extract(&[
            "Họ và tên: TRẦN VĂN BẢY\nSố CCCD: 027048001234",
            "Ông Trần Văn Bảy, sinh năm 1948\nCCCD 027048001234\nBà: Lê Thị Hoa",
        ]);
        assert_eq!(strs(&f, "full_name"), ["Trần Văn Bảy", "Lê Thị Hoa"]);
        assert_eq!(strs(&f, "citizen_id"), ["027048001234"]);
    }

    #[test]
    fn odd_input_never_panics() {
        let long_line = "Số: 1/QĐ ".repeat(12_000);
        let digits = format!("A{} đồng", "1".repeat(100_000));
        let mixed: String = (0u32..100_000)
            .filter_map(|i| char::from_u32((i * 7919) % 0x3_0000))
            .collect();
        let many_lines = "Ông A\nBà:\nHọ và tên:\n\u{301}\u{300}\n".repeat(5_000);
        let odd = [
            "",
            " ",
            "\n\n\n",
            "\t \r\n \u{a0}",
            "\u{301}\u{300}\u{303}",
            "đ",
            "Ông",
            "Ông/Bà:",
            "Họ và tên:",
            "Số:",
            "Giới tính:",
            "ngày tháng năm",
            "1 đồng",
            "+84",
            "SĐT +84",
            "Mã thẻ BHYT:",
            "ß ﬁ İ ǅ 𝔘 🦀 \u{200b}\u{feff}",
            long_line.as_str(),
            digits.as_str(),
            mixed.as_str(),
            many_lines.as_str(),
        ];
        for text in odd {
            let f = extract(&[text]);
            assert_eq!(f.len(), FIELD_KEYS.len());
            assert_eq!(f["doc_type"].len(), 1);
            let _ = doc_type_of(text);
        }
        let all: Vec<&str> = odd.to_vec();
        let f = extract(&all);
        assert_eq!(f["doc_type"].len(), 1);
        assert!(ints(&extract(&[digits.as_str()]), "amount_vnd").is_empty());
    }

    /// The normalisers on real-looking OCR noise, one value of each kind.
    #[test]
    fn normalisers_with_ocr_noise() {
        let f = |s: &str, key: &str| strs(&extract(&[s]), key);
        // Dates: every printed form to ISO, digit look-alikes repaired,
        // a label with a wrong tone mark, a birth year alone kept as is.
        assert_eq!(f("Ngáy sinh: 26.11.1960", "date_of_birth"), ["1960-11-26"]);
        assert_eq!(f("Sinh ngày: 26-11-l96O", "date_of_birth"), ["1960-11-26"]);
        assert_eq!(
            f("Sinh ngày 26 tháng 11 năm 1960", "date_of_birth"),
            ["1960-11-26"]
        );
        assert_eq!(f("Năm sinh: l948", "date_of_birth"), ["1948"]);
        assert_eq!(
            f("Bắc Ninh, ngày 26 tháng 11 năm 2O22", "signed_date"),
            ["2022-11-26"]
        );
        // Amounts: dotted thousands, decimal comma with a word multiplier,
        // per-month suffix, the currency wrapped onto the next line.
        let a = |s: &str| ints(&extract(&[s]), "amount_vnd");
        assert_eq!(a("Mức hỗ trợ: 1.500.000 đồng"), [1_500_000]);
        assert_eq!(a("Mức trợ cấp: 2.055.000 đồng/tháng"), [2_055_000]);
        assert_eq!(a("hỗ trợ 2,5 triệu đồng"), [2_500_000]);
        assert_eq!(a("tổng kinh phí 8,5 tỷ đồng"), [8_500_000_000]);
        assert_eq!(a("trợ cấp hàng tháng 2.055.000\nđồng/tháng."), [2_055_000]);
        // Names: Vietnamese capitalisation, a surname's damaged tone mark
        // restored, a toneless name left toneless.
        assert_eq!(f("Họ và tên: TRẦN VĂN BẢY", "full_name"), ["Trần Văn Bảy"]);
        assert_eq!(f("Họ và tên: TRẤN VĂN BẢY", "full_name"), ["Trần Văn Bảy"]);
        assert_eq!(
            f("Ho va ten: NGÕ QUANG QUÂN", "full_name"),
            ["Ngô Quang Quân"]
        );
        assert_eq!(f("Ho va ten: Tran Van Bay", "full_name"), ["Tran Van Bay"]);
        assert_eq!(f("Họ và tên: LÊ THỊ HOÀ", "full_name"), ["Lê Thị Hoà"]);
        // IDs: spaces and dots dropped, O/l repaired inside digit runs.
        assert_eq!(
            f("Số CCCD: 027 048 OO1 234", "citizen_id"),
            ["027048001234"]
        );
        assert_eq!(f("So CMND: l25.678.9O1", "citizen_id"), ["125678901"]);
        assert_eq!(
            f("Mã thẻ BHYT: CN3 27 272O123456", "health_insurance_no"),
            ["CN3272720123456"]
        );
        assert_eq!(
            f("Số sổ BHXH: 272O 123 456", "social_insurance_no"),
            ["2720123456"]
        );
        assert_eq!(f("Số điện thoại: 0912.408.337", "phone"), ["0912408337"]);
        // A list row with its ID split by a space and a speck after the number.
        let row = "DANH SÁCH\nSTT Họ và tên Năm sinh Số CCCD\n1_ Nguyễn Văn An 1985 027 085001234";
        assert_eq!(f(row, "citizen_id"), ["027085001234"]);
        assert_eq!(f(row, "full_name"), ["Nguyễn Văn An"]);
        // Document numbers as printed, a doubled "Đ" read as "ĐÐ" undone.
        assert_eq!(f("Số: 245/QĐÐ-SLĐTBXH", "document_no"), ["245/QĐ-SLĐTBXH"]);
    }

    /// Values on the line after their label, parenthesised label notes,
    /// "Nơi ĐKTT", and a full stop that ends an address.
    #[test]
    fn labels_with_values_on_the_next_line() {
        let f = |s: &str, key: &str| strs(&extract(&[s]), key);
        let page = "Điều 1. Công nhận hộ bà Nguyễn Thị Bích Ngọc, sinh ngày 14/02/1979, CCCD số\n027179008123, trú tại thôn Đông Xá, xã Đông Thọ.";
        assert_eq!(f(page, "citizen_id"), ["027179008123"]);
        assert_eq!(
            f(
                "Họ và tên:\nNGUYỄN VĂN AN\nSinh ngày: 01/02/1990",
                "full_name"
            ),
            ["Nguyễn Văn An"]
        );
        assert_eq!(
            f(
                "Mã thẻ BHYT (nếu có): HT3 27 2740001234",
                "health_insurance_no"
            ),
            ["HT3272740001234"]
        );
        assert_eq!(
            f("Nơi ĐKTT: thôn Hiên Vân, xã Hiên Vân", "address"),
            ["thôn Hiên Vân, xã Hiên Vân"]
        );
        assert_eq!(
            f(
                "Nơi ở hiện tại: xã Tam Đa, huyện Yên Phong.\nBiên bản kết thúc lúc 9 giờ",
                "address"
            ),
            ["xã Tam Đa, huyện Yên Phong"]
        );
        assert!(f(
            "ông A hiện đang sinh sống tại địa phương.\nBiên bản kết thúc",
            "address"
        )
        .is_empty());
    }
}
