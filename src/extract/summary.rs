//! A document's trích yếu (summary): what it is about, as printed.
//!
//! An archive's catalogue names each document by its type, number, date
//! and trích yếu. Nghị định 30/2020/NĐ-CP puts it in one of three places: a
//! công văn's "V/v …" line under its number (wrapped in the narrow left
//! column), the "Về việc …" line under a title, or the title's own subject
//! line ("ĐƠN ĐỀ NGHỊ" / "Giải quyết chế độ …", "GIẤY CHỨNG NHẬN" / "GIA
//! ĐÌNH LIỆT SĨ"). This file finds it in a page's first lines and keeps it
//! as printed (NFC, spaces made single), stopping at the body, a label, the
//! authority that decides, a note in brackets or the motto.

use std::sync::LazyLock;

use regex::Regex;

use super::documents::{HEADER_LINES, TOP_LINES};
use super::header::{signed_date_of_line, title_match, RE_MOTTO_PRESENT, RE_VV};
use super::lines::{clean_value, is_line_break, re, Line};

/// Lines that cannot be part of a summary: the body, a label, an office, a
/// note in brackets, a section or table heading.
static RE_NOT_SUMMARY: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"^[^\p{L}\p{N}(]{0,3}(?:KINH\s+GUI|CAN\s+CU|DIEU\s+\d|XET\b|NOI\s+NHAN|HOM\s+NAY|STT\b",
        r"|TOI\s+TEN|HO\s+(?:VA\s+)?TEN|CHUNG\s+NHAN\b|THUC\s+HIEN\b|THEO\s+DE\s+NGHI|SO\s*[:.]",
        r"|[IVX]{1,4}\s*[.-]\s|\(|(?:KT|TM|TL|TUQ|Q)\s*\.)",
    ))
});

/// Offices and bodies in capitals under a title ("GIÁM ĐỐC SỞ …",
/// "CHỦ TỊCH ỦY BAN NHÂN DÂN …"): the authority that decides, no subject.
static RE_AUTHORITY: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"^[^\p{L}\p{N}]{0,3}(?:PHO\s+)?(?:GIAM\s+DOC|CHU\s+TICH|BO\s+TRUONG|THU\s+TRUONG",
        r"|TRUONG\s+(?:PHONG|BAN)|CHANH\s+VAN\s+PHONG|TONG\s+GIAM\s+DOC|UY\s+BAN\s+NHAN\s+DAN",
        r"|HOI\s+DONG|CHINH\s+PHU|THU\s+TUONG)\b",
    ))
});

/// A page's trích yếu: the "V/v …" line under the number (with the lines
/// it wraps onto), else the title's subject: the rest of the title line,
/// the "Về việc …" line after it, or the line in capitals or mixed case
/// under it ("ĐƠN ĐỀ NGHỊ" / "Giải quyết chế độ …"). As printed, NFC.
pub(super) fn summary_of(text: &str) -> Option<String> {
    // Lines of the top with whether a blank line stands before each.
    // Read up to the title and the few lines its subject may take.
    let mut lines: Vec<(Line, bool)> = Vec::new();
    let mut title: Option<(usize, usize)> = None;
    let mut gap = false;
    for l in text.split(is_line_break) {
        if !l.chars().any(char::is_alphanumeric) {
            gap = true;
            continue;
        }
        let line = Line::new(&crate::text::nfc(l));
        if title.is_none() {
            title = title_match(&line).map(|(_, end)| (lines.len(), end));
        }
        lines.push((line, gap));
        gap = false;
        let enough = title.map_or(TOP_LINES, |(t, _)| (t + 4).min(TOP_LINES));
        if lines.len() >= enough {
            break;
        }
    }
    let plain: Vec<&Line> = lines.iter().map(|(l, _)| l).collect();
    let title_at = title.map(|(t, _)| t);
    // A "V/v" line in the header, above the title.
    let header_end = title_at.unwrap_or(plain.len().min(HEADER_LINES));
    if let Some(i) = (0..header_end).find(|&i| RE_VV.is_match(&plain[i].folded)) {
        let wrapped = wrapped_lines(&lines[i + 1..], |l| !mostly_upper(l), 3);
        return joined(&plain[i..=i + wrapped]);
    }
    let (i, end) = title?;
    let rest = clean_value(plain[i].orig_from(end));
    if rest.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !rest.starts_with(':') {
        return Some(rest);
    }
    // The subject stands under its title (OCR may put a blank line between
    // the larger title and it).
    let (next, _) = lines.get(i + 1)?;
    if is_stop(next) {
        return None;
    }
    let upper = mostly_upper(next);
    let wrapped = if upper {
        wrapped_lines(&lines[i + 2..], mostly_upper, 2)
    } else {
        wrapped_lines(&lines[i + 2..], starts_lower, 2)
    };
    joined(&plain[i + 1..=i + 1 + wrapped])
}

/// How many of `lines` continue the line before them: adjacent (no blank
/// line between), of the same kind (`same`), no stop line; at most `max`.
fn wrapped_lines(lines: &[(Line, bool)], same: impl Fn(&Line) -> bool, max: usize) -> usize {
    lines
        .iter()
        .take(max)
        .take_while(|(l, gap)| !gap && same(l) && !is_stop(l))
        .count()
}

fn is_stop(line: &Line) -> bool {
    RE_NOT_SUMMARY.is_match(&line.folded)
        || RE_AUTHORITY.is_match(&line.folded)
        || RE_MOTTO_PRESENT.is_match(&line.folded)
        || title_match(line).is_some()
        || signed_date_of_line(line, None).is_some()
        // A label and its value ("Họ và tên: …", "Kính gửi: …").
        || line.folded.get(..40.min(line.folded.len())).is_some_and(|h| h.contains(':'))
}

fn letters_upper(line: &Line) -> (usize, usize) {
    line.text
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(u, n), c| {
            (u + usize::from(c.is_uppercase()), n + 1)
        })
}

fn mostly_upper(line: &Line) -> bool {
    let (upper, letters) = letters_upper(line);
    letters > 0 && upper * 10 >= letters * 8
}

fn starts_lower(line: &Line) -> bool {
    line.text
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

/// Lines joined with single spaces, framing punctuation trimmed.
fn joined(lines: &[&Line]) -> Option<String> {
    let text = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let value = clean_value(&text);
    let value = value.trim_end_matches(['(', '/']).trim_end().to_string();
    (value.chars().filter(|c| c.is_alphabetic()).count() >= 3).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_as_printed() {
        let s = |t: &str| summary_of(t);
        // "V/v" under the number, wrapped in the narrow left column.
        assert_eq!(
            s(
                "SỞ Y TẾ BẮC NINH\nBỆNH VIỆN ĐA KHOA TỈNH\nSố: 6191/BVT-TCKT\n\
               V/v Đăng tải thông tin lựa chọn\nđơn vị thực hiện tổ chức đấu giá\n\
               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nKính gửi: Sở Tài chính"
            )
            .as_deref(),
            Some("V/v Đăng tải thông tin lựa chọn đơn vị thực hiện tổ chức đấu giá")
        );
        // The subject on the title line itself.
        assert_eq!(
            s("DANH SÁCH HỘ NGHÈO NĂM 2023\nSTT Họ và tên").as_deref(),
            Some("HỘ NGHÈO NĂM 2023")
        );
        // A subject in capitals over two lines, then the body.
        assert_eq!(
            s(
                "GIẤY CHỨNG NHẬN\nNGƯỜI HOẠT ĐỘNG KHÁNG CHIẾN\nBỊ NHIỄM CHẤT ĐỘC HÓA HỌC\n\
               Sở Lao động - Thương binh và Xã hội tỉnh Bắc Ninh"
            )
            .as_deref(),
            Some("NGƯỜI HOẠT ĐỘNG KHÁNG CHIẾN BỊ NHIỄM CHẤT ĐỘC HÓA HỌC")
        );
        // After a blank line OCR put between the title and its subject.
        assert_eq!(
            s("BIÊN BẢN\n\nTiếp nhận trẻ em cần sự bảo vệ khẩn cấp\n\nHôm nay, vào hồi 09 giờ")
                .as_deref(),
            Some("Tiếp nhận trẻ em cần sự bảo vệ khẩn cấp")
        );
        // Toneless OCR stays as read; NFD input comes out NFC.
        assert_eq!(
            s("QUYET DINH\nVe viec tro cap hang thang\nCAN CU").as_deref(),
            Some("Ve viec tro cap hang thang")
        );
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "TỜ TRÌNH\nVề việc hỗ trợ học nghề".nfd().collect();
        assert_eq!(s(&nfd).as_deref(), Some("Về việc hỗ trợ học nghề"));
        // No subject: a label, the authority, a note in brackets, nothing.
        assert_eq!(
            s("GIẤY XÁC NHẬN\nỦy ban nhân dân xã Đình Tổ xác nhận:"),
            None
        );
        assert_eq!(
            s("QUYẾT ĐỊNH\nCHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN TIÊN DU"),
            None
        );
        assert_eq!(
            s("TRÍCH LỤC KHAI SINH\n(BẢN SAO)\nHọ, chữ đệm, tên: LÒ THỊ MAI"),
            None
        );
        assert_eq!(s("ĐƠN ĐỀ NGHỊ"), None);
        assert_eq!(s("Điều 2. Quyết định này có hiệu lực kể từ ngày ký."), None);
    }
}
