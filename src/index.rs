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
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
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

/// One place for the tone mark of the open syllables -oa, -oe and -uy:
/// the old style puts it on the last vowel (hoà, khoẻ, thuỷ), the new style
/// on the one before (hòa, khỏe, thủy). Both become the new style, so the
/// exact field treats them as one word; "quý" (qu + y) and closed syllables
/// (hoàng, khuyến), where both styles agree, are left alone. Lower-case NFC
/// in and out.
pub fn canonical_tones(word: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    if word.is_ascii() {
        return word.into();
    }
    let nfd: Vec<char> = word.nfd().collect();
    // Base letters with their non-tone marks, and the tone (if any) and the
    // index of the base letter it sits on.
    let mut bases: Vec<(char, Vec<char>)> = Vec::new();
    let mut tone: Option<(char, usize)> = None;
    for &c in &nfd {
        if TONES.contains(&c) {
            if bases.is_empty() || tone.is_some() {
                return word.into();
            }
            tone = Some((c, bases.len() - 1));
        } else if unicode_normalization::char::is_combining_mark(c) {
            match bases.last_mut() {
                Some(b) => b.1.push(c),
                None => return word.into(),
            }
        } else {
            bases.push((c, Vec::new()));
        }
    }
    let Some((mark, at)) = tone else {
        return word.into();
    };
    let n = bases.len();
    if n < 2 || at != n - 1 {
        return word.into();
    }
    let (a, b) = (&bases[n - 2], &bases[n - 1]);
    let plain = a.1.is_empty() && b.1.is_empty();
    let pair = matches!((a.0, b.0), ('o', 'a') | ('o', 'e') | ('u', 'y'));
    let after_q = a.0 == 'u' && n >= 3 && bases[n - 3].0 == 'q';
    if !plain || !pair || after_q {
        return word.into();
    }
    let mut out = String::with_capacity(word.len());
    for (i, (c, marks)) in bases.iter().enumerate() {
        out.push(*c);
        out.extend(marks.iter());
        if i == n - 2 {
            out.push(mark);
        }
    }
    out.nfc().collect::<String>().into()
}

/// Token filter applying [`canonical_tones`] (after lower-casing).
#[derive(Clone)]
pub struct ToneNormaliser;

impl TokenFilter for ToneNormaliser {
    type Tokenizer<T: Tokenizer> = ToneNormaliserFilter<T>;
    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        ToneNormaliserFilter(tokenizer)
    }
}

#[derive(Clone)]
pub struct ToneNormaliserFilter<T>(T);

impl<T: Tokenizer> Tokenizer for ToneNormaliserFilter<T> {
    type TokenStream<'a> = ToneNormaliserStream<T::TokenStream<'a>>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ToneNormaliserStream(self.0.token_stream(text))
    }
}

pub struct ToneNormaliserStream<T>(T);

impl<T: TokenStream> TokenStream for ToneNormaliserStream<T> {
    fn advance(&mut self) -> bool {
        if !self.0.advance() {
            return false;
        }
        let text = &mut self.0.token_mut().text;
        if let std::borrow::Cow::Owned(s) = canonical_tones(text) {
            *text = s;
        }
        true
    }
    fn token(&self) -> &Token {
        self.0.token()
    }
    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
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

/// The tantivy documents of one dossier: one per page and one summary.
/// Pure (no writer), so a rebuild can make them on every core.
fn dossier_documents(
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

/// Rebuild the whole index from the store, without OCR or source access,
/// into a new tantivy folder, then switch the marker to it atomically: until
/// that moment searches (and `serve`) keep using the old index, which is
/// then removed. Works whatever state the old index is in (another schema
/// version, damaged, missing). The caller must hold the [`IndexLock`].
/// Store files that cannot be read are skipped and returned.
pub fn rebuild(dir: &Path) -> Result<Rebuilt> {
    let store = Store::open(dir)?;
    let old = read_marker(dir).ok().flatten().map(|m| m.tantivy);
    let generation = old
        .as_deref()
        .and_then(IndexFolder::generation_number)
        .unwrap_or(0)
        + 1;
    let name = IndexFolder::generation_name(generation);
    create_tantivy(dir, &name)?;
    let index = Index::open_tantivy(dir, &name)?;
    let mut writer = index.bulk_writer()?;
    // Reading records, extracting fields and building documents is most of
    // the work: done on every core, each dossier independently.
    let pages = std::sync::atomic::AtomicUsize::new(0);
    let fields = writer.fields;
    let folder = IndexFolder::new(dir);
    let tantivy_writer = &writer.writer;
    let (metas, mut skipped) = store.dossiers_checked()?;
    let dossiers = metas.len();
    {
        use rayon::prelude::*;
        let bad: Vec<Vec<crate::store::Unreadable>> = metas
            .par_iter()
            .map(|meta| -> Result<Vec<crate::store::Unreadable>> {
                let checked = store.read_dossier_checked(&meta.dossier)?;
                if let Some(meta) = &checked.meta {
                    pages.fetch_add(checked.records.len(), std::sync::atomic::Ordering::Relaxed);
                    let corrections = Corrections::for_indexing(&folder, &meta.dossier);
                    for doc in dossier_documents(&fields, meta, &checked.records, &corrections) {
                        tantivy_writer.add_document(doc)?;
                    }
                }
                Ok(checked.unreadable)
            })
            .collect::<Result<_>>()?;
        skipped.extend(bad.into_iter().flatten());
    }
    writer.commit()?;
    drop(writer);
    let pages = pages.into_inner();
    write_marker(dir, &name)?;
    if let Some(old) = old.filter(|o| *o != name) {
        // Readers that still have the old files open keep them until they close.
        let _ = std::fs::remove_dir_all(IndexFolder::new(dir).tantivy(&old));
    }
    Ok(Rebuilt {
        dossiers,
        pages,
        skipped,
    })
}

/// Open the index of `dir` for writing (creating it if absent) with the
/// digests of its dossiers; when the current tantivy generation is damaged,
/// rebuild it from the store first. The caller holds the [`IndexLock`].
/// Returns the rebuild's report and the damage that caused it, if any.
pub fn open_or_rebuild(dir: &Path) -> Result<Opened> {
    let first = Index::create_or_open(dir).and_then(|i| {
        let digests = i.digests()?;
        Ok((i, digests))
    });
    match first {
        Ok((index, digests)) => Ok((index, digests, None)),
        Err(e @ (Error::Damaged { .. } | Error::Tantivy(_))) => {
            let rebuilt = rebuild(dir)?;
            let index = Index::open(dir)?;
            let digests = index.digests()?;
            Ok((index, digests, Some((e.to_string(), rebuilt))))
        }
        Err(e) => Err(e),
    }
}

/// An index opened by [`open_or_rebuild`]: the index, the digest of each
/// dossier, and the damage and rebuild report when it had to be rebuilt.
pub type Opened = (
    Index,
    std::collections::HashMap<String, String>,
    Option<(String, Rebuilt)>,
);

/// What [`rebuild`] read and what it could not.
#[derive(Debug, Default)]
pub struct Rebuilt {
    pub dossiers: usize,
    pub pages: usize,
    /// Store files left out (unreadable or inconsistent): `verify --repair`
    /// sets them aside.
    pub skipped: Vec<crate::store::Unreadable>,
}

/// Holder of an index folder's write lock: one `ingest` or `reindex` at a
/// time. The lock is an advisory file lock, released by the OS when the
/// process ends however it ends (`kill -9` included); the file tells
/// others who holds it.
pub struct IndexLock {
    _file: std::fs::File,
}

/// Who holds a lock, as written into the lock file.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Holder {
    pid: u32,
    host: String,
    since: String,
    command: String,
}

impl IndexLock {
    /// Take the lock of `dir` (created if needed). Without `wait`, fail at
    /// once naming the holder; with it, block until the holder is done.
    pub fn acquire(dir: &Path, command: &str, wait: bool) -> Result<IndexLock> {
        use std::io::{Read, Seek, Write};
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let path = IndexFolder::new(dir).lock();
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                let who = serde_json::from_str::<Holder>(&text)
                    .map(|h| {
                        format!(
                            "sohoa {} (pid {} on {}, since {})",
                            h.command, h.pid, h.host, h.since
                        )
                    })
                    .unwrap_or_else(|_| "another sohoa process".into());
                if !wait {
                    return Err(Error::Busy {
                        path: dir.to_path_buf(),
                        reason: format!("in use by {who}; wait for it to finish, or pass --wait"),
                    });
                }
                eprintln!("sohoa: waiting for {who} to release {}", dir.display());
                file.lock().map_err(|e| Error::io(&path, e))?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
        let holder = Holder {
            pid: std::process::id(),
            host: std::fs::read_to_string("/proc/sys/kernel/hostname")
                .map(|h| h.trim().to_string())
                .unwrap_or_else(|_| "unknown host".into()),
            since: humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string(),
            command: command.into(),
        };
        let body = serde_json::to_vec(&holder).expect("holder serialises");
        let written = file
            .set_len(0)
            .and_then(|_| file.rewind())
            .and_then(|_| file.write_all(&body));
        written.map_err(|e| Error::io(&path, e))?;
        Ok(IndexLock { _file: file })
    }
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
    fn old_and_new_tone_placement_are_one_word() {
        for (old, new) in [
            ("hoà", "hòa"),
            ("thuỷ", "thủy"),
            ("khoẻ", "khỏe"),
            ("hoá", "hóa"),
        ] {
            assert_eq!(canonical_tones(old), new, "{old}");
            assert_eq!(canonical_tones(new), new, "{new}");
        }
        for same in ["quý", "hoàng", "khuyến", "trần", "thuế", "nguyễn", "bay"] {
            assert_eq!(canonical_tones(same), same);
        }
        // Decomposed input comes out composed.
        assert_eq!(canonical_tones("hoa\u{300}"), "hòa");
    }

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
