//! Measuring what preprocessing buys: `sohoa eval <DIR>`.
//!
//! Archive staff can check sohoa on their own scans: put the true text
//! beside a few page files and run `sohoa eval <DIR>`. The folder is
//! ingested into a temporary index exactly as `ingest` would, and every page
//! with a truth is also read by plain Tesseract (the decoded page, the
//! file's dpi, automatic layout, no cleaning), so each run shows, page by
//! page, the character and word error rates of both and where the time went.
//!
//! Truth files: `<page file>.gt.txt` (or `<stem>.gt.txt`) beside the page
//! file, UTF-8. A multi-page file (PDF, TIFF) has one truth file whose pages
//! are separated by a form feed, as Tesseract separates pages. An empty
//! page truth means the page is blank: any text read there is flagged.

use crate::eval::{cer_form, edit_distance};
use crate::ingest::{self, Config};
use crate::ocr::Engine;
use crate::store::Store;
use crate::text::nfc;
use crate::{preprocess, scan, Error, Result};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Truth files end with this.
pub const TRUTH_SUFFIX: &str = ".gt.txt";

/// One page with its truth.
#[derive(Debug, Clone)]
struct TruthPage {
    file: PathBuf,
    /// 0-based page in the file.
    index: usize,
    text: String,
}

/// Error rates of one reading of one page.
#[derive(Debug, Clone, Serialize)]
pub struct Rates {
    pub cer: f64,
    pub wer: f64,
    /// Characters read (whitespace collapsed).
    pub chars: usize,
}

/// One page's outcome.
#[derive(Debug, Clone, Serialize)]
pub struct PageResult {
    pub dossier: String,
    pub file: String,
    /// 1-based page in the file.
    pub page: usize,
    /// Characters of the truth (0 for a blank page).
    pub truth_chars: usize,
    pub blank_truth: bool,
    /// sohoa's reading; None when the page is not in the store (a failure).
    pub sohoa: Option<Rates>,
    /// Plain Tesseract's reading; None when it could not run.
    pub raw: Option<Rates>,
    /// What sohoa did: rotation, skew, scale, variant, psm.
    pub preprocess: Option<crate::store::Preprocessing>,
    pub sohoa_blank: bool,
    /// Truth and reading disagree on blankness.
    pub blank_mismatch: bool,
    pub mean_confidence: Option<f32>,
}

/// Everything `eval <DIR>` measured.
#[derive(Debug, Clone, Serialize)]
pub struct ScanEvaluation {
    pub pages: Vec<PageResult>,
    /// Mean over text pages of the per-page CER (sohoa, raw Tesseract).
    pub mean_cer: f64,
    pub mean_cer_raw: Option<f64>,
    pub max_cer: f64,
    pub mean_wer: f64,
    pub mean_wer_raw: Option<f64>,
    pub blank_mismatches: usize,
    /// Share of sohoa's per-page time spent decoding and cleaning.
    pub preprocess_share: f64,
    pub seconds_per_page: f64,
    /// Files the ingest could not read.
    pub failures: Vec<ingest::Failure>,
}

/// Word error rate: word-level edit distance over the truth's word count.
fn wer(truth: &str, got: &str) -> f64 {
    let t: Vec<String> = nfc(truth).split_whitespace().map(str::to_owned).collect();
    let g: Vec<String> = nfc(got).split_whitespace().map(str::to_owned).collect();
    // Words become characters of a private alphabet, so the character
    // edit distance counts word edits.
    let mut vocab: std::collections::HashMap<String, char> = Default::default();
    let mut id = |w: &String| -> char {
        let n = vocab.len() as u32;
        *vocab
            .entry(w.clone())
            .or_insert_with(|| char::from_u32(0xF0000 + n).unwrap_or('\u{FFFD}'))
    };
    let tc: Vec<char> = t.iter().map(&mut id).collect();
    let gc: Vec<char> = g.iter().map(&mut id).collect();
    edit_distance(&tc, &gc) as f64 / tc.len().max(1) as f64
}

fn rates(truth: &str, got: &str) -> Rates {
    let (t, g) = (cer_form(truth), cer_form(got));
    Rates {
        cer: edit_distance(&t, &g) as f64 / t.len().max(1) as f64,
        wer: wer(truth, got),
        chars: g.len(),
    }
}

/// Page files with a truth beside them, in path order.
fn find_truths(dir: &Path) -> Result<Vec<TruthPage>> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::Usage(format!("{}: {e}", dir.display())))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(base) = name.strip_suffix(TRUTH_SUFFIX) else {
            continue;
        };
        let parent = entry.path().parent().unwrap_or(dir);
        let direct = parent.join(base);
        let file = if direct.is_file() && scan::is_page_file(&direct) {
            Some(direct)
        } else {
            scan::PAGE_EXTENSIONS
                .iter()
                .flat_map(|e| [e.to_string(), e.to_uppercase()])
                .map(|e| parent.join(format!("{base}.{e}")))
                .find(|p| p.is_file())
        };
        let Some(file) = file else {
            return Err(Error::Usage(format!(
                "{}: no page file beside this truth file",
                entry.path().display()
            )));
        };
        let text = std::fs::read_to_string(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        for (index, page) in text.split('\u{c}').enumerate() {
            out.push(TruthPage {
                file: file.clone(),
                index,
                text: page.to_string(),
            });
        }
    }
    if out.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no ground truth found (expected `<page file>{TRUTH_SUFFIX}` files)",
            dir.display()
        )));
    }
    Ok(out)
}

/// Plain Tesseract on every truth page, `jobs` pages at a time.
fn read_raw(pages: &[TruthPage], jobs: usize) -> Vec<Option<String>> {
    use rayon::prelude::*;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .expect("thread pool");
    pool.install(|| {
        pages
            .par_iter()
            .map_init(
                || Engine::new().ok(),
                |engine, tp| {
                    let engine = engine.as_mut()?;
                    let bytes = std::fs::read(&tp.file).ok()?;
                    let img = preprocess::decode_page(&bytes, tp.index).ok()?;
                    let dpi = img.dpi.unwrap_or(preprocess::ASSUMED_DPI).round() as u32;
                    engine.recognize(&img, dpi).ok().map(|o| o.text)
                },
            )
            .collect()
    })
}

/// Ingest `dir` into `index_dir` and compare with the truth beside the pages.
pub fn evaluate_dir(
    dir: &Path,
    index_dir: &Path,
    jobs: usize,
    raw: bool,
) -> Result<ScanEvaluation> {
    let truths = find_truths(dir)?;
    let root = std::fs::canonicalize(dir).map_err(|e| Error::io(dir, e))?;
    let config = Config {
        roots: vec![root.clone()],
        index_dir: index_dir.to_path_buf(),
        jobs,
        ..Config::default()
    };
    let report = ingest::run(&config, &|_| {})?;
    let store = Store::open(index_dir)?;
    let raw_texts = if raw {
        read_raw(&truths, jobs)
    } else {
        vec![None; truths.len()]
    };
    let mut pages = Vec::new();
    let (mut prep, mut total, mut counted) = (0f64, 0f64, 0usize);
    for (tp, raw_text) in truths.iter().zip(raw_texts) {
        let file = std::fs::canonicalize(&tp.file).map_err(|e| Error::io(&tp.file, e))?;
        let folder = file.parent().unwrap_or(&root);
        let dossier = scan::dossier_id(&root, folder);
        let name = nfc(&file.file_name().unwrap_or_default().to_string_lossy());
        let record = store.read_dossier(&dossier)?.and_then(|(_, recs)| {
            recs.into_iter()
                .find(|r| r.file == name && r.page_in_file == tp.index)
        });
        let blank_truth = tp.text.trim().is_empty();
        if let Some(r) = &record {
            if let Some(p) = &r.preprocess {
                prep += f64::from(p.seconds);
                total += f64::from(p.seconds);
            }
            total += f64::from(r.ocr_seconds);
            counted += 1;
        }
        let sohoa_blank = record.as_ref().is_some_and(|r| r.text.trim().is_empty());
        pages.push(PageResult {
            dossier,
            file: name,
            page: tp.index + 1,
            truth_chars: cer_form(&tp.text).len(),
            blank_truth,
            sohoa: record.as_ref().map(|r| rates(&tp.text, &r.text)),
            raw: raw_text.map(|t| rates(&tp.text, &t)),
            preprocess: record.as_ref().and_then(|r| r.preprocess.clone()),
            sohoa_blank,
            blank_mismatch: record.is_some() && blank_truth != sohoa_blank,
            mean_confidence: record.as_ref().map(|r| r.mean_confidence),
        });
    }
    let text_pages: Vec<&PageResult> = pages.iter().filter(|p| !p.blank_truth).collect();
    let mean = |f: &dyn Fn(&PageResult) -> Option<f64>| -> Option<f64> {
        let v: Vec<f64> = text_pages.iter().filter_map(|p| f(p)).collect();
        (!v.is_empty() && v.len() == text_pages.len())
            .then(|| v.iter().sum::<f64>() / v.len() as f64)
    };
    // A page missing from the store counts as entirely wrong.
    let cer_of = |p: &PageResult| p.sohoa.as_ref().map_or(1.0, |r| r.cer);
    let wer_of = |p: &PageResult| p.sohoa.as_ref().map_or(1.0, |r| r.wer);
    Ok(ScanEvaluation {
        mean_cer: mean(&|p| Some(cer_of(p))).unwrap_or(0.0),
        mean_cer_raw: mean(&|p| p.raw.as_ref().map(|r| r.cer)),
        max_cer: text_pages.iter().map(|p| cer_of(p)).fold(0.0, f64::max),
        mean_wer: mean(&|p| Some(wer_of(p))).unwrap_or(0.0),
        mean_wer_raw: mean(&|p| p.raw.as_ref().map(|r| r.wer)),
        blank_mismatches: pages.iter().filter(|p| p.blank_mismatch).count(),
        preprocess_share: if total > 0.0 { prep / total } else { 0.0 },
        seconds_per_page: if counted > 0 {
            total / counted as f64
        } else {
            0.0
        },
        failures: report.failures,
        pages,
    })
}

fn pct(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

/// Human-readable table.
pub fn print(e: &ScanEvaluation, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{:>8} {:>8} {:>8} {:>8}  {:<34} page",
        "CER", "raw CER", "WER", "raw WER", "what sohoa did"
    )?;
    for p in &e.pages {
        let r =
            |x: &Option<Rates>, f: fn(&Rates) -> f64| x.as_ref().map_or("-".into(), |r| pct(f(r)));
        let did = match &p.preprocess {
            Some(pp) => format!(
                "{}{}° skew {:+.1}° ×{:.2} {:?} psm{}",
                if p.sohoa_blank { "blank, " } else { "" },
                pp.rotation,
                pp.skew,
                pp.scale[0],
                pp.variant,
                pp.psm
            ),
            None if p.sohoa.is_none() => "NOT INGESTED".into(),
            None => String::new(),
        };
        let (cer, wer) = if p.blank_truth {
            let v = if p.blank_mismatch { "TEXT!" } else { "blank" };
            (v.to_string(), v.to_string())
        } else {
            (r(&p.sohoa, |r| r.cer), r(&p.sohoa, |r| r.wer))
        };
        let (rcer, rwer) = if p.blank_truth {
            let v = if p.raw.as_ref().is_some_and(|r| r.chars > 0) {
                "text"
            } else {
                "blank"
            };
            (v.to_string(), v.to_string())
        } else {
            (r(&p.raw, |r| r.cer), r(&p.raw, |r| r.wer))
        };
        writeln!(
            out,
            "{cer:>8} {rcer:>8} {wer:>8} {rwer:>8}  {did:<34} {}/{} p{}",
            p.dossier, p.file, p.page
        )?;
    }
    let opt = |v: Option<f64>| v.map_or("-".into(), pct);
    let text_pages = e.pages.iter().filter(|p| !p.blank_truth).count();
    writeln!(
        out,
        "mean over {text_pages} text pages: CER {} (raw Tesseract {}), WER {} (raw {}); worst page CER {}",
        pct(e.mean_cer),
        opt(e.mean_cer_raw),
        pct(e.mean_wer),
        opt(e.mean_wer_raw),
        pct(e.max_cer)
    )?;
    writeln!(
        out,
        "blank pages: {} truth-blank, {} disagreeing",
        e.pages.iter().filter(|p| p.blank_truth).count(),
        e.blank_mismatches
    )?;
    writeln!(
        out,
        "time: {:.2} s per page, {} of it decoding and cleaning",
        e.seconds_per_page,
        pct(e.preprocess_share)
    )?;
    for f in &e.failures {
        writeln!(out, "failed: {}: {}", f.path, f.reason)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_error_rate_counts_words() {
        assert_eq!(wer("Trần Văn Bảy", "Trần Văn Bảy"), 0.0);
        assert!((wer("Trần Văn Bảy", "Trân Văn Bảy") - 1.0 / 3.0).abs() < 1e-9);
        assert!((wer("a b c d", "a c d") - 0.25).abs() < 1e-9);
        assert_eq!(wer("a", ""), 1.0);
    }
}
