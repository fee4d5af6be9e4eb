//! Finding dossiers: free-text and fielded queries over the page documents,
//! grouped one result per dossier with its best page, a snippet, the total
//! of matching dossiers and facet counts by type and year.
//!
//! Officers type names with or without tone marks, with the old or new tone
//! placement, with OCR-like slips, and numbers grouped any way. So each query
//! word is a group of alternatives: the exact (tone-marked) field boosted, the
//! folded field, a fuzzy folded match (edit distance 1, syllables of 4+
//! letters) at a low weight, and the word read as Telex ("Nguyeenx"). Every
//! group must match (falling back to any group when that finds nothing);
//! the words standing together and in order on the page score more, since
//! names are 2–4 syllables. `"quoted phrases"` must match as phrases, and
//! `loai:`, `nam:`, `cccd:`, `ten:`, `so:` (and every extracted field's key)
//! restrict the results. Grouping by dossier and facets read fast fields
//! only, so they stay cheap on a million pages.

use crate::extract::FIELD_KEYS;
use crate::index::{
    compact_digits, identifier_spans, keyword_value, Index, KIND_DOSSIER, KIND_PAGE, MIN_ID_DIGITS,
};
use crate::store::PageRecord;
use crate::text::{fold, nfc, word_spans};
use crate::Result;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Bound;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, PhraseQuery, Query,
    RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, TantivyDocument, Term};

/// Boost of a match on the exact (tone-marked) field over a folded match.
const EXACT_BOOST: f32 = 2.0;
/// Boost of the query's words found as a phrase.
const PHRASE_BOOST: f32 = 3.0;
/// Boost of the query's words being exactly an extracted full name.
const NAME_BOOST: f32 = 2.0;
/// Boost of the query's words found near each other, in order.
const NEAR_BOOST: f32 = 1.0;
/// Weight of a fuzzy (one edit) folded match: OCR slips still find the page,
/// below every true match.
const FUZZY_BOOST: f32 = 0.3;
/// Weight of a word read as Telex input ("Nguyeenx" → nguyen).
const TELEX_BOOST: f32 = 0.8;
/// Shortest folded syllable matched fuzzily, in letters.
const FUZZY_MIN_LETTERS: usize = 4;
/// Longest query we take apart, in characters; the rest is ignored.
const MAX_QUERY_CHARS: usize = 1_000;
/// Most words used from one query.
const MAX_QUERY_WORDS: usize = 32;
/// Words shown around the matches in a snippet.
const SNIPPET_WORDS: usize = 24;

/// One result: a dossier and its best page.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub dossier: String,
    pub path: String,
    pub score: f32,
    /// 1-based page number within the dossier.
    pub page: u64,
    /// The file that page is in, relative to the dossier folder.
    pub file: String,
    /// 1-based page within that file (multi-page TIFFs).
    pub file_page: u64,
    /// Text around the matches; matched words are wrapped in `**`.
    pub snippet: String,
}

/// A dossier's summary as the index holds it.
#[derive(Debug, Clone, Serialize)]
pub struct DossierSummary {
    pub dossier: String,
    pub path: String,
    pub pages: u64,
    pub doc_type: String,
}

/// A search with its filters and paging.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub query: String,
    pub limit: usize,
    pub offset: usize,
    /// Only dossiers of this type slug (`--type`, like `loai:`).
    pub doc_type: Option<String>,
    /// Only dossiers signed in these years, inclusive (`--year`, like `nam:`).
    pub years: Option<(i64, i64)>,
}

/// Matching dossiers counted by type slug and by signing year.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    #[serde(rename = "type")]
    pub doc_type: BTreeMap<String, usize>,
    pub year: BTreeMap<String, usize>,
}

/// What a search found: the total of matching dossiers, one page of hits,
/// facet counts over all matching dossiers, and how the query was read.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Results {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    /// Parts of the query that were read otherwise than typed (a bad year
    /// range, an unknown field), for people.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

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

fn lower_words(s: &str) -> Vec<String> {
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

    /// Numbers the query may mean, separators removed: runs of loose digit
    /// words with 9–13 digits together ("027 048 001 234", "0912 345 678"),
    /// single words of 6+ digits, and digit-valued keywords.
    fn numbers(&self) -> BTreeSet<String> {
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
enum Group {
    Word(String),
    Number { words: Vec<String>, digits: String },
}

fn word_groups(words: &[String]) -> Vec<Group> {
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

fn term_query(field: Field, word: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, word),
        IndexRecordOption::WithFreqs,
    ))
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(q, boost))
}

/// A clause that restricts without adding to the score.
fn filter(q: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
}

/// Exact or folded phrase (a single word is a term); `slop` > 0 allows
/// that many other words in between, order kept.
fn phrase_query(field: Field, words: &[String], slop: u32) -> Box<dyn Query> {
    if words.len() == 1 {
        return term_query(field, &words[0]);
    }
    let terms = words
        .iter()
        .enumerate()
        .map(|(i, w)| (i, Term::from_field_text(field, w)))
        .collect();
    Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
}

/// `words` run through the analyzer of `field`, so query terms are exactly
/// the tokens indexing produced (lower-cased, tones placed one way; folded
/// for the folded field).
fn analyze(index: &Index, field: Field, words: &[String]) -> Vec<String> {
    let Ok(mut analyzer) = index.tantivy().tokenizer_for_field(field) else {
        return words.to_vec();
    };
    let mut out = Vec::with_capacity(words.len());
    for w in words {
        let mut stream = analyzer.token_stream(w);
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
    }
    out
}

/// Exact (boosted) or folded phrase of `ws`.
fn either(index: &Index, ws: &[String]) -> Box<dyn Query> {
    let f = index.fields();
    let exact = analyze(index, f.text, ws);
    let folded = analyze(index, f.text_folded, ws);
    let mut clauses = Vec::new();
    if !exact.is_empty() {
        clauses.push((
            Occur::Should,
            boosted(phrase_query(f.text, &exact, 0), EXACT_BOOST),
        ));
    }
    if !folded.is_empty() {
        clauses.push((Occur::Should, phrase_query(f.text_folded, &folded, 0)));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// One loose word: exact, folded, fuzzy folded and Telex alternatives.
fn word_query(index: &Index, word: &str) -> Box<dyn Query> {
    let f = index.fields();
    let w = [word.to_string()];
    let mut clauses = vec![(Occur::Should, either(index, &w))];
    if let Some(folded) = analyze(index, f.text_folded, &w).into_iter().next() {
        let letters = folded.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= FUZZY_MIN_LETTERS && letters == folded.chars().count() {
            let fuzzy = FuzzyTermQuery::new(Term::from_field_text(f.text_folded, &folded), 1, true);
            clauses.push((Occur::Should, boosted(Box::new(fuzzy), FUZZY_BOOST)));
        }
    }
    if let Some(t) = telex_folded(word) {
        clauses.push((
            Occur::Should,
            boosted(term_query(f.text_folded, &t), TELEX_BOOST),
        ));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// A number: the compacted `ids` term, or its pieces as a phrase.
fn number_query(index: &Index, words: &[String], digits: &str) -> Box<dyn Query> {
    let f = index.fields();
    Box::new(BooleanQuery::new(vec![
        (
            Occur::Should,
            boosted(term_query(f.ids, digits), PHRASE_BOOST),
        ),
        (Occur::Should, either(index, words)),
    ]))
}

/// `key:value`: the exact keyword, or the value's words in the text.
fn keyword_query(index: &Index, key: &str, value: &str) -> Box<dyn Query> {
    let f = index.fields();
    let norm = keyword_value(key, value);
    let mut clauses = vec![(
        Occur::Should,
        boosted(term_query(f.kw, &format!("{key}:{norm}")), PHRASE_BOOST),
    )];
    let digits = compact_digits(value);
    let words = lower_words(value);
    if digits.len() >= MIN_ID_DIGITS && words.iter().all(|w| w.chars().all(|c| c.is_ascii_digit()))
    {
        clauses.push((Occur::Should, term_query(f.ids, &digits)));
    }
    if !words.is_empty() {
        clauses.push((Occur::Should, either(index, &words)));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// How strictly the loose words must match; tried in this order until
/// one finds something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The words side by side, in order (every neighbouring pair is a
    /// bigram term): a name as typed. Fast whatever the syllables.
    Together,
    /// The same with one slip allowed per pair (one edit on a syllable of
    /// 4+ letters, or Telex), checked against the bigram dictionary.
    TogetherFuzzy,
    /// Every word somewhere on the page (fuzzy and Telex alternatives).
    AllWords,
    /// Any of the words.
    AnyWord,
}

/// Folded words one edit away from `w` (letters a–z), `w` itself excluded.
fn one_edit_variants(w: &str) -> Vec<String> {
    let chars: Vec<char> = w.chars().collect();
    let mut out = BTreeSet::new();
    let alphabet = 'a'..='z';
    for i in 0..=chars.len() {
        for c in alphabet.clone() {
            let mut v = chars.clone();
            v.insert(i, c);
            out.insert(v.into_iter().collect::<String>());
        }
        if i < chars.len() {
            let mut v = chars.clone();
            v.remove(i);
            out.insert(v.into_iter().collect::<String>());
            for c in alphabet.clone() {
                let mut v = chars.clone();
                v[i] = c;
                out.insert(v.into_iter().collect::<String>());
            }
            if i + 1 < chars.len() {
                let mut v = chars.clone();
                v.swap(i, i + 1);
                out.insert(v.into_iter().collect::<String>());
            }
        }
    }
    out.remove(w);
    out.into_iter().filter(|v| !v.is_empty()).collect()
}

/// Alternatives of one folded query word with their weights: itself, its
/// Telex reading, and (4+ letters) its one-edit variants.
fn word_variants(raw: &str, folded: &str) -> Vec<(String, f32)> {
    let mut out = vec![(folded.to_string(), 1.0)];
    if let Some(t) = telex_folded(raw) {
        if t != folded {
            out.push((t, TELEX_BOOST));
        }
    }
    let letters = folded.chars().count();
    if letters >= FUZZY_MIN_LETTERS && folded.chars().all(|c| c.is_ascii_lowercase()) {
        out.extend(
            one_edit_variants(folded)
                .into_iter()
                .map(|v| (v, FUZZY_BOOST)),
        );
    }
    out
}

/// The bigram clauses of `Together` / `TogetherFuzzy`, one Must per
/// neighbouring pair of loose words; None when a pair cannot match.
fn together_clauses(
    index: &Index,
    searcher: &tantivy::Searcher,
    words: &[String],
    fuzzy: bool,
) -> Option<Vec<(Occur, Box<dyn Query>)>> {
    let f = index.fields();
    let folded: Vec<String> = words
        .iter()
        .map(|w| crate::index::folded_words(w).concat())
        .collect();
    let mut clauses = Vec::new();
    for i in 0..folded.len().saturating_sub(1) {
        let (a, b) = (&folded[i], &folded[i + 1]);
        if !fuzzy {
            let term = crate::index::bigram(a, b);
            clauses.push((Occur::Must, term_query(f.bigrams, &term)));
            continue;
        }
        // One side exact, the other any variant (or both read as Telex).
        let mut pairs: Vec<(String, f32)> = Vec::new();
        for (v, w) in word_variants(&words[i], a) {
            pairs.push((crate::index::bigram(&v, b), w));
        }
        for (v, w) in word_variants(&words[i + 1], b).into_iter().skip(1) {
            pairs.push((crate::index::bigram(a, &v), w));
        }
        if let (Some(ta), Some(tb)) = (telex_folded(&words[i]), telex_folded(&words[i + 1])) {
            pairs.push((crate::index::bigram(&ta, &tb), TELEX_BOOST));
        }
        let alternatives: Vec<(Occur, Box<dyn Query>)> = pairs
            .into_iter()
            .filter(|(t, _)| {
                searcher
                    .doc_freq(&Term::from_field_text(f.bigrams, t))
                    .is_ok_and(|n| n > 0)
            })
            .map(|(t, w)| (Occur::Should, boosted(term_query(f.bigrams, &t), w)))
            .collect();
        if alternatives.is_empty() {
            return None;
        }
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(alternatives))));
    }
    Some(clauses)
}

/// The tantivy query of a parsed query in one [`Mode`]; None when that
/// mode cannot match anything.
fn build_query(
    index: &Index,
    searcher: &tantivy::Searcher,
    q: &ParsedQuery,
    req: &Request,
    mode: Mode,
) -> Option<Box<dyn Query>> {
    let f = index.fields();
    let groups = word_groups(&q.words);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let all = mode != Mode::AnyWord;
    match mode {
        Mode::Together | Mode::TogetherFuzzy => {
            clauses.extend(together_clauses(
                index,
                searcher,
                &q.words,
                mode == Mode::TogetherFuzzy,
            )?);
            // Scores: each word exact (boosted) or folded.
            for w in &q.words {
                clauses.push((Occur::Should, either(index, std::slice::from_ref(w))));
            }
        }
        Mode::AllWords | Mode::AnyWord => {
            let group_occur = if all { Occur::Must } else { Occur::Should };
            for g in &groups {
                let query = match g {
                    Group::Word(w) => word_query(index, w),
                    Group::Number { words, digits } => number_query(index, words, digits),
                };
                clauses.push((group_occur, query));
            }
        }
    }
    // Proximity: the loose words together and in order, or near each other.
    // In the `Together*` modes every candidate already has them side by
    // side (folded), so only the exact spelling as a phrase adds to the
    // score: phrase checks read positions, costly on common syllables.
    let text_words: Vec<String> = q.words.clone();
    if text_words.len() > 1 {
        let together = matches!(mode, Mode::Together | Mode::TogetherFuzzy);
        let exact = analyze(index, f.text, &text_words);
        if together && exact.len() > 1 {
            clauses.push((
                Occur::Should,
                boosted(phrase_query(f.text, &exact, 0), PHRASE_BOOST * EXACT_BOOST),
            ));
        } else if !together {
            clauses.push((
                Occur::Should,
                boosted(either(index, &text_words), PHRASE_BOOST),
            ));
            let folded = analyze(index, f.text_folded, &text_words);
            if folded.len() > 1 {
                clauses.push((
                    Occur::Should,
                    boosted(phrase_query(f.text_folded, &folded, 3), NEAR_BOOST),
                ));
            }
        }
    }
    for p in &q.phrases {
        clauses.push((Occur::Must, boosted(either(index, p), PHRASE_BOOST)));
        // Its neighbouring pairs as bigram terms: same matches, but the
        // conjunction starts from these short lists instead of checking
        // positions of common syllables on every page.
        let folded: Vec<String> = p
            .iter()
            .map(|w| crate::index::folded_words(w).concat())
            .collect();
        for pair in folded.windows(2) {
            let term = crate::index::bigram(&pair[0], &pair[1]);
            clauses.push(filter(term_query(f.bigrams, &term)));
        }
    }
    for (k, v) in &q.keywords {
        clauses.push((Occur::Must, keyword_query(index, k, v)));
    }
    // The words are exactly someone's name (an extracted full_name): the
    // person outranks longer names that only contain those syllables.
    if text_words.len() > 1 {
        let name = format!(
            "full_name:{}",
            keyword_value("full_name", &text_words.join(" "))
        );
        clauses.push((Occur::Should, boosted(term_query(f.kw, &name), NAME_BOOST)));
    }
    for no in &q.document_numbers {
        let term = format!("document_no:{}", keyword_value("document_no", no));
        clauses.push((
            Occur::Should,
            boosted(term_query(f.kw, &term), PHRASE_BOOST),
        ));
    }
    let mut types: Vec<String> = q.doc_types.clone();
    types.extend(req.doc_type.iter().map(|t| doc_type_slug(t)));
    types.sort();
    types.dedup();
    if !types.is_empty() {
        let alternatives = types
            .iter()
            .map(|t| (Occur::Should, term_query(f.doc_type, t)))
            .collect();
        clauses.push(filter(Box::new(BooleanQuery::new(alternatives))));
    }
    let years = match (q.years, req.years) {
        (Some(a), Some(b)) => Some((a.0.max(b.0), a.1.min(b.1))),
        (a, b) => a.or(b),
    };
    if let Some((lo, hi)) = years {
        clauses.push(filter(Box::new(RangeQuery::new(
            Bound::Included(Term::from_field_i64(f.year, lo)),
            Bound::Included(Term::from_field_i64(f.year, hi)),
        ))));
    }
    if groups.is_empty() || !all {
        // Filters alone, or any word: only page documents.
        clauses.push(filter(term_query(f.kind, KIND_PAGE)));
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// Search the index: one hit per dossier, best first, skipping `offset`.
pub fn search(index: &Index, query: &str, limit: usize, offset: usize) -> Result<Vec<Hit>> {
    let req = Request {
        query: query.to_string(),
        limit,
        offset,
        ..Request::default()
    };
    Ok(search_request(index, &req)?.hits)
}

/// Search with filters, paging, total and facets.
pub fn search_request(index: &Index, req: &Request) -> Result<Results> {
    let reader = index.reader()?;
    search_with(index, &reader.searcher(), req)
}

/// [`search_request`] with a searcher the caller keeps (the web server).
pub fn search_with(index: &Index, searcher: &tantivy::Searcher, req: &Request) -> Result<Results> {
    let parsed = ParsedQuery::parse(&req.query);
    let mut results = Results {
        notes: parsed.notes.clone(),
        ..Results::default()
    };
    let filtered = req.doc_type.is_some() || req.years.is_some();
    if parsed.is_empty() && !filtered {
        return Ok(results);
    }
    let f = *index.fields();
    // Strictest reading first: the words together (fast and what a name
    // query means), then with a slip, then scattered, then any of them.
    let word_groups = word_groups(&parsed.words);
    let together =
        parsed.words.len() > 1 && word_groups.iter().all(|g| matches!(g, Group::Word(_)));
    let mut modes = Vec::new();
    if together {
        modes.extend([Mode::Together, Mode::TogetherFuzzy]);
    }
    modes.push(Mode::AllWords);
    if word_groups.len() > 1 {
        modes.push(Mode::AnyWord);
    }
    let mut groups = KeyMap::default();
    for mode in modes {
        if let Some(q) = build_query(index, searcher, &parsed, req, mode) {
            groups = searcher.search(&q, &DossierCollector)?;
            if !groups.is_empty() {
                break;
            }
        }
    }
    results.total = groups.len();
    for g in groups.values() {
        *results
            .facets
            .doc_type
            .entry(g.doc_type.clone())
            .or_default() += 1;
        if let Some(y) = g.year {
            *results.facets.year.entry(y.to_string()).or_default() += 1;
        }
    }
    let mut best: Vec<&Group_> = groups.values().collect();
    let wanted = req.offset.saturating_add(req.limit).min(best.len());
    let by_score = |a: &&Group_, b: &&Group_| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.addr.cmp(&b.addr))
    };
    if wanted < best.len() && wanted > 0 {
        best.select_nth_unstable_by(wanted - 1, by_score);
        best.truncate(wanted);
    }
    best.sort_by(by_score);
    let matcher = Matcher::new(&parsed);
    results.hits = best
        .into_iter()
        .skip(req.offset)
        .take(req.limit)
        .map(|g| {
            let doc: TantivyDocument = searcher.doc(g.addr)?;
            Ok(Hit {
                dossier: str_of(&doc, f.dossier),
                path: str_of(&doc, f.path),
                score: g.score,
                page: doc.get_first(f.page).and_then(|v| v.as_u64()).unwrap_or(1),
                file: str_of(&doc, f.file),
                file_page: doc
                    .get_first(f.file_page)
                    .and_then(|v| v.as_u64())
                    .unwrap_or(1),
                snippet: snippet(&str_of(&doc, f.text), &matcher),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(results)
}

/// The best page of one matching dossier.
#[derive(Debug, Clone)]
struct Group_ {
    score: Score,
    addr: DocAddress,
    doc_type: String,
    year: Option<i64>,
}

/// Hasher for keys that are already hashes (the dossier key).
#[derive(Default, Clone, Copy)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeyMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// Collects the best-scoring page of every matching dossier, reading only
/// fast fields (dossier key, type, year): no stored document is loaded.
struct DossierCollector;

struct DossierSegment {
    segment: SegmentOrdinal,
    key: tantivy::columnar::Column<u64>,
    year: tantivy::columnar::Column<i64>,
    type_ord: tantivy::columnar::Column<u64>,
    type_names: Vec<String>,
    best: KeyMap<(Score, DocId)>,
}

impl Collector for DossierCollector {
    type Fruit = KeyMap<Group_>;
    type Child = DossierSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<DossierSegment> {
        let ff = reader.fast_fields();
        let types = ff.str("doc_type")?;
        let (type_ord, type_names) = match types {
            Some(col) => {
                let mut names = Vec::with_capacity(col.num_terms());
                for ord in 0..col.num_terms() as u64 {
                    let mut s = String::new();
                    col.ord_to_str(ord, &mut s)?;
                    names.push(s);
                }
                (col.ords().clone(), names)
            }
            None => (
                tantivy::columnar::Column::build_empty_column(reader.max_doc()),
                Vec::new(),
            ),
        };
        Ok(DossierSegment {
            segment,
            key: ff.u64("dossier_key")?,
            year: ff.i64("year")?,
            type_ord,
            type_names,
            best: KeyMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut fruits = fruits.into_iter();
        let mut all = fruits.next().unwrap_or_default();
        for fruit in fruits {
            for (k, g) in fruit {
                match all.get_mut(&k) {
                    Some(old) if old.score >= g.score => {}
                    Some(old) => *old = g,
                    None => {
                        all.insert(k, g);
                    }
                }
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for DossierSegment {
    type Fruit = KeyMap<Group_>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some(key) = self.key.first(doc) else {
            return;
        };
        let e = self.best.entry(key).or_insert((Score::NEG_INFINITY, doc));
        if score > e.0 {
            *e = (score, doc);
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut out = KeyMap::default();
        out.reserve(self.best.len());
        for (key, (score, doc)) in self.best {
            let doc_type = self
                .type_ord
                .first(doc)
                .and_then(|o| self.type_names.get(o as usize).cloned())
                .unwrap_or_else(|| "khac".into());
            out.insert(
                key,
                Group_ {
                    score,
                    addr: DocAddress::new(self.segment, doc),
                    doc_type,
                    year: self.year.first(doc),
                },
            );
        }
        out
    }
}

/// The object `show --json` prints and `GET /api/dossiers/{id}` returns:
/// {"dossier", "path", "doc_type", "fields", "pages": [{"page", "file",
/// "file_page", "text", "confidence"}]}.
pub fn dossier_json(
    meta: &crate::store::DossierMeta,
    pages: &[PageRecord],
    analysis: &crate::extract::Analysis,
) -> serde_json::Value {
    let fields = &analysis.fields;
    let list: Vec<_> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            serde_json::json!({
                "page": i + 1,
                "file": p.file,
                "file_page": p.page_in_file + 1,
                "text": p.text,
                "confidence": (f64::from(p.mean_confidence) * 10.0).round() / 10.0,
                "blank": p.blank,
            })
        })
        .collect();
    serde_json::json!({
        "dossier": meta.dossier,
        "path": meta.path,
        "doc_type": crate::index::dossier_doc_type(fields),
        "fields": fields,
        "records": analysis.records,
        "checks": analysis.checks,
        "pages": list,
    })
}

fn str_of(doc: &TantivyDocument, field: Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

/// Every dossier summary in the index, ordered by id.
pub fn list(index: &Index) -> Result<Vec<DossierSummary>> {
    let f = *index.fields();
    let mut out: Vec<DossierSummary> = index
        .documents(KIND_DOSSIER)?
        .iter()
        .map(|doc| DossierSummary {
            dossier: str_of(doc, f.dossier),
            path: str_of(doc, f.path),
            pages: doc.get_first(f.pages).and_then(|v| v.as_u64()).unwrap_or(0),
            doc_type: str_of(doc, f.doc_type),
        })
        .collect();
    out.sort_by(|a, b| crate::text::natural_cmp(&a.dossier, &b.dossier));
    Ok(out)
}

/// Decides which words of a page a query matched, the way the index did:
/// folded equality (so "tran" marks "Trần"), a Telex reading, numbers
/// however grouped, and — only for query words with no such match on the
/// page — one edit on folded syllables of 4+ letters (an OCR slip).
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    terms: BTreeSet<String>,
    fuzzy: BTreeSet<String>,
    numbers: BTreeSet<String>,
}

/// True when `a` and `b` are at most one edit apart (insert, delete,
/// substitute, or swap of neighbours).
fn within_one_edit(a: &[char], b: &[char]) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if la == lb {
        let (ra, rb) = (&a[p + 1..], &b[p + 1..]);
        ra == rb || (p + 1 < la && a[p] == b[p + 1] && a[p + 1] == b[p] && a[p + 2..] == b[p + 2..])
    } else if la > lb {
        a[p + 1..] == b[p..]
    } else {
        b[p + 1..] == a[p..]
    }
}

impl Matcher {
    pub fn new(q: &ParsedQuery) -> Matcher {
        let mut m = Matcher {
            numbers: q.numbers(),
            ..Matcher::default()
        };
        let mut words: Vec<&String> = q.words.iter().chain(q.phrases.iter().flatten()).collect();
        let kw_words: Vec<String> = q
            .keywords
            .iter()
            .flat_map(|(_, v)| lower_words(v))
            .collect();
        words.extend(kw_words.iter());
        for w in words {
            let f = fold(w);
            if f.chars().count() >= FUZZY_MIN_LETTERS && f.chars().all(char::is_alphabetic) {
                m.fuzzy.insert(f.clone());
            }
            if let Some(t) = telex_folded(w) {
                m.terms.insert(t);
            }
            m.terms.insert(f);
        }
        m
    }

    /// For each word span of `text`, whether it is a match.
    pub fn marks(&self, text: &str, spans: &[(usize, usize)]) -> Vec<bool> {
        let folded: Vec<String> = spans.iter().map(|&(a, b)| fold(&text[a..b])).collect();
        let mut hit: Vec<bool> = folded.iter().map(|w| self.terms.contains(w)).collect();
        // Fuzzy only for the query words the page has no exact match for.
        let present: BTreeSet<&str> = folded
            .iter()
            .zip(&hit)
            .filter(|(_, h)| **h)
            .map(|(w, _)| w.as_str())
            .collect();
        let missing: Vec<Vec<char>> = self
            .fuzzy
            .iter()
            .filter(|t| !present.contains(String::as_str(t)))
            .map(|t| t.chars().collect())
            .collect();
        if !missing.is_empty() {
            for (i, w) in folded.iter().enumerate() {
                let wc: Vec<char> = w.chars().collect();
                if !hit[i] && wc.len() + 1 >= FUZZY_MIN_LETTERS {
                    hit[i] = missing.iter().any(|t| within_one_edit(t, &wc));
                }
            }
        }
        if !self.numbers.is_empty() {
            for (range, digits) in identifier_spans(text) {
                if self.numbers.contains(&digits) {
                    for (i, &(a, b)) in spans.iter().enumerate() {
                        hit[i] |= a >= range.start && b <= range.end;
                    }
                }
            }
        }
        hit
    }

    /// Boxes ([left, top, width, height] in the page image's pixels) of the
    /// OCR words of a page the query matched.
    pub fn boxes(&self, page: &PageRecord) -> Vec<[u32; 4]> {
        // Decide on the page text (so fuzzy and number rules see the whole
        // page), then mark the OCR words whose folded form was matched.
        let spans = word_spans(&page.text);
        let marks = self.marks(&page.text, &spans);
        let matched: BTreeSet<String> = spans
            .iter()
            .zip(&marks)
            .filter(|(_, m)| **m)
            .map(|(&(a, b), _)| fold(&page.text[a..b]))
            .collect();
        page.words
            .iter()
            .filter(|w| {
                word_spans(&w.text).iter().any(|&(a, b)| {
                    let f = fold(&w.text[a..b]);
                    matched.contains(&f)
                        && (!f.chars().all(|c| c.is_ascii_digit())
                            || self.numbers.iter().any(|n| n.contains(&f)))
                })
            })
            .map(|w| w.bbox)
            .collect()
    }
}

/// A window of `text` around the densest cluster of query words, with each
/// matched word wrapped in `**` (see [`Matcher`]).
pub fn snippet(text: &str, matcher: &Matcher) -> String {
    let spans = word_spans(text);
    if spans.is_empty() {
        return String::new();
    }
    let folded: Vec<String> = spans.iter().map(|&(a, b)| fold(&text[a..b])).collect();
    let hit = matcher.marks(text, &spans);
    // Window start with the most distinct matched words.
    let n = spans.len();
    let win = SNIPPET_WORDS.min(n);
    let mut best = (0usize, 0usize);
    for start in 0..=(n - win) {
        let distinct: BTreeSet<&str> = (start..start + win)
            .filter(|&i| hit[i])
            .map(|i| folded[i].as_str())
            .collect();
        if distinct.len() > best.1 {
            best = (start, distinct.len());
        }
    }
    // Centre the first match when the window has room before it.
    let mut start = best.0;
    if let Some(first) = (start..start + win).find(|&i| hit[i]) {
        start = first.saturating_sub(win / 4).min(n - win);
    }
    let end = start + win;
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut pos = spans[start].0;
    for (i, &(a, b)) in spans.iter().enumerate().take(end).skip(start) {
        out.push_str(&text[pos..a]);
        if hit[i] {
            out.push_str("**");
            out.push_str(&text[a..b]);
            out.push_str("**");
        } else {
            out.push_str(&text[a..b]);
        }
        pos = b;
    }
    if end < n {
        out.push('…');
    } else {
        out.push_str(text[pos..].trim_end());
    }
    // Adjacent matches read as one mark: "**Trần Văn Bảy**".
    crate::text::collapse_whitespace(&out).replace("** **", " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(q: &str) -> Matcher {
        Matcher::new(&ParsedQuery::parse(q))
    }

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

    #[test]
    fn one_edit() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(within_one_edit(&c("gian"), &c("giang")));
        assert!(within_one_edit(&c("huong"), &c("huogn")));
        assert!(within_one_edit(&c("huong"), &c("hung")));
        assert!(!within_one_edit(&c("huong"), &c("hang")));
    }

    #[test]
    fn snippet_marks_folded_matches() {
        let text = "QUYẾT ĐỊNH\nVề việc trợ cấp hàng tháng đối với ông Trần Văn Bảy, sinh năm 1948";
        let s = snippet(text, &m("tran bay"));
        assert!(s.contains("**Trần** Văn **Bảy**"), "{s}");
        assert!(snippet(text, &m("tran van bay")).contains("ông **Trần Văn Bảy**,"));
        assert!(!s.contains('\n'));
    }

    #[test]
    fn snippet_marks_fuzzy_matches_only_without_exact_ones() {
        let text = "Họ và tên: Nguyễn Hương Giang, thôn Đại Tự";
        let s = snippet(text, &m("Nguyen Huong Gian"));
        assert!(s.contains("**Nguyễn Hương Giang**"), "{s}");
        let text = "Trang 2. Ông Trần Văn Bảy";
        let s = snippet(text, &m("tran"));
        assert!(s.contains("**Trần**") && !s.contains("**Trang**"), "{s}");
    }

    #[test]
    fn snippet_of_long_text_is_a_window() {
        let text = format!("{} Trần Văn Bảy {}", "a ".repeat(200), "b ".repeat(200));
        let s = snippet(&text, &m("tran"));
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("**Trần**"));
        assert_eq!(word_spans(&s).len(), SNIPPET_WORDS);
    }

    #[test]
    fn snippet_marks_numbers_however_grouped() {
        let text = "Họ và tên: Trần Văn Bảy\nSố CCCD: 027 048 001 234\nĐT: 0912345678";
        let s = snippet(text, &m("027048001234"));
        assert!(s.contains("**027 048 001 234**"), "{s}");
        let s = snippet(text, &m("0912 345 678"));
        assert!(s.contains("**0912345678**"), "{s}");
        let s = snippet(text, &m("cccd:027.048.001.234"));
        assert!(s.contains("**027 048 001 234**"), "{s}");
    }
}
