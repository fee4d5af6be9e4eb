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
//!
//! Layout. This file holds the public API; `dictionary` loads the
//! syllable dictionary and the name list, `letters` takes a syllable
//! apart into letters with their marks, `confusion` finds the known
//! syllables OCR could have misread and prices each misreading, and
//! `name_rules` decides which syllable of a name to correct to what.

mod confusion;
mod dictionary;
mod letters;
mod name_rules;

use crate::text;
use confusion::MAX_EDITS;
use dictionary::Entry;
use letters::units;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

/// Where Debian's `hunspell-vi` puts `vi_VN.aff` and `vi_VN.dic`.
pub const DEFAULT_DIR: &str = "/usr/share/hunspell";
/// Environment variable naming another folder holding `vi_VN.aff` and `vi_VN.dic`.
pub const DIR_ENV: &str = "SOHOA_HUNSPELL_DIR";

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
        dictionary::load(dir)
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    pub(super) fn lex() -> &'static Lexicon {
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
