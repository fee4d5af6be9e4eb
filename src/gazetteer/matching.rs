//! Reading a text against the table: words and what lies between them,
//! kind words ("xã", "TP", "H."), every reading of some words as a unit
//! (candidates, scored) and the choice among them of the readings whose
//! units nest. It is apart from the public API because it holds the
//! module's heuristics, the rules and scores that decide which words name
//! which unit; the public functions call [`tokens`], [`candidates`] and
//! [`choose`], and [`type_len`] and [`type_before`] for a bare name.

use std::collections::HashMap;
use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use super::data::GAZETTEER;
use super::{Era, Kind, Level, Unit};
use crate::index::canonical_tones;
use crate::text::fold;

/// Longest name, in words, looked up.
const MAX_WORDS: usize = 7;
/// Words allowed between two units of one address ("xã A (nay là …), huyện B").
const MAX_GAP: usize = 4;

pub(super) struct Token {
    range: Range<usize>,
    /// `fold` of the word.
    pub(super) folded: String,
    /// Lower-case NFC with the new tone placement, to tell exact spellings.
    exact: String,
    has_marks: bool,
    /// Some word of the text has marks: then a kind word must have its own
    /// ("Xa Lắm" is no "xã Lắm").
    marked_text: bool,
    /// What lies between the previous token (or the start) and this one.
    gap: Gap,
}

#[derive(Clone, Copy, Default)]
struct Gap {
    /// At the start or end of the text.
    edge: bool,
    /// `, ; : ( ) [ ] |` or a line break: never inside a name.
    hard: bool,
    /// A dash or slash (`- – — /`): may sit inside a name ("Bà Rịa - Vũng
    /// Tàu") and also separates address parts.
    soft: bool,
    dot: bool,
    /// No space at all ("P14", "TP.HCM").
    glued: bool,
}

fn gap_of(s: &str, edge: bool) -> Gap {
    let mut g = Gap {
        edge,
        glued: s.is_empty(),
        ..Gap::default()
    };
    for c in s.chars() {
        match c {
            ',' | ';' | ':' | '(' | ')' | '[' | ']' | '|' | '\n' | '\r' => g.hard = true,
            '-' | '–' | '—' | '/' => g.soft = true,
            '.' => g.dot = true,
            _ => {}
        }
    }
    g
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

pub(super) fn tokens(text: &str) -> Vec<Token> {
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push(s..text.len());
    }
    // "P14", "Q1": the kind letter glued to the number.
    let mut split = Vec::with_capacity(spans.len());
    for r in spans {
        let w = &text[r.clone()];
        let b = w.as_bytes();
        if b.len() >= 2
            && matches!(b[0], b'p' | b'P' | b'q' | b'Q')
            && b[1..].iter().all(u8::is_ascii_digit)
        {
            split.push(r.start..r.start + 1);
            split.push(r.start + 1..r.end);
        } else {
            split.push(r);
        }
    }
    let mut out = Vec::with_capacity(split.len());
    let mut prev_end = 0;
    for (k, r) in split.iter().enumerate() {
        let w = &text[r.clone()];
        let exact: String = w.nfc().collect::<String>().to_lowercase();
        let exact = canonical_tones(&exact).into_owned();
        out.push(Token {
            range: r.clone(),
            folded: fold(w),
            has_marks: !w.is_ascii(),
            marked_text: false,
            exact,
            gap: gap_of(&text[prev_end..r.start], k == 0),
        });
        prev_end = r.end;
    }
    if out.iter().any(|t| t.has_marks) {
        for t in &mut out {
            t.marked_text = true;
        }
    }
    out
}

/// The gap after token `i`.
fn gap_after(text: &str, toks: &[Token], i: usize) -> Gap {
    match toks.get(i + 1) {
        Some(t) => t.gap,
        None => gap_of(&text[toks[i].range.end..], true),
    }
}

/// What a kind word before a name says about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TypeWord {
    Xa,
    Phuong,
    ThiTran,
    DacKhu,
    Huyen,
    Quan,
    ThiXa,
    /// District-level city or centrally governed city.
    ThanhPho,
    Tinh,
    /// "Thủ đô Hà Nội".
    ThuDo,
}

impl TypeWord {
    /// Whether a unit of `kind` can follow this kind word: `Some(true)` for
    /// its own word, `Some(false)` for another word of its level ("huyện
    /// Thuận Thành" for what is now Thị xã Thuận Thành), `None` for a word
    /// of another level.
    pub(super) fn fits(self, kind: Kind) -> Option<bool> {
        use Kind as K;
        use TypeWord as T;
        match (self, kind) {
            (T::Xa, K::Xa)
            | (T::Phuong, K::Phuong)
            | (T::ThiTran, K::ThiTran)
            | (T::DacKhu, K::DacKhu)
            | (T::Huyen, K::Huyen)
            | (T::Quan, K::Quan)
            | (T::ThiXa, K::ThiXa)
            | (T::ThanhPho, K::ThanhPho | K::ThanhPhoTrungUong)
            | (T::ThuDo, K::ThanhPhoTrungUong)
            | (T::Tinh, K::Tinh) => Some(true),
            (T::ThanhPho, K::Quan | K::Huyen | K::ThiXa) => Some(false),
            (T::ThanhPho, _) => None,
            (T::Xa | T::Phuong | T::ThiTran | T::DacKhu, _) => {
                (kind.level() == Level::Commune).then_some(false)
            }
            (T::Huyen | T::Quan | T::ThiXa, _) => {
                (kind.level() == Level::District).then_some(false)
            }
            (T::Tinh | T::ThuDo, _) => (kind.level() == Level::Province).then_some(false),
        }
    }
}

/// The kind word(s) `toks` form, if they are one.
fn type_word(toks: &[&Token], dot_after: bool, digit_after: bool) -> Option<TypeWord> {
    // With marks the spelling must be the kind word's own ("Tĩnh" is no
    // "tỉnh"); without, only in a text without marks at all.
    let is = |t: &Token, folded: &str, exact: &str| {
        t.folded == folded
            && if t.has_marks {
                t.exact == exact
            } else {
                !t.marked_text || folded == exact
            }
    };
    match toks {
        [a, b] if !b.gap.hard && !b.gap.soft && !b.gap.dot => {
            if is(a, "thi", "thị") && is(b, "tran", "trấn") {
                Some(TypeWord::ThiTran)
            } else if is(a, "thi", "thị") && is(b, "xa", "xã") {
                Some(TypeWord::ThiXa)
            } else if is(a, "thanh", "thành") && is(b, "pho", "phố") {
                Some(TypeWord::ThanhPho)
            } else if is(a, "dac", "đặc") && is(b, "khu", "khu") {
                Some(TypeWord::DacKhu)
            } else if is(a, "thu", "thủ") && is(b, "do", "đô") {
                Some(TypeWord::ThuDo)
            } else {
                None
            }
        }
        [a] => {
            let t = match a.folded.as_str() {
                "xa" if is(a, "xa", "xã") => TypeWord::Xa,
                "phuong" if is(a, "phuong", "phường") => TypeWord::Phuong,
                "huyen" if is(a, "huyen", "huyện") => TypeWord::Huyen,
                "quan" if is(a, "quan", "quận") => TypeWord::Quan,
                "tinh" if is(a, "tinh", "tỉnh") => TypeWord::Tinh,
                "tp" => TypeWord::ThanhPho,
                "tx" => TypeWord::ThiXa,
                "tt" => TypeWord::ThiTran,
                "p" if dot_after || digit_after => TypeWord::Phuong,
                "q" if dot_after || digit_after => TypeWord::Quan,
                "x" if dot_after => TypeWord::Xa,
                "h" if dot_after => TypeWord::Huyen,
                _ => return None,
            };
            Some(t)
        }
        _ => None,
    }
}

/// The kind word just before token `i`: its first token and what it says.
pub(super) fn type_before(toks: &[Token], i: usize) -> Option<(usize, TypeWord)> {
    let gap = toks.get(i)?.gap;
    if i == 0 || gap.hard || gap.soft {
        return None;
    }
    let digit_after = gap.glued && toks[i].folded.bytes().all(|b| b.is_ascii_digit());
    if i >= 2 {
        if let Some(t) = type_word(&[&toks[i - 2], &toks[i - 1]], gap.dot, digit_after) {
            return Some((i - 2, t));
        }
    }
    type_word(&[&toks[i - 1]], gap.dot, digit_after).map(|t| (i - 1, t))
}

/// Number of leading tokens that are a kind word ("phường Trí Quả" → 1).
pub(super) fn type_len(toks: &[Token]) -> usize {
    for n in [2, 1] {
        if toks.len() > n {
            if let Some((s, _)) = type_before(toks, n) {
                if s == 0 {
                    return n;
                }
            }
        }
    }
    0
}

/// One reading of some words of the text as a unit.
#[derive(Debug)]
pub(super) struct Cand {
    pub(super) unit: Unit,
    /// Tokens, the kind word included.
    pub(super) tok: Range<usize>,
    pub(super) span: Range<usize>,
    pub(super) typed: bool,
    pub(super) exact: bool,
    pub(super) alias: bool,
    /// Typed, or a whole address part on its own.
    anchored: bool,
    pub(super) score: i32,
}

const TYPED_SAME: i32 = 300;
const TYPED_LEVEL: i32 = 250;
const UNTYPED: i32 = 100;
const EXACT: i32 = 50;
const FORMER: i32 = -25;
const PER_WORD: i32 = 5;
/// An old address ending with its new province's name.
const OTHER_ERA: i32 = -30;
/// A bare name that is a province's and a district's or commune's ("Bắc
/// Ninh", "Hà Tĩnh") means the province.
const BARE_PROVINCE: i32 = 10;

pub(super) fn candidates(text: &str, toks: &[Token]) -> Vec<Cand> {
    let g = &*GAZETTEER;
    let mut out = Vec::new();
    let mut key = String::new();
    for i in 0..toks.len() {
        let ty = type_before(toks, i);
        key.clear();
        let mut exact_key = String::new();
        for j in i..toks.len().min(i + MAX_WORDS) {
            if j > i && (toks[j].gap.hard || toks[j].gap.dot) {
                break;
            }
            key.push_str(&toks[j].folded);
            exact_key.push_str(&toks[j].exact);
            let Some(entries) = g.by_key.get(key.as_str()) else {
                continue;
            };
            let numeric = key.bytes().all(|b| b.is_ascii_digit());
            let bounded = (toks[i].gap.edge || toks[i].gap.hard || toks[i].gap.soft) && {
                let a = gap_after(text, toks, j);
                a.edge || a.hard || a.soft || a.dot
            };
            for &(unit, alias) in entries {
                let (typed, base, start) = match ty {
                    Some((s, t)) => match t.fits(unit.kind()) {
                        Some(true) => (true, TYPED_SAME, s),
                        Some(false) => (true, TYPED_LEVEL, s),
                        // A kind word of another level: not this unit.
                        None => continue,
                    },
                    None if numeric || key.len() < 3 => continue,
                    None => (false, UNTYPED, i),
                };
                let exact = !alias && exact_key == exact_name(unit);
                let score = base
                    + if exact { EXACT } else { 0 }
                    + if alias { FORMER } else { 0 }
                    + PER_WORD * (j + 1 - i) as i32
                    + if !typed && unit.level() == Level::Province {
                        BARE_PROVINCE
                    } else {
                        0
                    };
                out.push(Cand {
                    unit,
                    tok: start..j + 1,
                    span: toks[start].range.start..toks[j].range.end,
                    typed,
                    exact,
                    alias,
                    anchored: typed || bounded,
                    score,
                });
            }
        }
    }
    out
}

/// The exact key of a unit's name, as [`tokens`] makes them.
fn exact_name(unit: Unit) -> String {
    tokens(unit.name()).into_iter().map(|t| t.exact).collect()
}

/// The best reading: indices into `cands`.
pub(super) fn choose(cands: &[Cand]) -> Vec<usize> {
    let mut by_unit: HashMap<Unit, Vec<usize>> = HashMap::new();
    for (i, c) in cands.iter().enumerate() {
        by_unit.entry(c.unit).or_default().push(i);
    }
    // Candidates of `unit` after token `after`, near enough.
    let follow = |unit: Unit, after: usize| -> Vec<usize> {
        by_unit
            .get(&unit)
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|&k| {
                        cands[k].tok.start >= after && cands[k].tok.start - after <= MAX_GAP
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut chains: Vec<(i32, Era, Vec<usize>)> = Vec::new();
    let mut push = |era: Era, members: Vec<usize>, bonus: i32| {
        if members.iter().any(|&k| cands[k].anchored) {
            let score = members.iter().map(|&k| cands[k].score).sum::<i32>() + bonus;
            chains.push((score, era, members));
        }
    };
    for (i, c) in cands.iter().enumerate() {
        let u = c.unit;
        // The province slot after `last`: same-era province, or for an old
        // address its new province.
        let provinces = |last: usize| -> Vec<(usize, i32)> {
            let p = u.province();
            let mut v: Vec<(usize, i32)> = follow(p, cands[last].tok.end)
                .into_iter()
                .map(|k| (k, 0))
                .collect();
            if u.era() == Era::Old {
                v.extend(
                    follow(p.successors()[0], cands[last].tok.end)
                        .into_iter()
                        .map(|k| (k, OTHER_ERA)),
                );
            }
            v
        };
        match u.level() {
            Level::Province => push(u.era(), vec![i], 0),
            Level::District => {
                push(Era::Old, vec![i], 0);
                for (p, b) in provinces(i) {
                    push(Era::Old, vec![i, p], b);
                }
            }
            Level::Commune => {
                push(u.era(), vec![i], 0);
                if let (Era::Old, Some(d)) = (u.era(), u.parent()) {
                    for k in follow(d, c.tok.end) {
                        push(Era::Old, vec![i, k], 0);
                        for (p, b) in provinces(k) {
                            push(Era::Old, vec![i, k, p], b);
                        }
                    }
                }
                for (p, b) in provinces(i) {
                    push(u.era(), vec![i, p], b);
                }
            }
        }
    }
    let Some(best) = chains.iter().map(|c| c.0).max() else {
        return Vec::new();
    };
    let mut tops: Vec<&(i32, Era, Vec<usize>)> = chains.iter().filter(|c| c.0 == best).collect();
    // A tie between the eras: the old reading (it also knows the new units).
    if tops.iter().any(|c| c.1 == Era::Old) {
        tops.retain(|c| c.1 == Era::Old);
    }
    // A tie within an era: what the readings agree on.
    let mut common = tops[0].2.clone();
    for c in &tops[1..] {
        common.retain(|k| c.2.contains(k));
    }
    common
}
