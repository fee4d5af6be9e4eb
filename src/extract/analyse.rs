//! People and checks on top of the flat fields.
//!
//! The flat fields say what values a dossier holds; an officer also needs to
//! know which values belong together (this name, this birth date, this ID)
//! and which of them cannot be right. This module turns the extraction into
//! an [`Analysis`]: the fields, one [`Record`] per person (a table row, or a
//! labelled person on a form), and one [`Check`] per identifier and date.
//! Checks never change a value: an ID whose province code does not exist is
//! kept as printed and flagged, so that `sohoa review` can list it for a
//! person to look at.

use super::suggest::AddressNow;
use super::{extract_with_records, Fields};
use crate::store::PageRecord;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// One person: the values found together (a table row, or the lines after a
/// "Họ và tên:" label up to the next person).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citizen_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub social_insurance_no: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_insurance_no: Option<String>,
    /// What the person is in the document: `nguoi_duoc_khai_sinh` (the
    /// child of a birth record), `me`, `cha`, `con`, `liet_si`, `nguoi_de_nghi`
    /// (the applicant), `nguoi_ky` (the signer); none when not said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The signer's office as printed above the name ("PHÓ CHỦ TỊCH").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// 1-based page of the dossier where the person is first named.
    pub page: usize,
    /// The gender "ông"/"bà" before the name implies: used by the checks
    /// when no "Giới tính" is printed, not shown as a value.
    #[serde(skip)]
    pub(super) title_gender: Option<&'static str>,
}

impl Record {
    pub(super) fn slot(&mut self, key: &str) -> &mut Option<String> {
        match key {
            "full_name" => &mut self.full_name,
            "date_of_birth" => &mut self.date_of_birth,
            "gender" => &mut self.gender,
            "citizen_id" => &mut self.citizen_id,
            "social_insurance_no" => &mut self.social_insurance_no,
            _ => &mut self.health_insurance_no,
        }
    }

    /// The value of a record key by name.
    pub fn get(&self, key: &str) -> Option<&str> {
        match key {
            "full_name" => self.full_name.as_deref(),
            "date_of_birth" => self.date_of_birth.as_deref(),
            "gender" => self.gender.as_deref(),
            "citizen_id" => self.citizen_id.as_deref(),
            "social_insurance_no" => self.social_insurance_no.as_deref(),
            "health_insurance_no" => self.health_insurance_no.as_deref(),
            "role" => self.role.as_deref(),
            "position" => self.position.as_deref(),
            _ => None,
        }
    }

    /// Fill this record's empty slots from another reading of the person.
    pub(super) fn fill_from(&mut self, other: Record) {
        let Record {
            full_name,
            date_of_birth,
            gender,
            citizen_id,
            social_insurance_no,
            health_insurance_no,
            role,
            position,
            page: _,
            title_gender,
        } = other;
        self.title_gender = self.title_gender.or(title_gender);
        self.role = self.role.take().or(role);
        self.position = self.position.take().or(position);
        for (key, v) in [
            ("full_name", full_name),
            ("date_of_birth", date_of_birth),
            ("gender", gender),
            ("citizen_id", citizen_id),
            ("social_insurance_no", social_insurance_no),
            ("health_insurance_no", health_insurance_no),
        ] {
            let slot = self.slot(key);
            if slot.is_none() {
                *slot = v;
            }
        }
    }

    pub(super) fn has_personal_data(&self) -> bool {
        self.date_of_birth.is_some()
            || self.gender.is_some()
            || self.citizen_id.is_some()
            || self.social_insurance_no.is_some()
            || self.health_insurance_no.is_some()
    }
}

/// What a check found of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckState {
    /// Passes every check that applies.
    Valid,
    /// Cannot be right as printed (a province code that does not exist).
    Invalid,
    /// May be wrong: read from digits OCR was unsure of, or holding a
    /// syllable that does not exist (with a `suggested` reading). Never
    /// reported as valid.
    Doubtful,
}

/// The verdict on one extracted value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub key: String,
    pub value: String,
    /// True only when `check` is valid.
    pub valid: bool,
    pub check: CheckState,
    /// Why it is valid or not, in words.
    pub reason: String,
    /// 1-based page of the person the value belongs to, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// A likely correct reading of a doubtful value (the value itself is
    /// kept as read, never replaced).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested: Option<String>,
}

/// Everything extraction knows about a dossier.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Analysis {
    pub fields: Fields,
    pub records: Vec<Record>,
    pub checks: Vec<Check>,
    /// Each extracted address with the commune and province it lies in
    /// since the July 2025 reorganisation (gazetteer), when they can be told.
    #[serde(default)]
    pub addresses_now: Vec<AddressNow>,
    /// The documents (văn bản) the dossier's pages divide into, in page
    /// order; every page belongs to exactly one.
    #[serde(default)]
    pub documents: Vec<Document>,
    /// Staff corrections applied on top of this analysis, oldest first
    /// (`crate::corrections`); empty when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Corrected>,
}

/// A staff correction as applied to an analysis: who, when, what, and
/// whether it could be applied (a value for a document that no longer
/// starts on the page it named is not).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Corrected {
    pub at: String,
    pub by: String,
    /// The stored change (`{"change": "split" | "document" | "field", …}`).
    pub change: serde_json::Value,
    pub applied: bool,
}

/// One document (văn bản) inside a dossier: an application, a certificate,
/// a decision, each with its own type, number, date and issuer. The keys are
/// the `documents` objects of `show --json` and `/api/dossiers/{id}`;
/// absent values are `null`, never left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// First and last page of the document, 1-based, inclusive.
    pub pages: [usize; 2],
    pub doc_type: Option<String>,
    /// Number and symbol as printed ("312/QĐ-UBND").
    pub document_no: Option<String>,
    /// `YYYY-MM-DD`.
    pub signed_date: Option<String>,
    pub issuer: Option<String>,
    /// Trích yếu: the "V/v …"/"Về việc …" line or the title's subject.
    pub summary: Option<String>,
    pub signer: Option<String>,
    /// Everyone the document names, signer excluded, in order of appearance.
    pub people: Vec<String>,
}

impl Analysis {
    /// The checks that failed or are in doubt.
    pub fn invalid(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| !c.valid)
    }
}

/// Analyse a dossier's stored pages, in dossier order.
///
/// A page whose word boxes, put back into printed rows, give more list rows
/// than Tesseract's text (a table read column by column), or whose printed
/// lines Tesseract cut into separate blocks, is read from the rebuilt rows. (The flat fields stored in the index come from the text
/// alone: [`super::extract`] has no word boxes.)
pub fn analyse(pages: &[PageRecord]) -> Analysis {
    let texts = page_texts(pages);
    let texts: Vec<&str> = texts.iter().map(|t| t.as_ref()).collect();
    let mut analysis = analyse_texts(&texts);
    super::doubt::mark(&mut analysis, pages);
    analysis
}

/// The text each page is read from: Tesseract's, or the rows rebuilt from
/// its word boxes (see [`analyse`]).
pub(super) fn page_texts(pages: &[PageRecord]) -> Vec<Cow<'_, str>> {
    // List rows are only read in a dossier holding a list ("DANH SÁCH"):
    // elsewhere rebuilding rows from the boxes and counting them twice
    // (half the cost of analysing a page) cannot change what is extracted.
    let has_list = pages
        .iter()
        .any(|p| crate::text::fold(&p.text).contains("danh sach"));
    pages
        .iter()
        .map(|p| {
            // The word boxes of a page turned upright before OCR are in the
            // scan's coordinates (sideways or upside down): no rows can be
            // read from them, and Tesseract's text of the upright page is
            // what was printed.
            if p.preprocess
                .as_ref()
                .is_some_and(|pre| pre.rotation % 360 != 0)
            {
                return Cow::Borrowed(p.text.as_str());
            }
            if super::layout::has_split_lines(&p.words) {
                return Cow::Owned(super::layout::rows_from_words(&p.words));
            }
            if has_list {
                let rebuilt = super::layout::rows_from_words(&p.words);
                if super::table_rows_in(&rebuilt) > super::table_rows_in(&p.text).max(1) {
                    return Cow::Owned(rebuilt);
                }
            }
            Cow::Borrowed(p.text.as_str())
        })
        .collect()
}

/// Analyse a dossier from its page texts (what [`super::extract`] reads),
/// with today's date as the limit for birth and signing dates.
pub fn analyse_texts(pages: &[&str]) -> Analysis {
    analyse_texts_on(pages, today())
}

/// [`analyse_texts`] with a given "today" (`YYYY-MM-DD`), for tests.
pub(crate) fn analyse_texts_on(pages: &[&str], today: String) -> Analysis {
    let (fields, records, log) = extract_with_records(pages);
    let mut checks = checks(&fields, &records, &today);
    checks.extend(super::suggest::name_checks(&fields, &records));
    let addresses = super::suggest::read_addresses(&fields);
    checks.extend(super::suggest::address_checks(&addresses));
    let addresses_now = super::suggest::addresses_now(&addresses);
    let starts = super::documents::starts_of_texts(pages);
    let documents = super::documents::describe(
        pages,
        &starts,
        &log,
        super::documents::dossier_type(&fields),
    );
    Analysis {
        addresses_now,
        documents,
        corrections: Vec::new(),
        fields,
        records,
        checks,
    }
}

/// Keys whose values are checked.
const CHECKED: [&str; 6] = [
    "citizen_id",
    "social_insurance_no",
    "health_insurance_no",
    "date_of_birth",
    "signed_date",
    "phone",
];

fn checks(fields: &Fields, records: &[Record], today: &str) -> Vec<Check> {
    let latest_signed = fields
        .get("signed_date")
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
        .filter(|d| d.len() == 10 && *d <= today)
        .max()
        .map(str::to_string);
    let mut out = Vec::new();
    for key in CHECKED {
        for v in fields.get(key).into_iter().flatten() {
            let Some(value) = v.as_str() else { continue };
            // The person the value belongs to, if a record holds it.
            let owner = records.iter().find(|r| r.get(key) == Some(value));
            let verdict = match key {
                "citizen_id" => check_citizen_id(value, owner),
                "social_insurance_no" => check_bhxh(value),
                "health_insurance_no" => check_bhyt(value, owner),
                "date_of_birth" => check_birth(value, today, latest_signed.as_deref()),
                "signed_date" => check_signed(value, today),
                _ => check_phone(value),
            };
            let (valid, reason) = match verdict {
                Ok(r) => (true, r),
                Err(r) => (false, r),
            };
            out.push(Check {
                key: key.to_string(),
                value: value.to_string(),
                valid,
                check: if valid {
                    CheckState::Valid
                } else {
                    CheckState::Invalid
                },
                reason,
                page: owner.map(|r| r.page),
                suggested: None,
            });
        }
    }
    out
}

type Verdict = std::result::Result<String, String>;

/// Province codes of citizen IDs (Thông tư 07/2016/TT-BCA); the last two
/// digits are also the province code inside a BHYT card number.
const PROVINCES: [(&str, &str); 63] = [
    ("001", "Hà Nội"),
    ("002", "Hà Giang"),
    ("004", "Cao Bằng"),
    ("006", "Bắc Kạn"),
    ("008", "Tuyên Quang"),
    ("010", "Lào Cai"),
    ("011", "Điện Biên"),
    ("012", "Lai Châu"),
    ("014", "Sơn La"),
    ("015", "Yên Bái"),
    ("017", "Hòa Bình"),
    ("019", "Thái Nguyên"),
    ("020", "Lạng Sơn"),
    ("022", "Quảng Ninh"),
    ("024", "Bắc Giang"),
    ("025", "Phú Thọ"),
    ("026", "Vĩnh Phúc"),
    ("027", "Bắc Ninh"),
    ("030", "Hải Dương"),
    ("031", "Hải Phòng"),
    ("033", "Hưng Yên"),
    ("034", "Thái Bình"),
    ("035", "Hà Nam"),
    ("036", "Nam Định"),
    ("037", "Ninh Bình"),
    ("038", "Thanh Hóa"),
    ("040", "Nghệ An"),
    ("042", "Hà Tĩnh"),
    ("044", "Quảng Bình"),
    ("045", "Quảng Trị"),
    ("046", "Thừa Thiên Huế"),
    ("048", "Đà Nẵng"),
    ("049", "Quảng Nam"),
    ("051", "Quảng Ngãi"),
    ("052", "Bình Định"),
    ("054", "Phú Yên"),
    ("056", "Khánh Hòa"),
    ("058", "Ninh Thuận"),
    ("060", "Bình Thuận"),
    ("062", "Kon Tum"),
    ("064", "Gia Lai"),
    ("066", "Đắk Lắk"),
    ("067", "Đắk Nông"),
    ("068", "Lâm Đồng"),
    ("070", "Bình Phước"),
    ("072", "Tây Ninh"),
    ("074", "Bình Dương"),
    ("075", "Đồng Nai"),
    ("077", "Bà Rịa - Vũng Tàu"),
    ("079", "TP Hồ Chí Minh"),
    ("080", "Long An"),
    ("082", "Tiền Giang"),
    ("083", "Bến Tre"),
    ("084", "Trà Vinh"),
    ("086", "Vĩnh Long"),
    ("087", "Đồng Tháp"),
    ("089", "An Giang"),
    ("091", "Kiên Giang"),
    ("092", "Cần Thơ"),
    ("093", "Hậu Giang"),
    ("094", "Sóc Trăng"),
    ("095", "Bạc Liêu"),
    ("096", "Cà Mau"),
];

/// The province of a three-digit citizen-ID province code.
pub fn province_name(code: &str) -> Option<&'static str> {
    PROVINCES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| *name)
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The year of an extracted birth date ("1996-07-21" or "1948").
fn year_of(date: &str) -> Option<u32> {
    date.get(..4)?.parse().ok()
}

/// A citizen ID: 9 digits (old CMND, no structure to check) or a 12-digit
/// CCCD `PPP G YY NNNNNN`, checked against the province table and against
/// the owner's gender and birth year.
fn check_citizen_id(id: &str, owner: Option<&Record>) -> Verdict {
    if !all_digits(id) {
        return Err("not all digits".into());
    }
    match id.len() {
        9 => return Ok("9-digit CMND (no check digits)".into()),
        12 => {}
        n => return Err(format!("{n} digits; a CCCD has 12, a CMND 9")),
    }
    let province = &id[..3];
    let Some(name) = province_name(province) else {
        return Err(format!("province code {province} does not exist"));
    };
    let g = id.as_bytes()[3] - b'0';
    let (female, century) = match g {
        0..=5 => (g % 2 == 1, 1900 + 100 * u32::from(g / 2)),
        _ => return Err(format!("gender/century digit {g} is not 0–5")),
    };
    let yy: u32 = id[4..6].parse().unwrap_or(0);
    let year = century + yy;
    let sex = if female { "nữ" } else { "nam" };
    if let Some(owner) = owner {
        if let Some(gender) = owner.gender.as_deref().or(owner.title_gender) {
            if (gender == "nu") != female {
                return Err(format!(
                    "gender digit {g} says {sex}, the person's gender is {}",
                    if gender == "nu" { "nữ" } else { "nam" }
                ));
            }
        }
        if let Some(born) = owner.date_of_birth.as_deref().and_then(year_of) {
            if born != year {
                return Err(format!(
                    "digits {g}{:02} say born {year}, the date of birth says {born}",
                    yy
                ));
            }
        }
    }
    // Since July 2025 many provinces are parts of others; the number keeps
    // the old code.
    let now = crate::gazetteer::province_by_cccd_code(province)
        .map(|p| p.new.name())
        .filter(|n| crate::text::fold(n) != crate::text::fold(name))
        .map_or(String::new(), |n| format!(" (now {n})"));
    Ok(format!("CCCD: {name}{now}, {sex}, born {year}"))
}

/// A social-insurance number: 10 digits.
fn check_bhxh(no: &str) -> Verdict {
    if all_digits(no) && no.len() == 10 {
        Ok("10 digits".into())
    } else {
        Err(format!(
            "{} characters; a BHXH number is 10 digits",
            no.len()
        ))
    }
}

/// Beneficiary groups of BHYT cards (first two letters).
const BHYT_GROUPS: [&str; 40] = [
    "DN", "HX", "CH", "NN", "TK", "HC", "XK", "HT", "TB", "NO", "CT", "XB", "TN", "CS", "QN", "CA",
    "CY", "XN", "MS", "CC", "CK", "CB", "KC", "HD", "TE", "BT", "HN", "DT", "DK", "XD", "TS", "TC",
    "TQ", "TA", "TY", "HG", "LS", "PV", "CN", "HS",
];

/// A health-insurance card: `^[A-Z]{2}[1-5]\d{12}$`, a known beneficiary
/// group, an existing province, and the owner's BHXH number inside it.
fn check_bhyt(code: &str, owner: Option<&Record>) -> Verdict {
    let b = code.as_bytes();
    let pattern = b.len() == 15
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..].iter().all(u8::is_ascii_digit);
    if !pattern {
        return Err("does not match the BHYT pattern (2 letters, 13 digits)".into());
    }
    let group = &code[..2];
    if !BHYT_GROUPS.contains(&group) {
        return Err(format!("beneficiary group {group} does not exist"));
    }
    if !(b'1'..=b'5').contains(&b[2]) {
        return Err(format!("benefit level {} is not 1–5", b[2] - b'0'));
    }
    let province = format!("0{}", &code[3..5]);
    let Some(name) = province_name(&province) else {
        return Err(format!("province code {} does not exist", &code[3..5]));
    };
    let bhxh = &code[5..];
    if let Some(own) = owner.and_then(|o| o.social_insurance_no.as_deref()) {
        if own != bhxh {
            return Err(format!(
                "embeds BHXH number {bhxh}, the person's BHXH number is {own}"
            ));
        }
    }
    Ok(format!(
        "BHYT: group {group}, level {}, {name}",
        b[2] - b'0'
    ))
}

/// Whether "YYYY-MM-DD" names a day that exists.
fn date_exists(date: &str) -> bool {
    let parts: Vec<u32> = date.split('-').filter_map(|p| p.parse().ok()).collect();
    let [y, m, d] = parts[..] else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// A birth date or year: exists, not in the future, not after the
/// document was signed, and not more than 130 years ago.
fn check_birth(date: &str, today: &str, signed: Option<&str>) -> Verdict {
    let Some(year) = year_of(date) else {
        return Err("not a date".into());
    };
    let this_year = year_of(today).unwrap_or(9999);
    if date.len() == 4 {
        if year > this_year {
            return Err(format!("birth year {year} is in the future"));
        }
        if signed.and_then(year_of).is_some_and(|s| year > s) {
            return Err(format!("birth year {year} is after the signing date"));
        }
        return Ok("birth year".into());
    }
    if !date_exists(date) {
        return Err(format!("{date} does not exist"));
    }
    if date > today {
        return Err(format!("birth date {date} is in the future"));
    }
    if let Some(s) = signed {
        if date > s {
            return Err(format!("birth date {date} is after the signing date {s}"));
        }
    }
    if year + 130 < this_year {
        return Err(format!("born {year}: more than 130 years ago"));
    }
    Ok("date exists, in the past".into())
}

fn check_signed(date: &str, today: &str) -> Verdict {
    if !date_exists(date) {
        return Err(format!("{date} does not exist"));
    }
    if date > today {
        return Err(format!("signing date {date} is in the future"));
    }
    if date < "1945-09-02" {
        return Err(format!("signing date {date} is before 1945-09-02"));
    }
    Ok("date exists, in the past".into())
}

/// A Vietnamese phone number: 10 digits starting with 0 (mobile 03/05/07/
/// 08/09, or 02x landline with its area code).
fn check_phone(no: &str) -> Verdict {
    if all_digits(no) && no.len() == 10 && no.starts_with('0') && !no.starts_with("00") {
        Ok("10 digits".into())
    } else if all_digits(no) && no.len() == 11 && no.starts_with("02") {
        Ok("11-digit landline (before 2017)".into())
    } else {
        Err("not a 10-digit number starting with 0".into())
    }
}

/// Today's date (UTC) as "YYYY-MM-DD".
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date((secs / 86_400) as i64)
}

/// "YYYY-MM-DD" of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(gender: &str, dob: &str) -> Record {
        Record {
            gender: Some(gender.into()),
            date_of_birth: Some(dob.into()),
            ..Record::default()
        }
    }

    /// A form fed in sideways: OCR read the page turned upright, its word
    /// boxes are in the scan's coordinates (each line a column of boxes).
    #[test]
    fn a_page_turned_upright_is_read_from_its_text() {
        let text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
                    ĐƠN ĐỀ NGHỊ\nHỗ trợ tiền thuê nhà cho người lao động\n\
                    Họ và tên: Vũ Văn Hải\nSố CCCD: 027090011223";
        let mut rec = PageRecord::for_test("d", "don de nghi.png", text);
        for (li, line) in text.lines().enumerate() {
            for (wi, word) in line.split_whitespace().enumerate() {
                let (li, wi) = (li as u32, wi as u32);
                rec.words.push(crate::ocr::Word {
                    text: word.into(),
                    bbox: [230 + 70 * li, 1600u32.saturating_sub(140 * wi), 55, 120],
                    confidence: 96.0,
                    line: [1, li + 1, li + 1],
                    doubtful: false,
                });
            }
        }
        rec.preprocess = Some(
            serde_json::from_value(serde_json::json!({
                "rotation": 90, "skew": 0.0, "scale": [1.0, 1.0], "dpi_estimated": null,
                "variant": "grey", "psm": 3, "attempts": 2, "seconds": 0.5
            }))
            .expect("preprocessing"),
        );
        let a = analyse(std::slice::from_ref(&rec));
        assert_eq!(a.fields["doc_type"], [serde_json::json!("don_de_nghi")]);
        assert_eq!(a.fields["citizen_id"], [serde_json::json!("027090011223")]);
        assert_eq!(
            a.documents[0].summary.as_deref(),
            Some("Hỗ trợ tiền thuê nhà cho người lao động")
        );
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(19_358), "2023-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
    }

    #[test]
    fn cccd_checks_province_gender_and_year() {
        let ok = check_citizen_id("027096008812", Some(&person("nam", "1996-07-21")));
        assert!(ok.as_ref().is_ok_and(|r| r.contains("Bắc Ninh")), "{ok:?}");
        // 099 is no province.
        let e = check_citizen_id("099096008812", None).unwrap_err();
        assert!(e.contains("099"), "{e}");
        // Digit 1 = female, born 1900s: disagrees with "nam".
        let e = check_citizen_id("027196008812", Some(&person("nam", "1996-07-21"))).unwrap_err();
        assert!(e.contains("nam"), "{e}");
        // Century digit 2 (2000s) against a 1996 birth date.
        let e = check_citizen_id("027296008812", Some(&person("nam", "1996"))).unwrap_err();
        assert!(e.contains("2096") && e.contains("1996"), "{e}");
        // Year digits 95 against 1996.
        assert!(check_citizen_id("027095008812", Some(&person("nam", "1996"))).is_err());
        assert!(check_citizen_id("027696008812", None).is_err());
        assert!(check_citizen_id("02709600881", None).is_err());
        assert!(check_citizen_id("125678901", None).is_ok());
        // Girl born 2012: digit 3.
        assert!(check_citizen_id("014312003456", Some(&person("nu", "2012-09-14"))).is_ok());
    }

    #[test]
    fn bhyt_checks_pattern_group_province_and_bhxh() {
        assert!(check_bhyt("HN4272721345678", None).is_ok());
        assert!(check_bhyt("HN427272134567", None).is_err()); // 14 chars
        assert!(check_bhyt("HN6272721345678", None).is_err()); // level 6
        assert!(check_bhyt("ZZ4272721345678", None).is_err()); // no such group
        assert!(check_bhyt("HN4992721345678", None).is_err()); // province 99
        let owner = Record {
            social_insurance_no: Some("2721345679".into()),
            ..Record::default()
        };
        let e = check_bhyt("HN4272721345678", Some(&owner)).unwrap_err();
        assert!(e.contains("2721345679"), "{e}");
    }

    #[test]
    fn dates_must_exist_and_be_past() {
        let today = "2026-11-27";
        assert!(check_birth("1948", today, None).is_ok());
        assert!(check_birth("2030", today, None).is_err());
        assert!(check_birth("1990-02-30", today, None).is_err());
        assert!(check_birth("2000-02-29", today, None).is_ok());
        assert!(check_birth("2027-01-01", today, None).is_err());
        assert!(check_birth("2023-05-01", today, Some("2023-03-14")).is_err());
        assert!(check_signed("2022-11-26", today).is_ok());
        assert!(check_signed("2099-11-26", today).is_err());
    }

    #[test]
    fn phones() {
        assert!(check_phone("0363218457").is_ok());
        assert!(check_phone("036321845").is_err());
    }

    #[test]
    fn analysis_links_a_person_and_flags_a_bad_id() {
        let page = "\
ĐƠN ĐỀ NGHỊ
Tôi tên là: NGUYỄN VĂN AN
Sinh ngày: 12/05/1985   Giới tính: Nam
Số CCCD: 027 185 001 234
Họ và tên con: LÊ THỊ MAI
Ngày sinh: 03.04.2015
Mã thẻ BHYT: TE1272720123456";
        let a = analyse_texts_on(&[page], "2026-11-27".into());
        assert_eq!(a.records.len(), 2, "{:?}", a.records);
        let an = &a.records[0];
        assert_eq!(an.full_name.as_deref(), Some("Nguyễn Văn An"));
        assert_eq!(an.date_of_birth.as_deref(), Some("1985-05-12"));
        assert_eq!(an.gender.as_deref(), Some("nam"));
        assert_eq!(an.citizen_id.as_deref(), Some("027185001234"));
        let mai = &a.records[1];
        assert_eq!(mai.role.as_deref(), Some("con"));
        assert_eq!(mai.date_of_birth.as_deref(), Some("2015-04-03"));
        assert_eq!(mai.health_insurance_no.as_deref(), Some("TE1272720123456"));
        let bad: Vec<_> = a.invalid().collect();
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert_eq!(bad[0].key, "citizen_id");
        assert_eq!(bad[0].page, Some(1));
        assert!(bad[0].reason.contains("nữ"), "{}", bad[0].reason);
    }

    #[test]
    fn a_bhyt_list_with_a_bhxh_column_links_each_row() {
        let page = "\
DANH SÁCH
STT Họ và tên Ngày/tháng/năm sinh Mã số BHXH Mã thẻ BHYT
1 Huỳnh Văn Lợi 12/03/1956 2740374954 HN4 27 2740374954
2 Lâm Thị Ngát 07/11/1962 2742258519 HN2272742258510";
        let a = analyse_texts_on(&[page], "2026-11-27".into());
        assert_eq!(a.records.len(), 2, "{:?}", a.records);
        assert_eq!(
            a.records[0].social_insurance_no.as_deref(),
            Some("2740374954")
        );
        assert_eq!(
            a.records[0].health_insurance_no.as_deref(),
            Some("HN4272740374954")
        );
        // Row 2's card embeds another BHXH number than its own column.
        let bad: Vec<_> = a.invalid().collect();
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert_eq!(bad[0].value, "HN2272742258510");
        let f = super::super::extract(&["Ngày/tháng/năm sinh: 05/06/1970"]);
        assert_eq!(f["date_of_birth"], [serde_json::json!("1970-06-05")]);
    }

    #[test]
    fn a_title_stands_for_a_missing_gender() {
        // "bà" with a male digit (0), no "Giới tính" line.
        let page = "Chứng nhận bà: VƯƠNG THỊ NGA\nNăm sinh: 1960\nSố CCCD: 027060003481";
        let a = analyse_texts_on(&[page], "2026-11-27".into());
        assert_eq!(a.records[0].gender, None);
        assert_eq!(a.invalid().count(), 1, "{:?}", a.checks);
        let prose = "Điều 1. Trợ cấp đối với ông Lê Văn Tám, sinh năm 1950, CCCD số 027150001234";
        let a = analyse_texts_on(&[prose], "2026-11-27".into());
        assert_eq!(a.invalid().count(), 1, "{:?}", a.checks);
        let ok = "Trợ cấp đối với ông Lê Văn Tám, sinh năm 1950, CCCD số 027050001234";
        assert_eq!(
            analyse_texts_on(&[ok], "2026-11-27".into())
                .invalid()
                .count(),
            0
        );
        let either = "Ông/Bà: LÊ VĂN TÁM\nNăm sinh: 1950\nSố CCCD: 027150001234";
        assert_eq!(
            analyse_texts_on(&[either], "2026-11-27".into())
                .invalid()
                .count(),
            0
        );
    }
}
