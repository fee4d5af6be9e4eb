//! Suggested readings of doubtful names and addresses, and where an old
//! address lies today.
//!
//! OCR loses and swaps tone marks ("Tuấn" read "Tuần", "Chiềng" read
//! "Chiêng"); both readings are real syllables, so no check of the value
//! alone can tell. What can: a person's name is made of name syllables (the
//! lexicon: Debian's hunspell-vi and a curated list of names), and a place
//! name is in the gazetteer. A value that differs from a likely reading only
//! by what OCR gets wrong becomes a doubtful check with that reading as
//! `suggested`; the value itself stays as read. Addresses also get the
//! commune and province they lie in since July 2025, for officers who type
//! today's names.

use super::analyse::{Check, CheckState, Record};
use super::Fields;
use crate::gazetteer::NormalisedAddress;
use serde::{Deserialize, Serialize};

/// An address as printed and where it is today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddressNow {
    pub address: String,
    /// "Phường Võ Cường, Tỉnh Bắc Ninh".
    pub current: String,
    /// Current unit names the address does not already hold: indexed, so
    /// that an officer typing today's names finds the old dossier.
    pub new_names: Vec<String>,
}

/// Each address of the fields with what the gazetteer reads in it (read
/// once: [`addresses_now`] and [`address_checks`] both use it).
pub(super) fn read_addresses(fields: &Fields) -> Vec<(&str, NormalisedAddress)> {
    fields
        .get("address")
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
        .filter_map(|a| Some((a, crate::gazetteer::normalise_address(a)?)))
        .collect()
}

pub(super) fn addresses_now(read: &[(&str, NormalisedAddress)]) -> Vec<AddressNow> {
    read.iter()
        .map(|(a, n)| AddressNow {
            address: a.to_string(),
            current: n.current(),
            new_names: n.search_terms(),
        })
        .collect()
}

/// Names holding a syllable that does not exist, or an unlikely name
/// syllable one OCR slip away from a common one (Nguyên → Nguyễn, Tuần →
/// Tuấn): doubtful, with the lexicon's reading as `suggested`. The name is
/// kept as read; search also finds it by the suggestion.
pub(super) fn name_checks(fields: &Fields, records: &[Record]) -> Vec<Check> {
    let mut out = Vec::new();
    for v in fields.get("full_name").into_iter().flatten() {
        let Some(name) = v.as_str() else { continue };
        let Some(s) = crate::lexicon::suggest_name(name) else {
            continue;
        };
        let why: Vec<String> = s
            .changes
            .iter()
            .map(|c| format!("{} → {}: {}", c.raw, c.suggested, c.reason))
            .collect();
        out.push(Check {
            key: "full_name".into(),
            value: name.to_string(),
            valid: false,
            check: CheckState::Doubtful,
            reason: format!(
                "possible OCR error ({}); compare with the paper",
                why.join("; ")
            ),
            page: records
                .iter()
                .find(|r| r.full_name.as_deref() == Some(name))
                .map(|r| r.page),
            suggested: Some(s.suggested),
        });
    }
    out
}

/// Addresses naming a unit of the gazetteer with other tone marks than
/// its own ("xã Chiêng Ngần" for Chiềng Ngần: a mark OCR lost or changed):
/// doubtful, with the gazetteer's spelling as `suggested`.
pub(super) fn address_checks(read: &[(&str, NormalisedAddress)]) -> Vec<Check> {
    let mut out = Vec::new();
    for &(address, ref n) in read {
        let mut fixes: Vec<(std::ops::Range<usize>, String)> = Vec::new();
        for p in n.places.iter().filter(|p| !p.exact && !p.former_name) {
            let Some(seg) = address.get(p.span.clone()) else {
                continue;
            };
            let name = p.unit.name();
            let k = name.split_whitespace().count();
            let words: Vec<&str> = seg.split_whitespace().collect();
            if words.len() < k {
                continue;
            }
            let printed = words[words.len() - k..].join(" ");
            let Some(at) = seg.rfind(&printed) else {
                continue;
            };
            if crate::text::fold(&printed) != crate::text::fold(name) {
                continue;
            }
            let upper = printed.chars().all(|c| !c.is_lowercase());
            let spelled = if upper {
                name.to_uppercase()
            } else {
                name.to_string()
            };
            if spelled != printed {
                let start = p.span.start + at;
                fixes.push((start..start + printed.len(), spelled));
            }
        }
        if fixes.is_empty() {
            continue;
        }
        fixes.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
        let mut suggested = address.to_string();
        let mut why = Vec::new();
        for (r, spelled) in fixes {
            why.push(format!("{} → {spelled}", &address[r.clone()]));
            suggested.replace_range(r, &spelled);
        }
        why.reverse();
        out.push(Check {
            key: "address".into(),
            value: address.to_string(),
            valid: false,
            check: CheckState::Doubtful,
            reason: format!(
                "place names spelled otherwise than in the gazetteer ({}); compare with the paper",
                why.join("; ")
            ),
            page: None,
            suggested: Some(suggested),
        });
    }
    out
}
