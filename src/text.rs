//! Vietnamese text rules shared by every stage.
//!
//! OCR output, file names and queries reach us in several Unicode forms:
//! macOS and some input methods produce NFD, and tantivy's tokenizer splits a
//! word at every combining mark. So every text is brought to NFC before it is
//! stored, compared or tokenised, and searching without tone marks goes
//! through one `fold` function (đ→d, ễ→e, …) used alike by indexing, search
//! and snippets; field extraction folds each char of a line with the same
//! `fold_char`. Natural ordering of page file names lives here as well.

use std::cmp::Ordering;
use unicode_normalization::UnicodeNormalization;

/// NFC form of `s`.
pub fn nfc(s: &str) -> String {
    // Text from the store is NFC already: checking is much cheaper than
    // decomposing and composing it again.
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return s.to_string();
    }
    s.nfc().collect()
}

/// Lower-cased, tone- and mark-free form: "Trần Văn Bảy" → "tran van bay",
/// "Đường" → "duong". Same mapping as tantivy's `AsciiFoldingFilter` on
/// Vietnamese letters, so a query folded here matches the folded index field.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, |d| {
            if d.is_ascii() {
                out.push(d.to_ascii_lowercase());
            } else {
                out.extend(d.to_lowercase());
            }
        });
    }
    out
}

/// How one char folds, case kept: its canonical decomposition without the
/// combining marks U+0300–U+036F (tones, breve, circumflex, horn), and đ/Đ
/// as `d`, also the look-alikes ð/Ð OCR emits (tantivy's folding maps them
/// to d too). `emit` gets each resulting
/// char: none for a lone mark, one for a Vietnamese letter. The one
/// definition of folding: [`fold`] lower-cases what it gets, extraction's
/// folded lines upper-case it (and map each folded byte back to its char).
pub fn fold_char(c: char, mut emit: impl FnMut(char)) {
    match c {
        c if c.is_ascii() => emit(c),
        'đ' | 'Đ' | 'ð' | 'Ð' => emit('d'),
        '\u{0300}'..='\u{036f}' => {}
        c => unicode_normalization::char::decompose_canonical(c, |d| match d {
            '\u{0300}'..='\u{036f}' => {}
            'đ' | 'Đ' | 'ð' | 'Ð' => emit('d'),
            d => emit(d),
        }),
    }
}

/// Words of `s` as byte ranges: maximal runs of alphanumeric characters, the
/// same rule as tantivy's `SimpleTokenizer`, so snippets mark exactly the
/// tokens the index matched.
pub fn word_spans(s: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                spans.push((st, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        spans.push((st, s.len()));
    }
    spans
}

/// Collapse every whitespace run to one space and trim.
pub fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A file name or path for one line of text output: control characters
/// (a newline in a file name, an escape sequence) written as Rust escapes
/// (`\n`, `\u{1b}`), backslashes doubled, everything else (Vietnamese
/// letters included) as it is.
pub fn escape(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() || c == '\\') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() || c == '\\' {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// Text for HTML or XML (the web page, a PDF's XMP packet): `& < > " '`
/// as entities, everything else as it is.
pub fn escape_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Natural order of file names: digit runs compare by value, so "trang 2"
/// comes before "trang 10"; letters compare case-insensitively on the NFC
/// form, with the raw names as the final tie-break so the order is total.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (na, nb) = (nfc(a), nfc(b));
    let (mut ia, mut ib) = (na.chars().peekable(), nb.chars().peekable());
    loop {
        match (ia.peek().copied(), ib.peek().copied()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let da = take_digits(&mut ia);
                let db = take_digits(&mut ib);
                let (ta, tb) = (da.trim_start_matches('0'), db.trim_start_matches('0'));
                let ord = ta
                    .len()
                    .cmp(&tb.len())
                    .then_with(|| ta.cmp(tb))
                    .then_with(|| da.len().cmp(&db.len()));
                if ord != Ordering::Equal {
                    return ord;
                }
            }
            (Some(x), Some(y)) => {
                let ord = x.to_lowercase().cmp(y.to_lowercase());
                if ord != Ordering::Equal {
                    return ord;
                }
                ia.next();
                ib.next();
            }
        }
    }
}

fn take_digits(it: &mut std::iter::Peekable<std::str::Chars<'_>>) -> String {
    let mut s = String::new();
    while let Some(c) = it.peek().copied().filter(char::is_ascii_digit) {
        s.push(c);
        it.next();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_keeps_letters_and_shows_controls() {
        assert_eq!(escape("Trần Văn Bảy.png"), "Trần Văn Bảy.png");
        assert_eq!(escape("a\nb\u{1b}[31m"), "a\\nb\\u{1b}[31m");
    }

    #[test]
    fn nfc_composes_decomposed_vietnamese() {
        let nfd = "Tra\u{0302}\u{0300}n Va\u{0306}n Ba\u{0309}y";
        assert_eq!(nfc(nfd), "Trần Văn Bảy");
        assert_eq!(nfc(nfd).chars().count(), 12);
    }

    #[test]
    fn fold_removes_tones_and_maps_d_bar() {
        assert_eq!(fold("Trần Văn Bảy"), "tran van bay");
        assert_eq!(fold("ĐƯỜNG Đông đô"), "duong dong do");
        assert_eq!(fold("Nguyễn Thị Hoà"), "nguyen thi hoa");
        assert_eq!(fold("Tra\u{0302}\u{0300}n"), "tran");
        assert_eq!(fold("245/QĐ-SLĐTBXH"), "245/qd-sldtbxh");
    }

    #[test]
    fn fold_char_keeps_case_and_drops_marks() {
        let f = |c: char| {
            let mut s = String::new();
            fold_char(c, |d| s.push(d));
            s
        };
        assert_eq!(f('Ễ'), "E");
        assert_eq!(f('ư'), "u");
        assert_eq!(f('Đ'), "d");
        assert_eq!(f('Ð'), "d");
        assert_eq!(f('\u{0301}'), "");
        assert_eq!(f('Q'), "Q");
        assert_eq!(f('ß'), "ß");
    }

    #[test]
    fn natural_order_puts_2_before_10() {
        let mut names = vec!["trang 10.jpg", "trang 2.jpg", "Trang 1.jpg", "trang 02.jpg"];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            vec!["Trang 1.jpg", "trang 2.jpg", "trang 02.jpg", "trang 10.jpg"]
        );
        assert_eq!(natural_cmp("a", "a"), Ordering::Equal);
        assert_eq!(natural_cmp("p9", "p10"), Ordering::Less);
        assert_eq!(
            natural_cmp("x99999999999999999999999", "x1"),
            Ordering::Greater
        );
    }

    #[test]
    fn natural_order_ignores_unicode_form() {
        let nfd = "Tra\u{0302}\u{0300}n 2.png";
        assert_eq!(natural_cmp(nfd, "Trần 10.png"), Ordering::Less);
    }

    #[test]
    fn word_spans_follow_alphanumeric_runs() {
        let s = "Ông Trần, số 027048001234.";
        let words: Vec<&str> = word_spans(s).into_iter().map(|(a, b)| &s[a..b]).collect();
        assert_eq!(words, vec!["Ông", "Trần", "số", "027048001234"]);
    }
}
