//! Measuring what the pipeline gets right against ground truth.
//!
//! `sohoa eval` compares the page store with ground-truth files (such as
//! `samples/truth/`): character error rate of every page's OCR text, how
//! many ground-truth field values extraction found, and whether the queries
//! an officer would type put the right dossier near the top, and whether
//! each dossier was split into the documents (văn bản) it holds. It is how
//! the accuracy figures quoted in issues and the README are produced.

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
    /// The people, as `show --json` lists them in `records` (only the keys
    /// given are compared).
    #[serde(default)]
    pub records: Vec<BTreeMap<String, serde_json::Value>>,
    /// Values printed on the page that are wrong (bad province code, …):
    /// they must be extracted and their checks must fail.
    #[serde(default)]
    pub invalid: Vec<TruthValue>,
    /// The documents the dossier holds, in page order (absent: not scored).
    #[serde(default)]
    pub documents: Option<Vec<TruthDocument>>,
}

/// One document of a dossier's truth: its first and last page (1-based) and
/// the values printed on it (`doc_type`, `document_no`, `signed_date`; a
/// key left out is not compared, `null` means none is printed).
#[derive(Debug, Deserialize)]
pub struct TruthDocument {
    pub pages: [usize; 2],
    #[serde(flatten)]
    pub values: BTreeMap<String, serde_json::Value>,
}

/// The split of dossiers into documents against the truth, over the
/// dossiers whose truth lists their documents.
#[derive(Debug, Default, Serialize)]
pub struct SegmentationScore {
    pub dossiers: usize,
    /// Dossiers split exactly as the truth.
    pub dossiers_right: usize,
    /// Boundaries (a document starting after page 1) in the truth.
    pub boundaries_expected: usize,
    /// Truth boundaries the split made.
    pub boundaries_found: usize,
    /// Boundaries the split made where the truth has none.
    pub boundaries_extra: usize,
    /// Places between two pages of a dossier, and those decided right
    /// (boundary or not).
    pub gaps: usize,
    pub gaps_right: usize,
    pub documents_expected: usize,
    /// Truth documents found with exactly their pages.
    pub documents_found: usize,
    /// Documents found whose every given value is right too.
    pub documents_right: usize,
    /// Per value key: right / compared, over the documents found.
    pub values: BTreeMap<String, (usize, usize)>,
    pub misses: Vec<DocumentMiss>,
}

/// One thing the split got wrong.
#[derive(Debug, Serialize)]
pub struct DocumentMiss {
    pub dossier: String,
    /// The truth document's pages (a missed boundary, a wrong value), or
    /// the page an extra boundary made start a document ([page, page]).
    pub pages: [usize; 2],
    /// "missed boundary", "extra boundary" or "value".
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub expected: serde_json::Value,
    pub got: serde_json::Value,
}

#[derive(Debug, Deserialize)]
pub struct TruthValue {
    pub key: String,
    pub value: serde_json::Value,
}

/// Extraction against the truth for one key, over all dossiers with truth
/// fields.
#[derive(Debug, Default, Serialize)]
pub struct FieldScore {
    /// Truth values extracted.
    pub found: usize,
    /// Truth values.
    pub expected: usize,
    /// Values extracted that are not in the dossier's truth for the key.
    pub extra: usize,
    pub precision: f64,
    pub recall: f64,
}

/// One value extraction got wrong.
#[derive(Debug, Serialize)]
pub struct FieldMiss {
    pub dossier: String,
    pub key: String,
    pub value: serde_json::Value,
    /// "missed" (in the truth, not extracted) or "extra" (extracted, not in
    /// the truth).
    pub kind: &'static str,
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
    /// Precision and recall per key.
    pub field_scores: BTreeMap<String, FieldScore>,
    pub field_misses: Vec<FieldMiss>,
    /// Truth people whose every given key matched one extracted record.
    pub records_found: usize,
    pub records_expected: usize,
    /// Truth-invalid values whose check said valid (must be 0).
    pub invalid_marked_valid: usize,
    /// Truth-invalid values extracted and flagged / all truth-invalid values.
    pub invalid_flagged: usize,
    pub invalid_expected: usize,
    /// Values flagged invalid that the truth holds as correct.
    pub valid_flagged_invalid: usize,
    /// Correct values (the truth holds them) marked doubtful: review work.
    pub correct_marked_doubtful: usize,
    /// Doubtful values with a suggested reading, and whether the truth
    /// holds the suggestion.
    pub suggestions: Vec<SuggestionScore>,
    pub queries: Vec<QueryScore>,
    /// How dossiers were split into documents.
    pub segmentation: SegmentationScore,
}

/// A suggested correction, with its raw value.
#[derive(Debug, Clone, Serialize)]
pub struct SuggestionScore {
    pub dossier: String,
    pub key: String,
    pub raw: String,
    pub suggested: String,
    /// The truth holds the suggested value (and not the raw one).
    pub right: bool,
}

impl Evaluation {
    /// True when every checked page is within [`MAX_CER`], every page was
    /// found and every query ranked where it should.
    pub fn passed(&self) -> bool {
        self.pages_over_limit == 0
            && self.invalid_marked_valid == 0
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
    let searcher = index.reader()?.searcher();
    let mut pages = Vec::new();
    let mut fields: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut queries = Vec::new();
    let mut fscore = FieldTally::default();
    let mut segmentation = SegmentationScore::default();
    for truth in load_truths(dir)? {
        // The dossier as every front-end shows it: the analysis made when
        // it was indexed. One missing from the store or the index scores
        // nothing.
        let (records, analysis) =
            match crate::folder::dossier_view(index, &searcher, &store, &nfc(&truth.dossier)) {
                Ok(view) => (view.pages, view.analysis),
                Err(Error::NoSuchDossier(_)) => (Vec::new(), extract::Analysis::default()),
                Err(Error::NotIndexed { .. }) => {
                    let records = store
                        .read_dossier(&nfc(&truth.dossier))?
                        .map(|(_, r)| r)
                        .unwrap_or_default();
                    (records, extract::Analysis::default())
                }
                Err(e) => return Err(e),
            };
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
        score_fields(&truth, &analysis, &mut fscore);
        if let Some(want) = &truth.documents {
            score_documents(&truth.dossier, want, &analysis.documents, &mut segmentation);
        }
        let got = &analysis.fields;
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
        field_scores: fscore.scores,
        field_misses: fscore.misses,
        records_found: fscore.records_found,
        records_expected: fscore.records_expected,
        invalid_marked_valid: fscore.invalid_marked_valid,
        invalid_flagged: fscore.invalid_flagged,
        invalid_expected: fscore.invalid_expected,
        valid_flagged_invalid: fscore.valid_flagged_invalid,
        correct_marked_doubtful: fscore.correct_marked_doubtful,
        suggestions: fscore.suggestions,
        queries,
        segmentation,
    })
}

/// Compare one dossier's documents with its truth.
fn score_documents(
    dossier: &str,
    want: &[TruthDocument],
    got: &[extract::Document],
    s: &mut SegmentationScore,
) {
    use std::collections::BTreeSet;
    s.dossiers += 1;
    let starts = |pages: &mut dyn Iterator<Item = usize>| -> BTreeSet<usize> {
        pages.filter(|&p| p > 1).collect()
    };
    let want_starts = starts(&mut want.iter().map(|d| d.pages[0]));
    let got_starts = starts(&mut got.iter().map(|d| d.pages[0]));
    let pages = want.iter().map(|d| d.pages[1]).max().unwrap_or(0);
    s.boundaries_expected += want_starts.len();
    s.boundaries_found += want_starts.intersection(&got_starts).count();
    s.boundaries_extra += got_starts.difference(&want_starts).count();
    s.gaps += pages.saturating_sub(1);
    s.gaps_right += (2..=pages)
        .filter(|p| want_starts.contains(p) == got_starts.contains(p))
        .count();
    let same_split =
        want.len() == got.len() && want.iter().zip(got).all(|(w, g)| w.pages == g.pages);
    s.dossiers_right += usize::from(same_split);
    for w in want {
        s.documents_expected += 1;
        if !got_starts.contains(&w.pages[0]) && w.pages[0] > 1 {
            s.misses.push(DocumentMiss {
                dossier: dossier.to_string(),
                pages: w.pages,
                kind: "missed boundary",
                key: None,
                expected: serde_json::json!(w.pages),
                got: serde_json::Value::Null,
            });
        }
        let Some(g) = got.iter().find(|g| g.pages == w.pages) else {
            continue;
        };
        s.documents_found += 1;
        let have = serde_json::to_value(g).unwrap_or_default();
        let mut right = true;
        for (key, value) in &w.values {
            let got_value = have.get(key).cloned().unwrap_or_default();
            let slot = s.values.entry(key.clone()).or_default();
            slot.1 += 1;
            if got_value == *value {
                slot.0 += 1;
            } else {
                right = false;
                s.misses.push(DocumentMiss {
                    dossier: dossier.to_string(),
                    pages: w.pages,
                    kind: "value",
                    key: Some(key.clone()),
                    expected: value.clone(),
                    got: got_value,
                });
            }
        }
        s.documents_right += usize::from(right);
    }
    for &p in got_starts.difference(&want_starts) {
        s.misses.push(DocumentMiss {
            dossier: dossier.to_string(),
            pages: [p, p],
            kind: "extra boundary",
            key: None,
            expected: serde_json::Value::Null,
            got: serde_json::json!(p),
        });
    }
}

#[derive(Default)]
struct FieldTally {
    scores: BTreeMap<String, FieldScore>,
    misses: Vec<FieldMiss>,
    records_found: usize,
    records_expected: usize,
    invalid_marked_valid: usize,
    invalid_flagged: usize,
    invalid_expected: usize,
    valid_flagged_invalid: usize,
    correct_marked_doubtful: usize,
    suggestions: Vec<SuggestionScore>,
}

/// A truth value (string or number) equal to a check's value.
fn value_is(v: &serde_json::Value, s: &str) -> bool {
    match v.as_str() {
        Some(t) => t == s,
        None => s.parse::<serde_json::Value>().is_ok_and(|n| n == *v),
    }
}

/// Compare one dossier's analysis with its truth: every contract key (a key
/// the truth leaves out expects no values), the people, the invalid values.
fn score_fields(truth: &Truth, got: &extract::Analysis, t: &mut FieldTally) {
    if truth.fields.is_empty() {
        return;
    }
    let dossier = &truth.dossier;
    for key in extract::FIELD_KEYS {
        let want = truth.fields.get(key).map(Vec::as_slice).unwrap_or_default();
        let have = got.fields.get(key).map(Vec::as_slice).unwrap_or_default();
        let s = t.scores.entry(key.to_string()).or_default();
        s.expected += want.len();
        for v in want {
            if have.contains(v) {
                s.found += 1;
            } else {
                t.misses.push(FieldMiss {
                    dossier: dossier.clone(),
                    key: key.to_string(),
                    value: v.clone(),
                    kind: "missed",
                });
            }
        }
        for v in have.iter().filter(|v| !want.contains(v)) {
            s.extra += 1;
            t.misses.push(FieldMiss {
                dossier: dossier.clone(),
                key: key.to_string(),
                value: v.clone(),
                kind: "extra",
            });
        }
        s.precision = s.found as f64 / (s.found + s.extra).max(1) as f64;
        s.recall = s.found as f64 / s.expected.max(1) as f64;
    }
    for want in &truth.records {
        t.records_expected += 1;
        let matched = got.records.iter().any(|r| {
            want.iter()
                .all(|(k, v)| r.get(k).is_some_and(|have| Some(have) == v.as_str()))
        });
        t.records_found += usize::from(matched);
    }
    let is_bad = |key: &str, value: &str| {
        truth
            .invalid
            .iter()
            .any(|b| b.key == key && b.value.as_str() == Some(value))
    };
    for bad in &truth.invalid {
        t.invalid_expected += 1;
        let value = bad
            .value
            .as_str()
            .map_or_else(|| bad.value.to_string(), str::to_string);
        for c in got
            .checks
            .iter()
            .filter(|c| c.key == bad.key && c.value == value)
        {
            if c.valid {
                t.invalid_marked_valid += 1;
            } else {
                t.invalid_flagged += 1;
            }
        }
    }
    t.valid_flagged_invalid += got
        .invalid()
        .filter(|c| c.check == extract::CheckState::Invalid && !is_bad(&c.key, &c.value))
        .count();
    t.correct_marked_doubtful += got
        .invalid()
        .filter(|c| {
            c.check == extract::CheckState::Doubtful
                && !is_bad(&c.key, &c.value)
                && truth
                    .fields
                    .get(&c.key)
                    .is_some_and(|w| w.iter().any(|v| value_is(v, &c.value)))
        })
        .count();
    for c in &got.checks {
        let Some(suggested) = &c.suggested else {
            continue;
        };
        let want = truth
            .fields
            .get(&c.key)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let holds = |v: &str| want.iter().any(|w| w.as_str() == Some(v));
        t.suggestions.push(SuggestionScore {
            dossier: dossier.clone(),
            key: c.key.clone(),
            raw: c.value.clone(),
            suggested: suggested.clone(),
            right: holds(suggested) && !holds(&c.value),
        });
    }
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
    writeln!(
        out,
        "Fields, precision and recall per key (dossiers with truth fields):"
    )?;
    writeln!(
        out,
        "  {:<20} {:>5} {:>8} {:>5} {:>9} {:>7}",
        "key", "found", "expected", "extra", "precision", "recall"
    )?;
    let (mut f, mut x, mut t) = (0, 0, 0);
    for (k, s) in &e.field_scores {
        writeln!(
            out,
            "  {k:<20} {:>5} {:>8} {:>5} {:>8.1}% {:>6.1}%",
            s.found,
            s.expected,
            s.extra,
            s.precision * 100.0,
            s.recall * 100.0
        )?;
        (f, x, t) = (f + s.found, x + s.extra, t + s.expected);
    }
    writeln!(
        out,
        "  {:<20} {f:>5} {t:>8} {x:>5} {:>8.1}% {:>6.1}%",
        "all",
        f as f64 / (f + x).max(1) as f64 * 100.0,
        f as f64 / t.max(1) as f64 * 100.0
    )?;
    for m in &e.field_misses {
        writeln!(out, "  {:<6} {} {}: {}", m.kind, m.dossier, m.key, m.value)?;
    }
    writeln!(
        out,
        "Records (people) matched: {}/{}",
        e.records_found, e.records_expected
    )?;
    writeln!(
        out,
        "Invalid values: {}/{} flagged, {} marked valid (must be 0); {} correct values flagged invalid",
        e.invalid_flagged, e.invalid_expected, e.invalid_marked_valid, e.valid_flagged_invalid
    )?;
    writeln!(
        out,
        "Correct values marked doubtful (to review): {}",
        e.correct_marked_doubtful
    )?;
    let right = e.suggestions.iter().filter(|s| s.right).count();
    writeln!(
        out,
        "Suggested corrections (doubtful values, kept as read): {right}/{} right",
        e.suggestions.len()
    )?;
    for s in &e.suggestions {
        writeln!(
            out,
            "  {}  {} {}: {:?} → {:?}",
            if s.right { "right" } else { "wrong" },
            s.dossier,
            s.key,
            s.raw,
            s.suggested
        )?;
    }
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
    writeln!(out, "Queries ranked as required: {ok}/{}", e.queries.len())?;
    print_segmentation(&e.segmentation, out)
}

fn print_segmentation(s: &SegmentationScore, out: &mut impl Write) -> std::io::Result<()> {
    if s.dossiers == 0 {
        return Ok(());
    }
    writeln!(out, "Documents (the split of each dossier into văn bản):")?;
    writeln!(
        out,
        "  boundaries right: {}/{} found, {} extra; between pages {}/{} decided right",
        s.boundaries_found, s.boundaries_expected, s.boundaries_extra, s.gaps_right, s.gaps
    )?;
    writeln!(
        out,
        "  dossiers split right: {}/{}; documents with their pages {}/{}, and every value right {}/{}",
        s.dossiers_right,
        s.dossiers,
        s.documents_found,
        s.documents_expected,
        s.documents_right,
        s.documents_expected
    )?;
    for (key, (right, compared)) in &s.values {
        writeln!(out, "  {key:<20} {right}/{compared}")?;
    }
    for m in &s.misses {
        let key = m.key.as_deref().map_or(String::new(), |k| format!(" {k}"));
        writeln!(
            out,
            "  {:<15} {} (pages {}-{}){key}: expected {}, got {}",
            m.kind, m.dossier, m.pages[0], m.pages[1], m.expected, m.got
        )?;
    }
    Ok(())
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
