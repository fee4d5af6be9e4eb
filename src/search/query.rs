//! The tantivy query of a [`ParsedQuery`](super::ParsedQuery), one tier
//! ([`Mode`]) at a time: each word a group of alternatives (exact field,
//! folded, fuzzy, Telex), words together and in order scoring more, fields
//! and filters as required clauses.

use super::parse::{doc_type_slug, lower_words, telex_folded, word_groups, Group, ParsedQuery};
use super::{MatchKind, Request, FUZZY_MIN_LETTERS};
use crate::index::{compact_digits, keyword_value, Index, KIND_PAGE, MIN_ID_DIGITS};
use std::collections::BTreeSet;
use std::ops::Bound;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, PhraseQuery, Query,
    RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

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
pub(super) enum Mode {
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
    pub(super) fn kind(self) -> MatchKind {
        match self {
            Mode::Exact => MatchKind::Exact,
            Mode::Folded => MatchKind::Folded,
            Mode::Words => MatchKind::Words,
            Mode::Fuzzy => MatchKind::Fuzzy,
            Mode::Partial => MatchKind::Partial,
        }
    }
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
pub(super) fn build_query(
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
