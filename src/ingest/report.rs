//! What an ingest run reports: its counts, the files that failed and why,
//! the pages to look at again. `ingest --report` writes it as JSON, so its
//! keys are part of the command-line contract.

use serde::Serialize;
use std::path::Path;

/// A file or page that could not be ingested, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    pub path: String,
    /// 1-based page within a multi-page file, when only that page failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    pub reason: String,
}

impl Failure {
    pub fn new(path: impl AsRef<Path>, reason: impl Into<String>) -> Failure {
        Failure {
            path: path.as_ref().to_string_lossy().into_owned(),
            page: None,
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = crate::text::escape(&self.path);
        match self.page {
            Some(p) => write!(f, "{path} (page {p}): {}", self.reason),
            None => write!(f, "{path}: {}", self.reason),
        }
    }
}

/// What an ingest run did; written as JSON by `ingest --report`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub dossiers: usize,
    /// Pages now in the store for the scanned files (OCR'd now or unchanged).
    pub pages_ok: usize,
    pub pages_failed: usize,
    pub files_skipped: usize,
    pub seconds: f64,
    /// Pages OCR'd in this run.
    pub pages_ocr: usize,
    /// Pages whose content was already in the store (same file content and
    /// OCR settings, possibly under an earlier file name): no OCR.
    pub pages_unchanged: usize,
    /// Pages OCR'd per second of the whole run.
    pub pages_per_second: f64,
    pub jobs: usize,
    pub failures: Vec<Failure>,
    /// Non-page files found and not ingested.
    pub skipped: Vec<String>,
    /// Dossiers in the index, under the ingested folders, whose folder is
    /// gone: removed with `--prune`, otherwise kept and listed here.
    pub missing: Vec<Missing>,
    pub pruned: usize,
    /// The run was stopped by a signal before it finished.
    pub interrupted: bool,
    /// Seconds spent per stage, added over all workers.
    pub stage_seconds: StageSeconds,
    /// The shard this run took (`k/N`), when `--shard` was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    /// Pages OCR'd in this run that were found blank (not OCR'd, no text).
    pub pages_blank: usize,
    /// Pages OCR'd in this run whose mean word confidence is below
    /// [`LOW_CONFIDENCE`]: candidates for a re-scan.
    pub low_confidence: Vec<LowConfidence>,
    /// Dossiers left out because some page file was still changing (only
    /// with [`Config::settled`], i.e. `watch`); absent from `ingest`'s report.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub held_back: Vec<String>,
}

/// Mean word confidence (0–100) below which a page is listed for review.
pub const LOW_CONFIDENCE: f32 = 70.0;

/// A page that OCR read with low confidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LowConfidence {
    pub path: String,
    /// 1-based page within a multi-page file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    pub mean_confidence: f32,
}

/// A dossier whose source folder is gone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Missing {
    pub dossier: String,
    pub path: String,
}

/// Where the time went (summed over workers, so it can exceed `seconds`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct StageSeconds {
    pub scan: f64,
    pub plan: f64,
    /// Decoding and cleaning pages (the preprocess stage).
    pub decode: f64,
    pub ocr: f64,
    pub index: f64,
}
