//! People and checks on top of the flat fields.
//!
//! The flat fields say what values a dossier holds; an officer also needs to
//! know which values belong together (this name, this birth date, this ID)
//! and which of them cannot be right. This module turns the extraction into
//! an [`Analysis`]: the fields, one [`Record`] per person (a table row, or a
//! labelled person on a form), and one [`Check`] per identifier and date.
//! Checks never change a value: an ID whose province code does not exist is
//! kept as printed and flagged, so that `sohoa review` can list it for a
//! person to look at. The checks themselves are in `checks.rs`.

use super::checks::{checks, today};
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

#[cfg(test)]
mod tests {
    use super::*;

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
