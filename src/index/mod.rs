//! The tantivy index: a derived, rebuildable view of the page store.
//!
//! Every page is one document, so a hit names the page it came from; every
//! dossier also has one summary document (path, page count, extracted
//! fields) that `list` and the result rows read. Page text is indexed twice:
//! `text` (NFC, lower-cased, stored) for exact tone marks and `text_folded`
//! (also ASCII-folded: đ→d, ễ→e) for queries typed without them. The exact
//! field also puts tone marks of the open syllables -oa, -oe, -uy in one
//! place ("hoà" and "hòa" are one token, see [`canonical_tones`]). Every
//! extracted field is also an exact keyword (`kw`, "key:value" terms) on each
//! page document of its dossier, and the dossier's type and signing year are
//! fast fields there, so filters, facets and grouping by dossier never load
//! stored documents. Nothing here is authoritative: [`rebuild`] recreates it
//! from the store alone.

//!
//! `mod.rs` has the schema, the marker naming the current generation, and
//! opening, reading and writing; `terms.rs` the terms shared with `search`;
//! `tone_filter.rs` the exact field's token filter; `documents.rs` the
//! documents of one dossier and their digest; `rebuild.rs` the rebuild from
//! the store; `lock.rs` the folder's write lock.

mod documents;
mod lock;
mod rebuild;
mod terms;
mod tone_filter;

pub use documents::dossier_digest;
use documents::dossier_documents;
pub use lock::IndexLock;
pub use rebuild::{open_or_rebuild, rebuild, Opened, Rebuilt};
pub use terms::{
    bigram, compact_digits, dossier_doc_type, dossier_key, dossier_year, folded_bigrams,
    folded_words, fonds_of, identifier_spans, identifier_tokens, keyword_term, keyword_value,
    MIN_ID_DIGITS,
};
pub use tone_filter::{canonical_tones, ToneNormaliser};

use crate::corrections::Corrections;
use crate::extract;
use crate::folder::IndexFolder;
use crate::store::{DossierMeta, PageRecord, Store};
use crate::{Error, Result};
use std::path::{Path, PathBuf};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// Version of the schema below. An index written with another version is
/// refused with a message to run `sohoa reindex`. 5: the `fonds` field
/// (accounts limited to some fonds are limited inside the query).
pub const SCHEMA_VERSION: u32 = 5;

/// Version of what extraction makes of a dossier's records. It is part of
/// every dossier's digest, so bumping it when `extract` changes its output
/// makes the next `ingest` analyse and index every dossier again (from the
/// store, without OCR).
pub const EXTRACTION_VERSION: u32 = 7;

/// Tokenizer for the exact field: words, lower-cased, marks kept.
pub const EXACT_TOKENIZER: &str = "vi_exact";
/// Tokenizer for the folded field: words, lower-cased, marks removed.
pub const FOLDED_TOKENIZER: &str = "vi_folded";

/// Tokenizer of the bigram field: its value is already the terms, spaced.
pub const BIGRAM_TOKENIZER: &str = "vi_bigram";

/// Document kinds.
pub const KIND_PAGE: &str = "page";
pub const KIND_DOSSIER: &str = "dossier";

/// Memory budget of the single index writer.
const WRITER_MEMORY: usize = 100_000_000;

/// Field handles of the schema, owned in one place.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub kind: Field,
    pub dossier: Field,
    pub path: Field,
    /// 1-based page number within the dossier (page documents).
    pub page: Field,
    pub file: Field,
    /// 1-based page within a multi-page file (page documents).
    pub file_page: Field,
    pub text: Field,
    pub text_folded: Field,
    pub confidence: Field,
    pub doc_type: Field,
    /// Page count (dossier documents).
    pub pages: Field,
    /// The dossier's [`extract::Analysis`] as JSON (dossier documents):
    /// fields, people and checks, made once when the dossier is indexed and
    /// read back by every front-end ([`crate::folder::Reader`]).
    pub analysis: Field,
    /// What the dossier document was built from (dossier documents): equal
    /// digests mean the index is already up to date for that dossier.
    pub digest: Field,
    /// Digit runs of the page with their spaces, dots and dashes removed
    /// ("027 048 001 234" → "027048001234"), so numbers typed either way match.
    pub ids: Field,
    /// 64-bit key of the dossier id (fast field): groups hits by dossier
    /// across segments without reading stored documents.
    pub dossier_key: Field,
    /// Year of the dossier's signing date (fast, indexed; absent when unknown).
    pub year: Field,
    /// Extracted fields as exact keywords, "key:normalised value"
    /// ([`keyword_term`]), on every page document of the dossier.
    pub kw: Field,
    /// Neighbouring folded words as one term ("dinh_dieu dieu_dong"): a
    /// name's syllable pairs are rare even when each syllable is everywhere,
    /// so a query's words standing together are found without walking the
    /// posting lists of its common syllables ([`folded_bigrams`]).
    pub bigrams: Field,
    /// The dossier's fonds (phông: the first component of its id,
    /// [`fonds_of`]) as one keyword, on every document: a `serve` account
    /// limited to some fonds searches with a term filter on it.
    pub fonds: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text_options = |tokenizer: &str, stored: bool| {
        let opts = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored {
            opts.set_stored()
        } else {
            opts
        }
    };
    let fields = Fields {
        kind: b.add_text_field("kind", STRING | STORED),
        dossier: b.add_text_field("dossier", STRING | STORED | FAST),
        path: b.add_text_field("path", STORED),
        page: b.add_u64_field("page", STORED),
        file: b.add_text_field("file", STORED),
        file_page: b.add_u64_field("file_page", STORED),
        text: b.add_text_field("text", text_options(EXACT_TOKENIZER, true)),
        text_folded: b.add_text_field("text_folded", text_options(FOLDED_TOKENIZER, false)),
        confidence: b.add_f64_field("confidence", STORED),
        doc_type: b.add_text_field("doc_type", STRING | STORED | FAST),
        pages: b.add_u64_field("pages", STORED | INDEXED),
        analysis: b.add_text_field("analysis", STORED),
        ids: b.add_text_field("ids", STRING),
        digest: b.add_text_field("digest", STORED),
        dossier_key: b.add_u64_field("dossier_key", FAST),
        year: b.add_i64_field("year", INDEXED | FAST | STORED),
        kw: b.add_text_field("kw", STRING),
        bigrams: b.add_text_field(
            "bigrams",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(BIGRAM_TOKENIZER)
                    .set_index_option(IndexRecordOption::WithFreqs),
            ),
        ),
        fonds: b.add_text_field("fonds", STRING),
    };
    (b.build(), fields)
}

fn register_tokenizers(index: &tantivy::Index) {
    let exact = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(64))
        .filter(LowerCaser)
        .filter(ToneNormaliser)
        .build();
    let folded = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(64))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    index.tokenizers().register(EXACT_TOKENIZER, exact);
    index.tokenizers().register(FOLDED_TOKENIZER, folded);
    index.tokenizers().register(
        BIGRAM_TOKENIZER,
        tantivy::tokenizer::WhitespaceTokenizer::default(),
    );
}

/// An open index folder: the tantivy index plus the page store beside it.
pub struct Index {
    dir: PathBuf,
    index: tantivy::Index,
    fields: Fields,
}

/// `sohoa-index.json`: which tantivy folder is current, and its schema.
/// Replaced atomically, so a reader always finds a complete index.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Marker {
    schema_version: u32,
    /// Folder of the current tantivy index, inside the index folder.
    #[serde(default = "default_tantivy_dir")]
    tantivy: String,
}

fn default_tantivy_dir() -> String {
    "tantivy".into()
}

fn read_marker(dir: &Path) -> Result<Option<Marker>> {
    let path = IndexFolder::new(dir).marker();
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|source| Error::Record { path, source }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

fn write_marker(dir: &Path, tantivy: &str) -> Result<()> {
    let marker = Marker {
        schema_version: SCHEMA_VERSION,
        tantivy: tantivy.into(),
    };
    let mut bytes = serde_json::to_vec_pretty(&marker).expect("marker serialises");
    bytes.push(b'\n');
    crate::store::write_atomic(&IndexFolder::new(dir).marker(), &bytes)
}

/// A new, empty tantivy index in `dir/name` (replacing any leftover there).
fn create_tantivy(dir: &Path, name: &str) -> Result<()> {
    let tdir = IndexFolder::new(dir).tantivy(name);
    if tdir.exists() {
        std::fs::remove_dir_all(&tdir).map_err(|e| Error::io(&tdir, e))?;
    }
    std::fs::create_dir_all(&tdir).map_err(|e| Error::io(&tdir, e))?;
    let (schema, _) = schema();
    tantivy::Index::create_in_dir(&tdir, schema).map_err(|e| Error::Index {
        path: tdir.clone(),
        reason: e.to_string(),
    })?;
    Ok(())
}

impl Index {
    /// Open the index in `dir`, creating folder, store and index if absent.
    /// The caller must hold the [`IndexLock`] when it may create.
    pub fn create_or_open(dir: &Path) -> Result<Index> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        Store::create(dir)?;
        if read_marker(dir)?.is_none() {
            let first = IndexFolder::generation_name(1);
            create_tantivy(dir, &first)?;
            write_marker(dir, &first)?;
        }
        Self::open(dir)
    }

    /// True when `dir` holds an index this build cannot read as it is (older
    /// schema); `sohoa reindex` fixes that.
    pub fn needs_reindex(dir: &Path) -> Result<bool> {
        Ok(read_marker(dir)?.is_some_and(|m| m.schema_version != SCHEMA_VERSION))
    }

    /// The tantivy folder the marker of `dir` names now: it changes when
    /// `reindex` switches to a rebuilt index, so a long-running reader
    /// (`serve`) knows to open it again.
    pub fn current_generation(dir: &Path) -> Result<Option<String>> {
        Ok(read_marker(dir)?.map(|m| m.tantivy))
    }

    /// Open an existing index; a missing or incompatible one is an error.
    pub fn open(dir: &Path) -> Result<Index> {
        let Some(marker) = read_marker(dir)? else {
            return Err(Error::Index {
                path: dir.to_path_buf(),
                reason: "no sohoa index here; run `sohoa ingest <DIR> --index <this folder>` first"
                    .into(),
            });
        };
        if marker.schema_version != SCHEMA_VERSION {
            return Err(Error::Index {
                path: dir.to_path_buf(),
                reason: format!(
                    "index schema version {} but this sohoa uses {}; run `sohoa reindex --index {}` \
                     (or `ingest --reindex-if-needed`)",
                    marker.schema_version,
                    SCHEMA_VERSION,
                    dir.display()
                ),
            });
        }
        Self::open_tantivy(dir, &marker.tantivy)
    }

    /// Open the tantivy folder `name` of `dir` with this build's schema.
    fn open_tantivy(dir: &Path, name: &str) -> Result<Index> {
        let tdir = IndexFolder::new(dir).tantivy(name);
        let damaged = |reason: String| Error::Damaged {
            path: tdir.clone(),
            reason,
        };
        // Tolerant: readable in a folder that may not be written (snapshots).
        let directory =
            crate::readonly::Tolerant::open(&tdir).map_err(|e| damaged(e.to_string()))?;
        let index = tantivy::Index::open(directory).map_err(|e| damaged(e.to_string()))?;
        let (expected, fields) = schema();
        // Field handles are positions in the schema: an index written with
        // another schema (a version bump forgotten) must not be read with ours.
        if index.schema() != expected {
            return Err(Error::Index {
                path: dir.to_path_buf(),
                reason: format!(
                    "index fields differ from this sohoa's; run `sohoa reindex --index {}`",
                    dir.display()
                ),
            });
        }
        register_tokenizers(&index);
        Ok(Index {
            dir: dir.to_path_buf(),
            index,
            fields,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    pub fn tantivy(&self) -> &tantivy::Index {
        &self.index
    }

    /// The store beside this index.
    pub fn store(&self) -> Result<Store> {
        Store::open(&self.dir)
    }

    /// A reader that sees the last commit.
    pub fn reader(&self) -> Result<IndexReader> {
        Ok(self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?)
    }

    /// The one writer of this index. Fails fast when another process holds it.
    pub fn writer(&self) -> Result<Writer> {
        self.writer_with_threads(1)
    }

    /// A writer with one indexing thread per core, for building a whole
    /// index at once (`reindex`).
    pub fn bulk_writer(&self) -> Result<Writer> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        self.writer_with_threads(cores.min(4))
    }

    fn writer_with_threads(&self, threads: usize) -> Result<Writer> {
        let writer = self
            .index
            .writer_with_num_threads(threads, WRITER_MEMORY)
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => Error::Busy {
                    path: self.dir.clone(),
                    reason: "another sohoa ingest or reindex is writing to this index; \
                             wait for it to finish"
                        .into(),
                },
                e => Error::Tantivy(e),
            })?;
        Ok(Writer {
            writer,
            fields: self.fields,
            folder: IndexFolder::new(&self.dir),
        })
    }
}

/// Adds and replaces dossiers; changes become visible at [`Writer::commit`].
pub struct Writer {
    writer: IndexWriter,
    fields: Fields,
    folder: IndexFolder,
}

impl Writer {
    /// Replace everything indexed for this dossier with documents built from
    /// its store records and the staff corrections kept for it.
    pub fn put_dossier(&mut self, meta: &DossierMeta, pages: &[PageRecord]) -> Result<()> {
        self.delete_dossier(&meta.dossier);
        let corrections = self.corrections(&meta.dossier);
        for doc in dossier_documents(&self.fields, meta, pages, &corrections) {
            self.writer.add_document(doc)?;
        }
        Ok(())
    }

    /// The corrections [`Writer::put_dossier`] applies to a dossier (with
    /// [`dossier_digest`], whether the indexed documents are current).
    pub fn corrections(&self, dossier: &str) -> Corrections {
        Corrections::for_indexing(&self.folder, dossier)
    }

    /// Remove every document of a dossier.
    pub fn delete_dossier(&mut self, id: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.dossier, id));
    }

    /// Remove every document.
    pub fn clear(&mut self) -> Result<()> {
        self.writer.delete_all_documents()?;
        Ok(())
    }

    /// Make everything added so far durable and visible.
    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit()?;
        Ok(())
    }

    /// Commit, then wait for tantivy's background segment merges to end
    /// (bulk builds such as the search benchmark, measured once settled).
    pub fn finish(mut self) -> Result<()> {
        self.writer.commit()?;
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}

impl Index {
    /// Every stored document of one kind ([`KIND_PAGE`] or [`KIND_DOSSIER`])
    /// as of the last commit.
    pub fn documents(&self, kind: &str) -> Result<Vec<TantivyDocument>> {
        self.documents_in(&self.reader()?.searcher(), kind)
    }

    /// [`Index::documents`] as `searcher` sees the index.
    pub fn documents_in(
        &self,
        searcher: &tantivy::Searcher,
        kind: &str,
    ) -> Result<Vec<TantivyDocument>> {
        let q = tantivy::query::TermQuery::new(
            Term::from_field_text(self.fields.kind, kind),
            IndexRecordOption::Basic,
        );
        searcher
            .search(&q, &tantivy::collector::DocSetCollector)?
            .into_iter()
            .map(|addr| Ok(searcher.doc(addr)?))
            .collect()
    }

    /// Damage in the current tantivy generation (files whose checksum is
    /// wrong, segments that cannot be read), or None when it reads whole.
    /// Reads every index file: for `verify`, not for every search.
    pub fn damage(&self) -> Option<String> {
        match self.index.validate_checksum() {
            Ok(bad) if bad.is_empty() => {}
            Ok(bad) => {
                let mut names: Vec<String> = bad.iter().map(|p| p.display().to_string()).collect();
                names.sort();
                return Some(format!(
                    "files failing their checksum: {}",
                    names.join(", ")
                ));
            }
            Err(e) => return Some(e.to_string()),
        }
        match self.documents(KIND_DOSSIER) {
            Ok(_) => None,
            Err(e) => Some(e.to_string()),
        }
    }

    /// Digest of every dossier document in the index, by dossier id.
    /// The stored analysis of one dossier, None when it is not indexed.
    pub fn analysis(
        &self,
        searcher: &tantivy::Searcher,
        id: &str,
    ) -> Result<Option<extract::Analysis>> {
        use tantivy::query::{BooleanQuery, Occur, TermQuery};
        let term = |field, text: &str| -> Box<dyn tantivy::query::Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::Basic,
            ))
        };
        let q = BooleanQuery::new(vec![
            (Occur::Must, term(self.fields.kind, KIND_DOSSIER)),
            (Occur::Must, term(self.fields.dossier, id)),
        ]);
        let found = searcher.search(&q, &tantivy::collector::DocSetCollector)?;
        match found.into_iter().next() {
            Some(addr) => self.analysis_of(&searcher.doc(addr)?).map(Some),
            None => Ok(None),
        }
    }

    /// The stored analysis of every indexed dossier, by id.
    pub fn analyses(
        &self,
        searcher: &tantivy::Searcher,
    ) -> Result<std::collections::HashMap<String, extract::Analysis>> {
        let mut out = std::collections::HashMap::new();
        for doc in self.documents_in(searcher, KIND_DOSSIER)? {
            let id = doc
                .get_first(self.fields.dossier)
                .and_then(|v| tantivy::schema::Value::as_str(&v).map(str::to_string));
            if let Some(id) = id {
                out.insert(id, self.analysis_of(&doc)?);
            }
        }
        Ok(out)
    }

    /// The analysis stored in a dossier document.
    pub fn analysis_of(&self, doc: &TantivyDocument) -> Result<extract::Analysis> {
        let json = doc
            .get_first(self.fields.analysis)
            .and_then(|v| tantivy::schema::Value::as_str(&v))
            .unwrap_or_default();
        serde_json::from_str(json).map_err(|e| Error::Damaged {
            path: self.dir.clone(),
            reason: format!("a dossier's stored analysis does not read: {e}"),
        })
    }

    pub fn digests(&self) -> Result<std::collections::HashMap<String, String>> {
        let f = self.fields;
        let mut out = std::collections::HashMap::new();
        for doc in self.documents(KIND_DOSSIER)? {
            let get = |field| {
                doc.get_first(field)
                    .and_then(|v| tantivy::schema::Value::as_str(&v).map(str::to_string))
            };
            if let (Some(id), Some(digest)) = (get(f.dossier), get(f.digest)) {
                out.insert(id, digest);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_tokenizer_folds_tone_placement_only() {
        let tmp = tempfile::tempdir().unwrap();
        let idx = Index::create_or_open(tmp.path()).unwrap();
        let mut an = idx.tantivy().tokenizers().get(EXACT_TOKENIZER).unwrap();
        let mut toks = Vec::new();
        let mut s = an.token_stream("Hoà Bình, THUỶ và Hòa");
        while s.advance() {
            toks.push(s.token().text.clone());
        }
        assert_eq!(toks, vec!["hòa", "bình", "thủy", "và", "hòa"]);
    }
}
