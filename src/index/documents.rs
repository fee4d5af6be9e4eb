//! What the index holds of one dossier: a document per page and a summary
//! document carrying the stored analysis, built from the store's records and
//! the staff corrections alone, and the digest that says when they are stale.

use super::terms::{
    dossier_doc_type, dossier_key, dossier_year, folded_bigrams, fonds_of, identifier_tokens,
    keyword_term,
};
use super::{Fields, EXTRACTION_VERSION, KIND_DOSSIER, KIND_PAGE, SCHEMA_VERSION};
use crate::corrections::Corrections;
use crate::extract;
use crate::store::{DossierMeta, PageRecord};
use tantivy::TantivyDocument;

/// Fingerprint of what a dossier's documents are built from: its path, and
/// each record's file, page, content and engine, the staff corrections, plus
/// the schema and extraction versions.
pub fn dossier_digest(
    meta: &DossierMeta,
    pages: &[PageRecord],
    corrections: &Corrections,
) -> String {
    let mut h = blake3::Hasher::new();
    // "d2": the digest covers what is indexed (text, word boxes, confidence),
    // not only which file and engine a record came from, so a record edited
    // in place is found stale and indexed again.
    h.update(
        format!(
            "d2\0{SCHEMA_VERSION}\0{EXTRACTION_VERSION}\0{}\0{}\0{}\0",
            meta.dossier,
            meta.path,
            corrections.digest()
        )
        .as_bytes(),
    );
    for p in pages {
        let line = format!(
            "{}\0{}\0{}\0{}\0{}\0{}\0{}\0{}\0{}\0",
            p.file,
            p.page_in_file,
            p.content_hash,
            p.engine.version,
            p.engine.psm,
            p.format,
            p.mean_confidence,
            p.blank,
            p.text.len()
        );
        h.update(line.as_bytes());
        h.update(p.text.as_bytes());
        h.update(&serde_json::to_vec(&p.words).expect("words serialise"));
        h.update(b"\n");
    }
    h.finalize().to_hex()[..32].to_string()
}

/// The tantivy documents of one dossier: one per page and one summary.
/// Pure (no writer), so a rebuild can make them on every core.
pub(super) fn dossier_documents(
    f: &Fields,
    meta: &DossierMeta,
    pages: &[PageRecord],
    corrections: &Corrections,
) -> Vec<TantivyDocument> {
    let mut docs = Vec::with_capacity(pages.len() + 1);
    // The one analysis of the dossier (with word boxes: list rows Tesseract
    // read column by column are rebuilt), with staff corrections on top,
    // stored below for every front-end.
    let mut analysis = extract::analyse(pages);
    crate::corrections::apply(&mut analysis, corrections, |starts| {
        extract::documents_starting_at(pages, starts)
    });
    let fields = &analysis.fields;
    let doc_type = dossier_doc_type(fields);
    let year = dossier_year(fields);
    let key = dossier_key(&meta.dossier);
    let fonds = fonds_of(&meta.dossier);
    let mut keywords: Vec<String> = fields
        .iter()
        .flat_map(|(k, vs)| vs.iter().filter_map(move |v| keyword_term(k, v)))
        .collect();
    // A suggested reading of a doubtful value is searchable too: "Tuấn"
    // finds the page OCR read as "Tuần" (the hit says how it matched).
    keywords.extend(analysis.checks.iter().filter_map(|c| {
        let s = c.suggested.as_deref()?;
        keyword_term(&c.key, &serde_json::Value::from(s))
    }));
    keywords.sort();
    keywords.dedup();
    let new_names: String = analysis
        .addresses_now
        .iter()
        .flat_map(|a| a.new_names.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("\n");
    for (i, page) in pages.iter().enumerate() {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, KIND_PAGE);
        doc.add_text(f.dossier, &meta.dossier);
        doc.add_text(f.path, &meta.path);
        doc.add_u64(f.page, i as u64 + 1);
        doc.add_text(f.file, &page.file);
        doc.add_u64(f.file_page, page.page_in_file as u64 + 1);
        doc.add_text(f.text, &page.text);
        doc.add_text(f.text_folded, &page.text);
        doc.add_text(f.bigrams, folded_bigrams(&page.text).join(" "));
        if i == 0 && !new_names.is_empty() {
            // Today's commune and province of an old address, searchable
            // (not stored: the page text stays as read).
            doc.add_text(f.text_folded, &new_names);
            doc.add_text(f.bigrams, folded_bigrams(&new_names).join(" "));
        }
        doc.add_f64(f.confidence, page.mean_confidence as f64);
        doc.add_text(f.doc_type, &doc_type);
        for id in identifier_tokens(&page.text) {
            doc.add_text(f.ids, id);
        }
        doc.add_u64(f.dossier_key, key);
        doc.add_text(f.fonds, fonds);
        if let Some(y) = year {
            doc.add_i64(f.year, y);
        }
        for k in &keywords {
            doc.add_text(f.kw, k);
        }
        docs.push(doc);
    }
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, KIND_DOSSIER);
    doc.add_text(f.dossier, &meta.dossier);
    doc.add_text(f.path, &meta.path);
    doc.add_u64(f.pages, pages.len() as u64);
    doc.add_text(f.doc_type, &doc_type);
    doc.add_text(
        f.analysis,
        serde_json::to_string(&analysis).expect("analysis serialises"),
    );
    doc.add_text(f.digest, dossier_digest(meta, pages, corrections));
    doc.add_u64(f.dossier_key, key);
    doc.add_text(f.fonds, fonds);
    if let Some(y) = year {
        doc.add_i64(f.year, y);
    }
    docs.push(doc);
    docs
}
