//! The fixed query mix: names typed without and with tones, CCCD numbers
//! grouped as typed, document numbers, quoted names and filtered names,
//! each for one dossier of the corpus; and as many queries for nobody in
//! it. With how an answer is judged: the right dossier in the top 3, or
//! for an absent query, no hit presented as what was asked for.

use crate::corpus::{grouped, People, Rng, Truth, GIVEN};
use sohoa::search;
use sohoa::text::fold;
use std::collections::HashMap;

/// The kind of a benchmark query, for the per-kind counts.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum Kind {
    ToneLess,
    Toned,
    Id,
    DocNo,
    Phrase,
    Filter,
    /// Absent: a present person's surname and middle name, another given name.
    OtherGiven,
    /// Absent: given and middle name swapped.
    Swapped,
    /// Absent as typed: one tone mark changed (a folded match is fine).
    ToneChanged,
    /// Absent: a CCCD one digit off.
    IdOff,
    /// Two words of random letters: must find nothing at all.
    Nonsense,
}

impl Kind {
    pub fn absent(self) -> bool {
        self >= Kind::OtherGiven
    }
}

/// Tone marks of Vietnamese vowels: each row is one vowel with its six tones.
pub const TONE_ROWS: &[&str] = &[
    "aàáảãạ",
    "ăằắẳẵặ",
    "âầấẩẫậ",
    "eèéẻẽẹ",
    "êềếểễệ",
    "iìíỉĩị",
    "oòóỏõọ",
    "ôồốổỗộ",
    "ơờớởỡợ",
    "uùúủũụ",
    "ưừứửữự",
    "yỳýỷỹỵ",
];

/// `word` with its tone changed (another of the six), if it has a vowel.
pub fn change_tone(rng: &mut Rng, word: &str) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    for (i, c) in chars.iter().enumerate().rev() {
        let lower = c.to_lowercase().next().unwrap_or(*c);
        for row in TONE_ROWS {
            let row: Vec<char> = row.chars().collect();
            if let Some(t) = row.iter().position(|&r| r == lower) {
                if t == 0
                    && i + 1 < chars.len()
                    && chars[..i].iter().any(|c| "aăâeêioôơuưy".contains(*c))
                {
                    continue; // an unmarked vowel next to the marked one
                }
                let mut other = 1 + rng.below(5);
                if other == t {
                    other = 0;
                }
                let mut out = chars.clone();
                out[i] = if c.is_uppercase() {
                    row[other].to_uppercase().next().unwrap()
                } else {
                    row[other]
                };
                return Some(out.into_iter().collect());
            }
        }
    }
    None
}

/// 1,000 queries for nobody in the corpus: names built from common
/// syllables, IDs one digit off, and nonsense.
pub fn absent_queries(truth: &[Truth], people: &People, n: usize) -> Vec<BenchQuery> {
    let folded: std::collections::HashSet<String> = people.names.iter().map(|s| fold(s)).collect();
    let mut rng = Rng(0x5eed_0002);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let i = out.len();
        let t = &truth[rng.below(truth.len())];
        let parts: Vec<&str> = t.name.split(' ').collect();
        let (kind, text) = match i % 10 {
            0..=2 => {
                let mut p = parts.clone();
                *p.last_mut().unwrap() = rng.pick(GIVEN);
                let name = p.join(" ");
                if people.has_folded(&folded, &name) {
                    continue;
                }
                (Kind::OtherGiven, name)
            }
            3 | 4 => {
                let mut p = parts.clone();
                let last = p.len() - 1;
                p.swap(last - 1, last);
                let name = p.join(" ");
                if fold(&name) == fold(&t.name) || people.has_folded(&folded, &name) {
                    continue;
                }
                (Kind::Swapped, name)
            }
            5 | 6 => {
                let mut p: Vec<String> = parts.iter().map(|s| s.to_string()).collect();
                let k = rng.below(p.len());
                let Some(changed) = change_tone(&mut rng, &p[k]) else {
                    continue;
                };
                p[k] = changed;
                let name = p.join(" ");
                if people.names.contains(&name) {
                    continue;
                }
                (Kind::ToneChanged, name)
            }
            7 | 8 => {
                let mut d: Vec<u8> = t.cccd.bytes().collect();
                let k = 3 + rng.below(d.len() - 3);
                d[k] = b'0' + ((d[k] - b'0' + 1 + rng.below(9) as u8) % 10);
                let id = String::from_utf8(d).unwrap();
                if people.ids.contains(&id) {
                    continue;
                }
                (Kind::IdOff, grouped(&id, rng.below(3)))
            }
            _ => {
                let word = |rng: &mut Rng| -> String {
                    (0..5 + rng.below(3))
                        .map(|_| (b'a' + rng.below(26) as u8) as char)
                        .collect()
                };
                (
                    Kind::Nonsense,
                    format!("{} {}", word(&mut rng), word(&mut rng)),
                )
            }
        };
        out.push(BenchQuery {
            kind,
            fts: fts_words(&text),
            text,
            filter: None,
            target: usize::MAX,
        });
    }
    out
}

/// For an absent query: does sohoa present a hit as what was asked for?
/// Exact or folded is a false match (for a changed tone only exact is);
/// a `words` hit is counted apart.
pub fn false_match(q: &BenchQuery, r: &search::Results) -> (bool, bool) {
    use sohoa::search::MatchKind;
    let wrong = r.hits.iter().any(|h| match q.kind {
        Kind::Nonsense => true,
        Kind::ToneChanged => h.kind == MatchKind::Exact,
        _ => h.kind <= MatchKind::Folded,
    });
    let words = r.hits.iter().any(|h| h.kind == MatchKind::Words);
    (wrong, words)
}

pub struct BenchQuery {
    pub kind: Kind,
    /// As an officer types it into sohoa.
    pub text: String,
    /// Words / phrases for FTS5 MATCH, and its filters.
    pub fts: String,
    pub filter: Option<(&'static str, i64, i64)>,
    pub target: usize,
}

pub fn fts_words(q: &str) -> String {
    sohoa::text::word_spans(q)
        .into_iter()
        .map(|(a, b)| format!("\"{}\"", &q[a..b]))
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn queries(truth: &[Truth], n: usize) -> Vec<BenchQuery> {
    let mut rng = Rng(0x5eed_0001);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let target = rng.below(truth.len());
        let t = &truth[target];
        let q = match i % 10 {
            0..=2 => {
                let text = fold(&t.name);
                BenchQuery {
                    kind: Kind::ToneLess,
                    fts: fts_words(&text),
                    text,
                    filter: None,
                    target,
                }
            }
            3 | 4 => BenchQuery {
                kind: Kind::Toned,
                text: t.name.clone(),
                fts: fts_words(&t.name),
                filter: None,
                target,
            },
            5 | 6 => {
                let text = grouped(&t.cccd, rng.below(3));
                BenchQuery {
                    kind: Kind::Id,
                    fts: fts_words(&text),
                    text,
                    filter: None,
                    target,
                }
            }
            7 => BenchQuery {
                kind: Kind::DocNo,
                text: t.doc_no.clone(),
                fts: format!(
                    "\"{}\"",
                    sohoa::text::word_spans(&t.doc_no)
                        .iter()
                        .map(|&(a, b)| &t.doc_no[a..b])
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
                filter: None,
                target,
            },
            8 => BenchQuery {
                kind: Kind::Phrase,
                text: format!("\"{}\"", t.name),
                fts: format!("\"{}\"", t.name),
                filter: None,
                target,
            },
            _ => {
                let (lo, hi) = (t.year - 1, t.year + 1);
                let text = format!("{} loai:{} nam:{lo}..{hi}", fold(&t.name), t.doc_type);
                BenchQuery {
                    kind: Kind::Filter,
                    fts: fts_words(&fold(&t.name)),
                    text,
                    filter: Some((t.doc_type, lo, hi)),
                    target,
                }
            }
        };
        out.push(q);
    }
    out
}

/// Is the answer right: the target dossier in the top 3, or for name
/// queries any top-3 dossier of a person with that name (names repeat).
pub fn correct(
    q: &BenchQuery,
    truth: &[Truth],
    by_id: &HashMap<&str, usize>,
    top: &[String],
) -> bool {
    let t = &truth[q.target];
    top.iter().take(3).any(|id| {
        let Some(&j) = by_id.get(id.as_str()) else {
            return false;
        };
        let o = &truth[j];
        match q.kind {
            Kind::Id | Kind::DocNo => j == q.target,
            Kind::ToneLess => fold(&o.name) == fold(&t.name),
            Kind::Toned | Kind::Phrase => o.name == t.name,
            Kind::Filter => {
                fold(&o.name) == fold(&t.name)
                    && o.doc_type == t.doc_type
                    && (t.year - 1..=t.year + 1).contains(&o.year)
            }
            _ => false, // absent queries have no right answer
        }
    })
}
