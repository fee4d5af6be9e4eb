//! The query as typed, taken apart: loose words, quoted phrases, `key:value`
//! fields and filters, numbers typed in pieces joined, Telex read back.
//! Everything downstream (the tantivy query, the matcher) starts from a
//! [`ParsedQuery`].

use crate::extract::FIELD_KEYS;
use crate::index::{compact_digits, keyword_value, MIN_ID_DIGITS};
use crate::text::{fold, nfc, word_spans};
use std::collections::BTreeSet;

/// True when a typed word carries Vietnamese marks (tones, ă â ê ô ơ ư, đ):
/// it then has to match as typed for an `exact` match.
pub(super) fn has_marks(word: &str) -> bool {
    fold(word) != word.to_lowercase()
}

/// Longest query we take apart, in characters; the rest is ignored.
const MAX_QUERY_CHARS: usize = 1_000;
/// Most words used from one query.
const MAX_QUERY_WORDS: usize = 32;

/// A query taken apart: loose words, quoted phrases, fielded keywords and
/// filters; words are lower-cased NFC.
#[derive(Debug, Default, PartialEq)]
pub struct ParsedQuery {
    pub words: Vec<String>,
    pub phrases: Vec<Vec<String>>,
    /// `key:value` on an extracted field (key of `extract::FIELD_KEYS`).
    pub keywords: Vec<(String, String)>,
    /// Document numbers typed loose ("245/QĐ-SLĐTBXH"), matched as keywords too.
    pub document_numbers: Vec<String>,
    pub doc_types: Vec<String>,
    pub years: Option<(i64, i64)>,
    pub notes: Vec<String>,
}

/// The field key a `prefix:` of the query names, if any.
fn field_of_prefix(prefix: &str) -> Option<&'static str> {
    let p = fold(prefix);
    Some(match p.as_str() {
        "loai" | "type" => "doc_type",
        "nam" | "year" => "year",
        "cccd" | "cmnd" | "cmt" => "citizen_id",
        "ten" | "name" => "full_name",
        "so" => "document_no",
        "sdt" | "dt" => "phone",
        "bhxh" => "social_insurance_no",
        "bhyt" => "health_insurance_no",
        "diachi" => "address",
        _ => return FIELD_KEYS.iter().copied().find(|k| *k == p),
    })
}

/// A type slug from what was typed ("quyết định", "quyet_dinh", "QUYET-DINH").
pub fn doc_type_slug(s: &str) -> String {
    word_spans(&fold(s))
        .into_iter()
        .map(|(a, b)| fold(s)[a..b].to_string())
        .collect::<Vec<_>>()
        .join("_")
        .replace("__", "_")
}

/// "2022", "2020..2022" or "2020-2022" (either order) → inclusive range.
pub fn parse_years(s: &str) -> Option<(i64, i64)> {
    let s = s.trim();
    let (a, b) = match s.split_once("..").or_else(|| s.split_once('-')) {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (s, s),
    };
    let year = |t: &str| -> Option<i64> {
        let y: i64 = t.parse().ok()?;
        (1..=9999).contains(&y).then_some(y)
    };
    let (a, b) = (year(a)?, year(b)?);
    Some((a.min(b), a.max(b)))
}

pub(super) fn lower_words(s: &str) -> Vec<String> {
    word_spans(s)
        .into_iter()
        .map(|(a, b)| s[a..b].to_lowercase())
        .collect()
}

impl ParsedQuery {
    /// Split on whitespace and punctuation (as the index does), keeping
    /// `"…"` groups as phrases and `key:value` as fielded terms (`key:"…"`
    /// takes the quoted part). An unbalanced quote runs to the end; control
    /// characters and anything past 1,000 characters are dropped; an unknown
    /// `key:` is read as words.
    pub fn parse(query: &str) -> ParsedQuery {
        let cleaned: String = nfc(query)
            .chars()
            .take(MAX_QUERY_CHARS)
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let mut out = ParsedQuery::default();
        let mut pending: Option<&'static str> = None; // `key:` waiting for a quoted value
        for (i, part) in cleaned.split('"').enumerate() {
            if i % 2 == 1 {
                if let Some(key) = pending.take() {
                    out.fielded(key, part);
                    continue;
                }
                let words = lower_words(part);
                if words.len() > 1 {
                    out.phrases.push(words);
                } else {
                    out.words.extend(words);
                }
                continue;
            }
            if let Some(key) = pending.take() {
                out.notes.push(format!("{key}: has no value"));
            }
            let tokens: Vec<&str> = part.split_whitespace().collect();
            for (j, token) in tokens.iter().enumerate() {
                if let Some((prefix, value)) = token.split_once(':') {
                    if let Some(key) = field_of_prefix(prefix) {
                        if !value.is_empty() {
                            out.fielded(key, value);
                        } else if j + 1 == tokens.len() && !part.ends_with(char::is_whitespace) {
                            pending = Some(key);
                        } else {
                            out.notes.push(format!("{prefix}: has no value"));
                        }
                        continue;
                    }
                }
                let has_digit = token.chars().any(|c| c.is_ascii_digit());
                if token.contains('/') && has_digit && token.chars().any(char::is_alphabetic) {
                    out.document_numbers.push(token.to_string());
                }
                out.words.extend(lower_words(token));
            }
        }
        let mut total = 0;
        out.words.retain(|_| {
            total += 1;
            total <= MAX_QUERY_WORDS
        });
        for p in &mut out.phrases {
            let room = MAX_QUERY_WORDS.saturating_sub(total);
            p.truncate(room);
            total += p.len();
        }
        out.phrases.retain(|p| p.len() > 1);
        out
    }

    fn fielded(&mut self, key: &'static str, value: &str) {
        match key {
            "doc_type" => {
                let slug = doc_type_slug(value);
                if !slug.is_empty() {
                    self.doc_types.push(slug);
                }
            }
            "year" => match parse_years(value) {
                Some(r) => {
                    self.years = Some(match self.years {
                        Some((a, b)) => (a.max(r.0), b.min(r.1)),
                        None => r,
                    })
                }
                None => {
                    self.notes.push(format!(
                        "nam:{value} is not a year or range (2022, 2020..2022)"
                    ));
                }
            },
            _ => {
                if keyword_value(key, value).is_empty() {
                    self.notes
                        .push(format!("{key}:{value} has nothing to match"));
                } else {
                    self.keywords.push((key.to_string(), value.to_string()));
                }
            }
        }
    }

    /// True when there is nothing to search for (no words, no filters).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
            && self.phrases.is_empty()
            && self.keywords.is_empty()
            && self.doc_types.is_empty()
            && self.years.is_none()
    }

    /// True when some word was typed with Vietnamese marks: the query then
    /// means its tones as typed, for every word of it.
    pub fn typed_with_marks(&self) -> bool {
        self.words
            .iter()
            .chain(self.phrases.iter().flatten())
            .any(|w| has_marks(w))
    }

    /// Numbers the query may mean, separators removed: runs of loose digit
    /// words with 9–13 digits together ("027 048 001 234", "0912 345 678"),
    /// single words of 6+ digits, and digit-valued keywords.
    pub(super) fn numbers(&self) -> BTreeSet<String> {
        let mut numbers: BTreeSet<String> = BTreeSet::new();
        for g in word_groups(&self.words) {
            if let Group::Number { digits, .. } = g {
                numbers.insert(digits);
            }
        }
        for (k, v) in &self.keywords {
            if k != "document_no" && k != "full_name" && k != "address" && k != "issuer" {
                let d = compact_digits(v);
                if d.len() >= MIN_ID_DIGITS {
                    numbers.insert(d);
                }
            }
        }
        numbers
    }
}

/// A query's loose words in groups: a number typed in pieces is one group.
#[derive(Debug, PartialEq)]
pub(super) enum Group {
    Word(String),
    Number { words: Vec<String>, digits: String },
}

pub(super) fn word_groups(words: &[String]) -> Vec<Group> {
    let is_digits = |w: &String| w.chars().all(|c| c.is_ascii_digit());
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if is_digits(&words[i]) {
            let mut end = i;
            while end < words.len() && is_digits(&words[end]) {
                end += 1;
            }
            // The longest run of pieces from here that makes an ID-sized number.
            let run = (i + 2..=end)
                .rev()
                .find(|&j| (9..=13).contains(&words[i..j].concat().len()))
                .or_else(|| (words[i].len() >= MIN_ID_DIGITS).then_some(i + 1));
            if let Some(j) = run {
                out.push(Group::Number {
                    words: words[i..j].to_vec(),
                    digits: words[i..j].concat(),
                });
                i = j;
                continue;
            }
        }
        out.push(Group::Word(words[i].clone()));
        i += 1;
    }
    out
}

/// A Telex-typed word read back ("nguyeenx" → "nguyen", folded), when the
/// word shows Telex keys: doubled vowels, w, dd, or a trailing tone key.
pub fn telex_folded(word: &str) -> Option<String> {
    if !word.is_ascii() || word.len() < 3 || word.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut w = word.to_ascii_lowercase();
    if w.ends_with(['s', 'f', 'r', 'x', 'j'])
        && w[..w.len() - 1].contains(['a', 'e', 'i', 'o', 'u', 'y'])
    {
        w.pop();
    }
    for (from, to) in [
        ("dd", "d"),
        ("aa", "a"),
        ("aw", "a"),
        ("ee", "e"),
        ("oo", "o"),
        ("ow", "o"),
        ("uw", "u"),
        ("w", "u"),
    ] {
        w = w.replace(from, to);
    }
    (w != word && !w.is_empty()).then_some(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_splits_words_and_phrases() {
        let q = ParsedQuery::parse("Trần \"văn bảy\" 245/QĐ");
        assert_eq!(q.words, vec!["trần", "245", "qđ"]);
        assert_eq!(q.phrases, vec![vec!["văn".to_string(), "bảy".to_string()]]);
        assert_eq!(q.document_numbers, vec!["245/QĐ"]);
    }

    #[test]
    fn parse_reads_fields_and_filters() {
        let q = ParsedQuery::parse("loai:quyet_dinh nam:2020..2022 cccd:027048001234 ten:\"Trần Văn Bảy\" so:245/QĐ-SLĐTBXH bay");
        assert_eq!(q.doc_types, vec!["quyet_dinh"]);
        assert_eq!(q.years, Some((2020, 2022)));
        assert_eq!(
            q.keywords,
            vec![
                ("citizen_id".to_string(), "027048001234".to_string()),
                ("full_name".to_string(), "Trần Văn Bảy".to_string()),
                ("document_no".to_string(), "245/QĐ-SLĐTBXH".to_string()),
            ]
        );
        assert_eq!(q.words, vec!["bay"]);
        assert_eq!(ParsedQuery::parse("nam:2022").years, Some((2022, 2022)));
        assert_eq!(
            ParsedQuery::parse("Loại:\"quyết định\"").doc_types,
            vec!["quyet_dinh"]
        );
        let bad = ParsedQuery::parse("nam:abc");
        assert_eq!(bad.years, None);
        assert_eq!(bad.notes.len(), 1);
        // An unknown prefix is words.
        assert_eq!(ParsedQuery::parse("foo:bar").words, vec!["foo", "bar"]);
    }

    #[test]
    fn parse_survives_bad_input() {
        assert!(ParsedQuery::parse("").is_empty());
        assert!(ParsedQuery::parse("-").is_empty());
        assert!(ParsedQuery::parse("\"").is_empty());
        assert!(ParsedQuery::parse("ten:").is_empty());
        let q = ParsedQuery::parse("\"tran van");
        assert_eq!(q.phrases, vec![vec!["tran".to_string(), "van".to_string()]]);
        let q = ParsedQuery::parse("a\u{0}b\u{7}c");
        assert_eq!(q.words, vec!["a", "b", "c"]);
        let long = "nguyen ".repeat(10_000);
        assert_eq!(ParsedQuery::parse(&long).words.len(), MAX_QUERY_WORDS);
        let long = format!("\"{}", "nguyen ".repeat(10_000));
        assert!(ParsedQuery::parse(&long).phrases[0].len() <= MAX_QUERY_WORDS);
    }

    #[test]
    fn numbers_typed_in_pieces_are_one_group() {
        let words: Vec<String> = ["027", "048", "001", "234", "2022"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let g = word_groups(&words);
        assert_eq!(g.len(), 2, "{g:?}");
        assert!(matches!(&g[0], Group::Number { digits, .. } if digits == "027048001234"));
        assert_eq!(g[1], Group::Word("2022".into()));
    }

    #[test]
    fn telex_is_read_back() {
        assert_eq!(telex_folded("Nguyeenx").as_deref(), Some("nguyen"));
        assert_eq!(telex_folded("ddoong").as_deref(), Some("dong"));
        assert_eq!(telex_folded("tran"), None);
    }
}
