//! A person's own data on a form or in running text: date of birth,
//! gender, citizen ID (CCCD, 12 digits; CMND, 9), social-insurance number
//! (BHXH, 10 digits), health-insurance card code (BHYT, two letters and 13
//! digits) and phone number.
//!
//! Each value follows its label ("Ngày, tháng, năm sinh:", "Giới tính:",
//! "Số CCCD:", "Mã số BHXH:", "Mã thẻ BHYT:", "Số điện thoại:" and their
//! short and toneless forms); only a BHYT code is shaped enough to be taken
//! without one. Numbers are printed in groups ("027 048 001 234",
//! "0912.345.678", "CC 4 27 2720123456"): the groups are joined up to the
//! length the label wants, and digits glued to letters belong to some other
//! code. Dates come out as ISO (a birth year alone as the year); "hy sinh
//! ngày …" is a martyr's date of death, not a birth date. Values are kept
//! as printed even when they cannot be right: the checks of `analyse` flag
//! them.

use std::sync::LazyLock;

use regex::Regex;

use super::header::iso_date;
use super::lines::{re, Line};

/// Date of birth after its labels.
static RE_DOB: LazyLock<Regex> = LazyLock::new(|| {
    // "Năm sinh: 25/10/1983": a full date after a year label too.
    let label_full =
        r"(?:\bNGAY\s*[,/]?\s*THANG\s*[,/]?\s*NAM\s+SINH|\bNGAY\s+SINH|\bSINH\s+NGAY|\bNAM\s+SINH)";
    let label_year =
        r"(?:\bNGAY\s*[,/]?\s*THANG\s*[,/]?\s*NAM\s+SINH|\bNGAY\s+SINH|\bNAM\s+SINH|\bSINH\s+NAM)";
    re(&format!(
        r"{label_full}\s*[:.]?\s*(?:(?P<d1>\d{{1,2}})\s*[/.-]\s*(?P<m1>\d{{1,2}})\s*[/.-]\s*(?P<y1>\d{{4}})\b|(?:NGAY\s*)?(?P<d2>\d{{1,2}})\s*THANG\s*(?P<m2>\d{{1,2}})\s*,?\s*NAM\s*(?P<y2>\d{{4}})\b)|{label_year}\s*[:.]?\s*(?P<y3>\d{{4}})\b"
    ))
});

pub(super) fn dobs_of_line(line: &Line) -> Vec<String> {
    RE_DOB
        .captures_iter(&line.folded)
        .filter_map(|c| {
            // "hy sinh ngày …" is the date of death of a martyr.
            let before = line.folded[..c.get(0)?.start()].trim_end();
            let last_word = before.rsplit(' ').next().unwrap_or("");
            if last_word == "HY" || last_word == "HI" {
                return None;
            }
            if let (Some(d), Some(m), Some(y)) = (c.name("d1"), c.name("m1"), c.name("y1")) {
                return printed_date(y.as_str(), m.as_str(), d.as_str());
            }
            if let (Some(d), Some(m), Some(y)) = (c.name("d2"), c.name("m2"), c.name("y2")) {
                return printed_date(y.as_str(), m.as_str(), d.as_str());
            }
            plausible_year(c.name("y3")?.as_str())
        })
        .collect()
}

/// A labelled birth date as ISO even when the day does not exist
/// ("30/02/1990" → "1990-02-30"): it is kept, and its check flags it,
/// rather than silently dropped. Day 1–31, month 1–12, plausible year.
pub(super) fn printed_date(y: &str, m: &str, d: &str) -> Option<String> {
    iso_date(y, m, d).or_else(|| {
        let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        let ok = (1880..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d);
        ok.then(|| format!("{y:04}-{m:02}-{d:02}"))
    })
}

pub(super) fn plausible_year(y: &str) -> Option<String> {
    let n: u32 = y.parse().ok()?;
    (1880..=2100).contains(&n).then(|| format!("{n:04}"))
}

static RE_GENDER: LazyLock<Regex> = LazyLock::new(|| {
    // "Giớitính:Nam": OCR may drop the spaces.
    re(r"(?:\bGIOI\s*TINH\s*[:.]?|\bNAM\s*/\s*NU\s*:)\s*(NAM|NU)\b\W*(NAM|NU)?\b")
});

pub(super) fn gender_of_line(line: &Line) -> Option<&'static str> {
    let c = RE_GENDER.captures(&line.folded)?;
    let first = c.get(1)?;
    // A table header "Giới tính  Năm sinh" is no value.
    if line.folded[first.end()..].trim_start().starts_with("SINH") {
        return None;
    }
    let first = first.as_str();
    // "Giới tính: Nam/Nữ" (a form's both options) says nothing.
    if c.get(2).is_some_and(|m| m.as_str() != first) {
        return None;
    }
    Some(if first == "NAM" { "nam" } else { "nu" })
}

/// Digit groups from folded byte `pos`: runs of digits separated by one
/// space, dot or dash (optionally spaced), e.g. "027 048 001 234". None if
/// the first digit is glued to a letter before it.
fn digit_groups(f: &str, pos: usize) -> Vec<&str> {
    let bytes = f.as_bytes();
    let mut groups = Vec::new();
    if pos > 0 && pos <= bytes.len() {
        let prev = f[..pos].chars().next_back().unwrap_or(' ');
        if prev.is_alphabetic() {
            return groups;
        }
    }
    let mut i = pos;
    loop {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            break;
        }
        groups.push(&f[start..i]);
        // Separator: up to 3 of space / '.' / '-', with a digit after.
        let mut j = i;
        while j < bytes.len() && j - i < 3 && matches!(bytes[j], b' ' | b'.' | b'-') {
            j += 1;
        }
        let sep = &f[i..j];
        let ok_sep = !sep.is_empty() && sep.trim().len() <= 1;
        if ok_sep && j < bytes.len() && bytes[j].is_ascii_digit() {
            i = j;
        } else {
            if i < bytes.len() {
                let next = f[i..].chars().next().unwrap_or(' ');
                if next.is_alphabetic() {
                    // "…1234A": part of a longer code.
                    groups.clear();
                }
            }
            break;
        }
    }
    groups
}

/// The digits of the shortest prefix of `groups` that has exactly `n` digits.
fn take_digits(groups: &[&str], n: usize) -> Option<String> {
    let mut s = String::new();
    for g in groups {
        s.push_str(g);
        if s.len() == n {
            return Some(s);
        }
        if s.len() > n {
            return None;
        }
    }
    None
}

/// Start (folded byte) of the first digit after a label, skipping at most
/// `max` chars of other text ("Căn cước công dân số: 0270…").
fn first_digit_after(f: &str, from: usize, max: usize) -> Option<usize> {
    for (n, (k, c)) in f.get(from..)?.char_indices().enumerate() {
        if c.is_ascii_digit() {
            return Some(from + k);
        }
        if n >= max {
            return None;
        }
    }
    None
}

/// Citizen ID labels: `cccd` wants 12 digits, `cmnd` 9 (or the 12-digit CMND).
static RE_ID_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"\b(?:(?P<both>CMND\s*/\s*CCCD|CCCD\s*/\s*CMND|CMT\s*/\s*CCCD)",
        r"|(?P<cccd>CCCD|CAN\s+CUOC\s+CONG\s+DAN|CAN\s+CUOC|(?:SO\s+)?DINH\s+DANH(?:\s+CA\s+NHAN)?)",
        r"|(?P<cmnd>CMND|CMT|CHUNG\s+MINH\s+NHAN\s+DAN|CHUNG\s+MINH\s+THU))\b",
    ))
});

pub(super) fn citizen_ids_of_line(line: &Line) -> Vec<String> {
    let f = &line.folded;
    let mut ids = Vec::new();
    for c in RE_ID_LABEL.captures_iter(f) {
        let Some(whole) = c.get(0) else { continue };
        let Some(pos) = first_digit_after(f, whole.end(), 30) else {
            continue;
        };
        let groups = digit_groups(f, pos);
        let all: usize = groups.iter().map(|g| g.len()).sum();
        let lengths: &[usize] = if c.name("cccd").is_some() {
            &[12]
        } else if all == 9 {
            &[9]
        } else {
            &[12, 9]
        };
        if let Some(id) = lengths.iter().find_map(|&n| take_digits(&groups, n)) {
            ids.push(id);
        }
    }
    ids
}

static RE_BHXH_LABEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(?:SO\s+SO|MA\s+SO|MA|SO)\s+(?:BHXH|BAO\s+HIEM\s+XA\s+HOI)\b"));

pub(super) fn social_insurance_of_line(line: &Line) -> Vec<String> {
    let f = &line.folded;
    RE_BHXH_LABEL
        .find_iter(f)
        .filter_map(|m| {
            let pos = first_digit_after(f, m.end(), 12)?;
            take_digits(&digit_groups(f, pos), 10)
        })
        .collect()
}

static RE_BHYT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:MA|SO)\s+(?:SO\s+)?(?:THE\s+)?(?:BHYT|BAO\s+HIEM\s+Y\s+TE)\b(?:\s*SO)?(?:\s*\([^)]{0,20}\))?\s*[:.]?\s*",
    )
});

/// A health-insurance card code standing alone.
static RE_BHYT: LazyLock<Regex> = LazyLock::new(|| re(r"\b[A-Z]{2}[1-5]\d{12}\b"));

pub(super) fn health_insurance_of_line(line: &Line) -> Vec<String> {
    let f = &line.folded;
    let mut found: Vec<(usize, String)> = Vec::new();
    for m in RE_BHYT_LABEL.find_iter(f) {
        // Up to 15 code characters, spaces, dots and dashes skipped, with
        // digit-like letters repaired after the two group letters.
        let mut code = String::new();
        for c in f[m.end()..].chars().take(30) {
            if matches!(c, ' ' | '.' | '-') {
                continue;
            }
            if !c.is_ascii_alphanumeric() || code.len() == 15 {
                break;
            }
            let c = if code.len() >= 2 {
                match c {
                    'O' => '0',
                    'I' | 'L' => '1',
                    c => c,
                }
            } else {
                c
            };
            code.push(c);
        }
        if is_bhyt_shape(&code) {
            found.push((m.start(), code));
        }
    }
    for m in RE_BHYT.find_iter(f) {
        found.push((m.start(), m.as_str().to_string()));
    }
    found.sort_by_key(|(p, _)| *p);
    found.into_iter().map(|(_, c)| c).collect()
}

/// Two letters and 13 digits: shaped like a card number, whatever its
/// benefit level (checked later, so that a misprinted card is flagged
/// rather than lost).
pub(super) fn is_bhyt_shape(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 15
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..].iter().all(u8::is_ascii_digit)
}

static RE_PHONE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:SO\s+DIEN\s+THOAI|DIEN\s+THOAI|SDT|DTDD|DT)(?:\s+(?:DI\s+DONG|LIEN\s+HE|CO\s+DINH))?\s*[:.]?\s*",
    )
});

pub(super) fn phones_of_line(line: &Line) -> Vec<String> {
    let f = &line.folded;
    let mut phones = Vec::new();
    for m in RE_PHONE_LABEL.find_iter(f) {
        let rest = &f[m.end()..];
        let trimmed = rest.trim_start_matches(['(', ' ']);
        let (intl, skip) = if trimmed.starts_with("+84") {
            (true, trimmed.find("84").map_or(0, |k| k + 2))
        } else {
            (false, 0)
        };
        let mut pos = m.end() + (rest.len() - trimmed.len()) + skip;
        if intl {
            // "(+84) 912 …": step over ") " to the first digit.
            let Some(p) = first_digit_after(f, pos, 3) else {
                continue;
            };
            pos = p;
        }
        if !f[pos.min(f.len())..].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let groups = digit_groups(f, pos);
        let number = if intl {
            take_digits(&groups, 9).map(|d| format!("0{d}"))
        } else if groups.first().is_some_and(|g| g.starts_with("84")) {
            take_digits(&groups, 11).map(|d| format!("0{}", &d[2..]))
        } else {
            take_digits(&groups, 10)
        };
        if let Some(n) = number.filter(|n| n.starts_with('0') && !n.starts_with("00")) {
            phones.push(n);
        }
    }
    phones
}

#[cfg(test)]
mod tests {
    use crate::extract::extract;
    use crate::extract::tests::strs;

    #[test]
    fn dates_of_birth() {
        let d = |s: &str| strs(&extract(&[s]), "date_of_birth");
        assert_eq!(d("Sinh ngày: 12/05/1948"), ["1948-05-12"]);
        assert_eq!(d("Ngày sinh: 12-05-1948"), ["1948-05-12"]);
        assert_eq!(d("Ngày, tháng, năm sinh: 12.05.1948"), ["1948-05-12"]);
        assert_eq!(d("ông A sinh ngày 12 tháng 5 năm 1948 tại"), ["1948-05-12"]);
        assert_eq!(d("Năm sinh: 1948"), ["1948"]);
        assert_eq!(d("bà B, sinh năm 1952, trú tại"), ["1952"]);
        assert_eq!(d("Ngày sinh: 1930"), ["1930"]);
        // A day that does not exist is kept as printed (and flagged by its check).
        assert_eq!(d("Ngày sinh: 31/02/1948"), ["1948-02-31"]);
        assert!(d("Ngày sinh: 01/01/1700").is_empty());
        assert!(d("Năm sinh: 3000").is_empty());
        assert!(d("ngày 12/05/1948").is_empty());
        assert!(d("Hy sinh ngày 12/4/1972 tại Quảng Trị").is_empty());
        assert!(d("Liệt sĩ hi sinh ngày 3 tháng 5 năm 1968").is_empty());
    }

    #[test]
    fn date_of_death_is_not_a_birth_date() {
        for line in [
            "Hi sinh ngày 15/03/1972 tại mặt trận",
            "Liệt sĩ hy sinh ngày 15/03/1972",
        ] {
            let f = extract(&[line]);
            assert!(
                f["date_of_birth"].is_empty(),
                "{line}: {:?}",
                f["date_of_birth"]
            );
        }
    }

    #[test]
    fn gender() {
        let g = |s: &str| strs(&extract(&[s]), "gender");
        assert_eq!(g("Giới tính: Nam"), ["nam"]);
        assert_eq!(g("Giới tính: Nữ   Dân tộc: Kinh"), ["nu"]);
        assert_eq!(g("GIỚI TÍNH: NỮ"), ["nu"]);
        assert!(g("Giới tính: Nam/Nữ").is_empty());
        assert_eq!(g("Ngày sinh: 15/08/1955 Nam/Nữ: Nam"), ["nam"]);
        assert!(g("STT Họ và tên Giới tính Năm sinh").is_empty());
        assert!(g("Ông Nguyễn Văn Nam").is_empty());
    }

    #[test]
    fn citizen_ids() {
        let c = |s: &str| strs(&extract(&[s]), "citizen_id");
        assert_eq!(c("Số CCCD: 027048001234"), ["027048001234"]);
        assert_eq!(c("Căn cước công dân số 027 048 001 234"), ["027048001234"]);
        assert_eq!(c("Số định danh cá nhân: 027.048.001.234"), ["027048001234"]);
        assert_eq!(c("CMND/CCCD: 125678901"), ["125678901"]);
        assert_eq!(c("Số CMND: 125 678 901 cấp ngày 12/5/2010"), ["125678901"]);
        assert_eq!(c("Chứng minh nhân dân số: 125678901"), ["125678901"]);
        assert_eq!(c("CCCD: 027048001234 12 người"), ["027048001234"]);
        // Wrong lengths and digits inside longer codes.
        assert!(c("Số CCCD: 12345").is_empty());
        assert!(c("Số CCCD: 125678901").is_empty());
        assert!(c("CCCD: HN4271234567890").is_empty());
        assert!(c("Mã thẻ BHYT: HN4271234567890").is_empty());
        assert!(c("027048001234").is_empty());
    }

    #[test]
    fn insurance_numbers() {
        let f = extract(&["Số sổ BHXH: 2720 123 456\nMã BHXH 0123456789\nMã số BHXH: 12345"]);
        assert_eq!(
            strs(&f, "social_insurance_no"),
            ["2720123456", "0123456789"]
        );
        let f = extract(&[
            "Số thẻ BHYT: hn4271234567890\nThẻ HT3011234567890 còn hạn\nCC4 27 272 012 3456\nAB61234567890123",
        ]);
        assert_eq!(
            strs(&f, "health_insurance_no"),
            ["HN4271234567890", "HT3011234567890"]
        );
        assert!(f["social_insurance_no"].is_empty());
    }

    #[test]
    fn phones() {
        let p = |s: &str| strs(&extract(&[s]), "phone");
        assert_eq!(p("Số điện thoại: 0912 345 678"), ["0912345678"]);
        assert_eq!(p("ĐT: 0987.654.321"), ["0987654321"]);
        assert_eq!(p("SĐT (+84) 912345678"), ["0912345678"]);
        assert_eq!(p("SĐT: +84912345678"), ["0912345678"]);
        assert_eq!(p("Điện thoại: 84912345678"), ["0912345678"]);
        assert_eq!(p("Điện thoại: 0912345678 - 0987654321"), ["0912345678"]);
        assert!(p("Điện thoại: 0222.3822.123").is_empty());
        assert!(p("đường ĐT.295").is_empty());
        assert!(p("0912345678").is_empty());
    }
}
