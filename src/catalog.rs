//! The archive catalogue: what a digitisation delivers beside the files.
//!
//! An archive takes in digitised dossiers with their description: one entry
//! per dossier (hồ sơ) and one per document (văn bản) in it, under the
//! field names of the input-data rules for archival records (Thông tư
//! 02/2019/TT-BNV, replaced for digital archives by Thông tư 05/2025/TT-BNV;
//! `docs/catalogue.md` cites them and says where each column comes from).
//! What the scans say (type, number and symbol, date, issuer, subject,
//! signer, page counts, the dossier's first and last date) is filled from
//! the analysis stored in the index; what only the archive decides
//! (retention period, access regime, confidentiality, box and catalogue
//! numbers, physical condition…) is written empty for staff to fill.
//!
//! [`write`] gives a UTF-8 CSV with a byte-order mark, every field quoted
//! and CRLF line ends (so Excel and LibreOffice open Vietnamese text and
//! multi-line values as they are), or JSON with stable English keys, chosen
//! by the file's extension. Dossiers come in id order: the same index gives
//! the same bytes.

use crate::extract::{doc_type_name, Document, Record};
use crate::folder::{DossierView, Reader, Walk};
use crate::{Error, Result};
use serde::Serialize;
use std::path::Path;

/// The language of every catalogued document: OCR reads Vietnamese only.
pub const LANGUAGE: &str = "Tiếng Việt";

/// The catalogue's file format, from the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    /// `.csv` or `.json` (any case); anything else is a usage error.
    pub fn of_path(path: &Path) -> Result<Format> {
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        match ext.as_deref() {
            Some("csv") => Ok(Format::Csv),
            Some("json") => Ok(Format::Json),
            _ => Err(Error::Usage(format!(
                "{}: the catalogue is written as CSV or JSON, chosen by the file's extension; \
                 name it .csv or .json",
                crate::text::escape(&path.to_string_lossy())
            ))),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Json => "JSON",
        }
    }
}

/// The description of one dossier (hồ sơ) and its documents. The keys are
/// those of the JSON catalogue (`docs/catalogue.md`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DossierEntry {
    /// The dossier id: its folder relative to the ingest root.
    pub id: String,
    /// The first folder of the id (the group the scans were delivered in),
    /// standing in for the fonds until the archive gives its code; `None`
    /// for a dossier directly under the ingest root.
    pub fonds: Option<String>,
    /// The dossier folder's own name.
    pub title: String,
    /// Earliest and latest date of its documents, `YYYY-MM-DD`.
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub documents_total: usize,
    /// Sheets (tờ) of paper: a scan does not tell a sheet's two sides from
    /// two sheets, so always `None`.
    pub sheets: Option<usize>,
    pub pages: usize,
    pub language: &'static str,
    #[serde(flatten)]
    pub staff: DossierStaff,
    pub documents: Vec<DocumentEntry>,
}

/// The description of one document (văn bản) of a dossier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentEntry {
    /// 1-based position in the dossier (số thứ tự văn bản trong hồ sơ).
    pub ordinal: usize,
    /// First and last page in the dossier, 1-based, inclusive.
    pub first_page: usize,
    pub last_page: usize,
    pub pages: usize,
    /// The type slug of `show --json` and its name ("Quyết định").
    pub doc_type: Option<String>,
    pub type_name: Option<String>,
    /// Number and symbol as printed ("312/QĐ-UBND"), and split at the first
    /// "/" into the number ("312") and the symbol ("QĐ-UBND").
    pub document_no: Option<String>,
    pub number: Option<String>,
    pub notation: Option<String>,
    /// Signing date, `YYYY-MM-DD`.
    pub date: Option<String>,
    pub issuer: Option<String>,
    pub summary: Option<String>,
    /// The signer's office as printed above the name ("CHỦ TỊCH").
    pub signer_position: Option<String>,
    pub signer: Option<String>,
    pub language: &'static str,
    #[serde(flatten)]
    pub staff: DocumentStaff,
}

/// The dossier fields only the archive can fill; sohoa writes them empty
/// (`null` in JSON, an empty cell in CSV).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DossierStaff {
    pub catalogue_no: Option<String>,
    pub box_no: Option<String>,
    pub file_notation: Option<String>,
    pub retention: Option<String>,
    pub access: Option<String>,
    pub confidentiality: Option<String>,
    pub reliability: Option<String>,
    pub information_code: Option<String>,
    pub keywords: Option<String>,
    pub physical_condition: Option<String>,
    pub notes: Option<String>,
}

/// The document fields only the archive can fill; written empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DocumentStaff {
    pub identifier: Option<String>,
    pub access: Option<String>,
    pub confidentiality: Option<String>,
    pub reliability: Option<String>,
    pub information_code: Option<String>,
    pub keywords: Option<String>,
    pub physical_condition: Option<String>,
    pub autograph: Option<String>,
    pub notes: Option<String>,
}

/// The catalogue entry of one dossier as the index describes it.
pub fn entry(view: &DossierView) -> DossierEntry {
    let id = view.meta.dossier.clone();
    let (fonds, title) = match id.split_once('/') {
        Some((top, _)) => (Some(top.to_string()), last_component(&id)),
        None => (None, id.clone()),
    };
    let documents: Vec<DocumentEntry> = view
        .analysis
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| document_entry(i + 1, d, &view.analysis.records))
        .collect();
    let dates = || documents.iter().filter_map(|d| d.date.as_deref());
    DossierEntry {
        fonds,
        title,
        start_date: dates().min().map(str::to_string),
        end_date: dates().max().map(str::to_string),
        documents_total: documents.len(),
        sheets: None,
        pages: view.pages.len(),
        language: LANGUAGE,
        staff: DossierStaff::default(),
        documents,
        id,
    }
}

fn last_component(id: &str) -> String {
    id.rsplit('/').next().unwrap_or(id).to_string()
}

fn document_entry(ordinal: usize, d: &Document, records: &[Record]) -> DocumentEntry {
    let [first, last] = d.pages;
    let (number, notation) = match d.document_no.as_deref() {
        Some(no) => split_document_no(no),
        None => (None, None),
    };
    // The signer's record: same name, first named within the document.
    let signer_position = d.signer.as_ref().and_then(|name| {
        records
            .iter()
            .find(|r| {
                r.role.as_deref() == Some("nguoi_ky")
                    && r.full_name.as_ref() == Some(name)
                    && (first..=last).contains(&r.page)
            })
            .and_then(|r| r.position.clone())
    });
    DocumentEntry {
        ordinal,
        first_page: first,
        last_page: last,
        pages: (last + 1).saturating_sub(first),
        type_name: d
            .doc_type
            .as_deref()
            .and_then(doc_type_name)
            .map(str::to_string),
        doc_type: d.doc_type.clone(),
        document_no: d.document_no.clone(),
        number,
        notation,
        date: d.signed_date.clone(),
        issuer: d.issuer.clone(),
        summary: d.summary.clone(),
        signer_position,
        signer: d.signer.clone(),
        language: LANGUAGE,
        staff: DocumentStaff::default(),
    }
}

/// "312/QĐ-UBND" → ("312", "QĐ-UBND"); "08/2023/QĐ-UBND" → ("08",
/// "2023/QĐ-UBND"): the number is what precedes the first "/", the symbol
/// the rest. Without a "/", digits are a number and anything else a symbol.
pub fn split_document_no(no: &str) -> (Option<String>, Option<String>) {
    let some = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
    match no.split_once('/') {
        Some((n, rest)) => (some(n), some(rest)),
        None if no.trim().chars().all(|c| c.is_ascii_digit()) => (some(no), None),
        None => (None, some(no)),
    }
}

/// What [`write`] wrote.
#[derive(Debug)]
pub struct Written {
    pub format: Format,
    pub dossiers: usize,
    pub documents: usize,
    /// What the index could not show (unreadable store files, dossiers
    /// stored but not indexed): left out of the catalogue.
    pub walk: Walk,
}

/// The catalogue of every dossier `reader` shows, in dossier id order.
pub fn build(reader: &Reader) -> Result<(Vec<DossierEntry>, Walk)> {
    let mut dossiers = Vec::new();
    let walk = reader.each_dossier(|view| {
        dossiers.push(entry(&view));
        Ok(())
    })?;
    dossiers.sort_by(|a, b| crate::text::natural_cmp(&a.id, &b.id));
    Ok((dossiers, walk))
}

/// Write the catalogue of `index_dir` to `file`, as CSV or JSON by its
/// extension, atomically (a failed run leaves no half file behind).
pub fn write(index_dir: &Path, file: &Path) -> Result<Written> {
    let format = Format::of_path(file)?;
    let reader = Reader::open(index_dir)?;
    let (dossiers, walk) = build(&reader)?;
    let bytes = match format {
        Format::Csv => to_csv(&dossiers, file)?,
        Format::Json => to_json(&dossiers),
    };
    crate::store::write_atomic(file, &bytes)?;
    Ok(Written {
        format,
        documents: dossiers.iter().map(|d| d.documents.len()).sum(),
        dossiers: dossiers.len(),
        walk,
    })
}

/// `{"dossiers": [...]}`, pretty-printed, with a final newline.
pub fn to_json(dossiers: &[DossierEntry]) -> Vec<u8> {
    #[derive(Serialize)]
    struct Catalogue<'a> {
        dossiers: &'a [DossierEntry],
    }
    let mut out = serde_json::to_vec_pretty(&Catalogue { dossiers }).expect("serialises");
    out.push(b'\n');
    out
}

/// The UTF-8 byte-order mark: without it Excel reads a CSV file in the
/// machine's legacy code page and garbles every tone mark.
pub const BOM: &[u8] = "\u{feff}".as_bytes();

/// The CSV columns, in order: the header (the annexes' names) and what
/// fills the column.
pub const COLUMNS: [(&str, Column); 33] = {
    use Column::*;
    [
        ("Loại bản ghi", Kind),
        ("Mã hồ sơ", DossierId),
        ("Mã phông", Fonds),
        ("Tiêu đề hồ sơ", Title),
        ("Số thứ tự văn bản trong hồ sơ", Ordinal),
        ("Tên loại văn bản", TypeName),
        ("Số của văn bản", Number),
        ("Ký hiệu của văn bản", Notation),
        ("Ngày, tháng, năm văn bản", Date),
        ("Tên cơ quan, tổ chức ban hành văn bản", Issuer),
        ("Trích yếu nội dung", Summary),
        ("Chức vụ của người ký văn bản", SignerPosition),
        ("Họ và tên người ký văn bản", Signer),
        ("Thời gian bắt đầu", StartDate),
        ("Thời gian kết thúc", EndDate),
        ("Tổng số văn bản trong hồ sơ", DocumentsTotal),
        ("Số lượng tờ", Sheets),
        ("Số lượng trang", Pages),
        ("Trang trong hồ sơ", PageRange),
        ("Ngôn ngữ", Language),
        ("Mục lục số", CatalogueNo),
        ("Hộp số", BoxNo),
        ("Số và ký hiệu hồ sơ", FileNotation),
        ("Mã định danh văn bản", Identifier),
        ("Thời hạn bảo quản", Retention),
        ("Chế độ sử dụng", Access),
        ("Độ mật", Confidentiality),
        ("Mức độ tin cậy", Reliability),
        ("Ký hiệu thông tin", InformationCode),
        ("Từ khóa", Keywords),
        ("Tình trạng vật lý", PhysicalCondition),
        ("Bút tích", Autograph),
        ("Ghi chú", Notes),
    ]
};

/// The record kinds of the first column.
pub const KIND_DOSSIER: &str = "Hồ sơ";
pub const KIND_DOCUMENT: &str = "Văn bản";

/// What fills a CSV column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Kind,
    DossierId,
    Fonds,
    Title,
    Ordinal,
    TypeName,
    Number,
    Notation,
    Date,
    Issuer,
    Summary,
    SignerPosition,
    Signer,
    StartDate,
    EndDate,
    DocumentsTotal,
    Sheets,
    Pages,
    PageRange,
    Language,
    CatalogueNo,
    BoxNo,
    FileNotation,
    Identifier,
    Retention,
    Access,
    Confidentiality,
    Reliability,
    InformationCode,
    Keywords,
    PhysicalCondition,
    Autograph,
    Notes,
}

/// One row per dossier, followed by one row per document of it, under a
/// header row; BOM, every field quoted, CRLF.
pub fn to_csv(dossiers: &[DossierEntry], file: &Path) -> Result<Vec<u8>> {
    let csv_err = |e: csv::Error| Error::io(file, std::io::Error::other(e));
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    w.write_record(COLUMNS.iter().map(|(h, _)| *h))
        .map_err(csv_err)?;
    for d in dossiers {
        w.write_record(COLUMNS.iter().map(|(_, c)| dossier_cell(d, *c)))
            .map_err(csv_err)?;
        for doc in &d.documents {
            w.write_record(COLUMNS.iter().map(|(_, c)| document_cell(d, doc, *c)))
                .map_err(csv_err)?;
        }
    }
    w.into_inner()
        .map_err(|e| Error::io(file, std::io::Error::other(e.to_string())))
}

fn text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn dossier_cell(d: &DossierEntry, c: Column) -> String {
    use Column::*;
    let s = &d.staff;
    match c {
        Kind => KIND_DOSSIER.to_string(),
        DossierId => d.id.clone(),
        Fonds => text(&d.fonds),
        Title => d.title.clone(),
        StartDate => csv_date(&d.start_date),
        EndDate => csv_date(&d.end_date),
        DocumentsTotal => d.documents_total.to_string(),
        Sheets => d.sheets.map(|n| n.to_string()).unwrap_or_default(),
        Pages => d.pages.to_string(),
        Language => d.language.to_string(),
        CatalogueNo => text(&s.catalogue_no),
        BoxNo => text(&s.box_no),
        FileNotation => text(&s.file_notation),
        Retention => text(&s.retention),
        Access => text(&s.access),
        Confidentiality => text(&s.confidentiality),
        Reliability => text(&s.reliability),
        InformationCode => text(&s.information_code),
        Keywords => text(&s.keywords),
        PhysicalCondition => text(&s.physical_condition),
        Notes => text(&s.notes),
        Ordinal | TypeName | Number | Notation | Date | Issuer | Summary | SignerPosition
        | Signer | PageRange | Identifier | Autograph => String::new(),
    }
}

fn document_cell(d: &DossierEntry, doc: &DocumentEntry, c: Column) -> String {
    use Column::*;
    let s = &doc.staff;
    match c {
        Kind => KIND_DOCUMENT.to_string(),
        DossierId => d.id.clone(),
        Ordinal => doc.ordinal.to_string(),
        TypeName => text(&doc.type_name),
        Number => text(&doc.number),
        Notation => text(&doc.notation),
        Date => csv_date(&doc.date),
        Issuer => text(&doc.issuer),
        Summary => text(&doc.summary),
        SignerPosition => text(&doc.signer_position),
        Signer => text(&doc.signer),
        Pages => doc.pages.to_string(),
        // An en dash: "1-3" would be read as a date by Excel.
        PageRange if doc.first_page == doc.last_page => doc.first_page.to_string(),
        PageRange => format!("{}–{}", doc.first_page, doc.last_page),
        Language => doc.language.to_string(),
        Identifier => text(&s.identifier),
        Access => text(&s.access),
        Confidentiality => text(&s.confidentiality),
        Reliability => text(&s.reliability),
        InformationCode => text(&s.information_code),
        Keywords => text(&s.keywords),
        PhysicalCondition => text(&s.physical_condition),
        Autograph => text(&s.autograph),
        Notes => text(&s.notes),
        Fonds | Title | StartDate | EndDate | DocumentsTotal | Sheets | CatalogueNo | BoxNo
        | FileNotation | Retention => String::new(),
    }
}

/// A date as Vietnamese records write it: `YYYY-MM-DD` → `DD/MM/YYYY`,
/// `YYYY-MM` → `MM/YYYY`; a year, or anything else, as it is.
pub fn csv_date(date: &Option<String>) -> String {
    let Some(d) = date.as_deref() else {
        return String::new();
    };
    let parts: Vec<&str> = d.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y, m, day] if digits(y, 4) && digits(m, 2) && digits(day, 2) => format!("{day}/{m}/{y}"),
        [y, m] if digits(y, 4) && digits(m, 2) => format!("{m}/{y}"),
        _ => d.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_numbers_split_into_number_and_symbol() {
        let s = |n: &str, a: Option<&str>, b: Option<&str>| {
            assert_eq!(
                split_document_no(n),
                (a.map(String::from), b.map(String::from)),
                "{n}"
            )
        };
        s("312/QĐ-UBND", Some("312"), Some("QĐ-UBND"));
        s("08/2023/QĐ-UBND", Some("08"), Some("2023/QĐ-UBND"));
        s("45/TTr-LĐTBXH", Some("45"), Some("TTr-LĐTBXH"));
        s("127", Some("127"), None);
        s("QĐ-UBND", None, Some("QĐ-UBND"));
        s("/QĐ-UBND", None, Some("QĐ-UBND"));
    }

    #[test]
    fn dates_in_the_vietnamese_order() {
        let d = |s: &str| csv_date(&Some(s.to_string()));
        assert_eq!(d("2023-03-09"), "09/03/2023");
        assert_eq!(d("2023-03"), "03/2023");
        assert_eq!(d("1951"), "1951");
        assert_eq!(d("9/3/2023"), "9/3/2023");
        assert_eq!(csv_date(&None), "");
    }

    #[test]
    fn extensions_choose_the_format() {
        assert_eq!(
            Format::of_path(Path::new("a/mục lục.CSV")).unwrap(),
            Format::Csv
        );
        assert_eq!(Format::of_path(Path::new("x.json")).unwrap(), Format::Json);
        for bad in ["x.xlsx", "x", "csv", "x.csv.bak"] {
            assert!(matches!(
                Format::of_path(Path::new(bad)),
                Err(Error::Usage(_))
            ));
        }
    }

    #[test]
    fn every_field_has_one_column_and_each_row_fills_its_own() {
        let doc = DocumentEntry {
            ordinal: 1,
            first_page: 2,
            last_page: 3,
            pages: 2,
            doc_type: Some("quyet_dinh".into()),
            type_name: Some("Quyết định".into()),
            document_no: Some("312/QĐ-UBND".into()),
            number: Some("312".into()),
            notation: Some("QĐ-UBND".into()),
            date: Some("2023-03-09".into()),
            issuer: Some("UBND HUYỆN TIÊN DU".into()),
            summary: Some("Về việc \"trợ cấp\",\nhàng tháng".into()),
            signer_position: Some("CHỦ TỊCH".into()),
            signer: Some("Lục Minh Tuấn".into()),
            language: LANGUAGE,
            staff: DocumentStaff::default(),
        };
        let dossier = DossierEntry {
            id: "quyet-dinh/QĐ 312".into(),
            fonds: Some("quyet-dinh".into()),
            title: "QĐ 312".into(),
            start_date: Some("2023-03-09".into()),
            end_date: Some("2023-03-09".into()),
            documents_total: 1,
            sheets: None,
            pages: 3,
            language: LANGUAGE,
            staff: DossierStaff::default(),
            documents: vec![doc],
        };
        let kinds: std::collections::HashSet<_> = COLUMNS.iter().map(|(_, c)| *c).collect();
        assert_eq!(kinds.len(), COLUMNS.len(), "a column listed twice");
        let headers: std::collections::HashSet<_> = COLUMNS.iter().map(|(h, _)| *h).collect();
        assert_eq!(headers.len(), COLUMNS.len(), "a header used twice");
        let bytes = to_csv(std::slice::from_ref(&dossier), Path::new("t.csv")).unwrap();
        assert!(bytes.starts_with(BOM));
        let mut r = csv::Reader::from_reader(&bytes[BOM.len()..]);
        let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 2);
        let col = |name: &str| COLUMNS.iter().position(|(h, _)| *h == name).unwrap();
        assert_eq!(&rows[0][col("Loại bản ghi")], KIND_DOSSIER);
        assert_eq!(&rows[0][col("Thời gian bắt đầu")], "09/03/2023");
        assert_eq!(&rows[0][col("Số của văn bản")], "");
        assert_eq!(&rows[1][col("Loại bản ghi")], KIND_DOCUMENT);
        assert_eq!(&rows[1][col("Mã hồ sơ")], "quyet-dinh/QĐ 312");
        assert_eq!(
            &rows[1][col("Trích yếu nội dung")],
            "Về việc \"trợ cấp\",\nhàng tháng"
        );
        assert_eq!(&rows[1][col("Trang trong hồ sơ")], "2–3");
        assert_eq!(&rows[1][col("Tiêu đề hồ sơ")], "");
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains("\"\r\n\""), "CRLF between quoted rows");
    }
}
