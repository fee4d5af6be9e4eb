//! How a page matched: which of its words the query found (for highlight
//! boxes and snippets) and the [`MatchKind`] of the hit, computed from where
//! the words stand rather than from the score.

use super::parse::{lower_words, telex_folded, word_groups, Group, ParsedQuery};
use super::FUZZY_MIN_LETTERS;
use crate::index::identifier_spans;
use crate::store::PageRecord;
use crate::text::{fold, word_spans};
use serde::Serialize;
use std::collections::BTreeSet;

/// Words shown around the matches in a snippet.
const SNIPPET_WORDS: usize = 24;

/// How a hit matched the query, best first: computed from where the
/// query's words stand on the hit's page, not from its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// The words together, in order, with the tone marks as typed (a word
    /// typed without marks matches any; old and new tone placement equal).
    Exact,
    /// Together and in order once typed tone marks are ignored.
    Folded,
    /// Every word on the page, but not together.
    Words,
    /// Some word found only through an OCR-slip variant (one edit, Telex).
    Fuzzy,
    /// Some word not on the page at all.
    Partial,
}

impl MatchKind {
    /// Exact, folded and words are complete matches: counted in `total` and
    /// the facets. Fuzzy and partial are near matches.
    pub fn is_complete(self) -> bool {
        self <= MatchKind::Words
    }

    /// The contract's name ("exact", "folded", …).
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Folded => "folded",
            MatchKind::Words => "words",
            MatchKind::Fuzzy => "fuzzy",
            MatchKind::Partial => "partial",
        }
    }
}

/// Decides which words of a page a query matched, the way the index did:
/// folded equality (so "tran" marks "Trần"), a Telex reading, numbers
/// however grouped, and — only for query words with no such match on the
/// page — one edit on folded syllables of 4+ letters (an OCR slip). Where a
/// query of several words (or a quoted phrase) stands together on the page,
/// only those places are marked, not every "Thanh" of a 40-row list. It
/// also says how the page matched ([`Matcher::classify`]).
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    /// Loose words (and keyword values' words), folded, and their Telex readings.
    terms: BTreeSet<String>,
    fuzzy: BTreeSet<String>,
    /// The same for keyword values only (marked even where the loose words
    /// stand together).
    kw_terms: BTreeSet<String>,
    kw_fuzzy: BTreeSet<String>,
    numbers: BTreeSet<String>,
    /// The loose words in query order.
    seq: Vec<QueryWord>,
    /// The loose words in groups (a number typed in pieces is one).
    groups: Vec<std::ops::Range<usize>>,
    /// Group index → the number's digits, for number groups.
    group_digits: Vec<Option<String>>,
    phrases: Vec<Vec<QueryWord>>,
}

/// One word of the query, as the page text is compared with it.
#[derive(Debug, Clone)]
struct QueryWord {
    typed: String,
    exact: String,
    folded: String,
    marked: bool,
    telex: Option<String>,
    fuzzy: bool,
}

impl QueryWord {
    /// `typed_with_marks`: the query has marks somewhere, so every word of
    /// it means its tones as typed ("Lan" in "Lê Thị Lan" is not "Lân").
    fn new(w: &str, typed_with_marks: bool) -> QueryWord {
        let lower = w.to_lowercase();
        let folded = fold(&lower);
        QueryWord {
            exact: crate::index::canonical_tones(&lower).into_owned(),
            marked: typed_with_marks,
            telex: telex_folded(w),
            fuzzy: folded.chars().count() >= FUZZY_MIN_LETTERS
                && folded.chars().all(char::is_alphabetic),
            folded,
            typed: w.to_string(),
        }
    }

    /// How this word matches one page word (exact form, folded form).
    fn level(&self, exact: &str, folded: &str) -> Option<MatchKind> {
        if folded == self.folded {
            let as_typed = !self.marked || exact == self.exact;
            return Some(if as_typed {
                MatchKind::Exact
            } else {
                MatchKind::Folded
            });
        }
        let telex = self.telex.as_deref() == Some(folded);
        let slip = self.fuzzy && {
            let (a, b): (Vec<char>, Vec<char>) =
                (self.folded.chars().collect(), folded.chars().collect());
            b.len() + 1 >= FUZZY_MIN_LETTERS && within_one_edit(&a, &b)
        };
        (telex || slip).then_some(MatchKind::Fuzzy)
    }
}

/// How a page word is written: name-cased ("Minh", "MINH") or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Title,
    Capitals,
    Other,
}

fn case_of(w: &str) -> Case {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => {
            let rest: Vec<char> = chars.collect();
            if rest.iter().all(|c| c.is_lowercase()) {
                Case::Title
            } else if rest.iter().all(|c| c.is_uppercase()) {
                Case::Capitals
            } else {
                Case::Other
            }
        }
        _ => Case::Other,
    }
}

/// A page's words in the two forms a query word is compared with, and how
/// each is cased and whether a line break stands before it.
struct PageWords {
    exact: Vec<String>,
    folded: Vec<String>,
    case: Vec<Case>,
    line_break_before: Vec<bool>,
}

impl PageWords {
    fn new(text: &str, spans: &[(usize, usize)]) -> PageWords {
        let lower: Vec<String> = spans
            .iter()
            .map(|&(a, b)| text[a..b].to_lowercase())
            .collect();
        let line_break_before = spans
            .iter()
            .enumerate()
            .map(|(i, &(a, _))| {
                let from = if i == 0 { 0 } else { spans[i - 1].1 };
                // Any separator other than spaces (a line end, a comma)
                // ends a name.
                text[from..a].chars().any(|c| c != ' ')
            })
            .collect();
        PageWords {
            case: spans.iter().map(|&(a, b)| case_of(&text[a..b])).collect(),
            line_break_before,
            folded: lower.iter().map(|w| fold(w)).collect(),
            exact: lower
                .iter()
                .map(|w| crate::index::canonical_tones(w).into_owned())
                .collect(),
        }
    }

    fn len(&self) -> usize {
        self.folded.len()
    }

    /// How `seq` matches at `start` (the worst of its words), if it does.
    /// A name of 2+ words followed by one more name-cased syllable on the
    /// same line ("Lương Minh Hoài | Minh") is part of a longer name, another
    /// person: only `words` there.
    fn run_at(&self, seq: &[QueryWord], start: usize, names: bool) -> Option<MatchKind> {
        if start + seq.len() > self.len() {
            return None;
        }
        let mut worst = MatchKind::Exact;
        for (k, q) in seq.iter().enumerate() {
            worst = worst.max(q.level(&self.exact[start + k], &self.folded[start + k])?);
        }
        let end = start + seq.len();
        if names
            && seq.len() >= 2
            && (end < self.len() && self.continues_name(start, end)
                || start > 0 && self.continues_name_before(start, end))
        {
            worst = worst.max(MatchKind::Words);
        }
        Some(worst)
    }

    /// True when the words `start..end` are cased as a name and the word
    /// before them, on the same line, is too ("Võ Hồng | Đình Diệu
    /// Thịnh"), unless it is a title or kinship word ("Ông", "Bà", …).
    fn continues_name_before(&self, start: usize, end: usize) -> bool {
        const TITLES: &[&str] = &[
            "ong", "ba", "anh", "chi", "em", "chau", "cu", "me", "bo", "cha", "con", "vo", "chong",
            "toi", "si", "binh", "chi", "nguoi", "ho", "ten",
        ];
        let c = self.case[start];
        c == Case::Title
            && (start - 1..end).all(|i| self.case[i] == c)
            && !self.line_break_before[start]
            && !TITLES.contains(&self.folded[start - 1].as_str())
    }

    /// True when the words `start..end` are cased as a name (Title case)
    /// and the word after them, on the same line, is too.
    fn continues_name(&self, start: usize, end: usize) -> bool {
        let case = |i: usize| self.case[i];
        let c = case(start);
        // Title case only: lines in capitals are headings ("CỘNG HÒA XÃ HỘI").
        c == Case::Title && (start..=end).all(|i| case(i) == c) && !self.line_break_before[end]
    }

    /// Starts of the places where `seq` stands together no worse than `at_most`.
    fn runs(&self, seq: &[QueryWord], at_most: MatchKind, names: bool) -> Vec<usize> {
        if seq.is_empty() {
            return Vec::new();
        }
        (0..self.len())
            .filter(|&j| self.run_at(seq, j, names).is_some_and(|k| k <= at_most))
            .collect()
    }

    /// The best way `seq` stands together anywhere (`names`: as a whole
    /// name, not inside a longer one).
    fn best_run(&self, seq: &[QueryWord], names: bool) -> Option<MatchKind> {
        (0..self.len())
            .filter_map(|j| self.run_at(seq, j, names))
            .min()
    }

    /// The best match of one word anywhere.
    fn best_word(&self, q: &QueryWord) -> Option<MatchKind> {
        (0..self.len())
            .filter_map(|j| q.level(&self.exact[j], &self.folded[j]))
            .min()
    }
}

/// True when `a` and `b` are at most one edit apart (insert, delete,
/// substitute, or swap of neighbours).
fn within_one_edit(a: &[char], b: &[char]) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if la == lb {
        let (ra, rb) = (&a[p + 1..], &b[p + 1..]);
        ra == rb || (p + 1 < la && a[p] == b[p + 1] && a[p + 1] == b[p] && a[p + 2..] == b[p + 2..])
    } else if la > lb {
        a[p + 1..] == b[p..]
    } else {
        b[p + 1..] == a[p..]
    }
}

/// Marks the page words equal (folded or Telex) to one of `terms`, and —
/// for the fuzzy terms none of whose equals is on the page — those one
/// edit away.
fn mark_terms(
    folded: &[String],
    terms: &BTreeSet<String>,
    fuzzy: &BTreeSet<String>,
    hit: &mut [bool],
) {
    let mut present: BTreeSet<&str> = BTreeSet::new();
    for (i, w) in folded.iter().enumerate() {
        if terms.contains(w) {
            hit[i] = true;
            present.insert(w.as_str());
        }
    }
    let missing: Vec<Vec<char>> = fuzzy
        .iter()
        .filter(|t| !present.contains(String::as_str(t)))
        .map(|t| t.chars().collect())
        .collect();
    if missing.is_empty() {
        return;
    }
    for (i, w) in folded.iter().enumerate() {
        let wc: Vec<char> = w.chars().collect();
        if !hit[i] && wc.len() + 1 >= FUZZY_MIN_LETTERS {
            hit[i] = missing.iter().any(|t| within_one_edit(t, &wc));
        }
    }
}

impl Matcher {
    pub fn new(q: &ParsedQuery) -> Matcher {
        let marks = q.typed_with_marks();
        let mut m = Matcher {
            numbers: q.numbers(),
            seq: q.words.iter().map(|w| QueryWord::new(w, marks)).collect(),
            phrases: q
                .phrases
                .iter()
                .map(|p| p.iter().map(|w| QueryWord::new(w, marks)).collect())
                .collect(),
            ..Matcher::default()
        };
        let mut at = 0;
        for g in word_groups(&q.words) {
            let (n, digits) = match g {
                Group::Word(_) => (1, None),
                Group::Number { words, digits } => (words.len(), Some(digits)),
            };
            m.groups.push(at..at + n);
            m.group_digits.push(digits);
            at += n;
        }
        let kw_words: Vec<String> = q
            .keywords
            .iter()
            .flat_map(|(_, v)| lower_words(v))
            .collect();
        let add = |terms: &mut BTreeSet<String>, fuzzy: &mut BTreeSet<String>, w: &str| {
            let f = fold(w);
            if f.chars().count() >= FUZZY_MIN_LETTERS && f.chars().all(char::is_alphabetic) {
                fuzzy.insert(f.clone());
            }
            if let Some(t) = telex_folded(w) {
                terms.insert(t);
            }
            terms.insert(f);
        };
        for w in q.words.iter().chain(&kw_words) {
            add(&mut m.terms, &mut m.fuzzy, w);
        }
        for w in &kw_words {
            add(&mut m.kw_terms, &mut m.kw_fuzzy, w);
        }
        m
    }

    /// How the query matched a page's text, and which of its words (in
    /// query order: loose words, then phrases) are on the page. Keyword
    /// terms (`ten:…`) were matched on the dossier's fields and do not
    /// lower the kind.
    pub fn classify(&self, text: &str) -> (MatchKind, Vec<String>) {
        let spans = word_spans(text);
        let page = PageWords::new(text, &spans);
        let ids: BTreeSet<String> = if self.group_digits.iter().any(Option::is_some) {
            identifier_spans(text).into_iter().map(|(_, d)| d).collect()
        } else {
            BTreeSet::new()
        };
        let mut kind = MatchKind::Exact;
        let mut matched = Vec::new();
        if !self.seq.is_empty() {
            let levels: Vec<Option<MatchKind>> = self
                .groups
                .iter()
                .zip(&self.group_digits)
                .map(|(idx, digits)| match digits {
                    Some(d) if ids.contains(d) => Some(MatchKind::Exact),
                    _ => {
                        // A group is a run of the query's words: no copies.
                        let words = &self.seq[idx.clone()];
                        if words.len() == 1 {
                            page.best_word(&words[0])
                        } else {
                            page.best_run(words, false)
                        }
                    }
                })
                .collect();
            for (idx, level) in self.groups.iter().zip(&levels) {
                if level.is_some() {
                    matched.extend(self.seq[idx.clone()].iter().map(|w| w.typed.clone()));
                }
            }
            let loose = if self.groups.len() == 1 {
                levels[0].unwrap_or(MatchKind::Partial)
            } else {
                let run = page.best_run(&self.seq, true);
                let all_words = levels
                    .iter()
                    .all(|l| l.is_some_and(|k| k <= MatchKind::Folded));
                match run {
                    Some(k) if k <= MatchKind::Folded => k,
                    _ if all_words => MatchKind::Words,
                    Some(_) => MatchKind::Fuzzy,
                    None if levels.iter().all(Option::is_some) => MatchKind::Fuzzy,
                    None => MatchKind::Partial,
                }
            };
            kind = kind.max(loose);
        }
        for p in &self.phrases {
            let k = match page.best_run(p, false) {
                Some(k) if k <= MatchKind::Folded => {
                    matched.extend(p.iter().map(|w| w.typed.clone()));
                    k
                }
                _ => MatchKind::Partial,
            };
            kind = kind.max(k);
        }
        (kind, matched)
    }

    /// For each word span of `text`, whether it is a match.
    pub fn marks(&self, text: &str, spans: &[(usize, usize)]) -> Vec<bool> {
        let page = PageWords::new(text, spans);
        let mut hit = vec![false; spans.len()];
        let mark_runs = |seq: &[QueryWord], hit: &mut [bool]| -> bool {
            // Together as typed or folded; failing that, with a slip.
            let mut runs = page.runs(seq, MatchKind::Folded, false);
            if runs.is_empty() {
                runs = page.runs(seq, MatchKind::Fuzzy, false);
            }
            for &j in &runs {
                hit[j..j + seq.len()].iter_mut().for_each(|h| *h = true);
            }
            !runs.is_empty()
        };
        let together = self.seq.len() > 1 && mark_runs(&self.seq, &mut hit);
        for p in &self.phrases {
            mark_runs(p, &mut hit);
        }
        if together {
            mark_terms(&page.folded, &self.kw_terms, &self.kw_fuzzy, &mut hit);
        } else {
            mark_terms(&page.folded, &self.terms, &self.fuzzy, &mut hit);
        }
        if !self.numbers.is_empty() {
            for (range, digits) in identifier_spans(text) {
                if self.numbers.contains(&digits) {
                    for (i, &(a, b)) in spans.iter().enumerate() {
                        hit[i] |= a >= range.start && b <= range.end;
                    }
                }
            }
        }
        hit
    }

    /// Boxes ([left, top, width, height] in the page image's pixels) of the
    /// OCR words of a page the query matched.
    pub fn boxes(&self, page: &PageRecord) -> Vec<[u32; 4]> {
        // Decide on the page text (so fuzzy, together and number rules see
        // the whole page), then box the OCR words at the marked places.
        let spans = word_spans(&page.text);
        let marks = self.marks(&page.text, &spans);
        let folded: Vec<String> = spans.iter().map(|&(a, b)| fold(&page.text[a..b])).collect();
        // The OCR words' own tokens, in order, with the word each is in.
        let tokens: Vec<(usize, String)> = page
            .words
            .iter()
            .enumerate()
            .flat_map(|(i, w)| {
                word_spans(&w.text)
                    .into_iter()
                    .map(move |(a, b)| (i, fold(&w.text[a..b])))
            })
            .collect();
        let mut boxed = vec![false; page.words.len()];
        if tokens.len() == folded.len() && tokens.iter().zip(&folded).all(|((_, t), f)| t == f) {
            // The text is the words in order: box exactly the marked places.
            for ((i, _), m) in tokens.iter().zip(&marks) {
                boxed[*i] |= *m;
            }
        } else {
            // Text rebuilt otherwise (layout): box words of a marked form.
            let matched: BTreeSet<&String> = folded
                .iter()
                .zip(&marks)
                .filter(|(_, m)| **m)
                .map(|(f, _)| f)
                .collect();
            for (i, f) in &tokens {
                boxed[*i] |= matched.contains(f)
                    && (!f.chars().all(|c| c.is_ascii_digit())
                        || self.numbers.iter().any(|n| n.contains(f.as_str())));
            }
        }
        page.words
            .iter()
            .zip(boxed)
            .filter(|(_, b)| *b)
            .map(|(w, _)| w.bbox)
            .collect()
    }
}

/// A window of `text` around the densest cluster of query words, with each
/// matched word wrapped in `**` (see [`Matcher`]).
pub fn snippet(text: &str, matcher: &Matcher) -> String {
    let spans = word_spans(text);
    if spans.is_empty() {
        return String::new();
    }
    let folded: Vec<String> = spans.iter().map(|&(a, b)| fold(&text[a..b])).collect();
    let hit = matcher.marks(text, &spans);
    // Window start with the most distinct matched words.
    let n = spans.len();
    let win = SNIPPET_WORDS.min(n);
    let mut best = (0usize, 0usize);
    for start in 0..=(n - win) {
        let distinct: BTreeSet<&str> = (start..start + win)
            .filter(|&i| hit[i])
            .map(|i| folded[i].as_str())
            .collect();
        if distinct.len() > best.1 {
            best = (start, distinct.len());
        }
    }
    // Centre the first match when the window has room before it.
    let mut start = best.0;
    if let Some(first) = (start..start + win).find(|&i| hit[i]) {
        start = first.saturating_sub(win / 4).min(n - win);
    }
    let end = start + win;
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut pos = spans[start].0;
    for (i, &(a, b)) in spans.iter().enumerate().take(end).skip(start) {
        out.push_str(&text[pos..a]);
        if hit[i] {
            out.push_str("**");
            out.push_str(&text[a..b]);
            out.push_str("**");
        } else {
            out.push_str(&text[a..b]);
        }
        pos = b;
    }
    if end < n {
        out.push('…');
    } else {
        out.push_str(text[pos..].trim_end());
    }
    // Adjacent matches read as one mark: "**Trần Văn Bảy**".
    crate::text::collapse_whitespace(&out).replace("** **", " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(q: &str) -> Matcher {
        Matcher::new(&ParsedQuery::parse(q))
    }

    #[test]
    fn one_edit() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(within_one_edit(&c("gian"), &c("giang")));
        assert!(within_one_edit(&c("huong"), &c("huogn")));
        assert!(within_one_edit(&c("huong"), &c("hung")));
        assert!(!within_one_edit(&c("huong"), &c("hang")));
    }

    fn kind(q: &str, text: &str) -> MatchKind {
        m(q).classify(text).0
    }

    #[test]
    fn classify_by_where_the_words_stand() {
        let page = "Ông Trần Văn Bảy, sinh năm 1948, thôn Đại Tự";
        assert_eq!(kind("Trần Văn Bảy", page), MatchKind::Exact);
        assert_eq!(kind("tran van bay", page), MatchKind::Exact);
        // Typed with marks, every word means its tones as typed.
        assert_eq!(kind("Trần van Bảy", page), MatchKind::Folded);
        assert_eq!(kind("Trấn Văn Bảy", page), MatchKind::Folded);
        assert_eq!(kind("Trần Bảy", page), MatchKind::Words);
        assert_eq!(kind("Bảy Trần", page), MatchKind::Words);
        assert_eq!(kind("tran van bayy", page), MatchKind::Fuzzy);
        assert_eq!(kind("Trần Văn Bảy 1949", page), MatchKind::Partial);
        assert_eq!(kind("Trần Văn Bảy 1948", page), MatchKind::Words);
        assert_eq!(kind("\"văn bảy\"", page), MatchKind::Exact);
        assert_eq!(kind("\"vân bảy\"", page), MatchKind::Folded);
        // Old and new tone placement are one spelling.
        assert_eq!(kind("Hoà Bình", "tỉnh Hòa Bình"), MatchKind::Exact);
        // A typed tone matters.
        assert_eq!(kind("Lê Thị Lan", "bà Lê Thị Lân"), MatchKind::Folded);
        // Single words: exact, folded or fuzzy; a number however grouped.
        assert_eq!(kind("Bảy", page), MatchKind::Exact);
        assert_eq!(kind("Bày", page), MatchKind::Folded);
        assert_eq!(kind("Thuận", "huyện Thuạn Thành"), MatchKind::Folded);
        assert_eq!(
            kind("027 048 001 234", "Số CCCD: 027048001234"),
            MatchKind::Exact
        );
        assert_eq!(kind("027048001234", "027 048 001 234"), MatchKind::Exact);
    }

    #[test]
    fn a_name_inside_a_longer_name_is_not_exact() {
        let page = "12 Lương Minh Hoài Minh 1960 027160001234\nÔng Lương Minh Hoài, sinh năm";
        assert_eq!(kind("Lương Minh Hoài", page), MatchKind::Exact); // the second line
        let list = "12 Lương Minh Hoài Minh 1960 027160001234";
        assert_eq!(kind("Lương Minh Hoài", list), MatchKind::Words);
        assert_eq!(kind("luong minh hoai", list), MatchKind::Words);
        assert_eq!(kind("Lương Minh Hoài Minh", list), MatchKind::Exact);
        assert_eq!(kind("Minh Hoài Minh", list), MatchKind::Words);
        assert_eq!(
            kind("Trần Văn Bảy", "Ông Trần Văn Bảy, sinh"),
            MatchKind::Exact
        );
        // Lower case after the name, or a comma: the name ends there.
        assert_eq!(
            kind("Trần Văn Bảy", "Ông Trần Văn Bảy sinh năm 1948"),
            MatchKind::Exact
        );
        assert_eq!(
            kind("Trần Văn Bảy", "Trần Văn Bảy, Nguyễn Thị Hoa"),
            MatchKind::Exact
        );
    }

    #[test]
    fn matched_words_in_query_order() {
        let (k, words) = m("Lê Thị Không Có").classify("Trần Thị Có, thôn Đông");
        assert_eq!(k, MatchKind::Partial);
        assert_eq!(words, ["thị", "có"]);
    }

    #[test]
    fn highlight_marks_the_phrase_not_every_syllable() {
        let text = "1 Hà Văn Thanh 2 Lê Thanh Hà 3 Hà Thanh Hương 4 Thanh Hương Lan";
        let s = snippet(text, &m("Hà Thanh Hương"));
        assert_eq!(s.matches("**").count(), 2, "{s}");
        assert!(s.contains("**Hà Thanh Hương**"), "{s}");
        // Scattered words are marked one by one.
        let s = snippet("Hà Văn Thanh, Lê Hương", &m("Hà Thanh Hương"));
        assert_eq!(s.matches("**").count(), 6, "{s}");
    }

    #[test]
    fn snippet_marks_folded_matches() {
        let text = "QUYẾT ĐỊNH\nVề việc trợ cấp hàng tháng đối với ông Trần Văn Bảy, sinh năm 1948";
        let s = snippet(text, &m("tran bay"));
        assert!(s.contains("**Trần** Văn **Bảy**"), "{s}");
        assert!(snippet(text, &m("tran van bay")).contains("ông **Trần Văn Bảy**,"));
        assert!(!s.contains('\n'));
    }

    #[test]
    fn snippet_marks_fuzzy_matches_only_without_exact_ones() {
        let text = "Họ và tên: Nguyễn Hương Giang, thôn Đại Tự";
        let s = snippet(text, &m("Nguyen Huong Gian"));
        assert!(s.contains("**Nguyễn Hương Giang**"), "{s}");
        let text = "Trang 2. Ông Trần Văn Bảy";
        let s = snippet(text, &m("tran"));
        assert!(s.contains("**Trần**") && !s.contains("**Trang**"), "{s}");
    }

    #[test]
    fn snippet_of_long_text_is_a_window() {
        let text = format!("{} Trần Văn Bảy {}", "a ".repeat(200), "b ".repeat(200));
        let s = snippet(&text, &m("tran"));
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("**Trần**"));
        assert_eq!(word_spans(&s).len(), SNIPPET_WORDS);
    }

    #[test]
    fn snippet_marks_numbers_however_grouped() {
        let text = "Họ và tên: Trần Văn Bảy\nSố CCCD: 027 048 001 234\nĐT: 0912345678";
        let s = snippet(text, &m("027048001234"));
        assert!(s.contains("**027 048 001 234**"), "{s}");
        let s = snippet(text, &m("0912 345 678"));
        assert!(s.contains("**0912345678**"), "{s}");
        let s = snippet(text, &m("cccd:027.048.001.234"));
        assert!(s.contains("**027 048 001 234**"), "{s}");
    }
}
