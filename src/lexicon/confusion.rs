//! OCR confusions: the known syllables Tesseract could have read as a
//! given string, and what each misreading costs (a tilde lost, acute for
//! grave, a hook above a circumflex taken for an acute, j for ị, rn for m).
//! It is apart because the costs are the one tunable model of OCR errors
//! here; suggestions for words and for names both rank by it.

use super::dictionary::Entry;
use super::letters::{skeleton, Shape, Tone, Unit};
use super::{cmp_f32, Lexicon};

/// Corrections of an impossible syllable: at most this many edits and this cost.
pub(super) const MAX_EDITS: u32 = 2;
const MAX_COST: f32 = 1.5;
/// Cost of a tone mark that sits on the wrong letter of the syllable.
const MOVED_TONE: f32 = 0.3;

impl Lexicon {
    /// Known syllables within `max_edits` OCR confusions of `units` that
    /// `keep` accepts (not `units` itself), each once at its lowest cost.
    /// Letter confusions (j→ị, l↔i, rn↔m) only when `letters`.
    pub(super) fn candidates<'a>(
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

pub(super) struct Candidate<'a> {
    pub(super) entry: &'a Entry,
    pub(super) cost: f32,
    variant: Variant,
}

impl Candidate<'_> {
    /// The edits from the input to this candidate: "ê→ễ", "j→ị".
    pub(super) fn describe(&self) -> String {
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
