//! Finding dossiers: free-text queries over the page documents, grouped
//! one result per dossier with its best page and a snippet.
//!
//! Officers type names with or without tone marks. Each query word is looked
//! up in both text fields, the exact field boosted, so "tran van bay" finds
//! "Trần Văn Bảy" and the exact spelling ranks first. Words standing next to
//! each other in the query score more where they stand together on the
//! page (names are 2–4 syllables). `"quoted phrases"` must match as phrases.

use crate::index::{compact_digits, identifier_spans, Index, KIND_DOSSIER, MIN_ID_DIGITS};
use crate::text::{fold, nfc, word_spans};
use crate::Result;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

/// Boost of a match on the exact (tone-marked) field over a folded match.
const EXACT_BOOST: f32 = 2.0;
/// Boost of the query's words found as a phrase.
const PHRASE_BOOST: f32 = 3.0;
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

/// A query taken apart: loose words and quoted phrases, each as raw NFC words.
#[derive(Debug, Default, PartialEq)]
pub struct ParsedQuery {
    pub words: Vec<String>,
    pub phrases: Vec<Vec<String>>,
}

impl ParsedQuery {
    /// Split on whitespace and punctuation (as the index does), keeping
    /// `"…"` groups as phrases. An unbalanced quote runs to the end.
    /// Control characters and anything past 1,000 characters are dropped.
    pub fn parse(query: &str) -> ParsedQuery {
        let cleaned: String = nfc(query)
            .chars()
            .take(MAX_QUERY_CHARS)
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let mut out = ParsedQuery::default();
        let mut total = 0;
        for (i, part) in cleaned.split('"').enumerate() {
            let words: Vec<String> = word_spans(part)
                .into_iter()
                .map(|(a, b)| part[a..b].to_lowercase())
                .take(MAX_QUERY_WORDS.saturating_sub(total))
                .collect();
            total += words.len();
            if i % 2 == 1 && words.len() > 1 {
                out.phrases.push(words);
            } else {
                out.words.extend(words);
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty()
    }

    /// Folded forms of every word, for snippets.
    fn folded_terms(&self) -> BTreeSet<String> {
        self.words
            .iter()
            .chain(self.phrases.iter().flatten())
            .map(|w| fold(w))
            .collect()
    }

    /// Numbers the query may mean, separators removed: each word's digits
    /// and all the loose words' digits together ("027 048 001 234").
    fn numbers(&self) -> BTreeSet<String> {
        let mut numbers: BTreeSet<String> = self.words.iter().map(|w| compact_digits(w)).collect();
        numbers.insert(compact_digits(&self.words.concat()));
        numbers.retain(|n| n.len() >= MIN_ID_DIGITS);
        numbers
    }
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

/// Exact or folded phrase (a single word is a term).
fn phrase_query(field: Field, words: &[String]) -> Box<dyn Query> {
    if words.len() == 1 {
        return term_query(field, &words[0]);
    }
    let terms = words
        .iter()
        .map(|w| Term::from_field_text(field, w))
        .collect();
    Box::new(PhraseQuery::new(terms))
}

/// `words` run through the analyzer of `field`, so query terms are exactly
/// the tokens indexing produced (lower-cased; folded for the folded field).
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

fn build_query(index: &Index, q: &ParsedQuery) -> Box<dyn Query> {
    let f = index.fields();
    let either = |ws: &[String]| -> Box<dyn Query> {
        let exact = analyze(index, f.text, ws);
        let folded = analyze(index, f.text_folded, ws);
        let mut clauses = Vec::new();
        if !exact.is_empty() {
            clauses.push((
                Occur::Should,
                boosted(phrase_query(f.text, &exact), EXACT_BOOST),
            ));
        }
        if !folded.is_empty() {
            clauses.push((Occur::Should, phrase_query(f.text_folded, &folded)));
        }
        Box::new(BooleanQuery::new(clauses))
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for w in &q.words {
        clauses.push((Occur::Should, either(std::slice::from_ref(w))));
    }
    if q.words.len() > 1 {
        clauses.push((Occur::Should, boosted(either(&q.words), PHRASE_BOOST)));
    }
    for p in &q.phrases {
        clauses.push((Occur::Must, either(p)));
    }
    // Numbers typed with or without separators match the compacted ones.
    for n in q.numbers() {
        clauses.push((Occur::Should, boosted(term_query(f.ids, &n), PHRASE_BOOST)));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Search the index: one hit per dossier, best first, skipping `offset`.
pub fn search(index: &Index, query: &str, limit: usize, offset: usize) -> Result<Vec<Hit>> {
    let parsed = ParsedQuery::parse(query);
    if parsed.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let f = *index.fields();
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let q = build_query(index, &parsed);
    let wanted = offset.saturating_add(limit);
    let total_docs = (searcher.num_docs() as usize).max(1);
    let mut fetch = wanted.saturating_mul(10).clamp(100, total_docs.max(100));
    let best = loop {
        let top = searcher.search(&q, &TopDocs::with_limit(fetch).order_by_score())?;
        let mut best: Vec<(f32, tantivy::DocAddress, String)> = Vec::new();
        let mut seen: HashMap<String, ()> = HashMap::new();
        for (score, addr) in &top {
            let doc: TantivyDocument = searcher.doc(*addr)?;
            let id = str_of(&doc, f.dossier);
            if seen.insert(id.clone(), ()).is_none() {
                best.push((*score, *addr, id));
            }
        }
        if best.len() >= wanted || top.len() < fetch || fetch >= total_docs {
            break best;
        }
        fetch = fetch.saturating_mul(4).min(total_docs);
    };
    let (terms, numbers) = (parsed.folded_terms(), parsed.numbers());
    best.into_iter()
        .skip(offset)
        .take(limit)
        .map(|(score, addr, dossier)| {
            let doc: TantivyDocument = searcher.doc(addr)?;
            Ok(Hit {
                dossier,
                path: str_of(&doc, f.path),
                score,
                page: doc.get_first(f.page).and_then(|v| v.as_u64()).unwrap_or(1),
                file: str_of(&doc, f.file),
                file_page: doc
                    .get_first(f.file_page)
                    .and_then(|v| v.as_u64())
                    .unwrap_or(1),
                snippet: snippet(&str_of(&doc, f.text), &terms, &numbers),
            })
        })
        .collect()
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

/// A window of `text` around the densest cluster of query words, with each
/// matched word wrapped in `**`. Matching is on folded forms, so "tran"
/// marks "Trần"; a number matches however its digits are grouped.
pub fn snippet(text: &str, folded_terms: &BTreeSet<String>, numbers: &BTreeSet<String>) -> String {
    let spans = word_spans(text);
    if spans.is_empty() {
        return String::new();
    }
    let folded: Vec<String> = spans.iter().map(|&(a, b)| fold(&text[a..b])).collect();
    let mut hit: Vec<bool> = folded.iter().map(|w| folded_terms.contains(w)).collect();
    for (range, digits) in identifier_spans(text) {
        if numbers.contains(&digits) {
            for (i, &(a, b)) in spans.iter().enumerate() {
                hit[i] |= a >= range.start && b <= range.end;
            }
        }
    }
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

    #[test]
    fn parse_splits_words_and_phrases() {
        let q = ParsedQuery::parse("Trần \"văn bảy\" 245/QĐ");
        assert_eq!(q.words, vec!["trần", "245", "qđ"]);
        assert_eq!(q.phrases, vec![vec!["văn".to_string(), "bảy".to_string()]]);
    }

    #[test]
    fn parse_survives_bad_input() {
        assert!(ParsedQuery::parse("").is_empty());
        assert!(ParsedQuery::parse("-").is_empty());
        assert!(ParsedQuery::parse("\"").is_empty());
        let q = ParsedQuery::parse("\"tran van");
        assert_eq!(q.phrases, vec![vec!["tran".to_string(), "van".to_string()]]);
        let q = ParsedQuery::parse("a\u{0}b\u{7}c");
        assert_eq!(q.words, vec!["a", "b", "c"]);
        let long = "nguyen ".repeat(10_000);
        assert_eq!(ParsedQuery::parse(&long).words.len(), MAX_QUERY_WORDS);
    }

    #[test]
    fn snippet_marks_folded_matches() {
        let text = "QUYẾT ĐỊNH\nVề việc trợ cấp hàng tháng đối với ông Trần Văn Bảy, sinh năm 1948";
        let terms: BTreeSet<String> = ["tran", "bay"].iter().map(|s| s.to_string()).collect();
        let s = snippet(text, &terms, &BTreeSet::new());
        assert!(s.contains("**Trần** Văn **Bảy**"), "{s}");
        let terms: BTreeSet<String> = ["tran", "van", "bay"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(snippet(text, &terms, &BTreeSet::new()).contains("ông **Trần Văn Bảy**,"));
        assert!(!s.contains('\n'));
    }

    #[test]
    fn snippet_of_long_text_is_a_window() {
        let text = format!("{} Trần Văn Bảy {}", "a ".repeat(200), "b ".repeat(200));
        let terms: BTreeSet<String> = ["tran"].iter().map(|s| s.to_string()).collect();
        let s = snippet(&text, &terms, &BTreeSet::new());
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("**Trần**"));
        assert_eq!(word_spans(&s).len(), SNIPPET_WORDS);
    }

    #[test]
    fn snippet_marks_numbers_however_grouped() {
        let text = "Họ và tên: Trần Văn Bảy\nSố CCCD: 027 048 001 234\nĐT: 0912345678";
        let q = ParsedQuery::parse("027048001234");
        let s = snippet(text, &q.folded_terms(), &q.numbers());
        assert!(s.contains("**027 048 001 234**"), "{s}");
        let q = ParsedQuery::parse("0912 345 678");
        let s = snippet(text, &q.folded_terms(), &q.numbers());
        assert!(s.contains("**0912345678**"), "{s}");
    }
}
