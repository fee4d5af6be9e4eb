//! Addresses after their labels: "Quê quán:", "Nguyên quán:", "Trú quán:",
//! "Nơi thường trú:", "Nơi ở hiện tại:", "Địa chỉ:", "Nơi ĐKTT:", and in
//! running text "… cư trú tại thôn Đại Tự, xã …".
//!
//! An address runs from its label to the next label on the line ("Quê
//! quán: xã A, huyện B   Số điện thoại: …"), a semicolon, the end of the
//! sentence or the first word that belongs to prose and not to an address
//! ("được", "đã", "có" …). Narrow forms wrap it, unit by unit, from the
//! smallest (thôn, xã, huyện, tỉnh): it goes on onto the next line when it
//! ended on a comma or a bare unit word ("…, tỉnh" / "Bắc Ninh"), when the
//! next line starts with a unit word, or when a place name was cut in two.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{clean_value, fold, re, Line};

/// Labels of where a person or family comes from, not where they live.
pub(super) static RE_ORIGIN_LABEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\W*(?:QUE\s+QUAN|NGUYEN\s+QUAN)\b"));

static RE_ADDRESS_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"\b(?:QUE\s+QUAN|NGUYEN\s+QUAN|TRU\s+QUAN|NOI\s+THUONG\s+TRU|NOI\s+CU\s+TRU|NOI\s+O\s+HIEN\s+(?:TAI|NAY)",
        r"|CHO\s+O\s+HIEN\s+(?:TAI|NAY)|HO\s+KHAU\s+THUONG\s+TRU|THUONG\s+TRU|DIA\s+CHI)",
        r"(?:\s+[A-Z]+){0,3}?\s*:",
        // In running text: "…, hiện cư trú tại thôn Đại Tự, xã …".
        r"|\b(?:THUONG\s+TRU|CU\s+TRU|TRU)\s+TAI\s*:?",
        // "Nơi ĐKTT:", "HKTT:" (registered permanent residence).
        r"|\b(?:NOI\s+)?(?:DKTT|DKHKTT|HKTT)\s*:",
    ))
});

/// Another label later on an address line: the address stops there.
static RE_ADDRESS_STOP: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"\b(?:(?:SO\s+DIEN\s+THOAI|DIEN\s+THOAI|SDT|DTDD)\s*[:.]?\s*[\d+(]",
        r"|(?:SO\s+DIEN\s+THOAI|DIEN\s+THOAI|SDT|DTDD|DT|EMAIL|E-MAIL|FAX|SO\s+CCCD|SO\s+CMND|CCCD|CMND",
        r"|GIOI\s+TINH|NGAY\s+SINH|SINH\s+NGAY|NAM\s+SINH|DAN\s+TOC|TON\s+GIAO|QUOC\s+TICH|NGHE\s+NGHIEP",
        r"|QUE\s+QUAN|NGUYEN\s+QUAN|TRU\s+QUAN|NOI\s+THUONG\s+TRU|THUONG\s+TRU|DIA\s+CHI|NOI\s+O",
        r"|HO\s+VA\s+TEN|HO\s+TEN|MA\s+THE|SO\s+THE|MA\s+SO|SO\s+SO|MA\s+BHXH|CHUC\s+VU|DON\s+VI)",
        r"(?:\s+[A-Z]+){0,3}?\s*:)",
    ))
});

/// Administrative-unit words an address part starts with (folded).
static RE_ADDRESS_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:TINH|HUYEN|XA|THANH\s+PHO|TP|PHUONG|QUAN|THI\s+XA|THI\s+TRAN|THON|AP|XOM|BAN|TO|KHU\s+PHO|KHOI|SO\s+NHA|DUONG|PHO)\b",
    )
});

/// The addresses on a line, each after its label; `next` is the next
/// non-blank line, which a wrapped address goes on onto.
pub(super) fn addresses_of_line(line: &Line, next: Option<&Line>) -> Vec<String> {
    let f = &line.folded;
    let labels: Vec<(usize, usize)> = RE_ADDRESS_LABEL
        .find_iter(f)
        .map(|m| (m.start(), m.end()))
        .collect();
    let mut out = Vec::new();
    for (k, &(_, vstart)) in labels.iter().enumerate() {
        let next_label = labels.get(k + 1).map_or(f.len(), |&(s, _)| s);
        let stop = RE_ADDRESS_STOP
            .find_at(f, vstart)
            .map_or(f.len(), |m| m.start())
            .min(next_label);
        let raw = line.orig(vstart, stop);
        let cut = cut_at_prose(raw);
        let mut value = clean_value(cut);
        // Wrapped onto the next line ("…, huyện Thuận Thành, tỉnh" / "Bắc Ninh").
        let runs_to_end = stop == f.len() && cut.len() == raw.len();
        let comma = raw.trim_end().ends_with(',');
        // A full stop ends it ("… tại địa phương." / "Biên bản …").
        let closed = raw.trim_end().ends_with('.');
        if let Some(cont) = next
            .filter(|_| runs_to_end && !closed)
            .and_then(|n| address_continuation(&value, comma, n))
        {
            let sep = if comma { ", " } else { " " };
            value = format!("{value}{sep}{cont}");
        }
        let value = cut_after_places(&value);
        if value.chars().any(char::is_alphanumeric) {
            out.push(value);
        }
    }
    out
}

/// An address ends with its largest unit: what follows the last unit the
/// gazetteer recognises is cut when it holds a number ("…, tỉnh Bắc Ninh, số
/// tiền 1.500.000 đồng" is the next clause). Without a number the rest is
/// kept: it may be a unit the gazetteer did not read (an OCR slip).
fn cut_after_places(value: &str) -> String {
    let Some(end) = crate::gazetteer::address_end(value) else {
        return value.to_string();
    };
    match value.get(end..) {
        Some(rest) if rest.chars().any(|c| c.is_ascii_digit()) => {
            value[..end].trim_end_matches([',', ';', ' ']).to_string()
        }
        _ => value.to_string(),
    }
}

/// The next line as the rest of an address, if the address clearly goes
/// on: it ended on a comma or a bare unit word ("tỉnh"), or the next line
/// starts with a lower-case unit word ("tỉnh Bắc Ninh"). The continuation
/// stops at a label and at prose, like the first line.
fn address_continuation(value: &str, comma: bool, next: &Line) -> Option<String> {
    let f = &next.folded;
    if RE_ADDRESS_LABEL.is_match(f) && RE_ADDRESS_LABEL.find(f).is_some_and(|m| m.start() < 3) {
        return None;
    }
    let last = value.split_whitespace().next_back().unwrap_or("");
    let ends_open = comma
        || RE_ADDRESS_UNIT.is_match(&format!("{} ", fold(last)))
            && value.split_whitespace().count() > 1;
    let first = next.text.split_whitespace().next().unwrap_or("");
    let starts_unit = first.chars().next().is_some_and(char::is_lowercase)
        && RE_ADDRESS_UNIT.is_match(f.trim_start());
    // A place name cut in two ("thành phố Bắc" / "Ninh, tỉnh Bắc Ninh"):
    // 1–2 capitalised words, a comma, then a unit word.
    let split_name = next.text.split_once(',').is_some_and(|(head, tail)| {
        let words: Vec<&str> = head.split_whitespace().collect();
        (1..=2).contains(&words.len())
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && RE_ADDRESS_UNIT.is_match(&fold(tail.trim_start()))
    });
    // A place name cut before its last word ("tỉnh Bắc" / "Ninh"): the next
    // line is one or two capitalised words and nothing else.
    let words: Vec<&str> = next
        .text
        .trim_end_matches(['.', ',', ';'])
        .split_whitespace()
        .collect();
    let tail_name = (1..=2).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_lowercase)
        });
    if !(ends_open || starts_unit || split_name || tail_name) {
        return None;
    }
    let stop = RE_ADDRESS_STOP.find(f).map_or(f.len(), |m| m.start());
    let cont = clean_value(cut_at_prose(next.orig(0, stop)));
    // A sentence, not an address part: too long, or ends with a full stop mid-text.
    if cont.is_empty() || cont.split_whitespace().count() > 12 {
        return None;
    }
    Some(cont)
}

/// Byte where ". " is followed by a capital letter (a new sentence).
fn sentence_end(s: &str) -> Option<usize> {
    s.match_indices(". ").find_map(|(k, _)| {
        let next = s[k + 2..].trim_start().chars().next()?;
        next.is_uppercase().then_some(k)
    })
}

/// Words that do not occur in addresses but continue a sentence after one
/// ("địa chỉ: thôn Ngô Xá, xã Long Châu được hỗ trợ …"): the address ends
/// before them. Compared exactly (lower case, with marks).
const PROSE_WORDS: [&str; 22] = [
    "được", "đã", "đang", "có", "là", "đề", "xin", "sinh", "hiện", "nay", "với", "để", "cho", "từ",
    "theo", "trong", "thì", "nhưng", "mà", "bị", "vì", "do",
];

/// `s` up to the end of its sentence or its first prose word.
fn cut_at_prose(s: &str) -> &str {
    // A sentence ends the address: ". Những …", "; …".
    let s = match s.find(';').into_iter().chain(sentence_end(s)).min() {
        Some(k) => &s[..k],
        None => s,
    };
    let mut end = s.len();
    let mut at = 0;
    for word in s.split_whitespace() {
        let Some(k) = s[at..].find(word) else { break };
        let start = at + k;
        at = start + word.len();
        if start > 0 && PROSE_WORDS.contains(&word) {
            end = start;
            break;
        }
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::cut_after_places;
    use crate::extract::extract;
    use crate::extract::tests::strs;

    #[test]
    fn what_follows_the_last_unit_with_a_number_is_no_address() {
        assert_eq!(
            cut_after_places(
                "phường Vũ Ninh, thành phố Bắc Ninh, tỉnh Bắc Ninh, số tiền 1.500.000 đồng"
            ),
            "phường Vũ Ninh, thành phố Bắc Ninh, tỉnh Bắc Ninh"
        );
        // a house number before the units stays
        assert_eq!(
            cut_after_places("số 12 đường Lý Thái Tổ, phường Suối Hoa, thành phố Bắc Ninh"),
            "số 12 đường Lý Thái Tổ, phường Suối Hoa, thành phố Bắc Ninh"
        );
    }

    #[test]
    fn addresses() {
        let a = |s: &str| strs(&extract(&[s]), "address");
        assert_eq!(
            a("Quê quán: xã A, huyện B   Số điện thoại: 0912345678"),
            ["xã A, huyện B"]
        );
        assert_eq!(
            a("Trú quán: thôn Bái Uyên, xã Hiên Vân;"),
            ["thôn Bái Uyên, xã Hiên Vân"]
        );
        assert_eq!(
            a("Địa chỉ thường trú: số 10 ngõ 5, phường Suối Hoa"),
            ["số 10 ngõ 5, phường Suối Hoa"]
        );
        assert_eq!(
            a("Nơi ở hiện tại: khu 3, phường Đại Phúc"),
            ["khu 3, phường Đại Phúc"]
        );
        assert_eq!(a("Thường trú: xóm Chùa Giới tính: Nam"), ["xóm Chùa"]);
        assert_eq!(a("Quê quán: xã X; Nơi thường trú: xã Y"), ["xã X", "xã Y"]);
        assert!(a("Quê quán: ............................").is_empty());
        // In running text too, up to the end of the sentence.
        assert_eq!(a("thường trú tại xã Z"), ["xã Z"]);
        assert_eq!(
            a("ông Lê Văn A, sinh năm 1950, hiện cư trú tại thôn Y, xã Z. Ông A là thương binh"),
            ["thôn Y, xã Z"]
        );
        assert_eq!(
            a("địa chỉ: thôn Ngô Xá, xã Long Châu, huyện Yên Phong được hỗ trợ 500.000 đồng"),
            ["thôn Ngô Xá, xã Long Châu, huyện Yên Phong"]
        );
    }
}
