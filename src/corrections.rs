//! Staff corrections of what extraction made of a dossier.
//!
//! Extraction is sometimes wrong: a split between two documents missed, a
//! document number misread. Archive staff must be able to say what is right
//! without touching the scans or the OCR records, and the correction must
//! outlive every `reindex` and every new version of the extraction rules. So
//! corrections are kept apart from both, in the index folder
//! (`corrections/<dossier key>.json`, see [`crate::folder::IndexFolder`]),
//! one file per dossier holding its whole history: who said what, when, and
//! what the value was before. The index applies them on top of each fresh
//! analysis ([`apply`]); the history is never rewritten, only appended to.

use crate::extract::{Analysis, Document};
use crate::folder::IndexFolder;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// One correction, as kept in the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    /// When it was made, RFC 3339 UTC.
    pub at: String,
    /// Who made it (`--by`, or the login name).
    pub by: String,
    #[serde(flatten)]
    pub change: Change,
}

/// What a correction changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// The documents start on these pages (1-based, ascending, from 1).
    Split {
        starts: Vec<usize>,
        /// The starts before the correction.
        was: Vec<usize>,
    },
    /// A value of the document that starts on `document` (its first page):
    /// documents are named by first page, so a value correction keeps
    /// meaning the same document whatever splits come after it.
    Document {
        document: usize,
        key: String,
        value: Option<String>,
        was: Option<String>,
    },
    /// A dossier-level field: its values replaced (none: cleared).
    Field {
        key: String,
        values: Vec<String>,
        was: Vec<String>,
    },
}

/// The keys of a document that can be corrected.
pub const DOCUMENT_KEYS: [&str; 6] = [
    "doc_type",
    "document_no",
    "signed_date",
    "issuer",
    "summary",
    "signer",
];

/// A dossier's correction history, as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Corrections {
    pub dossier: String,
    pub corrections: Vec<Correction>,
    /// Why the stored history could not be read (see [`Corrections::for_indexing`]).
    #[serde(skip)]
    pub unreadable: Option<String>,
}

impl Corrections {
    /// The stored history of `dossier` (empty when there is none). A file
    /// that cannot be read is an error naming it: corrections are never
    /// silently dropped.
    pub fn load(folder: &IndexFolder, dossier: &str) -> Result<Corrections> {
        let path = folder.corrections_of(dossier);
        match std::fs::read(&path) {
            Ok(bytes) => {
                let c: Corrections =
                    serde_json::from_slice(&bytes).map_err(|source| Error::Record {
                        path: path.clone(),
                        source,
                    })?;
                if c.dossier != dossier {
                    return Err(Error::Index {
                        path,
                        reason: format!(
                            "holds the corrections of {:?}, not of {dossier:?}",
                            c.dossier
                        ),
                    });
                }
                Ok(c)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Corrections {
                dossier: dossier.to_string(),
                ..Corrections::default()
            }),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// The history to apply when indexing `dossier`. A history that cannot
    /// be read does not stop an ingest or a rebuild: the dossier is indexed
    /// without it, and the analysis says which file could not be read and
    /// why (`corrections`), so the loss is visible until the file is mended.
    pub fn for_indexing(folder: &IndexFolder, dossier: &str) -> Corrections {
        Corrections::load(folder, dossier).unwrap_or_else(|e| {
            let reason = with_causes(&e);
            tracing::warn!(dossier, %reason, "corrections not applied");
            Corrections {
                dossier: dossier.to_string(),
                corrections: Vec::new(),
                unreadable: Some(reason),
            }
        })
    }

    /// Append `change` by `by` now, and write the history atomically.
    pub fn record(&mut self, folder: &IndexFolder, by: &str, change: Change) -> Result<PathBuf> {
        let at = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
        self.corrections.push(Correction {
            at,
            by: by.to_string(),
            change,
        });
        let path = folder.corrections_of(&self.dossier);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let json = serde_json::to_vec_pretty(self).expect("corrections serialise");
        crate::store::write_atomic(&path, &json)?;
        Ok(path)
    }

    /// A fingerprint of the history, part of the dossier's index digest so
    /// that a new correction makes the dossier be indexed again.
    pub fn digest(&self) -> String {
        if let Some(reason) = &self.unreadable {
            return format!(
                "unreadable:{}",
                &blake3::hash(reason.as_bytes()).to_hex()[..16]
            );
        }
        if self.corrections.is_empty() {
            return String::new();
        }
        let json = serde_json::to_vec(&self.corrections).expect("corrections serialise");
        blake3::hash(&json).to_hex()[..16].to_string()
    }

    pub fn is_empty(&self) -> bool {
        self.corrections.is_empty() && self.unreadable.is_none()
    }

    /// The split in force: the last split correction's starts.
    pub fn starts(&self) -> Option<&[usize]> {
        self.corrections.iter().rev().find_map(|c| match &c.change {
            Change::Split { starts, .. } => Some(starts.as_slice()),
            _ => None,
        })
    }
}

/// What `sohoa correct` was asked to change.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// New first pages of the documents.
    pub split: Option<Vec<usize>>,
    /// The document (by first page) `set` applies to; none: dossier fields.
    pub document: Option<usize>,
    /// `key`, `value` pairs; a dossier field named twice gets both values.
    pub set: Vec<(String, String)>,
}

/// Record the corrections `req` asks for on `dossier`, by `by`, and index
/// the dossier again with them, under the index's write lock. Everything is
/// checked before anything is written: a bad page, key or value changes
/// nothing. Returns the dossier's analysis as now indexed.
pub fn correct(
    dir: &std::path::Path,
    dossier: &str,
    req: &Request,
    by: &str,
    wait: bool,
) -> Result<Analysis> {
    if by.trim().is_empty() {
        return Err(Error::Usage(
            "say who makes the correction with --by NAME".into(),
        ));
    }
    if req.split.is_none() && req.set.is_empty() {
        return Err(Error::Usage(
            "nothing to correct: give --split or --set".into(),
        ));
    }
    let folder = IndexFolder::new(dir);
    let _lock = crate::index::IndexLock::acquire(dir, "correct", wait)?;
    let view = crate::folder::Reader::open(dir)?.dossier(dossier)?;
    let pages = view.pages.len();
    let mut changes = Vec::new();
    let mut documents = view.analysis.documents.clone();
    if let Some(starts) = &req.split {
        check_starts(starts, pages)?;
        // Recorded even when it is the split found: it pins the split, so
        // that later extraction rules cannot move what staff confirmed.
        let was = starts_of(&documents);
        if *starts != was {
            documents = crate::extract::documents_starting_at(&view.pages, starts);
        }
        changes.push(Change::Split {
            starts: starts.clone(),
            was,
        });
    }
    match req.document {
        Some(first) => {
            let doc = documents
                .iter()
                .find(|d| d.pages[0] == first)
                .ok_or_else(|| {
                    Error::Usage(format!(
                        "no document starts on page {first}; documents start on pages {:?}",
                        starts_of(&documents)
                    ))
                })?;
            for (key, value) in &req.set {
                if !DOCUMENT_KEYS.contains(&key.as_str()) {
                    return Err(Error::Usage(format!(
                        "a document's {key:?} cannot be corrected; keys: {}",
                        DOCUMENT_KEYS.join(", ")
                    )));
                }
                changes.push(Change::Document {
                    document: first,
                    key: key.clone(),
                    value: normalise_value(key, value)?,
                    was: document_value(doc, key).cloned(),
                });
            }
        }
        None => {
            let mut by_key: Vec<(String, Vec<String>)> = Vec::new();
            for (key, value) in &req.set {
                if !crate::extract::FIELD_KEYS.contains(&key.as_str()) {
                    return Err(Error::Usage(format!(
                        "{key:?} is not a field; fields: {} (a document's values need --document PAGE)",
                        crate::extract::FIELD_KEYS.join(", ")
                    )));
                }
                let value = normalise_value(key, value)?;
                match by_key.iter_mut().find(|(k, _)| k == key) {
                    Some((_, vs)) => vs.extend(value),
                    None => by_key.push((key.clone(), value.into_iter().collect())),
                }
            }
            for (key, values) in by_key {
                let was = view
                    .analysis
                    .fields
                    .get(&key)
                    .map(|vs| {
                        vs.iter()
                            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                changes.push(Change::Field { key, values, was });
            }
        }
    }
    let mut history = Corrections::load(&folder, dossier)?;
    for change in changes {
        history.record(&folder, by, change)?;
    }
    let index = crate::index::Index::open(dir)?;
    let mut writer = index.writer()?;
    writer.put_dossier(&view.meta, &view.pages)?;
    writer.commit()?;
    drop(writer);
    Ok(crate::folder::Reader::with_index(index)?
        .dossier(dossier)?
        .analysis)
}

/// An error and its causes, as one line.
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cause = c.source();
    }
    s
}

/// The first pages of `documents`.
pub fn starts_of(documents: &[Document]) -> Vec<usize> {
    documents.iter().map(|d| d.pages[0]).collect()
}

/// Check split starts given by staff against a dossier of `pages` pages:
/// ascending, from 1, each a page of the dossier.
pub fn check_starts(starts: &[usize], pages: usize) -> Result<()> {
    let bad = |why: String| Err(Error::Usage(format!("--split: {why}")));
    if starts.first() != Some(&1) {
        return bad("the first document starts on page 1".into());
    }
    if let Some(w) = starts.windows(2).find(|w| w[1] <= w[0]) {
        return bad(format!("pages must be ascending ({} then {})", w[0], w[1]));
    }
    if let Some(&p) = starts.iter().find(|&&p| p > pages) {
        return bad(format!(
            "page {p} is past the dossier's last page ({pages})"
        ));
    }
    Ok(())
}

/// A value as staff typed it, in the stored form: dates as `YYYY-MM-DD`
/// (`dd/mm/yyyy` accepted), `doc_type` one of [`crate::extract::DOC_TYPES`],
/// `gender` `nam`/`nu`, `amount_vnd` digits ("1.500.000" accepted); empty =
/// cleared.
pub fn normalise_value(key: &str, value: &str) -> Result<Option<String>> {
    let value = crate::text::nfc(value.trim());
    if value.is_empty() {
        return Ok(None);
    }
    match key {
        "doc_type" if !crate::extract::DOC_TYPES.contains(&value.as_str()) => {
            Err(Error::Usage(format!(
                "doc_type {value:?} is not one of: {}",
                crate::extract::DOC_TYPES.join(", ")
            )))
        }
        "amount_vnd" => {
            let digits = crate::index::compact_digits(&value);
            if digits.is_empty()
                || digits.len() + value.matches(['.', ',', ' ']).count() != value.chars().count()
            {
                return Err(Error::Usage(format!(
                    "amount_vnd {value:?} is not a sum in đồng"
                )));
            }
            Ok(Some(digits.trim_start_matches('0').to_string())
                .filter(|d| !d.is_empty())
                .or(Some("0".into())))
        }
        "gender" => match crate::text::fold(&value).as_str() {
            "nam" => Ok(Some("nam".into())),
            "nu" => Ok(Some("nu".into())),
            _ => Err(Error::Usage(format!("gender {value:?} is nam or nu"))),
        },
        "signed_date" | "date_of_birth" => parse_date(&value).map(Some).ok_or_else(|| {
            Error::Usage(format!(
                "{key} {value:?} is not a date (YYYY-MM-DD or dd/mm/yyyy)"
            ))
        }),
        _ => Ok(Some(value)),
    }
}

/// `YYYY-MM-DD` from `YYYY-MM-DD` or `d/m/yyyy` (also with `-` or `.`),
/// when it is a real calendar date.
fn parse_date(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    let [a, b, c] = parts[..] else { return None };
    let (y, m, d) = if a.len() == 4 { (a, b, c) } else { (c, b, a) };
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1800..=9999).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > days[m as usize - 1] {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// The value of `key` in a document.
pub fn document_value<'a>(doc: &'a Document, key: &str) -> Option<&'a String> {
    match key {
        "doc_type" => doc.doc_type.as_ref(),
        "document_no" => doc.document_no.as_ref(),
        "signed_date" => doc.signed_date.as_ref(),
        "issuer" => doc.issuer.as_ref(),
        "summary" => doc.summary.as_ref(),
        "signer" => doc.signer.as_ref(),
        _ => None,
    }
}

fn document_slot<'a>(doc: &'a mut Document, key: &str) -> Option<&'a mut Option<String>> {
    Some(match key {
        "doc_type" => &mut doc.doc_type,
        "document_no" => &mut doc.document_no,
        "signed_date" => &mut doc.signed_date,
        "issuer" => &mut doc.issuer,
        "summary" => &mut doc.summary,
        "signer" => &mut doc.signer,
        _ => return None,
    })
}

/// Apply a dossier's corrections to a fresh analysis of it, in the order
/// they were made (a later one wins). `resplit` describes the documents for
/// given first pages (`extract::documents_starting_at` on the dossier's
/// pages). A value correction naming a document that no longer starts on
/// its page (a later split moved it) is not applied, and said so in
/// `analysis.corrections`.
pub fn apply(
    analysis: &mut Analysis,
    corrections: &Corrections,
    resplit: impl Fn(&[usize]) -> Vec<Document>,
) {
    if corrections.is_empty() {
        return;
    }
    if let Some(starts) = corrections.starts() {
        if starts != starts_of(&analysis.documents).as_slice() {
            analysis.documents = resplit(starts);
        }
    }
    let mut applied = Vec::new();
    for c in &corrections.corrections {
        let ok = match &c.change {
            Change::Split { .. } => Some(true),
            Change::Document {
                document,
                key,
                value,
                ..
            } => analysis
                .documents
                .iter_mut()
                .find(|d| d.pages[0] == *document)
                .and_then(|d| {
                    let slot = document_slot(d, key)?;
                    *slot = value.clone();
                    Some(true)
                })
                .or(Some(false)),
            Change::Field { key, values, .. } => {
                if values.is_empty() {
                    analysis.fields.remove(key);
                } else {
                    let value = |v: &String| match v.parse::<u64>() {
                        Ok(n) if key == "amount_vnd" => serde_json::Value::from(n),
                        _ => serde_json::Value::from(v.as_str()),
                    };
                    analysis
                        .fields
                        .insert(key.clone(), values.iter().map(value).collect());
                }
                // A check of a value staff replaced no longer speaks of
                // what the dossier says.
                analysis
                    .checks
                    .retain(|k| k.key != *key || values.contains(&k.value));
                Some(true)
            }
        };
        applied.push(crate::extract::Corrected {
            at: c.at.clone(),
            by: c.by.clone(),
            change: serde_json::to_value(&c.change).expect("change serialises"),
            applied: ok.unwrap_or(false),
        });
    }
    if let Some(reason) = &corrections.unreadable {
        applied.push(crate::extract::Corrected {
            at: String::new(),
            by: String::new(),
            change: serde_json::json!({"change": "unreadable", "reason": reason}),
            applied: false,
        });
    }
    analysis.corrections = applied;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(first: usize, last: usize, no: &str) -> Document {
        Document {
            pages: [first, last],
            document_no: Some(no.into()),
            ..Document::default()
        }
    }

    fn history(changes: Vec<Change>) -> Corrections {
        Corrections {
            dossier: "d".into(),
            corrections: changes
                .into_iter()
                .map(|change| Correction {
                    at: "2026-12-03T09:00:00Z".into(),
                    by: "lan".into(),
                    change,
                })
                .collect(),
            unreadable: None,
        }
    }

    #[test]
    fn a_split_then_a_value_apply_in_order_and_a_stale_value_is_reported() {
        let mut a = Analysis {
            documents: vec![doc(1, 3, "1/QĐ")],
            ..Analysis::default()
        };
        let c = history(vec![
            Change::Document {
                document: 3,
                key: "document_no".into(),
                value: Some("9/QĐ".into()),
                was: None,
            },
            Change::Split {
                starts: vec![1, 3],
                was: vec![1],
            },
            Change::Document {
                document: 3,
                key: "document_no".into(),
                value: Some("312/QĐ-UBND".into()),
                was: Some("312/QD-UBND".into()),
            },
        ]);
        apply(&mut a, &c, |starts| {
            assert_eq!(starts, [1, 3]);
            vec![doc(1, 2, "1/QĐ"), doc(3, 3, "312/QD-UBND")]
        });
        assert_eq!(a.documents[1].document_no.as_deref(), Some("312/QĐ-UBND"));
        assert_eq!(a.documents[0].document_no.as_deref(), Some("1/QĐ"));
        // Applied in order: the first value named page 3 before any document
        // started there; the last one after the split made one.
        let applied: Vec<bool> = a.corrections.iter().map(|c| c.applied).collect();
        assert_eq!(applied, [true, true, true]);
        assert_eq!(a.corrections[2].by, "lan");
    }

    #[test]
    fn a_value_for_a_page_no_document_starts_on_is_not_applied() {
        let mut a = Analysis {
            documents: vec![doc(1, 2, "1/QĐ")],
            ..Analysis::default()
        };
        let c = history(vec![Change::Document {
            document: 2,
            key: "issuer".into(),
            value: Some("UBND xã".into()),
            was: None,
        }]);
        apply(&mut a, &c, |_| unreachable!("no split correction"));
        assert_eq!(a.documents[0].issuer, None);
        assert!(!a.corrections[0].applied);
    }

    #[test]
    fn a_field_correction_replaces_values_and_drops_their_checks() {
        let mut a = Analysis::default();
        a.fields
            .insert("citizen_id".into(), vec![serde_json::json!("099123456789")]);
        a.checks.push(crate::extract::Check {
            key: "citizen_id".into(),
            value: "099123456789".into(),
            valid: false,
            check: crate::extract::CheckState::Invalid,
            reason: "province 099".into(),
            page: Some(1),
            suggested: None,
        });
        let c = history(vec![Change::Field {
            key: "citizen_id".into(),
            values: vec!["001123456789".into()],
            was: vec!["099123456789".into()],
        }]);
        apply(&mut a, &c, |_| unreachable!());
        assert_eq!(a.fields["citizen_id"], [serde_json::json!("001123456789")]);
        assert!(a.checks.is_empty());
    }

    #[test]
    fn starts_and_values_are_checked() {
        assert!(check_starts(&[1, 3], 4).is_ok());
        assert!(check_starts(&[2], 4).is_err());
        assert!(check_starts(&[1, 3, 3], 4).is_err());
        assert!(check_starts(&[1, 5], 4).is_err());
        assert_eq!(
            normalise_value("signed_date", "5/3/2023")
                .unwrap()
                .as_deref(),
            Some("2023-03-05")
        );
        assert!(normalise_value("signed_date", "31/2/2023").is_err());
        assert!(normalise_value("doc_type", "quyet_dinh").is_ok());
        assert!(normalise_value("doc_type", "Quyết định").is_err());
        assert_eq!(normalise_value("issuer", "  ").unwrap(), None);
    }

    #[test]
    fn history_round_trips_through_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let folder = IndexFolder::new(dir.path());
        let mut c = Corrections::load(&folder, "a/b").unwrap();
        assert!(c.is_empty());
        assert_eq!(c.digest(), "");
        c.record(
            &folder,
            "lan",
            Change::Split {
                starts: vec![1, 2],
                was: vec![1],
            },
        )
        .unwrap();
        let again = Corrections::load(&folder, "a/b").unwrap();
        assert_eq!(again, c);
        assert_eq!(again.starts(), Some(&[1, 2][..]));
        assert_ne!(again.digest(), "");
        // Another dossier's file under this name is refused, not applied.
        std::fs::copy(folder.corrections_of("a/b"), folder.corrections_of("x")).unwrap();
        assert!(Corrections::load(&folder, "x").is_err());
    }
}
