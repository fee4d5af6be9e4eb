//! Loading: Debian's `vi_VN.aff` and `vi_VN.dic` read through `spellbook`,
//! the curated name syllables of `names.txt` parsed, and both merged into
//! the [`Entry`] lists by skeleton that every suggestion searches. It is
//! apart from the public API because it is the one place that knows the
//! two file formats and the old and new tone placements; the rest of the
//! module sees only the loaded [`Lexicon`].

use super::letters::{skeleton, units, Unit};
use super::{title, Lexicon, LoadError};
use crate::text;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

/// Name syllables: `[surnames]` with shares in percent, `[given]` with tiers.
const NAMES: &str = include_str!("names.txt");
/// A surname without a figure in `names.txt` counts as this share (percent).
const UNFIGURED_SHARE: f32 = 0.1;

/// Loads `vi_VN.aff` and `vi_VN.dic` from `dir`: [`Lexicon::load`].
pub(super) fn load(dir: &Path) -> Result<Lexicon, LoadError> {
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
        if word.is_empty() || (word.chars().count() > 1 && word.chars().all(|c| !c.is_lowercase()))
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

fn add(dict: &mut spellbook::Dictionary, word: &str, dir: &Path) -> Result<(), LoadError> {
    dict.add(word).map_err(|e| LoadError {
        path: dir.join("vi_VN.dic"),
        reason: format!("cannot add {word:?}: {e}"),
    })
}

pub(super) struct Entry {
    pub(super) word: String,
    pub(super) units: Vec<Unit>,
    pub(super) surname: Option<f32>,
    pub(super) given: Option<u8>,
}

impl Entry {
    /// How common the syllable is in names, for ranking equal costs.
    pub(super) fn weight(&self) -> f32 {
        let surname: f32 = self
            .surname
            .map_or(0.0, |s| if s >= 1.0 { 3.0 } else { 2.0 });
        surname.max(self.given.map_or(0.0, f32::from))
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
}
