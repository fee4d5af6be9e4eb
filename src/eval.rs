//! Measuring what the pipeline gets right against ground truth.
//!
//! `sohoa eval` compares the page store with ground-truth files (such as
//! `samples/truth/`): character error rate of every page's OCR text, how
//! many ground-truth field values extraction found, and whether the queries
//! an officer would type put the right dossier near the top. It is how the
//! accuracy figures quoted in issues and the README are produced.

use crate::index::Index;
use crate::text::{collapse_whitespace, nfc};
use crate::{extract, search, Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// CER above which an upright page scanned at ≥ 200 dpi fails the check.
pub const MAX_CER: f64 = 0.01;

/// One ground-truth file.
#[derive(Debug, Deserialize)]
pub struct Truth {
    pub dossier: String,
    pub pages: Vec<TruthPage>,
    #[serde(default)]
    pub fields: BTreeMap<String, Vec<serde_json::Value>>,
    #[serde(default)]
    pub queries: Vec<TruthQuery>,
}

#[derive(Debug, Deserialize)]
pub struct TruthPage {
    pub file: String,
    #[serde(default)]
    pub index: usize,
    pub text: String,
    #[serde(default)]
    pub dpi: Option<f32>,
    #[serde(default = "yes")]
    pub upright: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
pub struct TruthQuery {
    pub q: String,
    /// The dossier must rank at this position or better.
    pub top: usize,
}

/// Accuracy of one page.
#[derive(Debug, Serialize)]
pub struct PageScore {
    pub dossier: String,
    pub file: String,
    pub index: usize,
    pub chars: usize,
    pub errors: usize,
    pub cer: f64,
    /// Counts toward the ≤ 1% check (upright, ≥ 200 dpi).
    pub checked: bool,
    /// False when the store has no record of this page.
    pub found: bool,
}

/// Outcome of one query.
#[derive(Debug, Serialize)]
pub struct QueryScore {
    pub dossier: String,
    pub q: String,
    pub top: usize,
    /// 1-based rank of the dossier, if found in the first 10.
    pub rank: Option<usize>,
    pub ok: bool,
}

/// Everything `eval` measured.
#[derive(Debug, Serialize)]
pub struct Evaluation {
    pub pages: Vec<PageScore>,
    /// Character error rate over the checked pages (sum of errors / sum of chars).
    pub cer_checked: f64,
    /// Character error rate over all pages.
    pub cer_all: f64,
    pub pages_over_limit: usize,
    /// Field values found / expected, per key.
    pub fields: BTreeMap<String, (usize, usize)>,
    pub queries: Vec<QueryScore>,
}

impl Evaluation {
    /// True when every checked page is within [`MAX_CER`], every page was
    /// found and every query ranked where it should.
    pub fn passed(&self) -> bool {
        self.pages_over_limit == 0
            && self.pages.iter().all(|p| p.found)
            && self.queries.iter().all(|q| q.ok)
    }
}

/// Levenshtein distance between two char sequences (O(min) memory).
pub fn edit_distance(a: &[char], b: &[char]) -> usize {
    let (a, b) = if a.len() < b.len() { (b, a) } else { (a, b) };
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Text as compared for CER: NFC, whitespace runs collapsed.
pub fn cer_form(s: &str) -> Vec<char> {
    collapse_whitespace(&nfc(s)).chars().collect()
}

fn load_truths(dir: &Path) -> Result<Vec<Truth>> {
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{}: no ground-truth folder here",
            dir.display()
        )));
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::Usage(format!("{}: {e}", dir.display())))?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "json") {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let truth: Truth = serde_json::from_slice(&bytes).map_err(|source| Error::Record {
                path: path.to_path_buf(),
                source,
            })?;
            out.push(truth);
        }
    }
    Ok(out)
}

/// Compare the index folder's store and search with the ground truth in `dir`.
pub fn evaluate(index: &Index, dir: &Path) -> Result<Evaluation> {
    let store = index.store()?;
    let mut pages = Vec::new();
    let mut fields: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut queries = Vec::new();
    for truth in load_truths(dir)? {
        let records = store
            .read_dossier(&nfc(&truth.dossier))?
            .map(|(_, r)| r)
            .unwrap_or_default();
        for tp in &truth.pages {
            let expected = cer_form(&tp.text);
            let rec = records
                .iter()
                .find(|r| r.file == nfc(&tp.file) && r.page_in_file == tp.index);
            let got = rec.map(|r| cer_form(&r.text)).unwrap_or_default();
            let errors = edit_distance(&expected, &got);
            pages.push(PageScore {
                dossier: truth.dossier.clone(),
                file: tp.file.clone(),
                index: tp.index,
                chars: expected.len(),
                errors,
                cer: errors as f64 / expected.len().max(1) as f64,
                checked: tp.upright && tp.dpi.is_none_or(|d| d >= 200.0),
                found: rec.is_some(),
            });
        }
        let texts: Vec<&str> = records.iter().map(|r| r.text.as_str()).collect();
        let got = extract::extract(&texts);
        for (key, values) in &truth.fields {
            let have = got.get(key).cloned().unwrap_or_default();
            let slot = fields.entry(key.clone()).or_default();
            slot.1 += values.len();
            slot.0 += values.iter().filter(|v| have.contains(v)).count();
        }
        for tq in &truth.queries {
            let hits = search::search(index, &tq.q, 10, 0)?;
            let rank = hits
                .iter()
                .position(|h| h.dossier == nfc(&truth.dossier))
                .map(|r| r + 1);
            queries.push(QueryScore {
                dossier: truth.dossier.clone(),
                q: tq.q.clone(),
                top: tq.top,
                rank,
                ok: rank.is_some_and(|r| r <= tq.top),
            });
        }
    }
    let sum = |only_checked: bool| {
        let (e, c) = pages
            .iter()
            .filter(|p| p.checked || !only_checked)
            .fold((0, 0), |(e, c), p| (e + p.errors, c + p.chars));
        e as f64 / c.max(1) as f64
    };
    Ok(Evaluation {
        cer_checked: sum(true),
        cer_all: sum(false),
        pages_over_limit: pages
            .iter()
            .filter(|p| p.checked && p.cer > MAX_CER)
            .count(),
        pages,
        fields,
        queries,
    })
}

/// Human-readable report.
pub fn print(e: &Evaluation, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "OCR character error rate per page:")?;
    for p in &e.pages {
        writeln!(
            out,
            "  {:>6.2}%  {:>5} chars  {}{} — {} (page {}){}",
            p.cer * 100.0,
            p.chars,
            if p.checked { "" } else { "[not checked] " },
            p.dossier,
            p.file,
            p.index + 1,
            if p.found {
                ""
            } else {
                "  MISSING from the store"
            }
        )?;
    }
    writeln!(
        out,
        "CER: {:.2}% on upright pages ≥ 200 dpi ({} over {:.0}%), {:.2}% on all {} pages",
        e.cer_checked * 100.0,
        e.pages_over_limit,
        MAX_CER * 100.0,
        e.cer_all * 100.0,
        e.pages.len()
    )?;
    writeln!(out, "Fields found / expected:")?;
    let (mut found, mut total) = (0, 0);
    for (k, (f, t)) in &e.fields {
        if *t > 0 {
            writeln!(out, "  {k:<20} {f}/{t}")?;
        }
        found += f;
        total += t;
    }
    writeln!(out, "  {:<20} {found}/{total}", "all")?;
    writeln!(out, "Queries:")?;
    for q in &e.queries {
        writeln!(
            out,
            "  {}  {:?} → {} (rank {}, needs ≤ {})",
            if q.ok { "ok  " } else { "MISS" },
            q.q,
            q.dossier,
            q.rank.map_or("-".to_string(), |r| r.to_string()),
            q.top
        )?;
    }
    let ok = e.queries.iter().filter(|q| q.ok).count();
    writeln!(out, "Queries ranked as required: {ok}/{}", e.queries.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_characters() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(edit_distance(&c("Trần"), &c("Trân")), 1);
        assert_eq!(edit_distance(&c(""), &c("abc")), 3);
        assert_eq!(edit_distance(&c("kitten"), &c("sitting")), 3);
        assert_eq!(cer_form(" a \n\n b "), c("a b"));
    }
}
