//! Vietnamese syllables: which OCR cannot have read right, and what the paper
//! most likely says.
//!
//! Tesseract's errors on Vietnamese are mostly marks: stacked marks swapped
//! (ổ→ố, ầ→ấ), a tilde or horn lost (ễ→ê, ư→u), a stray mark on a
//! consonant (Tuâń), ị read as j. Some give a string that is no Vietnamese
//! syllable ("Nguyẽn", "Thj"): a syllable dictionary catches those. Others
//! give another real syllable (Tuấn→Tuần, Nguyễn→Nguyên): only what we know
//! about names catches those, so [`Lexicon::suggest_name`] also knows which
//! syllables names are made of. Either way the result is a *suggestion*, the
//! cheapest correction by OCR confusion cost with its reason: callers keep the
//! raw value, store the suggestion beside it, flag it for review and index
//! both spellings. Nothing here replaces a value.
//!
//! Data. The syllables are Debian's `hunspell-vi` (`vi_VN.aff`, `vi_VN.dic`:
//! 6,631 words, old tone placement, from LibreOffice's dictionaries; Debian's
//! copyright file gives GPL-2 for `dictionaries/vi/*`), read at run time from
//! `/usr/share/hunspell` or `$SOHOA_HUNSPELL_DIR` through `spellbook`, never
//! copied into this repository. Without them the lexicon is unavailable
//! ([`Lexicon::get`] is `None`) and nothing else changes. The name syllables
//! (`lexicon/names.txt`, surnames with their population shares, given names
//! by tier) are curated for this project; that file says where its figures
//! come from.

use crate::text;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::{Duration, Instant};
use unicode_normalization::UnicodeNormalization;

/// Where Debian's `hunspell-vi` puts `vi_VN.aff` and `vi_VN.dic`.
pub const DEFAULT_DIR: &str = "/usr/share/hunspell";
/// Environment variable naming another folder holding `vi_VN.aff` and `vi_VN.dic`.
pub const DIR_ENV: &str = "SOHOA_HUNSPELL_DIR";

/// Name syllables: `[surnames]` with shares in percent, `[given]` with tiers.
const NAMES: &str = include_str!("lexicon/names.txt");
/// A surname without a figure in `names.txt` counts as this share (percent).
const UNFIGURED_SHARE: f32 = 0.1;
/// A listed surname is corrected only to one this many times as common.
const SURNAME_RATIO: f32 = 100.0;
/// A real syllable that is not a name is corrected only to a name syllable
/// this cheap to misread (one mark), of at least this tier or share: a
/// false suggestion costs a reviewer's time.
const NAME_MAX_COST: f32 = 0.6;
const NAME_MIN_TIER: u8 = 2;
const NAME_MIN_SHARE: f32 = 0.5;
/// Ranking bonus of a candidate that is a name syllable of its position.
const NAME_BONUS: f32 = 0.3;
/// Corrections of an impossible syllable: at most this many edits and this cost.
const MAX_EDITS: u32 = 2;
const MAX_COST: f32 = 1.5;
/// Cost of a tone mark that sits on the wrong letter of the syllable.
const MOVED_TONE: f32 = 0.3;

/// The dictionary could not be loaded: the lexicon is unavailable.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "Vietnamese dictionary {}: {reason} (install it with `apt install hunspell-vi`, \
     or point {DIR_ENV} at a folder holding vi_VN.aff and vi_VN.dic)",
    path.display()
)]
pub struct LoadError {
    pub path: PathBuf,
    pub reason: String,
}

/// One suggested correction of one word. `raw` is the word as given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub raw: String,
    pub suggested: String,
    pub reason: String,
}

/// A suggested correction of a person's name: the whole name, and each
/// syllable that changed (0-based `index` among the name's syllables).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NameSuggestion {
    pub raw: String,
    pub suggested: String,
    pub changes: Vec<NameChange>,
}

/// One changed syllable of a [`NameSuggestion`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NameChange {
    pub index: usize,
    pub raw: String,
    pub suggested: String,
    pub reason: String,
}

/// The syllable dictionary and the name syllables, loaded once.
pub struct Lexicon {
    dict: spellbook::Dictionary,
    /// Every syllable (dictionary words and name syllables), lower-case, new
    /// tone placement, by skeleton (its base letters: "nguyen").
    by_skeleton: HashMap<String, Vec<Entry>>,
    /// Canonical syllable → share of the population in percent.
    surnames: HashMap<String, f32>,
    /// Canonical syllable → tier (4 Văn and Thị, 3 very common … 1 less common).
    given: HashMap<String, u8>,
    words: usize,
    load_time: Duration,
}

struct Entry {
    word: String,
    units: Vec<Unit>,
    surname: Option<f32>,
    given: Option<u8>,
}

static LEXICON: LazyLock<Result<Lexicon, LoadError>> = LazyLock::new(|| {
    let dir = std::env::var_os(DIR_ENV).map_or_else(|| PathBuf::from(DEFAULT_DIR), PathBuf::from);
    Lexicon::load(&dir)
});

/// [`Lexicon::suggest_name`] with the system dictionary; `None` also when it is not installed.
pub fn suggest_name(name: &str) -> Option<NameSuggestion> {
    Lexicon::get()?.suggest_name(name)
}

/// [`Lexicon::suggest_word`] with the system dictionary; `None` also when it is not installed.
pub fn suggest_word(word: &str) -> Option<Suggestion> {
    Lexicon::get()?.suggest_word(word)
}

impl Lexicon {
    /// The lexicon of the system dictionary (`$SOHOA_HUNSPELL_DIR` or
    /// `/usr/share/hunspell`), loaded on first use; `None` when it is missing.
    pub fn get() -> Option<&'static Lexicon> {
        LEXICON.as_ref().ok()
    }

    /// Like [`Lexicon::get`], with the reason when it is unavailable.
    pub fn status() -> Result<&'static Lexicon, &'static LoadError> {
        LEXICON.as_ref()
    }

    /// Loads `vi_VN.aff` and `vi_VN.dic` from `dir`.
    pub fn load(dir: &Path) -> Result<Lexicon, LoadError> {
        let start = Instant::now();
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|e| LoadError {
                reason: e.to_string(),
                path,
            })
        };
        let (aff, dic) = (read("vi_VN.aff")?, read("vi_VN.dic")?);
        let mut dict = spellbook::Dictionary::new(&aff, &dic).map_err(|e| LoadError {
            path: dir.join("vi_VN.dic"),
            reason: e.to_string(),
        })?;
        let names = parse_names(NAMES).expect("lexicon/names.txt is checked by a unit test");
        let mut surnames = HashMap::new();
        let mut given = HashMap::new();
        for (word, value) in names {
            match value {
                NameValue::Surname(share) => {
                    surnames.insert(word, share);
                }
                NameValue::Given(tier) => {
                    given.insert(word, tier);
                }
            }
        }
        // Canonical (lower-case, new tone placement) form of every syllable.
        // The dictionary spells the old way (hoà, thuỷ): the new spellings are
        // added to the checker, and so are the name syllables it lacks (Vy, My).
        let mut all: HashSet<String> = HashSet::new();
        for line in dic.lines().skip(1) {
            let word = line.split('/').next().unwrap_or("").trim();
            // Abbreviations (UBND, HĐND) are no syllables to correct towards.
            if word.is_empty()
                || (word.chars().count() > 1 && word.chars().all(|c| !c.is_lowercase()))
            {
                continue;
            }
            let lower = text::nfc(word).to_lowercase();
            let canonical = crate::index::canonical_tones(&lower).into_owned();
            if canonical != lower && !dict.check(&canonical) {
                add(&mut dict, &canonical, dir)?;
            }
            all.insert(canonical);
        }
        if all.is_empty() {
            return Err(LoadError {
                path: dir.join("vi_VN.dic"),
                reason: "no words in it".into(),
            });
        }
        for word in surnames.keys().chain(given.keys()) {
            if !dict.check(&title(word)) {
                add(&mut dict, word, dir)?;
            }
            all.insert(word.clone());
        }
        let mut by_skeleton: HashMap<String, Vec<Entry>> = HashMap::new();
        let words = all.len();
        for word in all {
            let Some(units) = units(&word) else { continue };
            let entry = Entry {
                surname: surnames.get(&word).copied(),
                given: given.get(&word).copied(),
                word,
                units,
            };
            by_skeleton
                .entry(skeleton(&entry.units))
                .or_default()
                .push(entry);
        }
        for list in by_skeleton.values_mut() {
            list.sort_by(|a, b| a.word.cmp(&b.word));
        }
        Ok(Lexicon {
            dict,
            by_skeleton,
            surnames,
            given,
            words,
            load_time: start.elapsed(),
        })
    }

    /// How long [`Lexicon::load`] took.
    pub fn load_time(&self) -> Duration {
        self.load_time
    }

    /// Distinct syllables known (dictionary words in new tone placement and name syllables).
    pub fn len(&self) -> usize {
        self.words
    }

    /// Whether no syllable is known (never true: [`Lexicon::load`] refuses an empty dictionary).
    pub fn is_empty(&self) -> bool {
        self.words == 0
    }

    /// Whether `word` is a Vietnamese syllable (or another word of the
    /// dictionary): any case, any Unicode form, old or new tone placement
    /// (hoà = hòa, thuỷ = thủy). Words with digits or punctuation are not.
    pub fn is_syllable(&self, word: &str) -> bool {
        let word = text::nfc(word);
        if word.is_empty() || !word.chars().all(char::is_alphabetic) {
            return false;
        }
        if self.dict.check(&word) {
            return true;
        }
        // A lower-case dictionary word is accepted capitalised, and a
        // capitalised one (Nguyễn) only so: the title-case form covers both.
        let lower = word.to_lowercase();
        let canonical = crate::index::canonical_tones(&lower);
        self.dict.check(&title(&lower)) || self.dict.check(&title(&canonical))
    }

    /// The best correction of a word that is not a Vietnamese syllable
    /// ("Nguyẽn" → "Nguyễn", "Thj" → "Thị", "TUÂŃ" → "TUẤN"), in the word's
    /// case; `None` for a real syllable (even one that may be a misreading:
    /// running text gives no way to tell), for a word with digits or
    /// punctuation, and when nothing is within two OCR confusions.
    pub fn suggest_word(&self, word: &str) -> Option<Suggestion> {
        self.suggest_words(word, 1).into_iter().next()
    }

    /// Up to `limit` corrections of a word that is not a Vietnamese
    /// syllable, the likeliest first: by OCR confusion cost, then by how
    /// common the syllable is in names.
    pub fn suggest_words(&self, word: &str, limit: usize) -> Vec<Suggestion> {
        let raw = word;
        let word = text::nfc(word.trim());
        if word.is_empty() || !word.chars().all(char::is_alphabetic) || self.is_syllable(&word) {
            return Vec::new();
        }
        let lower = word.to_lowercase();
        let Some(units) = units(&lower) else {
            return Vec::new();
        };
        let case = Case::of(&word);
        let mut found = self.candidates(&units, true, MAX_EDITS, |_| true);
        found.sort_by(|a, b| {
            cmp_f32(a.cost, b.cost)
                .then_with(|| cmp_f32(b.entry.weight(), a.entry.weight()))
                .then_with(|| a.entry.word.cmp(&b.entry.word))
        });
        found
            .into_iter()
            .take(limit)
            .map(|c| Suggestion {
                raw: raw.to_string(),
                suggested: case.apply(&c.entry.word),
                reason: format!(
                    "not a Vietnamese syllable; nearest by OCR confusion: {}",
                    c.describe()
                ),
            })
            .collect()
    }

    /// A correction of a person's name (2 to 5 syllables, surname first), or
    /// `None` when every syllable is plausible. Per syllable: one that is no
    /// Vietnamese syllable gets its nearest correction, the name syllables
    /// of its position first; then a real syllable that names are not made
    /// of gets the common name syllable OCR easily misreads as it, if there
    /// is one ("Trần Văn Tuần" → "Trần Văn Tuấn"), and a rare surname one
    /// mark from a far more common one gets that one ("NGUYÊN VĂN AN" →
    /// "NGUYỄN VĂN AN"). Listed given names and syllables with other
    /// characters (H'Hen) are left as they are; so is a real syllable with no
    /// common name one mark away ("Chiêng", a place name).
    pub fn suggest_name(&self, name: &str) -> Option<NameSuggestion> {
        let nfc = text::nfc(name);
        let parts: Vec<&str> = nfc.split_whitespace().collect();
        if !(2..=5).contains(&parts.len()) {
            return None;
        }
        let mut changes = Vec::new();
        let mut out = Vec::with_capacity(parts.len());
        for (index, part) in parts.iter().enumerate() {
            match self.fix_name_syllable(part, index == 0) {
                Some((suggested, reason)) => {
                    out.push(suggested.clone());
                    changes.push(NameChange {
                        index,
                        raw: part.to_string(),
                        suggested,
                        reason,
                    });
                }
                None => out.push(part.to_string()),
            }
        }
        if changes.is_empty() {
            return None;
        }
        Some(NameSuggestion {
            raw: name.to_string(),
            suggested: out.join(" "),
            changes,
        })
    }

    /// The corrected syllable (in its case) and the reason, or `None`.
    fn fix_name_syllable(&self, syllable: &str, surname: bool) -> Option<(String, String)> {
        if !syllable.chars().all(char::is_alphabetic) {
            return None;
        }
        let case = Case::of(syllable);
        let lower = syllable.to_lowercase();
        let canonical = crate::index::canonical_tones(&lower).into_owned();
        let mut reasons = Vec::new();
        let listed = self.surnames.contains_key(&canonical) || self.given.contains_key(&canonical);
        let mut current = canonical;
        if !listed && !self.is_syllable(syllable) {
            let units = units(&current)?;
            let role = |e: &Entry| {
                if surname {
                    e.surname.is_some()
                } else {
                    e.given.is_some()
                }
            };
            let key = |c: &Candidate| {
                let bonus = if role(c.entry) { NAME_BONUS } else { 0.0 };
                (
                    c.cost - bonus,
                    if surname {
                        c.entry.surname
                    } else {
                        c.entry.given.map(f32::from)
                    },
                )
            };
            let mut found = self.candidates(&units, true, MAX_EDITS, |_| true);
            found.sort_by(|a, b| {
                let ((ca, wa), (cb, wb)) = (key(a), key(b));
                cmp_f32(ca, cb)
                    .then_with(|| cmp_f32(wb.unwrap_or(0.0), wa.unwrap_or(0.0)))
                    .then_with(|| a.entry.word.cmp(&b.entry.word))
            });
            let best = found.into_iter().next()?;
            reasons.push(format!(
                "not a Vietnamese syllable; nearest by OCR confusion: {}",
                best.describe()
            ));
            current = best.entry.word.clone();
        }
        if let Some((better, reason)) = self.likelier_name(&current, surname) {
            reasons.push(reason);
            current = better;
        }
        if reasons.is_empty() {
            return None;
        }
        Some((case.apply(&current), reasons.join("; then ")))
    }

    /// For a real syllable at a surname or given-name position: the name
    /// syllable one mark away it most likely is, with the reason.
    fn likelier_name(&self, syllable: &str, surname: bool) -> Option<(String, String)> {
        let units = units(syllable)?;
        let shown = title(syllable);
        let (found, what) = if surname {
            match self.surnames.get(syllable) {
                Some(&share) => (
                    self.candidates(&units, false, 1, |e| {
                        e.surname.is_some_and(|s| s >= SURNAME_RATIO * share)
                    }),
                    format!("{shown} is a rare surname"),
                ),
                // A given name where the surname should be: leave it.
                None if self.given.contains_key(syllable) => return None,
                None => (
                    self.candidates(&units, false, 1, |e| {
                        e.surname.is_some_and(|s| s >= NAME_MIN_SHARE)
                    }),
                    format!("{shown} is not a known surname"),
                ),
            }
        } else {
            if self.given.contains_key(syllable) || self.surnames.contains_key(syllable) {
                return None;
            }
            (
                self.candidates(&units, false, 1, |e| {
                    e.given.is_some_and(|t| t >= NAME_MIN_TIER)
                }),
                format!("{shown} is not a usual given or middle name"),
            )
        };
        let weight = |c: &Candidate| {
            if surname {
                c.entry.surname
            } else {
                c.entry.given.map(f32::from)
            }
        };
        let best = found
            .into_iter()
            .filter(|c| c.cost <= NAME_MAX_COST)
            .min_by(|a, b| {
                cmp_f32(a.cost, b.cost)
                    .then_with(|| cmp_f32(weight(b).unwrap_or(0.0), weight(a).unwrap_or(0.0)))
                    .then_with(|| a.entry.word.cmp(&b.entry.word))
            })?;
        let reason = format!(
            "{what}; {} is one mark away ({}) and {}",
            title(&best.entry.word),
            best.describe(),
            if surname {
                "far more common"
            } else {
                "a usual name"
            }
        );
        Some((best.entry.word.clone(), reason))
    }

    /// Known syllables within `max_edits` OCR confusions of `units` that
    /// `keep` accepts (not `units` itself), each once at its lowest cost.
    /// Letter confusions (j→ị, l↔i, rn↔m) only when `letters`.
    fn candidates<'a>(
        &'a self,
        units: &[Unit],
        letters: bool,
        max_edits: u32,
        keep: impl Fn(&Entry) -> bool,
    ) -> Vec<Candidate<'a>> {
        let variants = if letters {
            variants(units)
        } else {
            vec![Variant {
                units: units.to_vec(),
                cost: 0.0,
                note: None,
            }]
        };
        let mut found: Vec<Candidate<'a>> = Vec::new();
        for v in &variants {
            let Some(list) = self.by_skeleton.get(&skeleton(&v.units)) else {
                continue;
            };
            for entry in list.iter().filter(|e| keep(e)) {
                let Some((cost, edits)) = align(&v.units, &entry.units) else {
                    continue;
                };
                let edits = edits + u32::from(v.note.is_some());
                let cost = cost + v.cost;
                if edits == 0 || edits > max_edits || cost > MAX_COST {
                    continue;
                }
                match found.iter_mut().find(|c| std::ptr::eq(c.entry, entry)) {
                    Some(c) if c.cost <= cost => {}
                    Some(c) => {
                        c.cost = cost;
                        c.variant = v.clone();
                    }
                    None => found.push(Candidate {
                        entry,
                        cost,
                        variant: v.clone(),
                    }),
                }
            }
        }
        found
    }
}

fn add(dict: &mut spellbook::Dictionary, word: &str, dir: &Path) -> Result<(), LoadError> {
    dict.add(word).map_err(|e| LoadError {
        path: dir.join("vi_VN.dic"),
        reason: format!("cannot add {word:?}: {e}"),
    })
}

impl Entry {
    /// How common the syllable is in names, for ranking equal costs.
    fn weight(&self) -> f32 {
        let surname: f32 = self
            .surname
            .map_or(0.0, |s| if s >= 1.0 { 3.0 } else { 2.0 });
        surname.max(self.given.map_or(0.0, f32::from))
    }
}

struct Candidate<'a> {
    entry: &'a Entry,
    cost: f32,
    variant: Variant,
}

impl Candidate<'_> {
    /// The edits from the input to this candidate: "ê→ễ", "j→ị".
    fn describe(&self) -> String {
        let mut parts: Vec<String> = self.variant.note.iter().cloned().collect();
        for (a, b) in self.variant.units.iter().zip(&self.entry.units) {
            if a != b {
                parts.push(format!("{}→{}", a.compose(), b.compose()));
            }
        }
        parts.join(", ")
    }
}

/// The input with at most one letter confusion applied, and its cost.
#[derive(Clone)]
struct Variant {
    units: Vec<Unit>,
    cost: f32,
    note: Option<String>,
}

/// The input as it is, and with each single letter confusion OCR makes:
/// j for ị (or i), l and i for each other, rn for m and m for rn.
fn variants(units: &[Unit]) -> Vec<Variant> {
    let plain = |base| Unit {
        base,
        shape: Shape::Plain,
        tone: Tone::Level,
    };
    let mut out = vec![Variant {
        units: units.to_vec(),
        cost: 0.0,
        note: None,
    }];
    let mut replace = |at: usize, len: usize, with: &[Unit], cost: f32, note: &str| {
        let mut u = units[..at].to_vec();
        u.extend_from_slice(with);
        u.extend_from_slice(&units[at + len..]);
        out.push(Variant {
            units: u,
            cost,
            note: Some(note.to_string()),
        });
    };
    for (i, u) in units.iter().enumerate() {
        if *u != plain(u.base) {
            continue;
        }
        match u.base {
            'j' => {
                let dotted = Unit {
                    tone: Tone::Dot,
                    ..plain('i')
                };
                replace(i, 1, &[dotted], 0.4, "j→ị");
                replace(i, 1, &[plain('i')], 0.6, "j→i");
            }
            'l' => replace(i, 1, &[plain('i')], 0.6, "l→i"),
            'i' => replace(i, 1, &[plain('l')], 0.6, "i→l"),
            'm' => replace(i, 1, &[plain('r'), plain('n')], 0.6, "m→rn"),
            'r' if units.get(i + 1) == Some(&plain('n')) => {
                replace(i, 2, &[plain('m')], 0.5, "rn→m")
            }
            _ => {}
        }
    }
    out
}

/// The tone marks of Vietnamese (level = none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tone {
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
enum Shape {
    Plain,
    Circumflex,
    Breve,
    Horn,
    Bar,
    Eth,
}

/// One letter: its base (a–z), its shape mark and its tone mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Unit {
    base: char,
    shape: Shape,
    tone: Tone,
}

impl Unit {
    fn stacked(&self) -> bool {
        matches!(self.shape, Shape::Circumflex | Shape::Breve | Shape::Horn)
    }

    fn compose(&self) -> String {
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
fn units(word: &str) -> Option<Vec<Unit>> {
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

fn skeleton(units: &[Unit]) -> String {
    units.iter().map(|u| u.base).collect()
}

/// OCR confusion cost from `input` to `target` (same base letters) and the
/// number of edits, or `None` when the base letters differ. One syllable has
/// one tone: the input's tone marks are matched to the target's.
fn align(input: &[Unit], target: &[Unit]) -> Option<(f32, u32)> {
    if input.len() != target.len() || input.iter().zip(target).any(|(a, b)| a.base != b.base) {
        return None;
    }
    let (mut cost, mut edits) = (0.0, 0);
    let mut i = 0;
    while i < input.len() {
        let (a, b) = (input[i], target[i]);
        // ươ read as uo (or the reverse): both horns go together, one slip.
        let pair = |x: &[Unit], y: &[Unit]| {
            x[i].base == 'u'
                && x.get(i + 1).is_some_and(|n| n.base == 'o')
                && x[i].shape == Shape::Horn
                && x[i + 1].shape == Shape::Horn
                && y[i].shape == Shape::Plain
                && y[i + 1].shape == Shape::Plain
        };
        if pair(input, target) || pair(target, input) {
            cost += 0.5;
            edits += 1;
            i += 2;
            continue;
        }
        if a.shape != b.shape {
            cost += shape_cost(a.shape, b.shape);
            edits += 1;
        }
        i += 1;
    }
    let tones_in: Vec<(usize, Tone)> = tones(input);
    let tones_target: Vec<(usize, Tone)> = tones(target);
    match tones_target.as_slice() {
        [] => {
            for &(at, t) in &tones_in {
                cost += tone_cost(t, Tone::Level, input[at].stacked());
                edits += 1;
            }
        }
        &[(at, t)] => {
            let stacked = target[at].stacked();
            if tones_in.is_empty() {
                cost += tone_cost(Tone::Level, t, stacked);
                edits += 1;
            } else {
                let price = |&(pos, tin): &(usize, Tone)| {
                    tone_cost(tin, t, stacked) + if pos == at { 0.0 } else { MOVED_TONE }
                };
                let best = (0..tones_in.len())
                    .min_by(|&x, &y| cmp_f32(price(&tones_in[x]), price(&tones_in[y])))
                    .expect("not empty");
                let p = price(&tones_in[best]);
                if p > 0.0 {
                    cost += p;
                    edits += 1;
                }
                for (k, &(pos, tin)) in tones_in.iter().enumerate() {
                    if k != best {
                        cost += tone_cost(tin, Tone::Level, input[pos].stacked());
                        edits += 1;
                    }
                }
            }
        }
        // No syllable has two tones.
        _ => return None,
    }
    Some((cost, edits))
}

fn tones(units: &[Unit]) -> Vec<(usize, Tone)> {
    units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.tone != Tone::Level)
        .map(|(i, u)| (i, u.tone))
        .collect()
}

/// How easily OCR reads one shape mark for another: a horn is small (ư→u),
/// a circumflex or breve a little less so, đ loses its bar.
fn shape_cost(a: Shape, b: Shape) -> f32 {
    use Shape::*;
    match (a, b) {
        _ if a == b => 0.0,
        (Plain, Horn) | (Horn, Plain) => 0.5,
        (Plain, Circumflex) | (Circumflex, Plain) | (Plain, Breve) | (Breve, Plain) => 0.6,
        (Circumflex, Breve) | (Breve, Circumflex) => 0.6,
        (Circumflex, Horn) | (Horn, Circumflex) => 0.7,
        (Plain, Bar) | (Bar, Plain) | (Plain, Eth) | (Eth, Plain) => 0.5,
        (Bar, Eth) | (Eth, Bar) => 0.1,
        _ => 1.0,
    }
}

/// How easily OCR reads one tone mark for another: acute and grave mirror
/// each other (Tuấn→Tuần); above a circumflex or breve the hook is taken
/// for the acute or the grave (ổ→ố, ể→ế, ổ→ồ); a tilde is thin and lost
/// (ễ→ê).
fn tone_cost(a: Tone, b: Tone, stacked: bool) -> f32 {
    use Tone::*;
    let pair = |x, y| (a == x && b == y) || (a == y && b == x);
    if a == b {
        0.0
    } else if pair(Grave, Acute) || pair(Tilde, Level) {
        0.5
    } else if pair(Hook, Acute) {
        if stacked {
            0.5
        } else {
            0.7
        }
    } else if pair(Hook, Level)
        || pair(Grave, Level)
        || pair(Acute, Level)
        || pair(Dot, Level)
        || pair(Tilde, Hook)
    {
        0.6
    } else if pair(Hook, Grave) {
        if stacked {
            0.6
        } else {
            0.7
        }
    } else if pair(Tilde, Acute) || pair(Tilde, Grave) {
        0.8
    } else {
        0.9
    }
}

fn cmp_f32(a: f32, b: f32) -> Ordering {
    a.partial_cmp(&b).unwrap_or(Ordering::Equal)
}

/// "nguyễn" → "Nguyễn".
fn title(lower: &str) -> String {
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The case pattern of a raw word, put back on a lower-case correction.
#[derive(Clone, Copy)]
enum Case {
    Lower,
    Title,
    Upper,
}

impl Case {
    fn of(word: &str) -> Case {
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
            Case::Upper
        } else if letters.first().is_some_and(|c| c.is_uppercase()) {
            Case::Title
        } else {
            Case::Lower
        }
    }

    fn apply(self, lower: &str) -> String {
        match self {
            Case::Lower => lower.to_string(),
            Case::Title => title(lower),
            Case::Upper => lower.to_uppercase(),
        }
    }
}

enum NameValue {
    Surname(f32),
    Given(u8),
}

/// `names.txt`: canonical syllable and its share (surnames) or tier (given).
fn parse_names(src: &str) -> Result<Vec<(String, NameValue)>, String> {
    let mut section = "";
    let mut out = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            section = line;
            continue;
        }
        let mut fields = line.split_whitespace();
        let word = fields.next().unwrap_or_default();
        let value = fields.next();
        if fields.next().is_some() {
            return Err(format!("line {}: more than a syllable and a number", n + 1));
        }
        let lower = text::nfc(word).to_lowercase();
        let canonical = crate::index::canonical_tones(&lower).into_owned();
        let bad = |what: &str| format!("line {}: {what} {line:?}", n + 1);
        let value = match section {
            "[surnames]" => NameValue::Surname(match value {
                Some(v) => v.parse().map_err(|_| bad("bad share"))?,
                None => UNFIGURED_SHARE,
            }),
            "[given]" => NameValue::Given(
                value
                    .and_then(|v| v.parse().ok())
                    .filter(|t| (1..=4).contains(t))
                    .ok_or_else(|| bad("tier 1 to 4 needed"))?,
            ),
            _ => return Err(bad("outside [surnames] and [given]")),
        };
        if units(&canonical).is_none() {
            return Err(bad("not a syllable"));
        }
        out.push((canonical, value));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> &'static Lexicon {
        match Lexicon::status() {
            Ok(l) => l,
            Err(e) => panic!("the lexicon tests need the dictionary: {e}"),
        }
    }

    fn fix(word: &str) -> Option<String> {
        lex().suggest_word(word).map(|s| s.suggested)
    }

    fn name(n: &str) -> Option<String> {
        lex().suggest_name(n).map(|s| s.suggested)
    }

    #[test]
    fn names_file_parses_without_duplicates() {
        let names = parse_names(NAMES).unwrap();
        let mut seen = std::collections::HashSet::new();
        for (word, value) in &names {
            let kind = matches!(value, NameValue::Surname(_));
            assert!(seen.insert((word.clone(), kind)), "{word} twice");
        }
        assert!(names.len() > 400, "{}", names.len());
    }

    #[test]
    fn impossible_syllables_are_detected() {
        let l = lex();
        for w in [
            "Nguyẽn", "Tuâń", "Thj", "qúy", "nguyen", "NGUYEN", "Trưòng", "xqz", "Văn1", "",
        ] {
            assert!(!l.is_syllable(w), "{w}");
        }
    }

    #[test]
    fn real_syllables_pass_in_any_case_form_and_tone_placement() {
        let l = lex();
        for w in [
            "tuần",
            "Tuần",
            "TUẦN",
            "tuấn",
            "nguyễn",
            "Nguyễn",
            "NGUYỄN",
            "Nguyên",
            "chiêng",
            "Chiềng",
            "hoà",
            "hòa",
            "Hoà",
            "HÒA",
            "thuỷ",
            "thủy",
            "khoẻ",
            "khỏe",
            "quý",
            "thị",
            "Đường",
            // Name syllables the dictionary lacks.
            "Vy",
            "My",
            // NFD input.
            "Tra\u{0302}\u{0300}n",
        ] {
            assert!(l.is_syllable(w), "{w}");
        }
    }

    #[test]
    fn impossible_words_get_their_ocr_correction_in_their_case() {
        assert_eq!(fix("Nguyẽn").as_deref(), Some("Nguyễn"));
        assert_eq!(fix("NGUYẼN").as_deref(), Some("NGUYỄN"));
        assert_eq!(fix("Thj").as_deref(), Some("Thị"));
        assert_eq!(fix("THJ").as_deref(), Some("THỊ"));
        assert_eq!(fix("Tuâń").as_deref(), Some("Tuấn"));
        assert_eq!(fix("trưòng").as_deref(), Some("trường"));
        assert_eq!(fix("Truong").as_deref(), Some("Trương"));
        assert_eq!(fix("Narn").as_deref(), Some("Nam"));
        let s = lex().suggest_word("Thj").unwrap();
        assert_eq!(s.raw, "Thj");
        assert!(s.reason.contains("j→ị"), "{}", s.reason);
    }

    #[test]
    fn real_words_and_junk_get_no_suggestion() {
        for w in [
            "tuần",
            "Tuần",
            "NGUYÊN",
            "Chiêng",
            "hoà",
            "UBND",
            "xqz",
            "027048001234",
            "Văn,",
        ] {
            assert_eq!(fix(w), None, "{w}");
        }
    }

    #[test]
    fn ranked_suggestions_come_cheapest_first() {
        let all = lex().suggest_words("Thj", 5);
        let words: Vec<&str> = all.iter().map(|s| s.suggested.as_str()).collect();
        assert_eq!(words[0], "Thị");
        assert!(words.contains(&"Thi"), "{words:?}");
    }

    #[test]
    fn common_surname_one_mark_away_wins() {
        let s = lex().suggest_name("NGUYÊN VĂN AN").unwrap();
        assert_eq!(s.raw, "NGUYÊN VĂN AN");
        assert_eq!(s.suggested, "NGUYỄN VĂN AN");
        assert_eq!(s.changes.len(), 1);
        assert_eq!(s.changes[0].index, 0);
        assert_eq!(s.changes[0].raw, "NGUYÊN");
        assert_eq!(s.changes[0].suggested, "NGUYỄN");
        assert!(
            s.changes[0].reason.contains("rare surname"),
            "{}",
            s.changes[0].reason
        );
        // Typed without marks: first a syllable, then the common surname.
        assert_eq!(name("Nguyen Thị An").as_deref(), Some("Nguyễn Thị An"));
    }

    #[test]
    fn given_name_that_is_a_real_word_is_corrected_to_the_name() {
        let s = lex().suggest_name("Trần Văn Tuần").unwrap();
        assert_eq!(s.suggested, "Trần Văn Tuấn");
        assert_eq!(s.changes[0].index, 2);
        assert!(
            s.changes[0].reason.contains("ầ→ấ"),
            "{}",
            s.changes[0].reason
        );
        assert_eq!(name("Hổ Thị Mai").as_deref(), Some("Hồ Thị Mai"));
        assert_eq!(name("Phạm Thj Hoa").as_deref(), Some("Phạm Thị Hoa"));
    }

    #[test]
    fn plausible_names_get_no_suggestion() {
        for n in [
            "Lê Thị Lan",
            "Nguyễn Văn An",
            "Trần Thảo Nguyên",
            "Lò Văn Chiêng",
            "Phàn Văn Lâm",
            "Nguyễn Thị Hoà",
            "Nguyễn Thị Hòa",
            "Trần Thị Thuỷ",
            "Lê Ngọc Vy",
            "H'Hen Niê",
            "Nguyễn",
            "Một Hai Ba Bốn Năm Sáu",
        ] {
            assert_eq!(name(n), None, "{n}");
        }
    }

    #[test]
    fn suggestions_serialise() {
        let s = lex().suggest_name("Trần Văn Tuần").unwrap();
        let json = serde_json::to_string(&s).unwrap();
        assert!(
            json.starts_with(
                r#"{"raw":"Trần Văn Tuần","suggested":"Trần Văn Tuấn","changes":[{"index":2,"#
            ),
            "{json}"
        );
        let back: NameSuggestion = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn missing_dictionary_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let err = Lexicon::load(dir.path())
            .err()
            .expect("no dictionary there");
        let msg = err.to_string();
        assert!(
            msg.contains("vi_VN.aff") && msg.contains("apt install hunspell-vi"),
            "{msg}"
        );
    }

    /// Every real syllable `suggest_name` would correct at a given-name and
    /// at the surname position, to check `names.txt` for real names it lacks:
    /// `cargo test --release --lib lexicon::tests::corrections -- --ignored --nocapture`
    #[test]
    #[ignore = "prints a list for curating names.txt"]
    fn corrections() {
        let l = lex();
        let mut words: Vec<&str> = l
            .by_skeleton
            .values()
            .flatten()
            .filter(|e| e.given.is_none() && e.surname.is_none())
            .map(|e| e.word.as_str())
            .collect();
        words.sort_unstable();
        for surname in [false, true] {
            let fixes: Vec<String> = words
                .iter()
                .filter_map(|w| l.likelier_name(w, surname).map(|(b, _)| format!("{w}→{b}")))
                .collect();
            let at = if surname { "surname" } else { "given name" };
            println!("as {at}, {} corrected: {}", fixes.len(), fixes.join(" "));
        }
    }

    /// `cargo test --release --lib lexicon::tests::timings -- --ignored --nocapture`
    #[test]
    #[ignore = "prints timings"]
    fn timings() {
        let dir =
            std::env::var_os(DIR_ENV).map_or_else(|| PathBuf::from(DEFAULT_DIR), PathBuf::from);
        let mut loads: Vec<Duration> = (0..5)
            .map(|_| Lexicon::load(&dir).unwrap().load_time())
            .collect();
        loads.sort();
        println!(
            "load: {:?} (median of 5), {} syllables",
            loads[2],
            lex().len()
        );
        let names = [
            "Lê Thị Lan",
            "Nguyễn Văn An",
            "NGUYÊN VĂN AN",
            "Trần Văn Tuần",
            "Phạm Thj Hoa",
            "Nguyẽn Thị Hương",
        ];
        for n in names {
            let rounds = 20_000;
            let start = Instant::now();
            for _ in 0..rounds {
                std::hint::black_box(lex().suggest_name(std::hint::black_box(n)));
            }
            println!(
                "suggest_name({n:?}): {:.2} µs",
                start.elapsed().as_secs_f64() * 1e6 / rounds as f64
            );
        }
        for w in ["tuần", "Nguyẽn", "Thj", "Truong"] {
            let rounds = 20_000;
            let start = Instant::now();
            for _ in 0..rounds {
                std::hint::black_box(lex().suggest_word(std::hint::black_box(w)));
            }
            println!(
                "suggest_word({w:?}): {:.2} µs",
                start.elapsed().as_secs_f64() * 1e6 / rounds as f64
            );
        }
    }
}
