//! The header of an administrative document: its title (and so its type),
//! number, place and date, and issuing body.
//!
//! Nghị định 30/2020/NĐ-CP fixes the layout: the issuing body top left
//! (under its superior body: "UBND TỈNH BẮC NINH" / "SỞ LAO ĐỘNG - THƯƠNG
//! BINH VÀ XÃ HỘI"), the motto top right ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
//! NAM" / "Độc lập - Tự do - Hạnh phúc"), "Số: 245/QĐ-SLĐTBXH" under the
//! body, "Bắc Ninh, ngày 26 tháng 11 năm 2022" under the motto, then the
//! title in capitals ("QUYẾT ĐỊNH", "TỜ TRÌNH" …). OCR reads the two columns
//! into one line or one after the other, so the issuer rule cuts the motto
//! out of a line, joins the narrow left column's wrapped lines and keeps the
//! most specific body. A page without a title takes its type from the
//! abbreviation in its own number (QĐ, TTr, TB …), a công văn from its
//! "V/v" line.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{clean_value, fold, re, Line};
use super::Page;

/// Lines of a page considered for its title and header.
const TITLE_SCAN_LINES: usize = 25;

/// Title phrases (folded, spaces removed) and their slugs.
const TITLES: [(&str, &str); 23] = [
    // Longer phrases before the phrases they start with.
    ("GIAYCHUNGNHANQUYENSUDUNGDAT", "giay_chung_nhan_qsdd"),
    ("GIAYCHUNGNHAN", "giay_chung_nhan"),
    ("GIAYXACNHAN", "giay_xac_nhan"),
    ("TRICHLUCKHAISINH", "trich_luc_khai_sinh"),
    ("GIAYKHAISINH", "giay_khai_sinh"),
    ("NGHIDINH", "nghi_dinh"),
    ("NGHIQUYET", "nghi_quyet"),
    ("THONGTU", "thong_tu"),
    ("PHULUC", "phu_luc"),
    ("QUYETDINH", "quyet_dinh"),
    ("TOTRINH", "to_trinh"),
    ("CONGVAN", "cong_van"),
    ("THONGBAO", "thong_bao"),
    ("BAOCAO", "bao_cao"),
    ("BIENBAN", "bien_ban"),
    ("DANHSACH", "danh_sach"),
    ("DONDENGHI", "don_de_nghi"),
    ("DONXIN", "don_de_nghi"),
    ("DON", "don_de_nghi"),
    ("BANKHAI", "ban_khai"),
    ("TOKHAI", "to_khai"),
    ("HOPDONG", "hop_dong"),
    ("KEHOACH", "ke_hoach"),
];

/// The name of a document type as an archive writes it in "Tên loại văn
/// bản" ("quyet_dinh" → "Quyết định"), for every slug of
/// [`super::DOC_TYPES`]; `None` for an unknown slug.
pub fn doc_type_name(slug: &str) -> Option<&'static str> {
    Some(match slug {
        "quyet_dinh" => "Quyết định",
        "to_trinh" => "Tờ trình",
        "cong_van" => "Công văn",
        "thong_bao" => "Thông báo",
        "bao_cao" => "Báo cáo",
        "bien_ban" => "Biên bản",
        "danh_sach" => "Danh sách",
        "don_de_nghi" => "Đơn đề nghị",
        "giay_chung_nhan" => "Giấy chứng nhận",
        "ban_khai" => "Bản khai",
        "hop_dong" => "Hợp đồng",
        "ke_hoach" => "Kế hoạch",
        "trich_luc_khai_sinh" => "Trích lục khai sinh",
        "giay_khai_sinh" => "Giấy khai sinh",
        "giay_chung_nhan_qsdd" => "Giấy chứng nhận quyền sử dụng đất",
        "nghi_dinh" => "Nghị định",
        "nghi_quyet" => "Nghị quyết",
        "thong_tu" => "Thông tư",
        "phu_luc" => "Phụ lục",
        "giay_xac_nhan" => "Giấy xác nhận",
        "to_khai" => "Tờ khai",
        "khac" => "Khác",
        _ => return None,
    })
}

/// What may follow a bare "ĐƠN" without it being the title of a petition.
const NOT_PETITION: [&str; 6] = ["VI", "GIA", "CONGAN", "BIENPHONG", "THUOC", "VITINH"];

pub(super) fn find_title(lines: &[Line]) -> Option<(usize, &'static str)> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_blank())
        .take(TITLE_SCAN_LINES)
        .find_map(|(i, l)| title_of_line(l).map(|t| (i, t)))
}

/// The slug if this line is a document title: it starts (after stray
/// punctuation) with a title phrase, in capitals, as whole words, and is not
/// the operative heading "QUYẾT ĐỊNH:".
fn title_of_line(line: &Line) -> Option<&'static str> {
    title_match(line).map(|(slug, _)| slug)
}

/// [`title_of_line`] with the folded byte where the title phrase ends (a
/// subject may follow on the same line: "DANH SÁCH HỘ NGHÈO NĂM 2023").
pub(super) fn title_match(line: &Line) -> Option<(&'static str, usize)> {
    let f = &line.folded;
    // Folded letters from the line start, spaces skipped (so letter-spaced
    // titles "Q U Y Ế T  Đ Ị N H" also match), up to the first punctuation.
    let mut compact = String::new();
    let mut ends: Vec<usize> = Vec::new();
    let mut started = false;
    for (i, c) in f.char_indices().take(80) {
        if c.is_alphanumeric() {
            started = true;
            compact.push(c);
            ends.push(i + c.len_utf8());
        } else if !started || c.is_whitespace() {
            continue;
        } else {
            break;
        }
    }
    let (phrase, slug) = TITLES.iter().find(|(p, _)| compact.starts_with(p))?;
    let end = ends[phrase.len() - 1];
    let rest = &f[end..];
    if rest.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    if rest.trim_start().starts_with(':') {
        return None;
    }
    let after = &compact[phrase.len()..];
    if *phrase == "DON" && NOT_PETITION.iter().any(|w| after.starts_with(w)) {
        return None;
    }
    // The "CÔNG VĂN ĐẾN / ĐI" register stamp is no title.
    if *phrase == "CONGVAN" && (after.starts_with("DEN") || after.starts_with("DI")) {
        return None;
    }
    // The phrase must be printed in capitals.
    let printed = line.orig(0, end);
    let (upper, letters) = printed
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(u, n), c| {
            (u + usize::from(c.is_uppercase()), n + 1)
        });
    if letters == 0 || upper * 3 < letters * 2 {
        return None;
    }
    Some((slug, end))
}

/// Document numbers ("Số: 245/QĐ-SLĐTBXH") at line starts in the header.
pub(super) fn document_numbers(page: &Page) -> Vec<String> {
    page.header()
        .iter()
        .filter_map(document_no_of_line)
        .collect()
}

/// The type the abbreviation in the page's own document number names
/// ("Số: 245/QĐ-…" → quyet_dinh), else cong_van for a "V/v" line.
pub(super) fn doc_type_from_number(page: &Page) -> Option<&'static str> {
    let no = document_numbers(page).into_iter().next()?;
    let mut parts = no.split(['/', '-']).skip(1);
    let found = parts.find_map(|p| match fold(p).as_str() {
        "QD" => Some("quyet_dinh"),
        "TTR" => Some("to_trinh"),
        "TB" => Some("thong_bao"),
        "BC" => Some("bao_cao"),
        "BB" => Some("bien_ban"),
        "KH" => Some("ke_hoach"),
        "CV" => Some("cong_van"),
        _ => None,
    });
    if found.is_some() {
        return found;
    }
    let has_vv = page
        .lines
        .iter()
        .filter(|l| !l.is_blank())
        .take(TITLE_SCAN_LINES)
        .any(|l| RE_VV.is_match(&l.folded));
    has_vv.then_some("cong_van")
}

/// "V/v:" (về việc) line of a công văn.
pub(super) static RE_VV: LazyLock<Regex> = LazyLock::new(|| re(r"^[^\p{L}\p{N}]{0,3}V\s*/\s*V\b"));

/// "Số:" at a line start (the value follows).
static RE_DOCNO_LABEL: LazyLock<Regex> = LazyLock::new(|| re(r"^[^\p{L}\p{N}]{0,3}SO\s*[:.]?\s*"));

/// A document number, on the original text: serial, then "/"-parts and
/// "-"-parts ("245/QĐ-SLĐTBXH", "08/2022/QĐ-TTg", "123/SLĐTBXH-NCC").
static RE_DOCNO_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^\d{1,6}(?:\s*/\s*[\p{L}\p{N}&]+|-[\p{L}\p{N}&]+|\s*-\s*[\p{Lu}\p{N}&]+\b)+")
});

pub(super) fn document_no_of_line(line: &Line) -> Option<String> {
    let m = RE_DOCNO_LABEL.find(&line.folded)?;
    let value = line.orig_from(m.end());
    let v = RE_DOCNO_VALUE.find(value)?;
    // Tesseract sometimes reads "Đ" twice, once as the look-alike "Ð"
    // (U+00D0): "QĐÐ" is "QĐ".
    let no: String = v
        .as_str()
        .replace("ĐÐ", "Đ")
        .replace('Ð', "Đ")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    no.contains('/').then_some(no)
}

/// The register entry of a civil-status paper: "Số: 211 ngày: 14/8/2019"
/// or "Số: 211; Quyển số: 01 … ngày 14/8/2019" (a serial without symbol).
static RE_REGISTER: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"^[^\p{L}\p{N}]{0,3}SO\s*[:.]?\s*(\d{1,6})\s*[;,]?\s*(?:QUYEN\s+SO\s*[:.]?\s*[\w/]+\s*[;,]?\s*)?",
        r"NGAY\s*(?:DANG\s+KY\s*)?[:.]?\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b",
    ))
});

/// A register number and its date, from a civil-status paper's "Số: 211
/// ngày: 14/8/2019" line.
pub(super) fn register_number(line: &Line) -> Option<(String, String)> {
    let c = RE_REGISTER.captures(&line.folded)?;
    let date = iso_date(&c[4], &c[3], &c[2])?;
    Some((c[1].to_string(), date))
}

/// Place-and-date line: "Bắc Ninh, ngày 26 tháng 11 năm 2022".
static RE_SIGNED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:^|[,.])\s*NGAY\s*(\d{1,2})\s*(?:THANG\s*(\d{1,2})\s*NAM\s*(\d{4})|[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))",
    )
});

/// The date of a place-and-date line ("Bắc Ninh, ngày 26 tháng 11 năm
/// 2022", "…, ngày 05 tháng 01 năm 2023", or "ngày …" alone on its line).
/// `prev` is the previous non-blank line: a line-initial "ngày …" right
/// after a cited number ("…số 12/QĐ-UBND" / "ngày 10 tháng 2 năm 2020") is a
/// citation wrapped onto the next line, not a signing date.
pub(super) fn signed_date_of_line(line: &Line, prev: Option<&Line>) -> Option<String> {
    RE_SIGNED_DATE.captures_iter(&line.folded).find_map(|c| {
        let whole = c.get(0)?;
        // Nothing but punctuation may follow: the date ends the line.
        let tail = &line.folded[whole.end()..];
        if tail.chars().any(|ch| ch.is_alphanumeric()) {
            return None;
        }
        let before = line.orig(0, whole.start()).trim_end();
        if before.is_empty() && !whole.as_str().starts_with([',', '.']) {
            let cited = prev
                .and_then(|p| p.text.split_whitespace().next_back())
                .is_some_and(|w| w.contains('/') || w.chars().any(|c| c.is_ascii_digit()));
            if cited {
                return None;
            }
        } else {
            // The word before the comma is a place name or a blank leader.
            let word = before.split_whitespace().next_back().unwrap_or("");
            let place = word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().all(char::is_alphabetic);
            let leader = word.chars().all(|c| matches!(c, '.' | '…' | '_'));
            if !(place || leader) {
                return None;
            }
        }
        let d = c.get(1)?.as_str();
        let (m, y) = match (c.get(2), c.get(3), c.get(4), c.get(5)) {
            (Some(m), Some(y), _, _) | (_, _, Some(m), Some(y)) => (m.as_str(), y.as_str()),
            _ => return None,
        };
        iso_date(y, m, d)
    })
}

/// "YYYY-MM-DD" if the date exists and the year is plausible.
pub(super) fn iso_date(y: &str, m: &str, d: &str) -> Option<String> {
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if !(1880..=2100).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (d <= days).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Motto parts, cut out of header lines before looking for the issuer.
static RE_MOTTO: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"CONG\s*HOA(?:\s*XA\s*HOI)?(?:\s*CHU\s*NGHIA)?(?:\s*VIET\s*NAM)?",
        r"|(?:DOC\s*LAP\W*)?(?:TU\s*DO\W*)?HANH\s*PHUC",
        r"|DOC\s*LAP\W*TU\s*DO",
        r"|^\W*VIET\s*NAM\W*$",
    ))
});

pub(super) static RE_MOTTO_PRESENT: LazyLock<Regex> =
    LazyLock::new(|| re(r"CONG\s*HOA\s*XA\s*HOI|DOC\s*LAP\W*TU\s*DO|HANH\s*PHUC"));

/// Words an issuing-body line starts with (needed when a page has no motto).
pub(super) static RE_ORG_START: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"^(?:UBND|UY\s+BAN|UBMTTQ|SO|PHONG|BO|CUC|CHI\s+CUC|TONG\s+CUC|TRUNG\s+TAM|BAN|BENH\s+VIEN",
        r"|TRUONG|HOI|CONG\s+AN|BAO\s+HIEM|BHXH|CONG\s+TY|DANG\s+UY|TINH\s+UY|HUYEN\s+UY|THANH\s+UY",
        r"|HDND|LIEN\s+DOAN|MAT\s+TRAN|QUY|NGAN\s+HANG|VAN\s+PHONG|THANH\s+TRA|CHI\s+NHANH|CO\s+SO",
        r"|DOAN|TOA\s+AN|VIEN|KHO\s+BAC|CHI\s+BO|DANG\s+BO|BCH|XA|HUYEN|TINH|THI\s+XA|THANH\s+PHO|PHUONG)\b",
    ))
});

/// Administrative units (with "XÃ HỘI", social, to be removed first).
static RE_ADMIN_UNIT: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(?:TINH|HUYEN|THANH\s+PHO|TP|THI\s+XA|QUAN|PHUONG|THI\s+TRAN|XA)\b"));

/// Lines that start the body: the header ends before them.
static RE_BODY_START: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^[^\p{L}\p{N}]{0,3}(?:KINH\s+GUI|CAN\s+CU|DIEU\s+\d|XET\s+DE\s+NGHI|NOI\s+NHAN)\b")
});

/// Urgency and secrecy marks printed in the header, not issuers.
static RE_NOT_ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"^(?:MAT|TOI\s+MAT|TUYET\s+MAT|KHAN|THUONG\s+KHAN|HOA\s+TOC|DU\s+THAO|BAN\s+SAO|SAO\s+Y)$",
        // Signature-block titles, when a short page has its signature in
        // the first lines ("TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH").
        r"|^(?:TM|KT|TL|TUQ|Q)\s*\.|^(?:PHO\s+)?(?:CHU\s+TICH|GIAM\s+DOC|TRUONG\s+PHONG|TRUONG\s+BAN|THU\s+TRUONG|BO\s+TRUONG)$",
        r"|^NGUOI\s+(?:KHAI|LAM\s+DON|DE\s+NGHI|LAP\s+BIEU|LAP|KY)\b",
        // Titles of types without a slug ("GIẤY XÁC NHẬN", "PHIẾU …").
        r"|^(?:GIAY|PHIEU|TO\s+KHAI|SO\s+YEU|LY\s+LICH)\b",
    ))
});

/// The most specific issuing-body line of the page's header ("SỞ LAO ĐỘNG -
/// THƯƠNG BINH VÀ XÃ HỘI" under "UBND TỈNH BẮC NINH"), motto cut off.
pub(super) fn issuer_of(page: &Page) -> Option<String> {
    let header = page.header();
    let has_motto = page
        .lines
        .iter()
        .filter(|l| !l.is_blank())
        .take(TITLE_SCAN_LINES)
        .any(|l| RE_MOTTO_PRESENT.is_match(&l.folded));
    let mut found: Vec<String> = Vec::new();
    // Whether the previous non-blank line was (part of) an issuer.
    let mut adjacent = false;
    for line in header {
        if RE_BODY_START.is_match(&line.folded) {
            break;
        }
        if line.is_blank() {
            continue;
        }
        let was_adjacent = std::mem::replace(&mut adjacent, false);
        if RE_DOCNO_LABEL.is_match(&line.folded) && document_no_of_line(line).is_some()
            || RE_VV.is_match(&line.folded)
        {
            continue;
        }
        let Some(part) = issuer_part(line) else {
            continue;
        };
        let folded = fold(&part);
        if RE_SIGNED_DATE.is_match(&folded) && !found.is_empty() {
            // The place-and-date line closes the header's right column;
            // the title and body come after it.
            break;
        }
        if RE_SIGNED_DATE.is_match(&folded) || RE_NOT_ISSUER.is_match(&folded) {
            continue;
        }
        let (upper, letters) = part
            .chars()
            .filter(|c| c.is_alphabetic())
            .fold((0, 0), |(u, n), c| {
                (u + usize::from(c.is_uppercase()), n + 1)
            });
        if letters < 2 || upper * 10 < letters * 8 {
            continue;
        }
        if let Some(prev) = found.last_mut() {
            let sep = issuer_continuation(prev, &folded).or_else(|| {
                // The left column wraps a long name ("CÔNG TY TNHH MAY MẶC"
                // / "THUẬN THÀNH"): an adjacent line that does not start
                // a body of its own continues it.
                (was_adjacent && !RE_ORG_START.is_match(&folded) && !part.contains(':'))
                    .then_some(" ")
            });
            if let Some(sep) = sep {
                prev.push_str(sep);
                prev.push_str(&part);
                adjacent = true;
                continue;
            }
        }
        if !has_motto && !RE_ORG_START.is_match(&folded) {
            continue;
        }
        found.push(part);
        adjacent = true;
    }
    found.pop()
}

/// Whether a header line continues the issuing-body line above it (the left
/// column is narrow: "SỞ LAO ĐỘNG - THƯƠNG BINH" / "VÀ XÃ HỘI", "ỦY BAN NHÂN
/// DÂN" / "TỈNH BẮC NINH"), and the separator to join them with.
fn issuer_continuation(prev: &str, folded: &str) -> Option<&'static str> {
    let pf = fold(prev);
    if folded.starts_with("VA ") || folded.starts_with('&') || pf.ends_with(" VA") {
        return Some(" ");
    }
    if folded.starts_with("THUONG BINH") && pf.ends_with("LAO DONG") {
        return Some(" - ");
    }
    // A bare administrative unit under a body that names none.
    let unit = RE_ADMIN_UNIT
        .find(folded)
        .is_some_and(|m| m.start() == 0 && !folded[m.end()..].starts_with(" UY"));
    if unit && !RE_ADMIN_UNIT.is_match(&pf.replace("XA HOI", "")) {
        return Some(" ");
    }
    None
}

/// The line with motto parts removed: the left part, else the right part,
/// whitespace collapsed and framing punctuation trimmed.
fn issuer_part(line: &Line) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let mut last = 0;
    for m in RE_MOTTO.find_iter(&line.folded) {
        parts.push(line.orig(last, m.start()));
        last = m.end();
    }
    parts.push(line.orig_from(last));
    parts.into_iter().map(clean_value).find(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tests::{strs, QD_TWO_COLUMN};
    use crate::extract::{doc_type_of, extract, DOC_TYPES};

    #[test]
    fn every_doc_type_has_a_name_that_folds_back_to_its_slug() {
        for slug in DOC_TYPES {
            let name = doc_type_name(slug).unwrap_or_else(|| panic!("{slug} has no name"));
            if slug != "giay_chung_nhan_qsdd" {
                assert_eq!(crate::search::doc_type_slug(name), slug);
            }
        }
        assert_eq!(doc_type_name("quyet_dinh"), Some("Quyết định"));
        assert_eq!(doc_type_name("no_such_type"), None);
    }

    #[test]
    fn doc_type_titles() {
        let cases = [
            ("TỜ TRÌNH\nVề việc đề nghị", "to_trinh"),
            ("CÔNG VĂN", "cong_van"),
            ("THÔNG BÁO\nKết quả xét duyệt", "thong_bao"),
            ("BÁO CÁO\nTình hình thực hiện", "bao_cao"),
            ("BIÊN BẢN\nHọp xét duyệt", "bien_ban"),
            ("DANH SÁCH HỘ NGHÈO NĂM 2023", "danh_sach"),
            ("ĐƠN XIN\nxác nhận", "don_de_nghi"),
            ("ĐƠN\nKính gửi", "don_de_nghi"),
            ("GIAY CHUNG NHAN", "giay_chung_nhan"),
            ("BẢN KHAI\nThân nhân liệt sĩ", "ban_khai"),
            ("TỜ KHAI\nĐề nghị hưởng trợ cấp", "to_khai"),
            (
                "GIẤY XÁC NHẬN\nỦy ban nhân dân xã Đình Tổ xác nhận:",
                "giay_xac_nhan",
            ),
            ("GIẤY XÁC NHẬN KHUYẾT TẬT", "giay_xac_nhan"),
            ("HỢP ĐỒNG LAO ĐỘNG", "hop_dong"),
            ("KẾ HOẠCH\nTriển khai", "ke_hoach"),
            ("QUYET DINH", "quyet_dinh"),
            ("Q U Y Ế T  Đ Ị N H", "quyet_dinh"),
            ("QUYẾT ĐINH", "quyet_dinh"),
        ];
        for (text, slug) in cases {
            assert_eq!(doc_type_of(text), Some(slug), "{text:?}");
        }
    }

    #[test]
    fn slugs_are_doc_types() {
        for (_, slug) in TITLES {
            assert!(DOC_TYPES.contains(&slug), "{slug}");
        }
        assert_eq!(DOC_TYPES.last(), Some(&"khac"));
    }

    #[test]
    fn doc_type_not_fooled() {
        assert_eq!(
            doc_type_of(
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
                 Căn cứ Quyết định số 08/2022/QĐ-TTg của Thủ tướng\nQuyết định này có hiệu lực"
            ),
            None
        );
        assert_eq!(doc_type_of("QUYẾT ĐỊNH:\nĐiều 1. Phê duyệt"), None);
        assert_eq!(doc_type_of("ĐƠN VỊ TÍNH: đồng"), None);
        assert_eq!(doc_type_of("ĐỒN CÔNG AN HUYỆN TIÊN DU"), None);
        assert_eq!(
            doc_type_of("CÔNG VĂN ĐẾN\nSố: 1234\nNgày: 5/4/2023\nTỜ TRÌNH"),
            Some("to_trinh")
        );
        // The operative heading after a title does not change it.
        let f = extract(&[QD_TWO_COLUMN]);
        assert_eq!(strs(&f, "doc_type"), ["quyet_dinh"]);
        // A Tờ trình that quotes decisions stays a Tờ trình.
        let f = extract(&[
            "TỜ TRÌNH\nCăn cứ Quyết định số 12/QĐ-UBND\nQUYẾT ĐỊNH:",
            "QUYẾT ĐỊNH\n",
        ]);
        assert_eq!(strs(&f, "doc_type"), ["to_trinh"]);
    }

    #[test]
    fn doc_type_from_number_fallback() {
        assert_eq!(
            doc_type_of("Số: 245/QĐ-SLĐTBXH\nVề việc"),
            Some("quyet_dinh")
        );
        assert_eq!(doc_type_of("Số: 12/TTr-UBND"), Some("to_trinh"));
        assert_eq!(doc_type_of("Số: 7/TB-SLĐTBXH"), Some("thong_bao"));
        assert_eq!(doc_type_of("Số: 7/BC-UBND"), Some("bao_cao"));
        assert_eq!(doc_type_of("Số: 3/BB-HĐ"), Some("bien_ban"));
        assert_eq!(doc_type_of("Số: 45/KH-UBND"), Some("ke_hoach"));
        assert_eq!(doc_type_of("Số: 45/CV-UBND"), Some("cong_van"));
        assert_eq!(
            doc_type_of(
                "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nSố: 123/SLĐTBXH-NCC\nV/v: đề nghị xác nhận"
            ),
            Some("cong_van")
        );
        assert_eq!(doc_type_of("Số: 123/SLĐTBXH-NCC"), None);
        // Dossier: a title on any page comes before number fallbacks.
        let f = extract(&["Số: 9/TTr-SLĐTBXH\nKính gửi", "DANH SÁCH\n"]);
        assert_eq!(strs(&f, "doc_type"), ["danh_sach"]);
        let f = extract(&["trang bìa", "Số: 9/TTr-SLĐTBXH\nKính gửi", "Số: 3/QĐ-UBND"]);
        assert_eq!(strs(&f, "doc_type"), ["to_trinh"]);
        let f = extract(&["", "  \n", "nội dung"]);
        assert_eq!(strs(&f, "doc_type"), ["khac"]);
        let f = extract(&[]);
        assert_eq!(strs(&f, "doc_type"), ["khac"]);
        assert_eq!(f.len(), 13);
    }

    #[test]
    fn document_number_spacing_and_limits() {
        let f = extract(&["Số : 245 / QĐ - SLĐTBXH\nQUYẾT ĐỊNH"]);
        assert_eq!(strs(&f, "document_no"), ["245/QĐ-SLĐTBXH"]);
        // Blank number of a draft, body citations and non-number "Số" lines.
        let f =
            extract(&["Số:      /QĐ-UBND\nQUYẾT ĐỊNH\nSố: 99/QĐ-UBND ngày 1/1/2020 được thay thế"]);
        assert!(f["document_no"].is_empty());
        let f = extract(&["Số điện thoại: 0912345678\nSố CCCD: 027048001234"]);
        assert!(f["document_no"].is_empty());
    }

    #[test]
    fn signed_dates() {
        let d = |s: &str| strs(&extract(&[s]), "signed_date");
        assert_eq!(d("Bắc Ninh, ngày 26 tháng 11 năm 2022"), ["2022-11-26"]);
        assert_eq!(d("Từ Sơn,ngày  5  tháng  1  năm  2023."), ["2023-01-05"]);
        assert_eq!(d("Hà Nội, ngày 26/11/2022"), ["2022-11-26"]);
        assert_eq!(d("ngày 9 tháng 02 năm 2021"), ["2021-02-09"]);
        // Invalid, blank or body dates.
        assert!(d("Bắc Ninh, ngày 31 tháng 02 năm 2022").is_empty());
        assert!(d("Bắc Ninh, ngày … tháng … năm 2022").is_empty());
        assert!(d("sinh ngày 12 tháng 5 năm 1948").is_empty());
        assert!(d("Căn cứ Nghị định ngày 10 tháng 2 năm 2020 của Chính phủ").is_empty());
        assert_eq!(d("……………, ngày 05 tháng 01 năm 2023"), ["2023-01-05"]);
        assert_eq!(d("TP. Bắc Ninh , ngày 1 tháng 6 năm 2021"), ["2021-06-01"]);
        assert!(d("Căn cứ Nghị định số 20/2021/NĐ-CP, ngày 15 tháng 3 năm 2021").is_empty());
        assert!(d("Căn cứ Quyết định số 12/QĐ-UBND\nngày 10 tháng 2 năm 2020").is_empty());
    }

    #[test]
    fn issuer_variants() {
        let i = |s: &str| strs(&extract(&[s]), "issuer");
        assert_eq!(
            i("UBND HUYỆN YÊN PHONG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
               PHÒNG LAO ĐỘNG - THƯƠNG BINH Độc lập - Tự do - Hạnh phúc\n\
               VÀ XÃ HỘI\nSố: 15/TB-LĐTBXH Yên Phong, ngày 3 tháng 4 năm 2023\nTHÔNG BÁO"),
            ["PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"]
        );
        assert_eq!(
            i("UBND XÃ TAM SƠN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBIÊN BẢN"),
            ["UBND XÃ TAM SƠN"]
        );
        assert_eq!(
            i("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHOẢ TỐC\nĐƠN ĐỀ NGHỊ"),
            Vec::<String>::new()
        );
        assert_eq!(
            i("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 5/KH-UBND\nKẾ HOẠCH"),
            ["ỦY BAN NHÂN DÂN TỈNH BẮC NINH"]
        );
        assert_eq!(
            i("BẢO HIỂM XÃ HỘI VIỆT NAM\nBẢO HIỂM XÃ HỘI\nTỈNH BẮC NINH\nTHÔNG BÁO"),
            ["BẢO HIỂM XÃ HỘI TỈNH BẮC NINH"]
        );
        assert_eq!(
            i("UBND TỈNH BẮC NINH\nSỞ LAO ĐỘNG -\nTHƯƠNG BINH VÀ XÃ HỘI\nBÁO CÁO"),
            ["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"]
        );
        // A công văn has no title line: the header ends at "Kính gửi".
        assert_eq!(
            i(
                "UBND TỈNH BẮC NINH\nSỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nSố: 123/SLĐTBXH-NCC\n\
               V/v xác nhận thông tin người có công\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
               Độc lập - Tự do - Hạnh phúc\nBắc Ninh, ngày 3 tháng 4 năm 2023\n\
               KÍNH GỬI: SỞ TÀI CHÍNH TỈNH BẮC NINH\nSở Lao động nhận được đơn"
            ),
            ["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"]
        );
    }
}
