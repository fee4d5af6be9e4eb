//! The invisible text layer: the stored words, each on its box, so that
//! select, copy and find work on the scan in any PDF viewer.
//!
//! The words are drawn in text render mode 3 (neither filled nor stroked)
//! in a glyphless font: Tesseract's `pdf.ttf` (Apache-2.0, copied into
//! `data/glyphless.ttf`), whose one glyph is an empty box half an em wide.
//! Every character gets a CID of its own, mapped to that glyph
//! (`CIDToGIDMap`) and back to the character (`ToUnicode`), so a viewer
//! copies exactly the stored text, Vietnamese marks included. Each line
//! of the stored text is one line of PDF text in one size (the median
//! height of its words' boxes: a union would grow with the skew of the
//! page, and text extraction would then take the gaps between words for
//! letter spacing) on one baseline that follows the skew of the scan, so
//! that text extraction keeps the line whole; each word starts where its
//! box starts and is stretched (`Tz`) to its box's width, so a search hit
//! is highlighted on the printed word.
//! Lines come in the stored text's order (two-column headers left column
//! first), which is the order text extraction and copy see.

use super::place::Placement;
use crate::ocr::Word;
use crate::store::PageRecord;
use pdf_writer::{Content, Name, Str};
use std::collections::HashMap;

/// Tesseract's glyphless font: two glyphs, `.notdef` and an empty one
/// 1024/2048 em wide.
pub const GLYPHLESS_TTF: &[u8] = include_bytes!("../../data/glyphless.ttf");

/// Advance of the glyphless font's glyph, in thousandths of an em; the
/// font dictionary's `/DW` must say the same (PDF/A checks).
pub const GLYPH_WIDTH: f32 = 500.0;

/// The characters a PDF's text uses, each with its CID (1, 2, … in order
/// of first use, so the same text always gets the same CIDs).
#[derive(Debug, Default)]
pub struct Cids {
    of: HashMap<char, u16>,
    chars: Vec<char>,
}

impl Cids {
    /// The CID of `c`; past 65,535 distinct characters, U+FFFD's.
    pub fn cid(&mut self, c: char) -> u16 {
        if let Some(&cid) = self.of.get(&c) {
            return cid;
        }
        if self.chars.len() >= usize::from(u16::MAX) - 1 {
            return if c == '\u{FFFD}' {
                u16::MAX
            } else {
                self.cid('\u{FFFD}')
            };
        }
        self.chars.push(c);
        let cid = self.chars.len() as u16;
        self.of.insert(c, cid);
        cid
    }

    /// The highest CID given out.
    pub fn max(&self) -> u16 {
        self.chars.len() as u16
    }

    /// The `ToUnicode` CMap: each CID to its character.
    pub fn to_unicode(&self) -> Vec<u8> {
        let info = pdf_writer::types::SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        };
        let mut cmap = pdf_writer::types::UnicodeCmap::new(Name(b"Sohoa-Identity-UCS"), info);
        for (i, &c) in self.chars.iter().enumerate() {
            cmap.pair(i as u16 + 1, c);
        }
        cmap.finish().into_vec()
    }

    /// The `CIDToGIDMap`: every CID (0 too) to glyph 1, two bytes each.
    pub fn cid_to_gid(&self) -> Vec<u8> {
        [0u8, 1].repeat(usize::from(self.max()) + 1)
    }

    /// The two-byte codes of `s`.
    fn encode(&mut self, s: &str) -> Vec<u8> {
        s.chars().flat_map(|c| self.cid(c).to_be_bytes()).collect()
    }
}

/// The record's words grouped by the lines of its stored text, in text
/// order. The text is the words joined by spaces and newlines; for a record
/// where they do not line up (written by another version), the words are
/// grouped by Tesseract's line numbers instead.
pub fn lines(rec: &PageRecord) -> Vec<Vec<&Word>> {
    let words: Vec<&Word> = rec
        .words
        .iter()
        .filter(|w| !w.text.trim().is_empty())
        .collect();
    let mut out = Vec::new();
    let mut next = 0;
    let mut aligned = true;
    for line in rec.text.lines() {
        let mut group = Vec::new();
        for token in line.split_whitespace() {
            match words.get(next) {
                Some(w) if w.text.trim() == token => {
                    group.push(words[next]);
                    next += 1;
                }
                _ => aligned = false,
            }
        }
        if !group.is_empty() {
            out.push(group);
        }
    }
    if aligned && next == words.len() {
        return out;
    }
    let mut out: Vec<Vec<&Word>> = Vec::new();
    for w in words {
        match out.last_mut() {
            Some(group) if group[0].line == w.line => group.push(w),
            _ => out.push(vec![w]),
        }
    }
    out
}

/// Draw the page's words, invisible, in font `font`.
pub fn draw(
    content: &mut Content,
    rec: &PageRecord,
    place: &Placement,
    font: Name,
    cids: &mut Cids,
) {
    let lines = lines(rec);
    if lines.is_empty() {
        return;
    }
    let rects = placed(&lines, place);
    let slope = page_slope(&rects);
    let sizes: Vec<f64> = rects
        .iter()
        .map(|r| median(r.iter().map(|r| r[3] - r[1]).collect()))
        .collect();
    let body = median(sizes.iter().copied().filter(|s| *s > 0.1).collect());
    content.begin_text();
    content.set_text_rendering_mode(pdf_writer::types::TextRenderingMode::Invisible);
    let em = f64::from(GLYPH_WIDTH) / 1000.0;
    for ((line, rects), &size) in lines.iter().zip(&rects).zip(&sizes) {
        let size = if (0.7 * body..=1.4 * body).contains(&size) {
            body
        } else {
            size
        };
        if size.is_nan() || size <= 0.1 {
            continue;
        }
        let base = baseline(rects, slope);
        content.set_font(font, size as f32);
        for (i, (w, r)) in line.iter().zip(rects).enumerate() {
            let text = w.text.trim();
            let n = text.chars().count() as f64;
            let natural = n * em * size;
            let mut width = r[2] - r[0];
            if natural <= 0.0 || width <= 0.0 {
                continue;
            }
            // Text extraction (and copy in most viewers) puts a space
            // between two words only where the gap is over 0.15 of the size
            // or more: boxes of a tight or skewed line nearly touch, so a
            // word is drawn narrower than its box when it must.
            let next = rects.get(i + 1).map(|n| n[0]);
            if let Some(x) = next {
                width = width.min(x - MIN_GAP * size - r[0]).max(0.6 * width);
            }
            // On the line's baseline where it passes the word's start (the
            // page is levelled, so the slope left is under 0.05°, or
            // the words did not agree on one)
            let y = base + slope * r[0];
            content.set_horizontal_scaling(scaling(width, natural));
            content.set_text_matrix([1.0, 0.0, 0.0, 1.0, r[0] as f32, y as f32]);
            content.show(Str(&cids.encode(text)));
            // A space across the gap, so that copied text has it; also
            // after a line's last word, in case the next line goes on at
            // the same height (a word Tesseract read on a line of its own).
            let gap = next.map_or(0.05 * size, |x| (x - r[0] - width).max(0.05 * size));
            content.set_horizontal_scaling(scaling(gap, em * size));
            content.show(Str(&cids.encode(" ")));
        }
    }
    content.end_text();
}

/// How much the page's lines rise, placed by `place`, in points up per
/// point right: what [`Placement::levelled`] takes out.
pub fn slope(rec: &PageRecord, place: &Placement) -> f64 {
    page_slope(&placed(&lines(rec), place))
}

/// Each line's word boxes on the page as `place` puts them (points).
/// Measured once on the scan as drawn, then again once it is levelled.
fn placed(lines: &[Vec<&Word>], place: &Placement) -> Vec<Vec<[f64; 4]>> {
    lines
        .iter()
        .map(|line| line.iter().map(|w| place.rect(w.bbox)).collect())
        .collect()
}

/// The median of `v` (NaN when empty).
fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The slope (points up per point right) of the page's text lines: the
/// median over lines of the slopes between the bottoms of their words
/// (Theil–Sen), so that one word with a descender or a dot below (ạ, ệ,
/// ọ) does not tilt a line. Each word standing on its own box bottom puts
/// neighbours a descender's depth apart, and text extraction then breaks
/// the line in two ("VIỆT" and "NAM" on lines of their own) or reorders
/// it; the skew of the scan is what is left of those differences.
fn page_slope(lines: &[Vec<[f64; 4]>]) -> f64 {
    let mut slopes = Vec::new();
    for rects in lines {
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                let dx = b[0] - a[0];
                if dx.abs() > 1.0 {
                    slopes.push((b[1] - a[1]) / dx);
                }
            }
        }
    }
    let s = median(slopes);
    // beyond a few degrees the boxes are not of one straight line
    if s.is_finite() {
        s.clamp(-0.1, 0.1)
    } else {
        0.0
    }
}

/// Where the line of `rects` crosses x = 0 when it rises by `slope`: the
/// median of its words' bottoms carried back along the slope.
fn baseline(rects: &[[f64; 4]], slope: f64) -> f64 {
    median(rects.iter().map(|r| r[1] - slope * r[0]).collect())
}

/// Least gap between two words of a line, in ems of the line's size
/// (poppler puts a space where the gap is over 0.15).
const MIN_GAP: f64 = 0.2;

/// `Tz` that makes `natural` points of text `width` points wide, kept
/// within what viewers handle.
fn scaling(width: f64, natural: f64) -> f32 {
    (100.0 * width / natural).clamp(1.0, 10_000.0) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, bbox: [u32; 4], line: u32) -> Word {
        Word {
            text: text.into(),
            bbox,
            confidence: 90.0,
            line: [1, 1, line],
            doubtful: false,
        }
    }

    /// A big-endian u16 of a TrueType table.
    fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> &'a [u8] {
        let n = u16::from_be_bytes([font[4], font[5]]) as usize;
        (0..n)
            .map(|i| &font[12 + 16 * i..28 + 16 * i])
            .find(|rec| &rec[..4] == tag)
            .map(|rec| {
                let off = u32::from_be_bytes(rec[8..12].try_into().unwrap()) as usize;
                let len = u32::from_be_bytes(rec[12..16].try_into().unwrap()) as usize;
                &font[off..off + len]
            })
            .unwrap()
    }

    #[test]
    fn the_font_dictionary_width_is_the_glyph_width_of_the_embedded_font() {
        // PDF/A: the widths the PDF states must be the font program's.
        let f = GLYPHLESS_TTF;
        let upem = u16::from_be_bytes(table(f, b"head")[18..20].try_into().unwrap());
        let hmtx = table(f, b"hmtx");
        let advance = u16::from_be_bytes(hmtx[4..6].try_into().unwrap()); // glyph 1
        assert_eq!(f32::from(advance) * 1000.0 / f32::from(upem), GLYPH_WIDTH);
        let glyphs = u16::from_be_bytes(table(f, b"maxp")[4..6].try_into().unwrap());
        assert_eq!(glyphs, 2, "every CID maps to glyph 1, which exists");
    }

    #[test]
    fn cids_are_given_in_order_of_first_use_and_map_back() {
        let mut c = Cids::default();
        assert_eq!(c.encode("Bảy ả"), vec![0, 1, 0, 2, 0, 3, 0, 4, 0, 2]);
        assert_eq!(c.max(), 4);
        let cmap = String::from_utf8(c.to_unicode()).unwrap();
        assert!(cmap.contains("<0002> <1EA3>"), "{cmap}");
        assert!(cmap.contains("<0004> <0020>"), "{cmap}");
        assert_eq!(c.cid_to_gid(), [0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
        // a character outside the BMP maps to its surrogate pair
        c.cid('𝄞');
        assert!(String::from_utf8(c.to_unicode())
            .unwrap()
            .contains("<D834DD1E>"));
    }

    #[test]
    fn words_follow_the_stored_text_lines_even_across_tesseract_lines() {
        // a two-column band: Tesseract's one line, the text's two
        let mut rec = PageRecord::for_test("d", "a.png", "Nơi nhận:\n- Như trên\nGIÁM ĐỐC");
        rec.words = vec![
            word("Nơi", [10, 10, 30, 10], 1),
            word("nhận:", [45, 10, 40, 10], 1),
            word("-", [10, 30, 5, 10], 2),
            word("Như", [20, 30, 30, 10], 2),
            word("trên", [55, 30, 30, 10], 2),
            word("GIÁM", [200, 10, 40, 10], 1),
            word("ĐỐC", [245, 10, 30, 10], 1),
        ];
        let texts: Vec<Vec<&str>> = lines(&rec)
            .iter()
            .map(|l| l.iter().map(|w| w.text.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            vec![
                vec!["Nơi", "nhận:"],
                vec!["-", "Như", "trên"],
                vec!["GIÁM", "ĐỐC"]
            ]
        );
        // text out of step with the words: Tesseract's lines
        rec.text = "something else".into();
        assert_eq!(lines(&rec).len(), 3);
        assert_eq!(lines(&rec)[0].len(), 2);
        assert_eq!(lines(&rec)[2][0].text, "GIÁM");
    }
}
