//! Lines of a page as the rules read them.
//!
//! Every rule matches its labels against a *folded* copy of a line (tone
//! marks dropped, đ→D, upper case), so that toneless or mark-damaged OCR
//! ("Ngáy sinh", "Ho va ten") still matches, and cuts its value out of the
//! NFC text through a byte map between the two. Digit look-alikes inside
//! digit runs ("2O22", "l948") are repaired before anything else, without
//! changing byte lengths. Rules slice only through these maps, which is why
//! no input makes them panic. The `re` helper the rules build their regexes
//! with (each rule's regexes are matched against the folded line unless
//! their comment says otherwise), and `clean_value`, the trimming every cut
//! value gets, live here too.

use regex::Regex;

/// Longer lines are cut (at a char boundary) before processing; OCR lines
/// are never anywhere near this long, and the byte maps stay small.
const MAX_LINE_BYTES: usize = 1 << 20;

/// One line: its NFC text (with OCR digit repair) and a folded copy with a
/// byte map back into the text.
pub(super) struct Line {
    pub(super) text: String,
    pub(super) folded: String,
    /// For each byte of `folded`: start / end byte in `text` of the source char.
    fstart: Vec<u32>,
    fend: Vec<u32>,
}

impl Line {
    pub(super) fn new(raw: &str) -> Line {
        let raw = cut_at_char_boundary(raw, MAX_LINE_BYTES);
        let text = fix_digit_runs(raw);
        let mut folded = String::with_capacity(text.len());
        let mut fstart = Vec::with_capacity(text.len());
        let mut fend = Vec::with_capacity(text.len());
        for (i, c) in text.char_indices() {
            let before = folded.len();
            fold_char_into(c, &mut folded);
            let (s, e) = (i as u32, (i + c.len_utf8()) as u32);
            for _ in before..folded.len() {
                fstart.push(s);
                fend.push(e);
            }
        }
        Line {
            text,
            folded,
            fstart,
            fend,
        }
    }

    pub(super) fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Byte in `text` where the folded byte `f` starts.
    fn ostart(&self, f: usize) -> usize {
        self.fstart.get(f).map_or(self.text.len(), |&v| v as usize)
    }

    /// Byte in `text` where a folded range ending (exclusive) at `f` ends.
    fn oend(&self, f: usize) -> usize {
        if f == 0 {
            return 0;
        }
        self.fend
            .get(f - 1)
            .map_or(self.text.len(), |&v| v as usize)
    }

    /// The original text of the folded range `fs..fe`.
    pub(super) fn orig(&self, fs: usize, fe: usize) -> &str {
        let s = self.ostart(fs);
        let e = self.oend(fe).max(s);
        self.text.get(s..e).unwrap_or("")
    }

    /// The original text from folded byte `fs` to the end of the line.
    pub(super) fn orig_from(&self, fs: usize) -> &str {
        self.text.get(self.ostart(fs)..).unwrap_or("")
    }
}

fn cut_at_char_boundary(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

pub(super) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Tone-insensitive form of one char: the project's folding
/// ([`crate::text::fold_char`]), upper case like the label patterns.
fn fold_char_into(c: char, out: &mut String) {
    crate::text::fold_char(c, |d| {
        if d.is_ascii() {
            out.push(d.to_ascii_uppercase());
        } else {
            out.extend(d.to_uppercase());
        }
    });
}

/// Folded copy of a whole string (for small comparisons): the shared
/// search folding, upper-cased like the label patterns.
pub(super) fn fold(s: &str) -> String {
    crate::text::fold(s).to_uppercase()
}

fn is_digit_like(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, 'O' | 'o' | 'I' | 'l')
}

/// OCR repair inside digit runs: a maximal run of digits and O/o/I/l that
/// holds at least one real digit and is not glued to other letters becomes
/// all digits ("2O22" → "2022", "l948" → "1948", "I9" → "19"). Byte lengths
/// are unchanged (all four letters are one byte, like the digits).
fn fix_digit_runs(s: &str) -> String {
    if !s.chars().any(|c| matches!(c, 'O' | 'o' | 'I' | 'l')) {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if !is_digit_like(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        let mut has_digit = false;
        while i < chars.len() && is_digit_like(chars[i]) {
            has_digit |= chars[i].is_ascii_digit();
            i += 1;
        }
        let glued = (start > 0 && chars[start - 1].is_alphabetic())
            || (i < chars.len() && chars[i].is_alphabetic());
        let fix = has_digit && !glued;
        for &c in &chars[start..i] {
            out.push(match c {
                'O' | 'o' if fix => '0',
                'I' | 'l' if fix => '1',
                c => c,
            });
        }
    }
    out
}

pub(super) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

/// Whitespace collapsed; leading/trailing punctuation, dots leaders and
/// underlines removed.
pub(super) fn clean_value(s: &str) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '.' | ',' | ';' | ':' | '-' | '–' | '—' | '_' | '…' | '=' | '*' | '|' | '"'
                )
        })
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_line_maps_back_to_the_text() {
        let line = Line::new("Họ và tên: Đỗ Thị Ễ, ß");
        assert_eq!(line.folded, "HO VA TEN: DO THI E, SS");
        let at = line.folded.find("DO THI").expect("folded name");
        assert_eq!(line.orig(at, at + "DO THI".len()), "Đỗ Thị");
        assert_eq!(line.orig_from(line.folded.len() - 2), "ß");
        // The folded copy of a line is the folding of small comparisons.
        assert_eq!(line.folded, fold(&line.text));
        // A mark left alone after NFC folds to nothing and maps nowhere.
        let line = Line::new("\u{301}A");
        assert_eq!(line.folded, "A");
        assert_eq!(line.orig(0, 1), "A");
    }

    #[test]
    fn digit_repair() {
        assert_eq!(fix_digit_runs("năm l948, 2O22, I9"), "năm 1948, 2022, 19");
        assert_eq!(fix_digit_runs("Hoà Long Ol"), "Hoà Long Ol");
        assert_eq!(fix_digit_runs("HN4O7"), "HN4O7");
        assert_eq!(fold("Độc lập - Tự do"), "DOC LAP - TU DO");
        assert_eq!(fold("Ngáy sinh"), "NGAY SINH");
    }
}
