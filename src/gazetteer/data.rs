//! The compiled-in table: `data/gazetteer.tsv` parsed, once and on first
//! use, into the units of both eras with their parents, successors,
//! predecessors and the folded names (former names included) they are
//! looked up by. It is apart from the public types because it is the one
//! place that knows the file's columns and vocabulary; the rest of the
//! module sees only the parsed tables ([`GAZETTEER`]) and [`key_of`].

use std::collections::HashMap;
use std::sync::LazyLock;

use super::{Era, Kind, Level, Unit};
use crate::text::fold;

const DATA: &str = include_str!("../../data/gazetteer.tsv");

/// One row of the table.
pub(super) struct Rec {
    pub(super) level: Level,
    pub(super) era: Era,
    pub(super) code: &'static str,
    pub(super) kind: Kind,
    pub(super) name: &'static str,
    pub(super) parent: Option<Unit>,
    pub(super) successors: Vec<Unit>,
    pub(super) predecessors: Vec<Unit>,
}

impl Kind {
    /// The kind column of the table.
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "tỉnh" => Kind::Tinh,
            "thành phố trung ương" => Kind::ThanhPhoTrungUong,
            "quận" => Kind::Quan,
            "huyện" => Kind::Huyen,
            "thị xã" => Kind::ThiXa,
            "thành phố" => Kind::ThanhPho,
            "xã" => Kind::Xa,
            "phường" => Kind::Phuong,
            "thị trấn" => Kind::ThiTran,
            "đặc khu" => Kind::DacKhu,
            _ => return None,
        })
    }
}

pub(super) struct Gazetteer {
    pub(super) units: Vec<Rec>,
    pub(super) by_code: HashMap<(Level, Era, &'static str), Unit>,
    /// Folded name without spaces → units with that name (true: a former name).
    pub(super) by_key: HashMap<String, Vec<(Unit, bool)>>,
}

pub(super) static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| parse(DATA));

/// Folded letters and digits of a name: "Bà Rịa - Vũng Tàu" → "bariavungtau".
pub(super) fn key_of(name: &str) -> String {
    fold(name).chars().filter(|c| c.is_alphanumeric()).collect()
}

fn parse(data: &'static str) -> Gazetteer {
    struct Raw {
        parent: &'static str,
        successors: &'static str,
        aliases: &'static str,
    }
    let mut units = Vec::new();
    let mut raws = Vec::new();
    let mut by_code = HashMap::new();
    for (n, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let f: Vec<&'static str> = line.split('\t').collect();
        let bad = || -> ! { panic!("data/gazetteer.tsv line {}: {line:?}", n + 1) };
        if f.len() != 8 {
            bad();
        }
        let level = match f[0] {
            "province" => Level::Province,
            "district" => Level::District,
            "commune" => Level::Commune,
            _ => bad(),
        };
        let era = match f[1] {
            "old" => Era::Old,
            "new" => Era::New,
            _ => bad(),
        };
        let kind = Kind::parse(f[3]).unwrap_or_else(|| bad());
        let unit = Unit(units.len() as u32);
        if by_code.insert((level, era, f[2]), unit).is_some() {
            bad();
        }
        units.push(Rec {
            level,
            era,
            code: f[2],
            kind,
            name: f[4],
            parent: None,
            successors: Vec::new(),
            predecessors: Vec::new(),
        });
        raws.push(Raw {
            parent: f[5],
            successors: f[6],
            aliases: f[7],
        });
    }
    let find = |level, era, code: &str| -> Unit {
        *by_code
            .get(&(level, era, code))
            .unwrap_or_else(|| panic!("data/gazetteer.tsv: no {level:?} {era:?} {code}"))
    };
    let mut by_key: HashMap<String, Vec<(Unit, bool)>> = HashMap::new();
    for (i, raw) in raws.iter().enumerate() {
        let (level, era) = (units[i].level, units[i].era);
        let unit = Unit(i as u32);
        if !raw.parent.is_empty() {
            let parent_level = match (level, era) {
                (Level::Commune, Era::Old) => Level::District,
                _ => Level::Province,
            };
            units[i].parent = Some(find(parent_level, era, raw.parent));
        }
        let succ_level = match level {
            Level::Province => Level::Province,
            _ => Level::Commune,
        };
        units[i].successors = raw
            .successors
            .split(' ')
            .filter(|s| !s.is_empty())
            .map(|s| find(succ_level, Era::New, s))
            .collect();
        if era == Era::New {
            units[i].successors = vec![unit];
        }
        by_key
            .entry(key_of(units[i].name))
            .or_default()
            .push((unit, false));
        for a in raw.aliases.split(';').filter(|a| !a.is_empty()) {
            let e = by_key.entry(a.to_string()).or_default();
            if !e.iter().any(|x| x.0 == unit) {
                e.push((unit, true));
            }
        }
    }
    // An old district goes where its communes went.
    let mut district_succ: HashMap<Unit, Vec<Unit>> = HashMap::new();
    for r in &units {
        if let (Level::Commune, Era::Old, Some(d)) = (r.level, r.era, r.parent) {
            district_succ.entry(d).or_default().extend(&r.successors);
        }
    }
    for (d, mut s) in district_succ {
        let mut seen = std::collections::HashSet::new();
        s.retain(|u| seen.insert(*u));
        units[d.0 as usize].successors = s;
    }
    for i in 0..units.len() {
        let r = &units[i];
        if r.era == Era::Old && (r.level != Level::District || !raws[i].successors.is_empty()) {
            for s in r.successors.clone() {
                units[s.0 as usize].predecessors.push(Unit(i as u32));
            }
        }
    }
    Gazetteer {
        units,
        by_code,
        by_key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_loads_with_both_eras() {
        let g = &*GAZETTEER;
        let count = |level, era| {
            g.units
                .iter()
                .filter(|r| r.level == level && r.era == era)
                .count()
        };
        assert_eq!(count(Level::Province, Era::Old), 63);
        assert_eq!(count(Level::Province, Era::New), 34);
        assert_eq!(count(Level::District, Era::Old), 696);
        assert_eq!(count(Level::District, Era::New), 0);
        assert_eq!(count(Level::Commune, Era::New), 3321);
        assert!(count(Level::Commune, Era::Old) > 10_000);
        // Every old unit goes somewhere new, inside its new province.
        for (i, r) in g.units.iter().enumerate() {
            let u = Unit(i as u32);
            assert!(!r.successors.is_empty(), "{u:?}");
            if r.era == Era::Old && r.level == Level::Commune {
                let p = u.province().successors()[0];
                assert!(r.successors.iter().all(|s| s.province() == p), "{u:?}");
            }
        }
    }
}
