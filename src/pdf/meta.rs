//! What a PDF says about itself: the document information dictionary and
//! the XMP packet PDF/A requires, which must say the same (title, issuer,
//! subject, keywords, producer, dates), plus the identification as
//! PDF/A-2b (`pdfaid`), the document's number and signing date, and the
//! language (`vi`).
//!
//! No clock is read: the creation date is when the newest of its pages was
//! OCR'd (from the records), so the same records give the same bytes.

use crate::extract::Document;
use pdf_writer::{Date, Pdf, Ref, TextStr};

/// Producer and creator tool: the program and its version.
pub const PRODUCER: &str = concat!("sohoa ", env!("CARGO_PKG_VERSION"));

/// The sRGB profile of the output intent (made by
/// `scripts/make-srgb-icc.py` from IEC 61966-2-1's numbers; MIT like sohoa).
pub const SRGB_ICC: &[u8] = include_bytes!("../../data/sRGB-v2.icc");

/// What the metadata says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub title: String,
    /// The issuing office (Author, dc:creator).
    pub issuer: Option<String>,
    /// Subject (dc:description).
    pub subject: Option<String>,
    pub keywords: Option<String>,
    /// Number and symbol (dc:identifier).
    pub number: Option<String>,
    /// Signing date, `YYYY-MM-DD` (dc:date).
    pub signed: Option<String>,
    /// Seconds since the epoch when the newest page was OCR'd.
    pub created: Option<u64>,
    /// The dossier id (dc:source).
    pub source: String,
    /// Document ID (hex), from the input digest.
    pub id: String,
}

/// People named in a document's keywords, at most.
const MAX_PEOPLE_IN_KEYWORDS: usize = 10;

/// Vietnamese name of a document type slug for a title: the archive's
/// name (`extract::doc_type_name`), "Văn bản" for `khac` or an unknown slug.
pub fn type_label(slug: &str) -> &'static str {
    match crate::extract::doc_type_name(slug) {
        Some(name) if slug != "khac" => name,
        _ => "Văn bản",
    }
}

/// A document's title: "Quyết định số 245/QĐ-SLĐTBXH ngày 26/11/2022 — <summary>".
pub fn document_title(doc: &Document) -> String {
    let mut t = type_label(doc.doc_type.as_deref().unwrap_or("khac")).to_string();
    if let Some(no) = &doc.document_no {
        t.push_str(" số ");
        t.push_str(no);
    }
    if let Some(d) = doc.signed_date.as_deref().and_then(dmy) {
        t.push_str(" ngày ");
        t.push_str(&d);
    }
    if let Some(s) = &doc.summary {
        t.push_str(" — ");
        t.push_str(s);
    }
    t
}

/// `2022-11-26` → `26/11/2022`.
fn dmy(iso: &str) -> Option<String> {
    let mut p = iso.splitn(3, '-');
    let (y, m, d) = (p.next()?, p.next()?, p.next()?);
    Some(format!("{d}/{m}/{y}"))
}

impl Meta {
    /// Control characters (which XML cannot hold) as spaces, in every
    /// string, so the dictionary and the XMP say exactly the same.
    fn tidy(mut self) -> Meta {
        let t = |s: &mut String| {
            if s.chars().any(char::is_control) {
                *s = s
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
            }
        };
        t(&mut self.title);
        t(&mut self.source);
        for s in [
            &mut self.issuer,
            &mut self.subject,
            &mut self.keywords,
            &mut self.number,
            &mut self.signed,
        ]
        .into_iter()
        .flatten()
        {
            t(s);
        }
        self
    }
}

/// The metadata of one document of `dossier`.
pub fn of_document(dossier: &str, doc: &Document, created: Option<u64>, id: &str) -> Meta {
    let mut keywords = vec![dossier.to_string()];
    keywords.extend(doc.document_no.clone());
    // the first people it names (a list names hundreds)
    keywords.extend(doc.people.iter().take(MAX_PEOPLE_IN_KEYWORDS).cloned());
    Meta {
        title: document_title(doc),
        issuer: doc.issuer.clone(),
        subject: doc
            .summary
            .clone()
            .or_else(|| Some(format!("Hồ sơ {dossier}"))),
        keywords: Some(keywords.join("; ")),
        number: doc.document_no.clone(),
        signed: doc.signed_date.clone(),
        created,
        source: dossier.to_string(),
        id: id.to_string(),
    }
    .tidy()
}

/// The metadata of a whole dossier: its id as the title, its documents'
/// titles as the subject, the first document's issuer, number and date.
pub fn of_dossier(dossier: &str, docs: &[Document], created: Option<u64>, id: &str) -> Meta {
    let first = docs.first();
    let titles: Vec<String> = docs.iter().map(document_title).collect();
    Meta {
        title: format!("Hồ sơ {dossier}"),
        issuer: first.and_then(|d| d.issuer.clone()),
        subject: (!titles.is_empty()).then(|| titles.join("; ")),
        keywords: Some(
            std::iter::once(dossier.to_string())
                .chain(docs.iter().filter_map(|d| d.document_no.clone()))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        number: first.and_then(|d| d.document_no.clone()),
        signed: first.and_then(|d| d.signed_date.clone()),
        created,
        source: dossier.to_string(),
        id: id.to_string(),
    }
    .tidy()
}

/// Civil date and time (UTC) of `secs` since the epoch. The calendar is
/// humantime's (already used for the lock file's times), read back from its
/// RFC 3339 form "YYYY-MM-DDTHH:MM:SSZ".
fn civil(secs: u64) -> (i64, u32, u32, u32, u32, u32) {
    let t = humantime::format_rfc3339_seconds(
        std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs),
    )
    .to_string();
    let n = |r: std::ops::Range<usize>| t.get(r).and_then(|v| v.parse::<u32>().ok()).unwrap_or(0);
    (
        i64::from(n(0..4)),
        n(5..7),
        n(8..10),
        n(11..13),
        n(14..16),
        n(17..19),
    )
}

fn pdf_date(secs: u64) -> Date {
    let (y, mo, d, h, mi, s) = civil(secs);
    Date::new(y.clamp(0, 9999) as u16)
        .month(mo as u8)
        .day(d as u8)
        .hour(h as u8)
        .minute(mi as u8)
        .second(s as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

fn xmp_date(secs: u64) -> String {
    let (y, mo, d, h, mi, s) = civil(secs);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// Write the document information dictionary.
pub fn write_info(pdf: &mut Pdf, id: Ref, m: &Meta) {
    let mut info = pdf.document_info(id);
    info.title(TextStr(&m.title));
    if let Some(a) = &m.issuer {
        info.author(TextStr(a));
    }
    if let Some(s) = &m.subject {
        info.subject(TextStr(s));
    }
    if let Some(k) = &m.keywords {
        info.keywords(TextStr(k));
    }
    info.creator(TextStr(PRODUCER));
    info.producer(TextStr(PRODUCER));
    if let Some(t) = m.created {
        info.creation_date(pdf_date(t));
        info.modified_date(pdf_date(t));
    }
}

fn esc(s: &str) -> String {
    crate::text::escape_markup(s)
}

/// The XMP packet, saying what the information dictionary says.
pub fn xmp(m: &Meta) -> Vec<u8> {
    let mut x = String::new();
    x.push_str("<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
    x.push_str("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    x.push_str(
        "<rdf:Description rdf:about=\"\"\n\
         \x20 xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n\
         \x20 xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n\
         \x20 xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n\
         \x20 xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n\
         \x20 xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\">\n",
    );
    x.push_str("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n");
    x.push_str("<dc:format>application/pdf</dc:format>\n");
    let alt = |v: &str| {
        format!(
            "<rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt>",
            esc(v)
        )
    };
    x.push_str(&format!("<dc:title>{}</dc:title>\n", alt(&m.title)));
    if let Some(a) = &m.issuer {
        x.push_str(&format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
            esc(a)
        ));
    }
    if let Some(s) = &m.subject {
        x.push_str(&format!("<dc:description>{}</dc:description>\n", alt(s)));
    }
    if let Some(n) = &m.number {
        x.push_str(&format!("<dc:identifier>{}</dc:identifier>\n", esc(n)));
    }
    if let Some(d) = &m.signed {
        x.push_str(&format!(
            "<dc:date><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:date>\n",
            esc(d)
        ));
    }
    x.push_str("<dc:language><rdf:Bag><rdf:li>vi</rdf:li></rdf:Bag></dc:language>\n");
    x.push_str(&format!("<dc:source>{}</dc:source>\n", esc(&m.source)));
    x.push_str(&format!("<pdf:Producer>{}</pdf:Producer>\n", esc(PRODUCER)));
    if let Some(k) = &m.keywords {
        x.push_str(&format!("<pdf:Keywords>{}</pdf:Keywords>\n", esc(k)));
    }
    x.push_str(&format!(
        "<xmp:CreatorTool>{}</xmp:CreatorTool>\n",
        esc(PRODUCER)
    ));
    if let Some(t) = m.created {
        let d = xmp_date(t);
        x.push_str(&format!(
            "<xmp:CreateDate>{d}</xmp:CreateDate>\n<xmp:ModifyDate>{d}</xmp:ModifyDate>\n\
             <xmp:MetadataDate>{d}</xmp:MetadataDate>\n"
        ));
    }
    x.push_str(&format!(
        "<xmpMM:DocumentID>uuid:{}</xmpMM:DocumentID>\n",
        uuid(&m.id)
    ));
    x.push_str("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>");
    x.into_bytes()
}

/// A UUID-shaped string from the first 32 hex digits of `hex`.
fn uuid(hex: &str) -> String {
    let h: String = hex.chars().chain(std::iter::repeat('0')).take(32).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_intent_profile_is_an_rgb_display_profile_pdf_a_accepts() {
        let p = SRGB_ICC;
        assert_eq!(
            u32::from_be_bytes(p[..4].try_into().unwrap()) as usize,
            p.len()
        );
        assert_eq!(p[8], 2, "ICC version 2 (PDF/A-1 wants < 4, PDF/A-2 ≤ 4)");
        assert_eq!(&p[12..16], b"mntr");
        assert_eq!(&p[16..20], b"RGB ", "three components, as /N 3 says");
        assert_eq!(&p[20..24], b"XYZ ");
        assert_eq!(&p[36..40], b"acsp");
    }

    #[test]
    fn dates_are_utc_civil_dates() {
        assert_eq!(civil(0), (1970, 1, 1, 0, 0, 0));
        assert_eq!(xmp_date(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(xmp_date(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn titles_and_xmp_carry_the_document() {
        let doc = Document {
            pages: [1, 3],
            doc_type: Some("quyet_dinh".into()),
            document_no: Some("245/QĐ-SLĐTBXH".into()),
            signed_date: Some("2022-11-26".into()),
            issuer: Some("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI".into()),
            summary: Some("V/v trợ cấp <một lần> & hàng tháng".into()),
            signer: None,
            people: vec!["Trần Văn Bảy".into()],
        };
        let m = of_document(
            "nguoi-co-cong/Trần Văn Bảy",
            &doc,
            Some(1_700_000_000),
            "ab12",
        );
        assert_eq!(
            m.title,
            "Quyết định số 245/QĐ-SLĐTBXH ngày 26/11/2022 — V/v trợ cấp <một lần> & hàng tháng"
        );
        let x = String::from_utf8(xmp(&m)).unwrap();
        for want in [
            "<pdfaid:part>2</pdfaid:part>",
            "<pdfaid:conformance>B</pdfaid:conformance>",
            "<dc:identifier>245/QĐ-SLĐTBXH</dc:identifier>",
            "<rdf:li>2022-11-26</rdf:li>",
            "<rdf:li>vi</rdf:li>",
            "&lt;một lần&gt; &amp; hàng tháng",
            "<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>",
            "uuid:ab120000-0000-0000-0000-000000000000",
        ] {
            assert!(x.contains(want), "{want} in {x}");
        }
        let empty = Document::default();
        assert_eq!(document_title(&empty), "Văn bản");
    }
}
