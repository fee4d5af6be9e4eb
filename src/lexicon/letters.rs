//! A syllable taken apart: each letter as its base (a–z), its shape mark
//! (â ă ơ đ …) and its tone mark, whatever Unicode form it came in. It is
//! apart because loading, the confusion costs and the descriptions of an
//! edit ("ê→ễ") all work on these letters, not on strings.

use unicode_normalization::UnicodeNormalization;

/// The tone marks of Vietnamese (level = none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tone {
    Level,
    Grave,
    Acute,
    Hook,
    Tilde,
    Dot,
}

/// The other marks a letter can carry: â ê ô, ă, ơ ư, đ, and ð (a
/// look-alike Tesseract emits for đ).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    Plain,
    Circumflex,
    Breve,
    Horn,
    Bar,
    Eth,
}

/// One letter: its base (a–z), its shape mark and its tone mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Unit {
    pub(super) base: char,
    pub(super) shape: Shape,
    pub(super) tone: Tone,
}

impl Unit {
    pub(super) fn stacked(&self) -> bool {
        matches!(self.shape, Shape::Circumflex | Shape::Breve | Shape::Horn)
    }

    pub(super) fn compose(&self) -> String {
        let mut s = String::with_capacity(8);
        match self.shape {
            Shape::Bar => s.push('đ'),
            Shape::Eth => s.push('ð'),
            shape => {
                s.push(self.base);
                s.extend(match shape {
                    Shape::Circumflex => Some('\u{302}'),
                    Shape::Breve => Some('\u{306}'),
                    Shape::Horn => Some('\u{31b}'),
                    _ => None,
                });
            }
        }
        s.extend(match self.tone {
            Tone::Level => None,
            Tone::Grave => Some('\u{300}'),
            Tone::Acute => Some('\u{301}'),
            Tone::Hook => Some('\u{309}'),
            Tone::Tilde => Some('\u{303}'),
            Tone::Dot => Some('\u{323}'),
        });
        s.nfc().collect()
    }
}

/// The letters of a lower-case word, or `None` when it has anything but
/// Latin letters with Vietnamese marks (one shape mark and one tone each).
pub(super) fn units(word: &str) -> Option<Vec<Unit>> {
    fn mark(u: &mut Unit, m: char) -> bool {
        let (shape, tone) = match m {
            '\u{302}' => (Some(Shape::Circumflex), None),
            '\u{306}' => (Some(Shape::Breve), None),
            '\u{31b}' => (Some(Shape::Horn), None),
            '\u{300}' => (None, Some(Tone::Grave)),
            '\u{301}' => (None, Some(Tone::Acute)),
            '\u{309}' => (None, Some(Tone::Hook)),
            '\u{303}' => (None, Some(Tone::Tilde)),
            '\u{323}' => (None, Some(Tone::Dot)),
            _ => return false,
        };
        if let Some(s) = shape {
            if u.shape != Shape::Plain {
                return false;
            }
            u.shape = s;
        }
        if let Some(t) = tone {
            if u.tone != Tone::Level {
                return false;
            }
            u.tone = t;
        }
        true
    }
    let mut out: Vec<Unit> = Vec::with_capacity(word.len());
    for c in word.chars() {
        let special = match c {
            'đ' => Some(Shape::Bar),
            'ð' => Some(Shape::Eth),
            _ => None,
        };
        if let Some(shape) = special {
            out.push(Unit {
                base: 'd',
                shape,
                tone: Tone::Level,
            });
            continue;
        }
        if unicode_normalization::char::is_combining_mark(c) {
            if !mark(out.last_mut()?, c) {
                return None;
            }
            continue;
        }
        let mut unit: Option<Unit> = None;
        let mut ok = true;
        unicode_normalization::char::decompose_canonical(c, |d| match unit.as_mut() {
            None => {
                unit = Some(Unit {
                    base: d,
                    shape: Shape::Plain,
                    tone: Tone::Level,
                })
            }
            Some(u) => ok &= mark(u, d),
        });
        let unit = unit?;
        if !ok || !unit.base.is_ascii_lowercase() {
            return None;
        }
        out.push(unit);
    }
    Some(out)
}

pub(super) fn skeleton(units: &[Unit]) -> String {
    units.iter().map(|u| u.base).collect()
}
