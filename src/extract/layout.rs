//! Table rows rebuilt from word boxes.
//!
//! Tesseract's automatic layout sometimes reads a ruled table column by
//! column (every name, then every birth date, then every card number), and
//! the text then has no row left to read a person from. The page record
//! keeps every word with its box and Tesseract line, so the rows can be put
//! back: Tesseract lines that share a band of the page and sit side by side
//! are one printed row.

use crate::ocr::Word;

/// One Tesseract line: its words left to right and its box.
struct Unit {
    left: u32,
    right: u32,
    top: u32,
    bottom: u32,
    text: String,
}

impl Unit {
    fn height(&self) -> u32 {
        self.bottom.saturating_sub(self.top).max(1)
    }
}

/// The page's words as printed rows, top to bottom, each row's Tesseract
/// lines left to right.
pub(super) fn rows_from_words(words: &[Word]) -> String {
    rebuild(words).0
}

/// Whether Tesseract's layout cut printed lines in two: rows whose pieces
/// sit closer than a line height apart (a line split mid-text into two
/// blocks, as on a degraded copy). Header and signature columns are far
/// apart and do not count.
pub(super) fn has_split_lines(words: &[Word]) -> bool {
    rebuild(words).1 > 0
}

/// The rows as text, and how many pieces were joined to a close neighbour.
fn rebuild(words: &[Word]) -> (String, usize) {
    let mut by_line: Vec<([u32; 3], Vec<&Word>)> = Vec::new();
    for w in words.iter().filter(|w| !w.text.trim().is_empty()) {
        match by_line.iter_mut().find(|(id, _)| *id == w.line) {
            Some((_, ws)) => ws.push(w),
            None => by_line.push((w.line, vec![w])),
        }
    }
    let mut units: Vec<Unit> = by_line
        .into_iter()
        .map(|(_, mut ws)| {
            ws.sort_by_key(|w| w.bbox[0]);
            let text = ws
                .iter()
                .map(|w| w.text.trim())
                .collect::<Vec<_>>()
                .join(" ");
            Unit {
                left: ws.iter().map(|w| w.bbox[0]).min().unwrap_or(0),
                right: ws
                    .iter()
                    .map(|w| w.bbox[0].saturating_add(w.bbox[2]))
                    .max()
                    .unwrap_or(0),
                top: ws.iter().map(|w| w.bbox[1]).min().unwrap_or(0),
                bottom: ws
                    .iter()
                    .map(|w| w.bbox[1].saturating_add(w.bbox[3]))
                    .max()
                    .unwrap_or(0),
                text,
            }
        })
        .collect();
    units.sort_by_key(|u| (u.top + u.bottom) / 2);
    let mut rows: Vec<Vec<Unit>> = Vec::new();
    for u in units {
        let fits = |row: &Vec<Unit>| {
            row.iter().all(|o| u.right <= o.left || u.left >= o.right)
                && row.iter().any(|o| {
                    let overlap = u.bottom.min(o.bottom).saturating_sub(u.top.max(o.top));
                    overlap * 2 >= u.height().min(o.height())
                })
        };
        // Only the last few rows can share a band with a unit further down.
        let n = rows.len();
        match rows[n.saturating_sub(3)..].iter().position(fits) {
            Some(k) => rows[n.saturating_sub(3) + k].push(u),
            None => rows.push(vec![u]),
        }
    }
    for row in &mut rows {
        row.sort_by_key(|u| u.left);
    }
    rows.sort_by_key(|r| r.iter().map(|u| u.top).min().unwrap_or(0));
    let mut splits = 0;
    let text = rows
        .iter()
        .map(|r| {
            let mut line = String::new();
            for (k, u) in r.iter().enumerate() {
                if k > 0 {
                    let prev = &r[k - 1];
                    let gap = u.left.saturating_sub(prev.right);
                    let h = u.height().min(prev.height());
                    if gap < h {
                        splits += 1;
                    }
                    // Cut inside a word ("Tí" | "ch"): no space between.
                    if gap * 8 >= h {
                        line.push(' ');
                    }
                }
                line.push_str(&u.text);
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n");
    (text, splits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, l: u32, t: u32, block: u32, line: u32) -> Word {
        Word {
            text: text.to_string(),
            bbox: [l, t, 20 * text.chars().count() as u32, 40],
            confidence: 90.0,
            line: [block, 1, line],
            doubtful: false,
        }
    }

    #[test]
    fn columns_read_one_after_the_other_become_rows() {
        // Tesseract read the name column (block 1), then the year column
        // (block 2), then the ID column (block 3); row 2 sits a little lower
        // in the right columns (skew).
        let words = vec![
            word("DANH", 100, 10, 0, 0),
            word("SÁCH", 200, 10, 0, 0),
            word("Nguyễn", 100, 100, 1, 0),
            word("Văn", 260, 100, 1, 0),
            word("An", 340, 100, 1, 0),
            word("Lê", 100, 160, 1, 1),
            word("Thị", 160, 160, 1, 1),
            word("Mai", 240, 160, 1, 1),
            word("1985", 600, 103, 2, 0),
            word("1990", 600, 166, 2, 1),
            word("027085001234", 800, 104, 3, 0),
            word("027190004321", 800, 168, 3, 1),
        ];
        assert_eq!(
            rows_from_words(&words),
            "DANH SÁCH\nNguyễn Văn An 1985 027085001234\nLê Thị Mai 1990 027190004321"
        );
    }

    #[test]
    fn a_line_cut_into_two_blocks_is_joined() {
        // "Nơi thường trú: thôn Phật Tí" (block 1) and "ch, xã Phật Tích"
        // (block 2) on the same printed line, 2 px apart.
        let mut words = vec![word("Nơi", 100, 300, 1, 0), word("Tí", 300, 300, 1, 0)];
        words.push(word("ch,", 342, 301, 2, 0));
        words.push(word("xã", 420, 301, 2, 0));
        assert!(has_split_lines(&words));
        assert_eq!(rows_from_words(&words), "Nơi Tích, xã");
        // Header columns far apart are not a split line.
        let header = vec![word("UBND", 100, 10, 0, 0), word("CỘNG", 900, 12, 1, 0)];
        assert!(!has_split_lines(&header));
        assert_eq!(rows_from_words(&header), "UBND CỘNG");
    }

    #[test]
    fn no_words_no_rows() {
        assert_eq!(rows_from_words(&[]), "");
    }
}
