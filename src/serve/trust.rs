//! What the page says about how far to trust what it shows: each field
//! value with its check (invalid, doubtful with a suggested reading, or
//! valid), the page files the last ingest could not read, and the pages
//! OCR read with low confidence, and the folders that are copies of
//! another dossier. Everything comes from what the store and
//! the stored analysis already hold (`DossierMeta::unread`,
//! `Analysis::checks`, `PageRecord::mean_confidence`, the same threshold
//! `review` uses); reasons are said in Vietnamese (`reasons.rs`).

use super::reasons::{check_reason_vi, read_reason_vi};
use super::*;
use crate::extract::{Analysis, Check, CheckState};
use crate::ingest::LOW_CONFIDENCE;
use crate::store::Unread;

/// Keys whose values an officer copies into other systems.
const COPYABLE: [&str; 6] = [
    "citizen_id",
    "social_insurance_no",
    "health_insurance_no",
    "phone",
    "document_no",
    "amount_vnd",
];

/// The check of one field value, if it has one.
pub(super) fn check_of<'a>(analysis: &'a Analysis, key: &str, value: &str) -> Option<&'a Check> {
    analysis
        .checks
        .iter()
        .find(|c| c.key == key && c.value == value)
}

/// One field value as shown, with its check beside it and, for numbers, a
/// copy button.
pub(super) fn value_html(key: &str, v: &serde_json::Value, analysis: &Analysis) -> String {
    let raw = v.as_str().map_or_else(|| v.to_string(), str::to_string);
    let shown = value_vi(key, v);
    let mut out = format!("<span class=\"v\">{}</span>", esc(&shown));
    if COPYABLE.contains(&key) {
        let _ = write!(
            out,
            " <button type=\"button\" class=\"copy\" data-copy=\"{}\" title=\"Chép {}\">Chép</button>",
            esc(&raw),
            esc(&raw)
        );
    }
    if let Some(c) = check_of(analysis, key, &raw) {
        out.push_str(&flag_html(c));
    }
    out
}

/// The mark beside a checked value.
pub(super) fn flag_html(c: &Check) -> String {
    let reason = check_reason_vi(&c.reason);
    let page = c.page.map_or(String::new(), |p| {
        format!(" (<a href=\"#trang-{p}\">trang {p}</a>)")
    });
    match c.check {
        CheckState::Valid => format!(
            " <span class=\"flag ok\" title=\"{}\">✓<span class=\"sr\"> hợp lệ: {}</span></span>",
            esc(&reason),
            esc(&reason)
        ),
        CheckState::Invalid => format!(
            " <span class=\"flag bad\"><strong>✗ Không hợp lệ:</strong> {}{page}</span>",
            esc(&reason)
        ),
        CheckState::Doubtful => {
            let suggested = c.suggested.as_deref().map_or(String::new(), |s| {
                format!(" Có thể là: <strong class=\"sugg\">{}</strong>.", esc(s))
            });
            format!(
                " <span class=\"flag doubt\"><strong>? Cần đối chiếu:</strong> {}{page}.{suggested}</span>",
                esc(&reason)
            )
        }
    }
}

/// How an unread file is named on the page: "trang 2.jpg" or "hs.tif, trang 3".
fn unread_name(u: &Unread) -> String {
    match u.page {
        Some(p) => format!("{}, trang {p} của tệp", u.file),
        None => u.file.clone(),
    }
}

/// A page file that could not be read, shown where its page would stand.
pub(super) fn unread_html(u: &Unread, i: usize) -> String {
    format!(
        "<section class=\"page unread\" id=\"khong-doc-{i}\"><p><strong>Tệp «{}» không đọc được:</strong> \
         {}.</p><p>Trang này không có trong bản số hóa (không có ảnh, chữ hay dữ liệu trích xuất từ nó). \
         Cần kiểm tra tệp gốc và quét lại rồi nhập lại hồ sơ.</p></section>",
        esc(&unread_name(u)),
        esc(&read_reason_vi(&u.reason))
    )
}

/// True for a page worth a second look for its OCR confidence.
pub(super) fn low_confidence(page: &PageRecord) -> bool {
    !page.blank && page.mean_confidence < LOW_CONFIDENCE
}

/// The checks that are not valid (invalid or doubtful).
fn to_review(analysis: &Analysis) -> impl Iterator<Item = &Check> {
    analysis
        .checks
        .iter()
        .filter(|c| c.check != CheckState::Valid)
}

/// The box at the top of a dossier page saying what is missing or doubtful,
/// with links to where; empty when nothing is.
pub(super) fn summary_html(
    meta: &DossierMeta,
    pages: &[PageRecord],
    analysis: &Analysis,
) -> String {
    let mut items = Vec::new();
    for (i, u) in meta.unread.iter().enumerate() {
        items.push(format!(
            "<li><a href=\"#khong-doc-{i}\">Tệp «{}» không đọc được</a>: {}.</li>",
            esc(&unread_name(u)),
            esc(&read_reason_vi(&u.reason))
        ));
    }
    let review: Vec<&Check> = to_review(analysis).collect();
    if !review.is_empty() {
        items.push(format!(
            "<li><a href=\"#truong\">{} giá trị cần kiểm tra</a> (đánh dấu ✗ hoặc ? bên cạnh giá trị).</li>",
            review.len()
        ));
    }
    for (i, p) in pages.iter().enumerate() {
        if low_confidence(p) {
            let n = i + 1;
            items.push(format!(
                "<li><a href=\"#trang-{n}\">Trang {n}</a> nhận dạng với độ tin cậy thấp ({:.0}/100): \
                 nên đối chiếu với bản giấy, quét lại nếu khó đọc.</li>",
                p.mean_confidence
            ));
        }
    }
    if items.is_empty() {
        return String::new();
    }
    format!(
        "<section class=\"trust\" aria-labelledby=\"trust-h\"><h2 id=\"trust-h\">Cần lưu ý</h2><ul>{}</ul></section>",
        items.concat()
    )
}

/// Folder names that say the folder is a copy of another dossier:
/// "Quách Thị Mai (bản sao)", "… - ban sao 2", "…[BẢN SAO]".
static COPY_SUFFIX: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)(?:\s*[(\[]\s*b[aả]n\s+sao(?:\s*\d+)?\s*[)\]]|\s*[-–_]\s*b[aả]n\s+sao(?:\s*\d+)?)\s*$",
    )
    .expect("a valid pattern")
});

/// The dossier a copy's folder name says it copies (the same id without
/// "(bản sao)"); None when the name does not say so. Scanning the same
/// papers twice, once as the copy kept with another file, is common: the
/// officer should know which folder is the copy before citing it.
pub(super) fn copy_of(id: &str) -> Option<String> {
    let (parent, name) = match id.rsplit_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, id),
    };
    let m = COPY_SUFFIX.find(name)?;
    let original = name[..m.start()].trim_end();
    if original.is_empty() {
        return None;
    }
    Some(match parent {
        Some(p) => format!("{p}/{original}"),
        None => original.to_string(),
    })
}

/// The mark of a copy on results and lists.
pub(super) fn copy_flag(id: &str) -> &'static str {
    if copy_of(id).is_some() {
        " <span class=\"flag copy\">Bản sao</span>"
    } else {
        ""
    }
}

/// The marks a search hit carries: a copy, unread files and values to check.
pub(super) fn hit_flags(meta: Option<&DossierMeta>, analysis: Option<&Analysis>) -> String {
    let mut out = meta.map_or(String::new(), |m| copy_flag(&m.dossier).to_string());
    if let Some(m) = meta.filter(|m| !m.unread.is_empty()) {
        let _ = write!(
            out,
            " <span class=\"flag bad\">⚠ {} tệp không đọc được</span>",
            m.unread.len()
        );
    }
    if let Some(n) = analysis.map(|a| to_review(a).count()).filter(|&n| n > 0) {
        let _ = write!(
            out,
            " <span class=\"flag doubt\">{n} giá trị cần kiểm tra</span>"
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_names_its_original() {
        assert_eq!(
            copy_of("don-de-nghi/Quách Thị Mai (bản sao)").as_deref(),
            Some("don-de-nghi/Quách Thị Mai")
        );
        assert_eq!(
            copy_of("hs/Lò Văn Minh - BẢN SAO 2").as_deref(),
            Some("hs/Lò Văn Minh")
        );
        assert_eq!(copy_of("Nga [ban sao]").as_deref(), Some("Nga"));
        assert_eq!(copy_of("hs/Sao Mai"), None);
        assert_eq!(
            copy_of("hs/Bản sao hộ khẩu"),
            None,
            "only a suffix says copy"
        );
        assert_eq!(copy_of("hs/(bản sao)"), None);
    }

    #[test]
    fn the_summary_names_unread_files_and_low_confidence_pages() {
        let meta = DossierMeta {
            dossier: "hs".into(),
            path: "/kho/hs".into(),
            unread: vec![Unread {
                file: "b.tif".into(),
                page: Some(3),
                reason: "TIFF page 3 is truncated (10 of 20 pixels)".into(),
            }],
        };
        let good = PageRecord {
            mean_confidence: 95.0,
            ..PageRecord::for_test("hs", "a.jpg", "Quyết định")
        };
        let poor = PageRecord {
            mean_confidence: 41.5,
            ..PageRecord::for_test("hs", "c.jpg", "Qu¡ết đ¡nh")
        };
        let blank = PageRecord {
            blank: true,
            mean_confidence: 0.0,
            ..PageRecord::for_test("hs", "d.jpg", "")
        };
        let html = summary_html(&meta, &[good, poor, blank], &Analysis::default());
        assert!(
            html.contains(
                "Tệp «b.tif, trang 3 của tệp» không đọc được</a>: trang TIFF bị cắt cụt."
            ),
            "{html}"
        );
        assert!(
            html.contains(
                "<a href=\"#trang-2\">Trang 2</a> nhận dạng với độ tin cậy thấp (42/100)"
            ),
            "{html}"
        );
        assert!(
            !html.contains("#trang-3"),
            "a blank page is not a poor reading: {html}"
        );
        let none = DossierMeta {
            unread: Vec::new(),
            ..meta
        };
        assert_eq!(summary_html(&none, &[], &Analysis::default()), "");
    }
}
