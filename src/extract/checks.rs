//! The checks of identifiers and dates: whether a value can be right as
//! printed (a CCCD's province code, gender-century digit and birth year; a
//! BHYT card's pattern, group and province; a BHXH number; a date that
//! exists and is not in the future; a phone number). A check never changes
//! a value: it says valid or not, and why, for `review` and the web page.

use super::analyse::{Check, CheckState, Record};
use super::Fields;

/// Keys whose values are checked.
const CHECKED: [&str; 6] = [
    "citizen_id",
    "social_insurance_no",
    "health_insurance_no",
    "date_of_birth",
    "signed_date",
    "phone",
];

pub(super) fn checks(fields: &Fields, records: &[Record], today: &str) -> Vec<Check> {
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
pub(super) fn today() -> String {
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
}
