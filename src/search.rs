//! Finding dossiers: free-text and fielded queries over the page documents,
//! grouped one result per dossier with its best page, a snippet, the total
//! of matching dossiers and facet counts by type and year.
//!
//! Every hit says how it matched (`MatchKind`: exact, folded, words, fuzzy,
//! partial), from where the query words stand on its page; only the first
//! three are counted as matches, so another person is never presented as
//! the one asked for.
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
    /// How the query matched this hit's page.
    #[serde(rename = "match")]
    pub kind: MatchKind,
    /// The query's words found on the page (exactly, folded or through an
    /// OCR slip), in query order; the others are missing.
    pub matched_words: Vec<String>,
    /// The document (văn bản) of the dossier the page belongs to; null when
    /// the index does not know the dossier's documents (made by an older
    /// sohoa: `reindex`).
    pub document: Option<HitDocument>,
}

/// The document a hit's page is in: its place among the dossier's
/// `documents` (as `show --json` lists them), its pages, type and number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HitDocument {
    /// 1-based position in the dossier's documents.
    pub index: usize,
    /// How many documents the dossier holds.
    pub of: usize,
    /// First and last page, 1-based.
    pub pages: [usize; 2],
    pub doc_type: Option<String>,
    pub document_no: Option<String>,
}

impl HitDocument {
    /// The document holding `page` among `documents`.
    pub fn of_page(documents: &[crate::extract::Document], page: usize) -> Option<HitDocument> {
        let i = documents
            .iter()
            .position(|d| (d.pages[0]..=d.pages[1]).contains(&page))?;
        let d = &documents[i];
        Some(HitDocument {
            index: i + 1,
            of: documents.len(),
            pages: d.pages,
            doc_type: d.doc_type.clone(),
            document_no: d.document_no.clone(),
        })
    }
}

/// A dossier's summary as the index holds it.
#[derive(Debug, Clone, Serialize)]
pub struct DossierSummary {
    pub dossier: String,
    pub path: String,
    pub pages: u64,
    pub doc_type: String,
    /// The fields as indexed: the same as `show --json` gives.
    pub fields: crate::extract::Fields,
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
    /// Also return near (fuzzy, partial) hits when there are enough complete ones.
    pub near: bool,
    /// Only dossiers of these fonds (a `serve` account's limit), as a term
    /// filter inside every tier's query; `Some(vec![])` finds nothing.
    pub fonds: Option<Vec<String>>,
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
    /// Dossiers matched completely (exact, folded or every word).
    pub total: usize,
    /// Dossiers matched only nearly (fuzzy, partial), counted when they were
    /// looked for: when the complete hits do not fill the page, or `near`.
    pub near_total: Option<usize>,
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

/// How strictly the loose words must match: one tier of [`MatchKind`]s.
/// `Exact`, `Folded` and `Words` find the complete matches (each a subset
/// of the next); `Fuzzy` and `Partial` the near ones, looked for only when
/// the complete ones do not fill the page (or `near` is asked for).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The words together, in order, with the tone marks as typed.
    Exact,
    /// The words together, in order (folded: every neighbouring pair is a
    /// bigram term, fast whatever the syllables).
    Folded,
    /// Every word (or number) somewhere on the page, exact or folded.
    Words,
    /// Every word somewhere, some only through an OCR-slip variant.
    Fuzzy,
    /// Part of the query: a pair of the name's words together (3+ words),
    /// or any word.
    Partial,
}

impl Mode {
    fn kind(self) -> MatchKind {
        match self {
            Mode::Exact => MatchKind::Exact,
            Mode::Folded => MatchKind::Folded,
            Mode::Words => MatchKind::Words,
            Mode::Fuzzy => MatchKind::Fuzzy,
            Mode::Partial => MatchKind::Partial,
        }
    }
}

/// How a hit matched the query, best first: computed from where the
/// query's words stand on the hit's page, not from its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// The words together, in order, with the tone marks as typed (a word
    /// typed without marks matches any; old and new tone placement equal).
    Exact,
    /// Together and in order once typed tone marks are ignored.
    Folded,
    /// Every word on the page, but not together.
    Words,
    /// Some word found only through an OCR-slip variant (one edit, Telex).
    Fuzzy,
    /// Some word not on the page at all.
    Partial,
}

impl MatchKind {
    /// Exact, folded and words are complete matches: counted in `total` and
    /// the facets. Fuzzy and partial are near matches.
    pub fn is_complete(self) -> bool {
        self <= MatchKind::Words
    }

    /// The contract's name ("exact", "folded", …).
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Folded => "folded",
            MatchKind::Words => "words",
            MatchKind::Fuzzy => "fuzzy",
            MatchKind::Partial => "partial",
        }
    }
}

/// True when a typed word carries Vietnamese marks (tones, ă â ê ô ơ ư, đ):
/// it then has to match as typed for an `exact` match.
fn has_marks(word: &str) -> bool {
    fold(word) != word.to_lowercase()
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
/// mode cannot match anything, or (`Exact`) when it would be the same as
/// `Folded` because nothing was typed with marks.
fn build_query(
    index: &Index,
    searcher: &tantivy::Searcher,
    q: &ParsedQuery,
    req: &Request,
    mode: Mode,
) -> Option<Box<dyn Query>> {
    let f = index.fields();
    let groups = word_groups(&q.words);
    let together_able = q.words.len() > 1 && groups.iter().all(|g| matches!(g, Group::Word(_)));
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let text_words: Vec<String> = q.words.clone();
    let strict_group = |g: &Group| match g {
        Group::Word(w) => either(index, std::slice::from_ref(w)),
        Group::Number { words, digits } => number_query(index, words, digits),
    };
    match mode {
        Mode::Exact | Mode::Folded => {
            let marked = q.typed_with_marks();
            if mode == Mode::Exact && !marked {
                return None;
            }
            if together_able {
                clauses.extend(together_clauses(index, searcher, &q.words, false)?);
                for w in &q.words {
                    clauses.push((Occur::Should, either(index, std::slice::from_ref(w))));
                }
            } else {
                for g in &groups {
                    clauses.push((Occur::Must, strict_group(g)));
                }
            }
            if groups.len() > 1 && !(together_able && q.words.len() == 2) {
                // Bigram pairs do not make a chain of 3+ words contiguous.
                let folded = analyze(index, f.text_folded, &q.words);
                if folded.len() > 1 {
                    clauses.push(filter(phrase_query(f.text_folded, &folded, 0)));
                }
            }
            if mode == Mode::Exact {
                // Typed with marks: the words as typed, together (a single
                // number group is exact already).
                let single_number = groups.len() == 1 && matches!(groups[0], Group::Number { .. });
                let exact = analyze(index, f.text, &q.words);
                if !exact.is_empty() && !single_number {
                    clauses.push(filter(phrase_query(f.text, &exact, 0)));
                }
                for p in &q.phrases {
                    let exact = analyze(index, f.text, p);
                    clauses.push(filter(phrase_query(f.text, &exact, 0)));
                }
            }
        }
        Mode::Words => {
            if groups.len() < 2 {
                // One word or number: complete only together (Exact/Folded).
                return None;
            }
            // Plain folded terms intersect fast; the exact spelling scores.
            for g in &groups {
                let must = match g {
                    Group::Word(w) => {
                        let folded = analyze(index, f.text_folded, std::slice::from_ref(w));
                        if folded.len() == 1 {
                            term_query(f.text_folded, &folded[0])
                        } else {
                            strict_group(g)
                        }
                    }
                    Group::Number { .. } => strict_group(g),
                };
                clauses.push((Occur::Must, must));
                if let Group::Word(w) = g {
                    let exact = analyze(index, f.text, std::slice::from_ref(w));
                    if exact.len() == 1 {
                        clauses.push((
                            Occur::Should,
                            boosted(term_query(f.text, &exact[0]), EXACT_BOOST),
                        ));
                    }
                }
            }
        }
        Mode::Fuzzy if together_able => {
            // A name with a slip: its pairs together, one slip per pair,
            // checked against the bigram dictionary (fast at any size).
            clauses.extend(together_clauses(index, searcher, &q.words, true)?);
            for w in &q.words {
                clauses.push((Occur::Should, either(index, std::slice::from_ref(w))));
            }
        }
        Mode::Fuzzy => {
            if groups.is_empty() {
                return None;
            }
            for g in &groups {
                let query = match g {
                    Group::Word(w) => word_query(index, w),
                    Group::Number { words, digits } => number_query(index, words, digits),
                };
                clauses.push((Occur::Must, query));
            }
            let folded = analyze(index, f.text_folded, &text_words);
            if folded.len() > 1 {
                clauses.push((
                    Occur::Should,
                    boosted(phrase_query(f.text_folded, &folded, 3), NEAR_BOOST),
                ));
            }
        }
        Mode::Partial => {
            if groups.len() < 2 {
                return None;
            }
            if together_able && q.words.len() >= 3 {
                // A name of 3+ words: some pair of it together.
                let pairs: Vec<(Occur, Box<dyn Query>)> = q
                    .words
                    .windows(2)
                    .map(|p| {
                        let (a, b) = (
                            crate::index::folded_words(&p[0]).concat(),
                            crate::index::folded_words(&p[1]).concat(),
                        );
                        (
                            Occur::Should,
                            term_query(f.bigrams, &crate::index::bigram(&a, &b)),
                        )
                    })
                    .collect();
                clauses.push((Occur::Must, Box::new(BooleanQuery::new(pairs))));
                for g in &groups {
                    clauses.push((Occur::Should, strict_group(g)));
                }
            } else {
                let any: Vec<(Occur, Box<dyn Query>)> = groups
                    .iter()
                    .map(|g| (Occur::Should, strict_group(g)))
                    .collect();
                clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
            }
        }
    }
    // The exact spelling together scores more (within a tier).
    if text_words.len() > 1 && matches!(mode, Mode::Exact | Mode::Folded) {
        let exact = analyze(index, f.text, &text_words);
        if exact.len() > 1 {
            clauses.push((
                Occur::Should,
                boosted(phrase_query(f.text, &exact, 0), PHRASE_BOOST * EXACT_BOOST),
            ));
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
    if let Some(fonds) = &req.fonds {
        let alternatives = fonds
            .iter()
            .map(|x| (Occur::Should, term_query(f.fonds, x)))
            .collect::<Vec<_>>();
        if alternatives.is_empty() {
            return Some(Box::new(tantivy::query::EmptyQuery));
        }
        clauses.push(filter(Box::new(BooleanQuery::new(alternatives))));
    }
    if groups.is_empty() || mode == Mode::Partial {
        // Filters alone, or part of the words: only page documents.
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
///
/// The complete tiers (exact, folded, words) are always searched, and only
/// they are counted in `total` and the facets. The near tiers (fuzzy,
/// partial) are searched when the complete hits do not reach past
/// `offset + limit`, or when `near` is asked for; their hits come after the
/// complete ones and are counted in `near_total`.
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
    // Each dossier keeps the best tier any of its pages reached, with that
    // tier's best page and score.
    let mut groups: KeyMap<(MatchKind, Group_)> = KeyMap::default();
    let run = |mode: Mode, label: MatchKind, groups: &mut KeyMap<(MatchKind, Group_)>| {
        let Some(q) = build_query(index, searcher, &parsed, req, mode) else {
            return Ok::<bool, crate::Error>(false);
        };
        for (k, g) in searcher.search(&q, &DossierCollector)? {
            groups.entry(k).or_insert((label, g));
        }
        Ok(true)
    };
    if !run(Mode::Exact, MatchKind::Exact, &mut groups)? {
        // Nothing typed with marks: together folded is exact.
        run(Mode::Folded, MatchKind::Exact, &mut groups)?;
    } else {
        run(Mode::Folded, MatchKind::Folded, &mut groups)?;
    }
    run(Mode::Words, MatchKind::Words, &mut groups)?;
    let complete = groups.len();
    let wanted = req.offset.saturating_add(req.limit);
    if req.near || complete < wanted {
        run(Mode::Fuzzy, Mode::Fuzzy.kind(), &mut groups)?;
        run(Mode::Partial, Mode::Partial.kind(), &mut groups)?;
        results.near_total = Some(groups.len() - complete);
    }
    results.total = complete;
    for (kind, g) in groups.values() {
        if !kind.is_complete() {
            continue;
        }
        *results
            .facets
            .doc_type
            .entry(g.doc_type.clone())
            .or_default() += 1;
        if let Some(y) = g.year {
            *results.facets.year.entry(y.to_string()).or_default() += 1;
        }
    }
    // Near hits are shown only when asked for or when the complete ones run out.
    let mut best: Vec<&(MatchKind, Group_)> = groups
        .values()
        .filter(|(kind, _)| kind.is_complete() || req.near || complete < wanted)
        .collect();
    let wanted = wanted.min(best.len());
    let by_rank = |a: &&(MatchKind, Group_), b: &&(MatchKind, Group_)| {
        a.0.cmp(&b.0)
            .then_with(|| b.1.score.total_cmp(&a.1.score))
            .then_with(|| a.1.addr.cmp(&b.1.addr))
    };
    if wanted < best.len() && wanted > 0 {
        best.select_nth_unstable_by(wanted - 1, by_rank);
        best.truncate(wanted);
    }
    best.sort_by(by_rank);
    let matcher = Matcher::new(&parsed);
    let mut hits = best
        .into_iter()
        .skip(req.offset)
        .take(req.limit)
        .map(|(tier, g)| {
            let doc: TantivyDocument = searcher.doc(g.addr)?;
            let text = str_of(&doc, f.text);
            let (kind, matched_words) = matcher.classify(&text);
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
                snippet: snippet(&text, &matcher),
                // The page text decides; it never makes a hit look better
                // than the tier that found it.
                kind: kind.max(*tier),
                matched_words,
                document: None,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    hits.sort_by_key(|h| h.kind);
    name_documents(index, searcher, &mut hits)?;
    results.hits = hits;
    Ok(results)
}

/// Fill each hit's `document` from the documents stored with its dossier:
/// one query for the dossier documents of all shown hits, reading only the
/// `documents` of each stored analysis.
fn name_documents(index: &Index, searcher: &tantivy::Searcher, hits: &mut [Hit]) -> Result<()> {
    if hits.is_empty() {
        return Ok(());
    }
    #[derive(serde::Deserialize)]
    struct Documents {
        #[serde(default)]
        documents: Vec<crate::extract::Document>,
    }
    let f = *index.fields();
    let term = |field, text: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::Basic,
        ))
    };
    let ids: BTreeSet<&str> = hits.iter().map(|h| h.dossier.as_str()).collect();
    let any_id = BooleanQuery::new(
        ids.iter()
            .map(|id| (Occur::Should, term(f.dossier, id)))
            .collect(),
    );
    let q = BooleanQuery::new(vec![
        (Occur::Must, term(f.kind, KIND_DOSSIER)),
        (Occur::Must, Box::new(any_id)),
    ]);
    let mut by_id: HashMap<String, Vec<crate::extract::Document>> = HashMap::new();
    for addr in searcher.search(&q, &tantivy::collector::DocSetCollector)? {
        let doc: TantivyDocument = searcher.doc(addr)?;
        // A stored analysis that does not read names no document; the
        // hit itself stays right.
        let documents = serde_json::from_str::<Documents>(&str_of(&doc, f.analysis))
            .map(|d| d.documents)
            .unwrap_or_default();
        by_id.insert(str_of(&doc, f.dossier), documents);
    }
    for hit in hits {
        hit.document = by_id
            .get(&hit.dossier)
            .and_then(|docs| HitDocument::of_page(docs, hit.page as usize));
    }
    Ok(())
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
/// {"dossier", "path", "doc_type", "fields", "records", "checks",
/// "addresses_now", "documents": [{"pages": [first, last], "doc_type",
/// "document_no", "signed_date", "issuer", "summary", "signer", "people"}],
/// "corrections": [{"at", "by", "change", "applied"}], "pages": [{"page", "file", "file_page", "text", "confidence", "blank"}],
/// "unread": [{"file", "page"?, "reason"}]} (the page files the last ingest
/// could not read; empty when every one was read).
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
        "addresses_now": analysis.addresses_now,
        "documents": analysis.documents,
        "corrections": analysis.corrections,
        "pages": list,
        "unread": meta.unread,
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
        .map(|doc| {
            Ok(DossierSummary {
                dossier: str_of(doc, f.dossier),
                path: str_of(doc, f.path),
                pages: doc.get_first(f.pages).and_then(|v| v.as_u64()).unwrap_or(0),
                doc_type: str_of(doc, f.doc_type),
                fields: index.analysis_of(doc)?.fields,
            })
        })
        .collect::<Result<_>>()?;
    out.sort_by(|a, b| crate::text::natural_cmp(&a.dossier, &b.dossier));
    Ok(out)
}

/// Decides which words of a page a query matched, the way the index did:
/// folded equality (so "tran" marks "Trần"), a Telex reading, numbers
/// however grouped, and — only for query words with no such match on the
/// page — one edit on folded syllables of 4+ letters (an OCR slip). Where a
/// query of several words (or a quoted phrase) stands together on the page,
/// only those places are marked, not every "Thanh" of a 40-row list. It
/// also says how the page matched ([`Matcher::classify`]).
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    /// Loose words (and keyword values' words), folded, and their Telex readings.
    terms: BTreeSet<String>,
    fuzzy: BTreeSet<String>,
    /// The same for keyword values only (marked even where the loose words
    /// stand together).
    kw_terms: BTreeSet<String>,
    kw_fuzzy: BTreeSet<String>,
    numbers: BTreeSet<String>,
    /// The loose words in query order.
    seq: Vec<QueryWord>,
    /// The loose words in groups (a number typed in pieces is one).
    groups: Vec<std::ops::Range<usize>>,
    /// Group index → the number's digits, for number groups.
    group_digits: Vec<Option<String>>,
    phrases: Vec<Vec<QueryWord>>,
}

/// One word of the query, as the page text is compared with it.
#[derive(Debug, Clone)]
struct QueryWord {
    typed: String,
    exact: String,
    folded: String,
    marked: bool,
    telex: Option<String>,
    fuzzy: bool,
}

impl QueryWord {
    /// `typed_with_marks`: the query has marks somewhere, so every word of
    /// it means its tones as typed ("Lan" in "Lê Thị Lan" is not "Lân").
    fn new(w: &str, typed_with_marks: bool) -> QueryWord {
        let lower = w.to_lowercase();
        let folded = fold(&lower);
        QueryWord {
            exact: crate::index::canonical_tones(&lower).into_owned(),
            marked: typed_with_marks,
            telex: telex_folded(w),
            fuzzy: folded.chars().count() >= FUZZY_MIN_LETTERS
                && folded.chars().all(char::is_alphabetic),
            folded,
            typed: w.to_string(),
        }
    }

    /// How this word matches one page word (exact form, folded form).
    fn level(&self, exact: &str, folded: &str) -> Option<MatchKind> {
        if folded == self.folded {
            let as_typed = !self.marked || exact == self.exact;
            return Some(if as_typed {
                MatchKind::Exact
            } else {
                MatchKind::Folded
            });
        }
        let telex = self.telex.as_deref() == Some(folded);
        let slip = self.fuzzy && {
            let (a, b): (Vec<char>, Vec<char>) =
                (self.folded.chars().collect(), folded.chars().collect());
            b.len() + 1 >= FUZZY_MIN_LETTERS && within_one_edit(&a, &b)
        };
        (telex || slip).then_some(MatchKind::Fuzzy)
    }
}

/// How a page word is written: name-cased ("Minh", "MINH") or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Title,
    Capitals,
    Other,
}

fn case_of(w: &str) -> Case {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => {
            let rest: Vec<char> = chars.collect();
            if rest.iter().all(|c| c.is_lowercase()) {
                Case::Title
            } else if rest.iter().all(|c| c.is_uppercase()) {
                Case::Capitals
            } else {
                Case::Other
            }
        }
        _ => Case::Other,
    }
}

/// A page's words in the two forms a query word is compared with, and how
/// each is cased and whether a line break stands before it.
struct PageWords {
    exact: Vec<String>,
    folded: Vec<String>,
    case: Vec<Case>,
    line_break_before: Vec<bool>,
}

impl PageWords {
    fn new(text: &str, spans: &[(usize, usize)]) -> PageWords {
        let lower: Vec<String> = spans
            .iter()
            .map(|&(a, b)| text[a..b].to_lowercase())
            .collect();
        let line_break_before = spans
            .iter()
            .enumerate()
            .map(|(i, &(a, _))| {
                let from = if i == 0 { 0 } else { spans[i - 1].1 };
                // Any separator other than spaces (a line end, a comma)
                // ends a name.
                text[from..a].chars().any(|c| c != ' ')
            })
            .collect();
        PageWords {
            case: spans.iter().map(|&(a, b)| case_of(&text[a..b])).collect(),
            line_break_before,
            folded: lower.iter().map(|w| fold(w)).collect(),
            exact: lower
                .iter()
                .map(|w| crate::index::canonical_tones(w).into_owned())
                .collect(),
        }
    }

    fn len(&self) -> usize {
        self.folded.len()
    }

    /// How `seq` matches at `start` (the worst of its words), if it does.
    /// A name of 2+ words followed by one more name-cased syllable on the
    /// same line ("Lương Minh Hoài | Minh") is part of a longer name, another
    /// person: only `words` there.
    fn run_at(&self, seq: &[QueryWord], start: usize, names: bool) -> Option<MatchKind> {
        if start + seq.len() > self.len() {
            return None;
        }
        let mut worst = MatchKind::Exact;
        for (k, q) in seq.iter().enumerate() {
            worst = worst.max(q.level(&self.exact[start + k], &self.folded[start + k])?);
        }
        let end = start + seq.len();
        if names
            && seq.len() >= 2
            && (end < self.len() && self.continues_name(start, end)
                || start > 0 && self.continues_name_before(start, end))
        {
            worst = worst.max(MatchKind::Words);
        }
        Some(worst)
    }

    /// True when the words `start..end` are cased as a name and the word
    /// before them, on the same line, is too ("Võ Hồng | Đình Diệu
    /// Thịnh"), unless it is a title or kinship word ("Ông", "Bà", …).
    fn continues_name_before(&self, start: usize, end: usize) -> bool {
        const TITLES: &[&str] = &[
            "ong", "ba", "anh", "chi", "em", "chau", "cu", "me", "bo", "cha", "con", "vo", "chong",
            "toi", "si", "binh", "chi", "nguoi", "ho", "ten",
        ];
        let c = self.case[start];
        c == Case::Title
            && (start - 1..end).all(|i| self.case[i] == c)
            && !self.line_break_before[start]
            && !TITLES.contains(&self.folded[start - 1].as_str())
    }

    /// True when the words `start..end` are cased as a name (Title case)
    /// and the word after them, on the same line, is too.
    fn continues_name(&self, start: usize, end: usize) -> bool {
        let case = |i: usize| self.case[i];
        let c = case(start);
        // Title case only: lines in capitals are headings ("CỘNG HÒA XÃ HỘI").
        c == Case::Title && (start..=end).all(|i| case(i) == c) && !self.line_break_before[end]
    }

    /// Starts of the places where `seq` stands together no worse than `at_most`.
    fn runs(&self, seq: &[QueryWord], at_most: MatchKind, names: bool) -> Vec<usize> {
        if seq.is_empty() {
            return Vec::new();
        }
        (0..self.len())
            .filter(|&j| self.run_at(seq, j, names).is_some_and(|k| k <= at_most))
            .collect()
    }

    /// The best way `seq` stands together anywhere (`names`: as a whole
    /// name, not inside a longer one).
    fn best_run(&self, seq: &[QueryWord], names: bool) -> Option<MatchKind> {
        (0..self.len())
            .filter_map(|j| self.run_at(seq, j, names))
            .min()
    }

    /// The best match of one word anywhere.
    fn best_word(&self, q: &QueryWord) -> Option<MatchKind> {
        (0..self.len())
            .filter_map(|j| q.level(&self.exact[j], &self.folded[j]))
            .min()
    }
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

/// Marks the page words equal (folded or Telex) to one of `terms`, and —
/// for the fuzzy terms none of whose equals is on the page — those one
/// edit away.
fn mark_terms(
    folded: &[String],
    terms: &BTreeSet<String>,
    fuzzy: &BTreeSet<String>,
    hit: &mut [bool],
) {
    let mut present: BTreeSet<&str> = BTreeSet::new();
    for (i, w) in folded.iter().enumerate() {
        if terms.contains(w) {
            hit[i] = true;
            present.insert(w.as_str());
        }
    }
    let missing: Vec<Vec<char>> = fuzzy
        .iter()
        .filter(|t| !present.contains(String::as_str(t)))
        .map(|t| t.chars().collect())
        .collect();
    if missing.is_empty() {
        return;
    }
    for (i, w) in folded.iter().enumerate() {
        let wc: Vec<char> = w.chars().collect();
        if !hit[i] && wc.len() + 1 >= FUZZY_MIN_LETTERS {
            hit[i] = missing.iter().any(|t| within_one_edit(t, &wc));
        }
    }
}

impl Matcher {
    pub fn new(q: &ParsedQuery) -> Matcher {
        let marks = q.typed_with_marks();
        let mut m = Matcher {
            numbers: q.numbers(),
            seq: q.words.iter().map(|w| QueryWord::new(w, marks)).collect(),
            phrases: q
                .phrases
                .iter()
                .map(|p| p.iter().map(|w| QueryWord::new(w, marks)).collect())
                .collect(),
            ..Matcher::default()
        };
        let mut at = 0;
        for g in word_groups(&q.words) {
            let (n, digits) = match g {
                Group::Word(_) => (1, None),
                Group::Number { words, digits } => (words.len(), Some(digits)),
            };
            m.groups.push(at..at + n);
            m.group_digits.push(digits);
            at += n;
        }
        let kw_words: Vec<String> = q
            .keywords
            .iter()
            .flat_map(|(_, v)| lower_words(v))
            .collect();
        let add = |terms: &mut BTreeSet<String>, fuzzy: &mut BTreeSet<String>, w: &str| {
            let f = fold(w);
            if f.chars().count() >= FUZZY_MIN_LETTERS && f.chars().all(char::is_alphabetic) {
                fuzzy.insert(f.clone());
            }
            if let Some(t) = telex_folded(w) {
                terms.insert(t);
            }
            terms.insert(f);
        };
        for w in q.words.iter().chain(&kw_words) {
            add(&mut m.terms, &mut m.fuzzy, w);
        }
        for w in &kw_words {
            add(&mut m.kw_terms, &mut m.kw_fuzzy, w);
        }
        m
    }

    /// How the query matched a page's text, and which of its words (in
    /// query order: loose words, then phrases) are on the page. Keyword
    /// terms (`ten:…`) were matched on the dossier's fields and do not
    /// lower the kind.
    pub fn classify(&self, text: &str) -> (MatchKind, Vec<String>) {
        let spans = word_spans(text);
        let page = PageWords::new(text, &spans);
        let ids: BTreeSet<String> = if self.group_digits.iter().any(Option::is_some) {
            identifier_spans(text).into_iter().map(|(_, d)| d).collect()
        } else {
            BTreeSet::new()
        };
        let mut kind = MatchKind::Exact;
        let mut matched = Vec::new();
        if !self.seq.is_empty() {
            let levels: Vec<Option<MatchKind>> = self
                .groups
                .iter()
                .zip(&self.group_digits)
                .map(|(idx, digits)| match digits {
                    Some(d) if ids.contains(d) => Some(MatchKind::Exact),
                    _ => {
                        // A group is a run of the query's words: no copies.
                        let words = &self.seq[idx.clone()];
                        if words.len() == 1 {
                            page.best_word(&words[0])
                        } else {
                            page.best_run(words, false)
                        }
                    }
                })
                .collect();
            for (idx, level) in self.groups.iter().zip(&levels) {
                if level.is_some() {
                    matched.extend(self.seq[idx.clone()].iter().map(|w| w.typed.clone()));
                }
            }
            let loose = if self.groups.len() == 1 {
                levels[0].unwrap_or(MatchKind::Partial)
            } else {
                let run = page.best_run(&self.seq, true);
                let all_words = levels
                    .iter()
                    .all(|l| l.is_some_and(|k| k <= MatchKind::Folded));
                match run {
                    Some(k) if k <= MatchKind::Folded => k,
                    _ if all_words => MatchKind::Words,
                    Some(_) => MatchKind::Fuzzy,
                    None if levels.iter().all(Option::is_some) => MatchKind::Fuzzy,
                    None => MatchKind::Partial,
                }
            };
            kind = kind.max(loose);
        }
        for p in &self.phrases {
            let k = match page.best_run(p, false) {
                Some(k) if k <= MatchKind::Folded => {
                    matched.extend(p.iter().map(|w| w.typed.clone()));
                    k
                }
                _ => MatchKind::Partial,
            };
            kind = kind.max(k);
        }
        (kind, matched)
    }

    /// For each word span of `text`, whether it is a match.
    pub fn marks(&self, text: &str, spans: &[(usize, usize)]) -> Vec<bool> {
        let page = PageWords::new(text, spans);
        let mut hit = vec![false; spans.len()];
        let mark_runs = |seq: &[QueryWord], hit: &mut [bool]| -> bool {
            // Together as typed or folded; failing that, with a slip.
            let mut runs = page.runs(seq, MatchKind::Folded, false);
            if runs.is_empty() {
                runs = page.runs(seq, MatchKind::Fuzzy, false);
            }
            for &j in &runs {
                hit[j..j + seq.len()].iter_mut().for_each(|h| *h = true);
            }
            !runs.is_empty()
        };
        let together = self.seq.len() > 1 && mark_runs(&self.seq, &mut hit);
        for p in &self.phrases {
            mark_runs(p, &mut hit);
        }
        if together {
            mark_terms(&page.folded, &self.kw_terms, &self.kw_fuzzy, &mut hit);
        } else {
            mark_terms(&page.folded, &self.terms, &self.fuzzy, &mut hit);
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
        // Decide on the page text (so fuzzy, together and number rules see
        // the whole page), then box the OCR words at the marked places.
        let spans = word_spans(&page.text);
        let marks = self.marks(&page.text, &spans);
        let folded: Vec<String> = spans.iter().map(|&(a, b)| fold(&page.text[a..b])).collect();
        // The OCR words' own tokens, in order, with the word each is in.
        let tokens: Vec<(usize, String)> = page
            .words
            .iter()
            .enumerate()
            .flat_map(|(i, w)| {
                word_spans(&w.text)
                    .into_iter()
                    .map(move |(a, b)| (i, fold(&w.text[a..b])))
            })
            .collect();
        let mut boxed = vec![false; page.words.len()];
        if tokens.len() == folded.len() && tokens.iter().zip(&folded).all(|((_, t), f)| t == f) {
            // The text is the words in order: box exactly the marked places.
            for ((i, _), m) in tokens.iter().zip(&marks) {
                boxed[*i] |= *m;
            }
        } else {
            // Text rebuilt otherwise (layout): box words of a marked form.
            let matched: BTreeSet<&String> = folded
                .iter()
                .zip(&marks)
                .filter(|(_, m)| **m)
                .map(|(f, _)| f)
                .collect();
            for (i, f) in &tokens {
                boxed[*i] |= matched.contains(f)
                    && (!f.chars().all(|c| c.is_ascii_digit())
                        || self.numbers.iter().any(|n| n.contains(f.as_str())));
            }
        }
        page.words
            .iter()
            .zip(boxed)
            .filter(|(_, b)| *b)
            .map(|(w, _)| w.bbox)
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

    fn kind(q: &str, text: &str) -> MatchKind {
        m(q).classify(text).0
    }

    #[test]
    fn classify_by_where_the_words_stand() {
        let page = "Ông Trần Văn Bảy, sinh năm 1948, thôn Đại Tự";
        assert_eq!(kind("Trần Văn Bảy", page), MatchKind::Exact);
        assert_eq!(kind("tran van bay", page), MatchKind::Exact);
        // Typed with marks, every word means its tones as typed.
        assert_eq!(kind("Trần van Bảy", page), MatchKind::Folded);
        assert_eq!(kind("Trấn Văn Bảy", page), MatchKind::Folded);
        assert_eq!(kind("Trần Bảy", page), MatchKind::Words);
        assert_eq!(kind("Bảy Trần", page), MatchKind::Words);
        assert_eq!(kind("tran van bayy", page), MatchKind::Fuzzy);
        assert_eq!(kind("Trần Văn Bảy 1949", page), MatchKind::Partial);
        assert_eq!(kind("Trần Văn Bảy 1948", page), MatchKind::Words);
        assert_eq!(kind("\"văn bảy\"", page), MatchKind::Exact);
        assert_eq!(kind("\"vân bảy\"", page), MatchKind::Folded);
        // Old and new tone placement are one spelling.
        assert_eq!(kind("Hoà Bình", "tỉnh Hòa Bình"), MatchKind::Exact);
        // A typed tone matters.
        assert_eq!(kind("Lê Thị Lan", "bà Lê Thị Lân"), MatchKind::Folded);
        // Single words: exact, folded or fuzzy; a number however grouped.
        assert_eq!(kind("Bảy", page), MatchKind::Exact);
        assert_eq!(kind("Bày", page), MatchKind::Folded);
        assert_eq!(kind("Thuận", "huyện Thuạn Thành"), MatchKind::Folded);
        assert_eq!(
            kind("027 048 001 234", "Số CCCD: 027048001234"),
            MatchKind::Exact
        );
        assert_eq!(kind("027048001234", "027 048 001 234"), MatchKind::Exact);
    }

    #[test]
    fn a_name_inside_a_longer_name_is_not_exact() {
        let page = "12 Lương Minh Hoài Minh 1960 027160001234\nÔng Lương Minh Hoài, sinh năm";
        assert_eq!(kind("Lương Minh Hoài", page), MatchKind::Exact); // the second line
        let list = "12 Lương Minh Hoài Minh 1960 027160001234";
        assert_eq!(kind("Lương Minh Hoài", list), MatchKind::Words);
        assert_eq!(kind("luong minh hoai", list), MatchKind::Words);
        assert_eq!(kind("Lương Minh Hoài Minh", list), MatchKind::Exact);
        assert_eq!(kind("Minh Hoài Minh", list), MatchKind::Words);
        assert_eq!(
            kind("Trần Văn Bảy", "Ông Trần Văn Bảy, sinh"),
            MatchKind::Exact
        );
        // Lower case after the name, or a comma: the name ends there.
        assert_eq!(
            kind("Trần Văn Bảy", "Ông Trần Văn Bảy sinh năm 1948"),
            MatchKind::Exact
        );
        assert_eq!(
            kind("Trần Văn Bảy", "Trần Văn Bảy, Nguyễn Thị Hoa"),
            MatchKind::Exact
        );
    }

    #[test]
    fn matched_words_in_query_order() {
        let (k, words) = m("Lê Thị Không Có").classify("Trần Thị Có, thôn Đông");
        assert_eq!(k, MatchKind::Partial);
        assert_eq!(words, ["thị", "có"]);
    }

    #[test]
    fn highlight_marks_the_phrase_not_every_syllable() {
        let text = "1 Hà Văn Thanh 2 Lê Thanh Hà 3 Hà Thanh Hương 4 Thanh Hương Lan";
        let s = snippet(text, &m("Hà Thanh Hương"));
        assert_eq!(s.matches("**").count(), 2, "{s}");
        assert!(s.contains("**Hà Thanh Hương**"), "{s}");
        // Scattered words are marked one by one.
        let s = snippet("Hà Văn Thanh, Lê Hương", &m("Hà Thanh Hương"));
        assert_eq!(s.matches("**").count(), 6, "{s}");
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
