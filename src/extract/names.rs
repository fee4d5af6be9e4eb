//! People's names: after a label ("Họ và tên:", "Tôi tên là", "Chứng nhận
//! ông:", "Ông/Bà:") or after "ông"/"bà" in running text ("trợ cấp đối với
//! ông Trần Văn Bảy, sinh năm 1948").
//!
//! A Vietnamese name is two to five capitalised syllables, surname first;
//! it stops at a comma, a digit, a lowercase word or the next label
//! ("Họ và tên: Nguyễn Văn An Giới tính: Nam"). "Ông"/"Bà" inside a place
//! name ("Hai Bà Trưng", "Bà Rịa", "đường Ông Ích Khiêm") is no title.
//! Names are written in Vietnamese title case, and a surname whose tone
//! mark OCR damaged ("Trấn", "Ngõ") gets it back from the closed set of
//! common surnames; given names are left as printed.

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use super::lines::{fold, re, Line};

/// Labels that introduce a person's name.
static RE_NAME_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"\bHO\s*,?\s*(?:CHU\s+DEM\s*,?\s*)?(?:VA\s+)?TEN(?:\s+[A-Z]+){0,4}?\s*:",
        r"|\bTOI\s+TEN\s+LA\s*:?|\bTOI\s+LA\s*:?",
        r"|\bCHUNG\s+NHAN\s*:?\s*(?:ONG|BA)(?:\s*[/(]\s*BA\s*\)?)?\s*:?",
        r"|\bONG\s*(?:/|\()\s*BA\s*\)?\s*:?",
        r"|\b(?:ONG|BA)\s*:",
    ))
});

/// "ông " / "bà " in running text (the name must follow capitalised).
static RE_HONORIFIC: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:ONG|BA)\s+"));

/// Label phrases that end a name ("Họ và tên: Nguyễn Văn An Giới tính: Nam").
pub(super) static RE_NAME_STOP: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"^(?:(?:GIOI\s*TINH|NAM\s+SINH|SINH\s+(?:NGAY|NAM|THANG)|NGAY\s*[,/]?\s*(?:SINH|THANG|CAP)",
        r"|DAN\s+TOC|TON\s+GIAO|QUOC\s+TICH|QUE\s+QUAN|TRU\s+QUAN|THUONG\s+TRU",
        r"|NOI\s+(?:THUONG|O|SINH|CU|CAP|LAM)|DIA\s+CHI",
        r"|SO\s+(?:DIEN|CCCD|CMND|DINH|SO|THE|BHXH|HO|CAN|CHUNG)|DIEN\s+THOAI|SDT|CCCD|CMND",
        r"|CAN\s+CUOC|CHUNG\s+MINH|MA\s+(?:SO|THE|BHXH|DINH)|NGHE\s+NGHIEP|CHUC\s+VU",
        r"|DON\s+VI|QUAN\s+HE|CU\s+TRU|HO\s+KHAU|TRINH\s+DO|EMAIL",
        r"|LA\s+(?:CON|VO|CHONG|NGUOI|THAN))\b",
        r"|NGUYEN\s+QUAN\s*:|DT\s*[:.])",
    ))
});

/// The role a name label gives its person: "Họ, chữ đệm, tên người mẹ"
/// (mother), "… người cha" (father), "Họ và tên liệt sĩ" (the martyr),
/// "Tôi tên là" (the applicant), "Họ và tên con" (a child the application
/// is also for). `folded` starts at the label.
pub(super) fn role_of_label(folded: &str) -> Option<&'static str> {
    let label = folded.split(':').next().unwrap_or(folded);
    let label = label.get(..label.len().min(48)).unwrap_or(label);
    // Spaces made single once, so "NGUOI  ME" is "NGUOI ME".
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    let has = |w: &str| label.contains(w);
    if has("NGUOI ME") || has("TEN ME") {
        Some("me")
    } else if has("NGUOI CHA") || has("TEN CHA") {
        Some("cha")
    } else if has("LIET SI") {
        Some("liet_si")
    } else if has("DUOC KHAI SINH") {
        Some("nguoi_duoc_khai_sinh")
    } else if has("TOI TEN LA") || has("NGUOI DE NGHI") || has("NGUOI YEU CAU") {
        Some("nguoi_de_nghi")
    } else if format!(" {label} ").contains(" TEN CON ")
        || format!(" {label} ").contains(" NGUOI CON ")
    {
        // Whole words: "Họ tên công dân" is not a child.
        Some("con")
    } else {
        None
    }
}

/// Offices a signer signs as (folded, upper case): the signer's name is
/// the name line after them, below the signature.
pub(super) static RE_SIGNER_OFFICE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"^\W*(?:(?:KT|TM|TL|TUQ|Q)\s*\.\s*)?(?:PHO\s+)?(?:CHU\s+TICH|GIAM\s+DOC|TRUONG\s+PHONG",
        r"|CHANH\s+VAN\s+PHONG|THU\s+TRUONG|BO\s+TRUONG|TRUONG\s+BAN|TONG\s+GIAM\s+DOC",
        r"|NGUOI\s+KY(?:\s+[A-Z]+){0,3}|CAN\s+BO\s+TU\s+PHAP(?:\s+[A-Z]+){0,4})\W*$",
    ))
});

/// The signer's name below this office line: the first of the next three
/// non-blank lines that is a name and nothing else (other office lines,
/// "PHÓ CHỦ TỊCH" under "KT. CHỦ TỊCH", may come between). None when
/// `idx` is not the last office line of its block.
pub(super) fn signer_after(lines: &[Line], idx: usize) -> Option<String> {
    if !RE_SIGNER_OFFICE.is_match(&lines[idx].folded) {
        return None;
    }
    let mut after = lines[idx + 1..].iter().filter(|l| !l.is_blank()).take(3);
    let next = after.next()?;
    if RE_SIGNER_OFFICE.is_match(&next.folded) {
        return None; // the block goes on: the last office line decides
    }
    std::iter::once(next).chain(after).find_map(|l| {
        let name = name_at(l, 0)?;
        let whole = fold(l.text.trim())
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        (fold(&name) == whole).then_some(name)
    })
}

/// Names on one line with their folded positions, in line order.
pub(super) fn names_of_line(line: &Line) -> Vec<(usize, String)> {
    let mut names: Vec<(usize, String)> = Vec::new();
    for m in RE_NAME_LABEL.find_iter(&line.folded) {
        if let Some(n) = name_at(line, m.end()) {
            names.push((m.start(), n));
        }
    }
    for m in RE_HONORIFIC.find_iter(&line.folded) {
        if !honorific_stands_alone(line, m.start(), m.end()) {
            continue;
        }
        // "Đại diện: ông Vũ Đình Khoa": a party's representative, not a
        // subject of the dossier.
        if line.folded[..m.start()].contains("DAI DIEN") {
            continue;
        }
        if let Some(n) = name_at(line, m.end()) {
            names.push((m.start(), n));
        }
    }
    names.sort_by_key(|(pos, _)| *pos);
    names
}

/// "ông"/"bà" used as a title before a name, not part of a place name
/// ("Hai Bà Trưng", "đường Ông Ích Khiêm", "Bà Rịa").
fn honorific_stands_alone(line: &Line, fs: usize, fe: usize) -> bool {
    let word = line.orig(fs, fe).trim().to_lowercase();
    if !matches!(word.as_str(), "ông" | "bà" | "ong" | "ba") {
        return false;
    }
    let before = line.orig(0, fs).trim_end();
    if let Some(prev) = before.split_whitespace().next_back() {
        let p = fold(prev);
        if matches!(
            p.as_str(),
            "DUONG"
                | "PHO"
                | "NGO"
                | "NGACH"
                | "HEM"
                | "KIET"
                | "AP"
                | "THON"
                | "XOM"
                | "CAU"
                | "DEN"
                | "CHUA"
                | "HAI"
        ) {
            return false;
        }
        let mut cs = prev.chars();
        let titlecase = cs.next().is_some_and(char::is_uppercase)
            && cs.clone().next().is_some()
            && cs.all(|c| c.is_lowercase());
        if titlecase {
            return false;
        }
    }
    let next = line.orig_from(fe).split_whitespace().next().unwrap_or("");
    !matches!(
        fold(next).trim_end_matches([',', '.']),
        "RIA" | "DEN" | "CHIEU"
    )
}

/// A name of 2–5 capitalised syllables starting at folded byte `fpos`, or
/// None. Stops at a comma, a digit, a lowercase word, another label or the
/// end of the line.
fn name_at(line: &Line, fpos: usize) -> Option<String> {
    let f = &line.folded;
    let mut i = fpos.min(f.len());
    // Skip what may sit between label and name.
    for (k, c) in f[i..].char_indices() {
        if !(c.is_whitespace() || matches!(c, ':' | '.' | '-' | '–' | '"' | '“' | '(' | ')')) {
            i += k;
            break;
        }
        if i + k + c.len_utf8() == f.len() {
            return None;
        }
    }
    let mut syllables: Vec<String> = Vec::new();
    loop {
        while let Some(c) = f[i..].chars().next() {
            if !c.is_whitespace() {
                break;
            }
            i += c.len_utf8();
        }
        if i >= f.len() {
            break;
        }
        if !syllables.is_empty() && RE_NAME_STOP.is_match(&f[i..]) {
            break;
        }
        let end = f[i..].find(char::is_whitespace).map_or(f.len(), |k| i + k);
        let token = line.orig(i, end);
        let core = token.trim_end_matches([',', ';', '.', ')', ':', '!', '?', '"', '”']);
        let trailing = &token[core.len()..];
        if trailing.contains(':') || !is_name_syllable(core) {
            break;
        }
        syllables.push(capitalise(core));
        if syllables.len() > 5 {
            return None;
        }
        if !trailing.is_empty() {
            break;
        }
        i = end;
    }
    // A title word written into the value: "Họ và tên: Ông Trần Văn Bảy".
    if syllables.len() >= 3 && matches!(syllables[0].as_str(), "Ông" | "Bà") {
        syllables.remove(0);
    }
    if !(2..=5).contains(&syllables.len()) {
        return None;
    }
    canonical_surname(&mut syllables);
    Some(syllables.join(" "))
}

/// Common surnames whose toneless form belongs to no other surname. OCR
/// damages tone marks ("Trân", "Trấn", "Ngõ"); a surname is a closed set,
/// so its marks can be restored from this table. Given names are not
/// touched ("Tuấn", "Tuần" and "Tuân" are all names).
const SURNAMES: [&str; 50] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đào", "Trịnh", "Lương", "Đoàn", "Lâm", "Trương", "Tạ",
    "Hà", "Kiều", "Nghiêm", "Tô", "Triệu", "Quách", "Lưu", "Vương", "Thái", "Phùng", "Tăng",
    "Khúc", "Nông", "Hứa", "Mạc", "Tống", "Lục", "Âu", "Diệp", "Đàm", "Giáp", "Khổng", "Lại",
    "Ninh", "Quản", "Thân",
];

/// The gender a title before a name implies: "ông" a man, "bà" a woman
/// ("Chứng nhận bà:", "đối với ông …"); none for "Ông/Bà" or a plain label.
/// `folded` starts where the name's label or title starts.
pub(super) fn title_gender(folded: &str) -> Option<&'static str> {
    let rest = folded
        .strip_prefix("CHUNG NHAN")
        .map_or(folded, |r| r.trim_start_matches([' ', ':']));
    let (g, after) = if let Some(a) = rest.strip_prefix("ONG") {
        ("nam", a)
    } else if let Some(a) = rest.strip_prefix("BA") {
        ("nu", a)
    } else {
        return None;
    };
    let next = after.trim_start().chars().next();
    match next {
        Some('/' | '(') => None,
        Some(c) if c.is_alphanumeric() && !after.starts_with(' ') => None,
        _ => Some(g),
    }
}

/// Restore the tone marks of the first syllable when its toneless form is
/// a known surname (see [`SURNAMES`]); other names are left as printed.
pub(super) fn canonical_surname(syllables: &mut [String]) {
    // A name typed without marks stays without marks.
    if syllables.iter().all(|s| s.is_ascii()) {
        return;
    }
    let Some(first) = syllables.first_mut() else {
        return;
    };
    let key = fold(first);
    if let Some(s) = SURNAMES.iter().find(|s| fold(s) == key) {
        *first = (*s).to_string();
    }
}

pub(super) fn is_name_syllable(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_uppercase()
        && s.chars().count() <= 8
        && chars.all(|c| c.is_alphabetic() || c == '\'' || c == '’')
}

/// "TRẦN" → "Trần", "trần" → "Trần".
pub(super) fn capitalise(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut cs = lower.chars();
    match cs.next() {
        Some(c) => c
            .to_uppercase()
            .chain(cs)
            .collect::<String>()
            .nfc()
            .collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::extract;
    use crate::extract::tests::strs;

    #[test]
    fn names_in_running_text_and_labels() {
        let n = |s: &str| strs(&extract(&[s]), "full_name");
        assert_eq!(
            n("Trợ cấp hàng tháng đối với ông Trần Văn Bảy, sinh năm 1948"),
            ["Trần Văn Bảy"]
        );
        assert_eq!(n("Tôi tên là: Nguyễn Thị Mai"), ["Nguyễn Thị Mai"]);
        assert_eq!(
            n("Tôi tên là Đinh Thị Ngọc Ánh sinh năm 1960"),
            ["Đinh Thị Ngọc Ánh"]
        );
        assert_eq!(n("Ông/Bà: PHẠM VĂN ĐỒNG"), ["Phạm Văn Đồng"]);
        assert_eq!(n("Ông (Bà): Vũ Thị Lan"), ["Vũ Thị Lan"]);
        assert_eq!(n("Bà: Lò Thị My"), ["Lò Thị My"]);
        assert_eq!(n("Họ tên: Hà Văn Dũng 1970"), ["Hà Văn Dũng"]);
        assert_eq!(n("Họ và tên người khai: Trịnh Văn Quý"), ["Trịnh Văn Quý"]);
        assert_eq!(
            n("Họ và tên: Nguyễn Văn An Năm sinh: 1950"),
            ["Nguyễn Văn An"]
        );
        assert_eq!(n("Họ và tên: Ông Trần Văn Bảy"), ["Trần Văn Bảy"]);
        assert_eq!(
            n("Kính gửi: Ông Lê Minh Tuấn - Trưởng thôn"),
            ["Lê Minh Tuấn"]
        );
        // Labels without a name, titles, place names.
        assert!(n("Ông/Bà").is_empty());
        assert!(n("Ông/Bà: ..............................").is_empty());
        assert!(n("Họ và tên: nguyễn văn an").is_empty());
        assert!(n("đề nghị ông Chủ tịch UBND xã xem xét").is_empty());
        assert!(n("quận Hai Bà Trưng, thành phố Hà Nội").is_empty());
        assert!(n("tỉnh Bà Rịa Vũng Tàu").is_empty());
        assert!(n("số 5 đường Ông Ích Khiêm").is_empty());
        assert!(n("Họ và tên: Nguyễn Văn An Bình Minh Hoàng Long").is_empty());
    }
}
