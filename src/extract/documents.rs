//! The documents (văn bản) inside a dossier.
//!
//! A dossier folder is a bag of pages, but an archive describes what is in
//! it document by document: a người có công dossier holds an application, a
//! certificate and a decision, each with its own type, number, date, issuer
//! and signer. This file decides where each document starts and describes
//! each one from its own pages.
//!
//! A page opens a document when its top reads like a first page under
//! Nghị định 30/2020/NĐ-CP: the national motto, the "Số: …" line, a title
//! ("QUYẾT ĐỊNH", "ĐƠN ĐỀ NGHỊ", "DANH SÁCH", "PHỤ LỤC" …, so a change of
//! type too; but an appendix or list "Kèm theo Quyết định số …", with no
//! header of its own, is part of that document, as Nghị định 30/2020/NĐ-CP
//! has it), or
//! the issuing body right after a page that ended a document
//! ("Nơi nhận", a signer's office). A page stays with the document before it
//! when it has none of these, when its top carries a page number ("2",
//! "- 2 -", "Trang 2/3") or "(tiếp theo)", when it opens with the end of a
//! document (a "Nơi nhận" or signature block carried over), or when it is
//! blank. Only the first lines of each page are read for this (its last
//! ones only when they decide). Each document is described from the values
//! the one reading of the dossier found on its pages, so a dossier that is
//! one document is described by the dossier's own first values; its
//! trích yếu comes from `summary.rs`.

use std::sync::LazyLock;

use regex::Regex;

use super::analyse::{page_texts, Document};
use super::header::{
    document_no_of_line, find_title, register_number, RE_MOTTO_PRESENT, RE_ORG_START,
};
use super::lines::{is_line_break, re, Line};
use super::names::RE_SIGNER_OFFICE;
use super::out::Entry;
use super::{extract_with_records, Fields, Page};
use crate::store::PageRecord;

/// Non-blank lines at the top of a page where a document's opening stands
/// (issuing body, number, motto, place and date, title, subject).
pub(super) const TOP_LINES: usize = 14;

/// The top lines in which a title counts without a header above it.
const BARE_TITLE_LINES: usize = 3;

/// The top lines in which the motto or the number of a first page stand.
pub(super) const HEADER_LINES: usize = 9;

/// Non-blank lines at the foot of a page where a signature block stands.
const FOOT_LINES: usize = 10;

/// Pages of a document looked at for its summary (a cover sheet may come
/// before the titled page).
const SUMMARY_PAGES: usize = 3;

/// A page number alone on its line: "2", "- 2 -", "Trang 2", "Trang 2/3",
/// "2/3" (folded text).
static RE_PAGE_NO: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^[^\p{L}\p{N}]*(?:TRANG\s*)?(\d{1,3})(?:\s*/\s*\d{1,3})?[^\p{L}\p{N}]*$")
});

/// "Trang 2/3" with its word, anywhere on the first or last line.
static RE_PAGE_LABEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"\bTRANG\s*(\d{1,3})\s*(?:/|TREN)\s*\d{1,3}\b"));

/// A continuation page saying so at its top.
static RE_CONTINUED: LazyLock<Regex> = LazyLock::new(|| re(r"\(?\s*TIEP\s+THEO\s*\)?"));

/// Lines that end a document: the distribution list, a signature block's
/// office or the signing party.
static RE_ENDING: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"^[^\p{L}\p{N}]{0,3}(?:NOI\s+NHAN\b|(?:KT|TM|TL|TUQ|Q)\s*\.\s*\p{L}",
        r"|NGUOI\s+(?:KHAI|LAM\s+DON|VIET\s+DON|DE\s+NGHI|LAP\s+BIEU|LAP\s+BANG|KY)\b",
        r"|DAI\s+DIEN\s+BEN\b|XAC\s+NHAN\s+CUA\b)",
    ))
});

/// What a page's first lines (and its last, for "Trang 2/3") say about
/// where it stands in a document. Whether it ends one is read only when a
/// next page needs it ([`ends_document`]).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Cues {
    /// No text at all (the back of a sheet).
    blank: bool,
    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" / "Độc lập - Tự do - Hạnh phúc".
    motto: bool,
    /// The document's own "Số: 245/QĐ-…" (or a register's "Số: 211 ngày …").
    number: bool,
    /// An issuing body in capitals on the first line ("UBND XÃ ĐÌNH TỔ").
    issuer: bool,
    /// A title that opens the page (not the operative "QUYẾT ĐỊNH" before
    /// "Điều 1").
    title: bool,
    /// The page number its top (or first or last line, "Trang 2/3") prints.
    page_no: Option<u32>,
    /// "(tiếp theo)" at the top.
    continued: bool,
    /// Opens with the end of a document ("Nơi nhận", a signer's office).
    opens_with_ending: bool,
    /// An appendix or list saying under its title which document it goes
    /// with ("PHỤ LỤC" / "(Kèm theo Danh sách số 52/DS-UBND …)").
    attached: bool,
}

/// "Kèm theo Quyết định số …" under an attachment's title: the document it
/// belongs to, named with its number.
static RE_ATTACHED: LazyLock<Regex> =
    LazyLock::new(|| re(r"\bKEM\s+THEO\s+\p{L}[\p{L}\s]{0,40}?\bSO\b"));

/// Lines with a letter or digit, made NFC: specks OCR read as "'" or "—"
/// say nothing about the page (a line break is never part of a composed
/// character, so lines are normalised one by one).
fn text_lines<'a>(lines: impl Iterator<Item = &'a str>, n: usize) -> Vec<Line> {
    lines
        .filter(|l| l.chars().any(char::is_alphanumeric))
        .take(n)
        .map(|l| Line::new(&crate::text::nfc(l)))
        .collect()
}

impl Cues {
    fn of(text: &str) -> Cues {
        let top = text_lines(text.split(is_line_break), TOP_LINES);
        let Some(first) = top.first() else {
            return Cues {
                blank: true,
                ..Cues::default()
            };
        };
        let found = find_title(&top).map(|(i, _)| i);
        let title = found;
        let attached = found.is_some_and(|i| {
            top[i..]
                .iter()
                .take(4)
                .any(|l| RE_ATTACHED.is_match(&l.folded))
        });
        let header = &top[..top.len().min(HEADER_LINES)];
        let before_title = &top[..title.unwrap_or(top.len()).min(HEADER_LINES)];
        let motto = header.iter().any(|l| RE_MOTTO_PRESENT.is_match(&l.folded));
        let number = before_title
            .iter()
            .any(|l| document_no_of_line(l).is_some() || register_number(l).is_some());
        let issuer = is_issuer_line(first);
        let title = title.is_some_and(|i| {
            // The operative heading of a decision read without its colon
            // ("QUYẾT ĐỊNH" / "Điều 1. …") is no title.
            let operative = top
                .get(i + 1)
                .is_some_and(|n| n.folded.trim_start().starts_with("DIEU"));
            !operative && (i < BARE_TITLE_LINES || motto || number || issuer)
        });
        let label = |l: &Line| -> Option<u32> {
            RE_PAGE_LABEL
                .captures(&l.folded)?
                .get(1)?
                .as_str()
                .parse()
                .ok()
        };
        let page_no = page_number(first).or_else(|| label(first)).or_else(|| {
            let last = text_lines(text.rsplit(is_line_break), 1);
            last.first().and_then(label)
        });
        let continued = top
            .iter()
            .take(BARE_TITLE_LINES + 1)
            .any(|l| RE_CONTINUED.is_match(&l.folded));
        let opens_with_ending = top
            .iter()
            .skip(usize::from(page_no.is_some()))
            .take(2)
            .any(is_ending_line);
        Cues {
            blank: false,
            motto,
            number,
            issuer,
            title,
            page_no,
            continued,
            opens_with_ending,
            attached,
        }
    }

    /// Whether this page starts a new document; `after_end` says whether
    /// the page before it ended one (asked only when that decides).
    fn starts_document(&self, after_end: impl FnOnce() -> bool) -> bool {
        if self.blank {
            return false;
        }
        // A full header (the number, and the motto or a title) is a first
        // page whatever its corner says (an archive's own sheet numbering).
        let header = self.number && (self.motto || self.title);
        // An appendix or a list attached to a document is part of it
        // (Nghị định 30/2020/NĐ-CP, Phụ lục I: it names that document,
        // "Kèm theo Quyết định số …", and goes with it) unless it carries a
        // header of its own.
        if self.attached && !self.motto && !self.number {
            return false;
        }
        if !header {
            if self.continued || self.page_no.is_some_and(|n| n >= 2) {
                return false;
            }
            if self.opens_with_ending && !self.title {
                return false;
            }
        }
        let score = 2 * u8::from(self.motto)
            + 2 * u8::from(self.number)
            + 2 * u8::from(self.title)
            + u8::from(self.issuer);
        score >= 2 || score == 1 && after_end()
    }
}

/// Whether a page's last lines close a document ("Nơi nhận", a signer's
/// office, the signing party).
fn ends_document(text: &str) -> bool {
    text_lines(text.rsplit(is_line_break), FOOT_LINES)
        .iter()
        .any(is_ending_line)
}

/// A page number alone on the line ("2", "- 2 -", "Trang 2/3").
fn page_number(line: &Line) -> Option<u32> {
    let n: u32 = RE_PAGE_NO
        .captures(&line.folded)?
        .get(1)?
        .as_str()
        .parse()
        .ok()?;
    (n > 0).then_some(n)
}

/// An issuing body in capitals opening the page ("UBND HUYỆN TIÊN DU").
fn is_issuer_line(line: &Line) -> bool {
    let (upper, letters) = line
        .text
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(u, n), c| {
            (u + usize::from(c.is_uppercase()), n + 1)
        });
    letters >= 4
        && upper * 10 >= letters * 8
        && RE_ORG_START.is_match(line.folded.trim_start())
        && !RE_MOTTO_PRESENT.is_match(&line.folded)
}

fn is_ending_line(line: &Line) -> bool {
    RE_ENDING.is_match(&line.folded) || RE_SIGNER_OFFICE.is_match(&line.folded)
}

/// The first page (1-based) of every document of a dossier, in order:
/// always 1 first (none for no pages). Read from the page texts
/// [`super::analyse`] reads (list rows rebuilt from word boxes where it
/// rebuilds them); [`starts_of_texts`] is the same on texts.
pub fn document_starts(pages: &[PageRecord]) -> Vec<usize> {
    let texts = page_texts(pages);
    let texts: Vec<&str> = texts.iter().map(|t| t.as_ref()).collect();
    starts_of_texts(&texts)
}

/// The documents of a dossier when they begin at `starts` (1-based first
/// pages, ascending, 1 first; others out of range are dropped, 1 is
/// added), each described from its own pages as [`super::analyse`]
/// describes the documents it finds: for the same starts both give the
/// same documents.
pub fn documents_starting_at(pages: &[PageRecord], starts: &[usize]) -> Vec<Document> {
    let texts = page_texts(pages);
    let texts: Vec<&str> = texts.iter().map(|t| t.as_ref()).collect();
    let (fields, _, log) = extract_with_records(&texts);
    describe(
        &texts,
        &clean_starts(starts, texts.len()),
        &log,
        dossier_type(&fields),
    )
}

/// [`document_starts`] on page texts.
pub fn starts_of_texts(pages: &[&str]) -> Vec<usize> {
    if pages.is_empty() {
        return Vec::new();
    }
    let mut starts = vec![1];
    // The last page with text before the one looked at: whether it ended
    // a document counts (a blank back of a sheet does not).
    let mut last_text = (!Cues::of_blank(pages[0])).then_some(0);
    for (i, text) in pages.iter().enumerate().skip(1) {
        let cues = Cues::of(text);
        if cues.blank {
            continue;
        }
        if cues.starts_document(|| last_text.is_some_and(|j| ends_document(pages[j]))) {
            starts.push(i + 1);
        }
        last_text = Some(i);
    }
    starts
}

impl Cues {
    /// Whether a page has no text (the first page needs no other cue).
    fn of_blank(text: &str) -> bool {
        !text.chars().any(char::is_alphanumeric)
    }
}

/// The dossier's doc_type (extraction always gives one).
pub(super) fn dossier_type(fields: &Fields) -> &str {
    fields
        .get("doc_type")
        .and_then(|v| v.first())
        .and_then(|v| v.as_str())
        .unwrap_or("khac")
}

/// `starts` made usable: within 1..=pages, ascending, each once, 1 first.
pub(super) fn clean_starts(starts: &[usize], pages: usize) -> Vec<usize> {
    if pages == 0 {
        return Vec::new();
    }
    let mut out: Vec<usize> = std::iter::once(1)
        .chain(starts.iter().copied().filter(|&s| (1..=pages).contains(&s)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The documents that begin at `starts` (from [`clean_starts`]), each
/// described from the values the reading of the dossier found on its own
/// pages (`log`, in page order): its first type (a title's, else the one
/// its own number names, else `khac`), number, signing date and issuer,
/// its first signer, the names it records (the signer left out), and its
/// summary. For a dossier of one document these are the dossier's own
/// first values; `dossier_type` is the dossier's doc_type.
pub(super) fn describe(
    pages: &[&str],
    starts: &[usize],
    log: &[Entry],
    dossier_type: &str,
) -> Vec<Document> {
    let mut out = Vec::with_capacity(starts.len());
    for (k, &first) in starts.iter().enumerate() {
        let last = starts.get(k + 1).map_or(pages.len(), |next| next - 1);
        let texts = &pages[first - 1..last];
        let lo = log.partition_point(|e| e.page < first);
        let hi = log.partition_point(|e| e.page <= last);
        let entries = &log[lo..hi];
        let first_of = |key: &str| -> Option<String> {
            entries
                .iter()
                .find(|e| e.key == key)
                .map(|e| e.value.clone())
        };
        let doc_type = if starts.len() == 1 {
            dossier_type.to_string()
        } else {
            first_of("title")
                .or_else(|| {
                    texts
                        .iter()
                        .find_map(|t| Page::new(t).doc_type())
                        .map(str::to_string)
                })
                .unwrap_or_else(|| "khac".to_string())
        };
        let signer = first_of("signer");
        let mut people: Vec<String> = Vec::new();
        for e in entries.iter().filter(|e| e.key == "full_name") {
            if Some(&e.value) != signer.as_ref() && !people.contains(&e.value) {
                people.push(e.value.clone());
            }
        }
        out.push(Document {
            pages: [first, last],
            doc_type: Some(doc_type),
            document_no: first_of("document_no"),
            signed_date: first_of("signed_date"),
            issuer: first_of("issuer"),
            summary: texts
                .iter()
                .take(SUMMARY_PAGES)
                .find_map(|t| super::summary::summary_of(t)),
            signer,
            people,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::analyse::analyse_texts_on;

    /// An application as OCR reads a citizen's form: the motto with a
    /// tone mark lost, no issuing body, the applicant signing at the foot.
    const DON: &str = "\
CỘNG HÒA XÃ HỘI CHU NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

ĐƠN ĐỀ NGHỊ

Giải quyết chế độ trợ cấp tuất hàng tháng
Kính gửi: Sở Lao động - Thương binh và Xã hội tỉnh Bắc Ninh
Tôi tên là: NÔNG THỊ HUỆ
Sinh ngày: 19/07/1950
Giới tính: Nữ
Tôi làm đơn này kính đề nghị được giải quyết chế độ theo quy định./.
Hòa Long, ngày 03 tháng 4 năm 2023
NGƯỜI LÀM ĐƠN
Nông Thị Huệ";

    /// A certificate whose motto OCR lost: the issuing body and the
    /// number open it.
    const GCN: &str = "\
UBND TỈNH BẮC NINH
SỞ LAO ĐỘNG - THƯƠNG BINH
VÀ XÃ HỘI
Số: 1342/GCN-SLĐTBXH
Bắc Ninh, ngày 20 tháng 4 năm 2023
GIẤY CHỨNG NHẬN
THÂN NHÂN LIỆT SĨ
Họ và tên liệt sĩ: HÀ VĂN THỤ
Năm sinh: 1948
Nơi nhận:
- Lưu: VT, NCC.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Nguyễn Đức Thành";

    /// The first page of a two-page decision, its subject wrapped, with
    /// a tone error in the title.
    const QD_1: &str = "\
UBND TỈNH BẮC NINH
UBND HUYỆN YÊN PHONG
Số: 415/QĐ-UBND
CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Yên Phong, ngày 18 tháng 7 năm 2023
QUYÉT ĐỊNH
Về việc trợ cấp xã hội hàng tháng và cấp thẻ bảo hiểm
y tế đối với người cao tuổi

CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN YÊN PHONG
Căn cứ Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021 của Chính phủ;
QUYẾT ĐỊNH:
Điều 1. Trợ cấp xã hội hàng tháng đối với ông Lý Văn Cường, sinh năm 1941.";

    /// Its second page: the page number, the last articles, the signer.
    const QD_2: &str = "\
- 2 -
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng và ông Lý Văn Cường chịu trách nhiệm thi hành./.
Nơi nhận:
- Như Điều 3;
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Chu Văn Thắng";

    const DS_1: &str = "\
UBND HUYỆN YÊN PHONG
UBND XÃ VĂN MÔN
Số: 52/DS-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Văn Môn, ngày 15 tháng 12 năm 2023
DANH SÁCH
Hộ nghèo năm 2024 trên địa bàn xã Văn Môn
STT Họ và tên chủ hộ Năm sinh Số CCCD Số khẩu
1 Đỗ Văn Giang 1958 027058123456 4
2 Đinh Hữu Thắng 1970 027070751784 4";

    /// A list's second page: the table goes on, no header.
    const DS_2: &str = "\
21 Trần Thu Hương 1966 027166123987 2
22 Phùng Đức Hiếu 1975 027075456123 5
Tổng cộng: 22 hộ, 80 nhân khẩu.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Hữu Nghị";

    const PHU_LUC: &str = "\
PHỤ LỤC
Tổng hợp hộ nghèo năm 2024 theo thôn
(Kèm theo Danh sách số 52/DS-UBND ngày 15/12/2023 của UBND xã Văn Môn)
STT Thôn Số hộ nghèo Số nhân khẩu
1 Thôn Văn Xá 8 21";

    #[test]
    fn a_first_page_opens_a_document_and_a_continuation_does_not() {
        assert_eq!(starts_of_texts(&[DON, GCN, QD_1, QD_2]), [1, 2, 3]);
        assert_eq!(starts_of_texts(&[QD_1, QD_2]), [1]);
        // An appendix "Kèm theo" the list stays with it; one with a header
        // of its own (an issued annex) opens a document.
        assert_eq!(starts_of_texts(&[DS_1, DS_2, PHU_LUC]), [1]);
        let own = format!(
            "UBND XÃ VĂN MÔN\nSố: 53/PL-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{PHU_LUC}"
        );
        assert_eq!(starts_of_texts(&[DS_1, DS_2, &own]), [1, 3]);
        let bare = "PHỤ LỤC\nTổng hợp hộ nghèo năm 2024 theo thôn\nSTT Thôn Số hộ";
        assert_eq!(
            starts_of_texts(&[DS_1, DS_2, bare]),
            [1, 3],
            "no «kèm theo»"
        );
        // A list attached to a decision; an application that only mentions
        // what comes with it.
        let list = "DANH SÁCH\nNGƯỜI CÓ CÔNG ĐIỀU CHỈNH MỨC TRỢ CẤP\n\
                    (Kèm theo Quyết định số 1520/QĐ-SLĐTBXH ngày 28/7/2023)\nSTT Họ và tên";
        assert_eq!(starts_of_texts(&[QD_1, QD_2, list]), [1]);
        let don = "ĐƠN ĐỀ NGHỊ\nGiấy tờ kèm theo: bản sao CCCD\nKính gửi: UBND xã Đình Tổ";
        assert_eq!(starts_of_texts(&[QD_1, QD_2, don]), [1, 3]);
        // A blank back of a sheet belongs to the document before it.
        assert_eq!(starts_of_texts(&[GCN, "", " \n ", DON]), [1, 4]);
        // A speck read as a dash above a continued table does not count.
        assert_eq!(starts_of_texts(&[DS_1, &format!("—\n'\n{DS_2}")]), [1]);
        assert_eq!(starts_of_texts(&[]), Vec::<usize>::new());
        assert_eq!(starts_of_texts(&[""]), [1]);
    }

    #[test]
    fn page_numbers_and_carried_over_endings_continue_a_document() {
        let page = |top: &str| {
            format!("{top}\nĐiều 4. Các ông, bà có tên tại Điều 1 chịu trách nhiệm thi hành.")
        };
        for top in ["2", "- 2 -", "Trang 2/3", "-3-", "Trang 2"] {
            assert_eq!(starts_of_texts(&[QD_1, &page(top)]), [1], "{top:?}");
        }
        // "Trang 2/3" at the foot says it too.
        let foot = "Điều 4. Hiệu lực thi hành.\nTrang 2/3";
        assert_eq!(starts_of_texts(&[QD_1, foot]), [1]);
        // A page holding only the end of the decision (Nơi nhận, signer).
        let end = "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nChu Văn Thắng";
        assert_eq!(starts_of_texts(&[QD_1, end]), [1]);
        // A list's title repeated on its next page "(tiếp theo)".
        let more = "DANH SÁCH (tiếp theo)\n23 Lê Văn Mạnh 1962 027062753958 3";
        assert_eq!(starts_of_texts(&[DS_1, more]), [1]);
        // The operative heading read without its colon is no title.
        let operative = "QUYẾT ĐỊNH\nĐiều 1. Trợ cấp hàng tháng đối với bà Nông Thị Huệ.";
        assert_eq!(starts_of_texts(&[QD_1, operative]), [1]);
        // A capitalised line deep in a body page is no title either.
        let body = "Căn cứ Luật Người cao tuổi;\nXét đề nghị của Trưởng phòng;\n\
                    Căn cứ Nghị định 20/2021/NĐ-CP;\nXét Tờ trình số 86;\n\
                    DANH SÁCH ĐỐI TƯỢNG";
        assert_eq!(starts_of_texts(&[QD_1, body]), [1]);
    }

    #[test]
    fn an_issuing_body_alone_opens_a_document_only_after_one_ended() {
        // OCR lost the motto, the number and the title of the next document.
        let issuer_only =
            "UBND XÃ ĐÌNH TỔ\nỦy ban nhân dân xã Đình Tổ xác nhận:\nÔng Trần Văn Bảy.";
        assert_eq!(starts_of_texts(&[GCN, issuer_only]), [1, 2]);
        assert_eq!(starts_of_texts(&[QD_1, issuer_only]), [1]);
        // Toneless OCR of a whole header.
        let toneless = "UBND XA DINH TO\nSo: 86/XN-UBND\nCONG HOA XA HOI CHU NGHIA VIET NAM\n\
                        Doc lap - Tu do - Hanh phuc\nGIAY XAC NHAN";
        assert_eq!(starts_of_texts(&[QD_1, QD_2, toneless]), [1, 3]);
        // A full header wins over a sheet number in its corner.
        let numbered = format!("3\n{GCN}");
        assert_eq!(starts_of_texts(&[QD_1, QD_2, &numbered]), [1, 3]);
    }

    #[test]
    fn each_document_is_described_from_its_own_pages() {
        let pages = [DON, GCN, QD_1, QD_2];
        let a = analyse_texts_on(&pages, "2026-01-01".into());
        let d = &a.documents;
        assert_eq!(d.len(), 3, "{d:?}");
        assert_eq!(d[0].pages, [1, 1]);
        assert_eq!(d[0].doc_type.as_deref(), Some("don_de_nghi"));
        assert_eq!(d[0].document_no, None);
        assert_eq!(d[0].signed_date.as_deref(), Some("2023-04-03"));
        assert_eq!(d[0].issuer, None);
        assert_eq!(
            d[0].summary.as_deref(),
            Some("Giải quyết chế độ trợ cấp tuất hàng tháng")
        );
        assert_eq!(d[0].people, ["Nông Thị Huệ"]);
        assert_eq!(d[1].pages, [2, 2]);
        assert_eq!(d[1].doc_type.as_deref(), Some("giay_chung_nhan"));
        assert_eq!(d[1].document_no.as_deref(), Some("1342/GCN-SLĐTBXH"));
        assert_eq!(
            d[1].issuer.as_deref(),
            Some("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
        );
        assert_eq!(d[1].summary.as_deref(), Some("THÂN NHÂN LIỆT SĨ"));
        assert_eq!(d[1].signer.as_deref(), Some("Nguyễn Đức Thành"));
        assert_eq!(d[1].people, ["Hà Văn Thụ"]);
        assert_eq!(d[2].pages, [3, 4]);
        assert_eq!(d[2].doc_type.as_deref(), Some("quyet_dinh"));
        assert_eq!(d[2].document_no.as_deref(), Some("415/QĐ-UBND"));
        assert_eq!(d[2].signed_date.as_deref(), Some("2023-07-18"));
        assert_eq!(d[2].issuer.as_deref(), Some("UBND HUYỆN YÊN PHONG"));
        assert_eq!(
            d[2].summary.as_deref(),
            Some(
                "Về việc trợ cấp xã hội hàng tháng và cấp thẻ bảo hiểm y tế đối với người cao tuổi"
            )
        );
        assert_eq!(d[2].signer.as_deref(), Some("Chu Văn Thắng"));
        assert_eq!(d[2].people, ["Lý Văn Cường"]);
        // The dossier's fields are those of all its pages, as before.
        assert_eq!(a.fields["doc_type"], [serde_json::json!("don_de_nghi")]);
        assert_eq!(a.fields["document_no"].len(), 2);
        // A split a person gives is described from the same reading.
        let read = |starts: &[usize]| {
            let (fields, _, log) = extract_with_records(&pages);
            describe(&pages, starts, &log, dossier_type(&fields))
        };
        assert_eq!(read(&[1, 2, 3]), *d);
        let two = read(&[1, 3]);
        assert_eq!(two[0].pages, [1, 2]);
        assert_eq!(two[0].people, ["Nông Thị Huệ", "Hà Văn Thụ"]);
        assert_eq!(two[0].signer.as_deref(), Some("Nguyễn Đức Thành"));
        assert_eq!(two[1], d[2]);
    }

    #[test]
    fn a_dossier_of_one_document_is_described_by_its_fields() {
        let pages = [QD_1, QD_2];
        let a = analyse_texts_on(&pages, "2026-01-01".into());
        assert_eq!(a.documents.len(), 1);
        let d = &a.documents[0];
        assert_eq!(d.pages, [1, 2]);
        let first = |k: &str| {
            a.fields[k]
                .first()
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        assert_eq!(d.doc_type, first("doc_type"));
        assert_eq!(d.document_no, first("document_no"));
        assert_eq!(d.signed_date, first("signed_date"));
        assert_eq!(d.issuer, first("issuer"));
        let first_name = a.fields["full_name"][0].as_str().map(str::to_string);
        assert_eq!(d.people.first(), first_name.as_ref());
        let signer = a
            .records
            .iter()
            .find(|r| r.role.as_deref() == Some("nguoi_ky"));
        assert_eq!(d.signer, signer.and_then(|r| r.full_name.clone()));
    }

    #[test]
    fn a_split_given_by_a_person_is_cleaned_and_described() {
        // An appendix that does not say what it goes with is a document.
        let bare: String = PHU_LUC
            .lines()
            .filter(|l| !l.contains("Kèm theo"))
            .collect::<Vec<_>>()
            .join("\n");
        let records: Vec<PageRecord> = [DS_1, DS_2, bare.as_str()]
            .iter()
            .enumerate()
            .map(|(i, t)| PageRecord::for_test("ho-ngheo/x", &format!("trang {}.jpg", i + 1), t))
            .collect();
        assert_eq!(document_starts(&records), [1, 3]);
        let analysed = crate::extract::analyse(&records).documents;
        assert_eq!(documents_starting_at(&records, &[1, 3]), analysed);
        assert_eq!(documents_starting_at(&records, &[3, 3, 9, 0]), analysed);
        let one = documents_starting_at(&records, &[]);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].pages, [1, 3]);
        assert_eq!(analysed[1].doc_type.as_deref(), Some("phu_luc"));
        assert_eq!(
            analysed[1].summary.as_deref(),
            Some("Tổng hợp hộ nghèo năm 2024 theo thôn")
        );
        assert_eq!(analysed[1].document_no, None);
        assert_eq!(analysed[1].signed_date, None);
        assert!(analysed[1].people.is_empty(), "{:?}", analysed[1].people);
        assert!(documents_starting_at(&[], &[1]).is_empty());
    }

    #[test]
    fn odd_pages_never_panic() {
        let long = "Số: 1/QĐ ".repeat(5_000);
        let odd = [
            "",
            "\u{301}",
            "2",
            "- -",
            "Trang",
            "QUYẾT ĐỊNH",
            long.as_str(),
            "\n\n\n",
        ];
        let starts = starts_of_texts(&odd);
        assert_eq!(starts.first(), Some(&1));
        let (fields, _, log) = extract_with_records(&odd);
        let docs = describe(&odd, &starts, &log, dossier_type(&fields));
        assert_eq!(docs.first().map(|d| d.pages[0]), Some(1));
        assert_eq!(docs.last().map(|d| d.pages[1]), Some(odd.len()));
        for s in odd {
            let _ = super::super::summary::summary_of(s);
        }
    }
}
