//! Vietnamese OCR with Tesseract.
//!
//! One [`Engine`] wraps one `TessBaseAPI` initialised with the `vie` model
//! alone (`vie+eng` strips tone marks). Engines are expensive to create and
//! must never be shared, so each worker thread owns one for the whole run.
//! Tesseract's own OpenMP threads would fight our page-level parallelism,
//! so the process must start with `OMP_THREAD_LIMIT=1` ([`openmp_limited`]).
//!
//! [`Engine::read`] is how a page is read: it cleans the page (the
//! `preprocess` stage, with Tesseract's orientation detection), then OCRs it
//! once, and only when the page reads badly tries the alternatives the
//! measurements below choose between (a Sauvola-thresholded image, the
//! single-block layout, the page turned half way). An alternative that
//! breaks the first reading's rows into many more lines (a table read
//! column by column) never wins on confidence alone. Finally the two-column
//! bands Tesseract reads row by row across the gap (issuer | motto at the
//! top, "Nơi nhận" | signer at the foot) are put in column order, left
//! column first, from the word boxes. A word with a digit whose
//! per-symbol confidence (from Tesseract's hOCR, `x_conf`) is low is marked
//! `doubtful` in the record.
//!
//! `mod.rs` has the engine and the choice between readings; `words.rs`
//! Tesseract's words (TSV, hOCR digit confidence, noise, text rebuilt from
//! words); `columns.rs` the two-column bands put in column order; `osd.rs`
//! orientation detection, the one place with `unsafe` Tesseract calls.

mod columns;
mod osd;
mod words;

use columns::read_bands_by_column;
use osd::Osd;
use words::{drop_noise, keeps_rows, mark_doubtful, parse_tsv, tidy_text};

use crate::preprocess::{self, Cleaned, Geometry, PageImage};
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
    /// A digit of the word was read with low confidence (Tesseract's
    /// per-symbol confidence): a value built from it needs checking.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub doubtful: bool,
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
    osd: Osd,
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
        // Per-symbol confidences in the hOCR output, for doubtful digits.
        set(&mut api, "hocr_char_boxes", "1")?;
        // Tesseract's debug chatter ("Detected 84 diacritics") is not for users.
        set(&mut api, "debug_file", "/dev/null")?;
        Ok(Engine {
            api,
            osd: Osd::new()?,
        })
    }

    fn set_psm(&mut self, psm: u32) -> Result<(), String> {
        let (k, v) = (
            CString::new("tessedit_pageseg_mode").unwrap(),
            CString::new(psm.to_string()).unwrap(),
        );
        self.api
            .set_variable(&k, &v)
            .map_err(|_| "cannot set the page segmentation mode".to_string())
    }

    /// Clean the page and read it: the OCR of record for a page.
    pub fn read(&mut self, page: &PageImage) -> Result<Reading, String> {
        let t = std::time::Instant::now();
        let mut cleaned = preprocess::clean(page)?;
        let mut preprocess_seconds = t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        let dpi = cleaned.page.dpi.unwrap_or(preprocess::TARGET_DPI).round() as u32;
        if cleaned.blank {
            return Ok(Reading {
                output: OcrOutput {
                    text: String::new(),
                    words: Vec::new(),
                    mean_confidence: 0.0,
                },
                geometry: cleaned.geometry,
                blank: true,
                variant: Variant::Grey,
                psm: PAGE_SEG_MODE,
                ocr_dpi: dpi,
                dpi_estimated: cleaned.dpi_estimated,
                attempts: 0,
                uncovered: 0.0,
                column_bands: 0,
                preprocess_seconds,
                ocr_seconds: 0.0,
            });
        }
        let mut best = self.attempt(&cleaned.page, dpi, PAGE_SEG_MODE, Variant::Grey)?;
        let mut attempts = 1;
        if best.out.mean_confidence < GOOD_CONFIDENCE {
            // Read badly: maybe it lies on its side or upside down.
            let quads = self.osd.quarter_turns(&cleaned.page);
            if quads != 0 {
                let tt = std::time::Instant::now();
                let mut turned = cleaned.clone();
                turned.turn(quads)?;
                preprocess_seconds += tt.elapsed().as_secs_f64();
                let alt = self.attempt(&turned.page, dpi, PAGE_SEG_MODE, Variant::Grey)?;
                attempts += 1;
                if alt.score > best.score {
                    best = alt;
                    cleaned = turned;
                }
            }
        }
        // The Sauvola image, once made, serves the layout retry as well.
        let mut bin: Option<PageImage> = None;
        if best.out.mean_confidence < GOOD_CONFIDENCE {
            let tb = std::time::Instant::now();
            let img = bin.insert(cleaned.binarized()?);
            preprocess_seconds += tb.elapsed().as_secs_f64();
            let alt = self.attempt(img, dpi, PAGE_SEG_MODE, Variant::Sauvola)?;
            attempts += 1;
            if alt.score > best.score && keeps_rows(&best.out.words, &alt.out.words) {
                best = alt;
            }
        }
        let mut missed = uncovered(&cleaned, &best.out.words);
        if missed > MAX_UNCOVERED {
            let made;
            let img = match (best.variant, &bin) {
                (Variant::Grey, _) => &cleaned.page,
                (Variant::Sauvola, Some(b)) => b,
                (Variant::Sauvola, None) => {
                    made = cleaned.binarized()?;
                    &made
                }
            };
            let alt = self.attempt(img, dpi, SINGLE_BLOCK_PSM, best.variant)?;
            attempts += 1;
            if alt.score > best.score && keeps_rows(&best.out.words, &alt.out.words) {
                missed = uncovered(&cleaned, &alt.out.words);
                best = alt;
            }
        }
        let (mut out, column_bands) = read_bands_by_column(best.out, cleaned.page.width);
        for w in &mut out.words {
            w.bbox = preprocess::rotate_box_back(&cleaned.geometry, w.bbox);
        }
        Ok(Reading {
            output: out,
            geometry: cleaned.geometry,
            blank: false,
            variant: best.variant,
            psm: best.psm,
            ocr_dpi: dpi,
            dpi_estimated: cleaned.dpi_estimated,
            attempts,
            uncovered: missed,
            column_bands,
            preprocess_seconds,
            ocr_seconds: t.elapsed().as_secs_f64(),
        })
    }

    fn attempt(
        &mut self,
        img: &PageImage,
        dpi: u32,
        psm: u32,
        variant: Variant,
    ) -> Result<Attempt, String> {
        self.set_psm(psm)?;
        let out = self.recognize(img, dpi);
        self.set_psm(PAGE_SEG_MODE)?;
        let out = drop_noise(out?);
        Ok(Attempt {
            score: score(&out.words),
            out,
            psm,
            variant,
        })
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
        let mut words = parse_tsv(&tsv.as_ref().to_string_lossy());
        if words
            .iter()
            .any(|w| w.text.chars().any(|c| c.is_ascii_digit()))
        {
            if let Ok(hocr) = self.api.get_hocr_text(0) {
                mark_doubtful(&mut words, &hocr.as_ref().to_string_lossy());
            }
        }
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

/// Mean word confidence at or above which a page is taken as read.
pub const GOOD_CONFIDENCE: f32 = 88.0;

/// Share of the page's text-like components that no word box covers above
/// which the automatic layout is taken to have dropped text, and the single
/// block layout is tried.
const MAX_UNCOVERED: f32 = 0.12;

/// Tesseract's single uniform block of text (`--psm 6`).
pub const SINGLE_BLOCK_PSM: u32 = 6;

/// Which image OCR read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Variant {
    /// The cleaned grey page.
    Grey,
    /// The cleaned page thresholded with Sauvola's method.
    Sauvola,
}

/// What [`Engine::read`] made of a page.
#[derive(Debug, Clone)]
pub struct Reading {
    /// Text and words; word boxes are on the decoded page, as
    /// [`preprocess::decode_page`] returns it.
    pub output: OcrOutput,
    pub geometry: Geometry,
    pub blank: bool,
    pub variant: Variant,
    pub psm: u32,
    /// Resolution OCR was told (the cleaned page's).
    pub ocr_dpi: u32,
    pub dpi_estimated: Option<f32>,
    /// OCR passes run (0 for a blank page).
    pub attempts: u32,
    /// Share of the page's text components outside every word box of the
    /// kept reading (what the layout rule looks at).
    pub uncovered: f32,
    /// Two-column bands (header, signer block) whose lines were put in
    /// column order, left column first.
    pub column_bands: u32,
    pub preprocess_seconds: f64,
    pub ocr_seconds: f64,
}

struct Attempt {
    out: OcrOutput,
    score: f32,
    psm: u32,
    variant: Variant,
}

/// How much confident text a reading holds: characters weighted by their
/// word's confidence. A reading that drops a paragraph, or reads noise as
/// low-confidence junk, scores lower.
fn score(words: &[Word]) -> f32 {
    words
        .iter()
        .map(|w| w.text.chars().count() as f32 * (w.confidence / 100.0).powi(2))
        .sum()
}

/// Share of the cleaned page's text components whose centre lies in no word
/// box (boxes of the OCR image, before mapping back).
fn uncovered(cleaned: &Cleaned, words: &[Word]) -> f32 {
    let comps = &cleaned.text_components;
    if comps.is_empty() {
        return 0.0;
    }
    let pad = 4;
    let missed = comps
        .iter()
        .filter(|c| {
            let (cx, cy) = (c[0] + c[2] / 2, c[1] + c[3] / 2);
            !words.iter().any(|w| {
                let [l, t, ww, hh] = w.bbox;
                cx + pad >= l && cx <= l + ww + pad && cy + pad >= t && cy <= t + hh + pad
            })
        })
        .count();
    missed as f32 / comps.len() as f32
}
