//! Doubt is data: a value built from digits OCR was unsure of is marked.
//!
//! OCR marks a word `doubtful` when Tesseract read one of its digits with
//! low confidence (a handwritten fill-in, a smudged number: see
//! `ocr::mark_doubtful`). A number read from such a word may be wrong
//! however well it passes its own checks — a CCCD with one digit misread
//! still has a valid province code — so every extracted value whose digits
//! stand on a doubtful word carries a check in state
//! [`CheckState::Doubtful`]: it is shown, listed by `sohoa review`, and
//! never reported as valid.
//!
//! A value's digits are looked for around each doubtful word, on its line
//! (the word and up to four neighbours each side: "ngày 26 tháng 11 năm
//! 2022" and "027 048 001 234" are several words), in the forms the value
//! may be printed in (a date as day-month-year, with or without leading
//! zeros).

use super::analyse::{Analysis, Check, CheckState};
use crate::store::PageRecord;
use serde_json::Value;

/// Keys whose values are made of digits OCR may misread.
const DIGIT_KEYS: [&str; 8] = [
    "document_no",
    "signed_date",
    "date_of_birth",
    "citizen_id",
    "social_insurance_no",
    "health_insurance_no",
    "phone",
    "amount_vnd",
];

/// Neighbours on each side of a doubtful word that a value may span.
const WINDOW: usize = 4;

/// Mark every value of `analysis` whose digits stand on a doubtful word.
pub(super) fn mark(analysis: &mut Analysis, pages: &[PageRecord]) {
    let windows = doubtful_windows(pages);
    if windows.is_empty() {
        return;
    }
    for key in DIGIT_KEYS {
        let values: Vec<String> = analysis
            .fields
            .get(key)
            .into_iter()
            .flatten()
            .filter_map(value_text)
            .collect();
        for value in values {
            let forms = digit_forms(key, &value);
            let Some(page) = windows
                .iter()
                .find(|w| forms.iter().any(|f| w.covers(f)))
                .map(|w| w.page)
            else {
                continue;
            };
            let reason =
                format!("read from digits OCR was unsure of (page {page}): compare with the paper");
            match analysis
                .checks
                .iter_mut()
                .find(|c| c.key == key && c.value == value)
            {
                Some(c) => {
                    c.valid = false;
                    c.check = CheckState::Doubtful;
                    c.reason = format!("{reason}; {}", c.reason);
                }
                None => analysis.checks.push(Check {
                    key: key.to_string(),
                    value,
                    valid: false,
                    check: CheckState::Doubtful,
                    reason,
                    page: Some(page),
                    suggested: None,
                }),
            }
        }
    }
}

fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The digits of a doubtful word and of its neighbours on the line.
#[derive(Debug)]
struct Window {
    /// 1-based page of the dossier.
    page: usize,
    /// Digits of the window's words, in order.
    digits: String,
    /// Where the doubtful word's digits are in `digits`.
    doubtful: std::ops::Range<usize>,
}

impl Window {
    /// True when `form` occurs in the window over the doubtful digits.
    fn covers(&self, form: &str) -> bool {
        if form.len() < 2 {
            return false;
        }
        self.digits.match_indices(form).any(|(at, m)| {
            let span = at..at + m.len();
            span.start < self.doubtful.end && self.doubtful.start < span.end
        })
    }
}

fn digits_of(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn doubtful_windows(pages: &[PageRecord]) -> Vec<Window> {
    let mut out = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let words = &page.words;
        for (i, w) in words.iter().enumerate() {
            if !w.doubtful || digits_of(&w.text).is_empty() {
                continue;
            }
            let same_line = |j: &usize| words[*j].line == w.line;
            let from = (i.saturating_sub(WINDOW)..i)
                .rev()
                .take_while(same_line)
                .last()
                .unwrap_or(i);
            let to = (i + 1..(i + 1 + WINDOW).min(words.len()))
                .take_while(same_line)
                .last()
                .unwrap_or(i);
            let mut digits = String::new();
            let mut doubtful = 0..0;
            for (j, word) in words.iter().enumerate().take(to + 1).skip(from) {
                let d = digits_of(&word.text);
                if j == i {
                    doubtful = digits.len()..digits.len() + d.len();
                }
                digits.push_str(&d);
            }
            out.push(Window {
                page: n + 1,
                digits,
                doubtful,
            });
        }
    }
    out
}

/// The digit strings a value may have been printed as.
fn digit_forms(key: &str, value: &str) -> Vec<String> {
    let mut forms = Vec::new();
    let is_date = matches!(key, "signed_date" | "date_of_birth");
    let parts: Vec<&str> = value.split('-').collect();
    if is_date && parts.len() == 3 && parts.iter().all(|p| p.parse::<u32>().is_ok()) {
        let (y, m, d) = (parts[0], parts[1], parts[2]);
        let trim = |s: &str| s.trim_start_matches('0').to_string();
        for dd in [d.to_string(), trim(d)] {
            for mm in [m.to_string(), trim(m)] {
                forms.push(format!("{dd}{mm}{y}"));
            }
        }
        forms.push(format!("{y}{m}{d}"));
    } else {
        forms.push(digits_of(value));
    }
    forms.sort();
    forms.dedup();
    forms
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::Word;

    fn word(text: &str, line: u32, doubtful: bool) -> Word {
        Word {
            text: text.into(),
            bbox: [0, 0, 10, 10],
            confidence: 90.0,
            line: [1, 1, line],
            doubtful,
        }
    }

    fn window(words: &[Word]) -> Vec<Window> {
        let mut page = PageRecord::for_test("hồ sơ", "a.jpg", "");
        page.words = words.to_vec();
        doubtful_windows(&[page])
    }

    #[test]
    fn a_date_spread_over_words_is_covered_by_its_doubtful_day() {
        let w = window(&[
            word("ngày", 1, false),
            word("26", 1, true),
            word("tháng", 1, false),
            word("11", 1, false),
            word("năm", 1, false),
            word("2022", 1, false),
        ]);
        let forms = digit_forms("signed_date", "2022-11-26");
        assert!(forms.iter().any(|f| w[0].covers(f)), "{w:?} {forms:?}");
        // another date on the line is not
        let other = digit_forms("signed_date", "2021-11-26");
        assert!(!other.iter().any(|f| w[0].covers(f)));
    }

    #[test]
    fn an_id_in_groups_is_covered_only_where_the_doubtful_group_is() {
        let words = [
            word("Số", 1, false),
            word("CCCD:", 1, false),
            word("027", 1, false),
            word("048", 1, true),
            word("001", 1, false),
            word("234", 1, false),
            word("0912345678", 2, false),
        ];
        let w = window(&words);
        assert_eq!(w.len(), 1);
        assert!(w[0].covers("027048001234"));
        // the phone on the next line is another line: not covered
        assert!(!w[0].covers("0912345678"));
        // digits beside the doubtful group but not over it are not covered
        assert!(!w[0].covers("001234"));
    }
}
