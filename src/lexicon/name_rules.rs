//! The name rules: which syllable of a person's name to correct, and to
//! what. A name is a surname and given syllables, each position with its
//! own list and figures, so a real syllable can still be an unlikely name
//! (Tuần for Tuấn, a rare surname one mark from Nguyễn). It is apart
//! because these thresholds trade a missed correction against a reviewer's
//! time, and are tuned against `names.txt`, not against OCR.

use super::confusion::{Candidate, MAX_EDITS};
use super::dictionary::Entry;
use super::letters::units;
use super::{cmp_f32, title, Case, Lexicon};

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

impl Lexicon {
    /// The corrected syllable (in its case) and the reason, or `None`.
    pub(super) fn fix_name_syllable(
        &self,
        syllable: &str,
        surname: bool,
    ) -> Option<(String, String)> {
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
}

#[cfg(test)]
mod tests {
    use super::super::tests::lex;

    /// Every real syllable `suggest_name` would correct at a given-name and
    /// at the surname position, to check `names.txt` for real names it lacks:
    /// `cargo test --release --lib lexicon::name_rules::tests::corrections -- --ignored --nocapture`
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
}
