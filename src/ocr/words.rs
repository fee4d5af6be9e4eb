//! Tesseract's words as sohoa keeps them: parsed from its TSV (NFC), with
//! the digits hOCR gives a low per-symbol confidence marked doubtful, the
//! specks read as punctuation dropped, and the text rebuilt from the words
//! line by line.

use super::{OcrOutput, Word};
use crate::text::nfc;

/// Confidence below which a "word" of punctuation alone is taken to be
/// specks of dust or toner read as text.
const NOISE_CONFIDENCE: f32 = 60.0;

/// Drop the low-confidence words that have no letter or digit (the `.`,
/// `:`, `-`, `¬` Tesseract reads in the specks of a noisy copy), and
/// rebuild the text from the remaining words, line by line.
pub(super) fn drop_noise(out: OcrOutput) -> OcrOutput {
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
pub(super) fn from_words(words: Vec<Word>) -> OcrOutput {
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
pub(super) fn lines_of(words: &[Word]) -> Vec<std::ops::Range<usize>> {
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
pub(super) fn keeps_rows(first: &[Word], alt: &[Word]) -> bool {
    let (a, b) = (lines_of(first).len(), lines_of(alt).len());
    a == 0 || b as f32 <= MAX_LINE_GROWTH * a as f32 + 3.0
}

/// How many times the first reading's lines an alternative may have and
/// still count as reading the same rows.
const MAX_LINE_GROWTH: f32 = 1.4;

/// Trim trailing spaces on each line and the blank lines at the end.
pub(super) fn tidy_text(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

/// Per-symbol confidence below which a digit is doubtful.
const DOUBTFUL_DIGIT_CONFIDENCE: f32 = 70.0;

/// Mark the words holding a digit Tesseract was unsure of, from the
/// per-symbol confidences (`x_conf`) of its hOCR output, whose words are
/// matched to the TSV words by their boxes.
pub(super) fn mark_doubtful(words: &mut [Word], hocr: &str) {
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
pub(super) fn parse_tsv(tsv: &str) -> Vec<Word> {
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
pub(super) mod tests {
    use super::*;
    use crate::ocr::Word;

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

    /// A word of one line at (x, y), for the tests of this folder.
    pub(crate) fn word(text: &str, x: u32, y: u32, line: [u32; 3]) -> Word {
        Word {
            text: text.into(),
            bbox: [x, y, 40, 20],
            confidence: 95.0,
            line,
            doubtful: false,
        }
    }
}
