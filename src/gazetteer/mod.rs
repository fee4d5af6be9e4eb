//! Vietnam's administrative units before and since 1 July 2025, and the way
//! from the old ones to the new.
//!
//! On that day 63 provinces became 34, the district level (quận, huyện, thị
//! xã, thành phố thuộc tỉnh) was abolished and communes were merged, so an
//! address is now "xã/phường, tỉnh". The archive's dossiers carry the old
//! addresses and issuers ("xã Đình Tổ, huyện Thuận Thành, tỉnh Bắc Ninh",
//! "UBND HUYỆN TĨNH GIA") while officers search with the new names, and a
//! CCCD number still starts with the code of its old province. This module
//! recognises the units an address names, in either era, and maps old units
//! to the new ones: to cut an address value where it ends, to check a CCCD's
//! province prefix and an issuer's place, and to give an index the current
//! names of an old address as extra search terms.
//!
//! The data is `data/gazetteer.tsv`, built by `scripts/build-gazetteer.py`
//! from the PyPI package vietnamadminunits 1.0.4 (MIT; General Statistics
//! Office codes, merger maps of sapnhap.bando.com.vn): 63 old provinces,
//! 696 districts and 10,035 communes as of 30 June 2025, 34 new provinces
//! and 3,321 communes, each old commune with the new commune(s) its land went
//! to, and former names of units merged before 2025 where the source knows
//! them. It is compiled in (650 KB) and parsed once, on first use.
//!
//! Matching is on folded words ([`crate::text::fold`]): with or without tone
//! marks, any case, old or new tone placement; a spelling that agrees with
//! the marks as well ranks above one that only folds to the same letters.
//! The kind words (xã, phường, thị trấn, huyện, quận, thị xã, thành phố,
//! tỉnh, and TP, TX, TT, H., Q., P., X.) tell the level of the name after
//! them; among the readings of an address, the one whose units nest (commune
//! in district in province, in one era) and that names the most of them wins.
//!
//! The public types and functions are here; `data.rs` parses the table and
//! `matching.rs` reads a text against it.

mod data;
mod matching;

use std::ops::Range;

use data::{key_of, Rec, GAZETTEER};
use matching::{candidates, choose, tokens, type_before, type_len};

/// Which side of the reorganisation of 1 July 2025 a unit belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Era {
    /// 63 provinces, districts, communes: the units until 30 June 2025.
    Old,
    /// 34 provinces and their communes, since 1 July 2025.
    New,
}

/// The three levels; `District` exists in the old era only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    Commune,
    District,
    Province,
}

/// The kind of a unit, the word its full name starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// tỉnh
    Tinh,
    /// thành phố trực thuộc trung ương (province level)
    ThanhPhoTrungUong,
    /// quận
    Quan,
    /// huyện
    Huyen,
    /// thị xã
    ThiXa,
    /// thành phố thuộc tỉnh (district level)
    ThanhPho,
    /// xã
    Xa,
    /// phường
    Phuong,
    /// thị trấn
    ThiTran,
    /// đặc khu (island communes since 2025)
    DacKhu,
}

impl Kind {
    /// The word a full name starts with: "Tỉnh", "Thành phố", "Xã", …
    pub fn title(self) -> &'static str {
        match self {
            Kind::Tinh => "Tỉnh",
            Kind::ThanhPhoTrungUong | Kind::ThanhPho => "Thành phố",
            Kind::Quan => "Quận",
            Kind::Huyen => "Huyện",
            Kind::ThiXa => "Thị xã",
            Kind::Xa => "Xã",
            Kind::Phuong => "Phường",
            Kind::ThiTran => "Thị trấn",
            Kind::DacKhu => "Đặc khu",
        }
    }

    pub fn level(self) -> Level {
        match self {
            Kind::Tinh | Kind::ThanhPhoTrungUong => Level::Province,
            Kind::Quan | Kind::Huyen | Kind::ThiXa | Kind::ThanhPho => Level::District,
            Kind::Xa | Kind::Phuong | Kind::ThiTran | Kind::DacKhu => Level::Commune,
        }
    }
}

/// One administrative unit of either era: a cheap handle into the
/// compiled-in table.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Unit(u32);

impl Unit {
    fn rec(self) -> &'static Rec {
        &GAZETTEER.units[self.0 as usize]
    }

    /// The unit with this GSO code ("27" province, "262" district, "09415"
    /// commune) at this level and era.
    pub fn by_code(level: Level, era: Era, code: &str) -> Option<Unit> {
        GAZETTEER.by_code.get(&(level, era, code)).copied()
    }

    pub fn era(self) -> Era {
        self.rec().era
    }

    pub fn level(self) -> Level {
        self.rec().level
    }

    pub fn kind(self) -> Kind {
        self.rec().kind
    }

    /// GSO code: 2 digits for a province, 3 for a district, 5 for a commune.
    pub fn code(self) -> &'static str {
        self.rec().code
    }

    /// The name without its kind word: "Đình Tổ", "Bắc Ninh", "1".
    pub fn name(self) -> &'static str {
        self.rec().name
    }

    /// "Xã Đình Tổ", "Tỉnh Bắc Ninh", "Thành phố Hà Nội", "Quận 1".
    pub fn full_name(self) -> String {
        format!("{} {}", self.kind().title(), self.name())
    }

    /// The district of an old commune, the province of a district or of a
    /// new commune; `None` for a province.
    pub fn parent(self) -> Option<Unit> {
        self.rec().parent
    }

    /// The province this unit is in (itself for a province), same era.
    pub fn province(self) -> Unit {
        let mut u = self;
        while let Some(p) = u.parent() {
            u = p;
        }
        u
    }

    /// The new units an old one went to: an old province's new province; an
    /// old commune's new commune(s), the most likely first when it was
    /// divided; an old district's new communes. A new unit is its own
    /// successor.
    pub fn successors(self) -> &'static [Unit] {
        &self.rec().successors
    }

    /// The old units a new one was made of: communes (and the island
    /// districts that had none) for a new commune, provinces for a new
    /// province. Empty for old units.
    pub fn predecessors(self) -> &'static [Unit] {
        &self.rec().predecessors
    }

    /// Whether `self` is `other` or lies inside it (same era).
    pub fn is_within(self, other: Unit) -> bool {
        let mut u = Some(self);
        while let Some(x) = u {
            if x == other {
                return true;
            }
            u = x.parent();
        }
        false
    }
}

impl std::fmt::Debug for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:?} {:?} {} {}",
            self.era(),
            self.level(),
            self.code(),
            self.full_name()
        )
    }
}

/// A province of a CCCD province code: the old province the code was
/// given to and the province that holds it now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Province {
    pub old: Unit,
    pub new: Unit,
}

/// The province of a CCCD's three-digit prefix ("027" → Bắc Ninh, now Bắc
/// Ninh; "024" → Bắc Giang, now Bắc Ninh). The prefixes are the old
/// provinces' GSO codes (Thông tư 07/2016/TT-BCA) and stay valid after 2025.
pub fn province_by_cccd_code(code: &str) -> Option<Province> {
    if code.len() != 3 || !code.starts_with('0') || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let old = Unit::by_code(Level::Province, Era::Old, &code[1..])?;
    Some(Province {
        old,
        new: old.successors()[0],
    })
}

/// The province of a 12-digit CCCD number (its first three digits); `None`
/// when the number is not 12 digits or the prefix is no province.
pub fn province_of_cccd(number: &str) -> Option<Province> {
    if number.len() != 12 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    province_by_cccd_code(&number[..3])
}

/// The units of either era whose name (or a former name) folds to the same
/// letters as `name`, with or without its kind word ("Trí Quả", "phường Trí
/// Quả", "tri qua"): for a search box, to look for the old names too.
pub fn units_named(name: &str) -> Vec<Unit> {
    let toks = tokens(name);
    let skip = type_len(&toks);
    let ty = type_before(&toks, skip).filter(|_| skip > 0).map(|t| t.1);
    let key: String = toks[skip..].iter().map(|t| t.folded.as_str()).collect();
    let mut out: Vec<Unit> = GAZETTEER
        .by_key
        .get(key.as_str())
        .into_iter()
        .flatten()
        .map(|e| e.0)
        .filter(|u| ty.is_none_or(|t| t.fits(u.kind()).is_some()))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A unit named in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub unit: Unit,
    /// Byte range in the text, the kind word before the name included.
    pub span: Range<usize>,
    /// The text has the name with its marks (tone placement aside), not
    /// only the same letters once folded.
    pub exact: bool,
    /// The text uses a former name ("huyện Tĩnh Gia" for Thị xã Nghi Sơn).
    pub former_name: bool,
    /// The new units it belongs to now ([`Unit::successors`]).
    pub now: &'static [Unit],
}

/// The administrative units an address names, most specific first
/// (commune, district, province), all of one era (an old address may end
/// with its new province). Empty when nothing is recognised or the reading
/// is ambiguous: a commune name found in several provinces without a
/// district or province to tell them apart gives nothing.
pub fn find_place(text: &str) -> Vec<Place> {
    let toks = tokens(text);
    let cands = candidates(text, &toks);
    let chosen = choose(&cands);
    let mut places: Vec<Place> = chosen
        .into_iter()
        .map(|i| {
            let c = &cands[i];
            Place {
                unit: c.unit,
                span: c.span.clone(),
                exact: c.exact,
                former_name: c.alias,
                now: c.unit.successors(),
            }
        })
        .collect();
    places.sort_by_key(|p| (p.unit.level(), p.span.start));
    places
}

/// Where an address ends: the byte offset just after the last unit it
/// names (usually the province), to cut a value found after a label
/// ("thôn 3, xã Chiềng Cơi, TP Sơn La, Sơn La  Số CCCD: …" ends after the
/// second "Sơn La"). `None` when no unit is recognised.
pub fn address_end(text: &str) -> Option<usize> {
    find_place(text).iter().map(|p| p.span.end).max()
}

/// An address read against the gazetteer: the units it names and where they
/// are now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NormalisedAddress {
    /// As [`find_place`] returns them.
    pub places: Vec<Place>,
    /// The new commune(s) of the commune named: one, or several when an old
    /// commune was divided (the most likely first); empty when the address
    /// names no commune.
    pub communes: &'static [Unit],
    /// The new province.
    pub province: Unit,
    /// Byte offset just after the last unit named ([`address_end`]).
    pub end: usize,
}

impl NormalisedAddress {
    /// The current commune (the most likely one of a divided old commune).
    pub fn commune(&self) -> Option<Unit> {
        self.communes.first().copied()
    }

    /// "Phường Trí Quả, Tỉnh Bắc Ninh" (or the province alone).
    pub fn current(&self) -> String {
        match self.commune() {
            Some(c) => format!("{}, {}", c.full_name(), self.province.full_name()),
            None => self.province.full_name(),
        }
    }

    /// Full names of the current units that the address does not already
    /// name ("Phường Trí Quả", "Tỉnh Bắc Ninh" for an old address in Bắc
    /// Giang): extra index terms so that an officer typing the new names
    /// finds the old dossier. Every new commune of a divided old commune is
    /// listed. Empty for an address in the current units.
    pub fn search_terms(&self) -> Vec<String> {
        let named: Vec<String> = self.places.iter().map(|p| key_of(p.unit.name())).collect();
        let mut out = Vec::new();
        for &u in self.communes.iter().chain(std::iter::once(&self.province)) {
            if self.places.iter().any(|p| p.unit == u) || named.contains(&key_of(u.name())) {
                continue;
            }
            let full = u.full_name();
            if !out.contains(&full) {
                out.push(full);
            }
        }
        out
    }
}

/// The units of an address and the current commune and province they are
/// in; `None` when no unit is recognised (see [`find_place`]).
pub fn normalise_address(text: &str) -> Option<NormalisedAddress> {
    let places = find_place(text);
    let first = places.first()?;
    let end = places.iter().map(|p| p.span.end).max()?;
    let u = first.unit;
    let (communes, province): (&'static [Unit], Unit) = match (u.era(), u.level()) {
        (_, Level::Commune) => (u.successors(), u.successors()[0].province()),
        (Era::Old, _) => (&[], u.province().successors()[0]),
        (Era::New, _) => (&[], u),
    };
    Some(NormalisedAddress {
        places,
        communes,
        province,
        end,
    })
}

/// Whether the whole of `text` names a province of either era, with or
/// without its kind word: "Bắc Ninh", "TỈNH BẮC GIANG", "TP. Hồ Chí Minh",
/// "Thừa Thiên Huế", "ha noi".
pub fn is_province_name(text: &str) -> bool {
    let toks = tokens(text);
    let cands = candidates(text, &toks);
    cands
        .iter()
        .any(|c| c.unit.level() == Level::Province && c.tok.start == 0 && c.tok.end == toks.len())
}

/// The place an issuing body is named after: the unit that ends the text,
/// after a kind word ("UBND TỈNH BẮC NINH" → Bắc Ninh, "UBND HUYỆN TĨNH GIA"
/// → Thị xã Nghi Sơn by its former name, "Công an TP Hồ Chí Minh") or, for
/// a province, without one ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI BẮC
/// NINH"). `None` when the text does not end with a place name. A name
/// several units share ("UBND PHƯỜNG 14") gives one of them, the old one
/// with the lowest code: [`units_named`] lists them all.
pub fn issuer_place(text: &str) -> Option<Place> {
    let toks = tokens(text);
    let cands = candidates(text, &toks);
    let best = cands
        .iter()
        .filter(|c| c.tok.end == toks.len() && (c.typed || c.unit.level() == Level::Province))
        .max_by_key(|c| {
            (
                c.score,
                c.unit.era() == Era::Old,
                c.tok.len(),
                std::cmp::Reverse(c.unit.code()),
            )
        })?;
    Some(Place {
        unit: best.unit,
        span: best.span.clone(),
        exact: best.exact,
        former_name: best.alias,
        now: best.unit.successors(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(places: &[Place]) -> Vec<String> {
        places
            .iter()
            .map(|p| format!("{:?} {}", p.unit.era(), p.unit.full_name()))
            .collect()
    }

    #[test]
    fn cccd_codes_give_old_and_new_provinces() {
        let p = province_by_cccd_code("027").unwrap();
        assert_eq!((p.old.name(), p.old.era()), ("Bắc Ninh", Era::Old));
        assert_eq!((p.new.name(), p.new.era()), ("Bắc Ninh", Era::New));
        let p = province_by_cccd_code("024").unwrap();
        assert_eq!(p.old.name(), "Bắc Giang");
        assert_eq!(p.new.name(), "Bắc Ninh");
        assert_eq!(province_by_cccd_code("014").unwrap().new.name(), "Sơn La");
        assert_eq!(
            province_by_cccd_code("001").unwrap().old.full_name(),
            "Thành phố Hà Nội"
        );
        assert_eq!(
            province_by_cccd_code("079").unwrap().old.kind(),
            Kind::ThanhPhoTrungUong
        );
        assert_eq!(province_by_cccd_code("017").unwrap().new.name(), "Phú Thọ");
        assert_eq!(
            province_of_cccd("024185001234").unwrap().old.name(),
            "Bắc Giang"
        );
        for bad in ["003", "099", "27", "0027", "abc", "", "127"] {
            assert!(province_by_cccd_code(bad).is_none(), "{bad}");
        }
        assert!(province_of_cccd("02418500123").is_none());
    }

    #[test]
    fn cccd_codes_agree_with_the_extraction_table() {
        // extract::analyse keeps its own list (Thông tư 07/2016/TT-BCA): the
        // same 63 codes name the same provinces here.
        let mut n = 0;
        for code in 0..100 {
            let code = format!("{code:03}");
            let ours = province_by_cccd_code(&code);
            let theirs = crate::extract::province_name(&code);
            assert_eq!(ours.is_some(), theirs.is_some(), "{code}");
            if let (Some(p), Some(name)) = (ours, theirs) {
                assert!(is_province_name(name), "{name}");
                let place = issuer_place(name).unwrap();
                assert_eq!(place.unit, p.old, "{code} {name}");
                n += 1;
            }
        }
        assert_eq!(n, 63);
    }

    #[test]
    fn old_address_with_marks_and_kind_words() {
        let text = "Xã Đình Tổ, huyện Thuận Thành, tỉnh Bắc Ninh";
        let places = find_place(text);
        assert_eq!(
            names(&places),
            [
                "Old Xã Đình Tổ",
                "Old Thị xã Thuận Thành",
                "Old Tỉnh Bắc Ninh"
            ]
        );
        assert!(places.iter().all(|p| p.exact));
        assert_eq!(&text[places[0].span.clone()], "Xã Đình Tổ");
        assert_eq!(&text[places[2].span.clone()], "tỉnh Bắc Ninh");
        assert_eq!(places[0].now.len(), 1);
        let a = normalise_address(text).unwrap();
        assert_eq!(a.current(), "Phường Trí Quả, Tỉnh Bắc Ninh");
        assert_eq!(a.search_terms(), ["Phường Trí Quả"]);
        assert_eq!(a.end, text.len());
    }

    #[test]
    fn toneless_address_is_found() {
        let places = find_place("xa dinh to, huyen thuan thanh, bac ninh");
        assert_eq!(
            names(&places),
            [
                "Old Xã Đình Tổ",
                "Old Thị xã Thuận Thành",
                "Old Tỉnh Bắc Ninh"
            ]
        );
        assert!(places.iter().all(|p| !p.exact));
        let upper = find_place("XÃ ĐÌNH TỔ - H. THUẬN THÀNH - BẮC NINH");
        assert_eq!(names(&upper), names(&places));
    }

    #[test]
    fn old_address_in_bac_giang_is_now_in_bac_ninh() {
        let text = "Thôn Đồng, xã Tân Dĩnh, huyện Lạng Giang, tỉnh Bắc Giang";
        let a = normalise_address(text).unwrap();
        assert_eq!(
            names(&a.places),
            [
                "Old Xã Tân Dĩnh",
                "Old Huyện Lạng Giang",
                "Old Tỉnh Bắc Giang"
            ]
        );
        assert_eq!(a.province.full_name(), "Tỉnh Bắc Ninh");
        assert_eq!(a.province.era(), Era::New);
        // Tân Dĩnh kept its name and code; only the province is new.
        assert_eq!(a.current(), "Xã Tân Dĩnh, Tỉnh Bắc Ninh");
        assert_eq!(a.search_terms(), ["Tỉnh Bắc Ninh"]);
        // The same old address ending with the new province's name.
        let b = normalise_address("xã Tân Dĩnh, huyện Lạng Giang, tỉnh Bắc Ninh").unwrap();
        assert_eq!(b.places[0].unit, a.places[0].unit);
        assert_eq!(b.places[2].unit.era(), Era::New);
        assert_eq!(b.current(), a.current());
    }

    #[test]
    fn abbreviations_and_town_level_city() {
        let text = "thôn 3, xã Chiềng Cơi, TP Sơn La, Sơn La  Số CCCD: 014185001234";
        let places = find_place(text);
        assert_eq!(
            names(&places),
            [
                "Old Phường Chiềng Cơi",
                "Old Thành phố Sơn La",
                "Old Tỉnh Sơn La"
            ]
        );
        let end = address_end(text).unwrap();
        assert_eq!(&text[..end], "thôn 3, xã Chiềng Cơi, TP Sơn La, Sơn La");
        assert_eq!(
            names(&find_place("P.14, Q. Bình Thạnh, TP.HCM")),
            [
                "Old Phường 14",
                "Old Quận Bình Thạnh",
                "Old Thành phố Hồ Chí Minh"
            ]
        );
        assert_eq!(
            names(&find_place("P14 Q10 Tp Hồ Chí Minh")),
            ["Old Phường 14", "Old Quận 10", "Old Thành phố Hồ Chí Minh"]
        );
    }

    #[test]
    fn tone_placement_and_renamed_provinces() {
        let hoa = find_place("xã Hoà Phú, huyện Ứng Hoà, TP Hà Nội");
        assert_eq!(
            names(&hoa),
            [
                "Old Xã Hòa Phú",
                "Old Huyện Ứng Hòa",
                "Old Thành phố Hà Nội"
            ]
        );
        assert!(hoa.iter().all(|p| p.exact));
        for name in [
            "Thừa Thiên Huế",
            "tỉnh Thừa Thiên - Huế",
            "TP Huế",
            "thanh pho hue",
        ] {
            assert!(is_province_name(name), "{name}");
            let p = find_place(name);
            assert_eq!(p.len(), 1, "{name}");
            assert_eq!(p[0].unit.code(), "46", "{name}");
        }
        assert!(find_place("tỉnh Thừa Thiên Huế")[0].former_name);
    }

    #[test]
    fn a_bare_name_is_the_province() {
        // Also the name of Thành phố Bắc Ninh and of a new Phường Bắc Ninh.
        let p = find_place("Bắc Ninh, ngày 26 tháng 11 năm 2022");
        assert_eq!(names(&p), ["Old Tỉnh Bắc Ninh"]);
        assert_eq!(p[0].now[0].code(), "24");
        assert_eq!(names(&find_place("ha tinh")), ["Old Tỉnh Hà Tĩnh"]);
        assert_eq!(
            normalise_address("Quảng Nam").unwrap().current(),
            "Thành phố Đà Nẵng"
        );
    }

    #[test]
    fn unknown_places_give_nothing() {
        assert!(find_place("xã Không Có Thật, huyện Đâu Đó, tỉnh Xa Lắm").is_empty());
        assert!(find_place("Nguyễn Văn An, sinh năm 1980").is_empty());
        assert!(find_place("").is_empty());
        assert!(normalise_address("thôn 3, tổ 5").is_none());
        // "Xa Lắm" in a text with marks is no "xã Lắm" (Thị trấn Lâm).
        assert!(find_place("thôn Đông, Xa Lắm").is_empty());
        assert!(address_end("Số điện thoại: 0912345678").is_none());
        assert!(!is_province_name("Huyện Thuận Thành"));
        assert!(!is_province_name("Bắc"));
        assert!(!is_province_name("Ninh Bình Dương"));
    }

    #[test]
    fn same_commune_name_is_told_apart_by_its_district_and_province() {
        // Xã Thuận Thành: in Cần Giuộc (Long An) and elsewhere; Phường Thuận
        // Thành: in Huế (old) and Thái Nguyên.
        let all = units_named("Thuận Thành");
        let communes: Vec<Unit> = all
            .iter()
            .copied()
            .filter(|u| u.level() == Level::Commune && u.era() == Era::Old)
            .collect();
        assert!(communes.len() >= 2, "{communes:?}");
        for c in communes {
            let d = c.parent().unwrap();
            let p = d.parent().unwrap();
            let text = format!("{}, {}, {}", c.full_name(), d.full_name(), p.full_name());
            let places = find_place(&text);
            assert_eq!(places[0].unit, c, "{text}");
            let short = format!("{} {}, {}", c.kind().title(), c.name(), p.name());
            let places = find_place(&short);
            let got: Vec<Unit> = places.iter().map(|p| p.unit).collect();
            // Named with its province only, it is found unless that province
            // has two communes of that name.
            let twins = all
                .iter()
                .filter(|u| u.level() == Level::Commune && u.era() == Era::Old && u.province() == p)
                .filter(|u| u.kind() == c.kind())
                .count();
            if twins == 1 {
                assert_eq!(got[0], c, "{short}");
            }
        }
        // Alone, a commune name found in several provinces gives nothing.
        assert!(find_place("xã Tân Lập").is_empty());
        // With its province it is found (Tân Lập, Phù Yên is not in Bắc Giang).
        let p = find_place("xã Tân Lập, huyện Lục Ngạn, tỉnh Bắc Giang");
        assert_eq!(names(&p)[0], "Old Xã Tân Lập");
        assert_eq!(p[0].unit.province().name(), "Bắc Giang");
    }

    #[test]
    fn issuers_name_their_place() {
        let p = issuer_place("UBND TỈNH BẮC NINH").unwrap();
        assert_eq!(
            (p.unit.level(), p.unit.name()),
            (Level::Province, "Bắc Ninh")
        );
        let p = issuer_place("UBND HUYỆN TĨNH GIA").unwrap();
        assert_eq!(p.unit.full_name(), "Thị xã Nghi Sơn");
        assert!(p.former_name);
        let p = issuer_place("ỦY BAN NHÂN DÂN XÃ ĐÌNH TỔ").unwrap();
        assert_eq!(p.unit.full_name(), "Xã Đình Tổ");
        assert!(issuer_place("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI").is_none());
        let p = issuer_place("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH BẮC GIANG").unwrap();
        assert_eq!(p.unit.name(), "Bắc Giang");
        assert!(is_province_name("TỈNH BẮC GIANG"));
        assert!(is_province_name("TP. Hồ Chí Minh"));
        assert!(is_province_name("ha noi"));
    }

    #[test]
    fn new_addresses_are_read_in_the_new_era() {
        let a = normalise_address("Phường Trí Quả, tỉnh Bắc Ninh").unwrap();
        assert_eq!(a.current(), "Phường Trí Quả, Tỉnh Bắc Ninh");
        assert!(a.search_terms().is_empty(), "{:?}", a.search_terms());
        let new = Unit::by_code(Level::Commune, Era::New, "09427").unwrap();
        let olds: Vec<&str> = new.predecessors().iter().map(|u| u.name()).collect();
        assert!(olds.contains(&"Đình Tổ"), "{olds:?}");
        assert!(units_named("phuong tri qua").contains(&new));
    }

    #[test]
    fn divided_commune_lists_every_new_commune() {
        let g = &*GAZETTEER;
        let (i, _) = g
            .units
            .iter()
            .enumerate()
            .find(|(_, r)| r.era == Era::Old && r.level == Level::Commune && r.successors.len() > 1)
            .unwrap();
        let u = Unit(i as u32);
        let d = u.parent().unwrap();
        let text = format!(
            "{}, {}, {}",
            u.full_name(),
            d.full_name(),
            d.province().full_name()
        );
        let a = normalise_address(&text).unwrap();
        assert_eq!(a.places[0].unit, u, "{text}");
        assert_eq!(a.communes, u.successors());
        assert!(a.search_terms().len() >= 2, "{:?}", a.search_terms());
    }

    /// `cargo test --release --lib gazetteer::tests::timing -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn timing() {
        let t = std::time::Instant::now();
        let n = GAZETTEER.units.len();
        eprintln!("parse: {n} units in {:?}", t.elapsed());
        let text =
            "Thôn Đông, xã Đình Tổ, huyện Thuận Thành, tỉnh Bắc Ninh; nơi ở hiện tại: như trên";
        assert!(text.len() >= 80);
        let runs = 2000;
        let t = std::time::Instant::now();
        for _ in 0..runs {
            std::hint::black_box(find_place(std::hint::black_box(text)));
        }
        eprintln!(
            "find_place ({} bytes): {:?} per call",
            text.len(),
            t.elapsed() / runs
        );
    }
}
