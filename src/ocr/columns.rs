//! The two-column bands of a Vietnamese administrative page (issuer |
//! national motto at the top, "Nơi nhận" | signer at the foot), which
//! Tesseract reads row by row across the gap, put in column order, left
//! column first, from the word boxes; a table in the body keeps its rows.

use super::words::{from_words, lines_of};
use super::{OcrOutput, Word};

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
pub(super) fn read_bands_by_column(out: OcrOutput, page_width: u32) -> (OcrOutput, u32) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::words::keeps_rows;
    use crate::ocr::words::tests::word;

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
}
