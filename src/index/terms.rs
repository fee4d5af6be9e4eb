//! The terms the index is made of and that queries are made into: numbers
//! without their separators, folded words and bigrams, "key:value" keyword
//! terms, a dossier's fonds, key and year. One place, so what `index` writes
//! and what `search` asks for cannot drift apart.

use crate::extract;

/// Shortest digit run kept as an identifier (IDs, phones, card numbers).
pub const MIN_ID_DIGITS: usize = 6;

/// Numbers of a text with their separators removed: every run of digits
/// grouped by single spaces, dots or dashes ("0912 345 678", "027.048.001.234")
/// that has at least [`MIN_ID_DIGITS`] digits.
pub fn identifier_tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = identifier_spans(text).into_iter().map(|(_, d)| d).collect();
    out.sort();
    out.dedup();
    out
}

/// Like [`identifier_tokens`], with the byte range each number covers.
/// A run of digit groups stands for several numbers: a table row such as
/// "1985 027185705974 1.500.000" holds a year, an ID and an amount. So
/// besides the whole run, every group of 6+ digits in it is a number of
/// its own.
pub fn identifier_spans(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    static RUN: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\d+(?:[ .\-]\d+)*").expect("valid regex"));
    static GROUP: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\d+").expect("valid regex"));
    let mut out = Vec::new();
    for m in RUN.find_iter(text) {
        let whole = compact_digits(m.as_str());
        if whole.len() >= MIN_ID_DIGITS {
            out.push((m.range(), whole));
        }
        let groups: Vec<std::ops::Range<usize>> = GROUP
            .find_iter(m.as_str())
            .map(|g| g.start() + m.start()..g.end() + m.start())
            .collect();
        if groups.len() < 2 {
            continue;
        }
        for g in groups {
            if g.len() >= MIN_ID_DIGITS {
                out.push((g.clone(), text[g].to_string()));
            }
        }
    }
    out
}

/// The digits of `s`, in order.
pub fn compact_digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Folded words of a text as the folded field has them (lower case, no
/// marks, đ→d), words over 64 bytes dropped.
pub fn folded_words(text: &str) -> Vec<String> {
    let folded = crate::text::fold(text);
    crate::text::word_spans(&folded)
        .into_iter()
        .filter(|(a, b)| b - a <= 64)
        .map(|(a, b)| folded[a..b].to_string())
        .collect()
}

/// The bigram term of two folded words.
pub fn bigram(a: &str, b: &str) -> String {
    format!("{a}_{b}")
}

/// Every pair of neighbouring folded words of a text, as bigram terms.
pub fn folded_bigrams(text: &str) -> Vec<String> {
    folded_words(text)
        .windows(2)
        .map(|w| bigram(&w[0], &w[1]))
        .collect()
}

/// The fonds (phông) of a dossier id: its first path component
/// (`nguoi-co-cong/Trần Văn Bảy` → `nguoi-co-cong`; an id without a folder
/// is its own fonds).
pub fn fonds_of(id: &str) -> &str {
    id.split('/').next().unwrap_or(id)
}

/// 64-bit key of a dossier id (the `dossier_key` fast field).
pub fn dossier_key(id: &str) -> u64 {
    let h = blake3::hash(id.as_bytes());
    u64::from_le_bytes(h.as_bytes()[..8].try_into().expect("8 bytes"))
}

/// Year of the dossier's first signing date ("2022-06-30" → 2022).
pub fn dossier_year(fields: &extract::Fields) -> Option<i64> {
    let date = fields.get("signed_date")?.first()?.as_str()?;
    date.get(..4)?.parse().ok()
}

/// Keys whose values are numbers: matched on their digits alone.
const DIGIT_KEYS: [&str; 5] = [
    "citizen_id",
    "social_insurance_no",
    "health_insurance_no",
    "phone",
    "amount_vnd",
];

/// Normalised form of an extracted or queried value: digits only for
/// numbers (IDs, phones, amounts), folded with separators removed for
/// document numbers ("245/QĐ-SLĐTBXH" → "245qdsldtbxh", so "245/QD SLDTBXH"
/// matches), folded words joined by one space otherwise.
pub fn keyword_value(key: &str, value: &str) -> String {
    let folded = crate::text::fold(value);
    if DIGIT_KEYS.contains(&key) {
        // Health insurance numbers start with letters (HC4…): keep them.
        return folded
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
    }
    if key == "document_no" {
        return folded.chars().filter(|c| c.is_alphanumeric()).collect();
    }
    crate::text::word_spans(&folded)
        .into_iter()
        .map(|(a, b)| &folded[a..b])
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `kw` term of one extracted value: "key:normalised value".
pub fn keyword_term(key: &str, value: &serde_json::Value) -> Option<String> {
    let raw = match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let v = keyword_value(key, &raw);
    (!v.is_empty()).then(|| format!("{key}:{v}"))
}

/// The dossier's type slug from its extracted fields.
pub fn dossier_doc_type(fields: &extract::Fields) -> String {
    fields
        .get("doc_type")
        .and_then(|v| v.first())
        .and_then(|v| v.as_str())
        .unwrap_or("khac")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_lose_their_separators() {
        let text = "Số CCCD: 027 048 001 234, ĐT 0912.345.678; ngày 12/05/1948; 1.500.000 đồng";
        assert_eq!(
            identifier_tokens(text),
            vec!["027048001234", "0912345678", "1500000"]
        );
        assert!(identifier_tokens("số 12 và 345").is_empty());
        // A table row: year, ID and amount run together by single spaces.
        let row = identifier_tokens("34 Trần Hồng Phương 1985 027185705974 1.500.000");
        assert!(row.contains(&"027185705974".to_string()), "{row:?}");
        assert!(
            row.contains(&"19850271857059741500000".to_string()),
            "{row:?}"
        );
        assert!(!row.contains(&"1985".to_string()));
    }

    #[test]
    fn keyword_values_ignore_separators_and_marks() {
        assert_eq!(
            keyword_value("citizen_id", "027 048.001-234"),
            "027048001234"
        );
        assert_eq!(
            keyword_value("document_no", "245/QĐ-SLĐTBXH"),
            "245qdsldtbxh"
        );
        assert_eq!(
            keyword_value("document_no", "245 / qd - sldtbxh"),
            "245qdsldtbxh"
        );
        assert_eq!(keyword_value("full_name", "Trần  Văn Bảy"), "tran van bay");
        assert_eq!(
            keyword_term("amount_vnd", &serde_json::json!(1500000)).unwrap(),
            "amount_vnd:1500000"
        );
    }
}
