//! Amounts of money in đồng, as integers.
//!
//! Vietnamese documents group thousands with dots and write the decimal
//! point as a comma ("1.500.000 đồng", "2,5 triệu đồng"), name large units
//! in words (nghìn/ngàn, triệu, tỷ/tỉ, chained: "1 triệu 500 nghìn đồng")
//! and end with the currency (đồng, đ, VNĐ). "Đồng" is also a word and a
//! place ("đồng chí", "Đồng Nai"): what follows it decides. A number wrapped
//! onto the line before its "đồng" is joined; amounts under 1,000 đồng,
//! numbers glued to letters ("A1.500 đồng") and numbers with a leading zero
//! (IDs, phones) are none.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{re, Line};

/// Money: a chain of "number unit" pairs and/or a plain number, then the
/// currency ("1.500.000 đồng", "2,5 triệu đồng", "1 triệu 500 nghìn đồng").
static RE_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    let num = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3}){2,}|\d+(?:[.,]\d+)?)";
    let unit = r"(?:TRIEU|NGHIN|NGAN|TY|TI)";
    re(&format!(
        r"(?P<chain>(?:{num}\s*{unit}\s*)+)(?P<last>{num})?\s*(?:DONG|VND|D)|(?P<plain>{num})\s*(?:DONG|VND|D)"
    ))
});

static RE_AMOUNT_PAIR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3}){2,}|\d+(?:[.,]\d+)?)\s*(TRIEU|NGHIN|NGAN|TY|TI)",
    )
});

/// Words after "đồng" that make it not the currency ("đồng chí", "Đồng Nai").
static RE_NOT_CURRENCY: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"^\s*(?:CHI|BAO|NAI|THAP|Y|THOI|NGHIEP|DOI|LOAT|KHOI|DEU|TAM|LONG|MINH|CAM|RUONG",
        r"|HUONG|NHAT|BO|HANH|PHAM)\b",
    ))
});

pub(super) fn amounts_of_line(line: &Line) -> Vec<u64> {
    let f = &line.folded;
    let mut amounts = Vec::new();
    let mut pos = 0;
    while pos < f.len() {
        let Some(c) = RE_AMOUNT.captures_at(f, pos) else {
            break;
        };
        let Some(whole) = c.get(0) else { break };
        let chain = c.name("chain").map_or("", |m| m.as_str());
        let last = c.name("last").or_else(|| c.name("plain"));
        // The match must start at a number not glued to letters or digits.
        let prev = f[..whole.start()].chars().next_back();
        let glued = prev.is_some_and(|p| p.is_alphanumeric() || p == '.' || p == ',');
        if glued {
            // Step over the whole glued token so that no suffix of it matches.
            let skip = f[whole.start()..]
                .find(|ch: char| !(ch.is_alphanumeric() || ch == '.' || ch == ','))
                .map_or(f.len(), |k| whole.start() + k);
            pos = skip.max(whole.start() + 1);
            while pos < f.len() && !f.is_char_boundary(pos) {
                pos += 1;
            }
            continue;
        }
        pos = whole.end();
        // A number with a leading zero is an ID or a phone, never an amount
        // ("… 027085176462 Đông Mai": a list row's ID, then its hamlet).
        let padded = last.is_some_and(|l| {
            let b = l.as_str().as_bytes();
            b.len() > 1 && b[0] == b'0' && b[1].is_ascii_digit()
        });
        if padded {
            continue;
        }
        let after = &f[whole.end()..];
        if after.chars().next().is_some_and(char::is_alphanumeric)
            || RE_NOT_CURRENCY.is_match(after)
        {
            continue;
        }
        let mut total: u128 = 0;
        let mut ok = true;
        for p in RE_AMOUNT_PAIR.captures_iter(chain) {
            let mult: u128 = match p.get(2).map_or("", |m| m.as_str()) {
                "TY" | "TI" => 1_000_000_000,
                "TRIEU" => 1_000_000,
                _ => 1_000,
            };
            match p.get(1).and_then(|n| scaled(n.as_str(), mult, true)) {
                Some(v) => total = total.saturating_add(v),
                None => ok = false,
            }
        }
        if let Some(l) = last {
            match scaled(l.as_str(), 1, false) {
                Some(v) => total = total.saturating_add(v),
                None => ok = false,
            }
        }
        if ok && total >= 1000 && total <= i64::MAX as u128 {
            amounts.push(total as u64);
        }
    }
    amounts
}

/// An amount wrapped between its number and its currency: a line ending in
/// "2.055.000" and the next starting with "đồng".
pub(super) fn amount_across_lines(line: &Line, next: &Line) -> Option<u64> {
    let last = line.text.split_whitespace().next_back()?;
    if !is_dotted_thousands(last) {
        return None;
    }
    let first = next.folded.split_whitespace().next()?;
    let currency = first
        .split(['/', ',', '.', ';', ')'])
        .next()
        .is_some_and(|w| matches!(w, "DONG" | "VND"));
    if !currency {
        return None;
    }
    last.replace('.', "")
        .parse()
        .ok()
        .filter(|&v: &u64| v >= 1000)
}

/// A written number times `mult`. Dots group thousands and the comma is the
/// decimal point; a lone ".ddd" or ",ddd" (exactly three digits) without a
/// multiplier also groups thousands ("2,500 đồng" is 2500).
fn scaled(num: &str, mult: u128, has_unit: bool) -> Option<u128> {
    let (int, frac): (String, String) =
        if num.matches('.').count() > 1 || (num.contains('.') && num.contains(',')) {
            let (i, f) = num.split_once(',').unwrap_or((num, ""));
            (i.replace('.', ""), f.to_string())
        } else if num.matches(',').count() > 1 {
            (num.replace(',', ""), String::new())
        } else if let Some((i, f)) = num.split_once(['.', ',']) {
            if f.len() == 3 && (!has_unit || num.contains('.')) {
                (format!("{i}{f}"), String::new())
            } else {
                (i.to_string(), f.to_string())
            }
        } else {
            (num.to_string(), String::new())
        };
    if int.len() > 24 {
        return None;
    }
    let int: u128 = int.parse().ok()?;
    let mut value = int.checked_mul(mult)?;
    let frac = &frac[..frac.len().min(12)];
    if !frac.is_empty() {
        let f: u128 = frac.parse().ok()?;
        let scale = 10u128.pow(frac.len() as u32);
        value = value.checked_add(f.checked_mul(mult)? / scale)?;
    }
    Some(value)
}

/// "1.500.000": 1–3 digits then groups of three after dots.
pub(super) fn is_dotted_thousands(s: &str) -> bool {
    let mut parts = s.split('.');
    let first = parts.next().unwrap_or("");
    let mut groups = 0;
    let ok_rest = parts.all(|p| {
        groups += 1;
        p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit())
    });
    groups > 0
        && ok_rest
        && (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use crate::extract::extract;
    use crate::extract::tests::ints;

    #[test]
    fn amounts() {
        let a = |s: &str| ints(&extract(&[s]), "amount_vnd");
        assert_eq!(a("1.500.000 đồng"), [1_500_000]);
        assert_eq!(a("mức 2.055.000 đồng/tháng"), [2_055_000]);
        assert_eq!(a("2,5 triệu đồng"), [2_500_000]);
        assert_eq!(a("8,5 tỷ đồng"), [8_500_000_000]);
        assert_eq!(a("500.000đ"), [500_000]);
        assert_eq!(a("500 nghìn đồng và 700 ngàn đồng"), [500_000, 700_000]);
        assert_eq!(a("1 triệu 500 nghìn đồng"), [1_500_000]);
        assert_eq!(a("1.200.000 VNĐ"), [1_200_000]);
        assert_eq!(a("1,500,000 dong"), [1_500_000]);
        assert_eq!(a("1.000đ, 2.000đ"), [1000, 2000]);
        assert_eq!(a("hỗ trợ 500.000 đồng hàng tháng"), [500_000]);
        assert_eq!(a("1.500 triệu đồng"), [1_500_000_000]);
        assert_eq!(a("2,500 đồng"), [2500]);
        // Not money.
        assert!(a("cử 2 đồng chí tham gia").is_empty());
        assert!(a("tỉnh Đồng Nai, 15 Đồng Nai").is_empty());
        assert!(a("8.100 người sử dụng lao động").is_empty());
        assert!(a("Mã A1.500 đồng").is_empty());
        assert!(a("99999999999999999999999999 đồng").is_empty());
        // A list row's ID before a hamlet named Đông …, a phone before "đ".
        assert!(a("9 Phạm Thành Dũng 1985 027085176462 Đông Mai").is_empty());
        assert!(a("SĐT 0912345678 đ").is_empty());
        assert_eq!(a("0,5 triệu đồng"), [500_000]);
    }
}
