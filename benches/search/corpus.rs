//! The synthetic corpus: a fixed xorshift sequence drawing Vietnamese
//! dossiers (names, CCCD numbers, document numbers, amounts, filler
//! sentences) as page texts and sohoa page records, with what the
//! generator knows about each (the query answers) and every person the
//! corpus names (so an absent query can be checked to be absent).

use sohoa::store::{ImageInfo, PageRecord, RECORD_FORMAT};
use sohoa::text::fold;

/// xorshift64*: a fixed, dependency-free sequence (same corpus every run).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

pub const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đoàn", "Trịnh", "Lò", "Hà", "Mai", "Tạ", "Quách", "Lương",
    "Đinh", "Chu", "Lâm", "Thái", "Kiều",
];
pub const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Xuân", "Ngọc", "Hồng", "Thu", "Kim",
    "Quang", "Công", "Bá", "Đình", "Gia", "Hoài", "Khánh", "Phương", "Thế", "Trọng", "Anh", "Bảo",
    "Diệu",
];
pub const GIVEN: &[&str] = &[
    "Bảy", "Hoa", "Lan", "Hùng", "Minh", "An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hà",
    "Hải", "Hạnh", "Hiếu", "Hòa", "Hoàng", "Hương", "Huy", "Khoa", "Khánh", "Linh", "Long", "Mai",
    "Nam", "Nga", "Ngọc", "Nhung", "Phong", "Phúc", "Phương", "Quân", "Quyên", "Sơn", "Tâm",
    "Thảo", "Thắng", "Thủy", "Tiến", "Toàn", "Trang", "Trung", "Tuấn", "Tùng", "Uyên", "Vân",
    "Việt", "Vinh", "Xuân", "Yến", "Đông", "Hiền", "Lộc", "Nghĩa", "Quý", "Thịnh", "Trâm", "Loan",
    "Oanh", "Khuê",
];
pub const PROVINCES: &[(&str, &str)] = &[
    ("Bắc Ninh", "027"),
    ("Sơn La", "014"),
    ("Hà Nội", "001"),
    ("Nghệ An", "040"),
    ("Thanh Hóa", "038"),
    ("Đà Nẵng", "048"),
    ("Cần Thơ", "092"),
    ("Hải Dương", "030"),
];
pub const COMMUNES: &[&str] = &[
    "Đình Tổ",
    "Đại Tự",
    "Chiềng Ngần",
    "Tiên Du",
    "Yên Phong",
    "Đông Tiến",
    "Hòa Long",
    "Thuận Thành",
    "Phù Chẩn",
    "Tân Hồng",
    "Đồng Nguyên",
    "Vạn An",
    "Khúc Xuyên",
    "Hạp Lĩnh",
];
/// (title, number abbreviation, slug, subject)
pub const TYPES: &[(&str, &str, &str, &str)] = &[
    (
        "QUYẾT ĐỊNH",
        "QĐ",
        "quyet_dinh",
        "Về việc trợ cấp hàng tháng đối với",
    ),
    (
        "DANH SÁCH",
        "DS",
        "danh_sach",
        "Người lao động đề nghị hỗ trợ tiền thuê nhà gồm",
    ),
    (
        "ĐƠN ĐỀ NGHỊ",
        "ĐN",
        "don_de_nghi",
        "Cấp thẻ bảo hiểm y tế cho",
    ),
    (
        "GIẤY CHỨNG NHẬN",
        "GCN",
        "giay_chung_nhan",
        "Gia đình liệt sĩ của",
    ),
    (
        "BIÊN BẢN",
        "BB",
        "bien_ban",
        "Tiếp nhận trẻ em cần bảo vệ khẩn cấp là",
    ),
    (
        "HỢP ĐỒNG",
        "HĐ",
        "hop_dong",
        "Đưa người lao động đi làm việc ở nước ngoài với",
    ),
    (
        "TỜ TRÌNH",
        "TTr",
        "to_trinh",
        "Đề nghị phê duyệt hỗ trợ cho",
    ),
];
pub const FILLER: &[&str] = &[
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Pháp lệnh Ưu đãi người có công với cách mạng;",
    "Xét đề nghị của Trưởng phòng Người có công và Chánh Văn phòng Sở;",
    "Chánh Văn phòng Sở, Trưởng phòng Kế hoạch - Tài chính chịu trách nhiệm thi hành Quyết định này.",
    "Quyết định có hiệu lực kể từ ngày ký.",
    "Hồ sơ gồm bản sao giấy khai sinh, sổ hộ khẩu và giấy xác nhận của Ủy ban nhân dân xã.",
    "Ủy ban nhân dân xã xác nhận thông tin trên là đúng sự thật.",
    "Kinh phí chi trả từ nguồn ngân sách địa phương năm hiện hành.",
    "Người lao động đang làm việc tại doanh nghiệp và thuê nhà để ở trong thời gian từ ngày 01/4 đến 30/6.",
    "Trung tâm công tác xã hội tiếp nhận và chăm sóc tạm thời theo quy định.",
    "Các bên cam kết thực hiện đúng các điều khoản đã thỏa thuận trong hợp đồng.",
    "Nơi nhận: Như Điều 2; Lưu: VT, NCC.",
    "Tôi xin cam đoan những lời khai trên là đúng sự thật, nếu sai tôi xin chịu trách nhiệm trước pháp luật.",
    "Đề nghị cơ quan bảo hiểm xã hội cấp thẻ bảo hiểm y tế theo quy định.",
    "Mức hỗ trợ được tính theo số tháng thực tế thuê nhà, tối đa ba tháng.",
    "Biên bản được lập thành hai bản có giá trị pháp lý như nhau.",
];

/// What the generator knows about one dossier: the query answers.
pub struct Truth {
    pub id: String,
    pub name: String,
    pub cccd: String,
    pub doc_no: String,
    pub doc_type: &'static str,
    pub year: i64,
}

pub fn name(rng: &mut Rng) -> String {
    let mut parts = vec![rng.pick(SURNAMES)];
    parts.push(rng.pick(MIDDLE));
    if rng.below(3) == 0 {
        parts.push(rng.pick(MIDDLE));
    }
    parts.push(rng.pick(GIVEN));
    parts.join(" ")
}

pub fn cccd(rng: &mut Rng, prov: &str, year: i64) -> String {
    let century = if rng.below(2) == 0 { 0 } else { 1 }; // nam / nữ, 1900s
    format!(
        "{prov}{century}{:02}{:06}",
        year % 100,
        rng.below(1_000_000)
    )
}

/// A 12-digit number as a clerk might type it on a form.
pub fn grouped(digits: &str, style: usize) -> String {
    match style {
        0 => digits.to_string(),
        1 => format!(
            "{} {} {} {}",
            &digits[..3],
            &digits[3..6],
            &digits[6..9],
            &digits[9..]
        ),
        _ => format!(
            "{}.{}.{}.{}",
            &digits[..3],
            &digits[3..6],
            &digits[6..9],
            &digits[9..]
        ),
    }
}

pub fn money(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

pub fn filler(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| rng.pick(FILLER))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One dossier: its truth and page texts (about 120–250 words a page).
/// A dossier: its truth, its page texts, and every other (name, CCCD) its
/// pages list (so absent queries can be checked to be absent).
pub fn dossier(rng: &mut Rng, n: usize) -> (Truth, Vec<String>, Vec<(String, String)>) {
    let (title, abbr, slug, subject) = TYPES[rng.below(TYPES.len())];
    let (prov, code) = PROVINCES[rng.below(PROVINCES.len())];
    let year = 2015 + rng.below(10) as i64;
    let born = 1940 + rng.below(70) as i64;
    let person = name(rng);
    let id = cccd(rng, code, born);
    // Unique per dossier, so a document-number query has one right answer.
    let doc_no = format!("{}/{abbr}-SLĐTBXH", 10 + n);
    let commune = rng.pick(COMMUNES);
    let pages = 1 + rng.below(8);
    let mut texts = Vec::with_capacity(pages);
    let mut others = Vec::new();
    let honorific = if person.contains(" Thị ") {
        "bà"
    } else {
        "ông"
    };
    texts.push(format!(
        "UBND TỈNH {}\nSỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nSố: {doc_no}\n\
         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
         {prov}, ngày {} tháng {} năm {year}\n{title}\n{subject} {honorific} {person}\n{}\n\
         Họ và tên: {person}\nNgày sinh: {:02}/{:02}/{born}\nSố CCCD: {}\n\
         Điện thoại: 09{:08}\nNơi thường trú: thôn {}, xã {commune}, tỉnh {prov}\n\
         Mức trợ cấp: {} đồng/tháng\n{}",
        prov.to_uppercase(),
        1 + rng.below(28),
        1 + rng.below(12),
        filler(rng, 3),
        1 + rng.below(28),
        1 + rng.below(12),
        grouped(&id, rng.below(3)),
        rng.below(100_000_000),
        rng.pick(COMMUNES),
        money(500_000 + 100_000 * rng.below(40) as u64),
        filler(rng, 4),
    ));
    for p in 1..pages {
        let mut t = format!("Trang {}\n{}\n", p + 1, filler(rng, 3));
        if slug == "danh_sach" || rng.below(2) == 0 {
            for row in 0..6 {
                let other = name(rng);
                let born = 1950 + rng.below(50) as i64;
                let oid = cccd(rng, code, born);
                t.push_str(&format!(
                    "{} {other} {} {} {}\n",
                    row + 1 + 6 * p,
                    1950 + rng.below(50),
                    oid,
                    money(500_000 * (1 + rng.below(6) as u64))
                ));
                others.push((other, oid));
            }
        } else {
            t.push_str(&format!("Ông/bà {person} đã nhận đủ hồ sơ.\n"));
        }
        t.push_str(&filler(rng, 3));
        texts.push(t);
    }
    let truth = Truth {
        id: format!("{slug}/{n:07} {person}"),
        name: person,
        cccd: id,
        doc_no,
        doc_type: slug,
        year,
    };
    (truth, texts, others)
}

pub fn record(dossier: &str, p: usize, text: String) -> PageRecord {
    PageRecord {
        format: RECORD_FORMAT,
        dossier: dossier.to_string(),
        file: format!("trang {}.tif", p + 1),
        page_in_file: 0,
        pages_in_file: 1,
        content_hash: format!("blake3:{:064x}", p),
        file_size: 0,
        file_mtime: None,
        image: ImageInfo {
            width: 2480,
            height: 3508,
            dpi: Some(300.0),
            ocr_dpi: 300,
        },
        text,
        words: Vec::new(),
        mean_confidence: 90.0,
        blank: false,
        preprocess: None,
        engine: sohoa::ocr::EngineInfo::current(),
        ocr_seconds: 0.0,
        ocr_at: 0,
    }
}

/// Every name and CCCD anywhere in the corpus.
#[derive(Default)]
pub struct People {
    pub names: std::collections::HashSet<String>,
    pub ids: std::collections::HashSet<String>,
}

impl People {
    pub fn has_folded(&self, folded: &std::collections::HashSet<String>, name: &str) -> bool {
        folded.contains(&fold(name))
    }
}
