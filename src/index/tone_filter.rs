//! The exact field's one token filter: the tone mark of the open syllables
//! -oa, -oe, -uy in one place, so "hoà" and "hòa" are one word (tantivy keeps
//! a filter per file; so does sohoa).

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// One place for the tone mark of the open syllables -oa, -oe and -uy:
/// the old style puts it on the last vowel (hoà, khoẻ, thuỷ), the new style
/// on the one before (hòa, khỏe, thủy). Both become the new style, so the
/// exact field treats them as one word; "quý" (qu + y) and closed syllables
/// (hoàng, khuyến), where both styles agree, are left alone. Lower-case NFC
/// in and out.
pub fn canonical_tones(word: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    if word.is_ascii() {
        return word.into();
    }
    let nfd: Vec<char> = word.nfd().collect();
    // Base letters with their non-tone marks, and the tone (if any) and the
    // index of the base letter it sits on.
    let mut bases: Vec<(char, Vec<char>)> = Vec::new();
    let mut tone: Option<(char, usize)> = None;
    for &c in &nfd {
        if TONES.contains(&c) {
            if bases.is_empty() || tone.is_some() {
                return word.into();
            }
            tone = Some((c, bases.len() - 1));
        } else if unicode_normalization::char::is_combining_mark(c) {
            match bases.last_mut() {
                Some(b) => b.1.push(c),
                None => return word.into(),
            }
        } else {
            bases.push((c, Vec::new()));
        }
    }
    let Some((mark, at)) = tone else {
        return word.into();
    };
    let n = bases.len();
    if n < 2 || at != n - 1 {
        return word.into();
    }
    let (a, b) = (&bases[n - 2], &bases[n - 1]);
    let plain = a.1.is_empty() && b.1.is_empty();
    let pair = matches!((a.0, b.0), ('o', 'a') | ('o', 'e') | ('u', 'y'));
    let after_q = a.0 == 'u' && n >= 3 && bases[n - 3].0 == 'q';
    if !plain || !pair || after_q {
        return word.into();
    }
    let mut out = String::with_capacity(word.len());
    for (i, (c, marks)) in bases.iter().enumerate() {
        out.push(*c);
        out.extend(marks.iter());
        if i == n - 2 {
            out.push(mark);
        }
    }
    out.nfc().collect::<String>().into()
}

/// Token filter applying [`canonical_tones`] (after lower-casing).
#[derive(Clone)]
pub struct ToneNormaliser;

impl TokenFilter for ToneNormaliser {
    type Tokenizer<T: Tokenizer> = ToneNormaliserFilter<T>;
    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        ToneNormaliserFilter(tokenizer)
    }
}

#[derive(Clone)]
pub struct ToneNormaliserFilter<T>(T);

impl<T: Tokenizer> Tokenizer for ToneNormaliserFilter<T> {
    type TokenStream<'a> = ToneNormaliserStream<T::TokenStream<'a>>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ToneNormaliserStream(self.0.token_stream(text))
    }
}

pub struct ToneNormaliserStream<T>(T);

impl<T: TokenStream> TokenStream for ToneNormaliserStream<T> {
    fn advance(&mut self) -> bool {
        if !self.0.advance() {
            return false;
        }
        let text = &mut self.0.token_mut().text;
        if let std::borrow::Cow::Owned(s) = canonical_tones(text) {
            *text = s;
        }
        true
    }
    fn token(&self) -> &Token {
        self.0.token()
    }
    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_and_new_tone_placement_are_one_word() {
        for (old, new) in [
            ("hoà", "hòa"),
            ("thuỷ", "thủy"),
            ("khoẻ", "khỏe"),
            ("hoá", "hóa"),
        ] {
            assert_eq!(canonical_tones(old), new, "{old}");
            assert_eq!(canonical_tones(new), new, "{new}");
        }
        for same in ["quý", "hoàng", "khuyến", "trần", "thuế", "nguyễn", "bay"] {
            assert_eq!(canonical_tones(same), same);
        }
        // Decomposed input comes out composed.
        assert_eq!(canonical_tones("hoa\u{300}"), "hòa");
    }
}
