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

/// Confidence below which a "word" of punctuation alone is taken to be
/// specks of dust or toner read as text.
const NOISE_CONFIDENCE: f32 = 60.0;

/// Drop the low-confidence words that have no letter or digit (the `.`,
/// `:`, `-`, `¬` Tesseract reads in the specks of a noisy copy), and
/// rebuild the text from the remaining words, line by line.
fn drop_noise(out: OcrOutput) -> OcrOutput {
    let noise =
        |w: &Word| w.confidence < NOISE_CONFIDENCE && !w.text.chars().any(char::is_alphanumeric);
    if !out.words.iter().any(noise) {
        return out;
    }
    let words: Vec<Word> = out.words.into_iter().filter(|w| !noise(w)).collect();
    from_words(words)
}

/// Text and mean confidence rebuilt from words in reading order: a space
/// between words of one line, a line break between lines, an empty line
/// between paragraphs.
fn from_words(words: Vec<Word>) -> OcrOutput {
    let mut text = String::new();
    let mut prev: Option<[u32; 3]> = None;
    for w in &words {
        match prev {
            Some(p) if p == w.line => text.push(' '),
            Some(p) if p[..2] == w.line[..2] => text.push('\n'),
            Some(_) => text.push_str("\n\n"),
            None => {}
        }
        text.push_str(&w.text);
        prev = Some(w.line);
    }
    let mean_confidence = if words.is_empty() {
        0.0
    } else {
        words.iter().map(|w| w.confidence).sum::<f32>() / words.len() as f32
    };
    OcrOutput {
        text,
        words,
        mean_confidence,
    }
}

/// Lines of a reading: runs of words with the same block, paragraph and
/// line numbers, in reading order.
fn lines_of(words: &[Word]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=words.len() {
        if i == words.len() || words[i].line != words[start].line {
            if i > start {
                out.push(start..i);
            }
            start = i;
        }
    }
    out
}

/// Whether an alternative reading keeps the rows of the first one. A page
/// read column by column (a table whose cells each became a line) has many
/// more, shorter lines than the same page read row by row; such a reading
/// must not win on confidence alone, since its text is out of order.
fn keeps_rows(first: &[Word], alt: &[Word]) -> bool {
    let (a, b) = (lines_of(first).len(), lines_of(alt).len());
    a == 0 || b as f32 <= MAX_LINE_GROWTH * a as f32 + 3.0
}

/// How many times the first reading's lines an alternative may have and
/// still count as reading the same rows.
const MAX_LINE_GROWTH: f32 = 1.4;

/// One line of a two-column band split at the column gap.
struct BandLine {
    left: Vec<Word>,
    right: Vec<Word>,
}

/// Horizontal extent of some words.
fn extent(words: &[Word]) -> (u32, u32) {
    let l = words.iter().map(|w| w.bbox[0]).min().unwrap_or(0);
    let r = words
        .iter()
        .map(|w| w.bbox[0] + w.bbox[2])
        .max()
        .unwrap_or(0);
    (l, r)
}

/// A line as two groups of words either side of one wide gap, when it has
/// exactly one gap at least `min_gap` wide and well wider than its other
/// gaps (a header line: issuer | motto). None for an ordinary line.
fn split_two_sided(words: &[Word], min_gap: u32) -> Option<(usize, u32, u32)> {
    let mut idx: Vec<usize> = (0..words.len()).collect();
    idx.sort_by_key(|&i| words[i].bbox[0]);
    let mut gaps: Vec<(u32, usize)> = Vec::new();
    let mut right_edge = 0u32;
    for (k, &i) in idx.iter().enumerate() {
        let b = words[i].bbox;
        if k > 0 {
            gaps.push((b[0].saturating_sub(right_edge), k));
        }
        right_edge = right_edge.max(b[0] + b[2]);
    }
    let wide: Vec<&(u32, usize)> = gaps.iter().filter(|g| g.0 >= min_gap).collect();
    if wide.len() != 1 {
        return None;
    }
    let (gap, k) = *wide[0];
    let second = gaps
        .iter()
        .filter(|g| g.1 != k)
        .map(|g| g.0)
        .max()
        .unwrap_or(0);
    if gap < 2 * second {
        return None;
    }
    // The gap's edges, and the number of words left of it.
    let gap_left = idx[..k]
        .iter()
        .map(|&i| words[i].bbox[0] + words[i].bbox[2])
        .max()
        .unwrap_or(0);
    let gap_right = gap_left + gap;
    Some((k, gap_left, gap_right))
}

/// Put two-column bands in column order: the header band (issuer | motto,
/// number | place and date) and the signer band at the foot ("Nơi nhận" |
/// signer). Tesseract reads such bands row by row across the gap; the left
/// column's lines then the right column's is how the documents are read
/// (and transcribed). A band is a run of lines that all leave one vertical
/// strip free, with at least one line holding words on both sides of it;
/// a line alone on one side joins it only when it sits in that column (a
/// centred title does not). Tables (three or more groups in a line) and
/// runs in the middle of the page are left as read. Words are returned in
/// the new reading order with the text rebuilt from them, and the number of
/// bands reordered.
fn read_bands_by_column(out: OcrOutput, page_width: u32) -> (OcrOutput, u32) {
    let lines = lines_of(&out.words);
    if lines.len() < 2 || page_width == 0 {
        return (out, 0);
    }
    let mut heights: Vec<u32> = out.words.iter().map(|w| w.bbox[3]).collect();
    heights.sort_unstable();
    let h = heights[heights.len() / 2].max(1);
    let min_gap = (h * 3 / 2).max(page_width / 40);
    let tops: Vec<u32> = lines
        .iter()
        .map(|r| {
            out.words[r.clone()]
                .iter()
                .map(|w| w.bbox[1])
                .min()
                .unwrap_or(0)
        })
        .collect();
    let (y0, y1) = (
        *tops.iter().min().unwrap_or(&0),
        *tops.iter().max().unwrap_or(&0),
    );
    let in_top = |i: usize| tops[i] <= y0 + (y1 - y0) * 45 / 100;
    let in_bottom = |i: usize| tops[i] >= y0 + (y1 - y0) * 55 / 100;

    // Bands as (first line, end line, middle of the free strip).
    let mut bands: Vec<(usize, usize, u32)> = Vec::new();
    let mut i = 0;
    let mut top_done = false;
    while i < lines.len() {
        let ws = &out.words[lines[i].clone()];
        let Some((_, gl, gr)) = split_two_sided(ws, min_gap) else {
            i += 1;
            continue;
        };
        let (mut sl, mut sr) = (gl, gr);
        let mut end = i + 1;
        let mut one_sided = 0;
        while end < lines.len() {
            let ws = &out.words[lines[end].clone()];
            let (l, r) = extent(ws);
            if let Some((_, gl2, gr2)) = split_two_sided(ws, min_gap) {
                let (nl, nr) = (sl.max(gl2), sr.min(gr2));
                if nr < nl + min_gap / 2 {
                    break;
                }
                (sl, sr) = (nl, nr);
            } else if r <= sr {
                // left only: must not reach into the strip
                if r > sl {
                    sl = r;
                }
                if sr < sl + min_gap / 2 {
                    break;
                }
                one_sided += 1;
            } else if l >= sl {
                if l < sr {
                    sr = l;
                }
                if sr < sl + min_gap / 2 {
                    break;
                }
                one_sided += 1;
            } else {
                break;
            }
            end += 1;
        }
        let top = !top_done && in_top(i);
        let bottom = end == lines.len() && in_bottom(i) && one_sided > 0;
        if top {
            top_done = true;
        }
        if (top || bottom) && end - i >= 2 {
            bands.push((i, end, (sl + sr) / 2));
        }
        i = end;
    }
    if bands.is_empty() {
        return (out, 0);
    }
    // Re-split each band line at the band's strip and rebuild the order.
    let mut order: Vec<Word> = Vec::with_capacity(out.words.len());
    let mut next = 0;
    let words = out.words;
    let n = bands.len() as u32;
    for (a, b, cut) in bands {
        for r in &lines[next..a] {
            order.extend_from_slice(&words[r.clone()]);
        }
        let band: Vec<BandLine> = lines[a..b]
            .iter()
            .map(|r| {
                let ws = &words[r.clone()];
                let (left, right): (Vec<Word>, Vec<Word>) = ws
                    .iter()
                    .cloned()
                    .partition(|w| w.bbox[0] + w.bbox[2] / 2 < cut);
                BandLine { left, right }
            })
            .collect();
        for bl in &band {
            order.extend_from_slice(&bl.left);
        }
        for bl in &band {
            order.extend_from_slice(&bl.right);
        }
        next = b;
    }
    for r in &lines[next..] {
        order.extend_from_slice(&words[r.clone()]);
    }
    (from_words(order), n)
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

/// Tesseract's orientation and script detection, with the `osd` model
/// (Debian's tesseract-ocr-osd). The safe `tesseract` wrapper does not
/// expose it, so this holds its own `TessBaseAPI` through `tesseract-sys`.
struct Osd(std::ptr::NonNull<tesseract_sys::TessBaseAPI>);

// Like `TessBaseApi`, an Osd is used by one thread at a time.
unsafe impl Send for Osd {}

/// OSD's orientation confidence below which the page is left as it is.
const MIN_OSD_CONFIDENCE: f32 = 3.0;

impl Osd {
    fn new() -> Result<Osd> {
        let handle = std::ptr::NonNull::new(unsafe { tesseract_sys::TessBaseAPICreate() })
            .ok_or_else(|| Error::Ocr("cannot create a Tesseract instance".into()))?;
        let osd = Osd(handle);
        let lang = CString::new("osd").unwrap();
        let rc = unsafe {
            tesseract_sys::TessBaseAPIInit3(osd.0.as_ptr(), std::ptr::null(), lang.as_ptr())
        };
        if rc != 0 {
            return Err(Error::Ocr(
                "cannot initialise Tesseract's orientation detection: is the \
                 tesseract-ocr-osd package installed?"
                    .into(),
            ));
        }
        let (k, v) = (
            CString::new("debug_file").unwrap(),
            CString::new("/dev/null").unwrap(),
        );
        unsafe { tesseract_sys::TessBaseAPISetVariable(osd.0.as_ptr(), k.as_ptr(), v.as_ptr()) };
        Ok(osd)
    }

    /// Clockwise quarter turns that make the page upright (0 when unsure).
    fn quarter_turns(&mut self, page: &PageImage) -> u32 {
        let h = self.0.as_ptr();
        let (w, ht) = (page.width as i32, page.height as i32);
        let (mut deg, mut conf) = (0i32, 0f32);
        let mut script: *const std::os::raw::c_char = std::ptr::null();
        let mut script_conf = 0f32;
        let ok = unsafe {
            tesseract_sys::TessBaseAPISetImage(h, page.gray.as_ptr(), w, ht, 1, w);
            tesseract_sys::TessBaseAPISetSourceResolution(
                h,
                page.dpi.unwrap_or(preprocess::TARGET_DPI) as i32,
            );
            tesseract_sys::TessBaseAPIDetectOrientationScript(
                h,
                &mut deg,
                &mut conf,
                &mut script,
                &mut script_conf,
            )
        };
        unsafe { tesseract_sys::TessBaseAPIClear(h) };
        tracing::debug!(deg, conf, "orientation");
        if ok == 0 || conf < MIN_OSD_CONFIDENCE {
            return 0;
        }
        // `deg` is how far the page is turned clockwise; turning it back by
        // as much (4 − n quarter turns clockwise) makes it upright.
        (4 - ((deg.rem_euclid(360) + 45) / 90) as u32 % 4) % 4
    }
}

impl Drop for Osd {
    fn drop(&mut self) {
        unsafe {
            tesseract_sys::TessBaseAPIEnd(self.0.as_ptr());
            tesseract_sys::TessBaseAPIDelete(self.0.as_ptr());
        }
    }
}

/// Trim trailing spaces on each line and the blank lines at the end.
fn tidy_text(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

/// Per-symbol confidence below which a digit is doubtful.
const DOUBTFUL_DIGIT_CONFIDENCE: f32 = 70.0;

/// Mark the words holding a digit Tesseract was unsure of, from the
/// per-symbol confidences (`x_conf`) of its hOCR output, whose words are
/// matched to the TSV words by their boxes.
fn mark_doubtful(words: &mut [Word], hocr: &str) {
    for chunk in hocr.split("class='ocrx_word'").skip(1) {
        let chunk = chunk.split("class='ocrx_word'").next().unwrap_or(chunk);
        let Some(b) = chunk.split("bbox ").nth(1) else {
            continue;
        };
        let nums: Vec<u32> = b
            .split([';', '\''])
            .next()
            .unwrap_or("")
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        let [l, t, r, bt] = nums[..] else {
            continue;
        };
        let Some(w) = words
            .iter_mut()
            .find(|w| w.bbox == [l, t, r.saturating_sub(l), bt.saturating_sub(t)])
        else {
            continue;
        };
        // Each symbol: <span class='ocrx_cinfo' title='x_bboxes …; x_conf 97.2'>c</span>
        for sym in chunk.split("class='ocrx_cinfo'").skip(1) {
            let conf = sym
                .split("x_conf ")
                .nth(1)
                .and_then(|c| c.split('\'').next())
                .and_then(|c| c.trim().parse::<f32>().ok());
            let ch = sym
                .split('>')
                .nth(1)
                .and_then(|c| c.split('<').next())
                .unwrap_or("");
            if let Some(conf) = conf {
                if conf < DOUBTFUL_DIGIT_CONFIDENCE && ch.chars().any(|c| c.is_ascii_digit()) {
                    w.doubtful = true;
                }
            }
        }
    }
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
                doubtful: false,
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
    fn noise_words_are_dropped_and_lines_kept() {
        let w = |text: &str, confidence: f32, line: [u32; 3]| Word {
            text: text.into(),
            bbox: [0, 0, 1, 1],
            confidence,
            line,
            doubtful: false,
        };
        let out = OcrOutput {
            text: String::new(),
            words: vec![
                w("Độc", 95.0, [1, 1, 1]),
                w("-", 90.0, [1, 1, 1]),
                w("lập", 93.0, [1, 1, 1]),
                w(":", 11.0, [1, 1, 1]),
                w("2.", 3.0, [1, 1, 2]),
                w("Bà", 91.0, [1, 1, 2]),
                w("¬", 24.0, [2, 1, 1]),
                w("Hôm", 92.0, [3, 1, 1]),
            ],
            mean_confidence: 0.0,
        };
        let out = drop_noise(out);
        assert_eq!(out.text, "Độc - lập\n2. Bà\n\nHôm");
        assert_eq!(out.words.len(), 6);
    }

    fn word(text: &str, x: u32, y: u32, line: [u32; 3]) -> Word {
        Word {
            text: text.into(),
            bbox: [x, y, 40, 20],
            confidence: 95.0,
            line,
            doubtful: false,
        }
    }

    #[test]
    fn header_and_signer_bands_come_out_column_by_column() {
        let words = vec![
            word("UBND", 50, 10, [1, 1, 1]),
            word("CỘNG", 400, 10, [1, 1, 1]),
            word("HÒA", 445, 10, [1, 1, 1]),
            word("Số:", 50, 40, [1, 1, 2]),
            word("Độc", 420, 40, [1, 1, 2]),
            word("lập", 465, 40, [1, 1, 2]),
            word("Kính", 50, 100, [2, 1, 1]),
            word("gửi", 95, 100, [2, 1, 1]),
            word("các", 140, 100, [2, 1, 1]),
            word("xã", 185, 100, [2, 1, 1]),
            word("huyện", 230, 100, [2, 1, 1]),
            word("tỉnh", 275, 100, [2, 1, 1]),
            word("và", 320, 100, [2, 1, 1]),
            word("thành", 365, 100, [2, 1, 1]),
            word("phố", 410, 100, [2, 1, 1]),
            word("này.", 455, 100, [2, 1, 1]),
            word("Nơi", 50, 300, [3, 1, 1]),
            word("CHỦ", 420, 300, [3, 1, 1]),
            word("TỊCH", 465, 300, [3, 1, 1]),
            word("-", 50, 330, [3, 1, 2]),
            word("Lưu", 95, 330, [3, 1, 2]),
            word("Tùng", 430, 380, [3, 1, 3]),
        ];
        let out = from_words(words);
        let (out, bands) = read_bands_by_column(out, 600);
        assert_eq!(bands, 2);
        assert_eq!(
            out.text,
            "UBND\nSố:\nCỘNG HÒA\nĐộc lập\n\nKính gửi các xã huyện tỉnh và thành phố này.\n\n\
             Nơi\n- Lưu\nCHỦ TỊCH\nTùng"
        );
    }

    #[test]
    fn a_table_in_the_body_and_more_lines_keep_their_rows() {
        let mut words = Vec::new();
        for (i, y) in [200u32, 230, 260].iter().enumerate() {
            let l = [1, 1, i as u32 + 1];
            words.push(word("Tiền", 50, *y, l));
            words.push(word("1.000", 300, *y, l));
            words.push(word("2.000", 500, *y, l));
        }
        let (out, bands) = read_bands_by_column(from_words(words.clone()), 600);
        assert_eq!(bands, 0);
        assert_eq!(
            out.text,
            "Tiền 1.000 2.000\nTiền 1.000 2.000\nTiền 1.000 2.000"
        );
        // the same table read cell by cell: one line per cell
        let cells: Vec<Word> = words
            .iter()
            .enumerate()
            .map(|(i, w)| Word {
                line: [1, 1, i as u32],
                ..w.clone()
            })
            .collect();
        assert!(!keeps_rows(&words, &cells));
        assert!(keeps_rows(&words, &words));
    }

    #[test]
    fn digits_read_with_low_symbol_confidence_are_doubtful() {
        let mut words = vec![
            word("1996", 10, 20, [1, 1, 1]),
            word("27", 60, 20, [1, 1, 1]),
        ];
        let hocr = "<span class='ocrx_word' id='word_1_1' title='bbox 10 20 50 40; x_wconf 90'>\
            <span class='ocrx_cinfo' title='x_bboxes 10 20 20 40; x_conf 99.1'>1</span>\
            <span class='ocrx_cinfo' title='x_bboxes 20 20 30 40; x_conf 41.5'>9</span></span>\
            <span class='ocrx_word' id='word_1_2' title='bbox 60 20 100 40; x_wconf 95'>\
            <span class='ocrx_cinfo' title='x_bboxes 60 20 80 40; x_conf 97'>2</span></span>";
        mark_doubtful(&mut words, hocr);
        assert!(words[0].doubtful);
        assert!(!words[1].doubtful);
    }

    #[test]
    fn tidy_text_trims_line_ends() {
        assert_eq!(tidy_text("a  \nb\n\n\n"), "a\nb");
    }
}
