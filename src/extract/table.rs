//! Rows of a list (DANH SÁCH): one person a line, "1  Nguyễn Văn An  1985
//! 027085001234  1.500.000".
//!
//! Lists are read only below a DANH SÁCH title (and on the pages after it),
//! never elsewhere: a row is an optional index, a name of 2–5 capitalised
//! syllables, a birth year or date, then the cells (12-digit CCCD, 9-digit
//! CMND and 10-digit BHXH numbers where the header names those columns,
//! BHYT card codes, amounts in dotted thousands). The column headers say
//! what else a row holds: a gender column ("Giới tính", "Nam/Nữ") and a
//! relation column ("Quan hệ với chủ hộ": "Chủ hộ", "Vợ", "Con" …) whose
//! words are no part of the name. Table bars and OCR specks are blanked
//! first, and IDs printed in groups are joined.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{fold, re, Line};
use super::money::is_dotted_thousands;
use super::names::{canonical_surname, capitalise, is_name_syllable, RE_NAME_STOP};
use super::personal::{is_bhyt_shape, plausible_year, printed_date};
use super::Page;

/// How many lines of a page's text read as list rows (name, birth year or
/// date, the rest): used to choose between Tesseract's text and the rows
/// rebuilt from word boxes.
pub(super) fn table_rows_in(text: &str) -> usize {
    let page = Page::new(text);
    let columns = Columns::of(&page);
    page.lines
        .iter()
        .filter(|l| table_row(l, columns).is_some())
        .count()
}

/// A DANH SÁCH row, on the original text (table bars already blanked):
/// optional index, 2–5 capitalised syllables, a year or a date, the rest.
static RE_ROW: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?:\d{1,4}[.)]?\s+)?((?:\p{Lu}[\p{L}'’]*\s+){1,4}\p{Lu}[\p{L}'’]*)\s+(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})|(\d{4}))(?:\s+(.*))?$",
    )
});

/// A DANH SÁCH row: "1  Nguyễn Văn An  1985  027085001234  1.500.000".
pub(super) struct Row {
    pub(super) name: String,
    pub(super) dob: Option<String>,
    /// From a gender column ("Nam"/"Nữ" after the name).
    pub(super) gender: Option<&'static str>,
    pub(super) ids: Vec<String>,
    /// Social-insurance numbers (when the list has a BHXH column).
    pub(super) bhxh: Vec<String>,
    /// Health-insurance card codes in the row.
    pub(super) bhyt: Vec<String>,
    pub(super) amounts: Vec<u64>,
}

/// What a list page's column headers say its rows hold.
#[derive(Clone, Copy, Default)]
pub(super) struct Columns {
    /// "Giới tính" / "Nam/Nữ" after the name.
    gender: bool,
    /// A "Mã số BHXH" column: 10-digit cells are social-insurance numbers.
    bhxh: bool,
    /// A "Số CMND" column: 9-digit cells are old ID numbers.
    cmnd: bool,
    /// A "Quan hệ (với chủ hộ)" column before the birth date.
    relation: bool,
}

/// Relations to the head of household, as a list's relation column prints
/// them (folded). "Anh", "Em" are left out: they are also given names.
const RELATIONS: [&str; 10] = [
    "VO", "CHONG", "CON", "CHAU", "BO", "ME", "CHA", "DAU", "RE", "CHI",
];

impl Columns {
    pub(super) fn of(page: &Page) -> Columns {
        let has = |words: &[&str]| {
            page.lines
                .iter()
                .any(|l| words.iter().any(|w| l.folded.contains(w)))
        };
        let relation = page.lines.iter().any(|l| {
            let f = &l.folded;
            match (f.find("QUAN HE"), f.find("SINH")) {
                (Some(r), Some(d)) => r < d,
                _ => false,
            }
        });
        Columns {
            gender: has(&["GIOI TINH", "NAM/NU"]),
            bhxh: has(&["BHXH", "BAO HIEM XA HOI"]),
            cmnd: has(&["CMND", "CHUNG MINH"]),
            relation,
        }
    }
}

/// The list row `line` reads as under these column headers, if any.
pub(super) fn table_row(line: &Line, columns: Columns) -> Option<Row> {
    let gender_column = columns.gender;
    let text: String = line
        .text
        .chars()
        .map(|c| {
            if matches!(c, '|' | '¦' | '│') {
                ' '
            } else {
                c
            }
        })
        .collect();
    // OCR leaves rule fragments and specks as tokens ("4_", "' .1989", "-_").
    let text = text
        .split_whitespace()
        .enumerate()
        .map(|(k, t)| {
            // The row number with a speck glued on ("1Ð", "9_").
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &t[digits..];
            if k == 0 && digits > 0 && rest.chars().count() == 1 && !rest.starts_with(['.', ')']) {
                &t[..digits]
            } else {
                t
            }
        })
        .map(|t| t.trim_matches(['_', '\'', '’', '‘', '`', '"', '-', '—', ',', ';']))
        .map(|t| {
            if t.starts_with('.') && t[1..].bytes().all(|b| b.is_ascii_digit()) {
                &t[1..]
            } else {
                t
            }
        })
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .collect::<Vec<_>>();
    // A relation column between name and birth date: "Chủ hộ" is dropped
    // (its "hộ" is no name syllable), the one-word relations below.
    let mut kept: Vec<&str> = Vec::with_capacity(text.len());
    let mut k = 0;
    while k < text.len() {
        let pair = columns.relation
            && fold(text[k]) == "CHU"
            && text.get(k + 1).is_some_and(|t| fold(t) == "HO");
        if pair {
            k += 2;
            continue;
        }
        kept.push(text[k]);
        k += 1;
    }
    let text = kept.join(" ");
    let c = RE_ROW.captures(&text)?;
    let mut syllables: Vec<String> = Vec::new();
    for tok in c.get(1)?.as_str().split_whitespace() {
        if !is_name_syllable(tok) {
            return None;
        }
        syllables.push(capitalise(tok));
    }
    // "… NĂM 2023": a heading with a year, not a person.
    if syllables.last().is_some_and(|s| s == "Năm") {
        return None;
    }
    let mut gender = None;
    for _ in 0..2 {
        if syllables.len() < 3 {
            break;
        }
        let last = fold(syllables.last().map_or("", String::as_str));
        if gender_column && gender.is_none() && (last == "NAM" || last == "NU") {
            syllables.pop();
            gender = Some(if last == "NAM" { "nam" } else { "nu" });
        } else if columns.relation && RELATIONS.contains(&last.as_str()) {
            syllables.pop();
        } else {
            break;
        }
    }
    if !(2..=5).contains(&syllables.len()) || RE_NAME_STOP.is_match(&fold(&syllables.join(" "))) {
        return None;
    }
    // A year misread out of range ("1879") loses the date, not the person.
    let dob = match (c.get(2), c.get(3), c.get(4), c.get(5)) {
        (Some(d), Some(m), Some(y), _) => printed_date(y.as_str(), m.as_str(), d.as_str()),
        (_, _, _, Some(y)) => plausible_year(y.as_str()),
        _ => return None,
    };
    // The gender column after the birth date.
    let after = c.get(6).map_or("", |m| m.as_str());
    if gender_column && gender.is_none() {
        gender = match after.split_whitespace().next().map(fold).as_deref() {
            Some("NAM") => Some("nam"),
            Some("NU") => Some("nu"),
            _ => None,
        };
    }
    let mut ids = Vec::new();
    let mut bhyt = Vec::new();
    let mut bhxh = Vec::new();
    let mut amounts = Vec::new();
    let rest = after;
    let mut tokens: Vec<String> = Vec::new();
    for tok in rest.split_whitespace() {
        let tok = tok.trim_matches([',', ';']);
        // An ID split by spaces ("027 085 001234"): digit groups are joined
        // while the digits so far are fewer than 12.
        if let Some(last) = tokens.last_mut() {
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            if digits(last) && digits(tok) && last.len() < 12 && last.len() + tok.len() <= 12 {
                last.push_str(tok);
                continue;
            }
            // A card number printed in groups ("HN4 27 2721345678").
            let card_start = last.len() >= 2
                && last.len() < 15
                && last.as_bytes()[..2].iter().all(u8::is_ascii_uppercase)
                && last.as_bytes()[2..].iter().all(u8::is_ascii_digit);
            if card_start && digits(tok) && last.len() + tok.len() <= 15 {
                last.push_str(tok);
                continue;
            }
        }
        tokens.push(tok.to_string());
    }
    for tok in &tokens {
        let tok = tok.as_str();
        let upper = tok.to_uppercase();
        let all_digits = tok.bytes().all(|b| b.is_ascii_digit());
        if tok.len() == 12 && all_digits || tok.len() == 9 && all_digits && columns.cmnd {
            ids.push(tok.to_string());
        } else if tok.len() == 10 && all_digits && columns.bhxh {
            bhxh.push(tok.to_string());
        } else if is_bhyt_shape(&upper) {
            bhyt.push(upper);
        } else if is_dotted_thousands(tok) {
            if let Some(v) = tok
                .replace('.', "")
                .parse::<u64>()
                .ok()
                .filter(|&v| v >= 1000)
            {
                amounts.push(v);
            }
        }
    }
    Some(Row {
        name: {
            canonical_surname(&mut syllables);
            syllables.join(" ")
        },
        dob,
        gender,
        ids,
        bhxh,
        bhyt,
        amounts,
    })
}

#[cfg(test)]
mod tests {
    use crate::extract::tests::{ints, strs};
    use crate::extract::{analyse_texts, extract};

    const DANH_SACH: &str = "\
UBND TỈNH BẮC NINH
SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI
DANH SÁCH
NGƯỜI LAO ĐỘNG ĐƯỢC HỖ TRỢ TIỀN THUÊ NHÀ
(Kèm theo Quyết định số 312/QĐ-SLĐTBXH ngày 15/12/2022)
STT Họ và tên Năm sinh Số CCCD Số tiền (đồng)
1 Nguyễn Văn An 1985 027085001234 1.500.000
2 | LÊ THỊ BÌNH | 12/03/1990 | 027190004567 | 1.000.000
3 Hoàng Văn Cường 1979
Tổng cộng: 2.500.000";

    #[test]
    fn danh_sach_rows() {
        let page2 = "4 Phạm Thị Dung 2001 027301009876 500.000\n5 Đỗ Minh 1999";
        let f = extract(&[DANH_SACH, page2]);
        assert_eq!(strs(&f, "doc_type"), ["danh_sach"]);
        assert_eq!(
            strs(&f, "full_name"),
            [
                "Nguyễn Văn An",
                "Lê Thị Bình",
                "Hoàng Văn Cường",
                "Phạm Thị Dung",
                "Đỗ Minh"
            ]
        );
        assert_eq!(
            strs(&f, "date_of_birth"),
            ["1985", "1990-03-12", "1979", "2001", "1999"]
        );
        assert_eq!(
            strs(&f, "citizen_id"),
            ["027085001234", "027190004567", "027301009876"]
        );
        assert_eq!(ints(&f, "amount_vnd"), [1_500_000, 1_000_000, 500_000]);
        assert_eq!(strs(&f, "issuer"), ["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"]);
        // The cited decision is not the dossier's number.
        assert!(f["document_no"].is_empty());
    }

    #[test]
    fn list_headings_are_not_rows() {
        let page = "DANH SÁCH HỘ NGHÈO NĂM 2023\nHỘ CẬN NGHÈO NĂM 2023\n1 Nguyễn Hoàng Nam 1990";
        let f = extract(&[page]);
        assert_eq!(strs(&f, "full_name"), ["Nguyễn Hoàng Nam"]);
        assert_eq!(strs(&f, "date_of_birth"), ["1990"]);
    }

    #[test]
    fn rows_outside_a_list_are_not_names() {
        let f = extract(&["BÁO CÁO\nNguyễn Văn An 1985 027085001234"]);
        assert_eq!(strs(&f, "doc_type"), ["bao_cao"]);
        assert!(f["full_name"].is_empty());
        assert!(f["citizen_id"].is_empty());
    }

    #[test]
    fn danh_sach_gender_column() {
        let page = "DANH SÁCH\nSTT Họ và tên Giới tính Năm sinh\n1 Trần Văn Nam Nam 1950\n2 Lê Thị Hà Nữ 1952";
        let f = extract(&[page]);
        assert_eq!(strs(&f, "full_name"), ["Trần Văn Nam", "Lê Thị Hà"]);
        assert_eq!(strs(&f, "date_of_birth"), ["1950", "1952"]);
        assert!(f["gender"].is_empty());
    }

    #[test]
    fn household_list_with_relation_and_gender_columns() {
        let page = "DANH SÁCH\nSTT Họ và tên Quan hệ với chủ hộ Năm sinh Giới tính Mã thẻ BHYT\n\
1 Nguyễn Văn Long Chủ hộ 1965 Nam HN2272721001111\n\
2 Trần Thị Hằng Vợ 1970 Nữ HN2272721002222\n\
3 Nguyễn Tuấn Anh Con 2001 Nam HN2272721003333";
        let f = extract(&[page]);
        assert_eq!(
            strs(&f, "full_name"),
            ["Nguyễn Văn Long", "Trần Thị Hằng", "Nguyễn Tuấn Anh"]
        );
        assert_eq!(strs(&f, "date_of_birth"), ["1965", "1970", "2001"]);
        let a = analyse_texts(&[page]);
        let genders: Vec<_> = a.records.iter().map(|r| r.gender.clone()).collect();
        assert_eq!(
            genders,
            [Some("nam".into()), Some("nu".into()), Some("nam".into())]
        );
    }
}
