//! Reasons in Vietnamese, for the page: why a value's check failed or is
//! doubtful, and why a page file could not be read. Extraction and ingest
//! say these in English (the API, `review` and the ingest report keep their
//! words); this module reads each of their sentence shapes and says it in
//! Vietnamese. A shape it does not know keeps its English words after a
//! Vietnamese lead, so nothing is ever hidden.

use super::values::date_vi;

/// A check's reason (`checks[].reason`) in Vietnamese.
pub(super) fn check_reason_vi(reason: &str) -> String {
    // Doubtful digits put their reason in front of the check's own.
    if let Some(rest) = reason.strip_prefix("read from digits OCR was unsure of (page ") {
        if let Some((page, tail)) = rest.split_once("): compare with the paper") {
            let lead = format!(
                "đọc từ những chữ số máy nhận dạng không chắc chắn (trang {page}): \
                 cần đối chiếu với bản giấy"
            );
            return match tail.strip_prefix("; ") {
                Some(more) => format!("{lead}; {}", check_reason_vi(more)),
                None => lead,
            };
        }
    }
    if let Some(inner) = reason
        .strip_prefix("possible OCR error (")
        .and_then(|r| r.strip_suffix("); compare with the paper"))
    {
        let changes: Vec<&str> = inner
            .split("; ")
            .filter_map(|c| c.split_once(':').map(|(a, _)| a.trim()))
            .filter(|c| c.contains('→'))
            .collect();
        return if changes.is_empty() {
            "có thể nhận dạng sai: cần đối chiếu với bản giấy".into()
        } else {
            format!(
                "có thể nhận dạng sai ({}): tên ít gặp hoặc không phải âm tiết tiếng Việt; \
                 cần đối chiếu với bản giấy",
                changes.join("; ")
            )
        };
    }
    if let Some(inner) = reason
        .strip_prefix("place names spelled otherwise than in the gazetteer (")
        .and_then(|r| r.strip_suffix("); compare with the paper"))
    {
        return format!(
            "địa danh viết khác danh mục đơn vị hành chính ({inner}): cần đối chiếu với bản giấy"
        );
    }
    one_check_reason(reason).unwrap_or_else(|| format!("cần kiểm tra ({reason})"))
}

/// The reasons of `extract::analyse`'s checks, one sentence each.
fn one_check_reason(r: &str) -> Option<String> {
    let fixed = match r {
        "not all digits" => Some("không phải toàn chữ số"),
        "does not match the BHYT pattern (2 letters, 13 digits)" => {
            Some("không đúng dạng số thẻ BHYT (2 chữ cái, 13 chữ số)")
        }
        "not a date" => Some("không phải là ngày tháng"),
        "birth year" => Some("năm sinh"),
        "date exists, in the past" => Some("ngày có thật, đã qua"),
        "10 digits" => Some("đủ 10 chữ số"),
        "9-digit CMND (no check digits)" => Some("số CMND 9 chữ số (không có chữ số kiểm tra)"),
        "not a 10-digit number starting with 0" => Some("không phải số 10 chữ số bắt đầu bằng 0"),
        _ => None,
    };
    if let Some(f) = fixed {
        return Some(f.to_string());
    }
    if let Some(rest) = r.strip_suffix(" digits; a CCCD has 12, a CMND 9") {
        return Some(format!("có {rest} chữ số; số CCCD có 12, CMND có 9"));
    }
    if let Some(code) = r
        .strip_prefix("province code ")
        .and_then(|x| x.strip_suffix(" does not exist"))
    {
        return Some(format!("mã tỉnh {code} không tồn tại"));
    }
    if let Some(g) = r
        .strip_prefix("gender/century digit ")
        .and_then(|x| x.strip_suffix(" is not 0–5"))
    {
        return Some(format!("chữ số giới tính và thế kỷ {g} không thuộc 0–5"));
    }
    if let Some(rest) = r.strip_prefix("gender digit ") {
        let (g, rest) = rest.split_once(" says ")?;
        let (said, is) = rest.split_once(", the person's gender is ")?;
        return Some(format!(
            "chữ số giới tính {g} ứng với {}, nhưng giới tính của người này là {}",
            sex_vi(said),
            sex_vi(is)
        ));
    }
    if let Some(rest) = r.strip_prefix("digits ") {
        let (d, rest) = rest.split_once(" say born ")?;
        let (year, born) = rest.split_once(", the date of birth says ")?;
        return Some(format!(
            "các chữ số {d} ứng với năm sinh {year}, nhưng ngày sinh ghi năm {born}"
        ));
    }
    if let Some(n) = r.strip_suffix(" characters; a BHXH number is 10 digits") {
        return Some(format!("có {n} ký tự; số BHXH gồm 10 chữ số"));
    }
    if let Some(g) = r
        .strip_prefix("beneficiary group ")
        .and_then(|x| x.strip_suffix(" does not exist"))
    {
        return Some(format!("mã đối tượng {g} không tồn tại"));
    }
    if let Some(l) = r
        .strip_prefix("benefit level ")
        .and_then(|x| x.strip_suffix(" is not 1–5"))
    {
        return Some(format!("mức hưởng {l} không thuộc 1–5"));
    }
    if let Some(rest) = r.strip_prefix("embeds BHXH number ") {
        let (a, b) = rest.split_once(", the person's BHXH number is ")?;
        return Some(format!(
            "thẻ mang số BHXH {a}, nhưng số BHXH của người này là {b}"
        ));
    }
    if let Some(y) = r
        .strip_prefix("birth year ")
        .and_then(|x| x.strip_suffix(" is in the future"))
    {
        return Some(format!("năm sinh {y} chưa đến"));
    }
    if let Some(y) = r
        .strip_prefix("birth year ")
        .and_then(|x| x.strip_suffix(" is after the signing date"))
    {
        return Some(format!("năm sinh {y} sau ngày ký văn bản"));
    }
    if let Some(d) = r
        .strip_prefix("birth date ")
        .and_then(|x| x.strip_suffix(" is in the future"))
    {
        return Some(format!("ngày sinh {} chưa đến", date_vi(d)));
    }
    if let Some(rest) = r.strip_prefix("birth date ") {
        let (d, s) = rest.split_once(" is after the signing date ")?;
        return Some(format!(
            "ngày sinh {} sau ngày ký {}",
            date_vi(d),
            date_vi(s)
        ));
    }
    if let Some(y) = r
        .strip_prefix("born ")
        .and_then(|x| x.strip_suffix(": more than 130 years ago"))
    {
        return Some(format!("sinh năm {y}: cách đây hơn 130 năm"));
    }
    if let Some(d) = r
        .strip_prefix("signing date ")
        .and_then(|x| x.strip_suffix(" is in the future"))
    {
        return Some(format!("ngày ký {} chưa đến", date_vi(d)));
    }
    if let Some(d) = r
        .strip_prefix("signing date ")
        .and_then(|x| x.strip_suffix(" is before 1945-09-02"))
    {
        return Some(format!("ngày ký {} trước ngày 02/09/1945", date_vi(d)));
    }
    if let Some(d) = r.strip_suffix(" does not exist") {
        if d.len() == 10 && d.as_bytes()[4] == b'-' {
            return Some(format!("ngày {} không có thật", date_vi(d)));
        }
    }
    if let Some(rest) = r.strip_prefix("CCCD: ") {
        // "Bắc Ninh (now Hưng Yên), nữ, born 1979"
        let mut parts = rest.rsplitn(3, ", ");
        let born = parts.next()?.strip_prefix("born ")?;
        let sex = parts.next()?;
        let place = parts.next()?.replace(" (now ", " (nay thuộc ");
        return Some(format!(
            "CCCD cấp theo mã tỉnh {place}, {}, sinh năm {born}",
            sex_vi(sex)
        ));
    }
    if let Some(rest) = r.strip_prefix("BHYT: group ") {
        let (group, rest) = rest.split_once(", level ")?;
        let (level, place) = rest.split_once(", ")?;
        return Some(format!(
            "thẻ BHYT: mã đối tượng {group}, mức hưởng {level}, {place}"
        ));
    }
    None
}

fn sex_vi(s: &str) -> &str {
    match s {
        "nam" => "nam",
        "nữ" | "nu" => "nữ",
        other => other,
    }
}

/// Why a page file could not be read (the ingest report's reason), in
/// Vietnamese.
pub(super) fn read_reason_vi(reason: &str) -> String {
    let fixed = [
        ("empty file", "tệp rỗng (0 byte)"),
        (
            "not a JPEG, PNG, TIFF or PDF",
            "không phải tệp JPEG, PNG, TIFF hay PDF (nội dung không nhận ra được)",
        ),
        (
            "truncated JPEG",
            "tệp JPEG bị cắt cụt: dữ liệu ảnh không có dấu kết thúc (quét hoặc sao chép bị ngắt giữa chừng?)",
        ),
        ("TIFF holds only thumbnails", "tệp TIFF chỉ có ảnh thu nhỏ, không có trang"),
        ("TIFF has more than", "tệp TIFF có quá nhiều trang"),
        ("PDF has no pages", "tệp PDF không có trang nào"),
        ("PDF has more than", "tệp PDF có quá nhiều trang"),
        ("file changed while being ingested", "tệp bị thay đổi trong lúc nhập; cần nhập lại"),
        ("cannot read", "không mở được tệp"),
        ("image of ", "ảnh quá lớn hoặc rỗng"),
        ("internal error", "lỗi nội bộ của chương trình khi đọc tệp"),
    ];
    for (en, vi) in fixed {
        if reason.starts_with(en) {
            return vi.to_string();
        }
    }
    if reason.starts_with("TIFF page") && reason.contains("truncated") {
        return "trang TIFF bị cắt cụt".into();
    }
    if reason.starts_with("PDF page") {
        return "trang PDF không dựng được thành ảnh".into();
    }
    format!("tệp hỏng hoặc không đọc được ({reason})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_reasons_are_said_in_vietnamese() {
        assert_eq!(
            check_reason_vi("province code 099 does not exist"),
            "mã tỉnh 099 không tồn tại"
        );
        assert_eq!(
            check_reason_vi("gender digit 0 says nam, the person's gender is nữ"),
            "chữ số giới tính 0 ứng với nam, nhưng giới tính của người này là nữ"
        );
        assert_eq!(
            check_reason_vi("CCCD: Thái Bình (now Hưng Yên), nam, born 1993"),
            "CCCD cấp theo mã tỉnh Thái Bình (nay thuộc Hưng Yên), nam, sinh năm 1993"
        );
        assert_eq!(
            check_reason_vi("2023-02-30 does not exist"),
            "ngày 30/02/2023 không có thật"
        );
        let doubt = check_reason_vi(
            "read from digits OCR was unsure of (page 2): compare with the paper; \
             province code 99 does not exist",
        );
        assert!(doubt.starts_with("đọc từ những chữ số"), "{doubt}");
        assert!(doubt.ends_with("mã tỉnh 99 không tồn tại"), "{doubt}");
        let name = check_reason_vi(
            "possible OCR error (Tuần → Tuấn: Tuần is not a usual given or middle name; \
             Tuấn is one mark away (ầ→ấ) and a usual name); compare with the paper",
        );
        assert!(name.contains("(Tuần → Tuấn)"), "{name}");
        // An unknown shape keeps its words after a Vietnamese lead.
        assert_eq!(check_reason_vi("odd"), "cần kiểm tra (odd)");
    }

    #[test]
    fn read_reasons_are_said_in_vietnamese() {
        let r = read_reason_vi(
            "truncated JPEG: the image data has no end marker (an interrupted scan or copy?)",
        );
        assert!(r.starts_with("tệp JPEG bị cắt cụt"), "{r}");
        assert_eq!(read_reason_vi("empty file"), "tệp rỗng (0 byte)");
        assert!(read_reason_vi("strange").contains("(strange)"));
    }
}
