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
//!
//! The query is taken apart in `parse`, made a tantivy query per tier in
//! `query`, grouped by dossier in `collect`; `matcher` says how each hit's
//! page matched and which of its words to mark.

use crate::index::{Index, KIND_DOSSIER};
use crate::store::PageRecord;
use crate::Result;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

mod collect;
mod matcher;
mod parse;
mod query;

use collect::{DossierCollector, Group_, KeyMap};
pub use matcher::{snippet, MatchKind, Matcher};
pub use parse::{doc_type_slug, parse_years, telex_folded, ParsedQuery};
use query::{build_query, Mode};

/// Shortest folded syllable matched fuzzily, in letters.
const FUZZY_MIN_LETTERS: usize = 4;

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
