//! Vietnamese OCR with Tesseract.
//!
//! One [`Engine`] wraps one `TessBaseAPI` initialised with the `vie` model
//! alone (`vie+eng` strips tone marks). Engines are expensive to create and
//! must never be shared, so each worker thread owns one for the whole run.
//! Tesseract's own OpenMP threads would fight our page-level parallelism,
//! so the process must start with `OMP_THREAD_LIMIT=1` ([`openmp_limited`]).

use crate::preprocess::PageImage;
use crate::text::nfc;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::ffi::CString;
use tesseract::plumbing::TessBaseApi;

/// Tesseract language: Vietnamese alone.
pub const LANGUAGE: &str = "vie";

/// Page segmentation mode: fully automatic layout (Tesseract's `--psm 3`),
/// which keeps two-column headers apart.
pub const PAGE_SEG_MODE: u32 = 3;

/// Letters the `vie` model sometimes emits on noise that never occur in
/// Vietnamese text.
pub const CHAR_BLACKLIST: &str = "ÄÖØðŒŠƒäöøœšÆæßÞþ";

/// Which engine produced a record, and with what settings. Stored in every
/// page record so a later upgrade knows what to redo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EngineInfo {
    pub name: String,
    pub version: String,
    pub language: String,
    pub psm: u32,
    pub char_blacklist: String,
}

impl EngineInfo {
    /// The settings this build uses.
    pub fn current() -> EngineInfo {
        EngineInfo {
            name: "tesseract".into(),
            version: tesseract::plumbing::version()
                .to_string_lossy()
                .into_owned(),
            language: LANGUAGE.into(),
            psm: PAGE_SEG_MODE,
            char_blacklist: CHAR_BLACKLIST.into(),
        }
    }
}

/// One recognised word with its box in page pixels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Word {
    pub text: String,
    /// Left, top, width, height.
    pub bbox: [u32; 4],
    /// Tesseract word confidence, 0–100.
    pub confidence: f32,
    /// Block, paragraph and line numbers from Tesseract's layout.
    pub line: [u32; 3],
}

/// What OCR made of one page.
#[derive(Debug, Clone)]
pub struct OcrOutput {
    /// NFC text, lines separated by `\n`.
    pub text: String,
    pub words: Vec<Word>,
    /// Mean word confidence, 0–100 (0 when no words).
    pub mean_confidence: f32,
}

/// The variable that caps Tesseract's OpenMP threads. It must be `1` in the
/// environment the process *started* with (OpenMP reads it when libgomp is
/// loaded); the `sohoa` binary restarts itself to ensure that.
pub const OMP_THREAD_LIMIT: &str = "OMP_THREAD_LIMIT";

/// True when OpenMP is capped at one thread, as parallel OCR needs.
pub fn openmp_limited() -> bool {
    std::env::var(OMP_THREAD_LIMIT).is_ok_and(|v| v.trim() == "1")
}

/// A Tesseract instance owned by one worker.
pub struct Engine {
    api: TessBaseApi,
}

impl Engine {
    /// Initialise Tesseract with the `vie` model from the system tessdata.
    pub fn new() -> Result<Engine> {
        let mut api = TessBaseApi::create();
        let lang = CString::new(LANGUAGE).expect("no NUL in language");
        api.init_2(None, Some(&lang)).map_err(|_| {
            Error::Ocr(format!(
                "cannot initialise Tesseract with language {LANGUAGE:?}: is the \
                 tesseract-ocr-vie package installed? (tessdata set by TESSDATA_PREFIX={:?})",
                std::env::var("TESSDATA_PREFIX").unwrap_or_default()
            ))
        })?;
        let set = |api: &mut TessBaseApi, k: &str, v: &str| {
            let (k, v) = (CString::new(k).unwrap(), CString::new(v).unwrap());
            api.set_variable(&k, &v)
                .map_err(|_| Error::Ocr(format!("cannot set Tesseract variable {k:?}")))
        };
        set(
            &mut api,
            "tessedit_pageseg_mode",
            &PAGE_SEG_MODE.to_string(),
        )?;
        set(&mut api, "tessedit_char_blacklist", CHAR_BLACKLIST)?;
        // Tesseract's debug chatter ("Detected 84 diacritics") is not for users.
        set(&mut api, "debug_file", "/dev/null")?;
        Ok(Engine { api })
    }

    /// Recognise one page at the given resolution.
    pub fn recognize(&mut self, page: &PageImage, dpi: u32) -> Result<OcrOutput, String> {
        let (w, h) = (page.width as i32, page.height as i32);
        self.api
            .set_image(&page.gray, w, h, 1, w)
            .map_err(|e| format!("Tesseract rejected the image: {e:?}"))?;
        self.api.set_source_resolution(dpi as i32);
        self.api
            .recognize()
            .map_err(|_| "Tesseract failed to recognise the page".to_string())?;
        let text = self
            .api
            .get_utf8_text()
            .map_err(|_| "Tesseract returned no text".to_string())?;
        let text = nfc(&text.as_ref().to_string_lossy());
        let tsv = self
            .api
            .get_tsv_text(0)
            .map_err(|_| "Tesseract returned no word boxes".to_string())?;
        let words = parse_tsv(&tsv.as_ref().to_string_lossy());
        let mean_confidence = if words.is_empty() {
            0.0
        } else {
            words.iter().map(|w| w.confidence).sum::<f32>() / words.len() as f32
        };
        Ok(OcrOutput {
            text: tidy_text(&text),
            words,
            mean_confidence,
        })
    }
}

/// Trim trailing spaces on each line and the blank lines at the end.
fn tidy_text(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

/// Words (level 5 rows) of Tesseract's TSV output.
fn parse_tsv(tsv: &str) -> Vec<Word> {
    tsv.lines()
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 12 || cols[0] != "5" {
                return None;
            }
            let num = |i: usize| cols[i].trim().parse::<u32>().ok();
            let text = nfc(cols[11].trim());
            let confidence: f32 = cols[10].trim().parse().ok()?;
            if text.is_empty() || confidence < 0.0 {
                return None;
            }
            Some(Word {
                text,
                bbox: [num(6)?, num(7)?, num(8)?, num(9)?],
                confidence,
                line: [num(2)?, num(3)?, num(4)?],
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_words_are_parsed_and_nfc() {
        let tsv = "1\t1\t0\t0\t0\t0\t0\t0\t100\t50\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t10\t20\t30\t12\t96.5\tTra\u{0302}\u{0300}n\n\
                   5\t1\t1\t1\t1\t2\t45\t20\t30\t12\t91\tVăn\n\
                   5\t1\t1\t1\t1\t3\t45\t20\t30\t12\t-1\t \n";
        let words = parse_tsv(tsv);
        assert_eq!(words.len(), 2);
        assert_eq!(words[0].text, "Trần");
        assert_eq!(words[0].bbox, [10, 20, 30, 12]);
        assert_eq!(words[0].line, [1, 1, 1]);
        assert_eq!(words[1].confidence, 91.0);
    }

    #[test]
    fn tidy_text_trims_line_ends() {
        assert_eq!(tidy_text("a  \nb\n\n\n"), "a\nb");
    }
}
